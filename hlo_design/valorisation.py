"""The valorisation phase: test moments, lessons learned, the four corners and the action plan.

A case's ``valorisation:`` section holds a :class:`Valorisation`:

* **test moments** — a designed activity tried with a group of learners,
  with a measure on a scale before and after and what was changed as a
  result (the Logistiek simulation test, the Zorg test groups);
* **lessons learned**, each for one or more audiences (school, company,
  policy), linked to design perspectives and a level;
* an assessment of Zitter's **four corners of the tussenruimte** — rise
  above the questions of single parties, design towards hybridisation,
  work and learn together across boundaries, strive for lasting impact
  (with its four processes: person, system, knowledge, product);
* for a learning network that made a needs analysis and an **action plan**
  (Energietransitie): action areas, actions, preconditions, the five
  critical success factors of learning ecosystems and the competence table
  (technical and 21st-century competences per technology).

Corner strength is a number 0–4 read by this rule (also in the workbook's
help text, ``valorisation.strength_rule``):

* 0 — not visible in the case;
* 1 — named as an intention only;
* 2 — first steps in one setting or at one scale level (macro, meso or micro);
* 3 — established at one scale level, with agreements or a working practice;
* 4 — established across scale levels and kept going beyond the project.

This module must not import :mod:`hlo_design.cases` at run time (``Case``
holds a :class:`Valorisation`), so it imports it for type checking only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, ClassVar, Protocol

import pandas as pd
from pydantic import Field, model_validator

from hlo_design.levels import Level
from hlo_design.perspectives import Perspective
from hlo_design.schema import Identifier, Record, Text

if TYPE_CHECKING:
    from hlo_design.cases import Case

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
    "action_progress",
    "corner_profile",
    "lessons_by",
    "success_factor_summary",
    "test_moment_outcomes",
    "valorisation_reference_errors",
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


class TestMoment(Record):
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
    source: Identifier | None = None
    illustrative: bool = False

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


class Lesson(Record):
    """A lesson learned, for the audiences that should hear it."""

    id: Identifier
    text: Text
    perspectives: list[Perspective] = Field(default_factory=list)
    level: Level | None = None
    audience: list[Audience] = Field(min_length=1)
    source: Identifier | None = None
    illustrative: bool = False


class CornerAssessment(Record):
    """How strongly a case shows one corner of the tussenruimte (0–4), with evidence."""

    corner: Corner
    strength: int = Field(ge=0, le=STRENGTH_MAX)
    evidence: list[Text] = Field(default_factory=list)
    impact_processes: list[ImpactProcess] = Field(default_factory=list)
    source: Identifier | None = None
    illustrative: bool = False

    @model_validator(mode="after")
    def _processes_only_for_impact(self) -> CornerAssessment:
        if self.impact_processes and self.corner is not Corner.LASTING_IMPACT:
            raise ValueError("impact_processes belong to the lasting_impact corner only; remove them here")
        return self


class ActionArea(Record):
    """An action area of the action plan."""

    id: Identifier
    name: Text
    source: Identifier | None = None
    illustrative: bool = False


class Action(Record):
    """One action in an action area, with who carries it and when."""

    id: Identifier
    area: Identifier
    text: Text
    owner: Text
    horizon: Horizon
    status: ActionStatus = ActionStatus.PLANNED
    source: Identifier | None = None
    illustrative: bool = False


class SuccessFactorStatus(Record):
    """Whether a critical success factor is missing, partly or fully present."""

    factor: SuccessFactor
    status: FactorStatus
    note: str | None = None
    source: Identifier | None = None
    illustrative: bool = False


class Precondition(Record):
    """A condition the action plan depends on."""

    text: Text
    source: Identifier | None = None
    illustrative: bool = False


class Competence(Record):
    """One row of the competence table: a competence needed for a technology."""

    technology: Text
    kind: CompetenceKind
    text: Text
    source: Identifier | None = None
    illustrative: bool = False


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


# ---------------------------------------------------------------- analyses


def test_moment_outcomes(valorisation: Valorisation) -> pd.DataFrame:
    """One row per test moment (index: id) with before, after, ``delta`` = after − before and
    ``delta_share`` = delta as a share of the scale's width; missing values are NaN."""
    columns = [
        "date", "activity", "group", "learners", "measure", "scale_min", "scale_max",
        "before", "after", "delta", "delta_share", "illustrative",
    ]  # fmt: skip
    rows = []
    for moment in valorisation.test_moments:
        delta = moment.delta
        rows.append(
            {
                "date": moment.date,
                "activity": moment.activity,
                "group": moment.group,
                "learners": moment.learners,
                "measure": moment.measure,
                "scale_min": moment.scale_min,
                "scale_max": moment.scale_max,
                "before": math.nan if moment.before is None else moment.before,
                "after": math.nan if moment.after is None else moment.after,
                "delta": math.nan if delta is None else delta,
                "delta_share": math.nan if delta is None else delta / (moment.scale_max - moment.scale_min),
                "illustrative": moment.illustrative,
            }
        )
    index = pd.Index([m.id for m in valorisation.test_moments], name="test_moment", dtype=object)
    return pd.DataFrame(rows, columns=columns, index=index)


