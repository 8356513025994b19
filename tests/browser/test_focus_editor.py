"""The focus and the continuum choice in the design dashboard, in Debian's Chromium: typed in, saved, in the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hlo_design.casefile.loading import load_case
from hlo_design.model.design_plan import DesignPlan
from tests.browser.conftest import SCREENSHOTS, assert_no_errors, case_of_its_own, open_dashboard

CASE = "focusproef"
QUESTION = "Hoe leren leerlingen <b>samen</b> met de zorgvrager?"
GOAL = "Een gesprek met de zorgvrager voorbereiden & nabespreken"


@pytest.fixture(scope="module")
def focus_case(cases_copy: Path) -> Iterator[Path]:
    """A copy of Zorg of its own: the other browser tests count and read the example cases."""
    with case_of_its_own(cases_copy, CASE, "zorg") as path:
        yield path


def test_the_group_writes_the_focus_question_and_a_goal(page: Page, voila_url: str, focus_case: Path) -> None:
    open_dashboard(page, f"{voila_url}/voila/render/02_ontwerp.ipynb?case={CASE}", selectors=(".hlo-focus-editor",))
    editor = page.locator(".hlo-focus-editor")
    goals_before = len((load_case(focus_case).design or DesignPlan()).goals)
    expect(editor.locator(".hlo-goal-row")).to_have_count(goals_before)

    question = editor.locator(".hlo-focus-question textarea")
    question.fill(QUESTION)
    question.blur()
    editor.locator(".hlo-add-goal").click()
    expect(editor.locator(".hlo-goal-row")).to_have_count(goals_before + 1)
    new_row = editor.locator(".hlo-goal-row").last
    goal_text = new_row.locator("textarea")
    goal_text.fill(GOAL)
    goal_text.blur()
    new_row.locator(".hlo-goal-finding-zorgvrager_afwezig").click()
    expect(page.locator(".hlo-page-save button")).to_contain_text("niet-opgeslagen")
    continuum = page.locator(".hlo-continuum-editor")
    continuum.locator("button", has_text="hybridisering").click()
    rationale = continuum.locator(".hlo-continuum-rationale textarea")
    rationale.fill("School en zorginstelling ontwerpen de opdrachten samen.")
    rationale.blur()
    expect(continuum.locator(".hlo-continuum-strip .gtitle")).to_contain_text("hybridisering")

    page.evaluate("() => document.querySelector('.hlo-focus-editor').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / "design-focus-editor.png"))  # the 1400×1000 view the room sees

    page.locator(".hlo-page-save button").click()
    expect(editor.locator(".hlo-save-bar .hlo-ok")).to_contain_text("Opgeslagen", timeout=30_000)
    expect(page.locator(".hlo-page-save")).to_contain_text("Alles opgeslagen", timeout=30_000)  # every editor saved
    focus = (load_case(focus_case).design or DesignPlan()).focus
    assert focus is not None
    assert focus.question == QUESTION  # typed text, stored as text
    assert focus.goals[-1].text == GOAL
    assert focus.goals[-1].findings == ["zorgvrager_afwezig"]
    assert focus.goals[-1].id.startswith("doel-")
    choice = load_case(focus_case).continuum
    assert choice is not None
    assert choice.position.value == "hybridisering"
    assert "# leerdoel 1: eigen gezondheid" in focus_case.read_text(encoding="utf-8")  # comments kept
    expect(editor.locator("b", has_text="samen")).to_have_count(0)  # never markup on the page
    assert_no_errors(page)
