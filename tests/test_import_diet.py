"""What a page's kernel loads, and when: the levers of the papermill and dashboard timings (issue 11).

Timings themselves are the benchmarks' business (``benchmarks/``); these tests
keep the causes away: a module that costs seconds and that no page uses, a
catalogue read by the pure-Python YAML parser, a pre-heated kernel that leaves
to the viewer what it could have loaded while waiting.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hlo_design.base.config import DATA_DIR, PROJECT_ROOT
from hlo_design.base.data_files import read_catalogue

CATALOGUES = sorted(DATA_DIR.glob("*.yaml")) + sorted((DATA_DIR / "messages").glob("*.yaml"))

PAGE_KERNEL = """
import json, sys
from hlo_design.phases.diagnose import sections
from hlo_design.ui.session import preload
imported = set(sys.modules)
preload()
print(json.dumps({
    "after_import": sorted(name for name in ("sqlalchemy", "alembic", "voila", "plotly.io._renderers") if name in imported),
    "after_preload": sorted(name for name in ("plotly.io._renderers", "nbformat") if name in sys.modules),
    "rfc3987_syntax": sys.modules.get("rfc3987_syntax", "absent") is not None,
}))
"""


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(DATA_DIR)))
def test_the_c_loader_reads_each_catalogue_as_the_python_loader_does(path: Path) -> None:
    """libyaml is fast but a separate parser: it must give the very data PyYAML's own safe loader gives."""
    assert read_catalogue(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_c_loader_refuses_python_objects(tmp_path: Path) -> None:
    """Safe loading: a catalogue cannot build arbitrary Python objects."""
    path = tmp_path / "evil.yaml"
    path.write_text("x: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError):
        read_catalogue(path)


@pytest.fixture(scope="module")
def page_kernel() -> dict[str, object]:
    """What a fresh process that imports a page's sections (then preloads) has imported, as a kernel would."""
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PAGE_KERNEL], capture_output=True, text=True, timeout=120, env=environment, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_page_imports_neither_the_meeting_store_nor_voila(page_kernel: dict[str, object]) -> None:
    """SQLAlchemy and Alembic are the meeting page's; Voilà's server package only a pre-heated kernel's wait."""
    assert page_kernel["after_import"] == []


def test_preloading_imports_plotly_renderers_before_the_view(page_kernel: dict[str, object]) -> None:
    """A pre-heated kernel loads what a page's first figure would load, while no viewer waits."""
    assert page_kernel["after_preload"] == ["nbformat", "plotly.io._renderers"]


def test_plotly_renderers_come_without_the_iri_grammar(page_kernel: dict[str, object]) -> None:
    """rfc3987_syntax compiles a grammar at import (1.7 s of CPU) for checks no kernel makes."""
    assert page_kernel["rfc3987_syntax"] is False
