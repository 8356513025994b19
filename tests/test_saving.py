"""hlo_design.casefile.saving and the save bar: two people saving at once lose nothing and are told of clashes."""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path

import pytest

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.atomic import STALE_TEMPORARY_SECONDS
from hlo_design.casefile.history import KEEP_VERSIONS, versions
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import ListConflict, ListEdit, save_list
from hlo_design.casefile.three_way import Conflict
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.quadrants import Position
from hlo_design.phases import common as phase_common
from hlo_design.ui.activity_editor import ActivityEditor
from hlo_design.ui.findings_editor import FindingsEditor
from hlo_design.ui.save_bar import PageSave, conflict_text
from hlo_design.ui.session import CaseSession


def _finding(finding_id: str, text: str = "tekst") -> Finding:
    return Finding(id=finding_id, text=text, place=FindingPlace())


def _hours(path: Path) -> dict[str, float]:
    return {a.id: a.hours_per_week for a in load_case(path).activities}


def test_two_tabs_changing_different_activities_both_land(minimal_case_file: Path) -> None:
    """The reported loss: tab A sets les 4 → 11, tab B sets werk 12 → 2.5, both save; the file keeps both."""
    opened = load_case(minimal_case_file)
    tab_a = ActivityEditor(opened, Vocabulary(), minimal_case_file)
    tab_b = ActivityEditor(opened, Vocabulary(), minimal_case_file)
    assert tab_a.update("les", hours_per_week=11)
    assert tab_b.update("werk", hours_per_week=2.5)
    tab_b.save_bar.save()
    tab_a.save_bar.save()
    assert _hours(minimal_case_file) == {"les": 11, "werk": 2.5}
    assert {a.id: a.hours_per_week for a in tab_a.items} == {"les": 11, "werk": 2.5}  # A now sees B's change
    assert tab_a.save_bar.conflicts.children == ()


def test_the_same_field_changed_in_two_tabs_is_reported_not_overwritten(minimal_case_file: Path) -> None:
    opened = load_case(minimal_case_file)
    tab_a = ActivityEditor(opened, Vocabulary(), minimal_case_file)
    tab_b = ActivityEditor(opened, Vocabulary(), minimal_case_file)
    tab_b.update("les", hours_per_week=9)
    tab_b.save_bar.save()
    tab_a.update("les", hours_per_week=11)
    tab_a.save_bar.save()
    assert _hours(minimal_case_file)["les"] == 9  # the file keeps theirs ...
    assert "jullie 11 — in het bestand 9" in tab_a.save_bar.conflicts.children[0].value  # ... and A is told
    keep_mine = tab_a.save_bar.conflicts.children[1].children[0]
    keep_mine.click()  # the coach decides: ours
    assert _hours(minimal_case_file)["les"] == 11
    assert tab_a.save_bar.conflicts.children == ()


def test_an_item_deleted_in_another_tab_does_not_come_back(minimal_case_file: Path) -> None:
    opened = load_case(minimal_case_file)
    tab_a = ActivityEditor(opened, Vocabulary(), minimal_case_file)
    tab_b = ActivityEditor(opened, Vocabulary(), minimal_case_file)
    assert tab_b.delete("werk")
    tab_b.save_bar.save()
    tab_a.update("les", hours_per_week=5)
    tab_a.save_bar.save()
    assert _hours(minimal_case_file) == {"les": 5}


