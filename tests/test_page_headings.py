"""Notebook headings and instructions come from the catalogue, so they follow language and region."""

from __future__ import annotations

import re

import nbformat
import pytest

from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.phases.common import section_markdown

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
HEADING_CALL = re.compile(r'(?:show_heading\(session|show_section_text\(vocabulary), "([a-z_.]+)"')


def _sections(notebook: nbformat.NotebookNode) -> list[str]:
    return [m for cell in notebook.cells if cell.cell_type == "code" for m in HEADING_CALL.findall(cell.source)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_have_no_fixed_text(path: object) -> None:
    """A markdown cell cannot follow ?language=en or the region; every heading is a call instead."""
    notebook = nbformat.read(path, as_version=4)
    assert [cell.source[:40] for cell in notebook.cells if cell.cell_type == "markdown"] == []
    assert _sections(notebook)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
@pytest.mark.parametrize(("language", "region"), [("nl", "NL"), ("nl", "VL"), ("en", "NL")])
def test_every_heading_exists_in_every_language(path: object, language: str, region: str) -> None:
    vocabulary = Vocabulary(language, region)
    for section in _sections(nbformat.read(path, as_version=4)):
        assert section_markdown(vocabulary, section).strip(), section


def _design_page(language: str, region: str) -> str:
    notebook = nbformat.read(NOTEBOOKS_DIR / "02_ontwerp.ipynb", as_version=4)
    vocabulary = Vocabulary(language, region)
    return "\n".join(section_markdown(vocabulary, section) for section in _sections(notebook))


def test_an_nl_design_page_says_student_and_a_flemish_one_leerling() -> None:
    """The design page's instructions used to say "leerling" to a Dutch (NL) group."""
    nl = _design_page("nl", "NL")
    assert "leerling" not in nl.lower()
    assert "student" in nl
    assert "leerling" in _design_page("nl", "VL")


def test_the_english_page_has_english_headings() -> None:
    english = _design_page("en", "NL")
    assert "## 5. Rhythm of the week" in english
    for dutch in ("Ontwerp", "leerdoel", " de ", " het ", "Vijf"):
        assert dutch not in english, dutch
