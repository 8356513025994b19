"""The valorisation phase and the overview: widgets without a browser, reports, notebooks and the batch."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import nbformat
import papermill
import pytest

from hlo_design.analysis.synthetic_cases import generate_cases
from hlo_design.app.batch import OVERVIEW, run_batch, write_index
from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import OVERVIEW as OVERVIEW_PHASE
from hlo_design.base.workflow import report_path
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import save_valorisation
from hlo_design.model.valorisation import ActionStatus, Corner, SuccessFactor
from hlo_design.phases.overview.report import overview_report
from hlo_design.phases.start.sections import landing_html
from hlo_design.phases.valorisation import report as phase
from hlo_design.render.overview_tables import FIGURE_LIMIT
from hlo_design.ui.action_plan_editor import ActionPlanEditor
from hlo_design.ui.corner_editor import CornerEditor
from hlo_design.ui.lesson_editor import LessonEditor
from hlo_design.ui.moments_editor import TestMomentEditor
from hlo_design.ui.overview_browser import DirectoryBrowser, OverviewDashboard
from tests.helpers import EXAMPLE_CASES, HOSTILE


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    """Outside a kernel, LiveFigure's display prints the figure; keep the test log readable."""
    with redirect_stdout(io.StringIO()):
        yield


# ---------------------------------------------------------------- editors


def test_test_moment_scores_redraw_the_chart_and_bad_numbers_are_refused() -> None:
    """Typing a score moves the 'after' marker; text that is no number is reverted with a message."""
    case = load_case("zorg")
    editor = TestMomentEditor(case, Vocabulary(region="VL"))
    moment = case.valorisation.test_moments[0]  # type: ignore[union-attr]
    typed = f"{moment.scale_max - 0.5:g}".replace(".", ",")  # a Dutch decimal comma
    assert editor.set_score(moment.id, "after", typed)
    after_trace = editor.chart.figure.data[-1]
    assert moment.scale_max - 0.5 in list(after_trace.x)
    assert not editor.set_score(moment.id, "after", "veel")
    assert "getal" in editor.status.text
    assert not editor.set_score(moment.id, "after", "99")  # off the scale
    assert editor.items[0].after == moment.scale_max - 0.5


def test_test_moment_row_controls_drive_the_editor() -> None:
    """Changing the group text in a row (as a browser would) changes the moment; an empty one is reverted."""
    editor = TestMomentEditor(load_case("zorg"), Vocabulary(region="VL"))
    row = editor.rows.children[0]
    group = row.children[0].children[2].children[1]
    group.value = "Klas 7B"
    assert editor.items[0].group == "Klas 7B"
    group.value = ""
    assert group.value == "Klas 7B"
    assert "⚠" in editor.status.text


def test_added_test_moment_is_saved_and_merged_with_another_tab(cases_dir: Path) -> None:
    """Two editors add a moment each and save: both moments are in the file."""
    path = cases_dir / "logistiek.yaml"
    first = TestMomentEditor(load_case(path), Vocabulary(), path)
    second = TestMomentEditor(load_case(path), Vocabulary(), path)
    first.add()
    second.add()
    second.update(second.items[-1].id, group="Tweede groep")
    first.save_bar.save()
    second.save_bar.save()
    assert "✓" in second.save_bar.status.text
    moments = load_case(path).valorisation.test_moments  # type: ignore[union-attr]
    assert len(moments) == 3
    assert "Tweede groep" in {m.group for m in moments}


def test_lesson_needs_an_audience_and_tags_perspectives() -> None:
    """Removing the last audience is refused (toggle flips back); a perspective toggle tags the lesson."""
    editor = LessonEditor(load_case("logistiek"), Vocabulary())
    lesson = editor.add()
    row = editor.rows.children[-1]
    audience_toggles = row.children[2].children[1].children
    assert audience_toggles[0].value is True
    audience_toggles[0].value = False
    assert audience_toggles[0].value is True
    assert editor.items[-1].audience == lesson.audience
    perspective_toggle = row.children[1].children[0].children[1]  # social
    perspective_toggle.value = True
    assert [p.value for p in editor.items[-1].perspectives] == ["social"]


