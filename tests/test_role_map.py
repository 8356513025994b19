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
    concentration,
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
from hlo_design.render.role_map_text import explain, role_map_html
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
        ([sticker("teach", "s1"), sticker("teach", "s2"), sticker("sup", "o1")], 0.6, {"teach": 2}),  # 2 of 3 done
        ([sticker("teach", "s1"), sticker("sup", "o1"), sticker("sup", "o2")], 0.5, {"sup": 2}),  # 1 of 3 is below
        ([sticker("teach", "s1"), sticker("teach", "s1", together=True), sticker("sup", "o1")], 0.6, {}),  # one role
        ([sticker("teach", "s1"), sticker("sup", "o1")], 0.5, {"teach": 1, "sup": 1}),  # each on half of what is done
        ([], 0.4, {}),  # nothing done, nobody overloaded
    ],
)
def test_overloaded_counts_roles_against_the_tasks_done(
    stickers: list[Sticker], threshold: float, expected: dict[str, int]
) -> None:
    """overloaded() flags actors whose distinct tasks reach the threshold share of the tasks anyone does."""
    found = overloaded(ACTORS, stickers, TASKS, threshold)
    done = len({s.task for s in stickers})
    assert {o.actor.id: o.tasks for o in found} == expected
    assert all(o.done == done and math.isclose(o.share, o.tasks / done) for o in found)


def test_overloaded_lists_the_most_loaded_first() -> None:
    """The actor with the most tasks comes first."""
    stickers = [sticker("sup", "s1"), sticker("sup", "o1"), *(sticker("teach", t.id) for t in TASKS[:3])]
    assert [o.actor.id for o in overloaded(ACTORS, stickers, TASKS, 0.2)] == ["teach", "sup"]


def test_overloaded_names_the_processes_that_run_through_them() -> None:
    """Per process, the share of the tasks done there decides where things run through the actor."""
    stickers = [sticker("teach", "s1"), sticker("teach", "s2"), sticker("teach", "o1"), sticker("sup", "o2")]
    (overload,) = overloaded(ACTORS, stickers, TASKS, 0.6)
    assert overload.processes == (SW,)  # both collaborating tasks; one of two training tasks is only 50 %


# The CIV practice situation (Grenswerken article, recommendations, seeds/001): of the school, only the
# teacher comes to the company regularly, so the teacher becomes the contact point for everything. Here a
# first meeting filled in six tasks: the teacher is on five of them, a supervisor only on the shop floor.
CIV_TEACHER = actor("docent", ActorType.TEACHER)
CIV_SUPERVISOR = actor("werkbegeleider", ActorType.SUPERVISOR)
CIV_TRAINER = actor("praktijkopleider", ActorType.WORKPLACE_TRAINER)
CIV_COORDINATOR = actor("coordinator", ActorType.WORK_COORDINATOR)
CIV_ACTORS = (CIV_TEACHER, CIV_SUPERVISOR, CIV_TRAINER, CIV_COORDINATOR)
CIV_SPARSE = [
    *(sticker("docent", t) for t in ("sw_afspraken", "af_rooster", "af_driegesprek", "af_beoordelen", "ob_bb_les")),
    sticker("werkbegeleider", "ob_wv_instructie"),
]


def _dense(teacher_tasks: int) -> list[Sticker]:
    """Every catalogue task taken by a work-side actor, the teacher on the first ``teacher_tasks`` of them."""
    catalogue = task_catalogue()
    work = {SW: "coordinator", AF: "praktijkopleider", OB: "werkbegeleider"}
    return [
        *(sticker(work[t.process], t.id) for t in catalogue),
        *(sticker("docent", t.id) for t in catalogue[:teacher_tasks]),
    ]


@pytest.mark.parametrize(
    ("stickers", "flagged"),
    [
        (CIV_SPARSE, ["docent"]),  # 5 of the 6 tasks done: 5/25 of the catalogue was never flagged before
        (_dense(20), ["docent"]),  # a full map, the teacher on 20 of 25
        (_dense(4), []),  # a full map with a healthy spread: nobody on 40 % of what is done
        (
            [sticker(a.id, t.id) for a, t in zip(CIV_ACTORS * 2, task_catalogue()[:8], strict=True)],
            [],
        ),  # a sparse map, each on two of eight tasks
    ],
)
def test_the_person_everything_runs_through_is_flagged_in_sparse_and_dense_maps(
    stickers: list[Sticker], flagged: list[str]
) -> None:
    """Overload is judged against the tasks done here, so the CIV finding shows however full the map is."""
    found = overloaded(CIV_ACTORS, stickers, task_catalogue(), 0.4)
    assert [o.actor.id for o in found] == flagged


