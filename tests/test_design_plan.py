"""Design plan: overview per perspective, findings without decisions, coverage, variants and shifts, references."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.design_coverage import (
    coverage_matrix,
    findings_without_decisions,
    journey_gaps,
    perspective_overview,
)
from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.analysis.variants import apply_variant, compare_variants, shift
from hlo_design.base.errors import CaseFileError
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.design_plan import (
    ActivityMove,
    DecisionStatus,
    DesignDecision,
    DesignPlan,
    DesignVariant,
    Focus,
    JourneyStep,
    LearningGoal,
)
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Position, Quadrant
from tests.helpers import EXAMPLE_CASES, MINIMAL_CASE, minimal_case


def _decision(i: int, perspective: str, status: str, findings: list[str] | None = None) -> DesignDecision:
    return DesignDecision(
        id=f"d{i}", perspective=Perspective(perspective), text="t", rationale="r", level=Level.TACTICAL,
        owner="o", status=DecisionStatus(status), findings=findings or [],
    )  # fmt: skip


def test_perspective_overview_counts_and_rules() -> None:
    """Agreed/tried/adopted carry a perspective; only-dropped counts as empty; ideas alone do neither."""
    plan = DesignPlan(
        decisions=[
            _decision(1, "content", "adopted"),
            _decision(2, "content", "idea"),
            _decision(3, "social", "idea"),
            _decision(4, "spatial", "dropped"),
            _decision(5, "temporal", "tried"),
        ]
    )
    overview = perspective_overview(plan)
    assert overview.loc["content", "adopted"] == 1
    assert overview.loc["content", "total"] == 2
    assert overview["carries"].to_dict() == {
        "content": True, "social": False, "spatial": False, "temporal": True, "material": False,
    }  # fmt: skip
    assert overview["empty"].to_dict() == {
        "content": False, "social": False, "spatial": True, "temporal": False, "material": True,
    }  # fmt: skip


def test_findings_without_decisions_ignores_dropped() -> None:
    """A finding only answered by a dropped decision is still without decision."""
    case = parse_case(
        MINIMAL_CASE.encode()
        + b"findings:\n  - {id: f1, text: a, place: model}\n  - {id: f2, text: b, place: model}\n",
        "x.yaml",
    )
    plan = DesignPlan(decisions=[_decision(1, "content", "agreed", ["f1"]), _decision(2, "social", "dropped", ["f2"])])
    case = case.model_copy(update={"design": plan})
    assert [f.id for f in findings_without_decisions(case)] == ["f2"]
    assert [f.id for f in findings_without_decisions(case.model_copy(update={"design": None}))] == ["f1", "f2"]


def test_coverage_matrix_by_hand() -> None:
    """Two goals, three steps: counts per cell, gaps where no step is, unknown goals get their own row."""
    plan = DesignPlan(
        focus=Focus(
            question="q", target_group="t", goals=[LearningGoal(id="g1", text="a"), LearningGoal(id="g2", text="b")]
        ),
        journey=[
            JourneyStep(goal="g1", quadrant=1, text="x"),
            JourneyStep(goal="g1", quadrant=1, text="y"),
            JourneyStep(goal="g2", quadrant=3, text="z"),
            JourneyStep(goal="zz", quadrant=2, text="w"),
        ],
    )
    matrix = coverage_matrix(plan)
    assert matrix.values.tolist() == [[2, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0]]
    assert list(matrix.index) == ["g1", "g2", "zz"]
    assert journey_gaps(plan) == [("g1", 2), ("g1", 3), ("g1", 4), ("g2", 1), ("g2", 2), ("g2", 4)]


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(1, 4)), max_size=40))
def test_coverage_counts_sum_to_steps(steps: list[tuple[str, int]]) -> None:
    """Whatever the journey, the matrix holds every step exactly once."""
    plan = DesignPlan(
        focus=Focus(question="q", target_group="t", goals=[LearningGoal(id="a", text="a")]),
        journey=[JourneyStep(goal=g, quadrant=q, text="s") for g, q in steps],
    )
    assert int(coverage_matrix(plan).to_numpy().sum()) == len(steps)


def test_apply_variant_and_shift_by_hand() -> None:
    """Moving 4 hours of lessons into quadrant 2 shifts 4 hours from constructed to realistic."""
    case = minimal_case()
    variant = DesignVariant(
        id="v",
        name="V",
        created="2023-01-01",
        moves=[ActivityMove(activity="les", position=Position(form=-0.5, context=0.5))],
    )
    after = apply_variant(case, variant)
    assert after[0].position == Position(form=-0.5, context=0.5)
    assert after[1] is case.activities[1]
    result = shift(summarise("demo", case.activities), summarise("demo", after))
    assert result.hours_by_quadrant[Quadrant.CONSTRUCTED_ACQUISITION] == -4
    assert result.hours_by_quadrant[Quadrant.REALISTIC_ACQUISITION] == 4
    assert result.hours_by_side == {"constructed": -4, "realistic": 4, "acquisition": 0, "participation": 0}
    assert result.shares_by_side["realistic"] == pytest.approx(4 / 16)
    assert result.total_hours == 0


def test_apply_variant_with_hours_and_unknown_activity() -> None:
    """New hours are applied; a move of a missing activity raises KeyError naming it."""
    case = minimal_case()
    variant = DesignVariant(
        id="v",
        name="V",
        created="2023-01-01",
        moves=[ActivityMove(activity="werk", position=Position(form=0.6, context=0.7), hours_per_week=8)],
    )
    assert [a.hours_per_week for a in apply_variant(case, variant)] == [4, 8]
    bad = variant.model_copy(update={"moves": [ActivityMove(activity="nope", position=Position(form=0, context=0))]})
    with pytest.raises(KeyError, match="nope"):
        apply_variant(case, bad)


positions = st.builds(Position, form=st.floats(-1, 1), context=st.floats(-1, 1))


@given(st.lists(positions, min_size=2, max_size=2))
def test_moving_positions_conserves_hours(new: list[Position]) -> None:
    """When only positions move, quadrant shifts and side shifts each sum to zero."""
    case = minimal_case()
    variant = DesignVariant(
        id="v",
        name="V",
        created="2023-01-01",
        moves=[ActivityMove(activity=a.id, position=p) for a, p in zip(case.activities, new, strict=True)],
    )
    result = shift(summarise("d", case.activities), summarise("d", apply_variant(case, variant)))
    assert sum(result.hours_by_quadrant.values()) == pytest.approx(0, abs=1e-9)
    sides = result.hours_by_side
    assert sides["constructed"] + sides["realistic"] == pytest.approx(0, abs=1e-9)
    assert sides["acquisition"] + sides["participation"] == pytest.approx(0, abs=1e-9)


def test_compare_variants_first_row_is_current() -> None:
    """The comparison starts with the saved case and has one row per variant."""
    case = load_case("zorg")
    assert case.design is not None
    table = compare_variants(case)
    assert list(table.index) == ["current"] + [v.id for v in case.design.variants]
    assert table.loc["current", "total"] == pytest.approx(summarise("zorg", case.activities).total_hours)
    quadrant_columns = [q.value for q in Quadrant]
    assert table[quadrant_columns].sum(axis=1).tolist() == pytest.approx(table["total"].tolist())


DESIGN_YAML = """\
findings:
  - {id: f1, text: a, place: model}
