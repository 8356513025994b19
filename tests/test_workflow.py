"""The phases listed once, one report-path rule, the session guard, and the phase packages' shape."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from hlo_design.analysis.case_overview import Phase
from hlo_design.app.batch import available_phases
from hlo_design.base.config import NOTEBOOKS_DIR, PROJECT_ROOT
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import (
    DESIGN,
    DIAGNOSE,
    OVERVIEW,
    PHASES,
    VALORISATION,
    WorkflowPhase,
    download_name,
    overview_report_path,
    phase_by_id,
    report_path,
)
from hlo_design.casefile.loading import load_case
from hlo_design.phases import common
from hlo_design.phases.design import sections as design
from hlo_design.phases.diagnose import sections as diagnose
from hlo_design.phases.valorisation import sections as valorisation
from hlo_design.ui.session import CaseSession, with_session

PHASES_DIR = PROJECT_ROOT / "hlo_design" / "phases"
PACKAGES = sorted(path.parent.name for path in PHASES_DIR.glob("*/__init__.py"))


def test_phases_come_in_meeting_order_and_every_notebook_exists() -> None:
    assert [p.id for p in PHASES] == ["diagnose", "design", "valorisation"]
    for phase in (*PHASES, OVERVIEW):
        assert (NOTEBOOKS_DIR / phase.notebook).exists()
        Vocabulary("en")(f"{phase.messages}.report_written")  # the phase's messages exist in both languages
        Vocabulary("nl")(f"{phase.messages}.download_report")
    for phase in PHASES:
        assert Vocabulary("en")(phase.title_key)


def test_the_overview_phase_enum_is_the_workflow() -> None:
    assert [p.value for p in Phase] == [p.id for p in PHASES]


@pytest.mark.parametrize(
    ("phase", "language", "case_id", "expected"),
    [
        (DIAGNOSE, "nl", "zorg", "out/zorg/diagnose.html"),
        (DESIGN, "en", "zorg", "out/zorg/design.en.html"),
        (VALORISATION, "nl", "bouw", "out/bouw/valorisation.html"),
        (OVERVIEW, "nl", None, "out/overview.html"),
        (OVERVIEW, "en", None, "out/overview.en.html"),
    ],
)
def test_one_report_path_rule(phase: WorkflowPhase, language: str, case_id: str | None, expected: str) -> None:
    """The file names users and the batch index rely on."""
    assert report_path(Path("out"), phase, language, case_id) == Path(expected)


@pytest.mark.parametrize(
    ("sector", "region", "language", "expected"),
    [
        ("", "", "nl", "out/overview.html"),  # no filter: the overview of all cases
        ("Zorg", "", "nl", "out/sector-zorg.html"),
        ("Zórg & welzijn", "VL", "en", "out/sector-zorg-welzijn-vl.en.html"),  # accents and signs fold away
        ("", "VL", "nl", "out/overview-vl.html"),  # a region alone never overwrites the overview of all cases
    ],
)
def test_one_overview_report_path_rule(sector: str, region: str, language: str, expected: str) -> None:
    """The sector report sits beside the overview, named after its filter."""
    assert overview_report_path(Path("out"), language, sector, region) == Path(expected)


def test_download_names_stay_the_ones_groups_know() -> None:
    assert download_name(DIAGNOSE, "zorg") == "zorg-diagnose.html"
    assert download_name(VALORISATION, "zorg") == "zorg-valorisatie.html"
    assert download_name(OVERVIEW) == "overzicht.html"


def test_batch_phases_come_from_the_workflow() -> None:
    assert available_phases("all") == list(PHASES)
    assert available_phases("design") == [DESIGN]
    assert phase_by_id("valorisation") is VALORISATION
    with pytest.raises(WorkbookError, match="use one of diagnose, design, valorisation or all"):
        available_phases("ontwerp")


def test_with_session_shows_nothing_without_a_case_and_passes_arguments_on() -> None:
    calls: list[tuple[str, float]] = []

    @with_session
    def section(session: CaseSession, threshold: float) -> str:
        calls.append((session.case.id, threshold))
        return "shown"

    assert section(None, 0.4) is None
    assert calls == []
    session = CaseSession(load_case("zorg"), Path("zorg.yaml"), Vocabulary(), Path("out"))
    assert section(session, 0.5) == "shown"
    assert calls == [("zorg", 0.5)]
    assert section.__name__ == "section"


def test_every_section_of_every_phase_accepts_a_missing_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dashboard whose case did not open runs every later cell with ``None``: none may raise or show."""
    shown: list[object] = []
    for module in (diagnose, design, valorisation, common):
        monkeypatch.setattr(module, "display", shown.append)
    for module in (diagnose, design, valorisation):
        for name in module.__all__:
            section = getattr(module, name)
            more = [0.4] * (len(inspect.signature(section).parameters) - 1)  # the diagnosis' overload threshold
            assert section(None, *more) is None
    assert shown == []


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_one_package_per_phase() -> None:
    assert PACKAGES == ["design", "diagnose", "meeting", "overview", "start", "valorisation"]
    assert sorted(p.name for p in PHASES_DIR.glob("*.py")) == ["__init__.py", "common.py"]


@pytest.mark.parametrize("package", [p for p in PACKAGES if (PHASES_DIR / p / "report.py").exists()])
def test_sections_build_on_the_report_never_the_reverse(package: str) -> None:
    assert f"hlo_design.phases.{package}.report" in _imports(PHASES_DIR / package / "sections.py")
    assert not any(name.endswith("sections") for name in _imports(PHASES_DIR / package / "report.py"))
