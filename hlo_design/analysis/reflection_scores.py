"""Scores of a reflectieweb: tables, spread and disagreement between raters."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from hlo_design.model.reflection import Criterion, Rater, ReflectionWeb

__all__ = ["CriterionDisagreement", "disagreements", "score_table", "self_vs_others", "spread"]


@dataclass(frozen=True)
class CriterionDisagreement:
    """How far the raters lie apart on one criterion, with the scores they gave."""

    criterion: Criterion
    spread: int
    scores: dict[Rater, int]


def score_table(web: ReflectionWeb) -> pd.DataFrame:
    """Criteria (rows, by id, in web order) × raters (columns, in Rater order); NaN where a rater did not rate."""
    table = pd.DataFrame(
        math.nan,
        index=pd.Index([c.id for c in web.criteria], name="criterion", dtype=object),
        columns=pd.Index(list(Rater), name="rater"),
        dtype=float,
    )
    for rating in web.ratings:
        table.loc[rating.criterion, rating.rater] = float(rating.score)
    return table


def spread(web: ReflectionWeb) -> pd.Series:
    """Per criterion, the highest minus the lowest score; NaN with fewer than two ratings."""
    table = score_table(web)
    rated = table.notna().sum(axis=1)
    return (table.max(axis=1) - table.min(axis=1)).where(rated >= 2).rename("spread")


def disagreements(web: ReflectionWeb, n: int = 3) -> list[CriterionDisagreement]:
    """The ``n`` criteria where the raters differ most (spread > 0), largest first, ties in criterion order."""
    if n < 0:
        raise ValueError(f"n must be 0 or more (got {n})")
    spreads = spread(web)
    found = [
        CriterionDisagreement(
            criterion=criterion,
            spread=int(spreads[criterion.id]),
            scores={r: s for r in Rater if (s := web.score(criterion.id, r)) is not None},
        )
        for criterion in web.criteria
        if not math.isnan(spreads[criterion.id]) and spreads[criterion.id] > 0
    ]
    found.sort(key=lambda d: -d.spread)  # stable: equal spreads keep criterion order
    return found[:n]


def self_vs_others(web: ReflectionWeb) -> pd.Series:
    """Per criterion, the learner's score minus the mean of teacher and mentor (whoever rated); NaN if either side is missing.

    Positive: the learner rates themself higher than the others do.
    """
    table = score_table(web)
    others = table[[Rater.TEACHER, Rater.MENTOR]].mean(axis=1, skipna=True)
    return (table[Rater.LEARNER] - others).rename("self_vs_others")
