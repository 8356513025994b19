"""Tables over the valorisation section: test moments, lessons, corners, actions, success factors."""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.valorisation import (
    ActionStatus,
    Audience,
    Corner,
    FactorStatus,
    ImpactProcess,
    Lesson,
    SuccessFactor,
    Valorisation,
)

__all__ = ["action_progress", "corner_profile", "lessons_by", "success_factor_summary", "test_moment_outcomes"]


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
