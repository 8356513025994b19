"""The meeting widgets, driven without a browser: validation, live figures, saving, escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hlo_design.analysis.design_coverage import activities_in_use
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.scan import ScanGroup
from hlo_design.phases.start.sections import CaseExplorer, landing_html
from hlo_design.ui import ActivityEditor, FindingsEditor
from hlo_design.ui.scan_editor import ScanEditor
from tests.helpers import HOSTILE


def _trace_point(editor: ActivityEditor | FindingsEditor, activity_id: str) -> tuple[float, float]:
    for trace in editor.map.figure.data:
        if trace.customdata is not None and activity_id in trace.customdata:
            index = list(trace.customdata).index(activity_id)
            return trace.x[index], trace.y[index]
    raise AssertionError(activity_id)


def test_moving_an_activity_moves_its_marker_and_the_hours() -> None:
    """A slider move updates the map point and the summary bars."""
    case = load_case("zorg")
    editor = ActivityEditor(case, Vocabulary(region="VL"))
    activity = case.activities[0]
    before = list(editor.summary.figure.data[0].x)
    assert editor.move(activity.id, form=0.9, context=0.9)
    assert _trace_point(editor, activity.id) == (0.9, 0.9)  # x = context, y = form
    assert list(editor.summary.figure.data[0].x) != before


def test_the_findings_map_follows_a_slider_move_in_the_inventory() -> None:
    """The page's second map (findings) draws the inventory's working positions and legend, not the saved ones."""
    case = load_case("zorg")
    inventory = ActivityEditor(case, Vocabulary())
    findings = FindingsEditor(case, Vocabulary())
    inventory.lead(findings.follow)
    activity = case.activities[0]
    assert inventory.move(activity.id, form=0.9, context=0.9)
    assert _trace_point(findings, activity.id) == _trace_point(inventory, activity.id) == (0.9, 0.9)
    inventory.update(activity.id, name="Hernoemd")
    assert "Hernoemd" in findings.map.legend.value


def test_sliders_in_a_row_drive_the_editor() -> None:
    """Setting a row's context slider (as a browser would) moves the activity."""
    case = load_case("logistiek")
    editor = ActivityEditor(case, Vocabulary())
    row = editor.rows.children[0]
    context_slider = row.children[4]
    context_slider.value = 0.75
    assert editor.activities[0].position.context == 0.75
    assert "<b>" in row.children[5].value  # the quadrant badge


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("form", 1.7, "outside [-1, 1]"),  # a tampered slider value
        ("hours_per_week", -2, "outside [0, 80]"),  # negative hours
        ("name", "", "at least 1 character"),  # empty name
        ("environment", "nergens", "bestaat niet"),  # an environment that is not in the case
    ],
)
def test_invalid_values_are_refused_with_a_message(field: str, value: object, message: str) -> None:
    """Untrusted widget values never reach the data: the change is refused and explained."""
    case = load_case("zorg")
    editor = ActivityEditor(case, Vocabulary(region="VL"))
    assert not editor.update(case.activities[0].id, **{field: value})
    assert editor.activities[0] == case.activities[0]
    assert message in editor.status.text


def test_hostile_names_are_escaped_in_status_and_map() -> None:
    case = load_case("zorg")
    editor = ActivityEditor(case, Vocabulary(region="VL"))
    assert editor.update(case.activities[0].id, name=HOSTILE)
    assert all(HOSTILE not in ((t.text and "".join(t.text)) or "") for t in editor.map.figure.data)
    editor.update(case.activities[0].id, environment=HOSTILE)
    assert "<img" not in editor.status.text


def test_add_delete_and_save_activities(tmp_path: Path, cases_dir: Path) -> None:
    """Added and deleted activities are saved, the rest of the case untouched."""
    path = cases_dir / "zorg.yaml"
    case = load_case(path)
    editor = ActivityEditor(case, Vocabulary(region="VL"), path)
    new = editor.add()
    in_use = activities_in_use(case.design) if case.design else set()
    free = next(a.id for a in case.activities if a.id not in in_use)
    assert editor.delete(free)
    editor.save_bar.save()
    saved = load_case(path)
    assert new.id in {a.id for a in saved.activities}
    assert free not in {a.id for a in saved.activities}
    assert saved.findings == case.findings
    assert "Opgeslagen" in editor.save_bar.status.text
    assert path.with_name("zorg.yaml.bak").exists()


