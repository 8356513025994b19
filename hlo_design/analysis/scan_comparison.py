"""Comparing HLO scans: grids, disagreement between groups, movement and coherence."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

import pandas as pd

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.scan import Scan, ScanGroup

__all__ = [
    "COHERENCE_RULES",
    "MAX_LEVEL_GAP",
    "CarriedCell",
    "Cell",
    "CoherenceWarning",
    "Disagreement",
    "FieldValue",
    "Rule",
    "ambition_vs_practice",
    "ambition_vs_timetable",
    "carried_forward",
    "coherence_warnings",
    "disagreement",
    "first_and_latest",
    "largest_disagreements",
    "latest_scans",
    "latest_session",
    "level_pulls_both_ways",
    "movement",
    "scan_dates",
    "scan_grid",
    "scans_on",
    "warning_text",
]


Cell = tuple[Level, Perspective]

"""(level, perspective): one cell of the scan form."""


def _empty_grid() -> pd.DataFrame:
    return pd.DataFrame(
        [[math.nan] * len(Perspective) for _ in Level],
        index=pd.Index(list(Level), name="level"),
        columns=pd.Index(list(Perspective), name="perspective"),
        dtype=float,
    )


def scan_grid(scan: Scan) -> pd.DataFrame:
    """Levels × perspectives (enum order) of ``value_on_scale``; NaN where the group left a cell open.

    A grid is what people read on the scan form, and the common shape that
    disagreement and movement are computed on.
    """
    grid = _empty_grid()
    for entry in scan.entries:
        grid.loc[entry.level, entry.perspective] = float(entry.position.value_on_scale)
    return grid


def scan_dates(scans: Iterable[Scan]) -> list[dt.date]:
    """The distinct dates on which scans were filled in, oldest first: the sessions of a community."""
    return sorted({scan.date for scan in scans})


def scans_on(scans: Iterable[Scan], date: dt.date) -> list[Scan]:
    """The scans of one session, in the order they are listed, to compare groups at one moment."""
    return [scan for scan in scans if scan.date == date]


def latest_session(scans: Iterable[Scan]) -> list[Scan]:
    """The scans of the most recent session (date), in listed order; empty without scans.

    Groups are only compared within one session: a group's partial re-scan of
    today set against another group's full scan of last year says nothing
    about where the groups disagree now.
    """
    scans = list(scans)
    return scans_on(scans, max(scan.date for scan in scans)) if scans else []


@dataclass(frozen=True)
class CarriedCell:
    """A cell a group left open in a session, with the value of its own most recent earlier scan."""

    position: ContinuumPosition
    date: dt.date


def carried_forward(scans: Iterable[Scan], session: Sequence[Scan]) -> dict[ScanGroup, dict[Cell, CarriedCell]]:
    """Per group of ``session``, the cells it left open that an earlier scan of that group did fill.

    A partial re-scan is normal (a group redoes only what changed), but the
    open cells must not silently look unchanged or silently look empty: the
    figures show these values marked as carried forward, and disagreement
    never counts them.
    """
    scans = list(scans)
    carried: dict[ScanGroup, dict[Cell, CarriedCell]] = {}
    for group, current in latest_scans(session).items():
        earlier = sorted((s for s in scans if s.group is group and s.date < current.date), key=lambda s: s.date)
        cells: dict[Cell, CarriedCell] = {}
        for scan in earlier:  # oldest first, so the most recent earlier value wins
            for entry in scan.entries:
                if current.entry(entry.level, entry.perspective) is None:
                    cells[entry.level, entry.perspective] = CarriedCell(entry.position, scan.date)
        if cells:
            carried[group] = cells
    return carried


def first_and_latest(scans: Iterable[Scan]) -> dict[ScanGroup, tuple[Scan, Scan]]:
    """Per group (in group order) that scanned on two or more dates: its first and its latest scan.

    What a community wants to see after a year is how each group's view moved;
    groups with one session have no movement and are left out.
    """
    scans = list(scans)
    pairs: dict[ScanGroup, tuple[Scan, Scan]] = {}
    for group, latest in latest_scans(scans).items():
        first = min((s for s in scans if s.group is group), key=lambda s: s.date)
        if first.date < latest.date:
            pairs[group] = (first, latest)
    return pairs


def latest_scans(scans: Iterable[Scan]) -> dict[ScanGroup, Scan]:
    """The most recent scan of each group, in group order: where each group stands now.

    When a group has two scans on the same date the one listed last wins, as
    the one typed in most recently.
    """
    latest: dict[ScanGroup, Scan] = {}
    for scan in scans:
        current = latest.get(scan.group)
        if current is None or scan.date >= current.date:
            latest[scan.group] = scan
    return {group: latest[group] for group in ScanGroup if group in latest}


Disagreement = tuple[Level, Perspective, int, dict[ScanGroup, ContinuumPosition]]

"""(level, perspective, spread, the position of each group that filled the cell)."""


def _positions(scans: Iterable[Scan]) -> dict[Cell, dict[ScanGroup, ContinuumPosition]]:
    """Each group's position per cell, from scans of one session only (see :func:`latest_session`)."""
    scans = list(scans)
    if len(scan_dates(scans)) > 1:
        dates = ", ".join(str(date) for date in scan_dates(scans))
        raise ValueError(f"groups are compared within one scan session; got the dates {dates} (use latest_session)")
    cells: dict[Cell, dict[ScanGroup, ContinuumPosition]] = {}
    for group, scan in latest_scans(scans).items():
        for entry in scan.entries:
            cells.setdefault((entry.level, entry.perspective), {})[group] = entry.position
    return cells


