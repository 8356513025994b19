"""Step mode in Chromium: one section at a time, moved by the bar's buttons and links, kept in the address."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DESIGN
from hlo_design.render.navigation import phase_sections, section_anchor
from tests.browser.conftest import RENDER_TIMEOUT_MS, SCREENSHOTS, assert_no_errors, open_dashboard

SECTIONS = phase_sections(Vocabulary(), DESIGN)
HEADINGS = "h2:has(.hlo-anchor)"
STEPPER = ".hlo-nav-stepper"
FOCUS_FIGURES = 1
"""The focus step's continuum strip; the figures of hidden steps are drawn when their step is shown."""
JOURNEY_FIGURES = 2
"""The journey step's route map and coverage."""
SHOWN_FIGURES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter(plot => plot.offsetParent !== null)
    .map(plot => [plot.getBoundingClientRect().width, plot.closest('.jp-OutputArea').getBoundingClientRect().width])"""


def _step_url(base: str, section: str) -> str:
    return f"{base}/voila/render/02_ontwerp.ipynb?case=zorg#hlo-step-{section.replace('.', '-')}"


def _position(step: int) -> str:
    return Vocabulary()("nav.step.position", step=step, count=len(SECTIONS))


def _open(page: Page, url: str, figures: int) -> None:
    open_dashboard(page, url, figures=figures, selectors=(f"{STEPPER} .hlo-step-position",))


def _shows_only(page: Page, section: str) -> None:
    """The one heading on screen is ``section``'s (the others are in hidden steps)."""
    visible = page.locator(HEADINGS).filter(has=page.locator(f"#{section_anchor(section)}"))
    expect(visible).to_be_visible()
    assert sum(page.locator(HEADINGS).nth(i).is_visible() for i in range(page.locator(HEADINGS).count())) == 1


def test_a_meeting_follows_the_design_page_one_step_at_a_time(page: Page, voila_url: str) -> None:
    """A shared step address opens that step; next, previous and the bar's links move; reload keeps the step;
    'alles tonen' brings the long page back.

    One page for the whole walk: a Voilà page takes long to draw on a busy machine.
    """
    _open(page, _step_url(voila_url, SECTIONS[0]), FOCUS_FIGURES)
    expect(page.locator(".hlo-step-position")).to_have_text(_position(1))
    expect(page.locator(".hlo-step-previous")).to_be_disabled()
    _shows_only(page, SECTIONS[0])
    # a figure in a hidden step is not drawn yet: the page draws what the room sees
    assert page.evaluate("document.querySelectorAll('.hlo-plotly:not(.js-plotly-plot)').length") >= JOURNEY_FIGURES

    page.locator(".hlo-step-next").click()
    expect(page.locator(".hlo-step-position")).to_have_text(_position(2))
    _shows_only(page, SECTIONS[1])
    page.locator(".hlo-step-previous").click()
    expect(page.locator(".hlo-step-position")).to_have_text(_position(1))

    journey = SECTIONS.index("design.journey")
    page.locator("a.hlo-nav-section").nth(journey).click()
    expect(page.locator(".hlo-step-position")).to_have_text(_position(journey + 1))
    expect(page.locator("a.hlo-nav-section[aria-current]")).to_have_count(1)
    _shows_only(page, "design.journey")
    assert page.url == _step_url(voila_url, "design.journey")
    # the journey's figures are drawn when their step is shown, and fill their cell
    page.wait_for_function(
        f"(({SHOWN_FIGURES_JS})()).filter(([w, c]) => w > 0 && Math.abs(w - c) < 40).length >= {JOURNEY_FIGURES}"
    )
    expect(page.locator(".hlo-page-save-button")).to_be_in_viewport()  # saving stays in reach in every step
    page.screenshot(path=str(SCREENSHOTS / "steps-design-journey.png"))

    page.reload(wait_until="commit", timeout=RENDER_TIMEOUT_MS)
    _open(page, page.url, JOURNEY_FIGURES)
    expect(page.locator(".hlo-step-position")).to_have_text(_position(journey + 1))
    _shows_only(page, "design.journey")

    # 'alles tonen': every section again, no step in the address, and the bar offers step mode again
    page.locator(".hlo-step-all").click()
    for index in range(len(SECTIONS)):
        expect(page.locator(HEADINGS).nth(index)).to_be_visible()
    assert "#" not in page.url
    expect(page.locator(".hlo-step-position")).to_be_hidden()
    page.locator(".hlo-step-enter").click()
    expect(page.locator(".hlo-step-position")).to_have_text(_position(1))
    assert page.url == _step_url(voila_url, SECTIONS[0])
    assert_no_errors(page)
