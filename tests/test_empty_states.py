"""Empty states: a new case shows the step to take where a figure, table or check has nothing to show.

A chart of nothing draws bare axes that a room reads as a result ("zero actions"), and "every finding
has a decision" over no findings is a green check for a vacuous truth. The starter case of
``hlo-design new`` (:func:`hlo_design.casefile.starter.starter_text`) is the source of empties: two
activities, and nothing else filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go
import pytest
from IPython.display import HTML

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.casefile.starter import starter_text
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.valorisation import ActionArea, Valorisation
from hlo_design.phases.design import sections as design_sections
from hlo_design.phases.design.report import unanswered_lines
from hlo_design.phases.diagnose import sections as diagnose_sections
from hlo_design.phases.valorisation import sections as valorisation_sections
from hlo_design.render.figures import valorisation as fv
from hlo_design.render.figures.empty import EMPTY_META, empty_figure
from hlo_design.render.figures.journey import coverage_heatmap
from hlo_design.render.figures.scan import movement_heatmap, scan_comparison
from hlo_design.ui.decisions_editor import unanswered_html
from hlo_design.ui.session import CaseSession
from tests.helpers import HOSTILE, HOSTILE_ESCAPED

NEW = parse_case(starter_text("nieuw").encode("utf-8"), "nieuw.yaml")
LANGUAGES = ["nl", "en"]

EMPTY_FIGURES: dict[str, tuple[Callable[[Vocabulary], go.Figure], str]] = {
    # no action areas at all (a new case)
    "action plan, new case": (
        lambda v: fv.action_plan_chart(NEW.valorisation or Valorisation(), v, case=NEW),
        "valorisation.no_actions",
    ),
    # areas named, but no action in any of them: bars of zero before
    "action plan, areas without actions": (
        lambda v: fv.action_plan_chart(Valorisation(action_areas=[ActionArea(id="a", name="Scholing")]), v, case=NEW),
        "valorisation.no_actions",
    ),
    "test moments, new case": (
        lambda v: fv.test_moment_chart(NEW.valorisation or Valorisation(), v, case=NEW),
        "valorisation.no_test_moments",
    ),
    # no learning goals: the heat map's axes ran −1…6 before
    "design coverage, new case": (lambda v: coverage_heatmap(NEW.design or DesignPlan(), v), "journey.no_goals"),
    "scan comparison, new case": (lambda v: scan_comparison(NEW.scans, v), "scan.no_scans"),
    "scan movement, new case": (lambda v: movement_heatmap(NEW.scans, v), "scan.no_movement"),
}


def _annotation_text(figure: go.Figure) -> str:
    return " ".join(str(a.text) for a in figure.layout.annotations).replace("<br>", " ")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(EMPTY_FIGURES))
def test_an_empty_figure_says_what_to_do_instead_of_drawing_axes(name: str, language: str) -> None:
    """No traces, no visible axes, and the catalogue's sentence (what to do) in the page's language."""
    build, key = EMPTY_FIGURES[name]
    vocabulary = Vocabulary(language)
    figure = build(vocabulary)
    assert figure.layout.meta == EMPTY_META
    assert list(figure.data) == []
    assert figure.layout.xaxis.visible is False
    assert figure.layout.yaxis.visible is False
    assert _annotation_text(figure) == vocabulary(key)
    assert figure.layout.title.text  # which chart this is stays readable


@pytest.mark.parametrize(
    "build",
    [
        lambda v: fv.action_plan_chart(load_case("energietransitie").valorisation or Valorisation(), v),
        lambda v: coverage_heatmap(load_case("zorg").design or DesignPlan(), v),
        lambda v: scan_comparison(load_case("zorg").scans, v),
    ],
    ids=["action plan", "design coverage", "scan comparison"],
)
def test_a_figure_with_data_is_no_empty_state(build: Callable[[Vocabulary], go.Figure]) -> None:
    """The example cases have actions, goals and scans: their charts draw them."""
    figure = build(Vocabulary())
    assert figure.layout.meta != EMPTY_META
    assert len(figure.data) > 0


def test_the_empty_figure_escapes_its_message() -> None:
    """The message may carry a case's words: it reaches plotly escaped."""
    figure = empty_figure(Vocabulary(), "titel", HOSTILE)
    assert HOSTILE_ESCAPED in _annotation_text(figure)
    assert HOSTILE not in _annotation_text(figure)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_findings_is_no_reason_for_a_check_mark(language: str) -> None:
    """'Every finding has a decision' over no findings is vacuous: the page and report say what to do."""
    vocabulary = Vocabulary(language)
    html = unanswered_html(NEW, vocabulary)
    assert "✓" not in html
    assert vocabulary("design.no_findings_to_answer") in html
    assert unanswered_lines(NEW, vocabulary) == [vocabulary("design.no_findings_to_answer")]


def test_findings_all_answered_still_get_their_check_mark() -> None:
    """The check stays for the real thing: findings, each answered by a decision."""
    case = load_case("zorg")
    design = case.design or DesignPlan()
    answered = [d.model_copy(update={"findings": [f.id for f in case.findings]}) for d in design.decisions[:1]]
    case = case.model_copy(update={"design": design.model_copy(update={"decisions": answered})})
    assert "✓" in unanswered_html(case, Vocabulary())
    assert unanswered_lines(case, Vocabulary()) == [Vocabulary()("design.all_findings_answered")]


EMPTY_SECTIONS: dict[str, tuple[Callable[[CaseSession], object], object, str]] = {
    "diagnose: findings": (diagnose_sections.show_findings, diagnose_sections, "diagnose.findings.empty"),
    "diagnose: scan": (diagnose_sections.show_scan, diagnose_sections, "scan.no_scans"),
    "design: decisions": (design_sections.show_decisions, design_sections, "design_phase.decisions.empty"),
    "valorisation: sharing": (
        valorisation_sections.show_sharing,
        valorisation_sections,
        "valorisation_phase.sharing.empty",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(EMPTY_SECTIONS))
def test_an_empty_section_of_a_batch_page_says_what_to_do(
    name: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new case's batch page shows the step to take, not a table header without rows or nothing at all."""
    show, module, key = EMPTY_SECTIONS[name]
    displayed: list[object] = []
    monkeypatch.setattr(module, "display", displayed.append)
    vocabulary = Vocabulary(language)
    show(CaseSession(NEW, Path("unused.yaml"), vocabulary, Path("unused"), interactive=False))
    texts = [str(d.data) for d in displayed if isinstance(d, HTML)]
    assert any(vocabulary(key) in text for text in texts), texts
    assert not any("<th" in text and "<td" not in text for text in texts)  # no header without rows
