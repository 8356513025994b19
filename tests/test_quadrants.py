"""The quadrant model: derived quadrants, the on-axis rule, numbering."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from hlo_design.base.errors import UnknownQuadrantError
from hlo_design.model.quadrants import Position, Quadrant, parse_quadrant, quadrant_by_number, quadrant_weights

coordinates = st.floats(min_value=-1, max_value=1, allow_nan=False)


@pytest.mark.parametrize(
    ("form", "context", "expected"),
    [
        (-0.5, -0.5, Quadrant.CONSTRUCTED_ACQUISITION),  # classroom lesson
        (-0.5, 0.5, Quadrant.REALISTIC_ACQUISITION),  # reflecting on real work
        (0.5, 0.5, Quadrant.REALISTIC_PARTICIPATION),  # the real workplace
        (0.5, -0.5, Quadrant.CONSTRUCTED_PARTICIPATION),  # simulation
        (1, 1, Quadrant.REALISTIC_PARTICIPATION),  # the far corner belongs to its quadrant
        (-1e-9, 1e-9, Quadrant.REALISTIC_ACQUISITION),  # tiny values still decide
    ],
)
def test_quadrant_is_derived_from_position(form: float, context: float, expected: Quadrant) -> None:
    """The quadrant follows the signs of the two coordinates."""
    assert Position(form=form, context=context).quadrant is expected


@pytest.mark.parametrize(
    ("form", "context", "expected"),
    [
        (0, 0.5, {Quadrant.REALISTIC_ACQUISITION: 0.5, Quadrant.REALISTIC_PARTICIPATION: 0.5}),  # on the form axis
        (
            0.5,
            0,
            {Quadrant.CONSTRUCTED_PARTICIPATION: 0.5, Quadrant.REALISTIC_PARTICIPATION: 0.5},
        ),  # on the context axis
        (0, 0, dict.fromkeys(Quadrant, 0.25)),  # the centre is shared by all four
        (-0.3, -0.3, {Quadrant.CONSTRUCTED_ACQUISITION: 1.0}),  # inside one quadrant
    ],
)
def test_on_axis_positions_are_shared_equally(form: float, context: float, expected: dict[Quadrant, float]) -> None:
    """A position exactly on an axis belongs to no quadrant and is split equally."""
    position = Position(form=form, context=context)
    assert quadrant_weights(position) == expected
    if len(expected) > 1:
        assert position.quadrant is None


@given(coordinates, coordinates)
def test_weights_always_sum_to_one(form: float, context: float) -> None:
    """No position loses or doubles hours."""
    weights = quadrant_weights(Position(form=form, context=context))
    assert math.isclose(sum(weights.values()), 1.0)
    if form != 0 and context != 0:
        assert list(weights) == [Position(form=form, context=context).quadrant]


@given(
    st.one_of(st.floats(min_value=1, exclude_min=True), st.floats(max_value=-1, exclude_max=True), st.just(math.nan))
)
def test_coordinates_outside_the_axis_are_refused(value: float) -> None:
    """Anything outside [-1, 1] (or NaN) is a validation error naming the range."""
    with pytest.raises(ValidationError, match=r"outside \[-1, 1\]"):
        Position(form=value, context=0.2)


@pytest.mark.parametrize(
    ("number", "quadrant"),
    [
        (1, Quadrant.CONSTRUCTED_ACQUISITION),
        (2, Quadrant.REALISTIC_ACQUISITION),
        (3, Quadrant.REALISTIC_PARTICIPATION),
        (4, Quadrant.CONSTRUCTED_PARTICIPATION),
    ],
)
def test_display_numbers_follow_the_documents(number: int, quadrant: Quadrant) -> None:
    """1 2 on top, 4 3 below, as in the GHLOBO slides."""
    assert quadrant.number == number
    assert quadrant_by_number(number) is quadrant
    assert parse_quadrant(number) is quadrant
    assert parse_quadrant(quadrant.value) is quadrant
    assert quadrant_weights(quadrant.centre) == {quadrant: 1.0}


@pytest.mark.parametrize("value", [0, 5, "kwadrant", "Realistic_Participation", True])
def test_unknown_quadrants_are_refused(value: int | str) -> None:
    """Unknown names and numbers raise an error that lists the valid ones."""
    with pytest.raises(UnknownQuadrantError, match="1"):
        parse_quadrant(value)
