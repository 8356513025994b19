"""The continuum choice in the dashboard: five positions and a rationale, the strip redrawn, merged on save."""

from __future__ import annotations

from pathlib import Path

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.ui.continuum_editor import ContinuumEditor
from tests.helpers import MINIMAL_CASE


def _filled(editor: ContinuumEditor) -> list[str]:
    """The colours of the five boxes in the strip as drawn now."""
    return list(editor.figure.figure.data[0].marker.color)


def test_choosing_redraws_the_strip_and_saving_keeps_the_comments(cases_dir: Path) -> None:
    path = cases_dir / "logistiek.yaml"
    path.write_text("# hand-written note\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    editor = ContinuumEditor(load_case(path), Vocabulary(), path)
    before = _filled(editor)
    editor.position.value = ContinuumPosition.HYBRIDISATION.value
    assert _filled(editor) != before
    assert editor.save_bar.unsaved
    editor.rationale.value = "Werkplek en school ontwerpen de opdrachten samen."
    editor.save_bar.save()
    assert "✓" in editor.save_bar.status.text, editor.save_bar.status.text
    choice = load_case(path).continuum
    assert choice is not None
    assert choice.position is ContinuumPosition.HYBRIDISATION
    assert choice.rationale == "Werkplek en school ontwerpen de opdrachten samen."
    assert path.read_text(encoding="utf-8").startswith("# hand-written note\n")


def test_a_position_and_a_rationale_changed_in_two_tabs_both_land(cases_dir: Path) -> None:
    path = cases_dir / "logistiek.yaml"
    mine = ContinuumEditor(load_case(path), Vocabulary(), path)
    theirs = ContinuumEditor(load_case(path), Vocabulary(), path)
    theirs.rationale.value = "Hun onderbouwing"
    theirs.save_bar.save()
    mine.position.value = ContinuumPosition.ALIGNMENT_WORK.value
    mine.save_bar.save()
    assert not mine.save_bar.conflicts.children
    choice = load_case(path).continuum
    assert choice is not None
    assert (choice.position, choice.rationale) == (ContinuumPosition.ALIGNMENT_WORK, "Hun onderbouwing")
    assert mine.rationale.value == "Hun onderbouwing"


def test_the_same_position_changed_twice_is_a_clash_and_ours_can_be_kept(cases_dir: Path) -> None:
    path = cases_dir / "logistiek.yaml"
    mine = ContinuumEditor(load_case(path), Vocabulary(), path)
    theirs = ContinuumEditor(load_case(path), Vocabulary(), path)
    theirs.position.value = ContinuumPosition.ALIGNMENT_SCHOOL.value
    theirs.save_bar.save()
    mine.position.value = ContinuumPosition.HYBRIDISATION.value
    result = mine._save(path)
    assert [c.conflict.field for c in result.conflicts] == ["position"]
    mine.keep_mine(result.conflicts)
    mine.save_bar.save()
    choice = load_case(path).continuum
    assert choice is not None
    assert choice.position is ContinuumPosition.HYBRIDISATION


def test_a_new_choice_needs_a_rationale(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL_CASE, encoding="utf-8")
    editor = ContinuumEditor(load_case(path), Vocabulary(language="en"), path)
    assert editor.position.value is None
    assert "not chosen yet" in editor.figure.figure.layout.title.text
    editor.position.value = ContinuumPosition.HYBRIDISATION.value
    editor.save_bar.save()
    assert "say why" in editor.save_bar.status.text
    assert load_case(path).continuum is None
    editor.rationale.value = "Both sides design the tasks."
    editor.save_bar.save()
    assert load_case(path).continuum is not None


def test_a_rationale_that_is_too_long_is_refused(cases_dir: Path) -> None:
    editor = ContinuumEditor(load_case(cases_dir / "logistiek.yaml"), Vocabulary(), None)
    old = editor.rationale.value
    editor.rationale.value = "x" * 6000
    assert editor.rationale.value == old
    assert "5000" in editor.status.text
