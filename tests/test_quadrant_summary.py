"""The quadrant summary: hours per quadrant and per side, and its bar chart."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.activities import Activity
from hlo_design.model.quadrants import Position, Quadrant
from hlo_design.render.figures import summary_bars


def _activity(form: float, context: float, hours: float, name: str = "a") -> Activity:
    return Activity(
        id=name, name=name, environment="e", position=Position(form=form, context=context), hours_per_week=hours
    )


def test_hours_add_up_per_quadrant_and_side() -> None:
    """6 h lesson + 2 h reflection + 12 h work + 4 h simulation, checked by hand."""
    summary = summarise(
        "demo",
        [
            _activity(-0.5, -0.5, 6, "les"),  # quadrant 1
            _activity(-0.5, 0.5, 2, "reflectie"),  # quadrant 2
            _activity(0.5, 0.5, 12, "werk"),  # quadrant 3
            _activity(0.5, -0.5, 4, "simulatie"),  # quadrant 4
        ],
    )
    assert summary.hours_by_quadrant == {
        Quadrant.CONSTRUCTED_ACQUISITION: 6,
        Quadrant.REALISTIC_ACQUISITION: 2,
        Quadrant.REALISTIC_PARTICIPATION: 12,
        Quadrant.CONSTRUCTED_PARTICIPATION: 4,
    }
    assert summary.constructed_share == pytest.approx(10 / 24)
    assert summary.realistic_share == pytest.approx(14 / 24)
    assert summary.acquisition_share == pytest.approx(8 / 24)
    assert summary.participation_share == pytest.approx(16 / 24)


def test_activity_on_an_axis_is_split() -> None:
    """8 hours exactly on the context axis count 4 on each side."""
    summary = summarise("demo", [_activity(0.5, 0, 8)])
    assert summary.constructed_share == pytest.approx(0.5)
    assert summary.hours_by_quadrant[Quadrant.REALISTIC_PARTICIPATION] == 4


def test_no_activities_gives_zero_shares() -> None:
    summary = summarise("leeg", [])
    assert summary.total_hours == 0
    assert summary.to_json()["constructed_share"] == 0


@given(
    st.lists(
        st.tuples(
            st.floats(-1, 1, allow_nan=False),
            st.floats(-1, 1, allow_nan=False),
            st.floats(0, 80, allow_nan=False),
        ),
        max_size=30,
    )
)
def test_shares_are_complementary(items: list[tuple[float, float, float]]) -> None:
    """Constructed + realistic and acquisition + participation are each 100% of the hours."""
    summary = summarise("x", [_activity(f, c, h, f"a{i}") for i, (f, c, h) in enumerate(items)])
    assert math.isclose(summary.total_hours, sum(h for _, _, h in items), abs_tol=1e-6)
    if summary.total_hours > 1e-9:
        assert math.isclose(summary.constructed_share + summary.realistic_share, 1.0)
        assert math.isclose(summary.acquisition_share + summary.participation_share, 1.0)


def test_documents_balance_holds_for_the_examples() -> None:
    """Zorg spends more hours constructed (its diagnosis); Servicemedewerker more realistic (3 days in the company)."""
    zorg = summarise("zorg", load_case("zorg").activities)
    service = summarise("servicemedewerker", load_case("servicemedewerker").activities)
    assert zorg.constructed_share > zorg.realistic_share
    assert service.realistic_share > service.constructed_share


def test_tables_are_labelled_in_dutch() -> None:
    summary = summarise("demo", [_activity(-0.5, -0.5, 6)])
    table = summary.quadrant_table(Vocabulary())
    assert list(table.columns) == ["Kwadrant", "Uren per week", "Aandeel"]
    assert table.loc[1, "Aandeel"] == "100%"


def test_summary_bars_show_every_quadrant() -> None:
    summary = summarise("zorg", load_case("zorg").activities)
    figure = summary_bars(summary, Vocabulary())
    assert len(figure.data[0].y) == 4
    assert all("%" in text for text in figure.data[0].text)
