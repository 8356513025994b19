"""Participant text shown as HTML is escaped everywhere, now that no code escapes by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from hlo_design.base.config import CASES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DIAGNOSE
from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.model.directory import load_directory
from hlo_design.phases import common
from hlo_design.phases.diagnose import sections as diagnose
from hlo_design.phases.overview import sections as overview
from hlo_design.phases.start.sections import landing_html
from hlo_design.render.html_fragments import bullets_html, heading_html, paragraph_html, path_link_html
from hlo_design.render.overview_tables import directory_card_html
from hlo_design.render.situation import situation_html
from hlo_design.ui import session as session_module
from hlo_design.ui.session import CaseSession

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
QUOTED = '"><img src=x onerror=alert(1)>'


def _hostile_case() -> Case:
    """Every free-text field the situation sketch and the start page show, made hostile."""
    case = load_case("zorg")
    environments = [e.model_copy(update={"name": HOSTILE, "location": HOSTILE, "description": HOSTILE})
                    for e in case.environments]  # fmt: skip
    actors = [a.model_copy(update={"name": HOSTILE}) for a in case.actors]
    return case.model_copy(
        update={"name": HOSTILE, "sector": HOSTILE, "summary": HOSTILE, "environments": environments, "actors": actors}
    )


def _assert_safe(html: str) -> None:
    assert "<script" not in html
    assert "<img" not in html
    assert ESCAPED in html or "&lt;img" in html


def test_fragments_escape_their_text_and_attributes() -> None:
    for fragment in (
        bullets_html([HOSTILE, QUOTED], css_class=QUOTED),
        heading_html(HOSTILE, level=3),
        paragraph_html(HOSTILE, css_class=QUOTED),
        path_link_html(HOSTILE, Path(QUOTED)),
    ):
        assert isinstance(fragment, Markup)
        _assert_safe(fragment)
        assert 'class=""' not in fragment
    assert bullets_html(["a", "b"], "hlo-x") == '<ul class="hlo-x"><li>a</li><li>b</li></ul>'


def test_fragments_keep_markup_they_are_given() -> None:
    """Markup we built ourselves (a heading inside a caption) is not escaped twice."""
    caption = heading_html("Web", level=3) + paragraph_html("a & b")
    assert caption == "<h3>Web</h3><p>a &amp; b</p>"


def test_situation_sketch_escapes_case_text() -> None:
    html = situation_html(_hostile_case(), Vocabulary())
    _assert_safe(html)
    assert html.count(ESCAPED) >= 4
    assert '<section class="hlo-situation">' in html


def test_directory_card_escapes_every_value() -> None:
    entry = load_directory()[0].model_copy(update={"name": HOSTILE, "description": QUOTED, "topics": [HOSTILE]})
    card = directory_card_html(entry, Vocabulary())
    _assert_safe(card)
    assert card.count(ESCAPED) == 2


def test_landing_page_escapes_case_names(tmp_path: Path) -> None:
    source = (CASES_DIR / "zorg.yaml").read_text(encoding="utf-8")
    assert source.startswith("id: zorg\nname: ")
    (tmp_path / "zorg.yaml").write_text(source.replace("name: ", f"name: '{HOSTILE}' # ", 1), encoding="utf-8")
    page = landing_html(Vocabulary(), tmp_path)
    _assert_safe(page)
    assert "01_diagnose.ipynb?case=zorg&amp;language=nl" in page


def test_page_title_error_box_and_report_link_escape(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    for module in (common, session_module):
        monkeypatch.setattr(module, "display", shown.append)
    session = CaseSession(_hostile_case(), Path("zorg.yaml"), Vocabulary(), Path("out"))
    diagnose.show_title(session)
    session_module.show_error(HOSTILE, Vocabulary())
    common.show_report_cell(DIAGNOSE, Vocabulary(), write=lambda: Path(QUOTED), render=str)
    assert len(shown) == 3
    for item in shown:
        _assert_safe(item.data)  # type: ignore[attr-defined]


def test_overview_title_escapes_broken_case_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []
    monkeypatch.setattr(overview, "display", shown.append)
    session = overview.OverviewSession([], Vocabulary(), Path("out"), broken={HOSTILE: HOSTILE})
    overview.show_title(session)
    _assert_safe(shown[0].data)  # type: ignore[attr-defined]