def _spread(positions: Iterable[ContinuumPosition]) -> int:
    values = [p.value_on_scale for p in positions]
    return max(values) - min(values)


def disagreement(scans: Iterable[Scan]) -> pd.DataFrame:
    """Levels × perspectives of the spread between groups (max − min on the -2 … +2 scale).

    Where groups see the same environment differently is what a learning
    community needs to talk about first. The scans must come from one
    session (one date; pass :func:`latest_session` or :func:`scans_on`),
    otherwise a :class:`ValueError` says so: mixing dates would compare a
    view of today with one of last year. NaN where fewer than two groups
    filled the cell: one opinion has no spread, and a value carried forward
    from an earlier session is no opinion of today.
    """
    grid = _empty_grid()
    for (level, perspective), positions in _positions(scans).items():
        if len(positions) >= 2:
            grid.loc[level, perspective] = float(_spread(positions.values()))
    return grid


def largest_disagreements(scans: Iterable[Scan], n: int = 3) -> list[Disagreement]:
    """The ``n`` cells where groups differ most, largest spread first, ties in level then perspective order.

    A meeting has time for a few conversations; this picks them. Cells where
    the groups agree (spread 0) are not disagreements and are left out. The
    scans must come from one session, as for :func:`disagreement`.
    """
    cells = _positions(scans)
    found: list[Disagreement] = []
    for level in Level:
        for perspective in Perspective:
            positions = cells.get((level, perspective), {})
            if len(positions) >= 2 and (spread := _spread(positions.values())) > 0:
                found.append((level, perspective, spread, positions))
    found.sort(key=lambda item: -item[2])  # stable: enum order is kept within a spread
    return found[: max(n, 0)]


def movement(earlier: Scan, later: Scan) -> pd.DataFrame:
    """Levels × perspectives of the change on the scale from ``earlier`` to ``later`` (+ = towards work).

    A later session shows how the environment moved. Only scans of the same
    group are comparable, and the order matters (swapping them flips every
    sign), so both are checked. NaN where either scan left the cell open.
    """
    if earlier.group is not later.group:
        raise ValueError(f"movement compares scans of one group; got {earlier.group.value} and {later.group.value}")
    if earlier.date > later.date:
        raise ValueError(f"the earlier scan ({earlier.date}) is dated after the later one ({later.date}); swap them")
    return scan_grid(later) - scan_grid(earlier)


FieldValue = Level | Perspective | ContinuumPosition | ScanGroup | str | int