@pytest.mark.parametrize(
    ("stickers", "expected"),
    [
        # two processes, alone: not a bridge (being busy is not connecting school and work)
        ([sticker("teach", "s1"), sticker("teach", "a1")], {}),
        # together with the other side on one task: both are bridges
        (
            [sticker("teach", "s1", together=True), sticker("sup", "s1", together=True)],
            {"teach": (BridgeReason.TOGETHER,), "sup": (BridgeReason.TOGETHER,)},
        ),
        # marked together, but nobody of the other side on the task: no bridge
        ([sticker("teach", "s1", together=True)], {}),
        # together with only a learner: learners are not the other side
        ([sticker("teach", "s1", together=True), sticker("learn", "s1")], {}),
        # the supervisor is there but only the teacher marks together: the teacher bridges
        ([sticker("teach", "s1", together=True), sticker("sup", "s1")], {"teach": (BridgeReason.TOGETHER,)}),
        # guiding on the shop floor and towards it: works in both places
        ([sticker("sup", "o1"), sticker("sup", "o2")], {"sup": (BridgeReason.BOTH_PLACES,)}),
        # both rules for the teacher
        (
            [
                sticker("teach", "s1", together=True),
                sticker("teach", "o1"),
                sticker("teach", "o2"),
                sticker("sup", "s1"),
            ],
            {"teach": (BridgeReason.TOGETHER, BridgeReason.BOTH_PLACES)},
        ),
        # a learner in three processes is not a bridge person
        ([sticker("learn", "s1"), sticker("learn", "a1"), sticker("learn", "o1")], {}),
    ],
)
def test_bridge_persons_connect_school_and_work(
    stickers: list[Sticker], expected: dict[str, tuple[BridgeReason, ...]]
) -> None:
    """bridge_persons() gives every school/work actor that connects the sides, with each reason that holds."""
    assert {b.actor.id: b.reasons for b in bridge_persons(ACTORS, stickers, TASKS)} == expected


def test_a_workplace_trainer_with_one_aligning_sticker_is_no_bridge() -> None:
    """Shop-floor work plus one aligning sticker, never with the school: the old rule made this a bridge."""
    trainer = actor("trainer", ActorType.WORKPLACE_TRAINER)
    stickers = [sticker("trainer", "o1"), sticker("trainer", "a1"), sticker("teach", "a1")]
    assert bridge_persons((*ACTORS, trainer), stickers, TASKS) == ()


def test_bridge_persons_report_their_processes_in_map_order() -> None:
    """The processes of a bridge person come in map order, whatever the sticker order."""
    stickers = [sticker("teach", "o1", together=True), sticker("sup", "o1"), sticker("teach", "s1")]
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


def test_concentration_is_the_busiest_actors_share_per_part() -> None:
    """Overall, per process and per side: the busiest actor and their share of the tasks done in that part."""
    stickers = [sticker("teach", "s1"), sticker("teach", "s2"), sticker("sup", "s1"), sticker("sup", "o1")]
    result = concentration(ACTORS, stickers, TASKS)
    assert result.overall is not None
    assert (result.overall.actor.id, result.overall.tasks, result.overall.done) == ("teach", 2, 3)
    assert {p: (b.actor.id, b.share) for p, b in result.by_process.items()} == {SW: ("teach", 1.0), OB: ("sup", 1.0)}
    assert {s: (b.actor.id, b.tasks, b.done) for s, b in result.by_side.items()} == {
        Side.SCHOOL: ("teach", 2, 2),
        Side.WORK: ("sup", 2, 2),
    }


def test_concentration_without_stickers_has_no_overall_value() -> None:
    """An empty map has no overall concentration rather than a made-up number."""
    result = concentration(ACTORS, [], TASKS)
    assert (result.overall, dict(result.by_process), dict(result.by_side)) == (None, {}, {})


_PROCESS_TASKS = st.lists(st.sampled_from([t.id for t in TASKS]), max_size=30)


