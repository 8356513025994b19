"""The design phase: focus, decisions per perspective, student journey and variants.

A case's ``design:`` section holds a :class:`DesignPlan`:

* a **focus** — the design question, the target group and the learning goals
  *in order* (the order means sequence), each linked to the diagnosis
  findings it answers;
* per design perspective the current situation, and **design decisions**
  (chosen from ``data/design_options.yaml`` or written freely) with
  rationale, level, owner and status;
* a **student journey** — per goal, learning activities in the quadrants;
* **variants** — "sliding on the axes": moves of activities to new positions
  (and hours), optionally with another weekly rhythm.

Rules the functions below apply:

* a perspective **carries the design** when it has at least one decision
  that is ``agreed``, ``tried`` or ``adopted``; it is **empty** when it has no
  decision other than ``dropped`` ones;
* a finding is **without decision** when no decision that is not ``dropped``
  names it.

This module must not import :mod:`hlo_design.cases` at run time (``Case``
holds a :class:`DesignPlan`), so it imports it for type checking only and
:mod:`hlo_design.summary` inside the functions that need it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Literal

import pandas as pd
from pydantic import AfterValidator, Field

from hlo_design.levels import Level
from hlo_design.perspectives import Perspective, design_options
from hlo_design.quadrants import Position, Quadrant, check_quadrant_number
from hlo_design.rhythm import Rhythm
from hlo_design.schema import HoursPerWeek, Identifier, Record, Text

if TYPE_CHECKING:
    from hlo_design.cases import Activity, Case, Finding
    from hlo_design.summary import QuadrantSummary

__all__ = [
    "CARRYING_STATUSES",
    "SIDES",
    "ActivityMove",
    "DecisionStatus",
    "DesignDecision",
    "DesignPlan",
    "DesignVariant",
    "Focus",
    "JourneyStep",
    "LearningGoal",
    "PerspectiveState",
    "QuadrantShift",
    "Side",
    "activities_in_use",
    "apply_variant",
    "compare_variants",
    "coverage_matrix",
    "design_reference_errors",
    "findings_without_decisions",
    "journey_gaps",
    "moved_activities",
    "perspective_overview",
    "shift",
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


class LearningGoal(Record):
    """A learning goal of the focus, linked to the diagnosis findings it answers."""

    id: Identifier
    text: Text
    findings: list[Identifier] = Field(default_factory=list)
    source: Identifier | None = None
    illustrative: bool = False


class Focus(Record):
    """The design question, the target group and the goals; their order is the sequence."""

    question: Text
    target_group: Text
    goals: list[LearningGoal] = Field(default_factory=list)
    source: Identifier | None = None
    illustrative: bool = False


class DesignDecision(Record):
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
    source: Identifier | None = None
    illustrative: bool = False


class PerspectiveState(Record):
    """The current situation seen from one perspective."""

    perspective: Perspective
    current_situation: Text
    source: Identifier | None = None
    illustrative: bool = False


class ActivityMove(Record):
    """An activity slid to a new position, optionally with new weekly hours."""

    activity: Identifier
    position: Position
    hours_per_week: HoursPerWeek | None = None


class DesignVariant(Record):
    """A saved design variant: moves of activities and, optionally, another weekly rhythm."""

    id: Identifier
    name: Text
    created: date
    moves: list[ActivityMove] = Field(default_factory=list)
    rhythm: Rhythm | None = None
    note: str | None = None
    source: Identifier | None = None
    illustrative: bool = False


class JourneyStep(Record):
    """One step of the student journey: an activity for a goal in a quadrant (1–4)."""

    goal: Identifier
    quadrant: Annotated[int, AfterValidator(check_quadrant_number)]
    text: Text
    activity: Identifier | None = None
    source: Identifier | None = None
    illustrative: bool = False


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


# ---------------------------------------------------------------- perspectives and findings


def perspective_overview(plan: DesignPlan) -> pd.DataFrame:
    """Decisions per perspective by status, with ``total``, ``carries`` and ``empty`` columns.

    One row per perspective (index: the perspective values, in the order of
    :class:`~hlo_design.perspectives.Perspective`), one count column per
    status value; ``carries`` and ``empty`` follow the module's rules.
    """
    counts = Counter((d.perspective, d.status) for d in plan.decisions)
    rows = []
    for perspective in Perspective:
        row: dict[str, int | bool] = {status.value: counts[perspective, status] for status in DecisionStatus}
        row["total"] = sum(counts[perspective, status] for status in DecisionStatus)
        row["carries"] = any(counts[perspective, status] for status in CARRYING_STATUSES)
        row["empty"] = row["total"] == counts[perspective, DecisionStatus.DROPPED]
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index([p.value for p in Perspective], name="perspective"))


def findings_without_decisions(case: Case) -> list[Finding]:
    """The case's findings that no decision (other than a dropped one) answers, in file order."""
    decisions = case.design.decisions if case.design is not None else []
    answered = {f for d in decisions if d.status is not DecisionStatus.DROPPED for f in d.findings}
    return [finding for finding in case.findings if finding.id not in answered]


# ---------------------------------------------------------------- student journey


