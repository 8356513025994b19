"""A real JupyterHub, as ``deploy/jupyterhub_config.py`` sets it up, serving two coaches in Debian's Chromium.

The hub runs with the deploy config itself, pointed by environment variables at
free ports and temporary folders; only the login (a dummy authenticator with a
password) and the spawner (all servers as this user) are the test's. Each coach
logs in, lands on the workbook's start page and opens a phase page, served by
their own ``hlo-design serve`` behind the hub's ``/user/<name>/``. Anna's
workspace exists before her first start with one case of her own; Bram's is
made by the hub, with the example cases. So each page shows which server,
and which workspace, drew it.

In CI (or with ``HLO_REQUIRE_HUB=1``) a missing hub or proxy fails; elsewhere it skips.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import Browser, Page, expect

from hlo_design.app.serve import LANDING_PAGE
from hlo_design.base.config import EXAMPLE_CASES_DIR, PROJECT_ROOT
from hlo_design.base.workspace import init_workspace
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    assert_no_errors,
    screenshot_everything,
)
from tests.helpers import EXAMPLE_CASES

pytestmark = pytest.mark.browser

DEPLOY_CONFIG = PROJECT_ROOT / "deploy" / "jupyterhub_config.py"
PROXY_FROM_MAKE = PROJECT_ROOT / ".cache" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
INSTALL_HINT = (
    "the JupyterHub test needs the hub extra (pip install -e '.[hub]') and configurable-http-proxy (make hub-proxy)"
)
PASSWORD = "werkboek-test"
ANNA_CASE = "anna-zorg"
ANNA_CASE_NAME = "Zorg Antwerpen, de casus van Anna"
HUB_START_SECONDS = 90
HUB_STOP_SECONDS = 60
FIRST_PAGE_TIMEOUT_MS = 2 * RENDER_TIMEOUT_MS
"""A coach's first page also waits for their server: the wrapper starts Voilà on the first request that passed the login."""
ARTIFACTS = PROJECT_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"


@dataclass(frozen=True)
class Hub:
    url: str
    workspaces: Path
    log: Path
    process: subprocess.Popen[bytes]


def _hub_required() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("HLO_REQUIRE_HUB") == "1"


def _proxy_program() -> str | None:
    if PROXY_FROM_MAKE.exists():
        return str(PROXY_FROM_MAKE)
    return shutil.which("configurable-http-proxy")


