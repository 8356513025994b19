"""Valorisation: test moments, lessons, corners, action plan, validation and figures."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis import valorisation_tables as tables
from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model import valorisation as v
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.render.figures import valorisation as fv
from tests.helpers import HOSTILE, HOSTILE_ESCAPED, MINIMAL_CASE, figure_strings


def _moment(before: float | None, after: float | None, scale_max: float = 10) -> v.TestMoment:
    return v.TestMoment(
        id="t", date="2022-04-01", activity="les", group="groep", learners=10, measure="kennis",
        scale_max=scale_max, before=before, after=after, changes="niets",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("before", "after", "delta", "share"),
    [
        (3.0, 7.0, 4.0, 4 / 9),  # the Logistiek simulation test: about four points up on 1-10
        (5.0, 5.0, 0.0, 0.0),  # no change
        (8.0, 6.0, -2.0, -2 / 9),  # a drop is negative
        (None, 6.0, math.nan, math.nan),  # not measured before: no delta
    ],
)
def test_outcomes_give_after_minus_before(
    before: float | None, after: float | None, delta: float, share: float
) -> None:
    """delta = after − before, and its share of the scale's width; NaN when a value is missing."""
    table = tables.test_moment_outcomes(v.Valorisation(test_moments=[_moment(before, after)]))
    assert table.loc["t", "delta"] == pytest.approx(delta, nan_ok=True)
    assert table.loc["t", "delta_share"] == pytest.approx(share, nan_ok=True)


@given(st.floats(1, 10), st.floats(1, 10))
def test_delta_is_after_minus_before_for_any_values(before: float, after: float) -> None:
    """For any values on the scale the outcome table's delta equals after − before."""
    table = tables.test_moment_outcomes(v.Valorisation(test_moments=[_moment(before, after)]))
    assert table.loc["t", "delta"] == pytest.approx(after - before)


@pytest.mark.parametrize(("before", "after"), [(0.5, 5.0), (5.0, 10.5)])
def test_values_off_the_scale_are_refused(before: float, after: float) -> None:
    """Before and after must lie on the scale."""
    with pytest.raises(ValueError, match="must be between 1 and 10"):
        _moment(before, after)


def test_lessons_by_audience_perspective_and_level() -> None:
    """lessons_by selects by audience, perspective or level, keeping file order."""
    lessons = [
        v.Lesson(id="a", text="A", perspectives=[Perspective.SOCIAL], level=Level.TACTICAL, audience=[v.Audience.SCHOOL]),
        v.Lesson(id="b", text="B", perspectives=[Perspective.TEMPORAL], level=Level.OPERATIONAL, audience=[v.Audience.SCHOOL, v.Audience.POLICY]),
        v.Lesson(id="c", text="C", audience=[v.Audience.COMPANY]),
    ]  # fmt: skip
    valorisation = v.Valorisation(lessons=lessons)
    assert [lesson.id for lesson in tables.lessons_by(valorisation, v.Audience.SCHOOL)] == ["a", "b"]
    assert [lesson.id for lesson in tables.lessons_by(valorisation, v.Audience.POLICY)] == ["b"]
    assert [lesson.id for lesson in tables.lessons_by(valorisation, Perspective.SOCIAL)] == ["a"]
    assert [lesson.id for lesson in tables.lessons_by(valorisation, Level.OPERATIONAL)] == ["b"]


def test_corner_profile_marks_missing_corners() -> None:
    """Every corner gets a row; unassessed corners have NaN strength and no evidence."""
    valorisation = v.Valorisation(
        corners=[
            v.CornerAssessment(corner=v.Corner.RISE_ABOVE, strength=3, evidence=["x", "y"]),
            v.CornerAssessment(corner=v.Corner.LASTING_IMPACT, strength=1, impact_processes=[v.ImpactProcess.PRODUCT]),
        ]
    )
    profile = tables.corner_profile(valorisation)
    assert list(profile.index) == [c.value for c in v.Corner]
    assert profile.loc["rise_above", "strength"] == 3
    assert profile.loc["rise_above", "evidence"] == 2
    assert math.isnan(profile.loc["towards_hybridisation", "strength"])
    assert profile.loc["lasting_impact", "product"]
    assert not profile.loc["lasting_impact", "person"]


def test_impact_processes_only_on_the_fourth_corner() -> None:
    """Impact processes on another corner are refused."""
    with pytest.raises(ValueError, match="lasting_impact corner only"):
        v.CornerAssessment(corner=v.Corner.RISE_ABOVE, strength=2, impact_processes=[v.ImpactProcess.PERSON])


