"""The tab's title and the navigation bar in Chromium: named tabs, a bar that stays in view, links that lead on."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from tests.browser.conftest import SCREENSHOTS, assert_no_errors, open_dashboard

ZORG = load_case("zorg")
LAST_SECTION = "#hlo-section-diagnose-report"
LAST_HEADING = f"h2:has({LAST_SECTION})"
"""The anchor is an empty element, never "visible" itself: its heading is what the room sees."""


def _open(page: Page, url: str, *selectors: str) -> None:
    """A dashboard with its bar and the given elements (the widgets' front end draws the bar, after the first cell)."""
    open_dashboard(page, url, selectors=(".hlo-nav", *selectors))


def _box(page: Page, selector: str = ".hlo-nav") -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not drawn"
    return dict(box)


def test_the_start_page_and_a_phase_name_their_tab(page: Page, voila_url: str) -> None:
    open_dashboard(page, f"{voila_url}/voila/render/index.ipynb", figures=2)
    expect(page).to_have_title(Vocabulary()("page.start.intro.heading"))
    _open(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case=zorg")
    expect(page).to_have_title(f"Diagnose · {ZORG.name}")


def test_the_bar_stays_in_view_and_its_section_links_lead_there(page: Page, voila_url: str) -> None:
    _open(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case=zorg", LAST_HEADING, ".hlo-finding-row")
    page.locator(f"a.hlo-nav-section[href='{LAST_SECTION}']").click()
    expect(page.locator(LAST_HEADING)).to_be_in_viewport()
    expect(page.locator(".hlo-nav")).to_be_in_viewport()
    bar = _box(page)
    assert bar["y"] == 0  # stuck to the top of the window after scrolling the whole page
    assert _box(page, LAST_HEADING)["y"] >= bar["y"] + bar["height"]  # not hidden under the bar
    page.locator("a.hlo-nav-section").nth(2).click()  # back up to the findings: the bar still on top
    expect(page.locator(".hlo-finding-row").first).to_be_in_viewport()
    page.screenshot(path=str(SCREENSHOTS / "navigation-bar-1400x1000.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("a.hlo-nav-section").nth(2).click()
    expect(page.locator(".hlo-nav")).to_be_in_viewport()
    assert _box(page)["y"] == 0
    page.screenshot(path=str(SCREENSHOTS / "navigation-bar-390x844.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert_no_errors(page)


def test_the_next_phase_opens_for_the_same_case(page: Page, voila_url: str) -> None:
    _open(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case=zorg")
    page.locator("a.hlo-nav-next").click()
    page.wait_for_url("**/02_ontwerp.ipynb?case=zorg&language=nl")
    _open(page, page.url)
    expect(page).to_have_title(f"Ontwerp · {ZORG.name}")
    expect(page.locator(".hlo-nav-previous")).to_have_text("← Diagnose")
    expect(page.locator("h2").filter(has_text=ZORG.name)).to_have_count(1)
    assert_no_errors(page)


def test_the_language_switch_gives_the_english_page_of_the_same_case(page: Page, voila_url: str) -> None:
    _open(page, f"{voila_url}/voila/render/03_valorisatie.ipynb?case=zorg")
    page.locator("a.hlo-nav-language[lang='en']").click()
    page.wait_for_url("**/03_valorisatie.ipynb?case=zorg&language=en")
    _open(page, page.url)
    english = Vocabulary("en", ZORG.region)
    expect(page).to_have_title(f"Valorisation · {ZORG.name}")
    expect(page.locator(".hlo-nav-start")).to_contain_text("Start page")
    expect(page.locator(".hlo-nav-previous")).to_have_text("← Design")
    expect(page.locator("h2").filter(has_text=english("valorisation_phase.page_title", case=ZORG.name))).to_have_count(
        1
    )
    assert_no_errors(page)
