"""The ``hlo-design`` command: validate cases, summarise, draw, start new ones.

Every command works on one workspace (``--workspace DIR``, ``$HLO_DESIGN_WORKSPACE``,
the current folder when it holds ``cases/``, else the example cases; see
:mod:`hlo_design.base.workspace`): it passes that workspace's cases folder to
what it calls, and exports it to every process it starts (Voilà and its
kernels, the batch's workers and their kernels), which read it at import.

Bad input never ends in a traceback: every :class:`WorkbookError` is printed
as its message (file, line, field, fix), a folder that cannot be written
(read-only, full) as the file and the reason, and the command exits with 1.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from hlo_design.analysis.case_warnings import case_warnings, located_warning
from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.app.batch import JobResult, planned_runs, run_batch, write_index
from hlo_design.app.kernel_budget import KERNEL_MB, default_max_kernels
from hlo_design.app.meeting_cli import add_meeting_commands, join_url
from hlo_design.app.serve import DEFAULT_POOL, DEFAULT_PORT, LANDING_PAGE, check_budget, choose_port, voila_command
from hlo_design.app.workspace_cli import add_workspace_commands
from hlo_design.base.config import folders
from hlo_design.base.errors import CaseFileError, WorkbookError
from hlo_design.base.vocabulary import LANGUAGES, REGIONS, Vocabulary
from hlo_design.base.workflow import PHASES
from hlo_design.casefile.history import find_version, versions
from hlo_design.casefile.loading import case_ids, find_case_file, load_case
from hlo_design.casefile.saving import restore_version
from hlo_design.casefile.starter import write_starter
from hlo_design.casefile.yaml_source import parse_yaml, read_case_bytes
from hlo_design.meeting.participation import JOIN_URL_ENV
from hlo_design.meeting.store import STORE_ENV
from hlo_design.model.case import Case
from hlo_design.render.figures import quadrant_map

__all__ = ["main"]

SYSTEM_CHROMIUM = "/usr/bin/chromium"
CASE_HELP = "a case id from the workspace's cases/ (or the examples) or a path"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    command: Callable[[argparse.Namespace], int] = arguments.command
    arguments.folders = folders(arguments.workspace)
    try:
        with _exported(arguments.folders.environment()):
            return command(arguments)
    except WorkbookError as error:
        print(f"hlo-design: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a read-only or full folder: say which file, not a traceback
        where = error.filename or "a file"
        print(
            f"hlo-design: cannot write {where}: {error.strerror or error}; choose a folder you may write to",
            file=sys.stderr,
        )
        return 1


@contextmanager
def _exported(variables: Mapping[str, str]) -> Iterator[None]:
    """``variables`` in this process's environment while a command runs, for the processes it starts.

    Put back afterwards, so that calling :func:`main` (as the tests do) leaves the caller's environment as it was.
    """
    before = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hlo-design", description="Design workbook for hybrid learning environments.")
    parser.add_argument(
        "--workspace", type=Path, default=None, metavar="DIR",
        help="the folder with your cases/ and reports/ (default: $HLO_DESIGN_WORKSPACE, "
        "the current folder if it holds cases/, else the example cases)",
    )  # fmt: skip
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check case files; lists every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(command=_validate)

    summary = commands.add_parser("summary", help="hours per quadrant and per side of each axis")
    summary.add_argument("case", metavar="CASE", help=CASE_HELP)
    summary.add_argument("--format", choices=["table", "json"], default="table")
    summary.add_argument("--language", choices=LANGUAGES, default="nl")
    summary.set_defaults(command=_summary)

    figure = commands.add_parser("figure", help="draw the quadrant map as HTML or PNG")
    figure.add_argument("case", metavar="CASE")
    figure.add_argument("--out", required=True, type=Path, metavar="FILE", help="ends in .html or .png")
    figure.add_argument("--language", choices=LANGUAGES, default="nl")
    figure.set_defaults(command=_figure)

    batch = commands.add_parser("batch", help="run phase notebooks for many cases with papermill, in parallel")
    batch.add_argument("--phase", required=True, help=f"{', '.join(p.id for p in PHASES)} or all")
    batch.add_argument(
        "--case", action="append", dest="cases", metavar="ID", help="a case id (repeat; default: all cases)"
    )
    batch.add_argument(
        "--sector", type=_filter_value, default=None, metavar="NAME",
        help="only the cases whose sector contains NAME (any case); also writes DIR/sector-NAME.html, them side by side",
    )  # fmt: skip
    batch.add_argument("--region", type=str.upper, choices=REGIONS, default=None, help="only the cases of this region")
    batch.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="where the reports go (default: the workspace's reports/)"
    )
    batch.add_argument(
        "--workers",
        type=int,
        default=None,
        help="notebooks run at once, each in its own kernel (default: one per core)",
    )
    batch.add_argument(
        "--scheduler", default=None, metavar="tcp://HOST:PORT",
        help="run the notebooks on this Dask cluster instead of local processes; its workers must see the "
        "cases and --out under the same paths (a shared filesystem)",
    )  # fmt: skip
    batch.add_argument("--language", choices=LANGUAGES, default="nl")
    batch.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="time limit per notebook run (default: none)"
    )
    batch.add_argument(
        "--keep-notebooks", action="store_true",
        help="keep the executed notebooks of the runs that worked (default: only reports and the index remain)",
    )  # fmt: skip
    batch.set_defaults(command=_batch)

    serve = commands.add_parser("serve", help="start the Voilà workbook (landing page, phase dashboards)")
    serve.add_argument(
        "--port", type=int, default=None,
        help=f"port to listen on; fails if it is taken (default: {DEFAULT_PORT}, or the next free port)",
    )  # fmt: skip
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    serve.add_argument("--no-browser", action="store_true", help="do not open a browser")
    serve.add_argument(
        "--pool", type=int, default=DEFAULT_POOL, metavar="N",
        help=f"pre-heated kernels kept ready per notebook; 0 starts a kernel per page view (default: {DEFAULT_POOL})",
    )  # fmt: skip
    serve.add_argument(
        "--base-url", default="/", metavar="PATH",
        help="path in front of every address in the pages, for a proxy that strips it (JupyterHub: /user/NAME/)",
    )  # fmt: skip
    serve.add_argument(
        "--max-kernels", type=int, default=None, metavar="N",
        help="most kernels at a time, pool kernels included; a page view beyond it gets a 'try again in a minute' "
        f"page (HTTP 503) (default: what the memory holds, (total - 1 GB) / {KERNEL_MB} MB, at least 2)",
    )  # fmt: skip
    serve.add_argument(
        "--store", default=None, metavar="URL",
        help="meeting store, e.g. postgresql+psycopg://user@host/db (default: a SQLite file beside the cases)",
    )  # fmt: skip
    serve.set_defaults(command=_serve)
    add_meeting_commands(commands)

    history = commands.add_parser("history", help="list the kept earlier versions of a case file, newest first")
    history.add_argument("case", metavar="CASE", help=CASE_HELP)
    history.set_defaults(command=_history)

    restore = commands.add_parser("restore", help="put a kept earlier version of a case file back")
    restore.add_argument("case", metavar="CASE", help=CASE_HELP)
    restore.add_argument("version", metavar="VERSION", help="a version as `hlo-design history` lists it")
    restore.set_defaults(command=_restore)

    new = commands.add_parser("new", help="write a starter case file")
    new.add_argument("id", metavar="ID")
    new.add_argument("--dir", type=Path, default=None, help="where to write it (default: the workspace's cases/)")
    new.set_defaults(command=_new)
    add_workspace_commands(commands)
    return parser


def _validate(arguments: argparse.Namespace) -> int:
    failed = 0
    for path in arguments.paths:
        try:
            case = load_case(Path(path))
        except CaseFileError as error:
            failed += 1
            print(str(error), file=sys.stderr)
        else:
            print(f"{path}: ok ({len(case.activities)} activities, {len(case.findings)} findings)")
            _print_warnings(path, case)
    if failed:
        print(f"{failed} of {len(arguments.paths)} files have problems", file=sys.stderr)
    return 1 if failed else 0


def _print_warnings(path: str, case: Case) -> None:
    """Doubtful facts of a valid file, at their line; they do not fail the file."""
    warnings = case_warnings(case)
    if warnings:
        lines = parse_yaml(read_case_bytes(Path(path)), path)
        vocabulary = Vocabulary(region=case.region)
        for warning in warnings:
            print(located_warning(warning, path, lines.line_of, vocabulary))


def _summary(arguments: argparse.Namespace) -> int:
    case = load_case(arguments.case, arguments.folders.cases)
    result = summarise(case.id, case.activities)
    if arguments.format == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return 0
    vocabulary = Vocabulary(arguments.language, case.region)
    print(f"{case.name} ({case.sector}, {case.region})\n")
    print(result.quadrant_table(vocabulary).to_string())
    print()
    print(result.side_table(vocabulary).to_string())
    return 0


def _figure(arguments: argparse.Namespace) -> int:
    case = load_case(arguments.case, arguments.folders.cases)
    figure = quadrant_map(case, Vocabulary(arguments.language, case.region))
    out: Path = arguments.out
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".html":
        figure.write_html(out, include_plotlyjs=True, full_html=True)
    elif out.suffix == ".png":
        os.environ.setdefault("BROWSER_PATH", SYSTEM_CHROMIUM)
        figure.write_image(out, width=1200, height=900, scale=1)
    else:
        raise WorkbookError(f"{out}: unknown figure format {out.suffix!r}; use .html or .png")
    print(f"wrote {out}")
    return 0


def _filter_value(text: str) -> str:
    """A filter as typed, trimmed; an empty one would match every case, so it is refused."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text.strip()


