"""Role-map analyses on hand-made maps, the bundled servicemedewerker case, and the role-map figures."""

from __future__ import annotations

import math
from collections.abc import Callable

import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.role_map import (
    BridgeReason,
    RoleMapAnalysis,
    analyse_role_map,
    bridge_persons,
    evenness,
    gaps,
    overloaded,
    shop_floor_profile,
    side_by_side,
    side_shares,
)
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.levels import Level
from hlo_design.model.roles import ActorType, Process, Side, Sticker, Task, task_catalogue
from hlo_design.render.figures.role_map import role_heatmap, side_share_bars
from hlo_design.render.role_map_text import explain
from tests.helpers import HOSTILE, figure_strings

SW, AF, OB = Process.COLLABORATING, Process.ALIGNING, Process.TRAINING_AND_GUIDING


def task(task_id: str, process: Process, location: str | None = None) -> Task:
    return Task.model_validate(
        {"id": task_id, "process": process, "with_students": False, "text_nl": task_id, "text_en": task_id}
        | ({"location": location} if location else {})
    )


def actor(actor_id: str, kind: ActorType) -> Actor:
    return Actor(id=actor_id, name=actor_id.title(), type=kind)


def sticker(actor_id: str, task_id: str, together: bool = False) -> Sticker:
    return Sticker(actor=actor_id, task=task_id, level=Level.OPERATIONAL, together=together)


# A tiny catalogue of four tasks: two collaborating, one aligning, one on the shop floor, one towards it.
TASKS = (
    task("s1", SW),
    task("s2", SW),
    task("a1", AF),
    task("o1", OB, "shop_floor"),
    task("o2", OB, "towards_shop_floor"),
)
TEACHER = actor("teach", ActorType.TEACHER)
SUPERVISOR = actor("sup", ActorType.SUPERVISOR)
LEARNER = actor("learn", ActorType.LEARNER)
ACTORS = (TEACHER, SUPERVISOR, LEARNER)


@pytest.mark.parametrize(
    ("stickers", "expected"),
    [
        ([], ["s1", "s2", "a1", "o1", "o2"]),  # an empty map: every task is a gap
        ([sticker("teach", "s1"), sticker("learn", "a1")], ["s2", "o1", "o2"]),  # learners' stickers count too
        ([sticker("teach", t.id) for t in TASKS], []),  # one actor on everything: no gaps
    ],
)
def test_gaps_are_tasks_without_any_sticker(stickers: list[Sticker], expected: list[str]) -> None:
    """gaps() lists exactly the tasks nobody put a sticker on, in catalogue order."""
    assert [t.id for t in gaps(stickers, TASKS)] == expected


@pytest.mark.parametrize(
    ("stickers", "threshold", "expected"),
    [
        ([sticker("teach", "s1"), sticker("teach", "s2")], 0.4, {"teach": 2}),  # 2/5 = 0.4 is on the threshold
        ([sticker("teach", "s1")], 0.4, {}),  # 1/5 = 0.2 is below
        ([sticker("teach", "s1"), sticker("teach", "s1", together=True)], 0.4, {}),  # two stickers, one role
        ([sticker("teach", "s1"), sticker("sup", "o1")], 0.2, {"teach": 1, "sup": 1}),  # lower threshold
    ],
)
def test_overloaded_counts_roles_against_all_tasks(
    stickers: list[Sticker], threshold: float, expected: dict[str, int]
) -> None:
    """overloaded() flags actors whose distinct tasks reach the threshold share of the whole catalogue."""
    found = overloaded(ACTORS, stickers, TASKS, threshold)
    assert {o.actor.id: o.tasks for o in found} == expected
    assert all(math.isclose(o.share, o.tasks / len(TASKS)) for o in found)


def test_overloaded_lists_the_most_loaded_first() -> None:
    """The actor with the most tasks comes first."""
    stickers = [sticker("sup", "s1"), *(sticker("teach", t.id) for t in TASKS[:3])]
    assert [o.actor.id for o in overloaded(ACTORS, stickers, TASKS, 0.2)] == ["teach", "sup"]


