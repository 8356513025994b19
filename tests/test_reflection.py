"""The reflectieweb: validation, score table, rater disagreement, self vs others, the radar and the editor."""

from __future__ import annotations

import html
import math
from itertools import permutations
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.reflection_scores import disagreements, score_table, self_vs_others, spread
from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.reflection import Criterion, Rater, ReflectionWeb
from hlo_design.render.figures.reflection import RATER_STYLES, criterion_label, radar
from hlo_design.ui.reflection_editor import NOT_RATED, ReflectionWebEditor
from tests.helpers import HOSTILE, MINIMAL_CASE, figure_strings

L, T, M = Rater.LEARNER, Rater.TEACHER, Rater.MENTOR


def make_web(scores: dict[str, dict[Rater, int]], scale_max: int = 5, **extra: Any) -> ReflectionWeb:
    """A web with one criterion per key of ``scores`` (text = id) and the given ratings."""
    return ReflectionWeb(
        id="web",
        title="Gesprek",
        interaction="Gesprek met een bewoner",
        scale_max=scale_max,
        criteria=[Criterion(id=c, text=f"criterium {c}") for c in scores],
        ratings=[{"criterion": c, "rater": r, "score": s} for c, by in scores.items() for r, s in by.items()],
        **extra,
    )


# ---------------------------------------------------------------- score table, spread, disagreements


def test_score_table_is_criteria_by_raters_with_nan_where_unrated() -> None:
    """Rows follow the criteria, columns the three raters; an open rating is NaN, not 0."""
    table = score_table(make_web({"a": {L: 4, T: 2}, "b": {M: 5}}))
    assert list(table.index) == ["a", "b"]
    assert list(table.columns) == [L, T, M]
    assert table.loc["a", L] == 4
    assert table.loc["a", T] == 2
    assert table.loc["b", M] == 5
    assert math.isnan(table.loc["a", M])
    assert math.isnan(table.loc["b", L])


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({L: 4, T: 2, M: 3}, 2),  # max 4 − min 2
        ({L: 3, T: 3, M: 3}, 0),  # all agree
        ({L: 1, M: 5}, 4),  # teacher did not rate; the two others span the whole 1..5 scale
        ({L: 5}, None),  # one rating: nothing to compare (NaN)
        ({}, None),  # nobody rated
    ],
)
def test_spread_is_max_minus_min_of_the_given_scores(scores: dict[Rater, int], expected: int | None) -> None:
    """The spread of a criterion is highest minus lowest score, NaN with fewer than two ratings."""
    value = spread(make_web({"a": scores}))["a"]
    assert (math.isnan(value) and expected is None) or value == expected


def test_disagreements_lists_the_largest_spreads_first_with_their_scores() -> None:
    """Largest spread first; equal spreads keep criterion order; agreement and single ratings are left out."""
    web = make_web(
        {
            "a": {L: 3, T: 3, M: 3},  # spread 0: not a disagreement
            "b": {L: 4, T: 2},  # spread 2
            "c": {L: 1, T: 5, M: 3},  # spread 4: first
            "d": {L: 2, M: 4},  # spread 2, after b (criterion order)
            "e": {M: 1},  # one rating
        }
    )
    found = disagreements(web, n=5)
    assert [(d.criterion.id, d.spread) for d in found] == [("c", 4), ("b", 2), ("d", 2)]
    assert found[0].scores == {L: 1, T: 5, M: 3}
    assert found[1].scores == {L: 4, T: 2}


@pytest.mark.parametrize(("n", "expected"), [(0, []), (1, ["c"]), (2, ["c", "b"]), (10, ["c", "b", "d"])])
def test_disagreements_keeps_at_most_n(n: int, expected: list[str]) -> None:
    """``n`` caps the list; asking for more than there are returns all of them."""
    web = make_web({"b": {L: 4, T: 2}, "c": {L: 1, T: 5}, "d": {L: 2, M: 4}})
    assert [d.criterion.id for d in disagreements(web, n=n)] == expected


