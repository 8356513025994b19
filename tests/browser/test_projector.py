"""Projector mode and phone-sized pages in Chromium: readable from the back of the room and on a phone.

Every dashboard opens in projector mode at 1920×1080 (the mode set as the
switch leaves it, in localStorage) and one at 390×844; full-page screenshots
go to ``artifacts/screenshots/``. What is asserted is measured on the page:
the computed text size, the width of the page against the window, the
numbers on the quadrant map against its legend, and the look of a selected
toggle against an unselected one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.render.figures.theme import contrast
from tests.browser.conftest import SCREENSHOTS, assert_no_errors, open_dashboard, screenshot_everything

PROJECTOR = "localStorage.setItem('hlo-projector', 'on')"
"""What the bar's switch stores; set before the page's first script, as a returning coach's browser has it."""
ZORG = load_case("zorg")
MAP = ".hlo-inventory-map .js-plotly-plot .main-svg"
DASHBOARDS = {
    # name: (address, what must be drawn before measuring)
    "start": ("index.ipynb", (".hlo-map-legend", ".widget-toggle-button.mod-active")),
    "diagnose": ("01_diagnose.ipynb?case=zorg", (MAP, ".hlo-finding-row .widget-toggle-button")),
    "design": ("02_ontwerp.ipynb?case=zorg", (".hlo-variant-map .js-plotly-plot .main-svg",)),
    "valorisation": ("03_valorisatie.ipynb?case=zorg", (".hlo-nav", ".jp-RenderedHTMLCommon p")),
    "overview": (
        "04_overzicht.ipynb",
        (".hlo-overview-table table", ".hlo-overview-corners .js-plotly-plot .main-svg"),
    ),
}
OVERFLOW = """() => [document.scrollingElement, ...document.querySelectorAll('body *')]
    .filter(e => e === document.scrollingElement || (e.clientWidth >= innerWidth - 24
        && e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)))
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
"""The boxes the page scrolls in (the document, Voilà's full-width panel) that would also scroll sideways.

A row meant to scroll sideways on its own (the bar's section links, a wide table) does not count:
it stays within the page's width."""


@pytest.fixture
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab of the size the test names (``viewport``), in projector mode when it asks (``projector``)."""
    width, height, projector = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    if projector:
        context.add_init_script(PROJECTOR)
    opened = context.new_page()
    yield opened
    opened.goto("about:blank")  # Voilà's unload beacon shuts the kernel down
    context.close()


def _pixels(page: Page, selector: str, css: str = "fontSize", pseudo: str = "") -> str:
    value: str = page.locator(selector).first.evaluate(
        "(e, [css, pseudo]) => getComputedStyle(e, pseudo || null)[css]", [css, pseudo]
    )
    return value


def _hex(rgb: str) -> str:
    red, green, blue = (int(part) for part in re.findall(r"\d+", rgb)[:3])
    return f"#{red:02X}{green:02X}{blue:02X}"


def _case_named(cases: Path, name: str) -> Case:
    """The case of the server's copy (the hostile test case included) that the start page's picker shows."""
    shown = name.replace("\xa0", " ")  # ipywidgets shows option labels with non-breaking spaces
    return next(case for case in map(load_case, sorted(cases.glob("*.yaml"))) if case.name == shown)


def _assert_numbered_map_and_legend(page: Page, case: Case, map_selector: str) -> None:
    """The map's activity markers carry 1…n, and the legend under it names each activity and every environment used."""
    numbers = page.locator(map_selector).first.evaluate(
        "e => e.closest('.js-plotly-plot').data.filter(t => t.customdata).flatMap(t => t.text)"
    )
    assert sorted(map(int, numbers)) == list(range(1, len(case.activities) + 1))
    legend = page.locator(".hlo-map-legend").first
    environments = legend.locator(".hlo-map-legend-environment").all_inner_texts()
    used = [e.name for e in case.environments if any(a.environment == e.id for a in case.activities)]
    assert [text.split(" ", 1)[1] for text in environments] == used
    named = legend.evaluate(
        "e => Array.from(e.querySelectorAll('li')).map(li => [li.value, li.querySelector('.hlo-map-legend-name').innerText])"
    )
    assert dict(named) == {number: a.name for number, a in enumerate(case.activities, start=1)}


def _assert_selected_toggle_stands_out(page: Page) -> None:
    """A selected toggle is filled, bold and ticked, with text at 4.5:1 or more; an unselected one is none of these."""
    selected = ".widget-toggle-button.mod-active"
    unselected = ".widget-toggle-button:not(.mod-active)"
    looks = {
        which: (_pixels(page, which, "backgroundColor"), _pixels(page, which, "fontWeight"),
                _pixels(page, which, "content", "::before"))
        for which in (selected, unselected)
    }  # fmt: skip
    assert all(a != b for a, b in zip(looks[selected], looks[unselected], strict=True)), looks
    assert "✓" in looks[selected][2]
    assert contrast(_hex(_pixels(page, selected, "color")), _hex(looks[selected][0])) >= 4.5


def _assert_hover_finds_the_marker_under_the_pointer(page: Page) -> None:
    """The zoomed figure still answers the pointer: hovering marker 1 shows activity 1, not a neighbour or nothing."""
    marker = page.locator(".hlo-inventory-map .scatterlayer .trace").first.locator(".points path").first
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None
    # plotly's drag layer lies over the markers and takes the pointer: move the mouse, as a person does
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".hlo-inventory-map .hoverlayer .hovertext").first).to_contain_text(
        f"1. {ZORG.activities[0].name}"
    )