design:
  focus:
    question: q
    target_group: t
    goals:
      - {id: g1, text: a, findings: [f1, nope]}
  decisions:
    - {id: d1, perspective: content, text: t, rationale: r, level: tactical, owner: o, findings: [f1]}
    - {id: d1, perspective: social, text: t, rationale: r, level: tactical, owner: o, option: soc_zorgvragers}
    - {id: d3, perspective: content, text: t, rationale: r, level: tactical, owner: o, findings: [x], option: geen_optie}
  journey:
    - {goal: g9, quadrant: 1, text: s}
    - {goal: g1, quadrant: 3, text: s, activity: les}
  variants:
    - id: v1
      name: V
      created: 2023-01-01
      moves:
        - {activity: spook, position: {form: 0, context: 0}}
"""


def test_reference_errors_have_file_line_and_path() -> None:
    """Every broken reference in the design section is reported with file:line and field path."""
    with pytest.raises(CaseFileError) as raised:
        parse_case((MINIMAL_CASE + DESIGN_YAML).encode(), "demo.yaml")
    messages = str(raised.value)
    expected = [
        "design.decisions: id 'd1' is used more than once",
        "design.focus.goals[0].findings: 'nope' is not one of the findings",
        "design.decisions[2].findings: 'x' is not one of the findings",
        "design.decisions[2].option: 'geen_optie' is not an option of data/design_options.yaml",
        "design.journey[0].goal: 'g9' is not one of the focus goals",
        "design.variants[0].moves[0].activity: 'spook' is not one of the activities",
    ]
    for text in expected:
        assert text in messages
    text = (MINIMAL_CASE + DESIGN_YAML).splitlines()
    decision_line = next(i for i, line in enumerate(text, 1) if "geen_optie" in line)
    move_line = next(i for i, line in enumerate(text, 1) if "spook" in line)
    lines = {p.field: p.line for p in raised.value.problems}
    assert lines["design.decisions[2].findings"] == decision_line
    assert lines["design.variants[0].moves[0].activity"] == move_line
    assert f"demo.yaml:{decision_line} design.decisions[2].findings" in messages


def test_bad_status_is_a_field_error() -> None:
    """An unknown status is reported at its own field."""
    text = (
        MINIMAL_CASE
        + "design:\n  decisions:\n    - {id: d, perspective: content, text: t, rationale: r, level: tactical, owner: o, status: klaar}\n"
    )
    with pytest.raises(CaseFileError) as raised:
        parse_case(text.encode(), "demo.yaml")
    assert any(p.field == "design.decisions[0].status" for p in raised.value.problems)


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_bundled_designs(case_id: str) -> None:
    """Each bundled case has a focus of 3-5 linked goals, 5-10 decisions, a journey and variants that move 2-4 activities."""
    case = load_case(case_id)
    plan = case.design
    assert plan is not None
    assert plan.focus is not None
    assert 3 <= len(plan.focus.goals) <= 5
    assert all(g.findings for g in plan.focus.goals)
    assert 5 <= len(plan.decisions) <= 10
    assert len({d.status for d in plan.decisions}) >= 3
    assert len({d.perspective for d in plan.decisions}) >= 4
    assert plan.journey
    assert plan.variants
    assert all(2 <= len(v.moves) <= 4 for v in plan.variants)


def test_zorg_journey_and_findings() -> None:
    """Zorg: four goals in the documents' order, each in at least three quadrants; every finding answered."""
    case = load_case("zorg")
    assert case.design is not None
    matrix = coverage_matrix(case.design)
    assert list(matrix.index) == [
        "eigen_gezondheid",
        "zorgvrager_als_persoon",
        "durven_interageren",
        "empathisch_omgaan",
    ]
    assert ((matrix > 0).sum(axis=1) >= 3).all()
    assert journey_gaps(case.design) == [("zorgvrager_als_persoon", 2)]
    assert findings_without_decisions(case) == []


def test_logistiek_flags_an_unanswered_finding() -> None:
    """Logistiek: the finding that students find making mistakes hard has no decision yet."""
    assert [f.id for f in findings_without_decisions(load_case("logistiek"))] == ["fouten_maken_lastig"]