@given(teacher_tasks=_PROCESS_TASKS, supervisor_tasks=_PROCESS_TASKS)
def test_concentration_stays_between_0_and_1_and_ignores_names(
    teacher_tasks: list[str], supervisor_tasks: list[str]
) -> None:
    """Every share is in (0, 1] and renaming actors changes no share."""
    stickers = [sticker("teach", t) for t in teacher_tasks] + [sticker("sup", t) for t in supervisor_tasks]
    renamed_actors = (actor("x-1", ActorType.TEACHER), actor("y_2", ActorType.SUPERVISOR), LEARNER)
    renamed = [s.model_copy(update={"actor": {"teach": "x-1", "sup": "y_2"}[s.actor]}) for s in stickers]
    result = concentration(ACTORS, stickers, TASKS)
    other = concentration(renamed_actors, renamed, TASKS)
    parts = [*result.by_process.values(), *result.by_side.values(), *([result.overall] if result.overall else [])]
    assert all(0.0 < part.share <= 1.0 for part in parts)
    assert [b.share for b in other.by_process.values()] == [b.share for b in result.by_process.values()]
    assert (other.overall.share if other.overall else None) == (result.overall.share if result.overall else None)


def test_concentration_separates_the_example_cases() -> None:
    """The overloaded CIV case and the spread-out energy case lie far apart (entropy gave 0.97–1.00 for all)."""
    shares = {
        case_id: analyse_role_map(load_case(case_id)).concentration.overall
        for case_id in ("servicemedewerker", "energietransitie")
    }
    assert all(share is not None for share in shares.values())
    assert shares["servicemedewerker"].share - shares["energietransitie"].share > 0.3  # type: ignore[union-attr]


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
    coordinators = [a.id for a in load_case("servicemedewerker").actors if a.type is ActorType.WORK_COORDINATOR]
    assert analysis.concentration.by_process[SW].actor.id in {"docent", *coordinators}


def test_servicemedewerker_teacher_is_on_every_sticker(servicemedewerker: RoleMapAnalysis) -> None:
    """The teacher who 'is on every sticker' is the one overloaded actor; the bridge person connects the sides."""
    analysis = servicemedewerker
    assert [o.actor.id for o in analysis.overloaded] == ["docent"]
    bridges = {b.actor.id: b.reasons for b in analysis.bridges}
    assert bridges["brugpersoon"] == (BridgeReason.TOGETHER, BridgeReason.BOTH_PLACES)
    assert "docent" in bridges
    assert analysis.side_by_side  # "the same task is not always together"


@pytest.mark.parametrize(
    ("language", "headlines", "details"),
    [
        (
            "nl",
            [
                "Niemand doet 1 van de 25 taken",
                "Veel loopt via Docent mboRijnland",
                "Naast elkaar in plaats van samen",
            ],
            ["Een brugpersoon verbindt school en werk", "Brugpersoon: Leercoördinator", "op de werkvloer"],
        ),
        (
            "en",
            ["Nobody does 1 of the 25 tasks", "Much runs through Docent mboRijnland", "Side by side instead"],
            ["A bridge person connects school and work", "Bridge person: Leercoördinator", "on the shop floor"],
        ),
    ],
)
def test_explain_leads_with_the_three_findings_that_matter(
    servicemedewerker: RoleMapAnalysis, language: str, headlines: list[str], details: list[str]
) -> None:
    """Gaps, the person everything runs through and side-by-side come first; the rest are details."""
    text = explain(servicemedewerker, Vocabulary(language))
    assert len(text.headlines) == 3
    for headline, phrase in zip(text.headlines, headlines, strict=True):
        assert headline.startswith(phrase)
    for phrase in details:
        assert any(phrase in line for line in text.details), phrase
    assert all(s[0].isupper() and s.endswith(".") for s in [*text.headlines, *text.details])


def test_role_map_html_puts_the_details_behind_a_toggle_and_escapes() -> None:
    """The report shows the headlines open and the details in <details>; participant text is escaped."""
    case = load_case("servicemedewerker")
    hostile = case.model_copy(update={"actors": [a.model_copy(update={"name": HOSTILE}) for a in case.actors]})
    html = str(role_map_html(explain(analyse_role_map(hostile), Vocabulary()), Vocabulary()))
    assert (
        html.index("Veel loopt via") < html.index("<details><summary>Meer over de rollen") < html.index("Brugpersoon")
    )
    assert HOSTILE not in html


def test_explain_an_empty_role_map() -> None:
    """A case without stickers says so, and nothing else, instead of failing."""
    case = load_case("servicemedewerker").model_copy(update={"role_map": None})
    text = explain(analyse_role_map(case), Vocabulary())
    assert text.headlines == ["Er staan nog geen stickers op de rolkaart."]
    assert text.details == []


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
