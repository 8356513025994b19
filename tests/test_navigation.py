"""The browser tab's title and the navigation bar of the case dashboards (built here, shown by the front end)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DESIGN, DIAGNOSE, PHASES, VALORISATION, WorkflowPhase, dashboard_link
from hlo_design.casefile.loading import load_case
from hlo_design.phases import common
from hlo_design.phases.common import section_markdown, show_page_title
from hlo_design.render.navigation import navigation_html, phase_sections, section_anchor, tab_title
from hlo_design.ui import page_head
from hlo_design.ui.page_head import PageHead
from hlo_design.ui.session import CaseSession
from tests.helpers import HOSTILE, HOSTILE_ESCAPED
from tests.test_page_headings import _sections


def _hrefs(html: str, css_class: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(rf'class="{css_class}"[^>]*href="([^"]*)"', html)]


def test_the_first_phase_links_the_next_one_for_the_same_case_and_language() -> None:
    html = navigation_html(Vocabulary("en"), DIAGNOSE, "zorg", "Zorg")
    assert _hrefs(html, "hlo-nav-next") == ["02_ontwerp.ipynb?case=zorg&language=en"]
    assert _hrefs(html, "hlo-nav-previous") == []
    assert _hrefs(html, "hlo-nav-start") == ["index.ipynb?language=en"]


@pytest.mark.parametrize(
    ("phase", "previous", "following"), [(DESIGN, DIAGNOSE, VALORISATION), (VALORISATION, DESIGN, None)]
)
def test_later_phases_link_their_neighbours(
    phase: WorkflowPhase, previous: WorkflowPhase, following: WorkflowPhase | None
) -> None:
    html = navigation_html(Vocabulary(), phase, "zorg", "Zorg")
    assert _hrefs(html, "hlo-nav-previous") == [dashboard_link(previous.notebook, "nl", "zorg")]
    expected = [] if following is None else [dashboard_link(following.notebook, "nl", "zorg")]
    assert _hrefs(html, "hlo-nav-next") == expected


def test_the_language_switch_keeps_the_page_and_the_case() -> None:
    html = navigation_html(Vocabulary("nl"), DESIGN, "zorg", "Zorg")
    assert _hrefs(html, "hlo-nav-language") == ["02_ontwerp.ipynb?case=zorg&language=en"]
    assert re.search(r'<span aria-current="page" lang="nl"[^>]*>NL</span>', html)


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p.id)
def test_the_bar_lists_the_headed_sections_in_the_notebooks_order(phase: WorkflowPhase) -> None:
    """The bar reads the catalogue; the notebook shows the headings: both must name the same sections in one order."""
    vocabulary = Vocabulary()
    notebook = nbformat.read(NOTEBOOKS_DIR / phase.notebook, as_version=4)
    headed = [s for s in _sections(notebook) if vocabulary.has(f"page.{s}.heading")]
    assert phase_sections(vocabulary, phase) == headed
    html = navigation_html(vocabulary, phase, "zorg", "Zorg")
    assert re.findall(r'class="hlo-nav-section" href="#([^"]+)"', html) == [section_anchor(s) for s in headed]


def test_a_hostile_case_name_stays_text_in_the_bar_and_the_tab() -> None:
    html = navigation_html(Vocabulary(), DIAGNOSE, "zorg", HOSTILE)
    assert HOSTILE not in html
    assert HOSTILE_ESCAPED in html
    assert tab_title(Vocabulary(), "Diagnose", HOSTILE) == f"Diagnose · {HOSTILE}"  # set as text by the front end


def test_an_id_with_odd_characters_is_encoded_in_the_links() -> None:
    assert dashboard_link("01_diagnose.ipynb", "nl", "a b&c") == "01_diagnose.ipynb?case=a+b%26c&language=nl"


def test_an_anchored_heading_reads_as_before() -> None:
    """The anchor is an empty element inside the heading: same words, same derived heading id."""
    vocabulary = Vocabulary()
    plain = section_markdown(vocabulary, "diagnose.situation")
    anchored = section_markdown(vocabulary, "diagnose.situation", anchored=True)
    assert 'id="hlo-section-diagnose-situation"' in anchored
    assert re.sub(r"<span[^>]*></span>", "", anchored) == plain
    assert "hlo-anchor" not in plain


def _shown_title(monkeypatch: pytest.MonkeyPatch, dashboard: bool) -> list[object]:
    shown: list[object] = []
    for module in (common, page_head):
        monkeypatch.setattr(module, "display", shown.append)
        monkeypatch.setattr(module, "in_dashboard", lambda: dashboard)
    case = load_case("zorg")
    show_page_title(CaseSession(case, Path("zorg.yaml"), Vocabulary("en", case.region), Path("out")), DIAGNOSE)
    return shown


def test_outside_a_dashboard_the_title_is_only_the_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batch runs, nbval and the golden outputs see exactly what they saw before."""
    shown = _shown_title(monkeypatch, dashboard=False)
    assert len(shown) == 1
    assert not any(isinstance(item, PageHead) for item in shown)


def test_in_a_dashboard_the_tab_is_named_and_the_bar_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    (head,) = [item for item in _shown_title(monkeypatch, dashboard=True) if isinstance(item, PageHead)]
    assert head.title == f"Diagnosis · {load_case('zorg').name}"
    assert 'class="hlo-nav"' in head.bar
