"""The weekly rhythm of learners: which day parts they spend where.

Temporal design is the perspective the documents find least integrative,
because school timetables dominate; making the week visible is the first step
to changing it. Block vs ribbon internships (*blok-* vs *lintstage*) are
recorded as the rhythm's pattern.

:func:`rhythm_checks` flags weeks that the documents warn about. The rules
are deliberately data-only, so a learning community can see why a week is
flagged:

* ``theory_day`` — a weekday whose day parts are *all* at ``school``, that
  covers the whole day (a ``day`` slot, or both a morning and an afternoon)
  and whose every slot is marked ``content: theory``. Slots without a
  ``content`` are never flagged: we do not guess. Oosterhout changed its
  first timetable for exactly this reason (a full day of theory only was too
  heavy and not motivating; lessons were spread over the week).
* ``no_work_contact`` — no day part of the week is in a ``company`` or on an
  ``internship``. When ``activities`` are given and some of their hours lie
  on the realistic side of the model (context > 0, shared by the on-axis
  rule), the warning says how many hours the week has no room for
  (key ``rhythm.check.no_work_contact_activities``).
* ``school_majority`` — more than half of the week's day parts are at
  ``school`` (shares per setting from :meth:`Rhythm.halves_per_setting`):
  the school timetable dominates, the pattern the documents find least
  integrative.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from hlo_design.quadrants import quadrant_weights

if TYPE_CHECKING:
    from hlo_design.cases import Activity
    from hlo_design.vocabulary import Vocabulary

__all__ = [
    "DayPart",
    "InternshipPattern",
    "Rhythm",
    "RhythmSlot",
    "RhythmWarning",
    "Setting",
    "SlotContent",
    "Weekday",
    "rhythm_checks",
    "setting_shares",
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


class RhythmSlot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    day: Weekday
    part: DayPart = DayPart.WHOLE_DAY
    setting: Setting
    content: SlotContent | None = None
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


WORK_SETTINGS = frozenset({Setting.COMPANY, Setting.INTERNSHIP})
"""Settings that count as contact with the world of work."""


@dataclass(frozen=True)
class RhythmWarning:
    """One flagged property of a week: ``key`` is a message of ``data/messages``, ``fields`` fill it in."""

    code: str
    day: Weekday | None
    key: str
    fields: Mapping[str, str] = field(default_factory=dict, hash=False)

    def text(self, vocabulary: Vocabulary) -> str:
        """The warning in the vocabulary's language, with the day's label filled in."""
        fields = dict(self.fields)
        if self.day is not None:
            fields["day"] = vocabulary.label(self.day)
        return vocabulary(self.key, **fields)


def setting_shares(rhythm: Rhythm) -> dict[Setting, float]:
    """Share of the week's day parts per setting (every setting present; all zero for an empty week)."""
    halves = rhythm.halves_per_setting()
    total = sum(halves.values())
    return {setting: (count / total if total else 0.0) for setting, count in halves.items()}


def _is_theory_day(slots: list[RhythmSlot]) -> bool:
    covered = sum(slot.part.halves for slot in slots)
    return covered >= 2 and all(slot.setting is Setting.SCHOOL and slot.content is SlotContent.THEORY for slot in slots)


def _realistic_hours(activities: Iterable[Activity]) -> float:
    hours = 0.0
    for activity in activities:
        for quadrant, weight in quadrant_weights(activity.position).items():
            if quadrant.is_realistic:
                hours += activity.hours_per_week * weight
    return hours


def rhythm_checks(rhythm: Rhythm, activities: Iterable[Activity] | None = None) -> list[RhythmWarning]:
    """The warnings of the module docstring's rules, theory days first in weekday order."""
    warnings: list[RhythmWarning] = []
    by_day: dict[Weekday, list[RhythmSlot]] = {}
    for slot in rhythm.slots:
        by_day.setdefault(slot.day, []).append(slot)
    for day in Weekday:
        if day in by_day and _is_theory_day(by_day[day]):
            warnings.append(RhythmWarning("theory_day", day, "rhythm.check.theory_day"))
    halves = rhythm.halves_per_setting()
    if not any(halves[setting] for setting in WORK_SETTINGS):
        realistic = _realistic_hours(activities) if activities is not None else 0.0
        if realistic > 0:
            warnings.append(
                RhythmWarning(
                    "no_work_contact",
                    None,
                    "rhythm.check.no_work_contact_activities",
                    {"hours": f"{realistic:g}"},
                )
            )
        else:
            warnings.append(RhythmWarning("no_work_contact", None, "rhythm.check.no_work_contact"))
    school = setting_shares(rhythm)[Setting.SCHOOL]
    if school > 0.5:
        warnings.append(
            RhythmWarning("school_majority", None, "rhythm.check.school_majority", {"share": f"{school:.0%}"})
        )
    return warnings