def coverage_matrix(plan: DesignPlan) -> pd.DataFrame:
    """Journey steps per goal (rows, focus order) and quadrant (columns 1–4).

    Steps whose goal is not in the focus get rows of their own after the
    focus goals, so the counts always add up to the number of steps.
    """
    goal_ids = [g.id for g in plan.goals]
    known = set(goal_ids)
    goal_ids += list(dict.fromkeys(s.goal for s in plan.journey if s.goal not in known))
    counts = Counter((s.goal, s.quadrant) for s in plan.journey)
    data = [[counts[goal, number] for number in (1, 2, 3, 4)] for goal in goal_ids]
    return pd.DataFrame(
        data,
        index=pd.Index(goal_ids, name="goal"),
        columns=pd.Index([1, 2, 3, 4], name="quadrant"),
        dtype="int64",
    )


def journey_gaps(plan: DesignPlan) -> list[tuple[str, int]]:
    """The (goal id, quadrant number) cells of the focus goals without any journey step."""
    matrix = coverage_matrix(plan)
    return [(g.id, number) for g in plan.goals for number in (1, 2, 3, 4) if matrix.at[g.id, number] == 0]


# ---------------------------------------------------------------- variants


def activities_in_use(plan: DesignPlan) -> set[str]:
    """Ids of activities the design refers to (journey steps, variant moves): deleting them would break it."""
    return {s.activity for s in plan.journey if s.activity} | {m.activity for v in plan.variants for m in v.moves}


def apply_variant(case: Case, variant: DesignVariant) -> list[Activity]:
    """The case's activities after the variant's moves (order kept; linear in the number of activities).

    Raises ``KeyError`` for a move of an activity the case does not have;
    case files are checked for that when they are loaded.
    """
    moves = {move.activity: move for move in variant.moves}
    result = []
    for activity in case.activities:
        move = moves.pop(activity.id, None)
        if move is None:
            result.append(activity)
            continue
        update: dict[str, object] = {"position": move.position}
        if move.hours_per_week is not None:
            update["hours_per_week"] = move.hours_per_week
        result.append(activity.model_copy(update=update))
    if moves:
        raise KeyError(f"variant {variant.id!r} moves activities the case does not have: {', '.join(sorted(moves))}")
    return result


def moved_activities(case: Case, variant: DesignVariant) -> list[tuple[Activity, Activity]]:
    """(before, after) pairs of the activities whose *position* the variant changes."""
    return [
        (before, after)
        for before, after in zip(case.activities, apply_variant(case, variant), strict=True)
        if before.position != after.position
    ]


Side = Literal["constructed", "realistic", "acquisition", "participation"]
SIDES: tuple[Side, ...] = ("constructed", "realistic", "acquisition", "participation")
"""The four sides of the two axes; their labels are the ``summary.<side>`` messages."""


def _on_side(quadrant: Quadrant, side: Side) -> bool:
    if side in ("realistic", "constructed"):
        return quadrant.is_realistic is (side == "realistic")
    return quadrant.is_participation is (side == "participation")


@dataclass(frozen=True)
class QuadrantShift:
    """The difference between two quadrant summaries: hours and shares, after minus before."""

    before: QuadrantSummary
    after: QuadrantSummary

    @property
    def hours_by_quadrant(self) -> dict[Quadrant, float]:
        return {q: self.after.hours_by_quadrant[q] - self.before.hours_by_quadrant[q] for q in Quadrant}

    @property
    def hours_by_side(self) -> dict[Side, float]:
        by_quadrant = self.hours_by_quadrant
        return {side: sum(h for q, h in by_quadrant.items() if _on_side(q, side)) for side in SIDES}

    @property
    def shares_by_side(self) -> dict[Side, float]:
        """Change of each side's share of the total hours (after minus before)."""
        return {side: _side_share(self.after, side) - _side_share(self.before, side) for side in SIDES}

    @property
    def total_hours(self) -> float:
        return self.after.total_hours - self.before.total_hours


def _side_share(summary: QuadrantSummary, side: Side) -> float:
    shares: dict[Side, float] = {
        "constructed": summary.constructed_share,
        "realistic": summary.realistic_share,
        "acquisition": summary.acquisition_share,
        "participation": summary.participation_share,
    }
    return shares[side]


def shift(before: QuadrantSummary, after: QuadrantSummary) -> QuadrantShift:
    """How hours move between quadrants and between the sides of each axis."""
    return QuadrantShift(before=before, after=after)


def compare_variants(case: Case, variants: Sequence[DesignVariant] | None = None) -> pd.DataFrame:
    """Hours per quadrant and side shares per variant; the first row (``current``) is the case as saved.

    Index: ``current`` then the variant ids. Columns: ``name``, one column
    per quadrant value (documents' order 1–4), ``total`` and the four
    ``<side>_share`` columns. ``variants`` defaults to the case's own.
    """
    from hlo_design.summary import summarise

    if variants is None:
        variants = case.design.variants if case.design is not None else []
    rows = [("current", "", summarise(case.id, case.activities))]
    rows += [(v.id, v.name, summarise(case.id, apply_variant(case, v))) for v in variants]
    quadrants = sorted(Quadrant, key=lambda q: q.number)
    records = []
    for _, name, summary in rows:
        record: dict[str, object] = {"name": name}
        record.update({q.value: summary.hours_by_quadrant[q] for q in quadrants})
        record["total"] = summary.total_hours
        record.update({f"{side}_share": _side_share(summary, side) for side in SIDES})
        records.append(record)
    return pd.DataFrame(records, index=pd.Index([row[0] for row in rows], name="variant"))


# ---------------------------------------------------------------- cross-references


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


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
