"""The participant's phone page: first paint, the join step ready, and the forms shown after joining.

What is measured, in one run against the real server (``hlo-design serve --pool 0`` on a copy of the
example cases and a fresh SQLite store) with an open diagnose meeting for ``zorg``, in Chromium
(Playwright) on a phone viewport (390×844, ``is_mobile``), a fresh browser context (empty cache and
storage, as a phone that scans the QR code for the first time) for every load:

- ``/join?code=<code>`` (what the QR code opens): first-contentful-paint (the ``paint`` performance
  entry) and the time until the join step is usable, i.e. the code has been looked up and the actor
  list is filled (``#hlo-who-step`` shown with its options);
- ``/join`` without a code, the reference: the same HTML, style sheet and script, but no API call;
  "usable" is when the page's script has run (``domContentLoadedEventEnd``; the script is deferred).
  There is no static HTML page on the server to compare with, and this page is the floor the
  ``?code=`` page can reach;
- joining: the code prefilled, an actor chosen, the join button pressed → the sticker form
  (``.hlo-form-sticker``) visible; timed in the page from the submit event.

``--loads`` (default 10) loads of each page, alternating, after one uncounted warm-up load of each.
All times are the page's own clock (``performance``, from the start of navigation; the join from the
press), read when the condition first holds in an animation frame. Prints medians (min, max), the
ratio of the ``?code=`` page to the reference, and whether first paint stays within 1 s ("target
met / not met"). The exit code is 0 whatever the results, non-zero on errors.

Run: ``.venv/bin/python -m benchmarks.bench_join_page [--loads 10]``
"""

from __future__ import annotations

import argparse
import statistics
from typing import Any

from playwright.sync_api import Browser, BrowserContext, sync_playwright

from benchmarks.common import meeting_server
from hlo_design.meeting.store import MeetingStore

CASE = "zorg"
PHASE = "diagnose"
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
FIRST_PAINT_TARGET_MS = 1000.0
TIMEOUT_MS = 30_000

FIRST_PAINT = """() => {
  const paint = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint');
  return paint ? paint.startTime : false;
}"""
SCRIPT_RAN = """() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  return navigation && navigation.domContentLoadedEventEnd > 0 ? navigation.domContentLoadedEventEnd : false;
}"""
JOIN_STEP_READY = """() => {
  const step = document.getElementById('hlo-who-step');
  return step && !step.hidden && document.querySelectorAll('#hlo-actor option').length > 1 ? performance.now() : false;
}"""
NOTE_PRESS = """() => document.getElementById('hlo-who-step').addEventListener(
  'submit', () => { window.hloPressed = performance.now(); }, true)"""
FORMS_SHOWN = """() => {
  const form = document.querySelector('.hlo-form-sticker');
  return form && form.offsetParent !== null && window.hloPressed ? performance.now() - window.hloPressed : false;
}"""


def _wait(context: BrowserContext, url: str, ready: str) -> tuple[float, float]:
    """Open ``url`` in a new tab of ``context``; first paint and ``ready`` (ms from navigation start)."""
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    ready_ms = float(page.wait_for_function(ready, polling="raf", timeout=TIMEOUT_MS).json_value())
    paint_ms = float(page.wait_for_function(FIRST_PAINT, timeout=TIMEOUT_MS).json_value())
    return paint_ms, ready_ms


def _load(browser: Browser, url: str, ready: str) -> tuple[float, float]:
    context = browser.new_context(**PHONE)
    try:
        return _wait(context, url, ready)
    finally:
        context.close()


def _join(browser: Browser, url: str, choice: int) -> float:
    """Milliseconds from pressing the join button (actor number ``choice``) to the sticker form on screen."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(JOIN_STEP_READY, polling="raf", timeout=TIMEOUT_MS)
        actors = page.eval_on_selector_all("#hlo-actor option", "options => options.map(o => o.value).filter(Boolean)")
        page.select_option("#hlo-actor", actors[choice % len(actors)])
        page.evaluate(NOTE_PRESS)
        page.click("#hlo-who-step button[type=submit]")
        return float(page.wait_for_function(FORMS_SHOWN, polling="raf", timeout=TIMEOUT_MS).json_value())
    finally:
        context.close()


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):7.0f} ms  (min {min(values):5.0f}, max {max(values):5.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=10, help="loads of each page (alternating)")
    loads = parser.parse_args().loads
    pages = {"/join (reference)": ("/join", SCRIPT_RAN), "/join?code=": ("/join?code={code}", JOIN_STEP_READY)}
    paints: dict[str, list[float]] = {name: [] for name in pages}
    readies: dict[str, list[float]] = {name: [] for name in pages}
    joins: list[float] = []
    with meeting_server() as (server, _cases, store_url), sync_playwright() as playwright:
        store = MeetingStore(store_url)
        meeting = store.open_meeting(CASE, PHASE)
        store.dispose()
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        urls = {name: server.url + path.format(code=meeting.code) for name, (path, _) in pages.items()}
        for name, (_, ready) in pages.items():
            _load(browser, urls[name], ready)  # warm-up: Chromium's first tab, the server's first case read
        for _ in range(loads):
            for name, (_, ready) in pages.items():
                paint, done = _load(browser, urls[name], ready)
                paints[name].append(paint)
                readies[name].append(done)
        for number in range(loads):
            joins.append(_join(browser, urls["/join?code="], number))
        browser.close()
    reference, coded = pages
    rule = "-" * 84
    print(rule)
    print(f"participant page on a 390×844 phone viewport, {loads} loads each, fresh context per load")
    print(rule)
    for name in pages:
        print(f"{name:20s} first contentful paint  {_summary(paints[name])}")
        usable = "join step ready" if name == coded else "script ran     "
        print(f"{name:20s} {usable}         {_summary(readies[name])}")
    paint_ratio = statistics.median(paints[coded]) / statistics.median(paints[reference])
    ready_ratio = statistics.median(readies[coded]) / statistics.median(readies[reference])
    print(f"ratio ?code= / reference: first paint {paint_ratio:.2f}, usable {ready_ratio:.2f}")
    print(f"{'join pressed → forms shown':41s}  {_summary(joins)}")
    print(rule)
    first_paint = statistics.median(paints[coded])
    met = first_paint <= FIRST_PAINT_TARGET_MS
    print(f"first paint of /join?code= <= {FIRST_PAINT_TARGET_MS:.0f} ms (median {first_paint:.0f} ms)"
          f"{'':20s} target {'met' if met else 'not met'}")  # fmt: skip
    worst = max(paints[coded])
    print(f"first paint of /join?code= <= {FIRST_PAINT_TARGET_MS:.0f} ms (slowest {worst:.0f} ms)"
          f"{'':19s} target {'met' if worst <= FIRST_PAINT_TARGET_MS else 'not met'}")  # fmt: skip
    print(rule, flush=True)


if __name__ == "__main__":
    main()
