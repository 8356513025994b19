"""From the store into the case file: what accepting (and undoing) contributions writes.

The case file stays the record that reports and the batch read; the store is
where the room's contributions wait. :func:`accept` and :func:`undo` log the
coach's decision in the store and then bring the case in line with *all*
decisions of the meeting, under the case file's lock. Because the case is
recomputed from the whole log rather than patched by the latest click,
accepting twice, two coaches accepting at once, or a crash between the log
and the file all end in the same case file.

How contributions become case content (:func:`apply_meeting`):

- a sticker → a role-map sticker (actor, task, level); *together* if anyone said so;
- scan cells → the scan of the participant's group on the meeting's date, one
  entry per cell: the median position of the group's accepted answers, their
  explanations joined;
- a finding or a lesson → a new item whose id comes from the contribution's
  unique id (``m-…``), so it is written once and an edit the coach made later survives;
- dots → a decision's ``votes``: the accepted dots on it over all meetings of the case;
- reflection scores → one rating per criterion and voice: the median of the accepted scores;
- corner ratings → the corner's strength: the median of the accepted ratings.

Undoing removes what only undone contributions put there: stickers and
ratings the meeting added carry the meeting as their ``source``, so a sticker
that was in the file before the meeting stays. A corner's strength or a
rating that existed before the meeting and was replaced by the room's value
is not restored by undo; its earlier value is in the case's version history.

Public API: :func:`accept`, :func:`undo`, :func:`apply_meeting`, :func:`preview`, :func:`meeting_source_id`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hlo_design.casefile.saving import update_case
from hlo_design.meeting.contributions import (
    MAX_TEXT,
    CornerPayload,
    FindingPayload,
    Kind,
    LessonPayload,
    RatingPayload,
    ScanCellPayload,
    StickerPayload,
    rater_of,
    scan_group_of,
)
from hlo_design.meeting.store import Contribution, Meeting, MeetingStore, State
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.reflection import Rating
from hlo_design.model.roles import RoleMap, Sticker
from hlo_design.model.scan import Scan, ScanEntry
from hlo_design.model.sources import Source
from hlo_design.model.valorisation import CornerAssessment, Lesson, Valorisation

__all__ = ["Entry", "accept", "apply_meeting", "meeting_source_id", "preview", "undo"]


@dataclass(frozen=True)
class Entry:
    """A contribution with what applying it needs: who sent it (their case actor) and where it stands."""

    contribution: Contribution
    actor: str
    state: State

    @property
    def accepted(self) -> bool:
        return self.state is State.ACCEPTED


def accept(store: MeetingStore, path: Path, meeting: Meeting, seqs: Iterable[int], by: str) -> Case:
    """Accept contributions into the case file at ``path``; returns the case as written."""
    return _decide(store, path, meeting, list(seqs), State.ACCEPTED, by)


def undo(store: MeetingStore, path: Path, meeting: Meeting, seqs: Iterable[int], by: str) -> Case:
    """Take accepted contributions out of the case file again (they stay in the store, marked undone)."""
    return _decide(store, path, meeting, list(seqs), State.UNDONE, by)


def preview(store: MeetingStore, case: Case, meeting: Meeting) -> Case:
    """The case as it would be with every contribution not undone accepted: what the coach's live figures show."""
    entries = [
        Entry(e.contribution, e.actor, State.ACCEPTED if e.state is State.PENDING else e.state)
        for e in entries_of(store, meeting)
    ]
    return apply_meeting(case, meeting, entries, _votes(store, case.id, meeting, entries))


def entries_of(store: MeetingStore, meeting: Meeting) -> list[Entry]:
    """Every contribution of a meeting with its sender's actor and its current state."""
    actors = {participant.id: participant.actor for participant in store.participants(meeting.id)}
    states = store.states(meeting.id)
    return [
        Entry(item, actors[item.participant_id], states.get(item.seq, State.PENDING))
        for item in store.contributions(meeting.id)
    ]


def meeting_source_id(meeting: Meeting) -> str:
    """The case source that accepted contributions cite: the meeting, by date."""
    return f"bijeenkomst-{meeting.opened_at:%Y-%m-%d}"


def _decide(store: MeetingStore, path: Path, meeting: Meeting, seqs: list[int], state: State, by: str) -> Case:
    def change(case: Case) -> Case:
        store.decide(seqs, state, by)
        entries = entries_of(store, meeting)
        return apply_meeting(case, meeting, entries, _votes(store, case.id, meeting, entries))

    return update_case(path, change)


def _votes(store: MeetingStore, case_id: str, meeting: Meeting, entries: Sequence[Entry]) -> Counter[str]:
    """Accepted dots per decision over all meetings of the case (this meeting counted from ``entries``)."""
    others = [other for other in store.meetings(case_id) if other.id != meeting.id]
    dots = [item.payload["decision"] for item in store.accepted(others, Kind.DOT)]
    dots += [e.contribution.payload["decision"] for e in entries if e.contribution.kind is Kind.DOT and e.accepted]
    return Counter(dots)


