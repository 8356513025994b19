"""Diagnosis reports: complete, offline, printable, escaped, in Dutch or English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DIAGNOSE, report_path
from hlo_design.casefile.loading import load_case
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.perspectives import Perspective
from hlo_design.phases.diagnose.report import diagnosis_report, findings_table, write_diagnosis_report
from hlo_design.render.report import PLOTLY_JS_NAME, share_plotly_js, write_plotly_js
from tests.helpers import EXAMPLE_CASES, HOSTILE


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_report_has_every_section_and_figure(case_id: str) -> None:
    case = load_case(case_id)
    text = diagnosis_report(case, Vocabulary("nl", case.region))
    for anchor in ("situatieschets", "inventaris", "bevindingen", "hlo-scan", "rollen", "naar-ontwerp"):
        assert f'id="{anchor}"' in text
    assert text.count('class="plotly-graph-div"') >= 8
    assert text.count("Plotly.newPlot") == text.count('class="plotly-graph-div"')


def test_report_is_offline_and_printable() -> None:
    """plotly.js is inlined once, no external scripts, and a print stylesheet exists."""
    text = diagnosis_report(load_case("zorg"), Vocabulary(region="VL"))
    assert not re.search(r"<script[^>]+src=", text)
    assert "@media print" in text
    assert text.count("window.Plotly") >= 1


def test_hostile_finding_is_text_in_the_report() -> None:
    case = load_case("zorg")
    hostile = case.model_copy(
        update={
            "name": HOSTILE,
            "findings": [
                Finding(
                    id="x", label="1", text=HOSTILE, place=FindingPlace(quadrant=1), perspectives=[Perspective.SOCIAL]
                )
            ],
        }
    )
    text = diagnosis_report(hostile, Vocabulary(region="VL"))
    assert HOSTILE not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_english_report() -> None:
    text = diagnosis_report(load_case("logistiek"), Vocabulary("en"))
    assert "Diagnosis report" in text
    assert "Situation sketch" in text
    assert '<html lang="en">' in text


def test_findings_link_to_perspectives() -> None:
    """Each finding shows the perspectives it calls for: the input of the design phase."""
    table = findings_table(load_case("zorg"), Vocabulary(region="VL"))
    assert list(table.columns) == ["Nr.", "Bevinding", "Plaats in het model", "Vraagt om ontwerp vanuit"]
    assert list(table["Nr."]) == ["a", "b", "c", "d", "e", "f"]
    assert table.loc[1, "Plaats in het model"] == "kwadrant 1"


def test_report_is_written_atomically_where_the_index_expects_it(tmp_path: Path) -> None:
    case = load_case("servicemedewerker")
    path = write_diagnosis_report(case, Vocabulary(), tmp_path)
    assert path == report_path(tmp_path, DIAGNOSE, "nl", case.id) == tmp_path / "servicemedewerker" / "diagnose.html"
    assert not list(path.parent.glob(".*.tmp"))
    assert report_path(tmp_path, DIAGNOSE, "en", case.id).name == "diagnose.en.html"


def test_a_report_in_a_set_loads_the_shared_plotly_js(tmp_path: Path) -> None:
    """A report beside the set's plotly.min.js refers to it relatively and shrinks to a fraction; once only."""
    path = write_diagnosis_report(load_case("zorg"), Vocabulary(region="VL"), tmp_path)
    alone = path.stat().st_size
    bundle = write_plotly_js(tmp_path)
    assert bundle == tmp_path / PLOTLY_JS_NAME
    assert bundle.read_text(encoding="utf-8") == get_plotlyjs()
    assert share_plotly_js(path, bundle)
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]+src=\"([^\"]+)\"", text) == ["../plotly.min.js"]
    assert "window.Plotly" not in text
    assert text.count("Plotly.newPlot") >= 8  # the figures are all still there
    assert path.stat().st_size * 10 < alone
    assert not share_plotly_js(path, bundle)  # shared already: left as it is


def test_reports_are_readable_by_others(tmp_path: Path) -> None:
    """Reports are meant to be shared: not the 0600 of a temporary file."""
    path = write_diagnosis_report(load_case("zorg"), Vocabulary(region="VL"), tmp_path)
    assert path.stat().st_mode & 0o044 == 0o044


def test_report_leads_the_role_section_with_three_findings_and_hides_the_rest() -> None:
    """The role section opens with the three headlines; bridge persons and the rest sit in <details>."""
    text = diagnosis_report(load_case("servicemedewerker"), Vocabulary())
    roles = text[text.index('id="rollen"') : text.index('id="naar-ontwerp"')]
    headlines = roles[roles.index('class="hlo-items hlo-headlines"') : roles.index("<details>")]
    assert headlines.count("<li>") == 3
    assert "Veel loopt via Docent mboRijnland" in headlines
    assert "Een brugpersoon verbindt school en werk" in roles[roles.index("<details>") :]


def test_report_names_the_scan_session_it_compares() -> None:
    """The largest disagreement is that of the latest session, and says which date that is."""
    text = diagnosis_report(load_case("servicemedewerker"), Vocabulary())
    assert "Grootste verschil in de sessie van 20-06-2023" in text
