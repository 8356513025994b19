"""How far the design plan covers the case: perspectives, findings, journey."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from hlo_design.model.case import Case
from hlo_design.model.design_plan import CARRYING_STATUSES, DecisionStatus, DesignPlan
from hlo_design.model.findings import Finding
from hlo_design.model.perspectives import Perspective

__all__ = ["activities_in_use", "coverage_matrix", "findings_without_decisions", "journey_gaps", "perspective_overview"]


def perspective_overview(plan: DesignPlan) -> pd.DataFrame:
    """Decisions per perspective by status, with ``total``, ``carries`` and ``empty`` columns.

    One row per perspective (index: the perspective values, in the order of
    :class:`~hlo_design.model.perspectives.Perspective`), one count column per
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


def activities_in_use(plan: DesignPlan) -> set[str]:
    """Ids of activities the design refers to (journey steps, variant moves): deleting them would break it."""
    return {s.activity for s in plan.journey if s.activity} | {m.activity for v in plan.variants for m in v.moves}
