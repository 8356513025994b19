"""A new case from the start page's form: valid at once, never overwriting, ids from names, words for what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.base.errors import WorkbookError
from hlo_design.base.schema import is_identifier, new_identifier
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.starter import create_case
from hlo_design.ui.new_case_form import NewCaseForm
from tests.helpers import HOSTILE


@given(st.text(max_size=120), st.sets(st.text(max_size=12), max_size=5))
def test_an_id_made_from_any_name_is_valid_and_free(name: str, taken: set[str]) -> None:
    made = new_identifier(name, taken)
    assert is_identifier(made)
    assert made not in taken


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Zorg Antwerpen", (), "zorg-antwerpen"),
        ("Coördinatoren", ("coordinatoren",), "coordinatoren-2"),
        ("Coördinatoren", ("coordinatoren", "coordinatoren-2"), "coordinatoren-3"),
        ("!!!", (), "item"),
    ],
)
def test_ids_follow_the_name(name: str, taken: tuple[str, ...], expected: str) -> None:
    assert new_identifier(name, taken) == expected


def _filled(tmp_path: Path, name: str = "Zorg Noord") -> NewCaseForm:
    form = NewCaseForm(Vocabulary("nl"), tmp_path)
    form.name.value, form.sector.value, form.region.value = name, "Zorg", "VL"
    form.environments.rows[0][0].value = "ROC Noord"
    form.environments.rows[1][0].value = "Zorgcentrum De Linde"
    form.actors.rows[0][0].value = "Docenten zorg"
    form.actors.rows[1][0].value = "Mentoren"
    form.actors.rows[1][1].value = "supervisor"
    form.learners.value, form.learners_count.value = "Leerlingen 6e jaar", 12
    return form


def test_the_form_writes_a_case_the_workbook_opens(tmp_path: Path) -> None:
    created = []
    form = _filled(tmp_path)
    form.on_created = created.append
    path = form.submit()
    assert path == tmp_path / "zorg-noord.yaml"
    case = load_case(path)
    assert (case.name, case.sector, case.region) == ("Zorg Noord", "Zorg", "VL")
    assert [e.kind for e in case.environments] == ["school", "company"]
    assert [(a.id, a.type.value) for a in case.actors] == [("docenten-zorg", "teacher"), ("mentoren", "supervisor")]
    assert case.learners is not None
    assert case.learners.count == 12
    assert created == [case]
    assert "01_diagnose.ipynb?case=zorg-noord" in form.message.value


def test_what_is_missing_is_said_and_nothing_is_written(tmp_path: Path) -> None:
    form = NewCaseForm(Vocabulary("nl"), tmp_path)
    assert form.submit() is None
    assert "Naam van de leergemeenschap" in form.message.value
    assert "minstens één leeromgeving" in form.message.value
    assert list(tmp_path.iterdir()) == []


def test_a_removed_row_is_not_written(tmp_path: Path) -> None:
    form = _filled(tmp_path)
    form.actors.append()
    form.actors.rows[2][0].value = "Weg ermee"
    form.actors._remove(form.actors.rows[2], form.actors.box.children[2])
    path = form.submit()
    assert path is not None
    assert [a.name for a in load_case(path).actors] == ["Docenten zorg", "Mentoren"]


def test_a_second_case_with_the_same_name_gets_its_own_file(tmp_path: Path) -> None:
    first = _filled(tmp_path).submit()
    second = _filled(tmp_path).submit()
    assert first is not None
    assert second is not None
    assert first != second
    assert load_case(first).name == load_case(second).name


def test_an_existing_case_is_never_overwritten(tmp_path: Path) -> None:
    form = _filled(tmp_path)
    case = form.case()
    create_case(case, tmp_path)
    with pytest.raises(WorkbookError, match="exists already"):
        create_case(case, tmp_path)


def test_a_hostile_name_is_kept_as_text_and_shown_escaped(tmp_path: Path) -> None:
    form = _filled(tmp_path, name=HOSTILE)
    path = form.submit()
    assert path is not None
    assert load_case(path).name == HOSTILE
    assert HOSTILE not in form.message.value
