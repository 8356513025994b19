"""Cross-case overview: table, phase rule, filters, index and synthetic cases."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hlo_design.analysis.case_overview import (
    OverviewIndex,
    Phase,
    PhaseStatus,
    filter_cases,
    matches,
    overview_table,
    phase_progress,
)
from hlo_design.analysis.synthetic_cases import generate_cases
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.casefile.saving import dump_case
from hlo_design.phases.overview.report import overview_report
from hlo_design.phases.overview.sections import open_overview
from hlo_design.render.figures import overview as fo
from hlo_design.render.overview_tables import overview_title, readable_table
from tests.helpers import EXAMPLE_CASES, MINIMAL_CASE

SYNTHETIC = generate_cases(60, seed=7)


@pytest.fixture(scope="module")
def examples() -> list:
    return [load_case(case_id) for case_id in EXAMPLE_CASES]


def test_table_has_one_row_per_case_with_shares_adding_up(examples: list) -> None:
    """Quadrant shares add up to 1 per case and constructed + realistic = 1."""
    table = overview_table(examples)
    assert list(table.index) == list(EXAMPLE_CASES)
    shares = table[["share_q1", "share_q2", "share_q3", "share_q4"]].sum(axis=1)
    assert shares.to_numpy() == pytest.approx([1.0] * len(examples))
    assert (table["constructed_share"] + table["realistic_share"]).to_numpy() == pytest.approx([1.0] * len(examples))
    assert table.loc["energietransitie", "corner_towards_hybridisation"] == 1


@pytest.mark.parametrize(
    ("extra", "diagnose", "design", "valorisation"),
    [
        # activities but no findings: sketch only; no design, no valorisation
        ("", PhaseStatus.PARTLY, PhaseStatus.NOT_STARTED, PhaseStatus.NOT_STARTED),
        # a finding as well: diagnosis done; one lesson is partial valorisation
        ("findings: [{id: f, text: F, place: model}]\nvalorisation:\n  lessons: [{id: l, text: L, audience: [school]}]\n",
         PhaseStatus.DONE, PhaseStatus.NOT_STARTED, PhaseStatus.PARTLY),
        # carrying decisions in only two perspectives: design partly
        ("design:\n  decisions:\n"
         "    - {id: a, perspective: social, text: T, rationale: R, level: tactical, owner: O, status: agreed}\n"
         "    - {id: b, perspective: spatial, text: T, rationale: R, level: tactical, owner: O, status: adopted}\n",
         PhaseStatus.PARTLY, PhaseStatus.PARTLY, PhaseStatus.NOT_STARTED),
    ],
)  # fmt: skip
def test_phase_rule(extra: str, diagnose: PhaseStatus, design: PhaseStatus, valorisation: PhaseStatus) -> None:
    """Phase progress follows the documented rule on small cases."""
    case = parse_case((MINIMAL_CASE + extra).encode(), "demo.yaml")
    assert phase_progress(case) == {Phase.DIAGNOSE: diagnose, Phase.DESIGN: design, Phase.VALORISATION: valorisation}


def test_full_valorisation_is_done(examples: list) -> None:
    """Logistiek (lessons, four corners, a test moment) counts as done; Servicemedewerker (no test or action) as partly."""
    progress = {case.id: phase_progress(case)[Phase.VALORISATION] for case in examples}
    assert progress["logistiek"] is PhaseStatus.DONE
    assert progress["servicemedewerker"] is PhaseStatus.PARTLY


@pytest.mark.parametrize(
    ("sector", "region", "expected"),
    [
        ("zorg", None, ["zorg"]),  # lower case finds "Zorg (zorgkundige)"
        ("ZÓRG", None, ["zorg"]),  # case and accents do not matter
        (None, "vl", ["zorg", "energietransitie"]),  # the Flemish cases
        ("logistiek", "VL", []),  # Logistiek is Dutch
        (None, None, list(EXAMPLE_CASES)),  # no filter keeps everything
    ],
)
def test_filter_cases(examples: list, sector: str | None, region: str | None, expected: list[str]) -> None:
    """filter_cases and the index agree on hand-checked examples."""
    assert [c.id for c in filter_cases(examples, sector, region)] == expected
    assert list(OverviewIndex(examples).filter(sector, region).index) == expected


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["zorg", "Logistiek", "énergie", "bouw", "x", ""]) | st.none(),
    st.sampled_from(["NL", "vl", "BE"]) | st.none(),
)
def test_filter_is_a_subset_matching_the_predicate(sector: str | None, region: str | None) -> None:
    """The index returns exactly the cases that match, in order: a subset of all."""
    index = OverviewIndex(SYNTHETIC)
    result = list(index.filter(sector, region).index)
    assert set(result) <= {c.id for c in SYNTHETIC}
    assert result == [c.id for c in SYNTHETIC if matches(c.sector, c.region, sector, region)]
    assert result == [c.id for c in filter_cases(SYNTHETIC, sector, region)]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_generated_cases_validate_and_are_illustrative(seed: int) -> None:
    """Generated cases round-trip through parse_case and mark their activities illustrative."""
    for case in generate_cases(3, seed):
        again = parse_case(dump_case(case).encode(), f"{case.id}.yaml")
        assert again == case
        assert all(a.illustrative for a in case.activities)


def test_generation_is_deterministic() -> None:
    """The same seed gives the same cases; another seed gives others."""
    assert generate_cases(5, 1) == generate_cases(5, 1)
    assert generate_cases(5, 1) != generate_cases(5, 2)


def test_figures_show_every_case(examples: list) -> None:
    """Each overview figure has a row, column or bar for each case."""
    vocabulary = Vocabulary()
    ids = list(EXAMPLE_CASES)
    assert list(fo.quadrant_distribution(examples, vocabulary).data[0].x) == ids
    assert list(fo.perspective_coverage(examples, vocabulary).data[0].y) == ids
    assert list(fo.concentration_bars(examples, vocabulary).data[0].y) == ids
    assert list(fo.phase_progress(examples, vocabulary).data[0].y) == ids
    assert [t.name for t in fo.corners_comparison(examples, vocabulary).data] == ids


def test_overview_figures_escape_case_text() -> None:
    """Case names reach the hover text escaped."""
    case = SYNTHETIC[0].model_copy(update={"name": "<img src=x onerror=alert(1)>"})
    figure = fo.quadrant_distribution([case], Vocabulary())
    text = json.dumps(json.loads(figure.to_json()), ensure_ascii=False)
    assert "<img" not in text
    assert "&lt;img" in text


def test_concentration_chart_shows_real_differences_between_the_cases(examples: list) -> None:
    """The role chart that replaced evenness (0.97–1.00 everywhere) spreads the example cases apart.

    Overall, the busiest person's share of the tasks done ranges over more than
    0.3 between the example cases, and the chart has one bar group per process too.
    """
    figure = fo.concentration_bars(examples, Vocabulary())
    overall = [float(x) for x in figure.data[0].x]
    assert max(overall) - min(overall) > 0.3
    assert len(figure.data) == 4
    assert figure.layout.title.text.startswith("Hoeveel rust op één persoon?")


def test_overview_table_names_the_busiest_share_not_evenness(examples: list) -> None:
    """The readable table's role column is the concentration, as a percentage."""
    table = readable_table(overview_table(examples), Vocabulary())
    assert "Spreiding rollen" not in table.columns
    assert all(value.endswith("%") for value in table["Drukste betrokkene"])