def test_disagreements_refuses_a_negative_n() -> None:
    """A negative count is a programming error, not an empty list."""
    with pytest.raises(ValueError, match="n must be 0 or more"):
        disagreements(make_web({"a": {L: 1, T: 2}}), n=-1)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({L: 5, T: 3, M: 2}, 2.5),  # 5 − mean(3, 2): the learner rates themself higher
        ({L: 2, T: 4, M: 4}, -2.0),  # the learner underrates themself
        ({L: 3, M: 4}, -1.0),  # only the mentor rated: 3 − 4
        ({T: 3, M: 4}, None),  # no self-rating
        ({L: 3}, None),  # nobody else rated
    ],
)
def test_self_vs_others_is_learner_minus_mean_of_teacher_and_mentor(
    scores: dict[Rater, int], expected: float | None
) -> None:
    """Positive when the learner is more positive than teacher and mentor, NaN when a side is missing."""
    value = self_vs_others(make_web({"a": scores}))["a"]
    assert (math.isnan(value) and expected is None) or value == pytest.approx(expected)


# ---------------------------------------------------------------- properties

SCALES = st.integers(min_value=2, max_value=10)


@st.composite
def webs(draw: st.DrawFn) -> ReflectionWeb:
    scale_max = draw(SCALES)
    count = draw(st.integers(min_value=0, max_value=6))
    score = st.integers(min_value=1, max_value=scale_max)
    scores = {f"c{i}": draw(st.dictionaries(st.sampled_from(list(Rater)), score, max_size=3)) for i in range(count)}
    return make_web(scores, scale_max=scale_max)


@given(webs())
def test_spread_stays_within_the_scale(web: ReflectionWeb) -> None:
    """Any spread lies in 0..scale_max − 1, and a listed disagreement is at least 1."""
    values = spread(web).dropna()
    assert ((values >= 0) & (values <= web.scale_max - 1)).all()
    assert all(1 <= d.spread <= web.scale_max - 1 for d in disagreements(web, n=10))


@given(SCALES.flatmap(lambda m: st.tuples(st.just(m), st.integers(1, m))), st.integers(2, 3))
def test_spread_is_zero_when_all_raters_agree(scale_and_score: tuple[int, int], raters: int) -> None:
    """Two or three raters giving the same score never disagree."""
    scale_max, score = scale_and_score
    web = make_web({"a": dict.fromkeys(list(Rater)[:raters], score)}, scale_max=scale_max)
    assert spread(web)["a"] == 0
    assert disagreements(web) == []


@given(webs(), st.sampled_from(list(permutations(Rater))), st.randoms())
def test_disagreement_is_invariant_under_rater_order(web: ReflectionWeb, order: tuple[Rater, ...], rnd: Any) -> None:
    """Swapping who gave which score, or listing ratings in another order, changes no spread."""
    swap = dict(zip(Rater, order, strict=True))
    ratings = [r.model_dump() | {"rater": swap[r.rater]} for r in web.ratings]
    rnd.shuffle(ratings)
    swapped = ReflectionWeb.model_validate(web.model_dump() | {"ratings": ratings})
    pd.testing.assert_series_equal(spread(web), spread(swapped))
    assert [(d.criterion.id, d.spread) for d in disagreements(web, 10)] == [
        (d.criterion.id, d.spread) for d in disagreements(swapped, 10)
    ]


# ---------------------------------------------------------------- validation in case files

WEB_YAML = """\
reflection_webs:
  - id: gesprek
    title: Gesprek
    interaction: Gesprek met een bewoner
    scale_max: {scale_max}
    criteria:
      - {{id: luisteren, text: Ik luister}}
    ratings:
{ratings}"""


def case_with_web(ratings: str, scale_max: int = 5) -> bytes:
    return (MINIMAL_CASE + WEB_YAML.format(scale_max=scale_max, ratings=ratings)).encode()


def line_of(raw: bytes, text: str) -> int:
    return raw.decode().splitlines().index(text) + 1


