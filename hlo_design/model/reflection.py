"""Reflectiewebs: criteria scored by learner, teacher and mentor."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field, model_validator

from hlo_design.base.schema import Identifier, Record, Sourced, Text

__all__ = ["MAX_SCALE", "Criterion", "Rater", "Rating", "ReflectionWeb"]

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


class Rating(Sourced):
    """One rater's score for one criterion; the scale comes from the web (1..scale_max)."""

    criterion: Identifier
    rater: Rater
    score: int = Field(ge=1, le=MAX_SCALE)


class ReflectionWeb(Sourced):
    """A reflectieweb on one interaction: criteria, the three raters' scores and the action points."""

    id: Identifier
    title: Text
    interaction: Text
    date: dt.date | None = None
    scale_max: int = Field(default=5, ge=2, le=MAX_SCALE)
    criteria: list[Criterion] = Field(default_factory=list)
    ratings: list[Rating] = Field(default_factory=list)
    action_points: list[Text] = Field(default_factory=list)

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