@dataclass(frozen=True)
class CoherenceWarning:
    """Something in one scan that does not hang together; ``key`` and ``fields`` make the Dutch/English text."""

    code: str
    level: Level
    perspective: Perspective | None
    key: str
    fields: tuple[tuple[str, FieldValue], ...] = ()


Rule = Callable[[Scan], Iterator[CoherenceWarning]]


def _value(scan: Scan, level: Level, perspective: Perspective) -> int | None:
    entry = scan.entry(level, perspective)
    return None if entry is None else entry.position.value_on_scale


def ambition_vs_timetable(scan: Scan) -> Iterator[CoherenceWarning]:
    """Rule 1: hybridisation chosen strategically while the daily timetable stays school-aligned.

    The study of 45 environments found temporal design the least integrative
    because school timetables dominate. A strategic choice for a fully
    integrative design (hybridisation, integration 2) of any perspective is
    hard to live up to when, operationally, time is still organised by the
    school alone (temporal = alignment, school-based).
    """
    timetable = scan.entry(Level.OPERATIONAL, Perspective.TEMPORAL)
    if timetable is None or timetable.position is not ContinuumPosition.ALIGNMENT_SCHOOL:
        return
    for perspective in Perspective:
        strategic = scan.entry(Level.STRATEGIC, perspective)
        if strategic is not None and strategic.position.integration == 2:
            yield CoherenceWarning(
                "ambition_vs_timetable",
                Level.STRATEGIC,
                perspective,
                "scan.warning.ambition_vs_timetable",
                (("label", perspective),),
            )


MAX_LEVEL_GAP = 2

"""Steps on the -2 … +2 scale that strategy and daily practice may differ before we flag it."""


def ambition_vs_practice(scan: Scan) -> Iterator[CoherenceWarning]:
    """Rule 2: operational level more than two steps from the strategic level of the same perspective.

    Levels may differ — that is why the scan asks per level — but when what
    is decided and what happens day to day sit at opposite ends of the scale,
    ambition and practice have drifted apart.
    """
    for perspective in Perspective:
        strategic = _value(scan, Level.STRATEGIC, perspective)
        operational = _value(scan, Level.OPERATIONAL, perspective)
        if strategic is not None and operational is not None and abs(operational - strategic) > MAX_LEVEL_GAP:
            yield CoherenceWarning(
                "ambition_vs_practice",
                Level.OPERATIONAL,
                perspective,
                "scan.warning.ambition_vs_practice",
                (("label", perspective),),
            )


def level_pulls_both_ways(scan: Scan) -> Iterator[CoherenceWarning]:
    """Rule 3: one level whose perspectives span the whole scale (both -2 and +2).

    Perspectives may differ, but a level that is fully school-based in one
    perspective and fully work-based in another pulls the design both ways:
    learners meet two separate worlds at that level.
    """
    for level in Level:
        values = [v for p in Perspective if (v := _value(scan, level, p)) is not None]
        if values and min(values) == -2 and max(values) == 2:
            yield CoherenceWarning(
                "level_pulls_both_ways", level, None, "scan.warning.level_pulls_both_ways", (("label", level),)
            )


COHERENCE_RULES: tuple[Rule, ...] = (ambition_vs_timetable, ambition_vs_practice, level_pulls_both_ways)

"""The rules :func:`coherence_warnings` applies, in order; add a function to add a rule."""


def coherence_warnings(scan: Scan, rules: Sequence[Rule] = COHERENCE_RULES) -> list[CoherenceWarning]:
    """What in one scan does not hang together, as prompts for the conversation, not as verdicts.

    The middle of the continuum is not a goal in itself, so the rules never
    judge a position; they only point at combinations of positions that
    contradict each other.
    """
    return [warning for rule in rules for warning in rule(scan)]


def warning_text(warning: CoherenceWarning, vocabulary: Vocabulary) -> str:
    """The warning in the vocabulary's language, with enum fields shown by their labels."""
    fields: Mapping[str, object] = {
        name: vocabulary.label(value) if isinstance(value, Enum) else value for name, value in warning.fields
    }
    return vocabulary(warning.key, **fields)