@pytest.mark.parametrize("tab", [(1920, 1080, True)], indirect=True)
@pytest.mark.parametrize("name", DASHBOARDS)
def test_every_dashboard_reads_from_the_back_of_the_room(
    tab: Page, voila_url: str, cases_copy: Path, name: str
) -> None:
    """In projector mode: body and page text at 18 px or more, the switch shown as on, figures the page's width."""
    address, selectors = DASHBOARDS[name]
    open_dashboard(tab, f"{voila_url}/voila/render/{address}", selectors=(".hlo-projector-toggle", *selectors))
    screenshot_everything(tab, SCREENSHOTS / f"projector-{name}-1920x1080.png")
    assert float(_pixels(tab, "body").removesuffix("px")) >= 18
    assert float(_pixels(tab, ".jp-RenderedHTMLCommon p").removesuffix("px")) >= 18
    expect(tab.locator(".hlo-projector-toggle")).to_have_attribute("aria-pressed", "true")
    widths = tab.evaluate(
        "() => Array.from(document.querySelectorAll('.hlo-plotly')).map(e => e.getBoundingClientRect().width)"
    )
    assert widths
    assert min(widths) >= 0.5 * 1920  # full-width figures, not a narrow column in the middle of the screen
    assert tab.evaluate(OVERFLOW) == []
    if name == "start":
        _assert_numbered_map_and_legend(tab, _case_named(cases_copy, tab.locator(".widget-dropdown select").first.evaluate(
            "s => s.options[s.selectedIndex].text")), ".js-plotly-plot .main-svg")  # fmt: skip
        _assert_selected_toggle_stands_out(tab)
    if name == "diagnose":
        _assert_numbered_map_and_legend(tab, ZORG, MAP)
        _assert_selected_toggle_stands_out(tab)
        _assert_hover_finds_the_marker_under_the_pointer(tab)
    assert_no_errors(tab)


@pytest.mark.parametrize("tab", [(390, 844, False)], indirect=True)
def test_a_dashboard_fits_a_phone_and_the_switch_turns_projector_mode_on(tab: Page, voila_url: str) -> None:
    """At 390×844 nothing scrolls sideways and figures fit; the switch (off by default) turns the mode on and stays."""
    address, selectors = DASHBOARDS["diagnose"]
    open_dashboard(tab, f"{voila_url}/voila/render/{address}", selectors=(".hlo-projector-toggle", *selectors))
    assert float(_pixels(tab, "body").removesuffix("px")) < 18  # the default mode stays as it was
    screenshot_everything(tab, SCREENSHOTS / "phone-diagnose-390x844.png")
    tab.set_viewport_size({"width": 390, "height": 844})
    assert tab.evaluate(OVERFLOW) == []
    assert tab.evaluate("() => document.scrollingElement.scrollWidth") <= 390
    widths = tab.evaluate(
        "() => Array.from(document.querySelectorAll('.hlo-plotly')).map(e => e.getBoundingClientRect().right)"
    )
    assert widths
    assert max(widths) <= 390
    tab.locator(".hlo-projector-toggle").click()
    expect(tab.locator("html")).to_have_class(re.compile(r"\bhlo-projector\b"))
    assert tab.evaluate("() => localStorage.getItem('hlo-projector')") == "on"
    assert float(_pixels(tab, "body").removesuffix("px")) >= 18
    assert tab.evaluate(OVERFLOW) == []
    screenshot_everything(tab, SCREENSHOTS / "phone-diagnose-projector-390x844.png")
