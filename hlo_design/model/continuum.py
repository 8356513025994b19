"""The school–work continuum of the HLO scan (mboRijnland, Bouw, Zitter & De Bruijn).

Five positions from school-based to work-based. The three kinds of design —
alignment (*afstemming*), incorporation (*incorporatie*) and hybridisation
(*hybridisering*) — grow more integrative towards the middle. The middle is
not a goal in itself: depending on the goals, incorporation or alignment can
fit better. ``value`` on a -2 … +2 scale (school … work) lets us compute
spreads and disagreements between groups; ``integration`` (0 … 2) says how
integrative the design is regardless of the side it leans to.
"""

from __future__ import annotations

from enum import Enum

from hlo_design.base.schema import Sourced, Text

__all__ = ["ContinuumChoice", "ContinuumPosition"]


class ContinuumPosition(Enum):
    """A place on the school–work continuum, ordered from school to work."""

    ALIGNMENT_SCHOOL = "afstemming_school"
    INCORPORATION_WORK_INTO_SCHOOL = "incorporatie_werk_school"
    HYBRIDISATION = "hybridisering"
    INCORPORATION_SCHOOL_INTO_WORK = "incorporatie_school_werk"
    ALIGNMENT_WORK = "afstemming_werk"

    @property
    def value_on_scale(self) -> int:
        """-2 (school-based) … 0 (hybridisation) … +2 (work-based)."""
        return list(ContinuumPosition).index(self) - 2

    @property
    def integration(self) -> int:
        """0 alignment, 1 incorporation, 2 hybridisation."""
        return 2 - abs(self.value_on_scale)

    @classmethod
    def from_scale(cls, value: int) -> ContinuumPosition:
        return list(cls)[value + 2]


class ContinuumChoice(Sourced):
    """The place on the school–work continuum chosen for the case, with why."""

    position: ContinuumPosition
    rationale: Text