def test_activities_the_design_uses_cannot_be_deleted() -> None:
    """Deleting an activity a variant or the journey refers to is refused with a message."""
    case = load_case("zorg")
    assert case.design is not None
    used = sorted(activities_in_use(case.design))[0]
    editor = ActivityEditor(case, Vocabulary(region="VL"))
    assert not editor.delete(used)
    assert used in {a.id for a in editor.activities}
    assert "ontwerp" in editor.status.text


def test_findings_editor_adds_places_reorders_and_saves(cases_dir: Path) -> None:
    """The group's finding edits land in the file in the group's order."""
    path = cases_dir / "zorg.yaml"
    case = load_case(path)
    editor = FindingsEditor(case, Vocabulary(region="VL"), path)
    new = editor.add()
    assert editor.update(new.id, text=HOSTILE, perspectives=["temporal"])
    assert editor.place(new.id, "3")
    editor.move_up(new.id)
    assert not editor.place(new.id, "kwadrant vijf")
    editor.save_bar.save()
    saved = load_case(path)
    assert [f.id for f in saved.findings][-2] == new.id
    finding = next(f for f in saved.findings if f.id == new.id)
    assert finding.text == HOSTILE
    assert finding.place.quadrant == 3
    assert [p.value for p in finding.perspectives] == ["temporal"]


def test_finding_at_a_position_follows_its_sliders() -> None:
    case = load_case("zorg")
    editor = FindingsEditor(case, Vocabulary(region="VL"))
    finding = case.findings[0]
    assert editor.place(finding.id, "position", form=0.4, context=-0.6)
    placed = editor.findings[0].place.position
    assert placed is not None
    assert (placed.form, placed.context) == (0.4, -0.6)


def test_scan_editor_saves_only_what_the_group_answers_in_a_new_session(cases_dir: Path) -> None:
    """A new session starts empty with the earlier answers as hints; a partial re-scan saves only its answers."""
    path = cases_dir / "zorg.yaml"
    case = load_case(path)
    today = dt.date(2026, 11, 22)
    editor = ScanEditor(case, Vocabulary(region="VL"), path, today=today)
    earlier = len(case.scans)
    assert editor.scan.entries == []
    hint = editor.cells[(Level.OPERATIONAL, Perspective.TEMPORAL)][1].placeholder
    assert hint.startswith("vorige keer (2022-06-14): ")
    assert editor.set_cell(Level.OPERATIONAL, Perspective.TEMPORAL, "hybridisering", "nieuw rooster")
    editor.save_bar.save()
    saved = load_case(path)
    assert len(saved.scans) == earlier + 1
    newest = [s for s in saved.scans if s.date == today]
    assert newest[0].group is ScanGroup.TEACHERS
    assert [(e.level, e.perspective) for e in newest[0].entries] == [(Level.OPERATIONAL, Perspective.TEMPORAL)]
    assert newest[0].entries[0].explanation == "nieuw rooster"
    reopened = ScanEditor(saved, Vocabulary(region="VL"), path, today=today)
    assert reopened.scan == newest[0]  # today's session is edited as it was saved


def test_scan_editor_refuses_unknown_positions() -> None:
    editor = ScanEditor(load_case("zorg"), Vocabulary(region="VL"))
    assert not editor.set_cell(Level.STRATEGIC, Perspective.CONTENT, "overal")
    assert "not a valid" in editor.status.text


def test_landing_lists_cases_and_broken_files_escaped(cases_dir: Path) -> None:
    """Every case gets a link per built phase; a broken file is listed with its error, escaped."""
    (cases_dir / "kapot.yaml").write_text(f"id: kapot\nname: {HOSTILE}\nregio: NL\n", encoding="utf-8")
    page = landing_html(Vocabulary(), cases_dir)
    assert page.count('data-phase="diagnose"') == 4
    assert "01_diagnose.ipynb?case=zorg&amp;language=nl" in page
    assert "kapot.yaml:3 regio: unknown field" in page
    assert "<img" not in page


def test_case_explorer_ignores_unknown_ids() -> None:
    explorer = CaseExplorer(Vocabulary())
    before = explorer.map.figure.layout.title.text
    explorer.show("bestaat-niet")
    assert explorer.map.figure.layout.title.text == before
    explorer.show("zorg")
    assert "Zorg" in explorer.map.figure.layout.title.text
