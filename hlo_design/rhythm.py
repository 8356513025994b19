"""The weekly rhythm of learners: which day parts they spend where.

Temporal design is the perspective the documents find least integrative,
because school timetables dominate; making the week visible is the first step
to changing it. Block vs ribbon internships (*blok-* vs *lintstage*) are
recorded as the rhythm's pattern.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DayPart", "InternshipPattern", "Rhythm", "RhythmSlot", "Setting", "Weekday"]


class Weekday(Enum):
    MONDAY = "mon"
    TUESDAY = "tue"
    WEDNESDAY = "wed"
    THURSDAY = "thu"
    FRIDAY = "fri"
    SATURDAY = "sat"
    SUNDAY = "sun"


class DayPart(Enum):
    """A whole day counts as two day parts."""

    WHOLE_DAY = "day"
    MORNING = "morning"
    AFTERNOON = "afternoon"

    @property
    def halves(self) -> int:
        return 2 if self is DayPart.WHOLE_DAY else 1


class Setting(Enum):
    """Where learners are during a day part."""

    SCHOOL = "school"
    COMPANY = "company"
    SIMULATION = "simulation"
    INTERNSHIP = "internship"
    GENERIC = "generic"


class InternshipPattern(Enum):
    BLOCK = "block"
    RIBBON = "ribbon"


class RhythmSlot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    day: Weekday
    part: DayPart = DayPart.WHOLE_DAY
    setting: Setting
    note: str | None = None


class Rhythm(BaseModel):
    """A typical week; ``pattern`` says whether internships come in blocks or ribbons."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    slots: list[RhythmSlot] = Field(default_factory=list)
    pattern: InternshipPattern | None = None
    note: str | None = None
    source: str | None = None
    illustrative: bool = False

    def halves_per_setting(self) -> dict[Setting, int]:
        """Day parts per setting in the week, every setting present (zero if unused)."""
        counts = dict.fromkeys(Setting, 0)
        for slot in self.slots:
            counts[slot.setting] += slot.part.halves
        return counts
