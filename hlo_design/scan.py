"""The HLO scan: where an environment stands on the school–work continuum.

mboRijnland's scan asks, per level (strategic, tactical, operational) and per
design perspective, which of the five continuum positions fits, with a
written explanation. Each actor group fills it in separately and scans are
dated, so a learning community can see where its groups disagree and how the
environment moved over time.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from hlo_design.continuum import ContinuumPosition
from hlo_design.levels import Level
from hlo_design.perspectives import Perspective

__all__ = ["Scan", "ScanEntry", "ScanGroup"]


class ScanGroup(Enum):
    """The actor groups that fill in a scan separately."""

    TEACHERS = "teachers"
    SUPERVISORS = "supervisors"
    COORDINATORS = "coordinators"
    LEARNERS = "learners"


class ScanEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    level: Level
    perspective: Perspective
    position: ContinuumPosition
    explanation: str = ""


class Scan(BaseModel):
    """One group's scan on one date; at most one entry per level × perspective."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    group: ScanGroup
    entries: list[ScanEntry] = Field(default_factory=list)
    illustrative: bool = False
