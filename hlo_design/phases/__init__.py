"""The phases a learning community goes through; one package per notebook.

Each package holds the notebook's cells (``sections``) and the phase's report
(``report``); sections build on the report, never the reverse, and the
packages do not import each other (both are import-linter contracts or
tests). What they share sits in :mod:`hlo_design.phases.common`; the list of
phases itself is :mod:`hlo_design.base.workflow`.
"""
