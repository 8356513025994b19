"""Accepting contributions into the case file: what lands, what stays, undo, medians, and two coaches at once."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hlo_design.casefile.loading import load_case
from hlo_design.meeting import accepting
from hlo_design.meeting.contributions import Kind
from hlo_design.meeting.store import Contribution, Meeting, MeetingStore, Participant, State
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.scan import ScanGroup
from tests.helpers import HOSTILE

PROJECT = Path(__file__).resolve().parents[1]
COMMENTS = ("# kop van het bestand: niet weghalen", "  # bevindingen van de leergemeenschap", "# tot slot")


@dataclass
class Room:
    """A diagnose meeting of the zorg case with a store and a case file (with a few comments of its own)."""

    store: MeetingStore
    path: Path
    meeting: Meeting

    def joined(self, actor: str) -> Participant:
        return self.store.join(self.meeting.id, actor, None)[0]

    def send(self, who: Participant, kind: Kind, payload: dict[str, Any]) -> Contribution:
        return self.store.add(who, kind, payload)

    def accept(self, *items: Contribution) -> Case:
        return accepting.accept(self.store, self.path, self.meeting, [item.seq for item in items], "coach")

    def undo(self, *items: Contribution) -> Case:
        return accepting.undo(self.store, self.path, self.meeting, [item.seq for item in items], "coach")

    def case(self) -> Case:
        return load_case(self.path)


def _with_comments(path: Path) -> None:
    """Comments people put in the file, at the top, inside a section and at the end."""
    lines = path.read_text(encoding="utf-8").splitlines()
    findings = lines.index("findings:")
    lines[findings + 1 : findings + 1] = [COMMENTS[1]]
    path.write_text("\n".join([COMMENTS[0], *lines, COMMENTS[2]]) + "\n", encoding="utf-8")


@pytest.fixture
def room(cases_dir: Path, store_url: str) -> Iterator[Room]:
    path = cases_dir / "zorg.yaml"
    _with_comments(path)
    load_case(path)
    store = MeetingStore(store_url)
    yield Room(store, path, store.open_meeting("zorg", "diagnose"))
    store.dispose()


def finding(text: str, quadrant: int | None = 2) -> dict[str, Any]:
    return {"text": text, "quadrant": quadrant, "perspectives": ["content"]}


def sticker(task: str = "sw_afspraken", level: str = "strategic", *, together: bool = False) -> dict[str, Any]:
    return {"task": task, "level": level, "together": together}


def cell(
    position: str, explanation: str = "", level: str = "strategic", perspective: str = "content"
) -> dict[str, Any]:
    return {"level": level, "perspective": perspective, "position": position, "explanation": explanation}


def _item_id(item: Contribution) -> str:
    return f"m-{item.uid[:12]}"


def _removed_lines(before: str, after: str) -> list[str]:
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    return [
        line
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for line in before.splitlines()[i1:i2]
    ]


def test_accepted_stickers_scan_cells_and_findings_land_in_the_case_file(room: Room) -> None:
    learner, teacher = room.joined("leerlingen"), room.joined("leerkrachten")
    items = [
        room.send(learner, Kind.STICKER, sticker(together=True)),
        room.send(learner, Kind.SCAN_CELL, cell("hybridisering", "we leren op school")),
        room.send(teacher, Kind.SCAN_CELL, cell("afstemming_werk")),
        room.send(teacher, Kind.FINDING, finding(HOSTILE, quadrant=3)),
    ]
    room.accept(*items)
    case = room.case()
    assert case.role_map is not None
    mine = [s for s in case.role_map.stickers if s.actor == "leerlingen" and s.task == "sw_afspraken"]
    assert [(s.level.value, s.together) for s in mine] == [("strategic", True)]
    date = room.meeting.opened_at.date()
    scans = {scan.group: scan for scan in case.scans if scan.date == date}
    assert set(scans) == {ScanGroup.LEARNERS, ScanGroup.TEACHERS}
    learners = scans[ScanGroup.LEARNERS].entries
    assert [(e.position, e.explanation) for e in learners] == [(ContinuumPosition.HYBRIDISATION, "we leren op school")]
    assert [e.position for e in scans[ScanGroup.TEACHERS].entries] == [ContinuumPosition.ALIGNMENT_WORK]
    found = [f for f in case.findings if f.id == _item_id(items[3])]
    assert len(found) == 1
    assert found[0].text == HOSTILE
    assert found[0].place.quadrant == 3
    assert found[0].source == accepting.meeting_source_id(room.meeting)
    assert all(state is State.ACCEPTED for state in room.store.states(room.meeting.id).values())


def test_accepting_only_adds_lines_and_keeps_the_comments(room: Room) -> None:
    before = room.path.read_text(encoding="utf-8")
    learner = room.joined("leerlingen")
    room.accept(
        room.send(learner, Kind.FINDING, finding("Een nieuwe bevinding")),
        room.send(learner, Kind.STICKER, sticker("sw_evalueren", "tactical")),
        room.send(learner, Kind.SCAN_CELL, cell("afstemming_school", level="operational")),
    )
    after = room.path.read_text(encoding="utf-8")
    assert after != before
    assert _removed_lines(before, after) == []
    for comment in COMMENTS:
        assert comment in after.splitlines()
    assert after.startswith(COMMENTS[0] + "\n")


def test_accepting_the_same_contributions_again_writes_nothing_new(room: Room) -> None:
    learner = room.joined("leerlingen")
    items = [
        room.send(learner, Kind.FINDING, finding("Twee keer geaccepteerd")),
        room.send(learner, Kind.STICKER, sticker("sw_continuiteit", "operational")),
        room.send(learner, Kind.SCAN_CELL, cell("hybridisering")),
    ]
    room.accept(*items)
    once = room.path.read_text(encoding="utf-8")
    room.accept(*items)
    room.accept(items[0])
    assert room.path.read_text(encoding="utf-8") == once
    assert once.count(_item_id(items[0])) == 1
    assert len(room.store.decisions(room.meeting.id)) == 3 + 3 + 1  # the log keeps every click


def test_undo_removes_a_finding_and_a_sticker(room: Room) -> None:
    learner = room.joined("leerlingen")
    original = room.case()
    kept = room.send(learner, Kind.FINDING, finding("Deze blijft"))
    gone = room.send(learner, Kind.FINDING, finding("Deze gaat weer weg"))
    placed = room.send(learner, Kind.STICKER, sticker("sw_naar_buiten", "tactical"))
    room.accept(kept, gone, placed)
    room.undo(gone, placed)
    case = room.case()
    ids = [f.id for f in case.findings]
    assert _item_id(kept) in ids
    assert _item_id(gone) not in ids
    assert "Deze gaat weer weg" not in room.path.read_text(encoding="utf-8")
    assert case.role_map is not None
    assert original.role_map is not None
    assert case.role_map.stickers == original.role_map.stickers  # the sticker was new, so it is gone again
    assert room.store.states(room.meeting.id) == {kept.seq: State.ACCEPTED, gone.seq: State.UNDONE,
                                                   placed.seq: State.UNDONE}  # fmt: skip
    room.accept(gone)  # accepting again after undo brings it back, once
    assert [f.id for f in room.case().findings].count(_item_id(gone)) == 1


def test_undo_keeps_a_sticker_that_was_in_the_file_before(room: Room) -> None:
    original = room.case()
    assert original.role_map is not None
    existing = next(s for s in original.role_map.stickers if s.actor == "leerkrachten")
    teacher = room.joined("leerkrachten")
    same = room.send(teacher, Kind.STICKER, sticker(existing.task, existing.level.value))
    room.accept(same)
    room.undo(same)
    case = room.case()
    assert case.role_map is not None
    assert existing in case.role_map.stickers


@pytest.mark.parametrize(
    ("positions", "median"),
    [
        (["hybridisering"], "hybridisering"),
        (["afstemming_school", "afstemming_werk"], "afstemming_school"),
        (["afstemming_school", "hybridisering", "afstemming_werk", "afstemming_werk"], "hybridisering"),
        (["incorporatie_school_werk", "afstemming_werk", "incorporatie_werk_school"], "incorporatie_school_werk"),
        (["afstemming_werk"] * 3 + ["afstemming_school"] * 3, "afstemming_school"),
    ],
)
def test_a_scan_cell_is_the_lower_median_of_the_groups_accepted_answers(
    room: Room, positions: list[str], median: str
) -> None:
    learners = [room.joined("leerlingen") for _ in positions]
    answers = [
        room.send(who, Kind.SCAN_CELL, cell(p, f"uitleg {n}"))
        for n, (who, p) in enumerate(zip(learners, positions, strict=True))
    ]
    teacher = room.send(room.joined("leerkrachten"), Kind.SCAN_CELL, cell("afstemming_werk"))
    pending = room.send(learners[0], Kind.SCAN_CELL, cell("afstemming_school"))  # not accepted: does not count
    room.accept(*answers, teacher)
    scans = {s.group: s for s in room.case().scans if s.date == room.meeting.opened_at.date()}
    learners_cell = scans[ScanGroup.LEARNERS].entries
    assert [e.position.value for e in learners_cell] == [median]
    assert learners_cell[0].explanation == " / ".join(f"uitleg {n}" for n in range(len(positions)))
    assert [e.position.value for e in scans[ScanGroup.TEACHERS].entries] == ["afstemming_werk"]
    assert room.store.states(room.meeting.id).get(pending.seq) is None
    room.undo(*answers)
    assert ScanGroup.LEARNERS not in {s.group for s in room.case().scans if s.date == room.meeting.opened_at.date()}


def test_the_meeting_is_cited_as_a_source_once(room: Room) -> None:
    learner = room.joined("leerlingen")
    for text in ("een", "twee", "drie"):
        room.accept(room.send(learner, Kind.FINDING, finding(text)))
    source = accepting.meeting_source_id(room.meeting)
    assert [s.id for s in room.case().sources].count(source) == 1
    assert room.path.read_text(encoding="utf-8").count(f"id: {source}") == 1


def test_preview_shows_pending_contributions_without_writing_the_file(room: Room) -> None:
    learner = room.joined("leerlingen")
    before = room.path.read_bytes()
    pending = room.send(learner, Kind.FINDING, finding("Nog niet geaccepteerd"))
    undone = room.send(learner, Kind.FINDING, finding("Teruggedraaid"))
    room.accept(undone)
    room.undo(undone)
    written = room.path.read_bytes()
    shown = accepting.preview(room.store, room.case(), room.meeting)
    ids = [f.id for f in shown.findings]
    assert _item_id(pending) in ids
    assert _item_id(undone) not in ids
    assert room.path.read_bytes() == written
    assert _item_id(pending).encode() not in written
    assert written != before  # the meeting's source stays cited after the undo
    assert room.store.states(room.meeting.id).get(pending.seq) is None


# ------------------------------------------------------------------ two coaches at once


ACTORS = ("leerlingen", "leerkrachten", "mentoren_wzc", "zorgvragers")


def _accept_in_process(url: str, path: str, meeting: Meeting, seqs: list[int], by: str, start: Any) -> None:
    """One coach's kernel: its own store connection, waiting for the other before accepting."""
    store = MeetingStore(url)
    start.wait(timeout=60)
    accepting.accept(store, Path(path), meeting, seqs, by)
    store.dispose()


