"""A new learning community from the start page, in Debian's Chromium: no YAML, and the case is there at once.

A server of its own (no pool) on a copy of the cases: the other browser tests
count the example cases.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
    assert_no_errors,
    copy_of_the_cases,
    screenshot_everything,
    server_of_its_own,
)


@pytest.fixture(scope="module")
def start_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_the_cases(tmp_path_factory, "new-case")


@pytest.fixture(scope="module")
def start_url(start_cases: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_of_its_own(start_cases, tmp_path_factory, "new-case") as url:
        yield url


def test_a_case_made_on_the_start_page_is_listed_at_once_and_opens(
    browser: Browser, start_url: str, start_cases: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{start_url}/voila/render/index.ipynb", timeout=RENDER_TIMEOUT_MS, wait_until="commit")
    form = ".hlo-new-case"
    page.wait_for_selector(f"{form} input", timeout=RENDER_TIMEOUT_MS)
    texts = page.locator(f"{form} input[type=text]")
    texts.nth(0).fill("Techniek Twente")
    texts.nth(1).fill("Techniek")
    texts.nth(2).fill("Studenten mechatronica niveau 4")
    texts.nth(3).fill("ROC Twente")
    texts.nth(4).fill("Machinefabriek Oost")
    texts.nth(5).fill("Docenten mechatronica")
    texts.nth(6).fill("Werkbegeleiders")
    page.locator(f"{form} select").nth(3).select_option(label="werkbegeleider")
    page.click(".hlo-new-case-create")
    expect(page.locator(".hlo-new-case-message")).to_contain_text("aangemaakt", timeout=30_000)
    expect(page.locator("table").first).to_contain_text("Techniek Twente")  # the list, without a reload
    screenshot_everything(page, SCREENSHOTS / "start-new-case.png")
    assert_no_errors(page)

    case = load_case(start_cases / "techniek-twente.yaml")
    assert [a.type.value for a in case.actors] == ["teacher", "supervisor"]

    page.click(".hlo-new-case-message a")
    page.wait_for_selector("h2", timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("h2").first).to_contain_text("Techniek Twente", timeout=RENDER_TIMEOUT_MS)