def _free_ports(count: int) -> list[int]:
    """``count`` different free ports (the probes stay open until all are chosen, so none repeats)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def _anna_workspace(workspaces: Path) -> None:
    """Anna has worked before: her workspace holds one case, a renamed copy of Zorg, and no examples."""
    cases = init_workspace(workspaces / "anna").cases
    text = (EXAMPLE_CASES_DIR / "zorg.yaml").read_text(encoding="utf-8")
    text = text.replace("id: zorg", f"id: {ANNA_CASE}", 1)
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    (cases / f"{ANNA_CASE}.yaml").write_text(text.replace(name_line, f"name: {ANNA_CASE_NAME}", 1), encoding="utf-8")


def _wait_until_up(hub: Hub) -> None:
    deadline = time.monotonic() + HUB_START_SECONDS
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            pytest.fail(f"JupyterHub exited with {hub.process.returncode}:\n{hub.log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{hub.url}/hub/api", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    _stop(hub)
    pytest.fail(f"JupyterHub did not answer within {HUB_START_SECONDS} s:\n{hub.log.read_text()[-3000:]}")


def _stop(hub: Hub) -> list[str]:
    """Stop the hub as an operator would (SIGTERM: it stops the coaches' servers and its proxy first).

    Returns what was still running afterwards (and is then killed): every process the hub had started,
    servers, Voilà and kernels included, must be gone with it.
    """
    try:
        started = psutil.Process(hub.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        started = []
    hub.process.send_signal(signal.SIGTERM)
    try:
        hub.process.wait(timeout=HUB_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        hub.process.kill()
        hub.process.wait()
    _gone, alive = psutil.wait_procs(started, timeout=10)
    for process in alive:
        process.kill()
    return [" ".join(process.cmdline()[:4]) for process in alive if process.is_running()] or [
        str(process.pid) for process in alive
    ]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    """JupyterHub with the deploy config on free ports and temporary folders; stopped (and checked) after the module."""
    proxy = _proxy_program()
    if find_spec("jupyterhub") is None or find_spec("jhsingle_native_proxy") is None or proxy is None:
        if _hub_required():
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    root = tmp_path_factory.mktemp("hub")
    hub_port, api_port, proxy_api_port = _free_ports(3)
    environment = {
        **os.environ,
        "HLO_HUB_URL": f"http://127.0.0.1:{hub_port}",
        "HLO_HUB_API_URL": f"http://127.0.0.1:{api_port}",
        "HLO_HUB_PROXY_API_URL": f"http://127.0.0.1:{proxy_api_port}",
        "HLO_HUB_PROXY": proxy,
        "HLO_HUB_STATE": str(root / "state"),
        "HLO_HUB_WORKSPACES": str(root / "coaches"),
        "HLO_HUB_COACHES": "anna,bram",
        "HLO_HUB_AUTHENTICATOR": "dummy",
        "HLO_HUB_SPAWNER": "simple",
        "HLO_HUB_POOL": "0",  # a kernel per page view: two coaches' pools would only load the machine
    }
    for name in ("HLO_DESIGN_STORE", "HLO_DESIGN_WORKSPACE", "HLO_DESIGN_CASES", "HLO_DESIGN_REPORTS"):
        environment.pop(name, None)
    _anna_workspace(root / "coaches")
    log = root / "hub.log"
    command = [
        sys.executable,
        "-m",
        "jupyterhub",
        "-f",
        str(DEPLOY_CONFIG),
        f"--DummyAuthenticator.password={PASSWORD}",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=root, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Hub(f"http://127.0.0.1:{hub_port}", root / "coaches", log, process)
    _wait_until_up(running)
    yield running
    leftovers = _stop(running)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(log, ARTIFACTS / "jupyterhub.log")
    assert leftovers == [], f"still running after the hub stopped: {leftovers}"


def _log_in(browser: Browser, hub: Hub, coach: str) -> Page:
    """A browser of the coach's own (cookies apart) that has sent the login form; the hub then starts their server."""
    tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    tab.goto(f"{hub.url}/hub/login", timeout=RENDER_TIMEOUT_MS)
    tab.fill("#username_input", coach)
    tab.fill("#password_input", PASSWORD)
    tab.click("#login_submit", no_wait_after=True)
    return tab


def test_each_coach_gets_the_workbook_of_their_own_workspace(hub: Hub, browser: Browser) -> None:
    anna, bram = _log_in(browser, hub, "anna"), _log_in(browser, hub, "bram")  # both servers start at once

    for coach, tab in (("anna", anna), ("bram", bram)):
        tab.wait_for_selector("a.hlo-phase-link", timeout=FIRST_PAGE_TIMEOUT_MS)
        assert tab.url == f"{hub.url}/user/{coach}/{LANDING_PAGE}"
    expect(anna.locator("a.hlo-phase-link[data-phase='diagnose']")).to_have_count(1)
    expect(anna.locator(f"a.hlo-phase-link[data-case='{ANNA_CASE}']")).not_to_have_count(0)
    expect(bram.locator("a.hlo-phase-link[data-phase='diagnose']")).to_have_count(len(EXAMPLE_CASES))
    expect(bram.locator(f"a.hlo-phase-link[data-case='{ANNA_CASE}']")).to_have_count(0)
    assert sorted(path.stem for path in (hub.workspaces / "bram" / "cases").glob("*.yaml")) == sorted(EXAMPLE_CASES)

    # A phase page of a case, opened from the start page's own link (relative to /user/<name>/).
    anna.click(f"a.hlo-phase-link[data-case='{ANNA_CASE}'][data-phase='diagnose']", no_wait_after=True)
    bram.click("a.hlo-phase-link[data-case='logistiek'][data-phase='diagnose']", no_wait_after=True)
    for tab, coach, case_name in ((anna, "anna", ANNA_CASE_NAME), (bram, "bram", "Logistiek West-Brabant")):
        tab.wait_for_selector(".hlo-finding-row", timeout=RENDER_TIMEOUT_MS)
        assert tab.url.startswith(f"{hub.url}/user/{coach}/voila/render/01_diagnose.ipynb?")
        expect(tab.locator("h2").filter(has_text=case_name)).to_have_count(1)
        assert_no_errors(tab)
        screenshot_everything(tab, SCREENSHOTS / f"jupyterhub-{coach}.png")
    for tab in (anna, bram):
        tab.context.close()


def test_the_idle_culler_runs_as_a_hub_service(hub: Hub) -> None:
    started = [" ".join(process.cmdline()) for process in psutil.Process(hub.process.pid).children(recursive=True)]
    assert any("jupyterhub_idle_culler" in command and "--timeout=" in command for command in started)
