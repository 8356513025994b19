"""The root of a case file, and the rules that need the whole case.

A :class:`Case` holds every section. Its cross-field rules (ids unique, every
reference resolves) live here because only the whole case can check them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, Protocol

from pydantic import Field, model_validator

from hlo_design.base.schema import Identifier, Record, Text
from hlo_design.model.activities import Activity
from hlo_design.model.actors import Actor
from hlo_design.model.continuum import ContinuumChoice
from hlo_design.model.design_plan import (
    DesignDecision,
    DesignPlan,
    DesignVariant,
    JourneyStep,
    LearningGoal,
    PerspectiveState,
)
from hlo_design.model.environments import Environment
from hlo_design.model.findings import Finding
from hlo_design.model.learners import Learners
from hlo_design.model.leerfiche import Leerfiche
from hlo_design.model.perspectives import design_options
from hlo_design.model.reflection import ReflectionWeb
from hlo_design.model.rhythm import Rhythm
from hlo_design.model.roles import RoleMap, task_catalogue
from hlo_design.model.scan import Scan
from hlo_design.model.sources import Source
from hlo_design.model.valorisation import Valorisation

__all__ = ["Case", "design_reference_errors", "valorisation_reference_errors"]


class Case(Record):
    """One learning-environment case; the root of a case file."""

    id: Identifier
    name: Text
    sector: Text
    region: Literal["NL", "VL"]
    summary: str | None = None
    learners: Learners | None = None
    continuum: ContinuumChoice | None = None
    rhythm: Rhythm | None = None
    sources: list[Source] = Field(min_length=1)
    environments: list[Environment] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    role_map: RoleMap | None = None
    scans: list[Scan] = Field(default_factory=list)
    design: DesignPlan | None = None
    leerfiches: list[Leerfiche] = Field(default_factory=list)
    reflection_webs: list[ReflectionWeb] = Field(default_factory=list)
    valorisation: Valorisation | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        errors = list(_reference_errors(self))
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def environment(self, environment_id: str) -> Environment:
        return next(e for e in self.environments if e.id == environment_id)

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def _reference_errors(case: Case) -> Iterable[str]:
    """Cross-field problems: duplicate ids and references to things that do not exist."""
    for field, items in (
        ("sources", case.sources),
        ("environments", case.environments),
        ("actors", case.actors),
        ("activities", case.activities),
        ("findings", case.findings),
        ("leerfiches", case.leerfiches),
        ("reflection_webs", case.reflection_webs),
    ):
        for duplicate in _duplicates(item.id for item in items):
            yield f"{field}: id {duplicate!r} is used more than once; ids must be unique"
    environments = {e.id for e in case.environments}
    actors = {a.id for a in case.actors}
    sources = {s.id for s in case.sources}
    for index, activity in enumerate(case.activities):
        if activity.environment not in environments:
            yield f"activities[{index}].environment: {activity.environment!r} is not one of the environments ({', '.join(sorted(environments))})"
    if case.role_map is not None:
        tasks = {t.id for t in task_catalogue()}
        for index, sticker in enumerate(case.role_map.stickers):
            if sticker.actor not in actors:
                yield f"role_map.stickers[{index}].actor: {sticker.actor!r} is not one of the actors"
            if sticker.task not in tasks:
                yield f"role_map.stickers[{index}].task: {sticker.task!r} is not a task of data/role_tasks.yaml"
    sourced: tuple[tuple[str, Sequence[Environment | Actor | Activity | Finding]], ...] = (
        ("environments", case.environments),
        ("actors", case.actors),
        ("activities", case.activities),
        ("findings", case.findings),
    )
    for name, records in sourced:
        for index, record in enumerate(records):
            if record.source is not None and record.source not in sources:
                yield f"{name}[{index}].source: {record.source!r} is not one of the sources ({', '.join(sorted(sources))})"
    if case.design is not None:
        yield from design_reference_errors(case)
    if case.valorisation is not None:
        yield from valorisation_reference_errors(case)


def design_reference_errors(case: Case) -> Iterator[str]:
    """Problems in ``case.design`` that single fields cannot show, as ``path: what is wrong``."""
    plan = case.design
    if plan is None:
        return
    findings = {f.id for f in case.findings}
    activities = {a.id: a for a in case.activities}
    sources = {s.id for s in case.sources}
    options = {o.id: o for o in design_options()}
    goals = plan.goals

    for field, ids in (
        ("design.focus.goals", [g.id for g in goals]),
        ("design.decisions", [d.id for d in plan.decisions]),
        ("design.variants", [v.id for v in plan.variants]),
    ):
        for duplicate in _duplicates(ids):
            yield f"{field}: id {duplicate!r} is used more than once; ids must be unique"
    for duplicate in _duplicates(p.perspective.value for p in plan.perspectives):
        yield f"design.perspectives: perspective {duplicate!r} is described more than once; merge the texts"

    for index, goal in enumerate(goals):
        for finding in goal.findings:
            if finding not in findings:
                yield f"design.focus.goals[{index}].findings: {finding!r} is not one of the findings"
    for index, decision in enumerate(plan.decisions):
        for finding in decision.findings:
            if finding not in findings:
                yield f"design.decisions[{index}].findings: {finding!r} is not one of the findings"
        if decision.option is not None:
            option = options.get(decision.option)
            if option is None:
                yield f"design.decisions[{index}].option: {decision.option!r} is not an option of data/design_options.yaml"
            elif option.perspective is not decision.perspective:
                yield (
                    f"design.decisions[{index}].option: {decision.option!r} belongs to perspective "
                    f"{option.perspective.value!r}, not {decision.perspective.value!r}"
                )

    goal_ids = {g.id for g in goals}
    for index, step in enumerate(plan.journey):
        if step.goal not in goal_ids:
            yield f"design.journey[{index}].goal: {step.goal!r} is not one of the focus goals"
        if step.activity is not None:
            activity = activities.get(step.activity)
            # a step whose activity was slid into another quadrant stays valid: sliding is what groups do
            if activity is None:
                yield f"design.journey[{index}].activity: {step.activity!r} is not one of the activities"

    for v_index, variant in enumerate(plan.variants):
        for duplicate in _duplicates(m.activity for m in variant.moves):
            yield f"design.variants[{v_index}].moves: activity {duplicate!r} is moved more than once"
        for m_index, move in enumerate(variant.moves):
            if move.activity not in activities:
                yield f"design.variants[{v_index}].moves[{m_index}].activity: {move.activity!r} is not one of the activities"

    sourced: list[tuple[str, Sequence[LearningGoal | DesignDecision | PerspectiveState | JourneyStep | DesignVariant]]]
    sourced = [
        ("design.focus.goals", goals),
        ("design.perspectives", plan.perspectives),
        ("design.decisions", plan.decisions),
        ("design.journey", plan.journey),
        ("design.variants", plan.variants),
    ]
    if plan.focus is not None and plan.focus.source is not None and plan.focus.source not in sources:
        yield f"design.focus.source: {plan.focus.source!r} is not one of the sources"
    for name, records in sourced:
        for index, record in enumerate(records):
            if record.source is not None and record.source not in sources:
                yield f"{name}[{index}].source: {record.source!r} is not one of the sources"


class _Sourced(Protocol):
    @property
    def source(self) -> str | None: ...


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
