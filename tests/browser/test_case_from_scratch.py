"""A learning community from nothing to both reports, only through the dashboards, in Debian's Chromium.

The coach creates the case on the start page, the diagnosis page takes the
environments, actors, an activity, a finding, a scan and the role-map
stickers, the design page the focus question, a goal and the continuum
choice. No file is edited by hand; at the end the diagnosis and design
reports, downloaded from the pages, hold every part. A server of its own on a
copy of the cases: the other browser tests count the example cases.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
    assert_no_errors,
    copy_of_the_cases,
    open_dashboard,
    screenshot_everything,
    server_of_its_own,
)

CASE = "zorg-gent"
SAVE_MS = 30_000
ACTIVITY = "Wondzorg oefenen in het skillslab"
FINDING = "Wat in het skillslab geoefend wordt, komt op de afdeling pas weken later terug."
QUESTION = "Hoe sluiten oefenen en echte zorg dezelfde week op elkaar aan?"
GOAL = "Wondzorg zelfstandig uitvoeren bij een bewoner"
TARGET_GROUP = "Leerlingen verzorgende in hun tweede jaar"
RATIONALE = "Skillslab en woonzorgcentrum plannen de oefeningen samen, week na week."


@pytest.fixture(scope="module")
def scratch_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_the_cases(tmp_path_factory, "from-scratch")


@pytest.fixture(scope="module")
def scratch_url(scratch_cases: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_of_its_own(scratch_cases, tmp_path_factory, "from-scratch") as url:
        yield url


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    page.goto("about:blank")  # Voilà's unload beacon shuts the kernel down
    context.close()


def test_a_case_made_in_the_dashboards_gives_complete_reports(tab: Page, scratch_url: str, scratch_cases: Path) -> None:
    _create_on_the_start_page(tab, scratch_url, scratch_cases)
    _diagnose(tab)
    case = load_case(scratch_cases / f"{CASE}.yaml")
    assert [e.name for e in case.environments] == ["Campus Gent", "WZC De Linde", "Skillslab"]
    assert [a.name for a in case.activities] == [ACTIVITY]
    assert [f.text for f in case.findings] == [FINDING]
    assert case.scans
    assert len(case.scans[0].entries) == 3
    assert case.role_map is not None
    assert len(case.role_map.stickers) == 2

    _design(tab, scratch_url, case.findings[0].id)
    case = load_case(scratch_cases / f"{CASE}.yaml")
    assert case.design is not None
    assert case.design.focus is not None
    assert case.design.focus.question == QUESTION
    assert [g.text for g in case.design.focus.goals] == [GOAL]
    assert case.design.focus.goals[0].findings == [case.findings[0].id]
    assert case.continuum is not None

    diagnosis = _downloaded_report(tab, f"{scratch_url}/voila/render/01_diagnose.ipynb?case={CASE}", "diagnoserapport")
    for part in (ACTIVITY, FINDING, "Campus Gent", "Skillslab", "HLO-scan", "beeldplaat"):
        assert part in diagnosis, f"the diagnosis report lacks {part!r}"
    design = _downloaded_report(tab, f"{scratch_url}/voila/render/02_ontwerp.ipynb?case={CASE}", "ontwerprapport")
    for part in (QUESTION, TARGET_GROUP, GOAL, RATIONALE):
        assert part in design, f"the design report lacks {part!r}"


def _create_on_the_start_page(tab: Page, url: str, cases: Path) -> None:
    """The start page's form writes the case; the list shows it without a reload, its link opens the diagnosis."""
    tab.goto(f"{url}/voila/render/index.ipynb", timeout=RENDER_TIMEOUT_MS, wait_until="commit")
    form = tab.locator(".hlo-new-case")
    form.locator("input").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    texts = form.locator("input[type=text]")
    for index, text in enumerate(
        ["Zorg Gent", "Zorg", "Leerlingen verzorgende", "Campus Gent", "WZC De Linde", "Leerkrachten zorg", "Mentoren"]
    ):
        texts.nth(index).fill(text)
    form.locator("button", has_text="Vlaanderen").click()
    form.locator("select").nth(3).select_option(label="werkbegeleider")
    tab.click(".hlo-new-case-create")
    expect(tab.locator(".hlo-new-case-message")).to_contain_text("aangemaakt", timeout=SAVE_MS)
    expect(tab.locator("table").first).to_contain_text("Zorg Gent")
    screenshot_everything(tab, SCREENSHOTS / "start-new-case.png")
    assert_no_errors(tab)
    case = load_case(cases / f"{CASE}.yaml")
    assert case.region == "VL"
    assert [(a.name, a.type.value) for a in case.actors] == [
        ("Leerkrachten zorg", "teacher"),
        ("Mentoren", "supervisor"),
    ]
    tab.click(".hlo-new-case-message a")