def _batch(arguments: argparse.Namespace) -> int:
    cases_dir: Path = arguments.folders.cases
    for case_id in arguments.cases or []:
        find_case_file(case_id, cases_dir)  # an unknown id fails before any kernel starts
    cases = arguments.cases or case_ids(cases_dir)
    if not cases:
        raise WorkbookError(f"{cases_dir}: no case files; `hlo-design new ID` writes one")
    out: Path = arguments.out or arguments.folders.reports
    sector, region = arguments.sector, arguments.region
    total = planned_runs(arguments.phase, cases, sector, region, cases_dir)  # a filter matching nothing fails here
    with tqdm(total=total, desc=f"hlo-design batch {arguments.phase}", unit="run") as progress:
        results = run_batch(
            arguments.phase, cases, out, workers=arguments.workers,
            language=arguments.language, timeout=arguments.timeout, on_done=progress.update,
            sector=sector, region=region, keep_notebooks=arguments.keep_notebooks, cases_dir=cases_dir,
            scheduler=arguments.scheduler,
        )  # fmt: skip
    index = write_index(results, out, Vocabulary(arguments.language), cases_dir, sector or "", region or "")
    print(_results_table(results))
    failed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(failed)} succeeded, {len(failed)} failed; index: {index}")
    return 1 if failed else 0