@pytest.mark.parametrize(
    ("stickers", "expected"),
    [
        # two processes, alone: bridge between processes only
        ([sticker("teach", "s1"), sticker("teach", "a1")], {"teach": (BridgeReason.PROCESSES,)}),
        # together with the other side on one task: both are bridges across sides
        (
            [sticker("teach", "s1", together=True), sticker("sup", "s1", together=True)],
            {"teach": (BridgeReason.SIDES,), "sup": (BridgeReason.SIDES,)},
        ),
        # marked together, but nobody of the other side on the task: no bridge
        ([sticker("teach", "s1", together=True)], {}),
        # together with only a learner: learners are not the other side
        ([sticker("teach", "s1", together=True), sticker("learn", "s1")], {}),
        # the supervisor is there but only the teacher marks together: the teacher bridges
        ([sticker("teach", "s1", together=True), sticker("sup", "s1")], {"teach": (BridgeReason.SIDES,)}),
        # both rules for the teacher
        (
            [sticker("teach", "s1", together=True), sticker("teach", "o2"), sticker("sup", "s1")],
            {"teach": (BridgeReason.PROCESSES, BridgeReason.SIDES)},
        ),
        # a learner in three processes is not a bridge person
        ([sticker("learn", "s1"), sticker("learn", "a1"), sticker("learn", "o1")], {}),
    ],
)
def test_bridge_persons_follow_the_documented_rule(
    stickers: list[Sticker], expected: dict[str, tuple[BridgeReason, ...]]
) -> None:
    """bridge_persons() gives every school/work actor that meets a rule, with each reason that holds."""
    assert {b.actor.id: b.reasons for b in bridge_persons(ACTORS, stickers, TASKS)} == expected


def test_bridge_persons_report_their_processes_in_map_order() -> None:
    """The processes of a bridge person come in map order, whatever the sticker order."""
    stickers = [sticker("teach", "o1"), sticker("teach", "s1")]
    (bridge,) = bridge_persons(ACTORS, stickers, TASKS)
    assert bridge.processes == (SW, OB)


@pytest.mark.parametrize(
    ("stickers", "expected"),
    [
        ([sticker("teach", "a1"), sticker("sup", "a1")], ["a1"]),  # both sides, nobody together
        ([sticker("teach", "a1"), sticker("sup", "a1", together=True)], []),  # one together sticker is enough
        ([sticker("teach", "a1"), sticker("learn", "a1")], []),  # a learner is not the work side
        ([sticker("teach", "a1")], []),  # one side only
        ([sticker("teach", "s1"), sticker("sup", "s1"), sticker("sup", "o1")], ["s1"]),  # only shared tasks
    ],
)
def test_side_by_side_is_both_sides_without_together(stickers: list[Sticker], expected: list[str]) -> None:
    """side_by_side() lists tasks done by school and work where nobody marked `together`."""
    assert [t.id for t in side_by_side(ACTORS, stickers, TASKS)] == expected


@pytest.mark.parametrize(
    ("stickers", "expected"),
    [
        ([sticker("teach", "s1"), sticker("teach", "s2")], 0.0),  # all in one process
        ([sticker("teach", "s1"), sticker("teach", "a1"), sticker("teach", "o1")], 1.0),  # one role per process
        ([sticker("teach", "s1"), sticker("teach", "a1")], math.log(2) / math.log(3)),  # two of three, equal
        # 2 + 1 + 1: -(1/2 ln 1/2 + 2 · 1/4 ln 1/4) / ln 3 = 1.5 ln 2 / ln 3
        (
            [sticker("teach", "s1"), sticker("teach", "s2"), sticker("teach", "a1"), sticker("teach", "o1")],
            1.5 * math.log(2) / math.log(3),
        ),
    ],
)
def test_evenness_is_normalised_entropy(stickers: list[Sticker], expected: float) -> None:
    """evenness() is the Shannon entropy of roles per process divided by ln 3."""
    result = evenness(ACTORS, stickers, TASKS)
    assert result.overall is not None
    assert math.isclose(result.overall.evenness, expected, abs_tol=1e-12)
    assert math.isclose(result.by_actor["teach"].evenness, expected, abs_tol=1e-12)


def test_evenness_groups_by_side_type_and_actor() -> None:
    """Groups with roles appear per side, type and actor; groups without roles are left out."""
    stickers = [sticker("teach", "s1"), sticker("sup", "o1"), sticker("sup", "o2")]
    result = evenness(ACTORS, stickers, TASKS)
    assert set(result.by_side) == {Side.SCHOOL, Side.WORK}
    assert set(result.by_type) == {ActorType.TEACHER, ActorType.SUPERVISOR}
    assert set(result.by_actor) == {"teach", "sup"}
    assert result.by_side[Side.WORK].counts == {SW: 0, AF: 0, OB: 2}
    assert result.by_side[Side.WORK].main is OB
    assert result.overall is not None
    assert result.overall.counts == {SW: 1, AF: 0, OB: 2}


