"""The workspace: one rule finds the user's cases and reports folders, for the CLI and every process it starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hlo_design.app import cli
from hlo_design.app.batch import JobResult
from hlo_design.base.config import EXAMPLE_CASES_DIR, PACKAGE_DIR, PROJECT_ROOT, RESOURCES, resources_root
from hlo_design.base.workspace import (
    CASES_ENV,
    REPORTS_ENV,
    WORKSPACE_ENV,
    Folders,
    init_workspace,
    resolve_folders,
)
from tests.helpers import EXAMPLE_CASES

EXAMPLES = Path("/examples/cases")
REPORTS = Path("/clone/reports")


def _resolve(option: str | None, environ: dict[str, str], cwd: Path) -> Folders:
    return resolve_folders(None if option is None else Path(option), environ, cwd, examples=EXAMPLES, reports=REPORTS)


@pytest.mark.parametrize(
    ("option", "environ", "cwd_has_cases", "workspace"),
    [
        pytest.param("mine", {WORKSPACE_ENV: "/env"}, True, "{cwd}/mine", id="option, beating the rest"),
        pytest.param(None, {WORKSPACE_ENV: "/env"}, True, "/env", id="environment variable"),
        pytest.param(None, {}, True, "{cwd}", id="current folder holding cases"),
        pytest.param(None, {}, False, None, id="none: the examples"),
    ],
)
def test_the_workspace_is_found_by_option_environment_or_current_folder(
    option: str | None, environ: dict[str, str], cwd_has_cases: bool, workspace: str | None, tmp_path: Path
) -> None:
    if cwd_has_cases:
        (tmp_path / "cases").mkdir()
    found = _resolve(option, environ, tmp_path)
    if workspace is None:
        assert found == Folders(EXAMPLES, REPORTS, None)
    else:
        root = Path(workspace.format(cwd=tmp_path))
        assert found == Folders(root / "cases", root / "reports", root)


def test_folders_handed_down_by_the_command_line_win_over_the_environment_workspace(tmp_path: Path) -> None:
    """A kernel started by ``hlo-design --workspace W serve`` uses W even if the shell exports another workspace."""
    environ = {WORKSPACE_ENV: "/other", CASES_ENV: "/w/cases", REPORTS_ENV: "/w/reports"}
    assert _resolve(None, environ, tmp_path) == Folders(Path("/w/cases"), Path("/w/reports"), Path("/other"))
    assert _resolve("typed", environ, tmp_path).cases == tmp_path / "typed" / "cases"


def test_handed_down_folders_travel_as_the_environment_variables_the_kernels_read() -> None:
    folders = Folders(Path("/w/cases"), Path("/w/reports"), Path("/w"))
    assert folders.environment() == {CASES_ENV: "/w/cases", REPORTS_ENV: "/w/reports"}


def test_init_creates_the_layout_copies_examples_and_keeps_what_is_there(tmp_path: Path) -> None:
    root = tmp_path / "werkmap"
    assert sorted(p.name for p in init_workspace(root).cases.iterdir()) == []
    (root / "cases" / "zorg.yaml").write_text("# mine\n", encoding="utf-8")
    folders = init_workspace(root, EXAMPLE_CASES_DIR)
    assert folders == Folders(root / "cases", root / "reports", root)
    assert folders.reports.is_dir()
    assert sorted(p.stem for p in folders.cases.glob("*.yaml")) == sorted(EXAMPLE_CASES)
    assert (root / "cases" / "zorg.yaml").read_text(encoding="utf-8") == "# mine\n"


def test_resources_come_from_the_clone_when_there_is_one_else_from_the_package(tmp_path: Path) -> None:
    assert resources_root(PACKAGE_DIR) == PROJECT_ROOT  # the tests run in a clone
    installed = tmp_path / "site-packages" / "hlo_design"
    installed.mkdir(parents=True)
    assert resources_root(installed) == installed / RESOURCES


def test_cli_new_and_summary_work_in_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = tmp_path / "werkmap"
    before = os.environ.get(CASES_ENV)
    assert cli.main(["workspace", "init", str(workspace)]) == 0
    assert cli.main(["--workspace", str(workspace), "new", "demo"]) == 0
    assert (workspace / "cases" / "demo.yaml").is_file()
    capsys.readouterr()
    assert cli.main(["--workspace", str(workspace), "summary", "demo", "--format", "json"]) == 0
    assert '"case": "demo"' in capsys.readouterr().out
    assert cli.main(["--workspace", str(workspace), "summary", "zorg"]) == 1  # the examples are not in it
    assert os.environ.get(CASES_ENV) == before  # the command's environment is put back


def test_workspace_init_with_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["workspace", "init", str(tmp_path), "--with-examples"]) == 0
    assert "zorg" in capsys.readouterr().out
    assert cli.main(["--workspace", str(tmp_path), "summary", "zorg"]) == 0


def test_serve_hands_the_workspace_to_voila_and_its_kernels(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    environments: list[dict[str, str]] = []

    class Started:
        def __init__(self, _command: list[str], env: dict[str, str]) -> None:
            environments.append(env)

        def wait(self) -> int:
            return 0

    monkeypatch.setattr(cli.subprocess, "Popen", Started)
    assert cli.main(["--workspace", str(tmp_path), "serve", "--no-browser"]) == 0
    assert environments[0][CASES_ENV] == str(tmp_path / "cases")
    assert environments[0][REPORTS_ENV] == str(tmp_path / "reports")


def test_batch_writes_to_the_workspace_reports_and_hands_the_workspace_down(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without --out the reports go to the workspace; the processes the batch starts see its cases."""
    init_workspace(tmp_path, EXAMPLE_CASES_DIR)
    seen: list[tuple[list[str], Path, str]] = []

    def fake_batch(_phase: str, cases: list[str], out: Path, **_settings: object) -> list[JobResult]:
        seen.append((cases, out, os.environ[CASES_ENV]))
        return []

    monkeypatch.setattr(cli, "run_batch", fake_batch)
    assert cli.main(["--workspace", str(tmp_path), "batch", "--phase", "diagnose"]) == 0
    assert seen == [(sorted(EXAMPLE_CASES), tmp_path / "reports", str(tmp_path / "cases"))]
    assert (tmp_path / "reports" / "index.html").is_file()


def test_batch_in_an_empty_workspace_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    init_workspace(tmp_path)
    assert cli.main(["--workspace", str(tmp_path), "batch", "--phase", "diagnose"]) == 1
    assert "no case files" in capsys.readouterr().err
