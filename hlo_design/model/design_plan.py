"""The design plan of a case: focus, learning goals, decisions, variants and the student journey."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, Field

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


class JourneyStep(Sourced):
    """One step of the student journey: an activity for a goal in a quadrant (1–4)."""

    goal: Identifier
    quadrant: Annotated[int, AfterValidator(check_quadrant_number)]
    text: Text
    activity: Identifier | None = None


class DesignPlan(Record):
    """The ``design:`` section of a case."""

    focus: Focus | None = None
    perspectives: list[PerspectiveState] = Field(default_factory=list)
    decisions: list[DesignDecision] = Field(default_factory=list)
    journey: list[JourneyStep] = Field(default_factory=list)
    variants: list[DesignVariant] = Field(default_factory=list)

    @property
    def goals(self) -> list[LearningGoal]:
        return list(self.focus.goals) if self.focus is not None else []

    def variant(self, variant_id: str) -> DesignVariant:
        return next(v for v in self.variants if v.id == variant_id)
