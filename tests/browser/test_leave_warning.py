"""Leaving a dashboard with unsaved changes asks first; staying keeps a page that can still save."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import case_of_its_own, open_dashboard

CASE = "vertrekken"


@pytest.fixture(scope="module")
def own_case(cases_copy: Path) -> Iterator[Path]:
    """A copy of Logistiek of its own, so no other test sees these saves."""
    with case_of_its_own(cases_copy, CASE, "logistiek") as path:
        yield path


@pytest.fixture
def tab(browser: Browser, voila_url: str, own_case: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    open_dashboard(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case={CASE}", selectors=(".hlo-activity-row",))
    yield page
    context.close()


def _kernel_alive(voila_url: str, page: Page) -> bool:
    config = json.loads(page.locator("#jupyter-config-data").text_content() or "{}")
    try:
        urllib.request.urlopen(f"{voila_url}/api/kernels/{config['kernelId']}", timeout=5)
    except urllib.error.HTTPError:
        return False
    return True


def _change_hours(page: Page, hours: float) -> None:
    box = page.locator(".hlo-activity-editor .hlo-activity-row").first.locator("input[type='number']")
    box.fill(str(hours))
    box.press("Enter")
    expect(page.locator(".hlo-page-save button")).to_contain_text("niet-opgeslagen")


def test_leaving_with_unsaved_changes_asks_and_staying_can_still_save(
    tab: Page, voila_url: str, own_case: Path
) -> None:
    _change_hours(tab, 13)
    asked: list[str] = []

    def stay(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    tab.once("dialog", stay)
    tab.evaluate("location.href = 'about:blank'")
    tab.wait_for_timeout(1_000)
    assert asked == ["beforeunload"]
    assert _kernel_alive(voila_url, tab)
    tab.locator(".hlo-page-save button").click()
    expect(tab.locator(".hlo-page-save")).to_contain_text("opgeslagen om", timeout=30_000)
    assert load_case(own_case).activities[0].hours_per_week == 13


def test_leaving_anyway_shuts_the_kernel_down(tab: Page, voila_url: str) -> None:
    """The held-back shutdown runs when the page really goes: no kernel left behind until the cull."""
    _change_hours(tab, 14)
    config = json.loads(tab.locator("#jupyter-config-data").text_content() or "{}")
    tab.once("dialog", lambda dialog: dialog.accept())
    tab.evaluate("location.href = 'about:blank'")
    tab.wait_for_url("about:blank", timeout=10_000)
    for _ in range(50):
        try:
            urllib.request.urlopen(f"{voila_url}/api/kernels/{config['kernelId']}", timeout=5)
        except urllib.error.HTTPError:
            return
        tab.wait_for_timeout(200)
    pytest.fail("the kernel of the page that was left is still running")


def test_leaving_with_everything_saved_does_not_ask(tab: Page) -> None:
    asked: list[str] = []
    tab.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    tab.goto("about:blank")
    assert asked == []