def test_action_progress_counts_per_area_and_status() -> None:
    """Energietransitie: three areas, counts by status add up to the number of actions."""
    valorisation = load_case("energietransitie").valorisation
    assert valorisation is not None
    progress = tables.action_progress(valorisation)
    assert list(progress.index) == ["multi_gebruik", "competenties_21e", "peer_learning"]
    assert progress["total"].sum() == len(valorisation.actions)
    statuses = [s.value for s in v.ActionStatus]
    assert (progress[statuses].sum(axis=1) == progress["total"]).all()
    assert progress.loc["peer_learning", "done"] == 1


def test_success_factor_summary_lists_all_five() -> None:
    """All five factors appear; unassessed ones have no status."""
    summary = tables.success_factor_summary(
        v.Valorisation(
            success_factors=[v.SuccessFactorStatus(factor=v.SuccessFactor.TRUST, status=v.FactorStatus.PARTLY)]
        )
    )
    assert list(summary.index) == [f.value for f in v.SuccessFactor]
    assert summary.loc["trust", "score"] == 1
    assert pd.isna(summary.loc["lasting_funding", "status"])


def test_example_data_follow_the_documents() -> None:
    """Logistiek has the ~300-pupil test with +4 points; Energietransitie all five factors and both competence kinds."""
    logistiek = load_case("logistiek").valorisation
    assert logistiek is not None
    outcomes = tables.test_moment_outcomes(logistiek)
    assert outcomes.loc["logistieke_straat_vmbo", "learners"] == 300
    assert outcomes.loc["logistieke_straat_vmbo", "delta"] == pytest.approx(4)
    energy = load_case("energietransitie").valorisation
    assert energy is not None
    assert {s.factor for s in energy.success_factors} == set(v.SuccessFactor)
    assert {c.kind for c in energy.competences} == set(v.CompetenceKind)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        # an action in an area that does not exist
        ("  action_areas: [{id: a, name: A}]\n  actions: [{id: x, area: b, text: T, owner: O, horizon: short}]\n",
         "valorisation.actions[0].area: 'b' is not one of the action areas (a)"),
        # the same lesson id twice
        ("  lessons: [{id: l, text: T, audience: [school]}, {id: l, text: U, audience: [policy]}]\n",
         "valorisation.lessons: id 'l' is used more than once"),
        # one corner assessed twice
        ("  corners: [{corner: rise_above, strength: 1}, {corner: rise_above, strength: 2}]\n",
         "corner 'rise_above' is assessed more than once"),
        # a source that the case does not list
        ("  preconditions: [{text: T, source: elders}]\n",
         "valorisation.preconditions[0].source: 'elders' is not one of the sources"),
        # strength above the scale
        ("  corners: [{corner: rise_above, strength: 5}]\n", "less than or equal to 4"),
    ],
)  # fmt: skip
def test_validation_errors_name_the_place(section: str, message: str) -> None:
    """Problems in the valorisation section are reported with their path, through parse_case."""
    raw = (MINIMAL_CASE + "valorisation:\n" + section).encode()
    with pytest.raises(CaseFileError) as error:
        parse_case(raw, "demo.yaml")
    assert message in str(error.value)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_figures_label_every_corner_and_status(language: str) -> None:
    """Corner chart shows four corners and action plan one trace per status, in the chosen language."""
    vocabulary = Vocabulary(language)
    case = load_case("energietransitie")
    assert case.valorisation is not None
    corners = fv.corner_chart(case.valorisation, vocabulary, case=case)
    assert len(corners.data[0].x) == 4
    plan = fv.action_plan_chart(case.valorisation, vocabulary, case=case)
    assert [t.name for t in plan.data] == [vocabulary.label(s) for s in v.ActionStatus]


def test_figures_escape_hostile_text() -> None:
    """Participant text reaches the figures escaped, never as raw HTML."""
    valorisation = v.Valorisation(
        test_moments=[_moment(2, 6).model_copy(update={"activity": HOSTILE, "group": HOSTILE})],
        corners=[v.CornerAssessment(corner=v.Corner.RISE_ABOVE, strength=2, evidence=[HOSTILE])],
        action_areas=[v.ActionArea(id="a", name=HOSTILE)],
        actions=[v.Action(id="x", area="a", text=HOSTILE, owner=HOSTILE, horizon=v.Horizon.SHORT)],
    )
    vocabulary = Vocabulary()
    for figure in (
        fv.test_moment_chart(valorisation, vocabulary),
        fv.corner_chart(valorisation, vocabulary),
        fv.action_plan_chart(valorisation, vocabulary),
    ):
        assert HOSTILE not in figure_strings(figure)
    assert HOSTILE_ESCAPED in figure_strings(fv.test_moment_chart(valorisation, vocabulary))