def test_corner_slider_and_evidence_update_the_figure_and_save(cases_dir: Path) -> None:
    """Strength follows the slider in the figure; evidence one per line; saved under the lock."""
    path = cases_dir / "servicemedewerker.yaml"
    editor = CornerEditor(load_case(path), Vocabulary(), path)
    slider, evidence = editor.rows.children[0].children[1].children
    slider.value = 4
    assert editor.chart.figure.data[0].y[0] == 4
    evidence.value = "eerste\n\n tweede "
    assert editor.corners[Corner.RISE_ABOVE].evidence == ["eerste", "tweede"]  # type: ignore[union-attr]
    assert not editor.update("verzonnen", strength=1)
    editor.save_bar.save()
    saved = load_case(path).valorisation.corner(Corner.RISE_ABOVE)  # type: ignore[union-attr]
    assert saved is not None
    assert (saved.strength, saved.evidence) == (4, ["eerste", "tweede"])


def test_action_plan_status_checklist_and_save(cases_dir: Path) -> None:
    """An action's status moves its bar; a success factor gets a status; both land in the file."""
    path = cases_dir / "energietransitie.yaml"
    editor = ActionPlanEditor(load_case(path), Vocabulary(region="VL"), path)
    assert len(editor.areas_box.children) == 3
    action = editor.actions[0]
    done_before = sum(int(x) for x in editor.chart.figure.data[2].x)
    assert editor.update_action(action.id, status="done")
    assert sum(int(x) for x in editor.chart.figure.data[2].x) == done_before + 1
    assert not editor.update_action(action.id, owner="")
    assert editor.set_factor(SuccessFactor.TRUST, "present", "goed")
    assert not editor.set_factor(SuccessFactor.TRUST, "half")
    new = editor.add_action(editor.areas[0].id)
    assert new is not None
    assert editor.add_action("bestaat-niet") is None
    editor.save_bar.save()
    assert "✓" in editor.save_bar.status.text, editor.save_bar.status.text
    saved = load_case(path).valorisation
    assert saved is not None
    assert next(a for a in saved.actions if a.id == action.id).status is ActionStatus.DONE
    assert next(f for f in saved.success_factors if f.factor is SuccessFactor.TRUST).note == "goed"
    assert new.id in {a.id for a in saved.actions}
    assert len(saved.competences) == 12  # parts the editor does not touch are kept


def test_save_valorisation_refuses_unknown_parts(cases_dir: Path) -> None:
    with pytest.raises(ValueError, match="cannot save"):
        save_valorisation(cases_dir / "zorg.yaml", {"competences": []})


def test_hostile_text_in_widgets_is_escaped() -> None:
    """Lesson text and corner evidence are plain values; the HTML headings escape the corner names."""
    case = load_case("zorg")
    editor = CornerEditor(case, Vocabulary(region="VL"))
    editor.update(Corner.RISE_ABOVE, evidence=[HOSTILE])
    assert HOSTILE not in editor.rows.children[0].children[0].value
    browser = DirectoryBrowser(Vocabulary())
    browser.search.value = HOSTILE
    assert "<img" not in browser.results.value


# ---------------------------------------------------------------- overview widgets


def test_overview_filter_changes_the_table_and_refuses_unknown_values() -> None:
    cases = [load_case(c) for c in EXAMPLE_CASES]
    dashboard = OverviewDashboard(cases, Vocabulary())
    assert dashboard.table.value.count("<tr>") == 4  # body rows (the header row has a style)
    dashboard.region.value = "VL"
    assert dashboard.table.value.count("<tr>") == 2
    assert len(dashboard.figures["quadrants"].figure.data[0].x) == 2
    dashboard.filter("Transport en logistiek", "")
    assert dashboard.table.value.count("<tr>") == 1
    dashboard.filter("<script>", "")
    assert dashboard.sector.value == "Transport en logistiek"


def test_overview_over_many_cases_limits_figures_and_table() -> None:
    cases = [load_case(c) for c in EXAMPLE_CASES] + generate_cases(120, seed=1)
    dashboard = OverviewDashboard(cases, Vocabulary())
    assert len(dashboard.figures["quadrants"].figure.data[0].x) == FIGURE_LIMIT
    assert "124" in dashboard.count.value
    assert "eerste 60 van 124" in dashboard.table.value


def test_directory_narrows_both_ways_and_searches() -> None:
    """Category → topics in it; topic → categories with it; a word finds an entry."""
    browser = DirectoryBrowser(Vocabulary())
    all_topics = len(browser.topic.options)
    browser.category.value = "simulation_environment"
    assert 1 < len(browser.topic.options) < all_topics
    browser.category.value = ""
    browser.topic.value = "simulatie"
    categories = [value for _, value in browser.category.options]
    assert "simulation_environment" in categories
    assert len(categories) < 5
    browser.topic.value = ""
    browser.search.value = "Turnhout"
    assert 'class="hlo-directory-result"' in browser.results.value
    browser.search.value = "zzzz-niets"
    assert "Niets gevonden" in browser.results.value


