"""The week, the journey and a new reflectieweb edited in the design dashboard, in Debian's Chromium, saved to the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hlo_design.casefile.loading import load_case
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.rhythm import DayPart, InternshipPattern, Setting, Weekday
from tests.browser.conftest import SCREENSHOTS, assert_no_errors, case_of_its_own, open_dashboard

CASE = "ontwerpproef"
STEP = "Een zorgplan <i>mee</i> bijstellen"
WEB = "Overdracht aan de avonddienst"


@pytest.fixture(scope="module")
def design_case(cases_copy: Path) -> Iterator[Path]:
    """A copy of Zorg of its own: the other browser tests count and read the example cases."""
    with case_of_its_own(cases_copy, CASE, "zorg") as path:
        yield path


def test_the_group_fills_in_the_week_adds_a_step_and_starts_a_web(
    page: Page, voila_url: str, design_case: Path
) -> None:
    open_dashboard(
        page, f"{voila_url}/voila/render/02_ontwerp.ipynb?case={CASE}",
        selectors=(".hlo-rhythm-editor", ".hlo-journey-editor", ".hlo-reflection-webs-editor"),
    )  # fmt: skip
    plan = load_case(design_case).design or DesignPlan()
    steps_before = sum(1 for s in plan.journey if s.goal == plan.goals[0].id)  # the rows of the goal shown first
    rhythm = page.locator(".hlo-rhythm-editor")
    rhythm.locator(".hlo-rhythm-mon-afternoon select").select_option(label="bedrijf")
    rhythm.locator(".hlo-rhythm-pattern select").select_option(label="blokstage")
    expect(rhythm.locator(".hlo-rhythm-figure .heatmaplayer text", has_text="bedrijf")).to_have_count(1)
    expect(page.locator(".hlo-page-save button")).to_contain_text("niet-opgeslagen")

    journey = page.locator(".hlo-journey-editor")
    journey.locator(".hlo-add-step").click()
    expect(journey.locator(".hlo-step-row")).to_have_count(steps_before + 1)
    row = journey.locator(".hlo-step-row").last
    row.locator(".hlo-step-quadrant button", has_text="3").click()
    text = row.locator(".hlo-step-text input")
    text.fill(STEP)
    text.blur()

    webs = page.locator(".hlo-reflection-webs-editor")
    title = webs.locator(".hlo-new-web-title input")
    title.fill(WEB)
    title.blur()
    interaction = webs.locator(".hlo-new-web-interaction input")
    interaction.fill("Een leerling draagt de zorg voor twee bewoners over.")
    interaction.blur()
    webs.locator(".hlo-create-web").click()
    status = webs.locator(".hlo-ok, .hlo-error").last
    expect(status).to_contain_text(WEB, timeout=30_000)  # a slow kernel on a busy machine; says what went wrong
    expect(webs.locator("h3", has_text=WEB)).to_have_count(1, timeout=30_000)

    page.evaluate("() => document.querySelector('.hlo-rhythm-editor').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / "design-rhythm-editor.png"))

    page.locator(".hlo-page-save button").click()
    expect(page.locator(".hlo-page-save")).to_contain_text("Alles opgeslagen", timeout=30_000)
    case = load_case(design_case)
    assert case.rhythm is not None
    afternoon = next(s for s in case.rhythm.slots if s.day is Weekday.MONDAY and s.part is DayPart.AFTERNOON)
    assert afternoon.setting is Setting.COMPANY
    assert case.rhythm.pattern is InternshipPattern.BLOCK
    step = (case.design or DesignPlan()).journey[-1]
    assert (step.text, step.quadrant) == (STEP, 3)  # typed text, stored as text
    assert step.id.startswith("stap-")
    assert case.reflection_webs[-1].title == WEB
    assert "# leerdoel 1: eigen gezondheid" in design_case.read_text(encoding="utf-8")  # comments kept
    expect(journey.locator("i", has_text="mee")).to_have_count(0)  # never markup on the page
    assert_no_errors(page)
