"""The student journey editor: steps per goal and quadrant are laid out in the dashboard, not in YAML."""

from __future__ import annotations

from pathlib import Path

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.design_plan import DesignPlan, JourneyStep, derived_step_id
from hlo_design.ui.journey_editor import NO_ACTIVITY, JourneyEditor
from tests.helpers import MINIMAL_CASE, figure_strings


def _steps(path: Path) -> list[JourneyStep]:
    return (load_case(path).design or DesignPlan()).journey


def _editor(path: Path) -> JourneyEditor:
    return JourneyEditor(load_case(path), Vocabulary(region="VL"), path)


def test_steps_without_ids_get_stable_distinct_ids() -> None:
    text = MINIMAL_CASE + (
        "design:\n  focus: {question: Q, target_group: T, goals: [{id: g1, text: Doel}]}\n  journey:\n"
        "    - {goal: g1, quadrant: 1, text: Zelfde stap}\n    - {goal: g1, quadrant: 1, text: Zelfde stap}\n"
        "    - {id: eigen-id, goal: g1, quadrant: 2, text: Andere stap}\n"
    )
    first = (parse_case(text.encode(), "demo.yaml").design or DesignPlan()).journey
    again = (parse_case(text.encode(), "demo.yaml").design or DesignPlan()).journey
    ids = [step.id for step in first]
    assert ids == [step.id for step in again]  # every reader derives the same ids
    assert len(set(ids)) == 3  # identical steps are told apart
    assert ids[0] == derived_step_id("g1", 1, "Zelfde stap", None)
    assert ids[2] == "eigen-id"  # a written id is kept


def test_add_edit_reorder_delete_redraws_and_saves_only_what_changed(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    before = path.read_text(encoding="utf-8")
    editor = _editor(path)
    untouched = editor.items[1].id
    step = editor.add()
    assert step is not None
    assert step.id.startswith("stap-")
    assert editor.save_bar.unsaved
    assert "Wat doen de leerlingen" in figure_strings(editor.route.figure)  # the route shows the new step at once
    row = editor.rows.children[-1]
    goal, quadrant, text, activity = row.children[:4]
    quadrant.value = 3
    text.value = "Stage: een zorgplan mee bijstellen"
    activity.value = editor.case.activities[0].id
    assert "Stage: een zorgplan mee bijstellen" in figure_strings(editor.route.figure)
    goal.value = goal.options[-1][1]
    assert editor.reorder(step.id, -1)
    first = editor.items[0].id
    assert editor.update(first, text="Geluksdriehoek, herschreven")
    editor.save_bar.save()
    assert "✓" in editor.save_bar.status.text, editor.save_bar.status.text
    saved = {s.id: s for s in _steps(path)}
    assert saved[step.id].quadrant == 3
    assert saved[step.id].activity == editor.case.activities[0].id
    assert saved[first].text == "Geluksdriehoek, herschreven"  # keeps the id it was loaded with
    after = path.read_text(encoding="utf-8")
    assert all(line in after for line in before.splitlines() if line.strip().startswith("#"))  # comments kept
    untouched_line = next(line for line in before.splitlines() if "De Doelzoeker eerst op zichzelf" in line)
    assert untouched_line in after  # an unchanged step is written as it was, without an id
    assert f"id: {first}" in after  # a changed step carries its id from now on
    assert untouched in saved
    assert not editor.save_bar.unsaved


def test_two_people_adding_and_changing_steps_both_land(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    changed = mine.items[2].id
    assert mine.update(changed, quadrant=2)
    added_by_them = theirs.add()
    assert added_by_them is not None
    theirs.save_bar.save()
    added_by_me = mine.add()
    assert added_by_me is not None
    mine.save_bar.save()
    assert not mine.save_bar.conflicts.children
    saved = {s.id: s for s in _steps(path)}
    assert {added_by_them.id, added_by_me.id} <= set(saved)
    assert saved[changed].quadrant == 2
    assert {s.id for s in mine.items} == set(saved)  # after the save the editor shows the file


def test_the_same_step_changed_twice_is_a_clash(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    step = mine.items[0].id
    assert theirs.update(step, quadrant=2)
    theirs.save_bar.save()
    assert mine.update(step, quadrant=3)
    mine.save_bar.save()
    assert next(s for s in _steps(path) if s.id == step).quadrant == 2  # the file keeps their value
    assert mine.save_bar.conflicts.children


def test_unknown_activity_is_refused_and_no_goals_means_no_steps(minimal_case_file: Path) -> None:
    editor = _editor(minimal_case_file)
    assert editor.add() is None
    assert "leerdoelen" in editor.status.text
    assert not editor.save_bar.unsaved


def test_a_step_refuses_an_activity_the_case_does_not_have(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    step = editor.items[0]
    assert not editor.update(step.id, activity="bestaat-niet")
    assert "bestaat-niet" in editor.status.text
    activity = editor.rows.children[0].children[3]
    activity.value = NO_ACTIVITY
    assert editor.items[0].activity is None


def test_steps_are_shown_goal_by_goal_and_move_within_their_goal(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    goals = [value for _, value in editor.goal_picker.options]
    editor.goal_picker.value = goals[1]
    shown = [s.id for s in editor.items if s.goal == goals[1]]
    assert len(editor.rows.children) == len(shown) < len(editor.items)
    assert editor.reorder(shown[1], -1)
    assert [s.id for s in editor.items if s.goal == goals[1]][:2] == [shown[1], shown[0]]
    assert not editor.reorder(shown[1], -1)  # first of its goal, whatever comes before it in the file
    editor.rows.children[0].children[0].value = goals[0]  # given to another goal: leaves these rows
    assert len(editor.rows.children) == len(shown) - 1
