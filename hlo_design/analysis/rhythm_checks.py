"""Checks on a weekly rhythm: shares per setting and warnings a coach should discuss."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.activities import Activity
from hlo_design.model.quadrants import quadrant_weights
from hlo_design.model.rhythm import WORK_SETTINGS, Rhythm, RhythmSlot, Setting, SlotContent, Weekday

__all__ = ["RhythmWarning", "rhythm_checks", "setting_shares"]


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
