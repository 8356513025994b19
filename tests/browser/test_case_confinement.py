"""`?case=` in a real dashboard reaches case ids in the cases folder only (see tests/test_case_confinement.py)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import RENDER_TIMEOUT_MS, assert_no_errors

SECRET = "geheim-wachtwoord-123"


@pytest.fixture(scope="module")
def outside_case(cases_copy: Path) -> Path:
    """A valid, writable case file next to (not in) the served cases folder."""
    path = cases_copy.parent / "geheim.yaml"
    text = (cases_copy / "zorg.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("id: zorg", f"id: {SECRET}", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["absolute", "dot-dot", "10 kB"])
def test_case_parameter_cannot_leave_the_cases_folder(
    page: Page, voila_url: str, outside_case: Path, kind: str
) -> None:
    """The page shows 'unknown case', reveals nothing of the file, and leaves it untouched."""
    before = outside_case.read_bytes()
    ref = {"absolute": str(outside_case), "dot-dot": "../geheim", "10 kB": "a" * 10_000}[kind]
    url = f"{voila_url}/voila/render/01_diagnose.ipynb?case={urllib.parse.quote(ref)}"
    page.goto(url, timeout=RENDER_TIMEOUT_MS)
    box = page.locator(".hlo-error-box")
    expect(box).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(box).to_contain_text("unknown case")
    assert SECRET not in page.content()
    assert_no_errors(page, error_box_expected=True)
    assert outside_case.read_bytes() == before
    assert not outside_case.with_suffix(".yaml.bak").exists()
