"""Two browser tabs on one case, both saving: both edits are kept, and a real clash is reported, not hidden."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import assert_no_errors, case_of_its_own, open_dashboard

CASE = "samen"


@pytest.fixture(scope="module")
def shared_case(cases_copy: Path) -> Iterator[Path]:
    """A case of its own (a copy of Logistiek), so other tests never see these saves."""
    with case_of_its_own(cases_copy, CASE, "logistiek") as path:
        yield path


@pytest.fixture
def two_tabs(browser: Browser, voila_url: str, shared_case: Path) -> Iterator[tuple[Page, Page]]:
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    tabs = []
    for context in contexts:
        tab = context.new_page()
        open_dashboard(tab, f"{voila_url}/voila/render/01_diagnose.ipynb?case={CASE}", selectors=(".hlo-activity-row",))
        tabs.append(tab)
    yield tabs[0], tabs[1]
    for context in contexts:
        context.close()


def _set_hours(tab: Page, row: int, hours: float) -> None:
    box = tab.locator(".hlo-activity-editor .hlo-activity-row").nth(row).locator("input[type='number']")
    box.fill(str(hours))
    box.press("Enter")
    expect(tab.locator(".hlo-page-save button")).to_contain_text("niet-opgeslagen")


def _save(tab: Page) -> None:
    """The page's one save button (always in view) saves every editor with changes."""
    tab.locator(".hlo-page-save button").click()
    expect(tab.locator(".hlo-activity-editor .hlo-save-bar .hlo-ok")).to_contain_text("Opgeslagen", timeout=30_000)


def _hours(path: Path) -> list[float]:
    return [a.hours_per_week for a in load_case(path).activities]


def test_two_tabs_saving_different_activities_keep_both(two_tabs: tuple[Page, Page], shared_case: Path) -> None:
    tab_a, tab_b = two_tabs
    before = _hours(shared_case)
    _set_hours(tab_a, 0, 11)
    _set_hours(tab_b, 1, 2.5)
    _save(tab_b)
    _save(tab_a)
    assert _hours(shared_case) == [11, 2.5, *before[2:]]
    expect(tab_a.locator(".hlo-conflict")).to_have_count(0)
    assert_no_errors(tab_a)
    assert_no_errors(tab_b)


def test_the_same_activity_changed_in_two_tabs_is_a_reported_clash(
    two_tabs: tuple[Page, Page], shared_case: Path
) -> None:
    tab_a, tab_b = two_tabs
    _set_hours(tab_a, 2, 7)
    _set_hours(tab_b, 2, 9)
    _save(tab_b)
    expect(tab_a.locator(".hlo-activity-editor .hlo-info")).to_contain_text("Iemand anders", timeout=15_000)
    _save(tab_a)
    clash = tab_a.locator(".hlo-activity-editor .hlo-conflict")
    expect(clash).to_contain_text("jullie 7 — in het bestand 9")
    assert _hours(shared_case)[2] == 9
    expect(tab_a.locator(".hlo-page-save")).to_contain_text("botst")
    tab_a.locator(".hlo-activity-editor .hlo-keep-mine").click()
    expect(clash).to_have_count(0, timeout=30_000)
    assert _hours(shared_case)[2] == 7
