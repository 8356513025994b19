"""The leerfiche: completeness, missing components, case-file validation and the printable page."""

from __future__ import annotations

import re

import pytest

from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.leerfiche import Leerfiche, LeerficheComponent, completeness, missing_components
from hlo_design.render.leerfiche_html import leerfiche_html
from tests.helpers import HOSTILE, HOSTILE_ESCAPED, MINIMAL_CASE, minimal_case

C = LeerficheComponent


def fiche(**components: str) -> Leerfiche:
    return Leerfiche(id="fiche", title="Fiche", components={C(k): v for k, v in components.items()})


def test_eleven_components_in_the_documents_order() -> None:
    """The components follow the Zorg community's leerfiche, from goals to concerns."""
    assert [c.value for c in LeerficheComponent] == [
        "goals_from_workplace", "curriculum", "structure", "activities_school", "activities_workplace",
        "reflection", "simulated_learning", "soft_skills", "materials", "evaluation", "concerns",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("components", "expected"),
    [
        ({}, 0.0),  # an empty sheet
        ({"curriculum": "Leerplan zorgkundige"}, 1 / 11),  # one of eleven
        ({"curriculum": "x", "concerns": "   "}, 1 / 11),  # whitespace only does not count
        ({"curriculum": "x", "materials": ""}, 1 / 11),  # an empty string does not count
        ({c.value: "tekst" for c in LeerficheComponent}, 1.0),  # all filled in
    ],
)
def test_completeness_is_the_share_of_filled_components(components: dict[str, str], expected: float) -> None:
    """Completeness counts components with text, out of eleven."""
    assert completeness(fiche(**components)) == pytest.approx(expected)


def test_missing_components_are_listed_in_document_order() -> None:
    """Blank and absent components are missing, in the documents' order whatever the input order."""
    sheet = fiche(evaluation="x", goals_from_workplace="y", soft_skills=" \n")
    missing = missing_components(sheet)
    assert missing == [c for c in LeerficheComponent if c not in (C.EVALUATION, C.GOALS_FROM_WORKPLACE)]
    assert C.SOFT_SKILLS in missing


FICHE_YAML = """\
leerfiches:
  - id: gesprek
    title: In gesprek
    components:
      curriculum: Leerplan
      {extra}
"""


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ("hobbies: zwemmen", "leerfiches[0].components.hobbies", "input should be 'goals_from_workplace'"),  # not a component
        ("concerns: [a, b]", "leerfiches[0].components.concerns", "input should be a valid string"),  # a list, not text
    ],
)  # fmt: skip
def test_invalid_leerfiche_names_file_line_and_field(extra: str, field: str, message: str) -> None:
    """A wrong component is reported as ``file:line field: message`` with the line of that component."""
    raw = (MINIMAL_CASE + FICHE_YAML.format(extra=extra)).encode()
    with pytest.raises(CaseFileError) as caught:
        parse_case(raw, "demo.yaml")
    problem = caught.value.problems[0]
    expected_line = raw.decode().splitlines().index("      " + extra) + 1
    assert (problem.field, problem.line) == (field, expected_line)
    assert message in problem.message
    assert str(problem).startswith(f"demo.yaml:{expected_line} {field}: ")


def test_duplicate_leerfiche_ids_are_refused() -> None:
    """Two sheets with the same id are reported with the field and the duplicate id."""
    sheet = "  - {id: gesprek, title: A}\n"
    raw = (MINIMAL_CASE + "leerfiches:\n" + sheet + sheet).encode()
    with pytest.raises(CaseFileError, match=r"demo.yaml:\d+ leerfiches: id 'gesprek' is used more than once"):
        parse_case(raw, "demo.yaml")


# ---------------------------------------------------------------- the printable page


def test_page_has_every_component_in_order_with_label_and_hint() -> None:
    """One box per component, in the documents' order, each with its Dutch label and its hint."""
    vocabulary = Vocabulary("nl", "VL")
    page = leerfiche_html(fiche(curriculum="Leerplan zorgkundige"), minimal_case(), vocabulary)
    boxes = re.findall(r'data-component="([a-z_]+)"', page)
    assert boxes == [c.value for c in LeerficheComponent]
    for component in LeerficheComponent:
        assert vocabulary.label(component) in page
        assert vocabulary(f"LeerficheComponent.{component.value}.hint") in page
    assert "Doelen vanuit het werkveld" in page
    assert "Bezorgdheden" in page
    assert "leerlingen" in page  # the Flemish word in the hints
    assert page.count("(nog in te vullen)") == 10
    assert "Leerplan zorgkundige" in page


def test_page_is_printable_and_self_contained() -> None:
    """The page carries the shared stylesheet and an A4 print rule, and loads nothing from the network."""
    page = leerfiche_html(fiche(), minimal_case(), Vocabulary())
    assert "@page { size: A4" in page
    assert ".hlo-kicker" in page  # report.css.j2 included
    assert "http://" not in page
    assert "https://" not in page


def test_page_shows_hostile_text_as_text() -> None:
    """Participant text in the title, goal and components is escaped, never markup."""
    sheet = Leerfiche(id="x", title=HOSTILE, goal=HOSTILE, components={C.CONCERNS: HOSTILE})
    page = leerfiche_html(sheet, minimal_case(), Vocabulary())
    assert "<img" not in page
    assert page.count(HOSTILE_ESCAPED) == 4  # <title>, heading, goal, concerns box


def test_page_marks_an_illustrative_sheet_and_names_the_source() -> None:
    """An illustrative sheet says so; a sourced sheet names its source's title."""
    case = load_case("zorg")
    page = leerfiche_html(case.leerfiches[0], case, Vocabulary("nl", "VL"))
    assert "illustratief" in page
    assert "GHLOBO eindpublicatie" in page
    assert "(nog in te vullen)" not in page  # every component filled in


@pytest.mark.parametrize(("language", "region"), [("nl", "NL"), ("nl", "VL"), ("en", "NL"), ("en", "VL")])
def test_every_component_has_a_label_and_a_hint(language: str, region: str) -> None:
    """Each component reads in both languages, with a one-line hint."""
    vocabulary = Vocabulary(language, region)
    for component in LeerficheComponent:
        assert vocabulary.label(component).strip()
        hint = vocabulary(f"LeerficheComponent.{component.value}.hint")
        assert hint.strip()
        assert "\n" not in hint


# ---------------------------------------------------------------- bundled cases


@pytest.mark.parametrize(
    ("case_id", "fiche_id", "full"),
    [
        ("zorg", "zorgvrager-als-persoon", True),  # the goal on the care recipient as a person, all filled in
        ("logistiek", "veilig-orderpicken", False),  # illustrative, learning materials still open
    ],
)
def test_bundled_leerfiches(case_id: str, fiche_id: str, full: bool) -> None:
    """The example cases carry a leerfiche, marked illustrative where the documents give no content."""
    sheets = load_case(case_id).leerfiches
    assert [s.id for s in sheets] == [fiche_id]
    assert sheets[0].illustrative
    assert (completeness(sheets[0]) == 1.0) is full
    if not full:
        assert missing_components(sheets[0]) == [C.MATERIALS]
