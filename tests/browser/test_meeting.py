"""A live diagnosis meeting in Debian's Chromium: three phones and the coach's dashboard.

The coach opens the meeting page and a meeting; a teacher, a mentor and a
learner join on phone-sized pages (390×844) and send a role-map sticker, scan
cells and a finding (hostile text included). The coach's page shows them
without a reload, accepts them, and the diagnosis report of the case, made by
the batch afterwards, contains them.

A server of its own (no pool) on a copy of the cases, so the other browser
tests keep seeing the example cases as they are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
    assert_no_errors,
    copy_of_the_cases,
    server_of_its_own,
)
from tests.helpers import HOSTILE

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LIVE_MS = 10_000
"""Contributions must show on the coach's page within 2 s of the poll; 10 s leaves room for a busy CI machine."""


@pytest.fixture(scope="module")
def meeting_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of_the_cases(tmp_path_factory, "meeting")


@pytest.fixture(scope="module")
def meeting_url(meeting_cases: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_of_its_own(meeting_cases, tmp_path_factory, "meeting") as url:
        yield url


def _phone(browser: Browser, url: str, code: str, actor: str) -> Page:
    """A participant's phone that has joined the meeting as ``actor``."""
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.on("dialog", lambda dialog: pytest.fail(f"a script ran on the phone: {dialog.message}"))
    phone.goto(f"{url}/join?code={code}")
    phone.select_option("#hlo-actor", actor, timeout=20_000)
    phone.click("#hlo-who-step button")
    expect(phone.locator(".hlo-form-sticker")).to_be_visible(timeout=20_000)
    return phone


def _send(phone: Page, kind: str, choices: dict[str, str], text: str | None = None) -> None:
    form = f".hlo-form-{kind}"
    phone.click(f".hlo-tab-{kind}")
    for name, value in choices.items():
        phone.select_option(f"{form} select[name={name}]", value)
    if text is not None:
        phone.fill(f"{form} textarea[name=text]", text)
    phone.click(f"{form} button")
    expect(phone.locator(f"{form} .status.ok")).to_be_visible(timeout=20_000)


ROLE_CELLS_JS = (
    "document.querySelector('.hlo-meeting-figure-0 .js-plotly-plot').data[0].z.flat().filter(v => v > 0).length"
)
"""Cells of the role map with a sticker, as the coach's page draws them."""


def _filled_role_cells(coach: Page) -> int:
    return int(coach.evaluate(f"() => {ROLE_CELLS_JS}"))


def test_a_diagnosis_meeting_from_three_phones_ends_in_the_case_and_the_report(
    browser: Browser, meeting_url: str, meeting_cases: Path, tmp_path: Path
) -> None:
    coach = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    coach.on("dialog", lambda dialog: pytest.fail(f"a script ran on the coach's page: {dialog.message}"))
    coach.goto(f"{meeting_url}/voila/render/05_bijeenkomst.ipynb?case=zorg&phase=diagnose",
               timeout=RENDER_TIMEOUT_MS, wait_until="commit")  # fmt: skip
    coach.click(".hlo-meeting-toggle", timeout=RENDER_TIMEOUT_MS)
    code = coach.inner_text(".hlo-join-code", timeout=30_000).strip()
    coach.wait_for_selector(".hlo-meeting-figure-0 .js-plotly-plot", timeout=30_000)
    role_cells_before = _filled_role_cells(coach)

    teacher = _phone(browser, meeting_url, code, "leerkrachten")
    mentor = _phone(browser, meeting_url, code, "mentoren_wzc")
    learner = _phone(browser, meeting_url, code, "leerlingen")
    _send(teacher, "sticker", {"task": "af_rooster", "level": "tactical"})
    _send(learner, "sticker", {"task": "ob_wv_feedback", "level": "operational"})
    cell = {"level": "strategic", "perspective": "social"}
    _send(mentor, "scan_cell", {**cell, "position": "afstemming_werk"})
    _send(learner, "scan_cell", {**cell, "position": "afstemming_school"})
    _send(teacher, "finding", {"quadrant": "4"}, text=f"Het rooster botst met de zorgrondes {HOSTILE}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    teacher.evaluate("window.scrollTo(0, 0)")
    teacher.screenshot(path=str(SCREENSHOTS / "meeting-phone.png"))

    # the coach sees it all without reloading: the wall, the counts, the role map, the scan spread
    expect(coach.locator(".hlo-wall-note")).to_contain_text("Het rooster botst", timeout=LIVE_MS)
    expect(coach.locator(".hlo-wall-note")).to_contain_text(HOSTILE)  # shown as text, not parsed
    expect(coach.locator(".hlo-meeting-counts tbody tr")).to_have_count(3, timeout=LIVE_MS)
    coach.wait_for_function(f"() => {ROLE_CELLS_JS} > {role_cells_before}", timeout=LIVE_MS)
    expect(coach.locator(".hlo-meeting-figure-1 .gtitle")).to_contain_text("leerlingen", timeout=LIVE_MS)
    coach.screenshot(path=str(SCREENSHOTS / "meeting-coach.png"))

    for kind in ("sticker", "scan_cell", "finding"):
        coach.click(f".hlo-meeting-accept-{kind}")
        expect(coach.locator(".hlo-meeting-message")).to_contain_text("casusbestand", timeout=30_000)
    expect(coach.locator(".hlo-wall-note")).to_contain_text("geaccepteerd", timeout=LIVE_MS)
    assert_no_errors(coach)

    case = load_case(meeting_cases / "zorg.yaml")
    assert any(HOSTILE in finding.text for finding in case.findings)
    assert {("leerkrachten", "af_rooster"), ("leerlingen", "ob_wv_feedback")} <= {
        (s.actor, s.task) for s in case.role_map.stickers
    }
    today = [scan for scan in case.scans if scan.date == max(s.date for s in case.scans)]
    assert {scan.group.value for scan in today} == {"supervisors", "learners"}

    out = tmp_path / "reports"
    env = {**os.environ, "HLO_DESIGN_CASES": str(meeting_cases)}
    batch = [
        sys.executable,
        "-m",
        "hlo_design.app.cli",
        "batch",
        "--phase",
        "diagnose",
        "--case",
        "zorg",
        "--out",
        str(out),
    ]
    subprocess.run(batch, env=env, check=True, capture_output=True, timeout=600)
    report = (out / "zorg" / "diagnose.html").read_text(encoding="utf-8")
    assert "Het rooster botst met de zorgrondes &lt;img src=x onerror=alert(1)&gt;" in report
    assert HOSTILE not in report


def test_a_wrong_code_gets_a_clear_message_on_the_phone(browser: Browser, meeting_url: str) -> None:
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{meeting_url}/join?code=ZZZZZZ")
    expect(phone.locator("#hlo-status")).to_contain_text("hoort niet bij een open bijeenkomst", timeout=20_000)