def test_evenness_without_stickers_has_no_overall_value() -> None:
    """An empty map has no overall spread rather than a made-up number."""
    assert evenness(ACTORS, [], TASKS).overall is None


_PROCESS_TASKS = st.lists(st.sampled_from([t.id for t in TASKS]), max_size=30)


@given(teacher_tasks=_PROCESS_TASKS, supervisor_tasks=_PROCESS_TASKS)
def test_evenness_stays_between_0_and_1_and_ignores_names(
    teacher_tasks: list[str], supervisor_tasks: list[str]
) -> None:
    """Evenness is in [0, 1] for any map and does not change when actors get other ids."""
    stickers = [sticker("teach", t) for t in teacher_tasks] + [sticker("sup", t) for t in supervisor_tasks]
    renamed_actors = (actor("x-1", ActorType.TEACHER), actor("y_2", ActorType.SUPERVISOR), LEARNER)
    renamed = [s.model_copy(update={"actor": {"teach": "x-1", "sup": "y_2"}[s.actor]}) for s in stickers]
    result = evenness(ACTORS, stickers, TASKS)
    other = evenness(renamed_actors, renamed, TASKS)
    spreads = [*result.by_actor.values(), *result.by_side.values(), *([result.overall] if result.overall else [])]
    assert all(0.0 <= spread.evenness <= 1.0 for spread in spreads)
    assert other.overall == result.overall
    assert other.by_side == result.by_side
    assert [s.evenness for s in other.by_actor.values()] == [s.evenness for s in result.by_actor.values()]


def test_side_shares_count_school_and_work_and_set_learners_apart() -> None:
    """side_shares() gives per process school and work roles; learners are counted apart, not in the shares."""
    stickers = [
        sticker("teach", "s1"),
        sticker("teach", "s1", together=True),  # same role again: counts once
        sticker("sup", "s1"),
        sticker("sup", "s2"),
        sticker("learn", "s2"),
        sticker("sup", "o1"),
    ]
    shares = {s.process: s for s in side_shares(ACTORS, stickers, TASKS)}
    assert list(shares) == [SW, AF, OB]
    assert (shares[SW].school, shares[SW].work, shares[SW].excluded) == (1, 2, 1)
    assert math.isclose(shares[SW].school_share, 1 / 3)
    assert math.isclose(shares[SW].work_share, 2 / 3)
    assert (shares[AF].school_share, shares[AF].work_share) == (0.0, 0.0)  # nobody: both zero
    assert shares[OB].work_share == 1.0


def test_shop_floor_profile_counts_located_roles_per_type() -> None:
    """shop_floor_profile() splits each type's located roles into on and towards the shop floor."""
    stickers = [sticker("teach", "o2"), sticker("teach", "s1"), sticker("sup", "o1"), sticker("sup", "o2")]
    profile = shop_floor_profile(ACTORS, stickers, TASKS)
    assert set(profile) == {ActorType.TEACHER, ActorType.SUPERVISOR}  # s1 has no location
    assert (profile[ActorType.TEACHER].shop_floor, profile[ActorType.TEACHER].towards_shop_floor) == (0, 1)
    assert profile[ActorType.SUPERVISOR].shop_floor_share == 0.5


def test_location_is_only_allowed_on_training_and_guiding_tasks() -> None:
    """A location on a collaborating task is rejected."""
    with pytest.raises(ValueError, match="location is only for"):
        task("bad", SW, "shop_floor")


def test_catalogue_locates_every_training_and_guiding_task() -> None:
    """ob_wv_* tasks are on the shop floor, ob_bb_* towards it, all others have no location."""
    for t in task_catalogue():
        expected = {"ob_wv": "shop_floor", "ob_bb": "towards_shop_floor"}.get(t.id[:5])
        assert t.location == expected, t.id


# ---------------------------------------------------------------- the bundled case


@pytest.fixture(scope="module")
def servicemedewerker() -> RoleMapAnalysis:
    return analyse_role_map(load_case("servicemedewerker"))


def test_servicemedewerker_reproduces_the_civ_findings(servicemedewerker: RoleMapAnalysis) -> None:
    """Supervisors and trainers guide on the shop floor, teachers towards it, work coordinators collaborate."""
    analysis = servicemedewerker
    profile = analysis.shop_floor
    for kind in (ActorType.SUPERVISOR, ActorType.WORKPLACE_TRAINER):
        assert profile[kind].shop_floor_share > 0.5, kind
    for kind in (ActorType.TEACHER, ActorType.INSTRUCTOR):
        assert profile[kind].shop_floor_share < 0.5, kind
    assert analysis.evenness.by_type[ActorType.WORK_COORDINATOR].main is SW


