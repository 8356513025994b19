"""The focus editor: the design question, target group and ordered goals are written in the dashboard, not in YAML."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import FieldsEdit, ListEdit, save_design
from hlo_design.model.design_plan import DesignPlan, Focus, LearningGoal
from hlo_design.ui.focus_editor import FocusEditor
from tests.helpers import HOSTILE, MINIMAL_CASE


def _focus(path: Path) -> Focus:
    focus = (load_case(path).design or DesignPlan()).focus
    assert focus is not None
    return focus


def _editor(path: Path, region: str = "VL") -> FocusEditor:
    return FocusEditor(load_case(path), Vocabulary(region=region), path)


def _html(widget: widgets.Widget) -> str:
    """Every HTML fragment the editor puts on the page."""
    if isinstance(widget, widgets.HTML):
        return str(widget.value)
    return "".join(_html(child) for child in getattr(widget, "children", ()))


def test_add_change_link_reorder_delete_and_save_keeps_the_files_comments(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    before = path.read_text(encoding="utf-8")
    editor = _editor(path)
    first, second = editor.items[0].id, editor.items[1].id
    goal = editor.add()
    assert goal.id.startswith("doel-")
    assert editor.save_bar.unsaved
    assert editor.update(goal.id, text="Zelfstandig een zorgplan bijstellen")
    assert editor._toggle(goal.id, "losse_taken", True)
    assert editor.reorder(goal.id, -1)
    assert not editor.reorder(first, -1)  # the first goal cannot go further up
    assert editor.reorder(second, -1)
    spare = editor.add()
    assert editor.delete(spare.id)
    editor.fields["question"].value = "Hoe leren leerlingen de mens achter de zorgvrager zien?"
    editor.save_bar.save()
    assert "✓" in editor.save_bar.status.text, editor.save_bar.status.text
    focus = _focus(path)
    assert focus.question == "Hoe leren leerlingen de mens achter de zorgvrager zien?"
    ids = [g.id for g in focus.goals]
    assert ids[:2] == [second, first]
    assert ids[-2] == goal.id  # moved up once, above the last original goal
    assert spare.id not in ids
    saved = next(g for g in focus.goals if g.id == goal.id)
    assert saved.findings == ["losse_taken"]
    after = path.read_text(encoding="utf-8")
    for line in (ln for ln in before.splitlines() if ln.strip().startswith("#")):
        assert line in after  # hand-written comments stay
    assert focus.source == "ghlobo"  # fields the editor does not show stay
    assert not editor.save_bar.unsaved


def test_two_editors_changing_different_goals_and_fields_both_survive(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    first, last = mine.items[0].id, mine.items[-1].id
    assert mine.update(first, text="Eerste doel, herschreven")
    mine.fields["question"].value = "Onze ontwerpvraag"
    assert theirs.update(last, text="Laatste doel, herschreven")
    theirs.fields["target_group"].value = "Leerlingen zorgkundige, 7e jaar"
    added = theirs.add()
    theirs.save_bar.save()
    mine.save_bar.save()
    assert "✓" in mine.save_bar.status.text
    assert not mine.save_bar.conflicts.children
    focus = _focus(path)
    texts = {g.id: g.text for g in focus.goals}
    assert texts[first] == "Eerste doel, herschreven"
    assert texts[last] == "Laatste doel, herschreven"
    assert added.id in texts
    assert (focus.question, focus.target_group) == ("Onze ontwerpvraag", "Leerlingen zorgkundige, 7e jaar")
    assert mine.fields["target_group"].value == "Leerlingen zorgkundige, 7e jaar"  # the save shows the file


def test_the_same_question_changed_twice_is_a_clash_the_coach_settles(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    theirs.fields["question"].value = "Hun vraag"
    theirs.save_bar.save()
    mine.fields["question"].value = "Onze vraag"
    mine.save_bar.save()
    assert _focus(path).question == "Hun vraag"  # the file keeps their value
    clash = _html(mine.save_bar.conflicts)
    assert "Focus" in clash
    assert "ontwerpvraag" in clash
    assert "Onze vraag" in clash


def test_keep_mine_puts_our_question_back(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    theirs.fields["question"].value = "Hun vraag"
    theirs.save_bar.save()
    mine.fields["question"].value = "Onze vraag"
    result = mine._save(path)
    assert [c.conflict.field for c in result.conflicts] == ["question"]
    mine.keep_mine(result.conflicts)
    assert mine.save_bar.unsaved
    mine.save_bar.save()
    assert _focus(path).question == "Onze vraag"


def test_a_new_focus_needs_question_and_target_group(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL_CASE, encoding="utf-8")
    editor = FocusEditor(load_case(path), Vocabulary(), path)
    editor.fields["question"].value = "Hoe leren studenten meer op de werkplek?"
    editor.add()
    assert "nog geen bevindingen" in _html(editor.widget)  # no toggles without findings
    editor.save_bar.save()
    assert "doelgroep" in editor.save_bar.status.text
    assert load_case(path).design is None  # nothing written
    editor.fields["target_group"].value = "Studenten niveau 3"
    editor.save_bar.save()
    focus = _focus(path)
    assert focus.target_group == "Studenten niveau 3"
    assert len(focus.goals) == 1


def test_blank_question_is_refused_and_put_back(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    old = editor.fields["question"].value
    editor.fields["question"].value = "   "
    assert editor.fields["question"].value == old
    assert "leeg" in editor.status.text
    assert not editor.save_bar.unsaved


def test_a_goal_the_journey_uses_cannot_be_deleted(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    used = next(step.goal for step in (editor.case.design or DesignPlan()).journey)
    assert not editor.delete(used)
    assert "student journey" in editor.status.text
    assert used in {g.id for g in editor.items}


def test_goal_text_is_escaped_on_the_page(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    goal = editor.add()
    assert editor.update(goal.id, text=HOSTILE)
    editor.reorder(goal.id, -1)
    assert HOSTILE not in _html(editor.widget)
    assert editor.describe(goal.id) == HOSTILE  # plain text; conflict_text escapes it where it is shown


def test_english_labels_and_region_terms() -> None:
    vocabulary = Vocabulary(language="en", region="VL")
    assert "pupils" in vocabulary("design_phase.focus.target_group_placeholder")
    assert "leerlingen" in Vocabulary(region="VL")("design_phase.focus.new_goal")
    assert "studenten" in Vocabulary()("design_phase.focus.new_goal")


def test_save_design_leaves_parts_not_given_alone(cases_dir: Path) -> None:
    """A focus save does not touch decisions; a decisions save does not touch the focus."""
    path = cases_dir / "zorg.yaml"
    case = load_case(path)
    plan = case.design or DesignPlan()
    goals = list(plan.goals)
    edited = [*goals, LearningGoal(id="doel-nieuw", text="Nieuw")]
    result = save_design(path, {"focus.goals": ListEdit(goals, edited)}, focus=FieldsEdit({}, {}))
    saved = result.case.design or DesignPlan()
    assert saved.decisions == plan.decisions
    assert [g.id for g in saved.goals][-1] == "doel-nieuw"
    assert saved.focus is not None
    assert saved.focus.question == (plan.focus.question if plan.focus else "")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_label_exists(cases_dir: Path, language: str) -> None:
    """Building the editor in both languages finds every message."""
    FocusEditor(load_case(cases_dir / "zorg.yaml"), Vocabulary(language=language), None)
