"""The role-map sticker editor: toggling stickers in the dashboard, saving them merged, keeping the file's comments."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import ListEdit, save_stickers
from hlo_design.model.levels import Level
from hlo_design.model.roles import Process, Sticker
from hlo_design.ui.sticker_editor import StickerEditor, sticker_key

HOSTILE = "<img src=x onerror=alert(1)>"
CASE = "servicemedewerker.yaml"  # its stickers carry comments a save must keep


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    """Outside a kernel, LiveFigure's display prints the figure; keep the test log readable."""
    with redirect_stdout(io.StringIO()):
        yield


def _stickers(path: Path) -> set[tuple[str, str, str, bool]]:
    role_map = load_case(path).role_map
    return {(s.actor, s.task, s.level.value, s.together) for s in (role_map.stickers if role_map else [])}


def _free_cell(editor: StickerEditor, task: str = "sw_visie_doelen") -> str:
    """An actor without a sticker on ``task``."""
    taken = {s.actor for s in editor.items if s.task == task}
    return next(a.id for a in editor.case.actors if a.id not in taken)


def test_a_toggle_puts_a_sticker_on_and_takes_it_off(cases_dir: Path) -> None:
    path = cases_dir / CASE
    editor = StickerEditor(load_case(path), Vocabulary(), path)
    actor = _free_cell(editor)
    before = len(editor.items)
    assert editor.toggle(actor, "sw_visie_doelen", Level.TACTICAL)
    assert len(editor.items) == before + 1
    assert editor.save_bar.unsaved
    grid = editor.grids[Process.COLLABORATING]
    assert {"actor": actor, "task": "sw_visie_doelen", "level": "tactical"}.items() <= grid.stickers[-1].items()
    assert editor.toggle(actor, "sw_visie_doelen", Level.TACTICAL)
    assert len(editor.items) == before
    assert not any(s["actor"] == actor and s["task"] == "sw_visie_doelen" for s in grid.stickers)


def test_the_figures_follow_a_new_sticker(cases_dir: Path) -> None:
    path = cases_dir / CASE
    editor = StickerEditor(load_case(path), Vocabulary(), path)
    actor = _free_cell(editor)
    heatmap = editor.heatmap.figure
    editor.toggle(actor, "sw_visie_doelen", Level.STRATEGIC)
    assert editor.heatmap.figure is not heatmap
    assert editor.heatmap.figure.data[0].z != heatmap.data[0].z


def test_together_marks_the_cell_and_a_new_sticker_in_it_follows(cases_dir: Path) -> None:
    path = cases_dir / CASE
    editor = StickerEditor(load_case(path), Vocabulary(), path)
    actor = _free_cell(editor)
    assert not editor.set_together(actor, "sw_visie_doelen", True)  # nothing to mark yet
    assert "eerst een sticker" in editor.status.text
    editor.toggle(actor, "sw_visie_doelen", Level.STRATEGIC)
    assert editor.set_together(actor, "sw_visie_doelen", True)
    editor.toggle(actor, "sw_visie_doelen", Level.TACTICAL)
    assert [s.together for s in editor.items if s.actor == actor and s.task == "sw_visie_doelen"] == [True, True]


def test_a_click_from_the_page_goes_through_the_editor_and_nonsense_is_refused(cases_dir: Path) -> None:
    path = cases_dir / CASE
    editor = StickerEditor(load_case(path), Vocabulary(), path)
    actor, before = _free_cell(editor), len(editor.items)
    editor._on_click({"event": "level", "actor": actor, "task": "sw_visie_doelen", "level": "operational"})
    assert len(editor.items) == before + 1
    editor._on_click({"event": "level", "actor": HOSTILE, "task": "sw_visie_doelen", "level": "operational"})
    editor._on_click({"event": "level", "actor": actor, "task": "sw_visie_doelen", "level": "cosmic"})
    assert len(editor.items) == before + 1
    assert HOSTILE not in editor.status.text
    assert "&lt;img" in editor.status.text


def test_saving_writes_the_sticker_and_keeps_the_files_comments(cases_dir: Path) -> None:
    path = cases_dir / CASE
    text = path.read_text(encoding="utf-8")
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    editor = StickerEditor(load_case(path), Vocabulary(), path)
    actor = _free_cell(editor)
    editor.toggle(actor, "sw_visie_doelen", Level.OPERATIONAL)
    editor.save_bar.save()
    assert not editor.save_bar.unsaved
    assert (actor, "sw_visie_doelen", "operational", False) in _stickers(path)
    saved = path.read_text(encoding="utf-8")
    assert [line.strip() for line in saved.splitlines() if line.strip().startswith("#")] == comments
    assert len(saved.splitlines()) == len(text.splitlines()) + 1  # one new line, the rest as written