def test_servicemedewerker_teacher_is_on_every_sticker(servicemedewerker: RoleMapAnalysis) -> None:
    """The teacher who 'is on every sticker' is the one overloaded actor and also a bridge person."""
    analysis = servicemedewerker
    assert [o.actor.id for o in analysis.overloaded] == ["docent"]
    bridges = {b.actor.id: b.reasons for b in analysis.bridges}
    assert bridges["brugpersoon"] == (BridgeReason.PROCESSES, BridgeReason.SIDES)
    assert "docent" in bridges
    assert analysis.side_by_side  # "the same task is not always together"


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("nl", ["Overal geplakt: Docent mboRijnland", "Brugpersoon:", "gelijkmatigheid van 0,", "op de werkvloer"]),
        ("en", ["On every sticker: Docent mboRijnland", "Bridge person:", "evenness of 0.", "on the shop floor"]),
    ],
)
def test_explain_gives_sentences_in_the_language(
    servicemedewerker: RoleMapAnalysis, language: str, phrases: list[str]
) -> None:
    """explain() speaks Dutch by default and English on request, one capitalised sentence per finding."""
    sentences = explain(servicemedewerker, Vocabulary(language))
    text = "\n".join(sentences)
    for phrase in phrases:
        assert phrase in text
    assert all(s[0].isupper() and s.endswith(".") for s in sentences)


def test_explain_an_empty_role_map() -> None:
    """A case without stickers says so instead of failing."""
    case = load_case("servicemedewerker").model_copy(update={"role_map": None})
    text = "\n".join(explain(analyse_role_map(case), Vocabulary()))
    assert "Er staan nog geen stickers op de rolkaart." in text
    assert "Er is geen brugpersoon" in text


# ---------------------------------------------------------------- figures


def test_every_catalogue_task_has_a_short_label() -> None:
    """The heatmap can label every task of the catalogue in both languages."""
    for language in ("nl", "en"):
        vocabulary = Vocabulary(language)
        for t in task_catalogue():
            assert vocabulary(f"rolemap.task.{t.id}")


def test_heatmap_shows_actors_processes_and_cells() -> None:
    """Every actor is a row, the three processes label the columns, together cells differ from plain ones."""
    case = load_case("servicemedewerker")
    figure = role_heatmap(case)
    (heatmap,) = figure.data
    assert len(heatmap.y) == len(case.actors)
    assert any(label.startswith("Docent mboRijnland<br>") for label in heatmap.y)
    annotations = " ".join(a.text for a in figure.layout.annotations)
    for name in ("samenwerken", "afstemmen", "opleiden en begeleiden", "op de werkvloer"):
        assert name in annotations
    row = next(i for i, label in enumerate(heatmap.y) if label.startswith("Docent mboRijnland"))
    column = [t.id for t in task_catalogue()].index("sw_visie_doelen")
    assert heatmap.z[row][column] == 2  # docent does sw_visie_doelen together
    assert heatmap.z[row][column + 1] == 0  # but not sw_afspraken
    assert figure.layout.font.size >= 14


def test_side_share_bars_show_each_process_and_both_sides() -> None:
    """Two stacked traces (school, work) over the three processes, shares adding up to 1."""
    figure = side_share_bars(load_case("servicemedewerker"))
    school, work = figure.data
    assert list(school.y) == ["opleiden en begeleiden", "afstemmen", "samenwerken"]
    assert school.name.startswith("school")
    assert work.name.startswith("werkveld")
    assert all(math.isclose(a + b, 1.0) for a, b in zip(school.x, work.x, strict=True))
    assert school.marker.pattern.shape != work.marker.pattern.shape


@pytest.mark.parametrize("draw", [role_heatmap, side_share_bars])
def test_figures_escape_hostile_case_text(draw: Callable[[Case], go.Figure]) -> None:
    """Actor and case names from case files are escaped before they reach plotly."""
    case = load_case("servicemedewerker")
    hostile = case.model_copy(
        update={"name": HOSTILE, "actors": [a.model_copy(update={"name": HOSTILE}) for a in case.actors]}
    )
    figure = draw(hostile)
    strings = figure_strings(figure)
    assert "<img" not in strings
    assert "&lt;img" in strings
