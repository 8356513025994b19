"""Shared fixtures: a private copy of the example cases and a minimal valid case."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import ipywidgets
import pytest

from hlo_design.base.config import CASES_DIR

TESTS_DIR = Path(__file__).parent
TEST_DATA = TESTS_DIR / "data"
EXAMPLE_CASES = ("zorg", "logistiek", "energietransitie", "servicemedewerker")

MINIMAL_CASE = """\
id: demo
name: Demo
sector: zorg
region: NL
sources:
  - id: eigen
    title: Eigen waarneming
environments:
  - id: school
    name: School
    kind: school
  - id: bedrijf
    name: Bedrijf
    kind: company
activities:
  - id: les
    name: Les
    environment: school
    position: {form: -0.5, context: -0.5}
    hours_per_week: 4
  - id: werk
    name: Meewerken
    environment: bedrijf
    position: {form: 0.6, context: 0.7}
    hours_per_week: 12
"""


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
