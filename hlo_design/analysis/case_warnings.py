"""Warnings about a valid case: facts that can be typed in but cannot be true of a week.

Errors refuse a file; these do not. A case with 70 hours a week, a Monday
holding three day parts, or every activity at 0 hours loads and draws — but
every share computed from it is then wrong without a word. A warning names
the field and what to check, in the reader's language, so ``hlo-design
validate`` and the diagnosis page can show it while the file still passes.

Unknown ``source:`` ids are not warned about here: they are already an error
(see :func:`hlo_design.model.references.unknown_sources`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from hlo_design.base.errors import FieldPath, Problem, format_path
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.rhythm import Weekday

__all__ = [
    "MAX_LEARNER_HOURS",
    "WARNING_RULES",
    "CaseWarning",
    "WarningRule",
    "case_warnings",
    "located_warning",
    "warning_line",
]

MAX_LEARNER_HOURS = 60
"""More weekly hours than this is no learner's week: a typo, or hours of staff counted in."""

DAY_PARTS_PER_DAY = 2
"""A day has a morning and an afternoon; a whole day is both."""


@dataclass(frozen=True)
class CaseWarning:
    """One doubtful fact: where it is (``path``), and the message key with its fields."""

    path: FieldPath
    key: str
    fields: tuple[tuple[str, str | int | Enum], ...] = ()


WarningRule = Callable[[Case], Iterator[CaseWarning]]


def case_warnings(case: Case, rules: Sequence[WarningRule] | None = None) -> list[CaseWarning]:
    """Every warning of ``case``, rule by rule (see :data:`WARNING_RULES`)."""
    return [warning for rule in (WARNING_RULES if rules is None else rules) for warning in rule(case)]


def warning_line(warning: CaseWarning, vocabulary: Vocabulary) -> str:
    """The warning as a sentence in the vocabulary's language, enum fields by their labels."""
    fields = {name: vocabulary.label(value) if isinstance(value, Enum) else value for name, value in warning.fields}
    return vocabulary(warning.key, **fields)


def located_warning(
    warning: CaseWarning, file: str, line_of: Callable[[FieldPath], int | None], vocabulary: Vocabulary
) -> Problem:
    """The warning as ``file:line field: warning: …``, the shape of every problem ``hlo-design validate`` prints."""
    text = f"{vocabulary('warning.prefix')}: {warning_line(warning, vocabulary)}"
    return Problem(file, line_of(warning.path), format_path(warning.path), text, warning.key)


def too_many_hours(case: Case) -> Iterator[CaseWarning]:
    """The activities of one environment add up to more hours a week than any learner can have.

    Counted per environment, at its first activity: a case may compare several
    environments that are each a learner's whole week (Logistiek compares
    three locations, 88 hours together), so only one environment's total is
    sure to be one learner's week.
    """
    totals: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for index, activity in enumerate(case.activities):
        totals[activity.environment] += activity.hours_per_week
        first.setdefault(activity.environment, index)
    for environment in case.environments:
        if totals[environment.id] > MAX_LEARNER_HOURS:
            yield CaseWarning(
                ("activities", first[environment.id]),
                "warning.too_many_hours",
                (
                    ("environment", environment.name),
                    ("total", f"{totals[environment.id]:g}"),
                    ("limit", MAX_LEARNER_HOURS),
                ),
            )


def all_activities_at_zero(case: Case) -> Iterator[CaseWarning]:
    """Every activity has 0 hours, so every share reads 0 % although nothing was measured."""
    if case.activities and not any(activity.hours_per_week for activity in case.activities):
        yield CaseWarning(("activities",), "warning.all_zero_hours", (("count", len(case.activities)),))


def overlapping_slots(case: Case) -> Iterator[CaseWarning]:
    """A day of the rhythm holds more day parts than a morning and an afternoon, at its first slot."""
    if case.rhythm is None:
        return
    halves: dict[Weekday, int] = defaultdict(int)
    first: dict[Weekday, int] = {}
    for index, slot in enumerate(case.rhythm.slots):
        halves[slot.day] += slot.part.halves
        first.setdefault(slot.day, index)
    for day in Weekday:
        if halves[day] > DAY_PARTS_PER_DAY:
            yield CaseWarning(
                ("rhythm", "slots", first[day]),
                "warning.overlapping_slots",
                (("day", day), ("parts", halves[day]), ("total", sum(halves.values()))),
            )


WARNING_RULES: tuple[WarningRule, ...] = (too_many_hours, all_activities_at_zero, overlapping_slots)

"""The rules :func:`case_warnings` applies, in order; add a function to add a warning."""