def lessons_by(valorisation: Valorisation, key: Audience | Perspective | Level) -> list[Lesson]:
    """The lessons for an audience, about a perspective or at a level, in file order."""
    if isinstance(key, Audience):
        return [lesson for lesson in valorisation.lessons if key in lesson.audience]
    if isinstance(key, Perspective):
        return [lesson for lesson in valorisation.lessons if key in lesson.perspectives]
    return [lesson for lesson in valorisation.lessons if lesson.level is key]


def corner_profile(valorisation: Valorisation) -> pd.DataFrame:
    """One row per corner in the documents' order: ``strength`` (NaN when not assessed),
    ``evidence`` (count), ``assessed`` and, for lasting impact, one bool column per impact process."""
    rows = []
    for corner in Corner:
        assessment = valorisation.corner(corner)
        processes = set(assessment.impact_processes) if assessment is not None else set()
        row: dict[str, float | int | bool] = {
            "strength": math.nan if assessment is None else float(assessment.strength),
            "evidence": 0 if assessment is None else len(assessment.evidence),
            "assessed": assessment is not None,
        }
        row.update({process.value: process in processes for process in ImpactProcess})
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index([c.value for c in Corner], name="corner"))


def action_progress(valorisation: Valorisation) -> pd.DataFrame:
    """Actions per action area (rows, file order) by status (columns), with ``name``, ``total`` and
    ``done_share``; actions whose area is unknown are not counted (validation reports them)."""
    counts = Counter((a.area, a.status) for a in valorisation.actions)
    rows = []
    for area in valorisation.action_areas:
        row: dict[str, str | int | float] = {"name": area.name}
        row.update({status.value: counts[area.id, status] for status in ActionStatus})
        total = sum(counts[area.id, status] for status in ActionStatus)
        row["total"] = total
        row["done_share"] = counts[area.id, ActionStatus.DONE] / total if total else 0.0
        rows.append(row)
    columns = ["name", *(s.value for s in ActionStatus), "total", "done_share"]
    index = pd.Index([a.id for a in valorisation.action_areas], name="area", dtype=object)
    return pd.DataFrame(rows, columns=columns, index=index)


def success_factor_summary(valorisation: Valorisation) -> pd.DataFrame:
    """One row per critical success factor in the documents' order: ``status`` (value, or NA
    when not assessed), ``score`` (missing 0, partly 1, present 2, NaN when not assessed) and ``note``."""
    scores = {FactorStatus.MISSING: 0.0, FactorStatus.PARTLY: 1.0, FactorStatus.PRESENT: 2.0}
    by_factor = {s.factor: s for s in valorisation.success_factors}
    rows = []
    for factor in SuccessFactor:
        entry = by_factor.get(factor)
        rows.append(
            {
                "status": None if entry is None else entry.status.value,
                "score": math.nan if entry is None else scores[entry.status],
                "note": None if entry is None else entry.note,
            }
        )
    return pd.DataFrame(rows, index=pd.Index([f.value for f in SuccessFactor], name="factor"))


# ---------------------------------------------------------------- validation


class _Sourced(Protocol):
    @property
    def source(self) -> str | None: ...


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def valorisation_reference_errors(case: Case) -> Iterator[str]:
    """Cross-field problems of ``case.valorisation``: duplicate ids, a corner or success factor
    assessed twice, actions in unknown areas and unknown sources."""
    valorisation = case.valorisation
    if valorisation is None:
        return
    for field, ids in (
        ("test_moments", [m.id for m in valorisation.test_moments]),
        ("lessons", [lesson.id for lesson in valorisation.lessons]),
        ("action_areas", [a.id for a in valorisation.action_areas]),
        ("actions", [a.id for a in valorisation.actions]),
    ):
        for duplicate in _duplicates(ids):
            yield f"valorisation.{field}: id {duplicate!r} is used more than once; ids must be unique"
    for duplicate in _duplicates(c.corner.value for c in valorisation.corners):
        yield f"valorisation.corners: corner {duplicate!r} is assessed more than once; keep one assessment per corner"
    for duplicate in _duplicates(s.factor.value for s in valorisation.success_factors):
        yield f"valorisation.success_factors: factor {duplicate!r} is listed more than once; keep one status per factor"
    areas = {a.id for a in valorisation.action_areas}
    for index, action in enumerate(valorisation.actions):
        if action.area not in areas:
            known = ", ".join(sorted(areas)) or "none"
            yield f"valorisation.actions[{index}].area: {action.area!r} is not one of the action areas ({known})"
    sources = {s.id for s in case.sources}
    sourced: tuple[tuple[str, Sequence[_Sourced]], ...] = (
        ("test_moments", valorisation.test_moments),
        ("lessons", valorisation.lessons),
        ("corners", valorisation.corners),
        ("action_areas", valorisation.action_areas),
        ("actions", valorisation.actions),
        ("preconditions", valorisation.preconditions),
        ("success_factors", valorisation.success_factors),
        ("competences", valorisation.competences),
    )
    for name, records in sourced:
        for index, record in enumerate(records):
            if record.source is not None and record.source not in sources:
                yield f"valorisation.{name}[{index}].source: {record.source!r} is not one of the sources ({', '.join(sorted(sources))})"
