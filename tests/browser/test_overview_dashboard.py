"""The overview and the valorisation dashboards in Debian's Chromium: filter, directory both ways, hostile text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import RENDER_TIMEOUT_MS, assert_no_errors, open_dashboard
from tests.helpers import EXAMPLE_CASES, HOSTILE

OVERVIEW = "/voila/render/04_overzicht.ipynb"


def _open_overview(page: Page, url: str) -> None:
    selectors = (".hlo-overview-sector select", ".hlo-overview-table table", ".hlo-directory-result",
                 ".hlo-overview-corners .js-plotly-plot .main-svg")  # fmt: skip
    open_dashboard(page, url + OVERVIEW, selectors=selectors)


def _options(page: Page, selector: str) -> list[str]:
    return page.locator(f"{selector} select option").all_inner_texts()


def test_overview_renders_with_every_figure(page: Page, voila_url: str) -> None:
    """Five figures, a table row per case (plus the hostile copy), the directory, no error."""
    _open_overview(page, voila_url)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 5",
                           timeout=RENDER_TIMEOUT_MS)  # fmt: skip
    expect(page.locator(".hlo-overview-table tbody tr")).to_have_count(len(EXAMPLE_CASES) + 1)
    assert_no_errors(page)


def test_sector_filter_changes_the_table(page: Page, voila_url: str) -> None:
    _open_overview(page, voila_url)
    rows = page.locator(".hlo-overview-table tbody tr")
    expect(rows).to_have_count(len(EXAMPLE_CASES) + 1)
    page.select_option(".hlo-overview-sector select", label="Transport en logistiek")
    expect(rows).to_have_count(1, timeout=30_000)
    expect(rows.first).to_contain_text("Logistiek")
    page.select_option(".hlo-overview-region select", label="Vlaanderen")
    expect(page.locator(".hlo-overview-table")).to_contain_text("Geen casussen", timeout=30_000)


def test_directory_narrows_both_ways(page: Page, voila_url: str) -> None:
    """Category → fewer topics; topic → fewer categories; each time fewer result cards."""
    _open_overview(page, voila_url)
    all_topics = len(_options(page, ".hlo-directory-topic"))
    all_results = page.locator(".hlo-directory-result").count()
    page.select_option(".hlo-directory-category select", label="simulatieomgeving")
    page.wait_for_function(
        "n => document.querySelectorAll('.hlo-directory-topic select option').length < n",
        arg=all_topics,
        timeout=30_000,
    )
    # The options change before the cards are redrawn: wait for the cards too, never read them in between.
    page.wait_for_function(
        "n => document.querySelectorAll('.hlo-directory-result').length < n", arg=all_results, timeout=30_000
    )
    page.select_option(".hlo-directory-category select", label="alle categorieën")
    page.wait_for_function(
        "n => document.querySelectorAll('.hlo-directory-topic select option').length === n",
        arg=all_topics,
        timeout=30_000,
    )
    page.select_option(".hlo-directory-topic select", label="simulatie")
    page.wait_for_function(
        "() => document.querySelectorAll('.hlo-directory-category select option').length < 5", timeout=30_000
    )
    assert "simulatieomgeving" in _options(page, ".hlo-directory-category")


def test_search_finds_an_entry(page: Page, voila_url: str) -> None:
    _open_overview(page, voila_url)
    page.fill(".hlo-directory-search input", "Turnhout")
    expect(page.locator(".hlo-directory-result").first).to_contain_text("Turnhout", timeout=30_000)
    page.fill(".hlo-directory-search input", HOSTILE)
    expect(page.locator(".hlo-directory-results")).to_contain_text("Niets gevonden", timeout=30_000)


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_valorisation_dashboard_renders(page: Page, voila_url: str, case_id: str) -> None:
    """Every example case: the editors and the corner chart appear, the title names the case, no error."""
    page.goto(f"{voila_url}/voila/render/03_valorisatie.ipynb?case={case_id}", timeout=RENDER_TIMEOUT_MS,
              wait_until="commit")  # fmt: skip
    for selector in (".hlo-corner-row", ".hlo-lesson-row", ".hlo-corner-chart .js-plotly-plot .main-svg",
                     ".hlo-action-editor", ".hlo-test-editor"):  # fmt: skip
        page.wait_for_selector(selector, timeout=RENDER_TIMEOUT_MS)
    expect(page.locator(".hlo-corner-row")).to_have_count(4)
    expect(page.locator("h2").first).to_contain_text("Valorisatie")
    if case_id == "energietransitie":
        expect(page.locator(".hlo-action-area")).to_have_count(3)
    assert_no_errors(page)


def test_hostile_text_is_shown_as_text(page: Page, voila_url: str) -> None:
    """The xss-test case: its name is visible as text in the valorisation title and in the overview table."""
    page.goto(f"{voila_url}/voila/render/03_valorisatie.ipynb?case=xss-test", timeout=RENDER_TIMEOUT_MS,
              wait_until="commit")  # fmt: skip
    page.wait_for_selector(".hlo-corner-row", timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("h2").filter(has_text=f"XSS {HOSTILE}")).to_have_count(1)
    assert page.locator("img[src='x']").count() == 0
    _open_overview(page, voila_url)
    expect(page.locator(".hlo-overview-table")).to_contain_text(f"XSS {HOSTILE}")
    assert page.locator("img[src='x']").count() == 0
