"""Every path the workbook uses, hung off one root.

Keeping paths in one place means notebooks, the CLI, the batch runner and the
tests agree on where cases, catalogues, templates and notebooks live, whether
the package runs from a clone, from papermill's working directory or from
Voilà's.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CASES_DIR",
    "DATA_DIR",
    "NOTEBOOKS_DIR",
    "PROJECT_ROOT",
    "TEMPLATES_DIR",
]

PROJECT_ROOT: Path = Path(os.environ.get("HLO_DESIGN_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR: Path = PROJECT_ROOT / "data"
CASES_DIR: Path = Path(os.environ.get("HLO_DESIGN_CASES", DATA_DIR / "cases"))
TEMPLATES_DIR: Path = PROJECT_ROOT / "templates"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
