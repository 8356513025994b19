"""The reflectieweb: triadic reflection of learner, teacher and mentor on one interaction.

In the Zorg learning community learners practise interactions with a care
recipient and reflect on them with a *reflectieweb*: the learners set the
criteria of a good interaction themselves, then the learner, the teacher and
the workplace mentor each rate every criterion on a scale of 1 to
``scale_max``, and together they derive action points for next time.

Rules a :class:`ReflectionWeb` enforces (each with a message naming the
field): criterion ids are unique, every rating names an existing criterion,
there is at most one rating per criterion and rater, and every score lies in
``1..scale_max``. A rater may leave a criterion unrated (the teacher and/or the
mentor rate too, not necessarily both).

Pure functions of a web: :func:`score_table` (criteria × raters, NaN where
unrated), :func:`spread` (max − min of a criterion's scores, NaN with fewer
than two), :func:`disagreements` (the largest spreads, ties in criterion
order) and :func:`self_vs_others` (learner minus the mean of teacher and
mentor).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from enum import Enum

import pandas as pd
from pydantic import Field, model_validator

from hlo_design.schema import Identifier, Record, Text

__all__ = [
    "MAX_SCALE",
    "Criterion",
    "CriterionDisagreement",
    "Rater",
    "Rating",
    "ReflectionWeb",
    "disagreements",
    "score_table",
    "self_vs_others",
    "spread",
]

MAX_SCALE = 10
"""The longest rating scale a web may use (1..10); 5 is the default."""


class Rater(Enum):
    """The three voices of the triadic reflection."""

    LEARNER = "learner"
    TEACHER = "teacher"
    MENTOR = "mentor"


class Criterion(Record):
    """A criterion of a good interaction, in the learners' own words."""

    id: Identifier
    text: Text


class Rating(Record):
    """One rater's score for one criterion; the scale comes from the web (1..scale_max)."""

    criterion: Identifier
    rater: Rater
    score: int = Field(ge=1, le=MAX_SCALE)


class ReflectionWeb(Record):
    """A reflectieweb on one interaction: criteria, the three raters' scores and the action points."""

    id: Identifier
    title: Text
    interaction: Text
    date: dt.date | None = None
    scale_max: int = Field(default=5, ge=2, le=MAX_SCALE)
    criteria: list[Criterion] = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)
    action_points: list[Text] = Field(default_factory=list)
    source: Identifier | None = None
    illustrative: bool = False

    @model_validator(mode="after")
    def _ratings_fit(self) -> ReflectionWeb:
        """Refuse ratings for unknown criteria, double ratings and scores off the scale, all at once."""
        problems: list[str] = []
        ids = [c.id for c in self.criteria]
        seen_ids: set[str] = set()
        for index, criterion_id in enumerate(ids):
            if criterion_id in seen_ids:
                problems.append(f"criteria[{index}].id: {criterion_id!r} is used more than once; ids must be unique")
            seen_ids.add(criterion_id)
        first: dict[tuple[str, Rater], int] = {}
        for index, rating in enumerate(self.ratings):
            if rating.criterion not in seen_ids:
                known = ", ".join(ids) or "none yet"
                problems.append(
                    f"ratings[{index}].criterion: {rating.criterion!r} is not one of the criteria ({known}); add the criterion first"
                )
            key = (rating.criterion, rating.rater)
            if key in first:
                problems.append(
                    f"ratings[{index}]: {rating.rater.value} rated {rating.criterion!r} already in ratings[{first[key]}]; keep one rating per criterion and rater"
                )
            else:
                first[key] = index
            if not 1 <= rating.score <= self.scale_max:
                problems.append(
                    f"ratings[{index}].score: must be between 1 and scale_max {self.scale_max} (got {rating.score}); change the score or the scale_max of the web"
                )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def score(self, criterion_id: str, rater: Rater) -> int | None:
        """The score ``rater`` gave ``criterion_id``, or ``None`` when not rated."""
        return next((r.score for r in self.ratings if r.criterion == criterion_id and r.rater is rater), None)


@dataclass(frozen=True)
class CriterionDisagreement:
    """How far the raters lie apart on one criterion, with the scores they gave."""

    criterion: Criterion
    spread: int
    scores: dict[Rater, int]


def score_table(web: ReflectionWeb) -> pd.DataFrame:
    """Criteria (rows, by id, in web order) × raters (columns, in Rater order); NaN where a rater did not rate."""
    table = pd.DataFrame(
        math.nan,
        index=pd.Index([c.id for c in web.criteria], name="criterion", dtype=object),
        columns=pd.Index(list(Rater), name="rater"),
        dtype=float,
    )
    for rating in web.ratings:
        table.loc[rating.criterion, rating.rater] = float(rating.score)
    return table


def spread(web: ReflectionWeb) -> pd.Series:
    """Per criterion, the highest minus the lowest score; NaN with fewer than two ratings."""
    table = score_table(web)
    rated = table.notna().sum(axis=1)
    return (table.max(axis=1) - table.min(axis=1)).where(rated >= 2).rename("spread")


def disagreements(web: ReflectionWeb, n: int = 3) -> list[CriterionDisagreement]:
    """The ``n`` criteria where the raters differ most (spread > 0), largest first, ties in criterion order."""
    if n < 0:
        raise ValueError(f"n must be 0 or more (got {n})")
    spreads = spread(web)
    found = [
        CriterionDisagreement(
            criterion=criterion,
            spread=int(spreads[criterion.id]),
            scores={r: s for r in Rater if (s := web.score(criterion.id, r)) is not None},
        )
        for criterion in web.criteria
        if not math.isnan(spreads[criterion.id]) and spreads[criterion.id] > 0
    ]
    found.sort(key=lambda d: -d.spread)  # stable: equal spreads keep criterion order
    return found[:n]


def self_vs_others(web: ReflectionWeb) -> pd.Series:
    """Per criterion, the learner's score minus the mean of teacher and mentor (whoever rated); NaN if either side is missing.

    Positive: the learner rates themself higher than the others do.
    """
    table = score_table(web)
    others = table[[Rater.TEACHER, Rater.MENTOR]].mean(axis=1, skipna=True)
    return (table[Rater.LEARNER] - others).rename("self_vs_others")
