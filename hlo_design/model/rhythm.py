"""The weekly rhythm: day parts per setting, block or ribbon internships."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from hlo_design.base.schema import Record, Sourced

__all__ = [
    "HALVES",
    "WORKWEEK",
    "WORK_SETTINGS",
    "DayPart",
    "InternshipPattern",
    "Rhythm",
    "RhythmSlot",
    "Setting",
    "SlotContent",
    "Weekday",
    "shown_days",
]


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


class SlotContent(Enum):
    """What learners do in a day part, as far as the timetable says."""

    THEORY = "theory"
    PRACTICE = "practice"
    MIXED = "mixed"


class RhythmSlot(Record):
    """One day part of the typical week: where learners are and, if known, what they do."""

    day: Weekday
    part: DayPart = DayPart.WHOLE_DAY
    setting: Setting
    content: SlotContent | None = None
    note: str | None = None


class Rhythm(Sourced):
    """A typical week; ``pattern`` says whether internships come in blocks or ribbons."""

    slots: list[RhythmSlot] = Field(default_factory=list)
    pattern: InternshipPattern | None = None
    note: str | None = None

    def halves_per_setting(self) -> dict[Setting, int]:
        """Day parts per setting in the week, every setting present (zero if unused)."""
        counts = dict.fromkeys(Setting, 0)
        for slot in self.slots:
            counts[slot.setting] += slot.part.halves
        return counts


HALVES = (DayPart.MORNING, DayPart.AFTERNOON)
"""The two halves a day is drawn and edited in; a whole-day slot covers both."""

WORKWEEK = (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY)
"""The days always shown; a weekend day only when the rhythm uses it."""


def shown_days(rhythm: Rhythm) -> list[Weekday]:
    """The days of the week a grid shows: the working week and any other day the rhythm uses."""
    return [d for d in Weekday if d in WORKWEEK or any(s.day is d for s in rhythm.slots)]


WORK_SETTINGS = frozenset({Setting.COMPANY, Setting.INTERNSHIP})

"""Settings that count as contact with the world of work."""
