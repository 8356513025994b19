"""Warnings about valid cases: impossible weeks are shown, in the CLI and on the diagnosis page, without failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hlo_design.analysis.case_warnings import case_warnings, warning_line
from hlo_design.app.cli import main
from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.case import Case
from hlo_design.phases.diagnose.report import diagnosis_report
from tests.helpers import EXAMPLE_CASES, MINIMAL_CASE

OVERLAPPING_RHYTHM = """\
rhythm:
  slots:
    - {day: mon, setting: school}
    - {day: mon, part: morning, setting: company}
    - {day: tue, setting: company}
"""


def case_with(hours: tuple[float, float] = (4, 12), extra: str = "") -> Case:
    text = MINIMAL_CASE.replace("hours_per_week: 4", f"hours_per_week: {hours[0]}").replace(
        "hours_per_week: 12", f"hours_per_week: {hours[1]}"
    )
    return parse_case((text + extra).encode(), "demo.yaml")


def keys(case: Case) -> list[str]:
    return [warning.key for warning in case_warnings(case)]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (case_with(), []),  # 16 hours, no rhythm: nothing to say
        (case_with((4, 61)), ["warning.too_many_hours"]),  # 61 hours in the company: nobody's week
        (case_with((4, 60)), []),  # 60 is a long week, but a possible one
        (case_with((40, 40)), []),  # two environments: each may be a whole week (Logistiek compares three)
        (case_with((0, 0)), ["warning.all_zero_hours"]),  # every share would read 0 % without a word
        (case_with((0, 3)), []),  # one activity at 0 is fine
        (case_with(extra=OVERLAPPING_RHYTHM), ["warning.overlapping_slots"]),  # Monday holds three day parts
    ],
)
def test_case_warnings_find_impossible_weeks(case: Case, expected: list[str]) -> None:
    """Each rule fires on exactly the fact it is about, and a valid ordinary case has none."""
    assert keys(case) == expected


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_example_cases_have_no_warnings(case_id: str) -> None:
    """The bundled cases describe possible weeks."""
    assert case_warnings(load_case(case_id)) == []


def test_warning_text_is_in_the_language_with_day_labels() -> None:
    """The overlap names the day by its label and the counts, in Dutch and English."""
    (warning,) = case_warnings(case_with(extra=OVERLAPPING_RHYTHM))
    assert "op ma 3 dagdelen" in warning_line(warning, Vocabulary())
    assert "3 day parts on Mon" in warning_line(warning, Vocabulary("en"))


def test_validate_prints_warnings_at_their_line_and_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`hlo-design validate` shows file:line field: warning, and the file still counts as valid."""
    path = tmp_path / "demo.yaml"
    text = MINIMAL_CASE.replace("hours_per_week: 12", "hours_per_week: 70") + OVERLAPPING_RHYTHM
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: ok" in out
    assert f"{path}:21 activities[1]: waarschuwing: De activiteiten in Bedrijf tellen op tot 70 uur per week" in out
    assert f"{path}:28 rhythm.slots[0]: waarschuwing: Het ritme heeft op ma 3 dagdelen" in out


def test_unknown_source_ids_are_already_errors() -> None:
    """A `source:` that names no source fails the file; it needs no warning."""
    text = MINIMAL_CASE.replace("    hours_per_week: 4\n", "    hours_per_week: 4\n    source: bestaat_niet\n")
    with pytest.raises(CaseFileError, match="'bestaat_niet' is not one of the sources"):
        parse_case(text.encode(), "demo.yaml")


def test_the_diagnosis_report_shows_the_warnings() -> None:
    """The report's situation sketch lists the warnings, so the meeting sees them too."""
    report = diagnosis_report(case_with((0, 0)), Vocabulary())
    assert "Waarschuwing: Alle 2 activiteiten staan op 0 uur per week" in report