def _results_table(results: Sequence[JobResult]) -> str:
    rows = [("case", "phase", "status", "seconds", "report / reason")]
    for r in results:
        detail = str(r.report) if r.ok else r.reason
        rows.append((r.case, r.phase, "ok" if r.ok else "FAILED", f"{r.seconds:.1f}", detail))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4] for row in rows
    )


def _serve(arguments: argparse.Namespace) -> int:
    port = choose_port(arguments.host, arguments.port)  # before printing: the printed address must be the real one
    url = f"http://{arguments.host}:{port}/{LANDING_PAGE}"
    print(f"hlo-design: the workbook opens at {url} (stop with Ctrl+C)")
    environment = {**os.environ, JOIN_URL_ENV: join_url(arguments.host, port)}
    if arguments.store:
        environment[STORE_ENV] = arguments.store
    print(f"hlo-design: participants of a live meeting open {environment[JOIN_URL_ENV]}")
    max_kernels = arguments.max_kernels or default_max_kernels()
    check_budget(max_kernels, arguments.pool)
    print(
        f"hlo-design: at most {max_kernels} kernels at a time, {arguments.pool} pre-heated per notebook included "
        f"({'--max-kernels' if arguments.max_kernels else f'what this memory holds at {KERNEL_MB} MB a kernel'})"
    )
    command = voila_command(
        port, host=arguments.host, pool=arguments.pool, base_url=arguments.base_url, max_kernels=max_kernels
    )
    process = subprocess.Popen(command, env=environment)
    if not arguments.no_browser:
        threading.Timer(3.0, webbrowser.open, args=(url,)).start()
    # A supervisor (JupyterHub's proxy, systemd) stops us with SIGTERM, which would end this process
    # and leave Voilà running with its kernels: pass it on, and wait for Voilà as after Ctrl+C.
    before = signal.signal(signal.SIGTERM, lambda _signal, _frame: process.terminate())
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
    finally:
        signal.signal(signal.SIGTERM, before)


def _history(arguments: argparse.Namespace) -> int:
    path = find_case_file(arguments.case, arguments.folders.cases)
    kept = versions(path)
    for version in kept:
        print(version.stem)
    if not kept:
        print(f"{path}: no earlier versions kept yet (they are kept from the first save on)")
    return 0


def _restore(arguments: argparse.Namespace) -> int:
    path = find_case_file(arguments.case, arguments.folders.cases)
    case = restore_version(path, find_version(path, arguments.version))
    print(f"restored {path} to {arguments.version} ({case.name}); the version it replaced is kept too")
    return 0


def _new(arguments: argparse.Namespace) -> int:
    path = write_starter(arguments.id, arguments.dir or arguments.folders.cases)
    print(f"wrote {path}; fill it in and check it with `hlo-design validate {path}`")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
