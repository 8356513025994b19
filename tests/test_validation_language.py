"""Validation messages speak the page's language and show the correct form of common slips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile import loading
from hlo_design.casefile.loading import parse_case
from hlo_design.ui import session as notebook
from hlo_design.ui.session import open_case
from tests.helpers import MINIMAL_CASE, TEST_DATA

BAD_CASES = TEST_DATA / "bad_cases"


def _messages(name: str, language: str) -> list[str]:
    path = BAD_CASES / f"{name}.yaml"
    with pytest.raises(CaseFileError) as caught:
        parse_case(path.read_bytes(), path.name, Vocabulary(language))
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("decimal_comma", "activities[0].position.form: -0,5 heeft een decimale komma; schrijf een punt: form: -0.5"),
        ("position_as_list", "activities[0].position: een positie schrijf je met namen, niet als lijst: "
                             "position: {form: -0.5, context: -0.5}"),
        ("quadrant_as_number", "findings[0].place: een kwadrant schrijf je met zijn naam ervoor: place: {quadrant: 2}"),
        ("date_day_month_year", "scans[0].date: 15-03-2022 is dag-maand-jaar; schrijf jaar-maand-dag: 2022-03-15"),
    ],
)  # fmt: skip
def test_common_slips_get_the_correct_form_in_dutch(name: str, expected: str) -> None:
    """A Dutch page answers a slip in Dutch, with the line as it should be written."""
    assert _messages(name, "nl") == [expected]


def test_ordinary_type_errors_are_dutch_on_a_dutch_page() -> None:
    assert _messages("hours_not_a_number", "nl") == [
        "activities[0].hours_per_week: hier hoort een getal (gekregen: 'vier')"
    ]
    assert _messages("missing_name", "nl")[0].endswith("verplicht veld ontbreekt; voeg het toe")


def test_the_command_line_keeps_english() -> None:
    """Without a vocabulary (the CLI has no language flag for validate) messages stay English."""
    path = BAD_CASES / "hours_not_a_number.yaml"
    with pytest.raises(CaseFileError, match="input should be a valid number"):
        parse_case(path.read_bytes(), path.name)


@pytest.mark.parametrize(("language", "expected"), [("nl", "schrijf een punt"), ("en", "write a decimal point")])
def test_the_dashboard_error_box_follows_the_page_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, language: str, expected: str
) -> None:
    shutil.copy(BAD_CASES / "decimal_comma.yaml", tmp_path / "komma.yaml")
    monkeypatch.setattr(loading, "CASES_DIR", tmp_path)
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", f"case=komma&language={language}")
    displayed: list[object] = []
    monkeypatch.setattr(notebook, "display", displayed.append)
    assert open_case("zorg") is None
    assert expected in displayed[0].data  # type: ignore[attr-defined]


def test_a_choice_list_reads_as_dutch() -> None:
    """Pydantic's English "or" between the last two choices becomes "of" in a Dutch message."""
    text = MINIMAL_CASE.replace("region: NL", "region: NL\nscans:\n  - {date: 2024-01-01, group: leraren}", 1)
    with pytest.raises(CaseFileError) as caught:
        parse_case(text.encode("utf-8"), "demo.yaml", Vocabulary("nl"))
    assert "'coordinators' of 'learners'" in str(caught.value)
    assert " or " not in str(caught.value)
