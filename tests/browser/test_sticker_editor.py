"""The role-map stickers put on in the diagnosis dashboard: a click, the page's save, the sticker in the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import SCREENSHOTS, assert_no_errors, case_of_its_own, open_dashboard
from tests.helpers import HOSTILE

CASE = "stickers-test"
ACTOR = "lk_voertuig"  # Leerkrachten voertuigtechniek: no sticker on "Waarom samenwerken" in Energietransitie
TASK = "sw_visie_doelen"


def _hostile_actor(text: str) -> str:
    return text.replace('name: "Hybride docent (duobaan onderwijs en installateur)"', f'name: "Docent {HOSTILE}"', 1)


@pytest.fixture(scope="module")
def sticker_case(cases_copy: Path) -> Iterator[Path]:
    """A copy of Energietransitie of its own, one actor with a hostile name, so other tests never see these saves."""
    with case_of_its_own(cases_copy, CASE, "energietransitie", _hostile_actor) as path:
        yield path


def test_a_sticker_toggled_in_the_dashboard_is_saved_in_the_case_file(
    page: Page, voila_url: str, sticker_case: Path
) -> None:
    open_dashboard(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case={CASE}", selectors=(".hlo-sticker-table",))
    grid = page.locator(".hlo-sticker-table").first
    grid.scroll_into_view_if_needed()
    expect(grid.locator("tbody th").filter(has_text=HOSTILE)).to_have_count(1)  # the name as text, not as HTML
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".hlo-sticker-editor-tabs").screenshot(path=str(SCREENSHOTS / "sticker-grid.png"))
    cell = grid.locator(f"tr[data-actor='{ACTOR}'] td[data-task='{TASK}']")
    level = cell.locator("button[data-level='tactical']")
    expect(level).to_have_attribute("aria-pressed", "false")
    level.click()
    expect(level).to_have_attribute("aria-pressed", "true", timeout=15_000)
    cell.locator(".hlo-sticker-together").click()
    expect(cell.locator(".hlo-sticker-together")).to_have_attribute("aria-pressed", "true", timeout=15_000)
    expect(page.locator(".hlo-page-save button")).to_contain_text("niet-opgeslagen")
    page.locator(".hlo-page-save button").click()
    expect(page.locator(".hlo-sticker-editor .hlo-save-bar .hlo-ok")).to_contain_text("Opgeslagen", timeout=30_000)
    stickers = load_case(sticker_case).role_map.stickers  # type: ignore[union-attr]
    assert any(s.actor == ACTOR and s.task == TASK and s.level.value == "tactical" and s.together for s in stickers)
    assert_no_errors(page)


def test_removing_a_person_with_stickers_is_refused_on_the_page(page: Page, voila_url: str, sticker_case: Path) -> None:
    """The situation editors are on the diagnosis page; a delete that would leave stickers dangling is refused."""
    open_dashboard(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case={CASE}", selectors=(".hlo-actor-row",))
    actors = page.locator(".hlo-actors-editor")
    expect(actors.locator(".hlo-actor-row")).to_have_count(len(load_case(sticker_case).actors))
    actors.locator(".hlo-actor-row").first.locator("button").last.click()
    expect(actors.locator(".hlo-error")).to_contain_text("beeldplaat", timeout=15_000)
    actors.scroll_into_view_if_needed()
    page.locator(".hlo-basics-editor").screenshot(path=str(SCREENSHOTS / "situation-basics.png"))
    actors.screenshot(path=str(SCREENSHOTS / "situation-actors.png"))
    assert_no_errors(page)
