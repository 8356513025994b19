"""The diagnosis page's role-map and situation sections: what the room sees first, and what it opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from IPython.display import HTML

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.phases.diagnose import sections
from hlo_design.ui.activity_editor import ActivityEditor
from hlo_design.ui.session import CaseSession


def shown(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Collect what a section displays instead of sending it to a notebook."""
    displayed: list[object] = []
    monkeypatch.setattr(sections, "display", displayed.append)
    return displayed


def session(case: Case, *, interactive: bool) -> CaseSession:
    return CaseSession(case, Path("unused.yaml"), Vocabulary(), Path("unused"), interactive)


def test_dashboard_role_map_shows_three_headlines_and_a_closed_details_accordion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In the dashboard the details sit in a closed Accordion under the three headlines (live, in the sticker editor)."""
    shown(monkeypatch)
    editor = sections.show_role_map(session(load_case("servicemedewerker"), interactive=True), 0.4)
    assert editor is not None
    assert "Veel loopt via" in editor.headlines.value
    assert editor.headlines.value.count("<li>") == 3
    accordion = editor.details
    assert accordion.selected_index is None
    assert accordion.get_title(0).startswith("Meer over de rollen")
    assert "Een brugpersoon verbindt school en werk" in accordion.children[0].value


def test_batch_role_map_uses_a_details_element(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch page has no widgets: the details are a <details> element instead."""
    displayed = shown(monkeypatch)
    sections.show_role_map(session(load_case("servicemedewerker"), interactive=False), 0.4)
    assert not any(isinstance(d, widgets.Widget) for d in displayed)
    assert any(isinstance(d, HTML) and "<details>" in str(d.data) for d in displayed)


def test_situation_shows_the_case_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """An impossible week is named on the diagnosis page before the situation sketch."""
    case = load_case("zorg")
    zero = case.model_copy(update={"activities": [a.model_copy(update={"hours_per_week": 0}) for a in case.activities]})
    displayed = shown(monkeypatch)
    sections.show_situation(session(zero, interactive=False))
    first = displayed[0]
    assert isinstance(first, HTML)
    assert "hlo-warning" in str(first.data)
    assert "staan op 0 uur per week" in str(first.data)


def test_the_report_offered_in_a_meeting_holds_what_was_saved_since_the_page_opened(
    cases_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The download used to be built from the case as opened; an activity renamed and saved was missing."""
    path = cases_dir / "zorg.yaml"
    opened = load_case(path)
    editor = ActivityEditor(opened, Vocabulary(region="VL"), path)
    assert editor.update(opened.activities[0].id, name="Hernoemd tijdens de bijeenkomst")
    editor.save_bar.save()
    offered: dict[str, Any] = {}
    monkeypatch.setattr(sections, "show_report_cell", lambda *args, **kwargs: offered.update(kwargs))
    sections.show_report(CaseSession(opened, path, Vocabulary(region="VL"), cases_dir, True), 0.4)
    assert "Hernoemd tijdens de bijeenkomst" in offered["render"]()
