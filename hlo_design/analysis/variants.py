"""Design variants: activities moved across the axes, and what that does to the hours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from hlo_design.analysis.quadrant_summary import QuadrantSummary, summarise
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignVariant
from hlo_design.model.quadrants import Quadrant

__all__ = ["SIDES", "QuadrantShift", "Side", "apply_variant", "compare_variants", "moved_activities", "shift"]


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
