"""Figures of the design phase: journey route, coverage heatmap, shift map and bars, variant comparison."""

from __future__ import annotations

import pytest

from hlo_design.analysis.variants import moved_activities
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.design_plan import ActivityMove, DesignVariant
from hlo_design.model.quadrants import Position, quadrant_by_number
from hlo_design.render.figures.journey import coverage_heatmap, journey_map, journey_points
from hlo_design.render.figures.variants import shift_bars, shift_map, variant_comparison
from tests.helpers import EXAMPLE_CASES, HOSTILE, HOSTILE_ESCAPED, figure_strings

QUADRANT_NAMES = (
    "Aanleren van kennis en vaardigheden",
    "Ontwikkelen van kritisch, reflectief werkgedrag",
    "Toepassen in échte werkpraktijk",
    "Oefenen in up-to-date, veilige omgeving",
)


def _arrows(figure: object) -> list[object]:
    return [a for a in figure.layout.annotations if a.showarrow and a.axref == "x"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_journey_map_numbers_every_step(case_id: str) -> None:
    """Each journey step is a marker labelled goal.step, with the quadrant names on the map."""
    case = load_case(case_id)
    assert case.design is not None
    figure = journey_map(case, Vocabulary())
    labels = [label for trace in figure.data if trace.customdata is not None for label in trace.customdata]
    assert len(labels) == len(case.design.journey)
    assert labels[0] == "1.1"
    texts = " ".join(str(a.text) for a in figure.layout.annotations).replace("<br>", " ")
    for name in QUADRANT_NAMES:
        assert name in texts


def test_journey_arrows_follow_the_route() -> None:
    """There is one arrow between each pair of consecutive steps (within and between goals)."""
    case = load_case("zorg")
    assert case.design is not None
    figure = journey_map(case)
    assert len(_arrows(figure)) == len(case.design.journey) - 1


def test_journey_points_stay_in_their_quadrant() -> None:
    """Every drawn step lies inside the quadrant it belongs to."""
    for case_id in EXAMPLE_CASES:
        design = load_case(case_id).design
        assert design is not None
        for _, step, x, y in journey_points(design):
            assert Position(form=y, context=x).quadrant is quadrant_by_number(step.quadrant)


def test_journey_text_is_escaped() -> None:
    """Hostile step and goal texts reach plotly only escaped."""
    case = load_case("zorg")
    assert case.design is not None
    assert case.design.focus is not None
    goals = [g.model_copy(update={"text": HOSTILE}) for g in case.design.focus.goals]
    design = case.design.model_copy(
        update={
            "focus": case.design.focus.model_copy(update={"goals": goals}),
            "journey": [s.model_copy(update={"text": HOSTILE}) for s in case.design.journey],
        }
    )
    hostile = case.model_copy(update={"design": design, "name": HOSTILE})
    for figure in (journey_map(hostile), coverage_heatmap(design, Vocabulary())):
        text = figure_strings(figure)
        assert "<img" not in text
        assert HOSTILE_ESCAPED in text


def test_coverage_heatmap_marks_gaps() -> None:
    """Zorg's one gap (goal 2 in quadrant 2) is written as a gap; other cells show their counts."""
    design = load_case("zorg").design
    assert design is not None
    heatmap = coverage_heatmap(design, Vocabulary()).data[0]
    assert heatmap.z[1][1] == 0
    assert "leemte" in heatmap.text[1][1]
    assert sum("leemte" in cell for row in heatmap.text for cell in row) == 1
    assert heatmap.text[0][0] == "<b>2</b>"


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_shift_map_has_one_arrow_per_moved_activity(case_id: str) -> None:
    """Arrows and hollow markers match the activities whose position the variant changes."""
    case = load_case(case_id)
    assert case.design is not None
    for variant in case.design.variants:
        figure = shift_map(case, variant, Vocabulary())
        moved = moved_activities(case, variant)
        assert len(_arrows(figure)) == len(moved)
        hollow = [t for t in figure.data if t.marker.symbol == "circle-open"]
        assert sum(len(t.x) for t in hollow) == len(moved)


def test_hours_only_variant_draws_no_arrows() -> None:
    """A move that keeps the position changes no arrows but says so."""
    case = load_case("logistiek")
    figure = shift_map(case, DesignVariant(id="v", name="V", created="2023-01-01", moves=[
        ActivityMove(activity="oh_betaald_werk", position=case.activities[8].position, hours_per_week=10)]))  # fmt: skip
    assert case.activities[8].id == "oh_betaald_werk"
    assert _arrows(figure) == []
    assert "verschuift geen activiteiten" in figure_strings(figure)


def test_shift_text_is_escaped() -> None:
    """Hostile activity and variant names are escaped on the shift map and bars."""
    case = load_case("zorg")
    assert case.design is not None
    activities = [a.model_copy(update={"name": HOSTILE}) for a in case.activities]
    variant = case.design.variants[0].model_copy(update={"name": HOSTILE})
    hostile = case.model_copy(update={"activities": activities})
    for figure in (shift_map(hostile, variant), shift_bars(hostile, variant)):
        text = figure_strings(figure)
        assert "<img" not in text
        assert HOSTILE_ESCAPED in text


def test_shift_bars_before_and_after() -> None:
    """Before and after bars show the summaries' hours; the side panel shows shares."""
    case = load_case("zorg")
    assert case.design is not None
    figure = shift_bars(case, case.design.variants[1], Vocabulary("en"))
    before, after, _side_before, side_after = figure.data
    assert before.name == "before"
    assert after.name == "after"
    assert sum(before.y) == pytest.approx(sum(a.hours_per_week for a in case.activities))
    assert sum(after.y) == pytest.approx(sum(before.y) + 1.5)  # one hour more reflection, half an hour more web
    assert after.y[1] == pytest.approx(before.y[1] + 1.5)
    assert side_after.xaxis == "x2"
    assert max(side_after.y) <= 1
    assert figure.layout.font.size >= 14


def test_variant_comparison_has_current_first() -> None:
    """One bar group per variant, the current situation first."""
    case = load_case("logistiek")
    assert case.design is not None
    figure = variant_comparison(case, Vocabulary())
    assert [t.name for t in figure.data] == ["huidige situatie"] + [v.name for v in case.design.variants]
    assert all(len(t.y) == 4 for t in figure.data)


def test_quadrants_carry_the_same_names_as_on_the_map() -> None:
    """One name per quadrant on a page: the model's names, not the axis-side names ("geconstrueerde acquisitie")."""
    case = load_case("zorg")
    vocabulary = Vocabulary("nl", case.region)
    assert case.design is not None
    labels = " ".join(
        [
            *coverage_heatmap(case.design, vocabulary).data[0].x,
            *variant_comparison(case, vocabulary).data[0].x,
        ]
    ).replace("<br>", " ")
    assert "geconstrueerde acquisitie" not in labels
    assert labels.count("Aanleren van kennis en vaardigheden") == 2
