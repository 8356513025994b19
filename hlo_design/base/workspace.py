"""The user's workspace: a folder of their own for cases, reports and meeting data, apart from the tool.

An installed workbook lives in ``site-packages``, where nobody should keep the
cases of their learning community, and one person may keep several workspaces
(one per school, a scratch one for a course). So every folder the user writes
to is found here, in one place, by one rule that the command line, the
notebooks under papermill and the Voilà kernels all follow:

1. ``hlo-design --workspace DIR`` (the command line only);
2. ``$HLO_DESIGN_CASES`` / ``$HLO_DESIGN_REPORTS``: exact folders, which the
   command line hands to every process it starts (Voilà's kernels, papermill's),
   since those cannot see its options;
3. ``$HLO_DESIGN_WORKSPACE``;
4. the current folder, when it holds ``cases/``;
5. none: the example cases bundled with the workbook, as before workspaces.

A workspace holds ``cases/*.yaml``, ``reports/`` and, beside the cases, the
meeting store ``cases/.meetings.sqlite3`` (see :func:`hlo_design.meeting.store.store_url`).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CASES_ENV",
    "REPORTS_ENV",
    "WORKSPACE_ENV",
    "Folders",
    "find_workspace",
    "init_workspace",
    "resolve_folders",
]

WORKSPACE_ENV = "HLO_DESIGN_WORKSPACE"
CASES_ENV = "HLO_DESIGN_CASES"
REPORTS_ENV = "HLO_DESIGN_REPORTS"
CASES = "cases"
REPORTS = "reports"


@dataclass(frozen=True)
class Folders:
    """Where cases are read and written and where reports go; ``workspace`` is ``None`` for the examples."""

    cases: Path
    reports: Path
    workspace: Path | None = None

    def environment(self) -> dict[str, str]:
        """The variables that make a process started from here (a kernel, a worker) use the same folders."""
        return {CASES_ENV: str(self.cases), REPORTS_ENV: str(self.reports)}


def find_workspace(option: Path | None, environ: Mapping[str, str], cwd: Path) -> Path | None:
    """The workspace folder by rules 1, 3 and 4 of the module docstring (absolute), or ``None``."""
    if option is not None:
        return cwd / option
    if environ.get(WORKSPACE_ENV):
        return cwd / environ[WORKSPACE_ENV]
    if (cwd / CASES).is_dir():
        return cwd
    return None


def resolve_folders(
    option: Path | None, environ: Mapping[str, str], cwd: Path, *, examples: Path, reports: Path
) -> Folders:
    """The folders to use: ``examples`` and ``reports`` when no workspace is chosen (rule 5).

    An explicit ``--workspace`` beats folders handed down in the environment:
    the person typing it means that workspace, whatever their shell exports.
    """
    workspace = find_workspace(option, environ, cwd)
    handed_down = {} if option is not None else environ
    if workspace is not None:
        examples, reports = workspace / CASES, workspace / REPORTS
    return Folders(
        cwd / (handed_down.get(CASES_ENV) or examples), cwd / (handed_down.get(REPORTS_ENV) or reports), workspace
    )


def init_workspace(root: Path, examples: Path | None = None) -> Folders:
    """Create a workspace at ``root`` (``cases/``, ``reports/``); copy the example cases from ``examples`` if given.

    A case file already in the workspace is never overwritten: ``init`` on an
    existing workspace only adds what is missing.
    """
    folders = Folders(root / CASES, root / REPORTS, root)
    folders.cases.mkdir(parents=True, exist_ok=True)
    folders.reports.mkdir(parents=True, exist_ok=True)
    for example in sorted(examples.glob("*.yaml")) if examples else []:
        target = folders.cases / example.name
        if not target.exists():
            shutil.copyfile(example, target)
    return folders