@pytest.mark.parametrize(
    ("ratings", "scale_max", "field", "message"),
    [
        # a rating for a criterion nobody set
        ("      - {criterion: tempo, rater: learner, score: 3}\n", 5, "reflection_webs[0]", "ratings[0].criterion: 'tempo' is not one of the criteria (luisteren)"),
        # the mentor rated twice
        ("      - {criterion: luisteren, rater: mentor, score: 3}\n      - {criterion: luisteren, rater: mentor, score: 4}\n", 5, "reflection_webs[0]", "keep one rating per criterion and rater"),
        # 5 on a 1..4 scale
        ("      - {criterion: luisteren, rater: teacher, score: 5}\n", 4, "reflection_webs[0]", "ratings[0].score: must be between 1 and scale_max 4 (got 5)"),
        # zero is below every scale: caught on the rating itself
        ("      - {criterion: luisteren, rater: teacher, score: 0}\n", 5, "reflection_webs[0].ratings[0].score", "greater than or equal to 1"),
        # a rater that does not exist
        ("      - {criterion: luisteren, rater: coach, score: 3}\n", 5, "reflection_webs[0].ratings[0].rater", "'learner', 'teacher' or 'mentor'"),
        # a scale of one step cannot show a difference
        ("      []\n", 1, "reflection_webs[0].scale_max", "greater than or equal to 2"),
    ],
)  # fmt: skip
def test_invalid_web_names_file_line_and_field(ratings: str, scale_max: int, field: str, message: str) -> None:
    """Each invalid web is reported as ``file:line field: message``, not as a traceback."""
    raw = case_with_web(ratings, scale_max)
    with pytest.raises(CaseFileError) as caught:
        parse_case(raw, "demo.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "demo.yaml"
    assert problem.field == field
    assert message in problem.message
    assert problem.line is not None
    assert problem.line >= line_of(raw, "reflection_webs:")
    assert str(problem).startswith(f"demo.yaml:{problem.line} {field}: ")


def test_duplicate_web_ids_are_refused_with_the_line() -> None:
    """Two webs with one id would be ambiguous in the editor and the report."""
    web = "  - {id: gesprek, title: A, interaction: B}\n"
    raw = (MINIMAL_CASE + "reflection_webs:\n" + web + web).encode()
    with pytest.raises(CaseFileError, match=r"demo.yaml:\d+ reflection_webs: id 'gesprek' is used more than once"):
        parse_case(raw, "demo.yaml")


def test_duplicate_criterion_ids_are_refused() -> None:
    """Ratings point at criteria by id, so an id may appear once per web."""
    with pytest.raises(ValueError, match=r"criteria\[1\].id: 'a' is used more than once"):
        ReflectionWeb(id="w", title="t", interaction="i", criteria=[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])


def test_valid_web_in_a_case_file_loads() -> None:
    """A correct web parses with its ratings and default scale of 5."""
    case = parse_case(case_with_web("      - {criterion: luisteren, rater: learner, score: 5}\n"), "demo.yaml")
    assert case.reflection_webs[0].score("luisteren", L) == 5
    assert case.reflection_webs[0].score("luisteren", T) is None


# ---------------------------------------------------------------- the radar


def hostile_web() -> ReflectionWeb:
    web = make_web({"a": {L: 4, T: 2, M: 3}, "b": {L: 2, T: 5}})
    return web.model_copy(update={"title": HOSTILE, "criteria": [Criterion(id="a", text=HOSTILE), web.criteria[1]]})


def test_radar_draws_one_closed_line_per_rater() -> None:
    """Three traces in rater order, each closed back onto its first criterion, gaps where unrated."""
    figure = radar(make_web({"a": {L: 4, T: 2, M: 3}, "b": {L: 2, T: 5}}), Vocabulary("nl", "NL"))
    assert [t.name for t in figure.data] == ["student", "docent", "werkbegeleider"]
    assert list(figure.data[0].r) == [4, 2, 4]
    assert list(figure.data[2].r) == [3, None, 3]
    assert figure.data[0].theta[0] == figure.data[0].theta[-1] == "1. criterium a"


@pytest.mark.parametrize(
    ("region", "names"),
    [
        ("NL", ["student", "docent", "werkbegeleider"]),  # the Netherlands
        ("VL", ["leerling", "leerkracht", "mentor"]),  # Flanders
    ],
)
def test_radar_legend_speaks_the_region(region: str, names: list[str]) -> None:
    """The legend uses the region's words for learner, teacher and mentor."""
    assert [t.name for t in radar(make_web({"a": {L: 1}}), Vocabulary("nl", region)).data] == names


def test_radar_works_without_colour_and_on_a_projector() -> None:
    """Each rater differs in colour, dash and symbol; fonts are at least 14; the radial axis spans 0..scale_max."""
    figure = radar(make_web({"a": {L: 1}}, scale_max=7), Vocabulary())
    for key in ("color", "dash", "symbol"):
        assert len({style[key] for style in RATER_STYLES.values()}) == 3
    assert [t.line.dash for t in figure.data] == ["solid", "dash", "dot"]
    assert list(figure.layout.polar.radialaxis.range) == [0, 7]
    assert figure.layout.font.size >= 14
    assert figure.layout.polar.angularaxis.tickfont.size >= 14
    assert figure.layout.polar.radialaxis.tickfont.size >= 14


def test_radar_escapes_criterion_and_title_text() -> None:
    """Participant text reaches plotly only escaped, in axes, hover and title."""
    figure = radar(hostile_web(), Vocabulary())
    assert HOSTILE not in figure_strings(figure)
    assert "&lt;img" in figure.data[0].theta[0]
    assert "&lt;img" in figure.data[0].hovertext[0]
    assert "&lt;img" in figure.layout.title.text


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("kort", ["1. kort"]),  # fits on one line
        ("Ik stel open vragen over wat de bewoner belangrijk vindt", ["1. Ik stel open vragen", "over wat de bewoner", "belangrijk vindt"]),  # wrapped at 22
        ("a " * 60, None),  # very long: cut to three lines with an ellipsis
    ],
)  # fmt: skip
def test_criterion_label_wraps_and_numbers(text: str, lines: list[str] | None) -> None:
    """Axis labels carry the criterion number and wrap to at most three lines."""
    label = criterion_label(1, text)
    if lines is not None:
        assert label.split("<br>") == lines
    else:
        assert len(label.split("<br>")) == 3
        assert label.endswith("…")


