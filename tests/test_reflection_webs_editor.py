"""Creating reflectiewebs in the dashboard: a new web, its criteria renamed and removed, scored, saved and merged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.reflection import Rater, ReflectionWeb
from hlo_design.ui.reflection_webs_editor import ReflectionWebsEditor
from tests.helpers import HOSTILE, HOSTILE_ESCAPED


def _editor(path: Path) -> ReflectionWebsEditor:
    return ReflectionWebsEditor(load_case(path), Vocabulary(region="VL"), path)


def _web(path: Path, web_id: str) -> ReflectionWeb:
    return next(w for w in load_case(path).reflection_webs if w.id == web_id)


def test_a_new_web_gets_criteria_and_scores_and_is_saved_keeping_comments(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    before = path.read_text(encoding="utf-8")
    editor = _editor(path)
    editor.new_title.value = HOSTILE
    editor.new_interaction.value = "Een leerling helpt een bewoner bij het opstaan."
    editor.new_date.value = dt.date(2026, 12, 4)
    editor.new_scale.value = 4
    web = editor.create()
    assert web is not None
    assert web.id.startswith("reflectieweb-")
    assert editor.save_bar.unsaved
    assert HOSTILE not in editor.rows.children[-1].children[0].value  # participant text escaped
    assert HOSTILE_ESCAPED in editor.rows.children[-1].children[0].value
    scorer = editor.scorers[web.id]
    first = scorer.add_criterion("Ik vraag wat de bewoner zelf kan")
    second = scorer.add_criterion("Ik leg uit wat ik ga doen")
    assert first is not None
    assert second is not None
    scorer.controls[(first.id, Rater.LEARNER)].value = 3
    assert editor.rename_criterion(web.id, first.id, "Ik vraag eerst wat de bewoner zelf wil doen")
    assert editor.scorers[web.id].web.score(first.id, Rater.LEARNER) == 3  # the score stays with the criterion
    assert editor.remove_criterion(web.id, second.id)
    editor.save_bar.save()
    assert "✓" in editor.save_bar.status.text, editor.save_bar.status.text
    saved = _web(path, web.id)
    assert (saved.title, saved.scale_max, saved.date) == (HOSTILE, 4, dt.date(2026, 12, 4))
    assert [c.text for c in saved.criteria] == ["Ik vraag eerst wat de bewoner zelf wil doen"]
    assert saved.score(first.id, Rater.LEARNER) == 3
    after = path.read_text(encoding="utf-8")
    assert all(line in after for line in before.splitlines() if line.strip().startswith("#"))  # comments kept
    assert not editor.save_bar.unsaved


def test_a_web_needs_a_title_and_an_interaction(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    count = len(editor.items)
    editor.new_interaction.value = "Iets"
    assert editor.create() is None
    assert "title" in editor.status.text
    assert len(editor.items) == count
    assert not editor.save_bar.unsaved


def test_removing_a_criterion_removes_its_scores_and_a_blank_name_is_refused(cases_dir: Path) -> None:
    editor = _editor(cases_dir / "zorg.yaml")
    web = editor.items[0]
    assert not editor.rename_criterion(web.id, "tempo", "   ")
    assert editor.items[0].criterion("tempo").text == web.criterion("tempo").text
    assert editor.remove_criterion(web.id, "tempo")
    assert all(r.criterion != "tempo" for r in editor.items[0].ratings)
    assert "tempo" not in {c.id for c in editor.scorers[web.id].web.criteria}


def test_a_colleague_scoring_the_existing_web_while_we_create_one_both_land(cases_dir: Path) -> None:
    path = cases_dir / "zorg.yaml"
    mine, theirs = _editor(path), _editor(path)
    existing = theirs.items[0].id
    theirs.scorers[existing].controls[("afsluiten", Rater.TEACHER)].value = 1
    theirs.save_bar.save()
    mine.new_title.value = "Tweede web"
    mine.new_interaction.value = "Overdracht aan de volgende dienst"
    created = mine.create()
    assert created is not None
    mine.save_bar.save()
    assert not mine.save_bar.conflicts.children
    assert _web(path, existing).score("afsluiten", Rater.TEACHER) == 1
    assert _web(path, created.id).title == "Tweede web"
    assert mine.scorers[existing].web.score("afsluiten", Rater.TEACHER) == 1  # the save shows the file
