"""The design plan of a case: focus, learning goals, decisions, variants and the student journey."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator, model_validator

from hlo_design.base.schema import HoursPerWeek, Identifier, Record, Sourced, Text
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Position, check_quadrant_number
from hlo_design.model.rhythm import Rhythm

__all__ = [
    "CARRYING_STATUSES",
    "ActivityMove",
    "DecisionStatus",
    "DesignDecision",
    "DesignPlan",
    "DesignVariant",
    "Focus",
    "JourneyStep",
    "LearningGoal",
    "PerspectiveState",
    "derived_step_id",
    "implicit_step_ids",
]


class DecisionStatus(Enum):
    """How far a design decision has come; labels via ``DecisionStatus.<value>``."""

    IDEA = "idea"
    AGREED = "agreed"
    TRIED = "tried"
    ADOPTED = "adopted"
    DROPPED = "dropped"


CARRYING_STATUSES = frozenset({DecisionStatus.AGREED, DecisionStatus.TRIED, DecisionStatus.ADOPTED})

"""Statuses that make a decision carry the design."""


class LearningGoal(Sourced):
    """A learning goal of the focus, linked to the diagnosis findings it answers."""

    id: Identifier
    text: Text
    findings: list[Identifier] = Field(default_factory=list)


class Focus(Sourced):
    """The design question, the target group and the goals; their order is the sequence."""

    question: Text
    target_group: Text
    goals: list[LearningGoal] = Field(default_factory=list)


class DesignDecision(Sourced):
    """A design choice in one perspective, from the option catalogue (``option``) or written freely."""

    id: Identifier
    perspective: Perspective
    text: Text
    option: Identifier | None = None
    rationale: Text
    level: Level
    owner: Text
    status: DecisionStatus = DecisionStatus.IDEA
    findings: list[Identifier] = Field(default_factory=list)
    votes: int = Field(default=0, ge=0, le=100_000)
    """Dots the learning community put on this decision in meetings (accepted by the coach)."""


class PerspectiveState(Sourced):
    """The current situation seen from one perspective."""

    perspective: Perspective
    current_situation: Text


class ActivityMove(Record):
    """An activity slid to a new position, optionally with new weekly hours."""

    activity: Identifier
    position: Position
    hours_per_week: HoursPerWeek | None = None


class DesignVariant(Sourced):
    """A saved design variant: moves of activities and, optionally, another weekly rhythm."""

    id: Identifier
    name: Text
    created: date
    moves: list[ActivityMove] = Field(default_factory=list)
    rhythm: Rhythm | None = None
    note: str | None = None


STEP_ID_PREFIX = "stap"
"""The readable part of journey-step ids (Dutch, like the ids in the example cases)."""


def derived_step_id(goal: object, quadrant: object, text: object, activity: object, occurrence: int = 1) -> str:
    """The id of a step written without one: from what the step says, so every reader derives the same id.

    Case files from before steps had ids still load, and a save merges their
    steps by id like any list. Because the id follows from the content, a save
    can leave it out of the file again for every step nobody changed
    (:func:`implicit_step_ids`): those lines keep their layout. ``occurrence``
    tells identical steps apart (the second gets ``-2``).
    """
    digest = hashlib.sha256(
        "\x1f".join(str(part) if part is not None else "" for part in (goal, quadrant, text, activity)).encode()
    ).hexdigest()[:8]
    return f"{STEP_ID_PREFIX}-{digest}" + (f"-{occurrence}" if occurrence > 1 else "")


def _with_step_ids(steps: Any) -> Any:
    """Raw journey steps, each without an id given the one :func:`derived_step_id` derives."""
    if not isinstance(steps, list):
        return steps
    seen: Counter[tuple[Any, ...]] = Counter()
    filled = []
    for step in steps:
        if isinstance(step, Mapping) and step.get("id") is None:
            content = (step.get("goal"), step.get("quadrant"), step.get("text"), step.get("activity"))
            seen[content] += 1
            step = {**step, "id": derived_step_id(*content, occurrence=seen[content])}
        filled.append(step)
    return filled


def implicit_step_ids(steps: Sequence[JourneyStep]) -> set[int]:
    """The places of steps whose id loading would derive anyway, so a save need not write it.

    A step nobody changed keeps the derived id and its line stays as it was;
    a changed or new step has an id of its own now, and that is written.
    """
    seen: Counter[tuple[Any, ...]] = Counter()
    implicit = set()
    for index, step in enumerate(steps):
        content = (step.goal, step.quadrant, step.text, step.activity)
        if step.id == derived_step_id(*content, occurrence=seen[content] + 1):
            seen[content] += 1
            implicit.add(index)
    return implicit


class JourneyStep(Sourced):
    """One step of the student journey: an activity for a goal in a quadrant (1–4).

    ``id`` lets a save merge steps like any list (two people adding steps at
    once both keep theirs); a step written without one gets it derived from
    its content (:func:`derived_step_id`).
    """

    id: Identifier
    goal: Identifier
    quadrant: Annotated[int, AfterValidator(check_quadrant_number)]
    text: Text
    activity: Identifier | None = None

    @model_validator(mode="before")
    @classmethod
    def _derive_id(cls, data: Any) -> Any:
        return _with_step_ids([data])[0]


class DesignPlan(Record):
    """The ``design:`` section of a case."""

    focus: Focus | None = None
    perspectives: list[PerspectiveState] = Field(default_factory=list)
    decisions: list[DesignDecision] = Field(default_factory=list)
    journey: list[JourneyStep] = Field(default_factory=list)
    variants: list[DesignVariant] = Field(default_factory=list)

    @field_validator("journey", mode="before")
    @classmethod
    def _derive_step_ids(cls, steps: Any) -> Any:
        """Steps without an id get theirs here, where identical steps can be told apart."""
        return _with_step_ids(steps)

    @property
    def goals(self) -> list[LearningGoal]:
        return list(self.focus.goals) if self.focus is not None else []

    def variant(self, variant_id: str) -> DesignVariant:
        return next(v for v in self.variants if v.id == variant_id)
