"""The situation editors: name/sector/region, environments, actors and sources, edited and saved from the dashboard."""

from __future__ import annotations

from pathlib import Path

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.ui.activity_editor import ActivityEditor
from hlo_design.ui.save_bar import PageSave
from hlo_design.ui.situation_editor import ActorEditor, BasicsEditor, EnvironmentEditor, SourceEditor

HOSTILE = "<img src=x onerror=alert(1)>"
CASE = "energietransitie.yaml"


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_an_environment_is_added_with_an_id_from_its_name_changed_and_deleted(cases_dir: Path) -> None:
    path = cases_dir / CASE
    editor = EnvironmentEditor(load_case(path), Vocabulary(), path)
    assert editor.add("  ") is None
    assert "naam" in editor.status.text
    added = editor.add("ROC Midden")
    assert added is not None
    assert added.id == "roc-midden"
    assert editor.add("ROC Midden").id == "roc-midden-2"  # type: ignore[union-attr]
    assert editor.update("roc-midden", kind="school")
    assert not editor.update("roc-midden", kind="castle")  # refused by the model, reported
    assert editor.delete("roc-midden-2")
    editor.save_bar.save()
    saved = {e.id: e for e in load_case(path).environments}
    assert saved["roc-midden"].kind == "school"
    assert "roc-midden-2" not in saved


def test_deleting_an_environment_with_activities_is_refused_with_the_reason(cases_dir: Path) -> None:
    path = cases_dir / CASE
    case = load_case(path)
    editor = EnvironmentEditor(case, Vocabulary(), path)
    used = case.activities[0].environment
    assert not editor.delete(used)
    assert "leeractiviteiten" in editor.status.text
    assert used in {e.id for e in editor.items}


def test_deleting_an_actor_with_stickers_is_refused_and_an_unused_one_goes(cases_dir: Path) -> None:
    path = cases_dir / CASE
    case = load_case(path)
    editor = ActorEditor(case, Vocabulary(), path)
    stuck = case.role_map.stickers[0].actor  # type: ignore[union-attr]
    assert not editor.delete(stuck)
    assert "beeldplaat" in editor.status.text
    new = editor.add("Stagiairs")
    assert new is not None
    assert editor.update(new.id, type="learner", count=12)
    assert editor.delete(new.id)
    assert new.id not in {a.id for a in editor.items}


def test_deleting_a_source_still_named_is_refused(cases_dir: Path) -> None:
    path = cases_dir / CASE
    case = load_case(path)
    editor = SourceEditor(case, Vocabulary(), path)
    used = next(a.source for a in case.actors if a.source)
    assert not editor.delete(used)
    assert "betrokkenen" in editor.status.text


def test_two_tabs_adding_actors_both_keep_theirs_and_comments_stay(cases_dir: Path) -> None:
    path = cases_dir / CASE
    comments = _comments(path.read_text(encoding="utf-8"))
    first = ActorEditor(load_case(path), Vocabulary(), path)
    second = ActorEditor(load_case(path), Vocabulary(), path)
    first.add("Stagiairs")
    second.add(HOSTILE)
    second.save_bar.save()
    first.save_bar.save()
    names = [a.name for a in load_case(path).actors]
    assert "Stagiairs" in names
    assert HOSTILE in names
    assert not first.save_bar.conflicts.children
    assert _comments(path.read_text(encoding="utf-8")) == comments


def test_basics_are_saved_and_merge_with_another_tabs_change(cases_dir: Path) -> None:
    path = cases_dir / CASE
    first = BasicsEditor(load_case(path), Vocabulary(), path)
    second = BasicsEditor(load_case(path), Vocabulary(), path)
    assert first.update(first.basics.id, name="Energietransitie Kempen")
    assert second.update(second.basics.id, sector="Techniek", region="NL")
    assert not first.update(first.basics.id, name="")  # a case needs a name
    second.save_bar.save()
    first.save_bar.save()
    case = load_case(path)
    assert (case.name, case.sector, case.region) == ("Energietransitie Kempen", "Techniek", "NL")
    assert case.id == "energietransitie"
    assert not first.save_bar.conflicts.children


def test_the_same_name_changed_in_two_tabs_is_a_clash(cases_dir: Path) -> None:
    path = cases_dir / CASE
    first = BasicsEditor(load_case(path), Vocabulary(), path)
    second = BasicsEditor(load_case(path), Vocabulary(), path)
    second.update(second.basics.id, name="Van B")
    second.save_bar.save()
    first.update(first.basics.id, name="Van A")
    first.save_bar.save()
    assert load_case(path).name == "Van B"
    assert "Van A" in first.save_bar.conflicts.children[0].value


def test_an_environment_added_on_the_page_is_choosable_for_an_activity_before_saving(cases_dir: Path) -> None:
    """The group adds an environment and puts an activity there at once; one save writes both, environment first."""
    path = cases_dir / CASE
    page = PageSave(Vocabulary())
    with page.collecting():
        environments = EnvironmentEditor(load_case(path), Vocabulary(), path)
        activities = ActivityEditor(load_case(path), Vocabulary(), path)
    environments.add("Skillslab")
    activity = activities.add()
    assert activities.update(activity.id, environment="skillslab")  # known to the page, not yet to the file
    row = next(r for r in activities.rows.children if f"hlo-activity-{activity.id}" in r._dom_classes)
    assert ("Skillslab", "skillslab") in row.children[1].options
    page.save_all()
    saved = load_case(path)
    assert next(a for a in saved.activities if a.id == activity.id).environment == "skillslab"
    assert "skillslab" in {e.id for e in saved.environments}
    assert not page.unsaved
