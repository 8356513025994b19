"""Pre-heated kernels (``hlo-design serve --pool N``): a warm kernel still serves the case its page view asks for.

A pool kernel runs the notebook before anyone asks for it; the case comes from
the query string only once a view takes the kernel. Two views of the same
notebook with different ``?case=`` must each get their own case, both from the
pool (Voilà logs every pre-heated kernel it hands out): a pool kernel that had
read the query string too early would show the notebook's default case.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.casefile.loading import load_case
from tests.browser.conftest import assert_no_errors, open_dashboard, running_voila

NOTEBOOK = "01_diagnose.ipynb"
CASES = ("zorg", "logistiek")
POOL = len(CASES)
POOL_FILLED = f"Kernel pool of {NOTEBOOK} is filled with {POOL} kernel(s)"
POOL_FILL_SECONDS = 180


@pytest.fixture(scope="module")
def preheated(cases_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Voilà with a pool of two on a folder holding only the diagnosis notebook, once its pool is full."""
    root = tmp_path_factory.mktemp("preheat")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS_DIR / NOTEBOOK, notebooks / NOTEBOOK)
    log_path = root / "voila.log"
    with running_voila(cases_copy, log_path, notebooks=notebooks, pool=POOL) as url:
        deadline = time.monotonic() + POOL_FILL_SECONDS
        while POOL_FILLED not in log_path.read_text(encoding="utf-8"):
            if time.monotonic() > deadline:
                pytest.fail(f"the pool was not filled within {POOL_FILL_SECONDS} s")
            time.sleep(0.5)
        yield url, log_path


def test_two_views_from_the_pool_each_get_their_own_case(browser: Browser, preheated: tuple[str, Path]) -> None:
    """One view after the other (at once, two pages on a busy 2-core machine outlast any sane time limit)."""
    url, log_path = preheated
    for case_id in CASES:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        try:
            open_dashboard(tab, f"{url}/voila/render/{NOTEBOOK}?case={case_id}", selectors=(".hlo-activity-row",))
            expect(tab.locator("h2").filter(has_text=load_case(case_id).name)).to_have_count(1)
            assert_no_errors(tab)
        finally:
            context.close()
    assert log_path.read_text(encoding="utf-8").count("Using pre-heated kernel") == len(CASES)
