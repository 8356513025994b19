"""Marks test items by where they live, so `make unit` (``-m "not browser and not notebook and not slow"``) stays fast.

nbval collects every cell of ``notebooks/*.ipynb`` as a test item without a marker, and the browser
tests drive Chromium. Only a conftest at the repository root is loaded for ``notebooks/`` as well as
for ``tests/``, so the marking lives here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

BROWSER_TESTS = Path(__file__).parent / "tests" / "browser"


def location_marker(path: Path) -> pytest.MarkDecorator | None:
    """The marker an item gets for its file: notebook cells run a kernel, browser tests run Chromium."""
    if path.suffix == ".ipynb":
        return pytest.mark.notebook
    if path.is_relative_to(BROWSER_TESTS):
        return pytest.mark.browser
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = location_marker(item.path)
        if marker is not None:
            item.add_marker(marker)