def test_two_kernels_adding_findings_at_once_keep_both(minimal_case_file: Path) -> None:
    """Two processes' worth of saves at the same moment (threads here): both findings are in the file."""
    barrier = threading.Barrier(2)

    def save(finding_id: str) -> None:
        edit = ListEdit([], [_finding(finding_id)])
        barrier.wait()
        save_list(minimal_case_file, "findings", edit)

    threads = [threading.Thread(target=save, args=(name,)) for name in ("van-tab-1", "van-tab-2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {f.id for f in load_case(minimal_case_file).findings} == {"van-tab-1", "van-tab-2"}


def test_saving_one_moved_activity_changes_only_that_activity(minimal_case_file: Path) -> None:
    case = load_case(minimal_case_file)
    moved = case.activities[0].model_copy(update={"position": Position(form=0.9, context=0.9)})
    saved = save_list(minimal_case_file, "activities", ListEdit(case.activities, [moved, case.activities[1]]))
    assert [a.id for a in saved.case.activities] == ["les", "werk"]
    assert saved.conflicts == ()
    assert load_case(minimal_case_file).activities[0].position == Position(form=0.9, context=0.9)
    assert load_case(minimal_case_file).activities[1] == case.activities[1]


def test_the_last_versions_are_kept_to_undo_a_bad_save(minimal_case_file: Path) -> None:
    case = load_case(minimal_case_file)
    texts = []
    for hours in range(1, KEEP_VERSIONS + 3):
        texts.append(minimal_case_file.read_bytes())
        changed = case.activities[0].model_copy(update={"hours_per_week": hours})
        save_list(
            minimal_case_file,
            "activities",
            ListEdit(load_case(minimal_case_file).activities, [changed, case.activities[1]]),
        )
    kept = versions(minimal_case_file)
    assert len(kept) == KEEP_VERSIONS
    assert kept[0].read_bytes() == texts[-1]  # newest first: the file before the last save
    assert [v.read_bytes() for v in kept] == texts[::-1][:KEEP_VERSIONS]


def test_a_killed_save_leaves_no_temporary_file_after_the_next_save(minimal_case_file: Path) -> None:
    stray = minimal_case_file.parent / f".{minimal_case_file.name}.abc123.tmp"
    stray.write_text("half a file", encoding="utf-8")
    old = time.time() - STALE_TEMPORARY_SECONDS - 5
    os.utime(stray, (old, old))
    case = load_case(minimal_case_file)
    save_list(minimal_case_file, "activities", ListEdit(case.activities, case.activities))
    assert not stray.exists()


def test_a_save_that_cannot_write_says_why_and_changes_nothing(minimal_case_file: Path, tmp_path: Path) -> None:
    """A folder that cannot be written (here: a file where the history folder must go) is a message, not silence."""
    (minimal_case_file.parent / ".history").write_text("in the way", encoding="utf-8")
    before = minimal_case_file.read_bytes()
    editor = ActivityEditor(load_case(minimal_case_file), Vocabulary(), minimal_case_file)
    editor.update("les", hours_per_week=7)
    editor.save_bar.save()
    assert "Opslaan lukte niet" in editor.save_bar.status.text
    assert minimal_case_file.read_bytes() == before
    assert editor.save_bar.unsaved  # the change is still there to save once the folder is fixed


def test_edits_are_shown_as_unsaved_until_saved(minimal_case_file: Path) -> None:
    editor = ActivityEditor(load_case(minimal_case_file), Vocabulary(), minimal_case_file)
    assert not editor.save_bar.unsaved
    editor.update("les", hours_per_week=7)
    assert editor.save_bar.unsaved
    assert editor.save_bar.button.button_style == "warning"
    editor.save_bar.save()
    assert not editor.save_bar.unsaved


def test_an_open_editor_learns_that_someone_else_saved(
    minimal_case_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hlo_design.ui.save_bar.WATCH_SECONDS", 0.1)
    watching = ActivityEditor(load_case(minimal_case_file), Vocabulary(), minimal_case_file)
    other = ActivityEditor(load_case(minimal_case_file), Vocabulary(), minimal_case_file)
    other.update("werk", hours_per_week=3)
    other.save_bar.save()
    deadline = time.monotonic() + 5
    while "Iemand anders" not in watching.save_bar.status.text and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Iemand anders heeft deze casus" in watching.save_bar.status.text


@pytest.mark.parametrize(
    ("conflict", "text"),
    [
        (Conflict("les", "hours_per_week", 11.5, 9), "‘Les’ · uren per week: jullie 11,5 — in het bestand 9"),
        (Conflict("les", None, None, {"id": "les"}), "‘Les’: jullie verwijderden dit"),
        (Conflict("les", None, {"id": "les"}, None), "‘Les’: iemand anders verwijderde dit"),
    ],
)
def test_clashes_are_said_in_words(conflict: Conflict, text: str) -> None:
    said = conflict_text(ListConflict("activities", conflict), Vocabulary(), {"les": "Les"}.get)  # type: ignore[arg-type]
    assert said.startswith(text)


def test_one_button_saves_every_editor_of_the_page(minimal_case_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving an activity and then saving the findings used to leave the move unsaved: a page has one save."""
    monkeypatch.setattr(phase_common, "display", lambda _widget: None)
    session = CaseSession(load_case(minimal_case_file), minimal_case_file, Vocabulary(), minimal_case_file.parent)
    session = dataclasses.replace(session, page=PageSave(session.vocabulary))
    activities = phase_common.show_editor(ActivityEditor, session)
    findings = phase_common.show_editor(FindingsEditor, session)
    assert session.page is not None
    assert activities.save_bar.button.layout.display == "none"  # no second way to save
    assert not session.page.view.dirty
    activities.update("les", hours_per_week=7)
    findings.add()
    assert session.page.view.dirty
    assert "niet-opgeslagen" in session.page.view.label
    session.page.save_all()  # what the button's click sends
    saved = load_case(minimal_case_file)
    assert saved.activities[0].hours_per_week == 7
    assert len(saved.findings) == 1
    assert session.page.view.status.startswith("Alles opgeslagen om")
    assert not session.page.view.dirty
