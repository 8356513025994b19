"""The design dashboard in Debian's Chromium: every case renders, sliding, rating, hostile text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import RENDER_TIMEOUT_MS, assert_no_errors, open_dashboard
from tests.helpers import EXAMPLE_CASES, HOSTILE

DESIGN_FIGURES = 5
"""At least: journey map, coverage, shift map, shift bars, variant comparison (rhythm and radar when the case has them)."""

ARROWS_JS = """() => {
    const plot = document.querySelector('.hlo-variant-map .js-plotly-plot');
    return (plot.layout.annotations || []).filter(a => a.showarrow && a.axref === 'x').length;
}"""
AFTER_BARS_JS = "() => Array.from(document.querySelector('.hlo-variant-bars .js-plotly-plot').data[1].y)"


def _open_design(page: Page, url: str) -> None:
    """A design dashboard with its figures and widgets (which arrive last)."""
    selectors = (".hlo-decision-editor", ".hlo-variant-row", ".hlo-variant-map .js-plotly-plot .main-svg",
                 ".hlo-variant-bars .js-plotly-plot .main-svg")  # fmt: skip
    open_dashboard(page, url, figures=DESIGN_FIGURES, selectors=selectors)


def test_landing_page_links_every_design_dashboard(page: Page, voila_url: str) -> None:
    page.goto(f"{voila_url}/voila/render/index.ipynb", timeout=RENDER_TIMEOUT_MS, wait_until="commit")
    links = page.locator("a.hlo-phase-link[data-phase='design']")
    expect(links).to_have_count(len(EXAMPLE_CASES) + 1, timeout=RENDER_TIMEOUT_MS)  # plus the hostile test case
    for case_id in EXAMPLE_CASES:
        link = page.locator(f"a.hlo-phase-link[data-phase='design'][data-case='{case_id}']")
        expect(link).to_have_attribute("href", f"02_ontwerp.ipynb?case={case_id}&language=nl")


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_design_dashboard_renders(page: Page, voila_url: str, case_id: str) -> None:
    """Every example case: figures drawn, one slider row per activity, the case name in the title, no error."""
    _open_design(page, f"{voila_url}/voila/render/02_ontwerp.ipynb?case={case_id}")
    case = load_case(case_id)
    expect(page.locator(".hlo-variant-row")).to_have_count(len(case.activities))
    expect(page.locator("h2").filter(has_text=case.name)).to_have_count(1)
    decisions = len(case.design.decisions) if case.design else 0
    expect(page.locator(".hlo-decision-row")).to_have_count(decisions)  # every tab's rows are in the DOM
    assert_no_errors(page)


def test_sliding_an_activity_draws_an_arrow_and_moves_the_bars(page: Page, voila_url: str) -> None:
    """Typing a new context into the first activity's slider adds an arrow and changes the after-bars."""
    _open_design(page, f"{voila_url}/voila/render/02_ontwerp.ipynb?case=zorg")
    first = load_case("zorg").activities[0]
    target = "-0.95" if first.position.context > 0 else "0.95"
    arrows, bars = page.evaluate(ARROWS_JS), page.evaluate(AFTER_BARS_JS)
    readout = page.locator(".hlo-variant-row").first.locator(".hlo-axis-slider .widget-readout").nth(1)
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(target)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({ARROWS_JS})() === {arrows + 1}", timeout=30_000)
    page.wait_for_function(
        f"before => JSON.stringify(({AFTER_BARS_JS})()) !== JSON.stringify(before)", arg=bars, timeout=30_000
    )
    assert page.evaluate(AFTER_BARS_JS) != bars
    assert_no_errors(page)


def test_rating_a_criterion_changes_the_radar(page: Page, voila_url: str) -> None:
    """The teacher had not rated 'afsluiten': clicking 5 puts a point on the teacher's line."""
    _open_design(page, f"{voila_url}/voila/render/02_ontwerp.ipynb?case=zorg")
    radar = "document.querySelector('.hlo-reflection-web .js-plotly-plot')"
    page.wait_for_function(f"() => {radar} && {radar}.data", timeout=RENDER_TIMEOUT_MS)
    before = page.evaluate(f"() => Array.from({radar}.data[1].r)")
    control = page.locator(".hlo-rating-afsluiten-teacher")
    control.scroll_into_view_if_needed()
    control.locator("button", has_text="5").click()
    page.wait_for_function(
        f"before => JSON.stringify(Array.from({radar}.data[1].r)) !== JSON.stringify(before)",
        arg=before,
        timeout=30_000,
    )
    after = page.evaluate(f"() => Array.from({radar}.data[1].r)")
    assert 5 in after
    assert after != before


def test_hostile_text_is_shown_as_text(page: Page, voila_url: str) -> None:
    """A case and an activity named <img src=x onerror=alert(1)> render as text and run nothing."""
    _open_design(page, f"{voila_url}/voila/render/02_ontwerp.ipynb?case=xss-test")
    expect(page.locator("h2").filter(has_text=f"XSS {HOSTILE}")).to_have_count(1)
    expect(page.locator(".hlo-variant-activity").first).to_have_text(HOSTILE)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror]').length") == 0
    assert_no_errors(page)
    # the page fixture fails the test if any alert() ran