def test_two_tabs_putting_on_different_stickers_both_keep_theirs(cases_dir: Path) -> None:
    path = cases_dir / CASE
    first = StickerEditor(load_case(path), Vocabulary(), path)
    second = StickerEditor(load_case(path), Vocabulary(), path)
    actor = _free_cell(first)
    first.toggle(actor, "sw_visie_doelen", Level.STRATEGIC)
    second.toggle(actor, "sw_visie_doelen", Level.TACTICAL)
    removed = second.items[0]
    second.toggle(removed.actor, removed.task, removed.level)  # and the second tab takes one off
    second.save_bar.save()
    first.save_bar.save()
    stickers = _stickers(path)
    assert {(actor, "sw_visie_doelen", "strategic", False), (actor, "sw_visie_doelen", "tactical", False)} <= stickers
    assert (removed.actor, removed.task, removed.level.value, removed.together) not in stickers
    assert not first.save_bar.conflicts.children
    assert not second.save_bar.conflicts.children
    assert len(first.items) == len(stickers)  # the first tab now sees the second tab's stickers


def test_together_changed_differently_in_two_tabs_is_a_reported_clash(cases_dir: Path) -> None:
    path = cases_dir / CASE
    first = StickerEditor(load_case(path), Vocabulary(), path)
    second = StickerEditor(load_case(path), Vocabulary(), path)
    sticker = first.items[0]
    second.update(sticker_key(sticker), together=not sticker.together)
    second.save_bar.save()
    first.update(sticker_key(sticker), source=None, together=not sticker.together)  # the same: no clash
    first.delete(sticker_key(first.items[1]))
    first.save_bar.save()
    assert not first.save_bar.conflicts.children
    third = StickerEditor(load_case(path), Vocabulary(), path)
    fourth = StickerEditor(load_case(path), Vocabulary(), path)
    third.update(sticker_key(sticker), together=sticker.together)
    fourth.delete(sticker_key(sticker))
    fourth.save_bar.save()
    third.save_bar.save()  # changed what the other deleted: the file keeps it deleted, and the coach is told
    clash = third.save_bar.conflicts.children[0].value
    actor_name = next(a.name for a in third.case.actors if a.id == sticker.actor)
    assert actor_name in clash


def test_save_stickers_merges_by_actor_task_and_level(cases_dir: Path) -> None:
    """The saver on its own: a sticker is recognised by what it is, since it has no id."""
    path = cases_dir / CASE
    before = _stickers(path)
    actor = load_case(path).actors[0].id
    mine = Sticker(actor=actor, task="af_rooster", level=Level.STRATEGIC)
    save_stickers(path, ListEdit((), (mine,)))
    save_stickers(path, ListEdit((), (mine.model_copy(update={"level": Level.TACTICAL}),)))
    save_stickers(path, ListEdit((), (mine,)))  # the same sticker put on in another tab: still one
    added = {(actor, "af_rooster", "strategic", False), (actor, "af_rooster", "tactical", False)}
    assert _stickers(path) == before | added
    assert len(load_case(path).role_map.stickers) == len(before) + 2  # type: ignore[union-attr]


def test_a_case_without_actors_says_where_to_add_them(cases_dir: Path) -> None:
    path = cases_dir / CASE
    case = load_case(path)
    bare = case.model_copy(update={"actors": [], "role_map": None})
    editor = StickerEditor(bare, Vocabulary(language="en"), None)
    assert "no people yet" in editor.widget.children[0].value
    assert editor.grids[Process.ALIGNING].actors == []


def test_taking_a_sticker_off_keeps_the_section_comments_above_their_stickers(cases_dir: Path) -> None:
    """Stickers have no id: the save must still find each unchanged sticker's line, not shift them by one."""
    path = cases_dir / CASE
    lines = path.read_text(encoding="utf-8").splitlines()
    editor = StickerEditor(load_case(path), Vocabulary(), path)
    first = editor.items[0]
    editor.toggle(first.actor, first.task, first.level)
    editor.save_bar.save()
    saved = path.read_text(encoding="utf-8").splitlines()
    removed = [line for line in lines if line not in saved]
    assert len(removed) == 1
    assert f"actor: {first.actor}, task: {first.task}" in removed[0]
    assert [line for line in lines if line not in removed] == saved  # every other line, comments included, as it was
