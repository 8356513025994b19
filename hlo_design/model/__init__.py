"""The case model: one module per section of a case file, ``case.py`` last.

Records are small, frozen and validated by pydantic; rules that need the whole
case (references between sections) live in :mod:`hlo_design.model.case`.
This package imports only :mod:`hlo_design.base`.
"""
