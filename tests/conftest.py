"""Shared fixtures: a private copy of the example cases and a minimal valid case."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import ipywidgets
import pytest
from hypothesis import settings

from hlo_design.base.config import CASES_DIR
from tests.helpers import MINIMAL_CASE

# Property tests check behaviour, not speed (benchmarks/ measure speed): on a shared 2-core machine an
# example can take longer than hypothesis' 200 ms default deadline, which would fail a correct run.
settings.register_profile("hlo", deadline=None)
settings.load_profile("hlo")


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    """A writable copy of the example cases."""
    target = tmp_path / "cases"
    shutil.copytree(CASES_DIR, target)
    return target


@pytest.fixture
def minimal_case_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL_CASE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _close_widgets() -> Iterator[None]:
    yield
    ipywidgets.Widget.close_all()