# ---------------------------------------------------------------- the editor widget


def test_editor_rating_updates_radar_web_and_callback() -> None:
    """Clicking a score validates it, redraws the radar, updates ``.web`` and calls ``on_change``."""
    seen: list[ReflectionWeb] = []
    editor = ReflectionWebEditor(make_web({"a": {L: 4, T: 2}, "b": {L: 2}}), Vocabulary(), on_change=seen.append)
    before = list(editor.radar.figure.data[2].r)
    editor.controls[("b", M)].value = 5
    assert list(editor.radar.figure.data[2].r) != before
    assert list(editor.radar.figure.data[2].r) == [None, 5, None]
    assert editor.web.score("b", M) == 5
    assert seen
    assert seen[-1] == editor.web


def test_editor_clearing_a_rating_removes_it() -> None:
    """The '–' choice means: this rater did not score the criterion."""
    editor = ReflectionWebEditor(make_web({"a": {L: 4, T: 2}}), Vocabulary())
    editor.controls[("a", T)].value = NOT_RATED
    assert editor.web.score("a", T) is None
    assert "a" not in [d.criterion.id for d in disagreements(editor.web)]


def test_editor_refuses_a_score_off_the_scale_and_keeps_the_web() -> None:
    """A score the model refuses leaves the web unchanged and shows a message, not a traceback."""
    editor = ReflectionWebEditor(make_web({"a": {L: 4}}, scale_max=4), Vocabulary())
    assert not editor.rate("a", L, 6)
    assert editor.web.score("a", L) == 4
    assert "scale_max 4" in editor.status.text


