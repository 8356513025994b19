"""The design phase without a browser: widgets, saving, escaping, the report and the notebook."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DESIGN, report_path
from hlo_design.casefile.loading import load_case
from hlo_design.model.design_plan import DecisionStatus, DesignPlan
from hlo_design.model.leerfiche import LeerficheComponent
from hlo_design.model.perspectives import Perspective
from hlo_design.phases.design.report import design_report, write_design_report
from hlo_design.ui.decisions_editor import DecisionEditor
from hlo_design.ui.downloads import data_uri_link
from hlo_design.ui.leerfiche_editor import NO_GOAL, LeerficheEditor
from hlo_design.ui.variants_editor import CURRENT, VariantEditor
from tests.helpers import EXAMPLE_CASES, HOSTILE
from tests.helpers import HOSTILE_ESCAPED as ESCAPED


def _arrows(editor: VariantEditor) -> int:
    return sum(1 for a in editor.map.figure.layout.annotations if a.showarrow and a.axref == "x")


# ---------------------------------------------------------------- variants: sliding on the axes


def test_sliding_an_activity_draws_an_arrow_and_changes_the_bars() -> None:
    """A slider move (as the browser sends it) moves the point, adds an arrow and shifts the after-bars."""
    case = load_case("zorg")
    editor = VariantEditor(case, Vocabulary(region="VL"))
    activity = case.activities[0]
    bars_before = list(editor.bars.figure.data[1].y)
    assert _arrows(editor) == 0
    _, context, _ = editor.sliders[activity.id]
    context.value = 0.9
    assert _arrows(editor) == 1
    assert list(editor.bars.figure.data[1].y) != bars_before
    assert list(editor.bars.figure.data[0].y) == bars_before  # "before" stays
    form, _, _ = editor.sliders[activity.id]
    form.value = 0.8  # the fast path: point, arrow and bars follow again
    arrow = next(a for a in editor.map.figure.layout.annotations if a.showarrow and a.axref == "x")
    assert (arrow.x, arrow.y) == (0.9, 0.8)
    assert any(
        activity.id in (t.customdata or ()) and (0.9, 0.8) in zip(t.x, t.y, strict=True) for t in editor.map.figure.data
    )


def test_sliding_back_removes_the_move() -> None:
    case = load_case("logistiek")
    editor = VariantEditor(case, Vocabulary())
    activity = case.activities[0]
    assert editor.move(activity.id, context=0.9)
    assert editor.move(activity.id, context=activity.position.context)
    assert editor.moves == {}
    assert _arrows(editor) == 0


def test_fast_path_matches_a_full_redraw() -> None:
    """The incremental update draws what a rebuild from figures.variants draws."""
    case = load_case("zorg")
    editor = VariantEditor(case, Vocabulary(region="VL"))
    editor.move(case.activities[0].id, context=0.9)
    editor.move(case.activities[1].id, form=0.7, context=0.2)
    editor.move(case.activities[1].id, form=0.6)
    fast = (editor.bars.figure.data[1].y, [(a.x, a.y, a.ax, a.ay) for a in editor.map.figure.layout.annotations])
    editor.redraw()
    assert (
        editor.bars.figure.data[1].y,
        [(a.x, a.y, a.ax, a.ay) for a in editor.map.figure.layout.annotations],
    ) == fast


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"form": 1.7}, "outside [-1, 1]"),  # a tampered slider value
        ({"hours": -3}, "outside [0, 80]"),  # negative hours
        ({"hours": 500}, "outside [0, 80]"),  # more hours than a week has
    ],
)
def test_invalid_moves_are_refused(changes: dict[str, float], message: str) -> None:
    case = load_case("zorg")
    editor = VariantEditor(case, Vocabulary(region="VL"))
    assert not editor.move(case.activities[0].id, **changes)
    assert editor.moves == {}
    assert message in editor.status.text


def test_unknown_activity_and_base_are_refused() -> None:
    """Widget values are untrusted: ids not in the case are refused with an escaped message."""
    editor = VariantEditor(load_case("zorg"), Vocabulary(region="VL"))
    assert not editor.move(HOSTILE, form=0.1)
    assert HOSTILE not in editor.status.text
    assert not editor.choose_base(HOSTILE)
    assert editor.base.value == CURRENT


def test_choosing_a_saved_variant_as_base_puts_the_sliders_there() -> None:
    case = load_case("zorg")
    editor = VariantEditor(case, Vocabulary(region="VL"))
    editor.base.value = "praktijk_naar_school"
    variant = (case.design or DesignPlan()).variant("praktijk_naar_school")
    assert _arrows(editor) == len(variant.moves)
    form, context, _ = editor.sliders[variant.moves[0].activity]
    assert (form.value, context.value) == (variant.moves[0].position.form, variant.moves[0].position.context)


def test_save_variant_adds_a_new_variant_and_keeps_a_backup(cases_dir: Path) -> None:
    """Save as new variant: the file has it (fresh id, our name), earlier variants untouched, .bak exists."""
    path = cases_dir / "zorg.yaml"
    case = load_case(path)
    editor = VariantEditor(case, Vocabulary(region="VL"), path)
    activity = case.activities[2]
    editor.move(activity.id, form=0.55, context=0.65, hours=3)
    editor.name.value = f"Meer praktijk {HOSTILE}"
    saved = editor.save()
    assert saved is not None
    on_disk = load_case(path).design
    assert on_disk is not None
    ids = [v.id for v in on_disk.variants]
    assert ids[:-1] == [v.id for v in (case.design or DesignPlan()).variants]
    new = on_disk.variant(saved.id)
    assert new.name == f"Meer praktijk {HOSTILE}"
    assert [(m.activity, m.position.form, m.position.context, m.hours_per_week) for m in new.moves] == [
        (activity.id, 0.55, 0.65, 3)
    ]
    assert path.with_name("zorg.yaml.bak").exists()
    assert "opgeslagen" in editor.status.text
    assert HOSTILE not in editor.status.text
    assert editor.base.value == saved.id
    assert len(editor.comparison.figure.data) == len(ids) + 1


def test_two_saves_never_overwrite_each_other(cases_dir: Path) -> None:
    """Two people in two tabs save a variant: both land, under different ids."""
    path = cases_dir / "logistiek.yaml"
    case = load_case(path)
    first, second = VariantEditor(case, Vocabulary(), path), VariantEditor(case, Vocabulary(), path)
    first.move(case.activities[0].id, context=0.5)
    second.move(case.activities[1].id, form=0.5)
    a, b = first.save(), second.save()
    assert a is not None
    assert b is not None
    assert a.id != b.id
    variants = (load_case(path).design or DesignPlan()).variants
    assert {a.id, b.id} <= {v.id for v in variants}


def test_saved_variant_shows_up_in_the_report(cases_dir: Path) -> None:
    """Done when: slide, save the variant, and the report shows it."""
    path = cases_dir / "zorg.yaml"
    editor = VariantEditor(load_case(path), Vocabulary(region="VL"), path)
    editor.move(load_case(path).activities[0].id, context=0.9)
    editor.name.value = "Variant uit de bijeenkomst"
    editor.save()
    text = design_report(load_case(path), Vocabulary(region="VL"))
    assert "Variant uit de bijeenkomst" in text


def test_empty_variant_name_is_refused(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    editor = VariantEditor(load_case(path), Vocabulary(region="VL"), path)
    editor.name.value = "   "
    assert editor.save() is None
    assert "name" in editor.status.text


# ---------------------------------------------------------------- decisions per perspective


def test_decision_changes_update_the_overview_live() -> None:
    """Dropping the only carrying decision of a perspective empties it in the overview."""
    case = load_case("zorg")
    editor = DecisionEditor(case, Vocabulary(region="VL"))
    assert "draagt het ontwerp" in editor.overview.value
    material = [d for d in editor.decisions if d.perspective is Perspective.MATERIAL]
    for decision in material:
        assert editor.update(decision.id, status="dropped")
    row = re.search(r'<tr class="hlo-overview-material">.*?</tr>', editor.overview.value)
    assert row is not None
    assert "leeg" in row.group(0)
    assert "weinig_reflectie" in editor.unanswered.value or "zonder ontwerpkeuze" in editor.unanswered.value


def test_add_decision_with_a_catalogue_option_and_save(cases_dir: Path) -> None:
    path = cases_dir / "logistiek.yaml"
    case = load_case(path)
    editor = DecisionEditor(case, Vocabulary(), path)
    new = editor.add(Perspective.SPATIAL)
    assert editor.update(new.id, option="ruim_third_spaces", text=HOSTILE, status="agreed",
                         findings=[case.findings[0].id])  # fmt: skip
    assert editor.set_situation(Perspective.SPATIAL, "Alles in het schoolgebouw")
    editor.delete((case.design or DesignPlan()).decisions[0].id)
    editor.save_bar.save()
    saved = load_case(path).design
    assert saved is not None
    decision = next(d for d in saved.decisions if d.id == new.id)
    assert decision.text == HOSTILE
    assert decision.status is DecisionStatus.AGREED
    assert (case.design or DesignPlan()).decisions[0].id not in {d.id for d in saved.decisions}
    assert any(s.current_situation == "Alles in het schoolgebouw" for s in saved.perspectives)
    assert path.with_name("logistiek.yaml.bak").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"option": "ruim_third_spaces"}, "hoort niet bij"),  # an option of another perspective
        ({"findings": ["bestaat-niet"]}, "bestaat niet"),  # a finding the case does not have
        ({"status": "klaar"}, "status"),  # not a status
        ({"level": "kosmisch"}, "level"),  # not a level
        ({"text": ""}, "at least 1 character"),  # empty text
    ],
)
def test_invalid_decision_values_are_refused(changes: dict[str, object], message: str) -> None:
    case = load_case("zorg")
    editor = DecisionEditor(case, Vocabulary(region="VL"))
    decision = next(d for d in editor.decisions if d.perspective is Perspective.CONTENT)
    assert not editor.update(decision.id, **changes)
    assert editor.decisions[editor._index(decision.id)] == decision
    assert message in editor.status.text


def test_hostile_finding_text_is_escaped_in_the_unanswered_list() -> None:
    """A finding without decision is listed with its text escaped."""
    case = load_case("zorg")
    hostile_case = case.model_copy(update={"findings": [case.findings[0].model_copy(update={"text": HOSTILE})]})
    editor = DecisionEditor(hostile_case, Vocabulary(region="VL"))
    for decision in list(editor.decisions):
        editor.delete(decision.id)
    assert HOSTILE not in editor.unanswered.value
    assert ESCAPED in editor.unanswered.value


# ---------------------------------------------------------------- leerfiche


def test_leerfiche_fill_in_completeness_download_and_save(cases_dir: Path) -> None:
    path = cases_dir / "servicemedewerker.yaml"
    case = load_case(path)
    editor = LeerficheEditor(case, Vocabulary(), path)
    fiche = editor.add()
    assert "0%" in editor.completeness.value
    editor.boxes[LeerficheComponent.REFLECTION].value = HOSTILE
    assert "9%" in editor.completeness.value
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", editor.download.value)
    assert encoded is not None
    page = base64.b64decode(encoded.group(1)).decode("utf-8")
    assert ESCAPED in page
    assert HOSTILE not in page
    editor.save_bar.save()
    saved = next(f for f in load_case(path).leerfiches if f.id == fiche.id)
    assert saved.text(LeerficheComponent.REFLECTION) == HOSTILE


def test_leerfiche_goal_is_chosen_from_the_focus_goals_and_merges_with_a_colleagues_title(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    before = path.read_text(encoding="utf-8")
    mine, theirs = (
        LeerficheEditor(load_case(path), Vocabulary(region="VL"), path),
        LeerficheEditor(load_case(path), Vocabulary(region="VL"), path),
    )
    goals = [g.id for g in (mine.case.design or DesignPlan()).goals]
    fiche = mine.current
    assert fiche is not None
    assert [value for _, value in mine.goal.options][: len(goals) + 1] == [NO_GOAL, *goals]
    assert mine.goal.value == fiche.goal  # zorg's sheet names its goal in words: kept as an option
    mine.goal.value = goals[-1]
    assert mine.save_bar.unsaved
    theirs.title.value = "Een nieuwe titel"
    theirs.save_bar.save()
    mine.save_bar.save()
    assert not mine.save_bar.conflicts.children
    saved = next(f for f in load_case(path).leerfiches if f.id == fiche.id)
    assert (saved.goal, saved.title) == (goals[-1], "Een nieuwe titel")
    after = path.read_text(encoding="utf-8")
    assert all(line in after for line in before.splitlines() if line.strip().startswith("#"))  # comments kept
    mine.goal.value = NO_GOAL
    mine.save_bar.save()
    assert next(f for f in load_case(path).leerfiches if f.id == fiche.id).goal is None


def test_leerfiche_goal_written_in_words_stays_choosable() -> None:
    case = load_case("zorg")
    fiche = case.leerfiches[0].model_copy(update={"goal": "Zelf bedacht doel"})
    editor = LeerficheEditor(case.model_copy(update={"leerfiches": [fiche]}), Vocabulary(region="VL"))
    assert editor.goal.value == "Zelf bedacht doel"
    assert "geen leerdoel van de focus" in editor.goal.options[-1][0]
    assert not editor.save_bar.unsaved


def test_leerfiche_refuses_too_long_text() -> None:
    editor = LeerficheEditor(load_case("zorg"), Vocabulary(region="VL"))
    box = editor.boxes[LeerficheComponent.CONCERNS]
    before = box.value
    box.value = "x" * 6000
    assert box.value == before
    assert "5000" in editor.status.text


def test_data_uri_link_escapes_the_name() -> None:
    link = data_uri_link("<p>x</p>", f"{HOSTILE}.html", HOSTILE)
    assert HOSTILE not in link


# ---------------------------------------------------------------- report


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_report_has_every_section(case_id: str) -> None:
    case = load_case(case_id)
    text = design_report(case, Vocabulary("nl", case.region))
    for anchor in ("focus", "perspectieven", "student-journey", "schuiven", "ritme", "leerfiche", "reflectieweb"):
        assert f'id="{anchor}"' in text
    assert "Ontwerprapport" in text
    assert text.count("Plotly.newPlot") == text.count('class="plotly-graph-div"') >= 3


def test_report_is_offline_and_printable() -> None:
    text = design_report(load_case("zorg"), Vocabulary(region="VL"))
    assert not re.search(r"<script[^>]+src=", text)
    assert "@media print" in text
    assert text.count('class="plotly-graph-div"') >= 8  # journey, coverage, 2×2 variants, comparison, rhythm, radar


def test_hostile_text_is_text_in_the_report() -> None:
    case = load_case("zorg")
    plan = case.design or DesignPlan()
    decision = plan.decisions[0].model_copy(update={"text": HOSTILE, "owner": HOSTILE})
    variant = plan.variants[0].model_copy(update={"name": HOSTILE, "note": HOSTILE})
    fiche = case.leerfiches[0].model_copy(update={"title": HOSTILE})
    hostile = case.model_copy(
        update={
            "name": HOSTILE,
            "design": plan.model_copy(update={"decisions": [decision, *plan.decisions[1:]], "variants": [variant]}),
            "leerfiches": [fiche],
        }
    )
    text = design_report(hostile, Vocabulary(region="VL"))
    assert HOSTILE not in text
    assert ESCAPED in text


def test_english_report() -> None:
    text = design_report(load_case("logistiek"), Vocabulary("en"))
    assert "Design report" in text
    assert "Five design perspectives" in text
    assert '<html lang="en">' in text


def test_report_written_where_the_batch_expects_it(tmp_path: Path) -> None:
    case = load_case("energietransitie")
    path = write_design_report(case, Vocabulary(), tmp_path)
    assert path == report_path(tmp_path, DESIGN, "nl", case.id) == tmp_path / "energietransitie" / "design.html"
    assert report_path(tmp_path, DESIGN, "en", case.id).name == "design.en.html"
    assert not list(path.parent.glob(".*.tmp"))


# ---------------------------------------------------------------- the notebook under papermill