def _diagnose(tab: Page) -> None:
    """On the page the start page's link opened."""
    tab.wait_for_selector(".hlo-sticker-table", timeout=RENDER_TIMEOUT_MS)
    expect(tab.locator("h2").first).to_contain_text("Zorg Gent")
    environments = tab.locator(".hlo-environments-editor")
    _add_named(environments, "Skillslab")
    expect(environments.locator(".hlo-environment-row")).to_have_count(3)
    environments.locator(".hlo-environment-row").last.locator("select").select_option(label="simulatie")

    activities = tab.locator(".hlo-activity-editor")
    activities.get_by_role("button", name="Activiteit toevoegen").click()
    row = activities.locator(".hlo-activity-row").last
    _type(row.locator("input[type=text]").first, ACTIVITY)
    row.locator("select").select_option(label="Skillslab")
    _type(row.locator("input[type=number]"), "4")

    findings = tab.get_by_role("button", name="Bevinding toevoegen")
    findings.click()
    finding = tab.locator(".hlo-finding-row").last
    _type(finding.locator("textarea").first, FINDING)

    scan = tab.locator(".widget-gridbox").filter(has=tab.locator("select")).first
    for cell in range(3):
        scan.locator("select").nth(cell).select_option(index=2)

    grid = tab.locator(".hlo-sticker-table").first
    for actor_row in range(2):
        grid.locator("tbody tr").nth(actor_row).locator("button[data-level='tactical']").first.click()
    expect(grid.locator("button[data-level='tactical'][aria-pressed='true']")).to_have_count(2, timeout=SAVE_MS)

    _save_the_page(tab)
    screenshot_everything(tab, SCREENSHOTS / "from-scratch-diagnose.png")
    assert_no_errors(tab)


def _design(tab: Page, url: str, finding_id: str) -> None:
    open_dashboard(tab, f"{url}/voila/render/02_ontwerp.ipynb?case={CASE}", selectors=(".hlo-focus-editor",))
    editor = tab.locator(".hlo-focus-editor")
    _type(editor.locator(".hlo-focus-question textarea"), QUESTION)
    _type(editor.locator(".hlo-focus-target-group textarea"), TARGET_GROUP)
    editor.locator(".hlo-add-goal").click()
    goal = editor.locator(".hlo-goal-row").last
    _type(goal.locator("textarea"), GOAL)
    goal.locator(f".hlo-goal-finding-{finding_id}").click()
    continuum = tab.locator(".hlo-continuum-editor")
    continuum.locator("button", has_text="hybridisering").click()
    _type(continuum.locator(".hlo-continuum-rationale textarea"), RATIONALE)
    _save_the_page(tab)
    screenshot_everything(tab, SCREENSHOTS / "from-scratch-design.png")
    assert_no_errors(tab)


def _add_named(editor: Locator, name: str) -> None:
    """A situation list: type the new name in the empty field, then press its add button."""
    editor.locator("input[type=text]").last.fill(name)
    editor.locator("button", has_text="+").click()


def _type(field: Locator, text: str) -> None:
    """Fill a widget field and leave it: the editors take a value when the field loses focus."""
    field.fill(text)
    field.blur()


def _save_the_page(tab: Page) -> None:
    button = tab.locator(".hlo-page-save button")
    expect(button).to_contain_text("niet-opgeslagen", timeout=SAVE_MS)
    button.click()
    expect(tab.locator(".hlo-page-save-status")).not_to_be_empty(timeout=SAVE_MS)
    refusals = tab.locator(".hlo-error").all_inner_texts()
    assert "Alles opgeslagen" in tab.locator(".hlo-page-save").inner_text(), refusals


def _downloaded_report(tab: Page, url: str, name: str) -> str:
    """Open the page again (it reads the saved file), make the report and read the offered download."""
    open_dashboard(tab, url, selectors=(".hlo-page-save",))
    tab.get_by_role("button", name=f"Maak het {name}").click()
    link = tab.locator(".hlo-report-link")
    link.wait_for(timeout=SAVE_MS)
    href = link.get_attribute("href") or ""
    assert href.startswith("data:text/html;base64,")
    return base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
