"""The weekly rhythm editor: the week is filled in day part by day part in the dashboard, not in YAML."""

from __future__ import annotations

from pathlib import Path

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.rhythm import DayPart, InternshipPattern, Rhythm, RhythmSlot, Setting, Weekday
from hlo_design.ui.rhythm_editor import EMPTY, RhythmEditor
from tests.helpers import figure_strings

MON, TUE, WED, THU = Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY
MORNING, AFTERNOON, WHOLE = DayPart.MORNING, DayPart.AFTERNOON, DayPart.WHOLE_DAY


def _rhythm(path: Path) -> Rhythm:
    rhythm = load_case(path).rhythm
    assert rhythm is not None
    return rhythm


def _slot(rhythm: Rhythm, day: Weekday, part: DayPart) -> RhythmSlot | None:
    return next((s for s in rhythm.slots if s.day is day and s.part is part), None)


def _editor(path: Path) -> RhythmEditor:
    return RhythmEditor(load_case(path), Vocabulary(region="VL"), path)


def test_cells_show_the_week_and_a_choice_redraws_and_saves_keeping_comments(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    before = path.read_text(encoding="utf-8")
    editor = _editor(path)
    assert editor.cells[(MON, MORNING)].value == editor.cells[(MON, AFTERNOON)].value == "school"  # a whole day
    assert editor.cells[(WED, AFTERNOON)].value == "simulation"
    monday_note = _slot(_rhythm(path), MON, WHOLE)
    assert monday_note is not None
    editor.cells[(MON, AFTERNOON)].value = "company"  # splits the whole day
    assert editor.save_bar.unsaved
    assert "bedrijf" in figure_strings(editor.figure.figure)  # redrawn before saving
    editor.cells[(WED, AFTERNOON)].value = EMPTY
    editor.pattern.value = "block"
    editor.save_bar.save()
    assert "✓" in editor.save_bar.status.text, editor.save_bar.status.text
    rhythm = _rhythm(path)
    assert _slot(rhythm, MON, WHOLE) is None
    morning = _slot(rhythm, MON, MORNING)
    assert morning is not None
    assert (morning.setting, morning.content) == (
        Setting.SCHOOL,
        monday_note.content,
    )  # the kept half keeps its content
    afternoon = _slot(rhythm, MON, AFTERNOON)
    assert afternoon is not None
    assert afternoon.setting is Setting.COMPANY
    assert _slot(rhythm, WED, AFTERNOON) is None
    assert rhythm.pattern is InternshipPattern.BLOCK
    assert rhythm.source == "ghlobo"  # fields the editor does not show stay
    after = path.read_text(encoding="utf-8")
    assert all(line in after for line in before.splitlines() if line.strip().startswith("#"))  # comments kept
    tuesday = next(line for line in before.splitlines() if "{day: tue" in line)
    assert tuesday in after  # an untouched day keeps its line
    assert [(s.day, s.part) for s in rhythm.slots][:2] == [(MON, MORNING), (MON, AFTERNOON)]  # in week order
    assert not editor.save_bar.unsaved


def test_two_people_filling_in_different_day_parts_both_land(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    theirs.cells[(THU, MORNING)].value = "simulation"
    theirs.save_bar.save()
    mine.cells[(TUE, MORNING)].value = "school"
    mine.pattern.value = "block"
    mine.save_bar.save()
    assert not mine.save_bar.conflicts.children
    rhythm = _rhythm(path)
    assert mine.setting(THU, MORNING) is Setting.SIMULATION  # the save shows what they saved
    thursday = _slot(rhythm, THU, MORNING)
    assert thursday is not None
    assert thursday.setting is Setting.SIMULATION
    tuesday = _slot(rhythm, TUE, MORNING)
    assert tuesday is not None
    assert tuesday.setting is Setting.SCHOOL
    assert rhythm.pattern is InternshipPattern.BLOCK


def test_the_same_pattern_changed_twice_is_a_clash_and_keep_mine_wins(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    theirs.pattern.value = "block"
    theirs.save_bar.save()
    mine.pattern.value = EMPTY
    result = mine._save(path)
    assert [c.conflict.field for c in result.conflicts] == ["pattern"]
    assert _rhythm(path).pattern is InternshipPattern.BLOCK  # the file keeps their value
    mine.keep_mine(result.conflicts)
    mine.save_bar.save()
    assert _rhythm(path).pattern is None


def test_a_case_without_rhythm_gets_one_when_a_cell_is_filled(minimal_case_file: Path) -> None:
    editor = _editor(minimal_case_file)
    assert all(cell.value == EMPTY for cell in editor.cells.values())
    editor.save_bar.save()
    assert load_case(minimal_case_file).rhythm is None  # nothing chosen, no empty section
    editor.cells[(MON, MORNING)].value = "school"
    editor.save_bar.save()
    assert [(s.day, s.part, s.setting) for s in _rhythm(minimal_case_file).slots] == [(MON, MORNING, Setting.SCHOOL)]


def test_what_follows_the_week_sees_every_choice_before_the_save(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    seen: list[Rhythm] = []
    editor.followers.append(seen.append)
    editor.cells[(MON, AFTERNOON)].value = "company"
    assert seen[-1].halves_per_setting()[Setting.COMPANY] == 1
    assert _rhythm(cases_dir / "zorg.yaml").halves_per_setting()[Setting.COMPANY] == 0  # nothing saved yet