def test_landing_page_links_the_overview() -> None:
    assert 'class="hlo-overview-link"' in landing_html(Vocabulary())
    assert 'href="04_overzicht.ipynb?language=en"' in landing_html(Vocabulary("en"))


# ---------------------------------------------------------------- reports


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_valorisation_report_has_every_section(case_id: str) -> None:
    case = load_case(case_id)
    text = phase.valorisation_report(case, Vocabulary("nl", case.region))
    for anchor in ("testmomenten", "lessen", "hoekpunten", "actieplan", "lerend-netwerk"):
        assert f'id="{anchor}"' in text
    assert "Valorisatierapport" in text
    assert not re.search(r"<script[^>]+src=", text)  # offline
    assert "@media print" in text


def test_energietransitie_report_carries_three_areas_and_the_competence_table() -> None:
    case = load_case("energietransitie")
    text = phase.valorisation_report(case, Vocabulary("en", case.region))
    assert "Valorisation report" in text
    for area in case.valorisation.action_areas:  # type: ignore[union-attr]
        assert area.name in text
    assert text.count("<td>technical</td>") + text.count("<td>21st-century</td>") == 12


def test_hostile_lesson_is_text_in_the_report(tmp_path: Path) -> None:
    case = load_case("zorg")
    valorisation = case.valorisation
    assert valorisation is not None
    lesson = valorisation.lessons[0].model_copy(update={"text": HOSTILE})
    hostile = case.model_copy(
        update={"name": HOSTILE, "valorisation": valorisation.model_copy(update={"lessons": [lesson]})}
    )
    text = phase.valorisation_report(hostile, Vocabulary(region="VL"), generated=dt.datetime(2024, 1, 1))
    assert HOSTILE not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    path = phase.write_valorisation_report(hostile, Vocabulary("en", "VL"), tmp_path)
    assert path == tmp_path / "zorg" / "valorisation.en.html"


def test_overview_report_is_offline_and_escaped() -> None:
    cases = [load_case(c) for c in EXAMPLE_CASES]
    hostile = cases[0].model_copy(update={"id": "xss", "name": HOSTILE})
    text = overview_report([hostile, *cases[1:]], Vocabulary("en"))
    assert HOSTILE not in text
    assert "Overview of all cases" in text
    assert not re.search(r"<script[^>]+src=", text)
    assert text.count('class="plotly-graph-div"') == 5
    assert report_path(Path("out"), OVERVIEW_PHASE, "en") == Path("out/overview.en.html")


# ---------------------------------------------------------------- notebooks and the batch


def _errors(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return [
        o.get("ename", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]


@pytest.mark.notebook
def test_overview_notebook_runs_in_english_with_generated_cases(tmp_path: Path) -> None:
    output = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "04_overzicht.ipynb"), str(output),
        parameters={"language": "en", "output_dir": str(tmp_path), "generated_cases": 20},
        cwd=str(NOTEBOOKS_DIR), progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    assert _errors(output) == []
    text = (tmp_path / "overview.en.html").read_text(encoding="utf-8")
    assert "24 learning environments" in text


@pytest.mark.notebook
def test_batch_all_runs_three_phases_per_case_then_the_overview(tmp_path: Path) -> None:
    """--phase all: 4 cases × 3 reports, one overview, and an index that links all of them."""
    results = run_batch("all", None, tmp_path, workers=2)
    assert all(r.ok for r in results), [(r.case, r.phase, r.reason) for r in results]
    assert len(results) == 4 * 3 + 1
    assert results[-1].phase == OVERVIEW
    for case_id in EXAMPLE_CASES:
        for report in ("diagnose", "design", "valorisation"):
            assert (tmp_path / case_id / f"{report}.html").exists()
    assert (tmp_path / "overview.html").exists()
    index = write_index(results, tmp_path, Vocabulary()).read_text(encoding="utf-8")
    assert 'class="hlo-overview" href="overview.html"' in index
    for case_id in EXAMPLE_CASES:
        assert f'href="{case_id}/valorisation.html"' in index
    assert "Begin hier" in index
