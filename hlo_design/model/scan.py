"""The HLO scan: per group and date, a continuum position per level and perspective."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field, field_validator

from hlo_design.base.schema import Record
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective

__all__ = ["Scan", "ScanEntry", "ScanGroup"]


class ScanGroup(Enum):
    """The actor groups that fill in a scan separately."""

    TEACHERS = "teachers"
    SUPERVISORS = "supervisors"
    COORDINATORS = "coordinators"
    LEARNERS = "learners"


class ScanEntry(Record):
    """One cell of a scan: the position a group chose for a level × perspective, and why."""

    level: Level
    perspective: Perspective
    position: ContinuumPosition
    explanation: str = ""


class Scan(Record):
    """One group's scan on one date; at most one entry per level × perspective."""

    date: dt.date
    group: ScanGroup
    entries: list[ScanEntry] = Field(default_factory=list)
    illustrative: bool = False

    @field_validator("entries")
    @classmethod
    def _one_entry_per_cell(cls, entries: list[ScanEntry]) -> list[ScanEntry]:
        """Two answers for one cell would make the grid silently keep one of them; refuse instead."""
        first: dict[tuple[Level, Perspective], int] = {}
        clashes: list[str] = []
        for index, entry in enumerate(entries):
            cell = (entry.level, entry.perspective)
            if cell in first:
                clashes.append(
                    f"entries[{index}] repeats level {entry.level.value} × perspective "
                    f"{entry.perspective.value} of entries[{first[cell]}]"
                )
            else:
                first[cell] = index
        if clashes:
            raise ValueError("; ".join(clashes) + "; keep one entry per level and perspective (merge the explanations)")
        return entries

    def entry(self, level: Level, perspective: Perspective) -> ScanEntry | None:
        """The entry for one cell, or ``None`` when the group left it open."""
        return next((e for e in self.entries if e.level is level and e.perspective is perspective), None)
