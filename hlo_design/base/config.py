"""Every path the workbook uses, hung off two roots: the tool's resources and the user's workspace.

Keeping paths in one place means notebooks, the CLI, the batch runner and the
tests agree on where cases, catalogues, templates and notebooks live, whether
the package runs from a clone, from an installed wheel, from papermill's
working directory or from Voilà's.

The tool's own files (catalogues, notebooks, templates, example cases) sit
beside the package in a clone, and inside it, as ``hlo_design/_resources/``,
in an installed wheel (``setup.py`` copies them there when the wheel is
built). The clone wins when both exist, so ``make run``, the tests and
editable installs read the files being edited. The user's files (cases,
reports, meeting data) live in a workspace: see :mod:`hlo_design.base.workspace`.
"""

from __future__ import annotations

import os
from pathlib import Path

from hlo_design.base.workspace import Folders, resolve_folders

__all__ = [
    "CASES_DIR",
    "DATA_DIR",
    "EXAMPLE_CASES_DIR",
    "FOLDERS",
    "NOTEBOOKS_DIR",
    "PACKAGE_DIR",
    "PROJECT_ROOT",
    "REPORTS_DIR",
    "RESOURCES",
    "TEMPLATES_DIR",
    "folders",
    "resources_root",
]

PACKAGE_DIR: Path = Path(__file__).resolve().parents[1]
RESOURCES = "_resources"
"""The folder inside the installed package that holds data/, notebooks/ and templates/."""
RESOURCE_FOLDERS = ("data", "notebooks", "templates")


def resources_root(package_dir: Path) -> Path:
    """The folder holding data/, notebooks/ and templates/: the clone around the package if any, else the wheel's copy."""
    clone = package_dir.parent
    if all((clone / name).is_dir() for name in RESOURCE_FOLDERS):
        return clone
    return package_dir / RESOURCES


PROJECT_ROOT: Path = Path(os.environ.get("HLO_DESIGN_ROOT") or resources_root(PACKAGE_DIR))
DATA_DIR: Path = PROJECT_ROOT / "data"
EXAMPLE_CASES_DIR: Path = DATA_DIR / "cases"
TEMPLATES_DIR: Path = PROJECT_ROOT / "templates"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"


def folders(workspace: Path | None = None) -> Folders:
    """The cases and reports folders for this process, or for the workspace given on the command line.

    Without a workspace: the example cases, and the reports beside them in a
    clone (as before workspaces) or in ``./reports`` when installed, since the
    installed package is no place to write to.
    """
    in_clone = PROJECT_ROOT != PACKAGE_DIR / RESOURCES
    reports = PROJECT_ROOT / "reports" if in_clone else Path.cwd() / "reports"
    return resolve_folders(workspace, os.environ, Path.cwd(), examples=EXAMPLE_CASES_DIR, reports=reports)


FOLDERS: Folders = folders()
CASES_DIR: Path = FOLDERS.cases
REPORTS_DIR: Path = FOLDERS.reports
