"""The valorisation section: test moments, lessons learned, Zitter's four corners, actions."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import ClassVar

from pydantic import Field, model_validator

from hlo_design.base.schema import Identifier, Record, Sourced, Text
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective

__all__ = [
    "STRENGTH_MAX",
    "Action",
    "ActionArea",
    "ActionStatus",
    "Audience",
    "Competence",
    "CompetenceKind",
    "Corner",
    "CornerAssessment",
    "FactorStatus",
    "Horizon",
    "ImpactProcess",
    "Lesson",
    "Precondition",
    "SuccessFactor",
    "SuccessFactorStatus",
    "TestMoment",
    "Valorisation",
]

STRENGTH_MAX = 4

"""The top of the corner strength scale (see the module docstring for the rule)."""


class Audience(Enum):
    """Who a lesson learned is for; labels via ``Audience.<value>``."""

    SCHOOL = "school"
    COMPANY = "company"
    POLICY = "policy"


class Corner(Enum):
    """Zitter's four corners of the in-between space (tussenruimte), in the documents' order."""

    RISE_ABOVE = "rise_above"
    TOWARDS_HYBRIDISATION = "towards_hybridisation"
    ACROSS_BOUNDARIES = "across_boundaries"
    LASTING_IMPACT = "lasting_impact"


class ImpactProcess(Enum):
    """The four processes behind lasting impact (the fourth corner)."""

    PERSON = "person"
    SYSTEM = "system"
    KNOWLEDGE = "knowledge"
    PRODUCT = "product"


class ActionStatus(Enum):
    """How far an action of the action plan has come."""

    PLANNED = "planned"
    STARTED = "started"
    DONE = "done"
    ON_HOLD = "on_hold"


class Horizon(Enum):
    """When an action is meant to land: small steps first, bigger shared investments later."""

    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class SuccessFactor(Enum):
    """The five critical success factors of learning ecosystems (GHLOBO, Energietransitie)."""

    ORGANISED_MEETING = "organised_meeting"
    KEY_FIGURES = "key_figures"
    SHARED_VALUE = "shared_value"
    TRUST = "trust"
    LASTING_FUNDING = "lasting_funding"


class FactorStatus(Enum):
    """Whether a success factor is in place."""

    MISSING = "missing"
    PARTLY = "partly"
    PRESENT = "present"


class CompetenceKind(Enum):
    """Technical (vocational) versus 21st-century competences."""

    TECHNICAL = "technical"
    TWENTYFIRST = "twentyfirst"


class TestMoment(Sourced):
    """A designed activity tried with a group, measured on a scale before and after."""

    __test__: ClassVar[bool] = False  # not a pytest test class

    id: Identifier
    date: dt.date
    activity: Text
    group: Text
    learners: int = Field(ge=1, le=100_000)
    measure: Text
    scale_min: float = 1
    scale_max: float = 10
    before: float | None = None
    after: float | None = None
    changes: Text

    @model_validator(mode="after")
    def _on_the_scale(self) -> TestMoment:
        if not self.scale_min < self.scale_max:
            raise ValueError(f"scale_min must be below scale_max (got {self.scale_min:g} and {self.scale_max:g})")
        for name in ("before", "after"):
            value = getattr(self, name)
            if value is not None and not self.scale_min <= value <= self.scale_max:
                raise ValueError(f"{name} must be between {self.scale_min:g} and {self.scale_max:g} (got {value:g})")
        return self

    @property
    def delta(self) -> float | None:
        """after − before, or ``None`` when one of them is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


class Lesson(Sourced):
    """A lesson learned, for the audiences that should hear it."""

    id: Identifier
    text: Text
    perspectives: list[Perspective] = Field(default_factory=list)
    level: Level | None = None
    audience: list[Audience] = Field(min_length=1)


class CornerAssessment(Sourced):
    """How strongly a case shows one corner of the tussenruimte (0–4), with evidence."""

    corner: Corner
    strength: int = Field(ge=0, le=STRENGTH_MAX)
    evidence: list[Text] = Field(default_factory=list)
    impact_processes: list[ImpactProcess] = Field(default_factory=list)

    @model_validator(mode="after")
    def _processes_only_for_impact(self) -> CornerAssessment:
        if self.impact_processes and self.corner is not Corner.LASTING_IMPACT:
            raise ValueError("impact_processes belong to the lasting_impact corner only; remove them here")
        return self


class ActionArea(Sourced):
    """An action area of the action plan."""

    id: Identifier
    name: Text


class Action(Sourced):
    """One action in an action area, with who carries it and when."""

    id: Identifier
    area: Identifier
    text: Text
    owner: Text
    horizon: Horizon
    status: ActionStatus = ActionStatus.PLANNED


class SuccessFactorStatus(Sourced):
    """Whether a critical success factor is missing, partly or fully present."""

    factor: SuccessFactor
    status: FactorStatus
    note: str | None = None


class Precondition(Sourced):
    """A condition the action plan depends on."""

    text: Text


class Competence(Sourced):
    """One row of the competence table: a competence needed for a technology."""

    technology: Text
    kind: CompetenceKind
    text: Text


class Valorisation(Record):
    """The ``valorisation:`` section of a case."""

    test_moments: list[TestMoment] = Field(default_factory=list)
    lessons: list[Lesson] = Field(default_factory=list)
    corners: list[CornerAssessment] = Field(default_factory=list)
    action_areas: list[ActionArea] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    preconditions: list[Precondition] = Field(default_factory=list)
    success_factors: list[SuccessFactorStatus] = Field(default_factory=list)
    competences: list[Competence] = Field(default_factory=list)

    def corner(self, corner: Corner) -> CornerAssessment | None:
        """The assessment of ``corner``, or ``None`` when it was not assessed."""
        return next((c for c in self.corners if c.corner is corner), None)

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)
