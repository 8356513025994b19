"""A real Voilà server and Debian's Chromium driven by Playwright.

The server runs on a private copy of the example cases plus one case full of
hostile text. Screenshots of every page go to ``artifacts/screenshots/`` and
are kept as test artefacts. In CI a missing Chromium is a failure, not a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from hlo_design.app.serve import voila_command
from hlo_design.base.config import CASES_DIR, PROJECT_ROOT
from hlo_design.casefile.history import HISTORY_DIR
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import dump_case
from tests.helpers import HOSTILE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]  # fmt: skip
"""The last flag makes every other host unknown, as on a closed network (Voilà's template links a CDN
stylesheet; its icons are bundled too). Not a Playwright route: routed pages lose Voilà's unload beacon."""
ARTIFACTS = PROJECT_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
TIMEOUTS = ARTIFACTS / "timeouts"
CONSOLES: dict[Page, list[str]] = {}
"""Console messages per open tab, kept as evidence when a page times out."""
SERVER_START_SECONDS = 60


@pytest.fixture(scope="session")
def chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing; install Debian's chromium (make chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _hostile_case(cases: Path) -> None:
    """A copy of Zorg whose name, activity and finding texts try to inject HTML."""
    zorg = load_case(cases / "zorg.yaml")
    first = zorg.findings[0].model_copy(update={"text": HOSTILE})
    activity = zorg.activities[0].model_copy(update={"name": HOSTILE})
    hostile = zorg.model_copy(
        update={"id": "xss-test", "name": f"XSS {HOSTILE}", "findings": [first, *zorg.findings[1:]],
                "activities": [activity, *zorg.activities[1:]]}
    )  # fmt: skip
    (cases / "xss-test.yaml").write_text(dump_case(hostile), encoding="utf-8")


