"""The Voilà dashboards in Debian's Chromium: landing page, diagnosis per case, interaction, safety."""

from __future__ import annotations

import re
import time
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hlo_design.casefile.loading import load_case
from tests.browser.conftest import RENDER_TIMEOUT_MS, assert_no_errors, open_dashboard
from tests.helpers import EXAMPLE_CASES, HOSTILE

DIAGNOSIS_FIGURES = 10
"""Continuum, rhythm, inventory map, hours bars, environments, findings map, 2 scan maps, role heat map, side bars."""


def _open_diagnosis(page: Page, url: str) -> None:
    """A diagnosis dashboard with its figures and its widgets (which arrive last)."""
    selectors = (".hlo-activity-row", ".hlo-finding-row", ".hlo-inventory-map .js-plotly-plot .main-svg")
    open_dashboard(page, url, figures=DIAGNOSIS_FIGURES, selectors=selectors)


def test_landing_page_lists_every_case_and_phase(page: Page, voila_url: str) -> None:
    open_dashboard(page, f"{voila_url}/voila/render/index.ipynb", figures=2)
    links = page.locator("a.hlo-phase-link[data-phase='diagnose']")
    expect(links).to_have_count(len(EXAMPLE_CASES) + 1)  # the examples plus the hostile test case
    for case_id in EXAMPLE_CASES:
        expect(page.locator(f"a.hlo-phase-link[data-case='{case_id}'][data-phase='diagnose']")).to_have_count(1)
    assert_no_errors(page)


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_diagnosis_dashboard_renders(page: Page, voila_url: str, case_id: str) -> None:
    """Every example case: all figures drawn, no error, the case's name in the title."""
    _open_diagnosis(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case={case_id}")
    case = load_case(case_id)
    expect(page.locator(".hlo-activity-row")).to_have_count(len(case.activities))
    expect(page.locator(".hlo-finding-row")).to_have_count(len(case.findings))
    expect(page.locator("h2").filter(has_text=case.name)).to_have_count(1)
    assert_no_errors(page)


def _first_activity_point(page: Page) -> list[float]:
    return page.evaluate(
        """() => {
            const plot = document.querySelector('.hlo-inventory-map .js-plotly-plot');
            const trace = plot.data.find(t => t.customdata && t.customdata.length);
            return [trace.x[0], trace.y[0]];
        }"""
    )


def test_moving_an_activity_redraws_the_map(page: Page, voila_url: str) -> None:
    """Typing a new context value into the first activity's slider moves its marker."""
    _open_diagnosis(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case=logistiek")
    before = _first_activity_point(page)
    readout = page.locator(".hlo-activity-row").first.locator(".hlo-axis-slider .widget-readout").nth(1)
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("0.95")
    page.keyboard.press("Enter")
    page.wait_for_function(
        """() => {
            const plot = document.querySelector('.hlo-inventory-map .js-plotly-plot');
            const trace = plot.data.find(t => t.customdata && t.customdata.length);
            return Math.abs(trace.x[0] - 0.95) < 1e-9;
        }""",
        timeout=30_000,
    )
    assert _first_activity_point(page) != before


def test_unknown_case_gets_a_message_not_a_traceback(page: Page, voila_url: str) -> None:
    page.goto(f"{voila_url}/voila/render/01_diagnose.ipynb?case=bestaat-niet", timeout=RENDER_TIMEOUT_MS)
    box = page.locator(".hlo-error-box")
    expect(box).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(box).to_contain_text("unknown case 'bestaat-niet'")
    assert_no_errors(page, error_box_expected=True)


def test_hostile_text_is_shown_as_text(page: Page, voila_url: str) -> None:
    """A finding and an activity named <img src=x onerror=alert(1)> render as text and run nothing."""
    _open_diagnosis(page, f"{voila_url}/voila/render/01_diagnose.ipynb?case=xss-test")
    finding_text = page.locator(".hlo-finding-row textarea").first
    expect(finding_text).to_have_value(HOSTILE)
    expect(page.locator("h2").filter(has_text=f"XSS {HOSTILE}")).to_have_count(1)
    expect(page.locator(".hlo-activity-row input").first).to_have_value(HOSTILE)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror]').length") == 0
    # the page fixture fails the test if any alert() ran


def test_browser_cannot_execute_code_in_the_kernel(page: Page, voila_url: str, tmp_path: Path) -> None:
    """Over the kernel's own websocket, kernel_info is answered but execute_request is dropped."""
    open_dashboard(page, f"{voila_url}/voila/render/index.ipynb", figures=2)
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page.content())
    assert kernel_id, "the page should name its kernel"
    marker = tmp_path / "executed"
    replies = page.evaluate(
        """async ([url, code]) => {
            const ws = new WebSocket(url);
            const seen = [];
            ws.onmessage = event => seen.push(JSON.parse(event.data).header.msg_type);
            await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
            const send = type => ws.send(JSON.stringify({
                header: {msg_id: crypto.randomUUID(), username: 'x', session: crypto.randomUUID(),
                         msg_type: type, version: '5.3', date: new Date().toISOString()},
                parent_header: {}, metadata: {}, channel: 'shell', buffers: [],
                content: type === 'execute_request'
                    ? {code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false}
                    : {},
            }));
            send('kernel_info_request');
            send('execute_request');
            await new Promise(resolve => setTimeout(resolve, 4000));
            ws.close();
            return seen;
        }""",
        [
            f"{voila_url.replace('http', 'ws')}/api/kernels/{kernel_id.group(1)}/channels?session_id={urllib.parse.quote('probe')}",
            f"open({str(marker)!r}, 'w').write('ran')",
        ],
    )
    assert "kernel_info_reply" in replies  # the channel itself works...
    assert "execute_reply" not in replies  # ...but code is never run
    time.sleep(1)
    assert not marker.exists()


def test_leaving_a_dashboard_shuts_its_kernel_down(page: Page, voila_url: str) -> None:
    """Every page view starts a kernel; closing or leaving the tab must free it, not wait for the cull."""
    open_dashboard(page, f"{voila_url}/voila/render/index.ipynb", figures=2)
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', page.content())
    assert kernel_id, "the page should name its kernel"
    kernel_url = f"{voila_url}/api/kernels/{kernel_id.group(1)}"
    assert page.request.get(kernel_url).status == 200
    page.goto("about:blank")
    deadline = time.monotonic() + 20
    while page.request.get(kernel_url).status != 404:
        assert time.monotonic() < deadline, "the kernel was still running 20 s after the page was left"
        time.sleep(0.5)
