"""The rules that need more than one record: ids are unique and every reference resolves.

A rule reads one or more sections of a case (``activities`` and
``environments``, say) and yields a :class:`~hlo_design.base.errors.RuleProblem`
for each thing that does not hold: the field path as a tuple, the message
with its fix, a code. :func:`case_problems` runs every rule whose sections are
all valid, so a file with a type error in one section still has the
references of every other section checked in the same pass; :class:`Case`
runs the same rules when it is built in code.

The rules work on the sections by field name, not on :class:`Case` itself,
so this module sits below ``case.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from pydantic import BaseModel

from hlo_design.base.errors import FieldPath, RuleProblem
from hlo_design.base.schema import Sourced
from hlo_design.model.activities import Activity
from hlo_design.model.actors import Actor
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.environments import Environment
from hlo_design.model.findings import Finding
from hlo_design.model.perspectives import design_options
from hlo_design.model.roles import RoleMap, task_catalogue
from hlo_design.model.sources import Source
from hlo_design.model.valorisation import Valorisation

__all__ = ["RULES_ERROR", "Sections", "case_problems", "unknown_sources"]

RULES_ERROR = "case_rules"
"""The pydantic error type :class:`Case` raises when a rule does not hold; loading reports the rules itself."""

Sections = Mapping[str, Any]
"""The valid sections of a case by field name; a section that failed validation is left out."""


def case_problems(sections: Sections) -> list[RuleProblem]:
    """Every rule problem of ``sections``; a rule that reads a left-out section is skipped."""
    problems = [
        problem
        for rule in _RULES
        if all(name in sections for name in rule.reads)
        for problem in rule.check(*(sections[name] for name in rule.reads))
    ]
    if "sources" in sections:
        problems.extend(unknown_sources(sections["sources"], sections))
    return problems


def unknown_sources(sources: Sequence[Source], sections: Sections) -> Iterator[RuleProblem]:
    """Every ``source:`` anywhere in ``sections`` that is not one of ``sources``, at its field path."""
    known = sorted(source.id for source in sources)
    for path, record in _sourced_records(sections.items()):
        if record.source is not None and record.source not in known:
            yield RuleProblem(
                (*path, "source"),
                f"{record.source!r} is not one of the sources ({', '.join(known)}); "
                "use one of these ids or add the document to sources",
                "unknown_source",
            )


def _sourced_records(
    items: Iterable[tuple[str | int, object]], path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Sourced]]:
    """Every :class:`Sourced` record inside ``items``, depth first, with its field path."""
    for key, value in items:
        here = (*path, key)
        if isinstance(value, Sourced):
            yield here, value
        if isinstance(value, BaseModel):
            yield from _sourced_records(((name, getattr(value, name)) for name in type(value).model_fields), here)
        elif isinstance(value, list):
            yield from _sourced_records(enumerate(value), here)


@dataclass(frozen=True)
class _Rule:
    """A check and the sections it reads, passed to it in this order."""

    reads: tuple[str, ...]
    check: Callable[..., Iterable[RuleProblem]]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def _duplicates(keys: Iterable[str]) -> list[str]:
    return sorted(key for key, count in Counter(keys).items() if count > 1)


def _unique_ids(path: FieldPath, records: Iterable[_HasId]) -> Iterator[RuleProblem]:
    for duplicate in _duplicates(record.id for record in records):
        yield RuleProblem(path, f"id {duplicate!r} is used more than once; ids must be unique", "duplicate_id")


def _unknown(path: FieldPath, value: str, what: str, known: Iterable[str]) -> RuleProblem:
    listed = ", ".join(sorted(known)) or "none yet"
    return RuleProblem(
        path, f"{value!r} is not one of the {what} ({listed}); use one of these or add it", "unknown_reference"
    )


def _activity_environments(
    activities: Sequence[Activity], environments: Sequence[Environment]
) -> Iterator[RuleProblem]:
    known = {e.id for e in environments}
    for index, activity in enumerate(activities):
        if activity.environment not in known:
            yield _unknown(("activities", index, "environment"), activity.environment, "environments", known)


def _sticker_actors(role_map: RoleMap | None, actors: Sequence[Actor]) -> Iterator[RuleProblem]:
    known = {a.id for a in actors}
    for index, sticker in enumerate(role_map.stickers if role_map else []):
        if sticker.actor not in known:
            yield _unknown(("role_map", "stickers", index, "actor"), sticker.actor, "actors", known)


def _sticker_tasks(role_map: RoleMap | None) -> Iterator[RuleProblem]:
    tasks = {t.id for t in task_catalogue()}
    for index, sticker in enumerate(role_map.stickers if role_map else []):
        if sticker.task not in tasks:
            yield RuleProblem(
                ("role_map", "stickers", index, "task"),
                f"{sticker.task!r} is not a task of data/role_tasks.yaml; use the id of one of its tasks",
                "unknown_reference",
            )


def _design_ids(design: DesignPlan | None) -> Iterator[RuleProblem]:
    if design is None:
        return
    yield from _unique_ids(("design", "focus", "goals"), design.goals)
    yield from _unique_ids(("design", "decisions"), design.decisions)
    yield from _unique_ids(("design", "variants"), design.variants)
    for duplicate in _duplicates(p.perspective.value for p in design.perspectives):
        message = f"perspective {duplicate!r} is described more than once; merge the texts"
        yield RuleProblem(("design", "perspectives"), message, "duplicate_id")
    for index, variant in enumerate(design.variants):
        for duplicate in _duplicates(m.activity for m in variant.moves):
            message = f"activity {duplicate!r} is moved more than once; keep one move per activity"
            yield RuleProblem(("design", "variants", index, "moves"), message, "duplicate_id")


def _design_findings(design: DesignPlan | None, findings: Sequence[Finding]) -> Iterator[RuleProblem]:
    if design is None:
        return
    known = {f.id for f in findings}
    linked: list[tuple[FieldPath, int, list[str]]]
    linked = [(("focus", "goals"), index, goal.findings) for index, goal in enumerate(design.goals)]
    linked += [(("decisions",), index, decision.findings) for index, decision in enumerate(design.decisions)]
    for where, index, ids in linked:
        for finding in ids:
            if finding not in known:
                yield _unknown(("design", *where, index, "findings"), finding, "findings", known)


def _design_options(design: DesignPlan | None) -> Iterator[RuleProblem]:
    options = {o.id: o for o in design_options()}
    for index, decision in enumerate(design.decisions if design else []):
        path = ("design", "decisions", index, "option")
        option = options.get(decision.option) if decision.option is not None else None
        if decision.option is not None and option is None:
            message = f"{decision.option!r} is not an option of data/design_options.yaml; use one of its ids or leave option out"
            yield RuleProblem(path, message, "unknown_reference")
        elif option is not None and option.perspective is not decision.perspective:
            message = (
                f"{decision.option!r} belongs to perspective {option.perspective.value!r}, "
                f"not {decision.perspective.value!r}; change the perspective or the option"
            )
            yield RuleProblem(path, message, "wrong_perspective")


def _journey_goals(design: DesignPlan | None) -> Iterator[RuleProblem]:
    if design is None:
        return
    goals = {g.id for g in design.goals}
    for index, step in enumerate(design.journey):
        if step.goal not in goals:
            yield _unknown(("design", "journey", index, "goal"), step.goal, "focus goals", goals)


def _design_activities(design: DesignPlan | None, activities: Sequence[Activity]) -> Iterator[RuleProblem]:
    """Journey steps and variant moves name existing activities (in any quadrant: sliding is what groups do)."""
    if design is None:
        return
    known = {a.id for a in activities}
    for index, step in enumerate(design.journey):
        if step.activity is not None and step.activity not in known:
            yield _unknown(("design", "journey", index, "activity"), step.activity, "activities", known)
    for v_index, variant in enumerate(design.variants):
        for m_index, move in enumerate(variant.moves):
            if move.activity not in known:
                path = ("design", "variants", v_index, "moves", m_index, "activity")
                yield _unknown(path, move.activity, "activities", known)


def _valorisation_ids(valorisation: Valorisation | None) -> Iterator[RuleProblem]:
    if valorisation is None:
        return
    for name in ("test_moments", "lessons", "action_areas", "actions"):
        yield from _unique_ids(("valorisation", name), getattr(valorisation, name))
    for duplicate in _duplicates(c.corner.value for c in valorisation.corners):
        message = f"corner {duplicate!r} is assessed more than once; keep one assessment per corner"
        yield RuleProblem(("valorisation", "corners"), message, "duplicate_id")
    for duplicate in _duplicates(s.factor.value for s in valorisation.success_factors):
        message = f"factor {duplicate!r} is listed more than once; keep one status per factor"
        yield RuleProblem(("valorisation", "success_factors"), message, "duplicate_id")


def _action_areas(valorisation: Valorisation | None) -> Iterator[RuleProblem]:
    if valorisation is None:
        return
    areas = {a.id for a in valorisation.action_areas}
    for index, action in enumerate(valorisation.actions):
        if action.area not in areas:
            yield _unknown(("valorisation", "actions", index, "area"), action.area, "action areas", areas)


_WITH_IDS = ("sources", "environments", "actors", "activities", "findings", "leerfiches", "reflection_webs")

_RULES = (
    *(_Rule((name,), partial(_unique_ids, (name,))) for name in _WITH_IDS),
    _Rule(("activities", "environments"), _activity_environments),
    _Rule(("role_map", "actors"), _sticker_actors),
    _Rule(("role_map",), _sticker_tasks),
    _Rule(("design",), _design_ids),
    _Rule(("design", "findings"), _design_findings),
    _Rule(("design",), _design_options),
    _Rule(("design",), _journey_goals),
    _Rule(("design", "activities"), _design_activities),
    _Rule(("valorisation",), _valorisation_ids),
    _Rule(("valorisation",), _action_areas),
)
"""Every rule, in the order of the sections of a case file."""
