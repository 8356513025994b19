"""hlo_design.casefile.round_trip: a save changes what changed and leaves the rest as people wrote it."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from hlo_design.base.config import CASES_DIR
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import ListEdit, save_case, save_list
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.quadrants import Position
from tests.helpers import EXAMPLE_CASES

HAND_WRITTEN = """\
# Een casus met de hand geschreven: commentaar, volgorde en stijl blijven staan.
id: demo
name: Demo   # de naam zoals de groep hem gebruikt
sector: zorg
region: NL
summary: >-
  Een lange samenvatting die over meerdere regels
  is gevouwen.
sources:
  - {id: eigen, title: Eigen waarneming}
environments:
  - {id: school, name: School, kind: school, illustrative: false}
  - {id: bedrijf, name: Bedrijf, kind: company}
activities:
  # eerst de lessen
  - id: les
    name: Les
    environment: school
    position: {form: -0.5, context: -0.5}
    hours_per_week: 4
  - id: werk
    name: Meewerken
    environment: bedrijf
    position: {form: 0.6, context: 0.7}
    hours_per_week: 12
scans:
  - date: 2024-03-01
    group: teachers
    entries: []
"""


@pytest.fixture
def hand_written(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_saving_an_unchanged_case_leaves_the_file_byte_for_byte(case_id: str, tmp_path: Path) -> None:
    path = tmp_path / f"{case_id}.yaml"
    shutil.copy(CASES_DIR / f"{case_id}.yaml", path)
    save_case(load_case(path), path)
    assert path.read_bytes() == (CASES_DIR / f"{case_id}.yaml").read_bytes()


def test_one_change_changes_one_line_and_keeps_every_comment(hand_written: Path) -> None:
    case = load_case(hand_written)
    moved = case.activities[0].model_copy(update={"hours_per_week": 6})
    save_list(hand_written, "activities", ListEdit(case.activities, [moved, case.activities[1]]))
    after = hand_written.read_text(encoding="utf-8")
    assert _changed_lines(HAND_WRITTEN, after) == ["-    hours_per_week: 4", "+    hours_per_week: 6"]


def test_numbers_are_written_as_people_write_them(hand_written: Path) -> None:
    """No `0.6000000000000001` from slider arithmetic, no `11.0` hours."""
    case = load_case(hand_written)
    moved = case.activities[1].model_copy(
        update={"position": Position(form=0.1 + 0.2 + 0.3, context=0.7), "hours_per_week": 11.0}
    )
    save_list(hand_written, "activities", ListEdit(case.activities, [case.activities[0], moved]))
    assert _changed_lines(HAND_WRITTEN, hand_written.read_text(encoding="utf-8")) == [
        "-    hours_per_week: 12",
        "+    hours_per_week: 11",
    ]


def test_a_new_item_is_written_in_the_style_of_the_file(hand_written: Path) -> None:
    case = load_case(hand_written)
    new = Finding(
        id="bevinding-3f9a0c1e", text="Weinig reflectie", place=FindingPlace(quadrant=3), perspectives=["temporal"]
    )
    save_list(hand_written, "findings", ListEdit(case.findings, [new]))
    added = [line for line in _changed_lines(HAND_WRITTEN, hand_written.read_text(encoding="utf-8")) if line[0] == "+"]
    assert added == [
        "+findings:",
        "+  - id: bevinding-3f9a0c1e",
        "+    text: Weinig reflectie",
        "+    place: {quadrant: 3}",
        "+    perspectives: [temporal]",
    ]
    assert load_case(hand_written).findings == [new]


def test_edited_folded_text_stays_folded_and_dates_stay_dates(hand_written: Path) -> None:
    case = load_case(hand_written)
    save_case(case.model_copy(update={"summary": "Korter."}), hand_written)
    after = hand_written.read_text(encoding="utf-8")
    assert "summary: >-\n  Korter.\n" in after
    assert "date: 2024-03-01\n" in after  # not quoted: it loads back as a date
    assert "illustrative: false" in after  # a default people wrote out stays written out
