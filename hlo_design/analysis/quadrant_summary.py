"""The quadrant summary: where a case's learning hours go.

Hours per quadrant and the balance between the sides of each axis —
constructed vs realistic, acquisition vs participation. Activities exactly on
an axis are shared between quadrants by the rule of
:func:`hlo_design.model.quadrants.quadrant_weights`, so the hours always add up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.activities import Activity
from hlo_design.model.quadrants import Quadrant, quadrant_weights

__all__ = ["QuadrantSummary", "summarise"]


@dataclass(frozen=True)
class QuadrantSummary:
    """Hours per quadrant for one case, with the shares per side of each axis."""

    case_id: str
    hours_by_quadrant: dict[Quadrant, float]

    @property
    def total_hours(self) -> float:
        return sum(self.hours_by_quadrant.values())

    def _share(self, predicate: str, wanted: bool) -> float:
        if self.total_hours == 0:
            return 0.0
        hours = sum(h for q, h in self.hours_by_quadrant.items() if getattr(q, predicate) is wanted)
        return hours / self.total_hours

    @property
    def constructed_share(self) -> float:
        return self._share("is_realistic", False)

    @property
    def realistic_share(self) -> float:
        return self._share("is_realistic", True)

    @property
    def acquisition_share(self) -> float:
        return self._share("is_participation", False)

    @property
    def participation_share(self) -> float:
        return self._share("is_participation", True)

    def to_json(self) -> dict[str, Any]:
        """The machine-readable summary used by ``hlo-design summary --format json``."""
        return {
            "case": self.case_id,
            "hours_by_quadrant": {q.value: round(h, 4) for q, h in self.hours_by_quadrant.items()},
            "total_hours": round(self.total_hours, 4),
            "constructed_share": round(self.constructed_share, 4),
            "realistic_share": round(self.realistic_share, 4),
            "acquisition_share": round(self.acquisition_share, 4),
            "participation_share": round(self.participation_share, 4),
        }

    def quadrant_table(self, vocabulary: Vocabulary) -> pd.DataFrame:
        """One row per quadrant in the documents' order: number, name, hours, share."""
        total = self.total_hours or 1.0
        rows = [
            {
                "#": q.number,
                vocabulary("summary.quadrant"): vocabulary.label(q),
                vocabulary("summary.hours"): round(h, 1),
                vocabulary("summary.share"): f"{h / total:.0%}",
            }
            for q, h in sorted(self.hours_by_quadrant.items(), key=lambda item: item[0].number)
        ]
        return pd.DataFrame(rows).set_index("#")

    def side_table(self, vocabulary: Vocabulary) -> pd.DataFrame:
        """Shares per side of each axis, as a two-column table."""
        rows = [
            (vocabulary("summary.constructed"), self.constructed_share),
            (vocabulary("summary.realistic"), self.realistic_share),
            (vocabulary("summary.acquisition"), self.acquisition_share),
            (vocabulary("summary.participation"), self.participation_share),
        ]
        return pd.DataFrame(
            [{vocabulary("summary.side"): side, vocabulary("summary.share"): f"{share:.0%}"} for side, share in rows]
        ).set_index(vocabulary("summary.side"))


def summarise(case_id: str, activities: Iterable[Activity]) -> QuadrantSummary:
    """Add up the weekly hours of ``activities`` per quadrant."""
    hours = dict.fromkeys(Quadrant, 0.0)
    for activity in activities:
        for quadrant, weight in quadrant_weights(activity.position).items():
            hours[quadrant] += activity.hours_per_week * weight
    return QuadrantSummary(case_id=case_id, hours_by_quadrant=hours)
