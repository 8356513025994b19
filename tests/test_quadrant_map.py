"""The quadrant map figure: quadrant names on the map, markers sized by hours, participant text escaped."""

from __future__ import annotations

import pytest
from markupsafe import escape

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.render.figures import quadrant_map
from hlo_design.render.figures.theme import OKABE_ITO, contrast, readable_on
from hlo_design.render.map_legend import map_legend_html
from tests.helpers import EXAMPLE_CASES, HOSTILE, HOSTILE_ESCAPED, figure_strings


def _annotation_texts(figure: object) -> str:
    return " ".join(a.text for a in figure.layout.annotations)  # type: ignore[attr-defined]


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_map_names_and_numbers_the_quadrants(case_id: str) -> None:
    """All four quadrant names and numbers are on the plot, in Dutch."""
    figure = quadrant_map(load_case(case_id))
    texts = _annotation_texts(figure).replace("<br>", " ")
    for number, name in [
        (1, "Aanleren van kennis en vaardigheden"),
        (2, "Ontwikkelen van kritisch, reflectief werkgedrag"),
        (3, "Toepassen in échte werkpraktijk"),
        (4, "Oefenen in up-to-date, veilige omgeving"),
    ]:
        assert f"<b>{number}</b>  {name}" in texts
    assert "Leercontext" in figure.layout.xaxis.title.text
    assert "Leervorm" in figure.layout.yaxis.title.text


def test_map_in_english() -> None:
    figure = quadrant_map(load_case("zorg"), Vocabulary("en"))
    assert "Applying in real" in _annotation_texts(figure)


def test_markers_grow_with_hours_and_use_the_safe_palette() -> None:
    case = load_case("servicemedewerker")
    figure = quadrant_map(case)
    activity_traces = [t for t in figure.data if t.customdata is not None]
    hours = {a.id: a.hours_per_week for a in case.activities}
    for trace in activity_traces:
        assert trace.marker.color in OKABE_ITO
        pairs = sorted(zip((hours[i] for i in trace.customdata), trace.marker.size, strict=True))
        assert [size for _, size in pairs] == sorted(size for _, size in pairs)
    assert sum(len(t.customdata) for t in activity_traces) == len(case.activities)


def test_findings_are_numbered_markers_and_model_findings_are_listed() -> None:
    case = load_case("zorg")
    figure = quadrant_map(case)
    findings_trace = next(t for t in figure.data if t.name == "Bevindingen")
    placed = [f for f in case.findings if not f.place.is_model]
    assert len(findings_trace.x) == len(placed)
    assert list(findings_trace.text) == [f.label for f in placed]


def test_participant_text_is_escaped() -> None:
    """A hostile finding or activity name never reaches plotly as live HTML."""
    case = load_case("zorg")
    hostile = case.model_copy(
        update={
            "name": HOSTILE,
            "findings": [Finding(id="x", label="1", text=HOSTILE, place=FindingPlace(quadrant=2))],
            "activities": [case.activities[0].model_copy(update={"name": HOSTILE})],
        }
    )
    strings = figure_strings(quadrant_map(hostile))
    assert HOSTILE not in strings
    assert strings.count(HOSTILE_ESCAPED) >= 3  # the finding, the activity and the case name


@pytest.mark.parametrize(("language", "separators"), [("nl", ",."), ("en", ".,")])
def test_axis_ticks_and_hovers_use_the_page_decimal_separator(language: str, separators: str) -> None:
    """Dutch pages show "0,5" on the axes, not "0.5" beside the decimal commas of the text."""
    figure = quadrant_map(load_case("zorg"), Vocabulary(language, "VL"))
    assert figure.layout.separators == separators


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_activities_are_numbered_markers_not_text_labels(case_id: str) -> None:
    """Every activity marker carries its number 1…n (no names on the plot), readable on its colour."""
    case = load_case(case_id)
    traces = [t for t in quadrant_map(case).data if t.customdata is not None]
    numbers = {i: int(n) for t in traces for i, n in zip(t.customdata, t.text, strict=True)}
    assert numbers == {a.id: n for n, a in enumerate(case.activities, start=1)}
    names = {a.name for a in case.activities}
    assert not names & {text for t in traces for text in t.text}
    for trace in traces:
        assert contrast(trace.textfont.color, trace.marker.color) >= 4.5


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_legend_names_every_number_and_environment(case_id: str) -> None:
    """The legend lists each activity under its environment with the number its marker carries."""
    case = load_case(case_id)
    legend = str(map_legend_html(case, Vocabulary("nl")))
    for number, activity in enumerate(case.activities, start=1):
        assert f'<li value="{number}"><span class="hlo-map-legend-name">{escape(activity.name)}</span>' in legend
    used = {a.environment for a in case.activities}
    for environment in case.environments:
        assert (str(escape(environment.name)) in legend) == (environment.id in used)


def test_legend_follows_edited_activities_and_escapes_names() -> None:
    """With edited activities the legend names those, hostile names escaped."""
    case = load_case("zorg")
    edited = [case.activities[1], case.activities[0].model_copy(update={"name": HOSTILE})]
    legend = str(map_legend_html(case, Vocabulary("nl"), edited))
    assert HOSTILE not in legend
    assert HOSTILE_ESCAPED in legend
    assert f'<li value="1"><span class="hlo-map-legend-name">{escape(case.activities[1].name)}' in legend
    assert legend.count("<li ") == 2


@pytest.mark.parametrize(("colour", "text"), [("#0072B2", "#FFFFFF"), ("#F0E442", "#000000"), ("#009E73", "#000000")])
def test_numbers_are_black_or_white_whichever_reads_better(colour: str, text: str) -> None:
    """Blue gets white numbers; yellow and green get black (white on them stays under 4.5:1)."""
    assert readable_on(colour) == text
