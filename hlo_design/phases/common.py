"""Pieces every phase notebook shares: where reports go and how a dashboard offers a file.

The batch and the notebooks agree on one path per case, phase and language
(``<output_dir>/<case>/<phase>.html``, ``<phase>.en.html`` in English). In a
dashboard nothing is written on the server: the page offers the file as a
data-URI download instead, built when the group asks for it.
"""

from __future__ import annotations

from pathlib import Path

from hlo_design.model.case import Case

__all__ = ["report_path"]


def report_path(output_dir: Path, case: Case, phase: str, language: str) -> Path:
    """Where the batch and the notebook put a case's report of ``phase``."""
    suffix = "" if language == "nl" else f".{language}"
    return output_dir / case.id / f"{phase}{suffix}.html"
