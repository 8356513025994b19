"""The list-editor base every live list shares: ids that cannot collide, revert on a refused value, merge on save."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from pydantic import TypeAdapter

from hlo_design.base.schema import Identifier
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.perspectives import Perspective
from hlo_design.model.valorisation import Valorisation
from hlo_design.ui.action_plan_editor import ActionPlanEditor
from hlo_design.ui.activity_editor import ActivityEditor
from hlo_design.ui.controls import Status
from hlo_design.ui.decisions_editor import DecisionEditor
from hlo_design.ui.findings_editor import FindingsEditor
from hlo_design.ui.focus_editor import FocusEditor
from hlo_design.ui.leerfiche_editor import LeerficheEditor
from hlo_design.ui.lesson_editor import LessonEditor
from hlo_design.ui.list_editor import ListEditor, bind, new_id
from hlo_design.ui.moments_editor import TestMomentEditor

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    """Outside a kernel, LiveFigure's display prints the figure; keep the test log readable."""
    with redirect_stdout(io.StringIO()):
        yield


def _valorisation(case: Case) -> Valorisation:
    return case.valorisation or Valorisation()


EDITORS: list[tuple[str, type[ListEditor[Any]], Callable[[Any], Any], Callable[[Case], list[Any]]]] = [
    ("findings", FindingsEditor, lambda e: e.add(), lambda c: list(c.findings)),
    ("activities", ActivityEditor, lambda e: e.add(), lambda c: list(c.activities)),
    (
        "decisions",
        DecisionEditor,
        lambda e: e.add(Perspective.SOCIAL),
        lambda c: list((c.design or DesignPlan()).decisions),
    ),
    ("goals", FocusEditor, lambda e: e.add(), lambda c: list((c.design or DesignPlan()).goals)),
    ("leerfiches", LeerficheEditor, lambda e: e.add(), lambda c: list(c.leerfiches)),
    ("test moments", TestMomentEditor, lambda e: e.add(), lambda c: list(_valorisation(c).test_moments)),
    ("lessons", LessonEditor, lambda e: e.add(), lambda c: list(_valorisation(c).lessons)),
    ("actions", ActionPlanEditor, lambda e: e.add_action(e.areas[0].id), lambda c: list(_valorisation(c).actions)),
]
"""Per list: its editor, how a tab adds an item, and the list in a loaded case."""


@pytest.mark.parametrize(("name", "editor_class", "add", "items"), EDITORS, ids=[e[0] for e in EDITORS])
def test_two_tabs_adding_at_once_both_keep_their_item(
    cases_dir: Path,
    name: str,
    editor_class: type[ListEditor[Any]],
    add: Callable[[Any], Any],
    items: Callable[[Case], list[Any]],
) -> None:
    """Two tabs opened on the same file each add an item and save: both items are in the file.

    With "the next free number" both tabs made the same id (``bevinding-4``),
    and the merge by id let the second save replace the first tab's item.
    """
    path = cases_dir / "energietransitie.yaml"
    first = editor_class(load_case(path), Vocabulary(), path)  # type: ignore[call-arg]
    second = editor_class(load_case(path), Vocabulary(), path)  # type: ignore[call-arg]
    before = len(items(load_case(path)))
    mine, theirs = add(first), add(second)
    assert mine.id != theirs.id
    first.save_bar.save()
    second.save_bar.save()
    assert "✓" in second.save_bar.status.text, second.save_bar.status.text
    saved = {item.id for item in items(load_case(path))}
    assert {mine.id, theirs.id} <= saved
    assert len(saved) == before + 2


def test_new_ids_are_valid_identifiers_and_never_repeat() -> None:
    ids = {new_id("bevinding") for _ in range(2000)}
    assert len(ids) == 2000
    identifier = TypeAdapter(Identifier)
    for made in list(ids)[:50]:
        assert made.startswith("bevinding-")
        assert identifier.validate_python(made) == made


def test_a_refused_value_is_reverted_and_its_message_stays() -> None:
    """The revert does not count as a new change: it neither re-applies nor clears the message."""
    status = Status()
    box = widgets.Text(value="goed")
    applied: list[str] = []

    def apply(text: str) -> bool:
        applied.append(text)
        if not text:
            status.error("leeg mag niet")
            return False
        return True

    bind(box, apply)
    box.value = ""
    assert box.value == "goed"
    assert applied == [""]
    assert "leeg mag niet" in status.text


def test_status_line_escapes_the_message() -> None:
    status = Status()
    status.error(HOSTILE)
    assert HOSTILE not in status.text
    assert "&lt;img" in status.text


def test_deleting_then_saving_removes_only_that_item(cases_dir: Path) -> None:
    """A deletion reaches the file; an item another tab added meanwhile stays."""
    path = cases_dir / "zorg.yaml"
    mine = LessonEditor(load_case(path), Vocabulary(region="VL"), path)
    other = LessonEditor(load_case(path), Vocabulary(region="VL"), path)
    gone = mine.items[0].id
    assert mine.delete(gone)
    added = other.add()
    other.save_bar.save()
    mine.save_bar.save()
    saved = {lesson.id for lesson in _valorisation(load_case(path)).lessons}
    assert gone not in saved
    assert added.id in saved
    assert mine.base == tuple(mine.items)  # the next save compares with what is on disk now
    assert added.id in {lesson.id for lesson in mine.items}  # the save shows what is on disk now


def test_a_removed_precondition_stays_removed_after_saving(cases_dir: Path) -> None:
    """Preconditions merge by text: a line the group deleted must not come back from the file."""
    path = cases_dir / "energietransitie.yaml"
    editor = ActionPlanEditor(load_case(path), Vocabulary(region="VL"), path)
    texts = [p.text for p in editor.precondition_items]
    assert len(texts) >= 2
    editor.preconditions.value = "\n".join(texts[1:])
    editor.save_bar.save()
    assert [p.text for p in _valorisation(load_case(path)).preconditions] == texts[1:]


def test_editor_rows_revert_a_refused_value_and_keep_the_message() -> None:
    """A row control given an invalid value goes back to the old one and the status explains why."""
    editor = FindingsEditor(load_case("zorg"), Vocabulary(region="VL"))
    text = editor.rows.children[0].children[1]
    before = text.value
    text.value = ""
    assert text.value == before
    assert "⚠" in editor.status.text
    assert editor.findings[0].text == before


def test_saving_the_action_plan_keeps_the_sources_of_preconditions(cases_dir: Path) -> None:
    """The preconditions box shows only text; a save must not strip the source of each precondition."""
    path = cases_dir / "energietransitie.yaml"
    before = _valorisation(load_case(path)).preconditions
    assert any(p.source for p in before)
    editor = ActionPlanEditor(load_case(path), Vocabulary(region="VL"), path)
    assert editor.update_action(editor.actions[0].id, status="done")
    editor.save_bar.save()
    assert _valorisation(load_case(path)).preconditions == before