def test_two_coaches_accepting_at_once_lose_nothing_and_duplicate_nothing(room: Room) -> None:
    people = [room.joined(actor) for actor in ACTORS]
    items = [room.send(people[n % 4], Kind.FINDING, finding(f"Bevinding {n}", n % 4 + 1)) for n in range(16)]
    items += [room.send(people[n % 4], Kind.STICKER, sticker("sw_programma_ontwerpen", "tactical")) for n in range(4)]
    seqs = [item.seq for item in items]
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    halves = (seqs[:12], seqs[6:])  # overlapping: seqs 6..11 are accepted by both
    coaches = [
        context.Process(target=_accept_in_process, args=(room.store.url, str(room.path), room.meeting, half, by, start))
        for half, by in zip(halves, ("coach A", "coach B"), strict=True)
    ]
    for coach in coaches:
        coach.start()
    for coach in coaches:
        coach.join(timeout=120)
    assert [coach.exitcode for coach in coaches] == [0, 0]
    text = room.path.read_text(encoding="utf-8")
    case = room.case()
    for item in items[:16]:
        assert text.count(f"id: {_item_id(item)}") == 1
        assert [f.id for f in case.findings].count(_item_id(item)) == 1
    assert case.role_map is not None
    placed = [
        s.actor
        for s in case.role_map.stickers
        if (s.task, s.level.value) == ("sw_programma_ontwerpen", "tactical") and s.actor in ACTORS
    ]
    assert sorted(placed) == sorted(ACTORS)
    assert room.store.states(room.meeting.id) == dict.fromkeys(seqs, State.ACCEPTED)
    assert {d.by for d in room.store.decisions(room.meeting.id)} == {"coach A", "coach B"}
    for comment in COMMENTS:
        assert comment in text.splitlines()


def test_the_cli_accepts_every_pending_contribution(room: Room) -> None:
    learner = room.joined("leerlingen")
    items = [room.send(learner, Kind.FINDING, finding(f"Via de opdrachtregel {n}")) for n in range(3)]
    room.accept(items[0])
    typed = f"{room.meeting.code[:3].lower()} {room.meeting.code[3:]}"
    env = {**os.environ, "HLO_DESIGN_CASES": str(room.path.parent), "PYTHONPATH": str(PROJECT)}
    command = [sys.executable, "-c", "import sys; from hlo_design.app.cli import main; sys.exit(main())"]
    done = subprocess.run(
        [*command, "meeting", "--store", room.store.url, "accept", typed],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "accepted 2 pending contributions into zorg; 3 accepted in all" in done.stdout
    ids = [f.id for f in room.case().findings]
    assert all(ids.count(_item_id(item)) == 1 for item in items)
