"""The Zitter quadrant model: two axes, four quadrants, continuous positions.

A learning activity sits at a *position* on two axes, each running from -1 to 1:

* ``form`` — learning form (*leervorm*): -1 acquisition (*acquisitie*) …
  +1 participation (*participatie*);
* ``context`` — learning context (*leercontext*): -1 constructed
  (*geconstrueerd*) … +1 realistic (*realistisch*).

The quadrant is always derived from the position, never stored beside it, so
the two can never disagree. Quadrants are keyed by name because publications
number them differently; the numbers of the GHLOBO documents (1 2 on top, 4 3
below) are display labels only.

Rule for positions exactly on an axis: such a position belongs to no single
quadrant (:attr:`Position.quadrant` is ``None``) and is *shared equally*
between the quadrants it touches — half to each of two on an axis, a quarter
to each of the four at the centre. :func:`quadrant_weights` encodes this, so
summaries never lose or double-count hours.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import AfterValidator

from hlo_design.base.errors import UnknownQuadrantError
from hlo_design.base.schema import Record

__all__ = [
    "Coordinate",
    "Position",
    "Quadrant",
    "check_quadrant_number",
    "parse_quadrant",
    "quadrant_by_number",
    "quadrant_weights",
]


class Quadrant(Enum):
    """The four quadrants, keyed by name; ``number`` is the documents' label."""

    CONSTRUCTED_ACQUISITION = "constructed_acquisition"
    REALISTIC_ACQUISITION = "realistic_acquisition"
    REALISTIC_PARTICIPATION = "realistic_participation"
    CONSTRUCTED_PARTICIPATION = "constructed_participation"

    @property
    def number(self) -> int:
        """Display number as in the GHLOBO documents: 1 2 on top, 4 3 below."""
        return _NUMBERS[self]

    @property
    def is_participation(self) -> bool:
        return self in (Quadrant.REALISTIC_PARTICIPATION, Quadrant.CONSTRUCTED_PARTICIPATION)

    @property
    def is_realistic(self) -> bool:
        return self in (Quadrant.REALISTIC_ACQUISITION, Quadrant.REALISTIC_PARTICIPATION)

    @property
    def centre(self) -> Position:
        """The middle of the quadrant, where a finding placed by number is drawn."""
        return Position(
            form=0.5 if self.is_participation else -0.5,
            context=0.5 if self.is_realistic else -0.5,
        )


_NUMBERS = {
    Quadrant.CONSTRUCTED_ACQUISITION: 1,
    Quadrant.REALISTIC_ACQUISITION: 2,
    Quadrant.REALISTIC_PARTICIPATION: 3,
    Quadrant.CONSTRUCTED_PARTICIPATION: 4,
}


def _coordinate(value: float) -> float:
    if not -1.0 <= value <= 1.0:  # also rejects NaN
        raise ValueError(f"{value:g} is outside [-1, 1]; -1 and 1 are the ends of the axis")
    return value


Coordinate = Annotated[float, AfterValidator(_coordinate)]
"""A coordinate on one axis of the model, -1 … 1."""


class Position(Record):
    """A continuous place in the model; both coordinates lie in [-1, 1]."""

    form: Coordinate
    context: Coordinate

    @property
    def quadrant(self) -> Quadrant | None:
        """The quadrant this position lies in, or ``None`` exactly on an axis."""
        if self.form == 0 or self.context == 0:
            return None
        return _quadrant_of_signs(self.form > 0, self.context > 0)


def _quadrant_of_signs(participation: bool, realistic: bool) -> Quadrant:
    if participation:
        return Quadrant.REALISTIC_PARTICIPATION if realistic else Quadrant.CONSTRUCTED_PARTICIPATION
    return Quadrant.REALISTIC_ACQUISITION if realistic else Quadrant.CONSTRUCTED_ACQUISITION


def _sides(value: float) -> tuple[bool, ...]:
    """Which sides of an axis a coordinate touches: one side, or both on the axis."""
    if value == 0:
        return (False, True)
    return (value > 0,)


def quadrant_weights(position: Position) -> dict[Quadrant, float]:
    """How a position is shared between quadrants; the weights sum to 1."""
    form_sides = _sides(position.form)
    context_sides = _sides(position.context)
    weight = 1.0 / (len(form_sides) * len(context_sides))
    return {
        _quadrant_of_signs(participation, realistic): weight
        for participation in form_sides
        for realistic in context_sides
    }


def check_quadrant_number(number: int) -> int:
    """Validator for quadrant numbers typed in case files."""
    if number not in _NUMBERS.values():
        raise ValueError(f"{number} is not a quadrant; use 1, 2, 3 or 4 (1 2 on top, 4 3 below)")
    return number


def quadrant_by_number(number: int) -> Quadrant:
    """The quadrant with the documents' display number 1–4."""
    for quadrant, quadrant_number in _NUMBERS.items():
        if quadrant_number == number:
            return quadrant
    raise UnknownQuadrantError(f"quadrant {number!r} does not exist; use 1, 2, 3 or 4")


def parse_quadrant(value: str | int) -> Quadrant:
    """A quadrant from its name (``realistic_participation``) or number (3)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return quadrant_by_number(value)
    try:
        return Quadrant(value)
    except ValueError:
        names = ", ".join(q.value for q in Quadrant)
        raise UnknownQuadrantError(f"unknown quadrant {value!r}; use a number 1-4 or one of: {names}") from None
