"""``hlo-design workspace init DIR``: a folder of one's own for cases, reports and meeting data.

Creating it is one command so that the layout (``cases/``, ``reports/``)
is the one every other command expects; ``--with-examples`` copies the four
example cases in, to try the workbook out or to start from one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hlo_design.base.config import EXAMPLE_CASES_DIR
from hlo_design.base.workspace import WORKSPACE_ENV, init_workspace

__all__ = ["add_workspace_commands"]


def add_workspace_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``workspace init`` to the ``hlo-design`` parser."""
    workspace = commands.add_parser("workspace", help="create a workspace for your own cases and reports")
    actions = workspace.add_subparsers(required=True, metavar="ACTION")
    init = actions.add_parser("init", help="create DIR/cases and DIR/reports (an existing workspace is kept)")
    init.add_argument("dir", type=Path, metavar="DIR")
    init.add_argument("--with-examples", action="store_true", help="copy the example cases into DIR/cases")
    init.set_defaults(command=_init)


def _init(arguments: argparse.Namespace) -> int:
    created = init_workspace(arguments.dir, EXAMPLE_CASES_DIR if arguments.with_examples else None)
    cases = sorted(path.stem for path in created.cases.glob("*.yaml"))
    print(
        f"workspace {arguments.dir}: cases in {created.cases} ({', '.join(cases) or 'none yet'}), reports in {created.reports}"
    )
    print(
        f"use it with `hlo-design --workspace {arguments.dir} …`, with {WORKSPACE_ENV}={arguments.dir}, "
        "or by running hlo-design inside it"
    )
    return 0