@pytest.mark.parametrize(
    ("language", "sector", "region", "title"),
    [
        ("nl", "Zorg", "", "Overzicht sector Zorg"),
        ("en", "Zorg", "VL", "Overview of the Zorg sector in Flanders"),
        ("nl", "", "NL", "Overzicht van de casussen in Nederland"),
        ("nl", "", "", "Overzicht van alle casussen"),
    ],
)
def test_a_filtered_overview_is_titled_for_its_filter(
    examples: list, language: str, sector: str, region: str, title: str
) -> None:
    """The report's title, kicker and heading name the sector; the unfiltered one keeps its own words."""
    assert overview_title(Vocabulary(language), sector, region) == title
    if sector:
        text = overview_report(filter_cases(examples, sector), Vocabulary(language), sector=sector, region=region)
        assert f"<title>{title}</title>" in text
        assert f"<h1>{title}</h1>" in text


def test_the_overview_page_takes_sector_and_region_from_the_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """``04_overzicht.ipynb?sector=zorg&region=vl`` opens the overview of that sector only, titled for it."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", "sector=zorg&region=vl&language=en")
    session = open_overview()
    assert [case.id for case in session.cases] == ["zorg"]
    assert (
        overview_title(session.vocabulary, session.sector, session.region) == "Overview of the zorg sector in Flanders"
    )
