"""The hlo-design command line: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hlo_design.app.cli import main
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import ListEdit, save_list
from tests.helpers import EXAMPLE_CASES, TEST_DATA


def test_validate_passes_on_the_example_cases(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [f"data/cases/{case}.yaml" for case in EXAMPLE_CASES]
    assert main(["validate", *paths]) == 0
    assert capsys.readouterr().out.count(": ok") == len(EXAMPLE_CASES)


def test_validate_lists_every_error_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    """Two bad files: non-zero exit, each problem printed with file:line, no traceback."""
    bad = [str(TEST_DATA / "bad_cases" / "several_problems.yaml"), str(TEST_DATA / "bad_cases" / "empty.yaml")]
    assert main(["validate", *bad]) == 1
    err = capsys.readouterr().err
    assert "several_problems.yaml:15 activities[0].position.context: 1.7 is outside [-1, 1]" in err
    assert "several_problems.yaml:1 name: required field is missing" in err
    assert "empty.yaml: the file is empty" in err
    assert "2 of 2 files have problems" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("case", "more_constructed"), [("zorg", True), ("servicemedewerker", False)])
def test_summary_json(case: str, more_constructed: bool, capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON summary has the documented keys and the documents' balance."""
    assert main(["summary", case, "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {
        "case",
        "hours_by_quadrant",
        "constructed_share",
        "realistic_share",
        "acquisition_share",
        "participation_share",
    }
    assert set(result["hours_by_quadrant"]) == {
        "constructed_acquisition", "realistic_acquisition", "realistic_participation", "constructed_participation",
    }  # fmt: skip
    assert (result["constructed_share"] > result["realistic_share"]) is more_constructed


def test_summary_table_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "logistiek"]) == 0
    out = capsys.readouterr().out
    assert "Aanleren van kennis en vaardigheden" in out
    assert "geconstrueerd" in out


def test_unknown_case_is_a_message_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "onbekend"]) == 1
    assert "unknown case 'onbekend'; known cases:" in capsys.readouterr().err


def test_figure_html(tmp_path: Path) -> None:
    out = tmp_path / "kaart.html"
    assert main(["figure", "zorg", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Aanleren van kennis" in text
    assert "plotly" in text.lower()


def test_figure_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figure", "zorg", "--out", str(tmp_path / "kaart.svgz")]) == 1
    assert "use .html or .png" in capsys.readouterr().err


@pytest.mark.browser
def test_figure_png_uses_system_chromium(tmp_path: Path) -> None:
    """PNG export goes through kaleido and Debian's Chromium."""
    out = tmp_path / "kaart.png"
    assert main(["figure", "servicemedewerker", "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000


def test_new_writes_a_valid_starter_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "bouw", "--dir", str(tmp_path)]) == 0
    assert main(["validate", str(tmp_path / "bouw.yaml")]) == 0
    assert main(["new", "bouw", "--dir", str(tmp_path)]) == 1
    assert "exists already" in capsys.readouterr().err


def test_new_refuses_a_bad_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Mijn Casus", "--dir", str(tmp_path)]) == 1
    assert "is not a valid id" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "argv",
    [
        ["new", "demo", "--dir", "{blocked}/cases"],  # a cases folder that cannot be created
        ["figure", "zorg", "--out", "{blocked}/kaart.html"],
        ["batch", "--phase", "diagnose", "--case", "zorg", "--out", "{blocked}/reports"],
    ],
    ids=["new", "figure", "batch"],
)
def test_a_folder_that_cannot_be_written_is_a_message(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Read-only or impossible folders give the file and the reason, not a traceback (root ignores modes,
    so the folder is blocked by a file standing where a folder should be)."""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    assert main([part.format(blocked=blocked) for part in argv]) == 1
    err = capsys.readouterr().err
    assert f"hlo-design: cannot write {blocked}" in err
    assert "choose a folder you may write to" in err


def test_history_lists_kept_versions_and_restore_puts_one_back(
    minimal_case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad save can be undone more than one step back, from the command line."""
    original = minimal_case_file.read_bytes()
    case = load_case(minimal_case_file)
    for hours in (5, 6):
        changed = case.activities[0].model_copy(update={"hours_per_week": hours})
        save_list(
            minimal_case_file,
            "activities",
            ListEdit(load_case(minimal_case_file).activities, [changed, case.activities[1]]),
        )
    assert main(["history", str(minimal_case_file)]) == 0
    listed = capsys.readouterr().out.split()
    assert len(listed) == 2
    assert main(["restore", str(minimal_case_file), listed[-1]]) == 0  # the oldest: before both saves
    assert minimal_case_file.read_bytes() == original
    assert main(["restore", str(minimal_case_file), "bestaat-niet"]) == 1
    assert "no kept version 'bestaat-niet'" in capsys.readouterr().err