def copy_of_the_cases(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A private copy of the example cases (no backups, locks or meeting store) for a server of one module."""
    cases = tmp_path_factory.mktemp(name) / "cases"
    shutil.copytree(CASES_DIR, cases, ignore=shutil.ignore_patterns("*.bak", "*.lock", ".meetings*"))
    return cases


@contextmanager
def server_of_its_own(cases: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """A Voilà without a pool on ``cases``, for a module whose tests add cases the shared server must not see."""
    with running_voila(cases, tmp_path_factory.mktemp(f"{name}-log") / "voila.log", pool=0) as url:
        yield url


@pytest.fixture(scope="session")
def cases_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases = tmp_path_factory.mktemp("voila") / "cases"
    shutil.copytree(CASES_DIR, cases, ignore=shutil.ignore_patterns("*.bak", "*.lock"))
    _hostile_case(cases)
    return cases


@contextmanager
def case_of_its_own(cases: Path, case_id: str, copy_of: str, change: Callable[[str], str] = str) -> Iterator[Path]:
    """A copy of an example case under its own id for the tests of one module, gone afterwards.

    The other browser tests count and read the example cases, so a test that saves works on a copy;
    ``change`` may alter the copied text (a hostile name, say).
    """
    path = cases / f"{case_id}.yaml"
    text = (cases / f"{copy_of}.yaml").read_text(encoding="utf-8").replace(f"id: {copy_of}", f"id: {case_id}", 1)
    path.write_text(change(text), encoding="utf-8")
    try:
        yield path
    finally:
        for leftover in cases.glob(f"{case_id}.yaml*"):
            leftover.unlink()
        shutil.rmtree(cases / HISTORY_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def voila_url(cases_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Standalone Voilà exactly as `hlo-design serve` starts it (default pool included), on a free port."""
    log_path = tmp_path_factory.mktemp("voila-log") / "voila.log"
    with running_voila(cases_copy, log_path) as url:
        yield url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(log_path, ARTIFACTS / "voila.log")


@contextmanager
def running_voila(cases: Path, log_path: Path, **options: Any) -> Iterator[str]:
    """A Voilà started with :func:`voila_command` (``options`` go to it) on ``cases``, logging to ``log_path``."""
    port = _free_port()
    env = {**os.environ, "HLO_DESIGN_CASES": str(cases)}
    with log_path.open("w") as log:
        process = subprocess.Popen(voila_command(port, **options), env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        else:
            process.terminate()
            pytest.fail(f"Voilà did not start within {SERVER_START_SECONDS} s")
        try:
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture(scope="package")
def browser(chromium: Path) -> Iterator[Browser]:
    """One Chromium for the browser tests, gone before the other tests run.

    Playwright's sync API leaves its event loop marked as running in the main
    thread while it is open: ``asyncio.run`` (and papermill's time limit) in a
    later test would then fail, so it must not outlive this package.
    """
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab, big enough for a projector; any JavaScript dialog (alert) fails the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    console: list[str] = []
    tab.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    CONSOLES[tab] = console
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        if dialog.type == "beforeunload":  # leaving with unsaved changes asks first (test_leave_warning.py)
            dialog.accept()
            return
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    name = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")
    screenshot_everything(tab, SCREENSHOTS / f"{name}.png")
    tab.goto("about:blank")  # as a participant closing the tab: Voilà's unload beacon shuts the kernel down
    context.close()
    del CONSOLES[tab]
    assert dialogs == [], f"a script ran in the page: {dialogs}"


def screenshot_everything(tab: Page, path: Path) -> None:
    """Voilà scrolls inside a container, so grow the viewport to the content (at the same width) before the shot.

    Plotly's off-screen text-measuring SVG (``#js-plotly-tester``, 9000 px high) does not count.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    height = tab.evaluate(
        """Math.max(600, ...Array.from(document.querySelectorAll('body *'))
            .filter(e => !e.closest('#js-plotly-tester')).map(e => e.scrollHeight))"""
    )
    width = tab.viewport_size["width"] if tab.viewport_size else 1400  # a phone's page is shot at a phone's width
    tab.set_viewport_size({"width": width, "height": min(int(height) + 40, 16000)})
    tab.screenshot(path=str(path))


RENDER_TIMEOUT_MS = 120_000
"""A cold Voilà page (kernel start, imports, widgets) on a busy 2-core machine can take a while."""


def open_dashboard(tab: Page, url: str, *, figures: int = 0, selectors: tuple[str, ...] = ()) -> None:
    """Load a dashboard and wait until ``figures`` plotly figures and every selector are on screen.

    Waits from the first byte, not the load event: Voilà keeps the page loading while cells run.
    A page that is not drawn in time leaves its HTML, console and a screenshot in
    ``artifacts/timeouts/`` before the test fails, so a CI failure can be read afterwards.
    """
    tab.goto(url, timeout=RENDER_TIMEOUT_MS, wait_until="commit")
    try:
        _wait_until_drawn(tab, figures, selectors, RENDER_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        _keep_evidence(tab, url)
        raise


def _keep_evidence(tab: Page, url: str) -> None:
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", url.split("/render/")[-1])
    TIMEOUTS.mkdir(parents=True, exist_ok=True)
    html = tab.content()
    reached = re.findall(r"voila_process\((\d+), (\d+)\)", html)
    progress = f"Voilà reached cell {reached[-1][0]} of {reached[-1][1]}" if reached else "Voilà ran no cell"
    (TIMEOUTS / f"{name}.txt").write_text("\n".join([url, progress, *CONSOLES.get(tab, [])]), encoding="utf-8")
    (TIMEOUTS / f"{name}.html").write_text(html, encoding="utf-8")
    tab.screenshot(path=str(TIMEOUTS / f"{name}.png"))


def _wait_until_drawn(tab: Page, figures: int, selectors: tuple[str, ...], timeout: int) -> None:
    if figures:
        tab.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=figures, timeout=timeout
        )
    for selector in selectors:
        tab.wait_for_selector(selector, timeout=timeout)


def assert_no_errors(tab: Page, *, error_box_expected: bool = False) -> None:
    """No traceback, no Voilà cell error, no stderr output and (unless expected) no error box on the page."""
    body = tab.inner_text("body")
    assert "Traceback" not in body
    assert "There was an error when executing cell" not in body
    assert "Error displaying widget" not in body  # a widget whose front-end code is missing
    assert tab.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert tab.locator(".hlo-error-box").count() == int(error_box_expected)