def test_editor_controls_carry_a_css_class_per_criterion_and_rater() -> None:
    """Browser tests find a rating control by ``hlo-rating-<criterion>-<rater>``."""
    editor = ReflectionWebEditor(make_web({"a": {L: 4}}), Vocabulary())
    assert "hlo-rating-a-mentor" in editor.controls[("a", M)]._dom_classes
    assert editor.controls[("a", L)].value == 4
    assert editor.controls[("a", T)].value == NOT_RATED


def test_editor_adds_a_criterion_with_a_new_row_and_axis() -> None:
    """A new criterion gets an id, a row of controls and an axis on the radar."""
    editor = ReflectionWebEditor(make_web({"a": {L: 4}}), Vocabulary())
    added = editor.add_criterion("  Ik sluit vriendelijk af ")
    assert added is not None
    assert added.text == "Ik sluit vriendelijk af"
    assert [c.id for c in editor.web.criteria] == ["a", added.id]
    assert (added.id, T) in editor.controls
    assert len(editor.radar.figure.data[0].theta) == 3  # two axes, closed


def test_editor_refuses_an_empty_criterion() -> None:
    """An empty criterion text is refused by the model and reported."""
    editor = ReflectionWebEditor(make_web({"a": {L: 4}}), Vocabulary())
    assert editor.add_criterion("   ") is None
    assert len(editor.web.criteria) == 1
    assert "criteria" in editor.status.text


def test_editor_action_points_are_one_per_line() -> None:
    """Blank lines in the text area are dropped; each other line is an action point."""
    editor = ReflectionWebEditor(make_web({"a": {L: 4}}), Vocabulary())
    editor.action_points.value = "Trager praten\n\n  Open vragen voorbereiden  \n"
    assert editor.web.action_points == ["Trager praten", "Open vragen voorbereiden"]


def test_editor_shows_hostile_criterion_text_escaped() -> None:
    """A criterion typed as HTML is shown as text in the rows, the disagreement list and the radar."""
    editor = ReflectionWebEditor(hostile_web(), Vocabulary())
    added = editor.add_criterion(HOSTILE)
    assert added is not None
    editor.rate(added.id, L, 1)
    editor.rate(added.id, M, 5)
    html_values = [editor.disagreement_list.value, editor.status.text] + [
        child.value for row in editor.rows.children for child in getattr(row, "children", ()) if hasattr(child, "value") and isinstance(child.value, str)
    ]  # fmt: skip
    joined = "".join(html_values)
    assert "<img" not in joined
    assert html.escape(HOSTILE) in editor.disagreement_list.value
    assert joined.count("&lt;img") >= 3  # two rows, the disagreement list (and the status line)
    assert all("<img" not in str(theta) for trace in editor.radar.figure.data for theta in trace.theta)


# ---------------------------------------------------------------- bundled cases


def test_zorg_reflectieweb_has_clear_disagreements_and_action_points() -> None:
    """The bundled Zorg web: three raters, at least two criteria apart by 2 or more, 2–3 action points."""
    web = load_case("zorg").reflection_webs[0]
    assert {r.rater for r in web.ratings} == set(Rater)
    assert sum(d.spread >= 2 for d in disagreements(web, n=10)) >= 2
    assert 2 <= len(web.action_points) <= 3
    assert web.illustrative


def test_zorg_radar_renders_with_flemish_words() -> None:
    """The Zorg case is Flemish: leerling, leerkracht, mentor."""
    case = load_case("zorg")
    figure = radar(case.reflection_webs[0], Vocabulary("nl", case.region))
    assert [t.name for t in figure.data] == ["leerling", "leerkracht", "mentor"]
    assert len(figure.data[0].r) == len(case.reflection_webs[0].criteria) + 1


@pytest.mark.parametrize(("language", "region"), [("nl", "NL"), ("nl", "VL"), ("en", "NL"), ("en", "VL")])
def test_every_rater_has_a_label(language: str, region: str) -> None:
    """Each rater reads as the region's word in each language."""
    vocabulary = Vocabulary(language, region)
    labels = [vocabulary.label(rater) for rater in Rater]
    assert all(label.strip() for label in labels)
    assert len(set(labels)) == 3
