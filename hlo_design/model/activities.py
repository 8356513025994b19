"""Learning activities, each at a continuous position in the quadrant model."""

from __future__ import annotations

from hlo_design.base.schema import HoursPerWeek, Identifier, Sourced, Text
from hlo_design.model.quadrants import Position, Quadrant

__all__ = ["Activity"]


class Activity(Sourced):
    """A learning activity at a position in the quadrant model."""

    id: Identifier
    name: Text
    environment: Identifier
    position: Position
    hours_per_week: HoursPerWeek
    description: str | None = None

    @property
    def quadrant(self) -> Quadrant | None:
        return self.position.quadrant
