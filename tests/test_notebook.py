"""Opening a case in a phase notebook: query string in Voilà, clear failures everywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest

from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.errors import UnknownCaseError, WorkbookError
from hlo_design.ui import session as notebook
from hlo_design.ui.session import in_dashboard, open_case, query_parameters

VOILA = {"SERVER_SOFTWARE": "voila/0.5.13"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("case=zorg", {"case": "zorg"}),  # the usual link from the landing page
        ("case=zorg&language=en", {"case": "zorg", "language": "en"}),  # English dashboard
        ("case=a&case=b", {"case": "b"}),  # repeated: the last one wins
        ("case=zorg&__import__=os", {"case": "zorg"}),  # unknown parameters are ignored
        ("", {}),  # no query string
    ],
)
def test_query_parameters(query: str, expected: dict[str, str]) -> None:
    assert query_parameters({"QUERY_STRING": query}) == expected


def test_dashboard_detection() -> None:
    assert in_dashboard(VOILA)
    assert not in_dashboard({})


def test_query_string_selects_the_case_in_a_dashboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", "case=logistiek&language=en")
    session = open_case("zorg", "nl")
    assert session is not None
    assert session.case.id == "logistiek"
    assert session.vocabulary.language == "en"


def test_unknown_case_in_a_dashboard_shows_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stakeholder following a wrong link sees a message, not a traceback."""
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", "case=<script>")
    displayed: list[object] = []
    monkeypatch.setattr(notebook, "display", displayed.append)
    assert open_case("zorg") is None
    shown = displayed[0].data  # type: ignore[attr-defined]
    assert "unknown case" in shown
    assert "<script>" not in shown


def test_outside_a_dashboard_errors_fail_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under papermill a bad case raises, so the batch reports the failure."""
    monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
    with pytest.raises(UnknownCaseError):
        open_case("bestaat-niet")
    with pytest.raises(WorkbookError, match="language 'fr'"):
        open_case("zorg", "fr")


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS_DIR.glob("*.ipynb")), ids=lambda p: p.name)
def test_parameters_cells_hold_literals_only(notebook: Path) -> None:
    """papermill injects values after the parameters cell, so anything computed there would go stale."""
    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    for statement in ast.parse(cells[0].source).body:
        assert isinstance(statement, ast.Assign), ast.dump(statement)
        ast.literal_eval(statement.value)
    assert nb.metadata["kernelspec"]["name"] == "python3"