def apply_meeting(case: Case, meeting: Meeting, entries: Sequence[Entry], votes: Counter[str]) -> Case:
    """The case with the meeting's decided contributions in it; pending ones change nothing."""
    decided = [entry for entry in entries if entry.state is not State.PENDING]
    if not decided:
        return case
    data = case.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    source = meeting_source_id(meeting)
    for kind, apply in _APPLY.items():
        of_kind = [entry for entry in decided if entry.contribution.kind is kind]
        if of_kind:
            apply(data, case, meeting, of_kind, source)
    if any(entry.contribution.kind is Kind.DOT for entry in decided):
        _set_votes(data, votes)
    _cite(data, source, meeting)
    return Case.model_validate(data)


Applier = Callable[[dict[str, Any], Case, Meeting, list[Entry], str], None]


def _cite(data: dict[str, Any], source: str, meeting: Meeting) -> None:
    """Add the meeting as a source of the case, once."""
    if all(item["id"] != source for item in data["sources"]):
        title = f"Bijeenkomst leergemeenschap {meeting.opened_at:%d-%m-%Y}: bijdragen van deelnemers (hlo-design)"
        data["sources"].append(Source(id=source, title=title).model_dump(mode="json", exclude_defaults=True))


def _split(entries: Sequence[Entry], key: Callable[[Entry], Any]) -> tuple[dict[Any, list[Entry]], set[Any]]:
    """Accepted entries grouped by ``key``, and the keys that only undone entries have."""
    accepted: dict[Any, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.accepted:
            accepted[key(entry)].append(entry)
    only_undone = {key(entry) for entry in entries if not entry.accepted} - set(accepted)
    return accepted, only_undone


def _lower_median(values: Sequence[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _joined(texts: Iterable[str]) -> str:
    unique = list(dict.fromkeys(text.strip() for text in texts if text.strip()))
    return " / ".join(unique)[: MAX_TEXT * 2]


# ------------------------------------------------------------------ per kind


def _stickers(data: dict[str, Any], case: Case, _meeting: Meeting, entries: list[Entry], source: str) -> None:
    def key(entry: Entry) -> tuple[str, str, str]:
        payload = StickerPayload.model_validate(entry.contribution.payload)
        return (entry.actor, payload.task, payload.level.value)

    accepted, only_undone = _split(entries, key)
    role_map = data.setdefault("role_map", RoleMap(source=source).model_dump(mode="json", exclude_defaults=True))
    stickers = [s for s in role_map.get("stickers", []) if not _added_and_undone(s, only_undone, source)]
    present = {(s["actor"], s["task"], s["level"]): s for s in stickers}
    for (actor, task, level), group in accepted.items():
        together = any(entry.contribution.payload.get("together") for entry in group)
        if (actor, task, level) in present:
            present[(actor, task, level)]["together"] = present[(actor, task, level)].get("together") or together
        else:
            sticker = Sticker.model_validate(
                {"actor": actor, "task": task, "level": level, "together": together, "source": source}
            )
            stickers.append(sticker.model_dump(mode="json", exclude_defaults=True))
    role_map["stickers"] = stickers


def _added_and_undone(sticker: dict[str, Any], only_undone: set[Any], source: str) -> bool:
    """A sticker this meeting added whose contributions are all undone; one from before the meeting stays."""
    return sticker.get("source") == source and (sticker["actor"], sticker["task"], sticker["level"]) in only_undone


def _scan_cells(data: dict[str, Any], case: Case, meeting: Meeting, entries: list[Entry], _source: str) -> None:
    def key(entry: Entry) -> tuple[str, str, str]:
        group = scan_group_of(case.actor(entry.actor).type)
        payload = ScanCellPayload.model_validate(entry.contribution.payload)
        return (group.value if group else "", payload.level.value, payload.perspective.value)

    accepted, only_undone = _split(entries, key)
    date = meeting.opened_at.date().isoformat()
    scans: list[dict[str, Any]] = data.setdefault("scans", [])
    for group in {k[0] for k in accepted} | {k[0] for k in only_undone}:
        scan = next((s for s in scans if s["date"] == date and s["group"] == group), None)
        if scan is None:
            scan = Scan(date=dt.date.fromisoformat(date), group=group).model_dump(mode="json", exclude_defaults=True)
            scans.append(scan)
        cells = {(e["level"], e["perspective"]): e for e in scan.get("entries", [])}
        for _, level, perspective in [k for k in only_undone if k[0] == group]:
            cells.pop((level, perspective), None)
        for (_, level, perspective), group_entries in [(k, v) for k, v in accepted.items() if k[0] == group]:
            cells[(level, perspective)] = _scan_entry(group_entries)
        scan["entries"] = list(cells.values())
    data["scans"] = [scan for scan in scans if scan.get("entries") or scan["date"] != date]


def _scan_entry(entries: list[Entry]) -> dict[str, Any]:
    payloads = [ScanCellPayload.model_validate(entry.contribution.payload) for entry in entries]
    position = ContinuumPosition.from_scale(_lower_median([p.position.value_on_scale for p in payloads]))
    entry = ScanEntry(
        level=payloads[0].level, perspective=payloads[0].perspective, position=position,
        explanation=_joined(p.explanation for p in payloads),
    )  # fmt: skip
    return entry.model_dump(mode="json", exclude_defaults=True)


def _item_id(entry: Entry) -> str:
    return f"m-{entry.contribution.uid[:12]}"


def _new_items(items: list[dict[str, Any]], entries: list[Entry], make: Callable[[Entry], dict[str, Any]]) -> None:
    """Add an item per accepted entry (once), remove the items of undone entries; ``items`` changes in place."""
    undone = {_item_id(entry) for entry in entries if not entry.accepted}
    items[:] = [item for item in items if item["id"] not in undone]
    present = {item["id"] for item in items}
    items.extend(make(entry) for entry in entries if entry.accepted and _item_id(entry) not in present)


def _findings(data: dict[str, Any], _case: Case, _meeting: Meeting, entries: list[Entry], source: str) -> None:
    def make(entry: Entry) -> dict[str, Any]:
        payload = FindingPayload.model_validate(entry.contribution.payload)
        place = FindingPlace(quadrant=payload.quadrant)
        finding = Finding(id=_item_id(entry), text=payload.text, place=place, perspectives=payload.perspectives,
                          source=source)  # fmt: skip
        dumped = finding.model_dump(mode="json", exclude_defaults=True)
        dumped["place"] = place.to_yaml()
        return dumped

    _new_items(data.setdefault("findings", []), entries, make)


def _lessons(data: dict[str, Any], _case: Case, _meeting: Meeting, entries: list[Entry], source: str) -> None:
    def make(entry: Entry) -> dict[str, Any]:
        payload = LessonPayload.model_validate(entry.contribution.payload)
        lesson = Lesson(id=_item_id(entry), text=payload.text, perspectives=payload.perspectives,
                        level=payload.level, audience=payload.audience, source=source)  # fmt: skip
        return lesson.model_dump(mode="json", exclude_defaults=True)

    valorisation = data.setdefault("valorisation", {})
    _new_items(valorisation.setdefault("lessons", []), entries, make)


def _ratings(data: dict[str, Any], case: Case, _meeting: Meeting, entries: list[Entry], source: str) -> None:
    def key(entry: Entry) -> tuple[str, str, str]:
        payload = RatingPayload.model_validate(entry.contribution.payload)
        rater = rater_of(case.actor(entry.actor).type)
        return (payload.web, payload.criterion, rater.value if rater else "")

    accepted, only_undone = _split(entries, key)
    for web in data.get("reflection_webs", []):
        ratings = {(r["criterion"], r["rater"]): r for r in web.get("ratings", [])}
        for web_id, criterion, rater in only_undone:
            if web_id == web["id"] and ratings.get((criterion, rater), {}).get("source") == source:
                ratings.pop((criterion, rater))
        for (web_id, criterion, rater), group in accepted.items():
            if web_id == web["id"]:
                score = _lower_median([entry.contribution.payload["score"] for entry in group])
                rating = Rating.model_validate(
                    {"criterion": criterion, "rater": rater, "score": score, "source": source}
                )
                ratings[(criterion, rater)] = rating.model_dump(mode="json", exclude_defaults=True)
        web["ratings"] = list(ratings.values())


def _corners(data: dict[str, Any], _case: Case, _meeting: Meeting, entries: list[Entry], source: str) -> None:
    accepted, _ = _split(entries, lambda entry: CornerPayload.model_validate(entry.contribution.payload).corner.value)
    valorisation = data.setdefault("valorisation", Valorisation().model_dump(mode="json", exclude_defaults=True))
    corners = {item["corner"]: item for item in valorisation.get("corners", [])}
    for corner, group in accepted.items():
        strength = _lower_median([entry.contribution.payload["strength"] for entry in group])
        if corner in corners:
            corners[corner]["strength"] = strength
        else:
            assessment = CornerAssessment.model_validate({"corner": corner, "strength": strength, "source": source})
            corners[corner] = assessment.model_dump(mode="json", exclude_defaults=True)
    valorisation["corners"] = list(corners.values())


def _set_votes(data: dict[str, Any], votes: Counter[str]) -> None:
    for decision in data.get("design", {}).get("decisions", []):
        decision["votes"] = votes.get(decision["id"], 0)


_APPLY: dict[Kind, Applier] = {
    Kind.STICKER: _stickers,
    Kind.SCAN_CELL: _scan_cells,
    Kind.FINDING: _findings,
    Kind.RATING: _ratings,
    Kind.LESSON: _lessons,
    Kind.CORNER: _corners,
}
