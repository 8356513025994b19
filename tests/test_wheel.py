"""A built wheel, installed in a fresh virtualenv, works outside the clone: summary, batch, a workspace.

Slow (a wheel build with its isolated build backend from PyPI, a virtualenv, a papermill run): marked
``slow``, which ``make unit`` leaves out. The fresh virtualenv gets the dependencies of the running
one through a ``.pth`` line instead of from PyPI, to save minutes; that line adds a plain path, so the
editable install of the clone that lives there (its own ``.pth`` files) stays inactive, and a test
checks that ``hlo_design`` is imported from the wheel. Every command runs in a temporary folder with
no ``PYTHONPATH``, no ``HLO_DESIGN_*`` variables and Jupyter looking only at the new virtualenv's
kernel spec, so the papermill kernels import the installed package too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from hlo_design.base.config import PROJECT_ROOT

pytestmark = pytest.mark.slow

SCRIPTS = "Scripts" if sys.platform == "win32" else "bin"


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    home: Path
    """An empty folder outside the clone, the working folder of every command."""
    environment: dict[str, str]

    def run(self, *command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / SCRIPTS / command[0]), *command[1:]], cwd=cwd or self.home,
            env=self.environment, capture_output=True, text=True, timeout=600,
        )  # fmt: skip


def _run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _clean_environment(venv: Path, jupyter_data: Path) -> dict[str, str]:
    """No route back to the clone (``PYTHONPATH``, handed-down folders); Jupyter sees the new kernel spec only."""
    kept = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith(("HLO_DESIGN_", "JUPYTER"))}
    return kept | {
        "PATH": f"{venv / SCRIPTS}{os.pathsep}{os.environ['PATH']}",
        "JUPYTER_PATH": str(venv / "share" / "jupyter"),
        "JUPYTER_DATA_DIR": str(jupyter_data),
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(root / "dist"), str(PROJECT_ROOT)])
    (wheel,) = (root / "dist").glob("hlo_design-*.whl")
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = str(venv / SCRIPTS / "python")
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    Path(site, "_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    home = root / "home"
    home.mkdir()
    environment = _clean_environment(venv, root / "jupyter-data")
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)], env=environment, cwd=home)
    _run([python, "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"], env=environment, cwd=home)
    return Installed(wheel, venv, home, environment)


def test_the_wheel_carries_resources_and_migrations_but_no_working_files(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    for expected in (
        "hlo_design/_resources/data/role_tasks.yaml",
        "hlo_design/_resources/data/messages/core.yaml",
        "hlo_design/_resources/data/cases/zorg.yaml",
        "hlo_design/_resources/notebooks/01_diagnose.ipynb",
        "hlo_design/_resources/templates/report.html.j2",
        "hlo_design/_resources/templates/meeting/static/join.js",
        "hlo_design/_resources/templates/jupyter/voila/templates/hlo/static/projector.js",
        "hlo_design/_resources/templates/jupyter/voila/templates/hlo/static/projector.css",
        "hlo_design/meeting/migrations/env.py",
        "hlo_design/meeting/migrations/script.py.mako",
        "hlo_design/meeting/migrations/versions/0001_meetings.py",
    ):
        assert expected in names
    assert not [name for name in names if name.endswith((".sqlite3", ".bak", ".lock")) or "/.history/" in name]


def test_the_installed_package_and_its_kernel_are_the_wheel_not_the_clone(installed: Installed) -> None:
    where = installed.run(
        "python", "-c", "import hlo_design.base.config as c; print(c.__file__); print(c.PROJECT_ROOT)"
    )
    assert where.returncode == 0, where.stderr
    module, resources = where.stdout.split()
    assert Path(module).is_relative_to(installed.venv)
    assert Path(resources) == Path(module).parents[1] / "_resources"
    spec = json.loads((installed.venv / "share/jupyter/kernels/python3/kernel.json").read_text(encoding="utf-8"))
    assert Path(spec["argv"][0]).is_relative_to(installed.venv)


def test_summary_and_batch_of_an_example_case(installed: Installed, tmp_path: Path) -> None:
    summary = installed.run("hlo-design", "summary", "zorg")
    assert summary.returncode == 0, summary.stderr
    assert "Leergemeenschap Zorg" in summary.stdout
    batch = installed.run("hlo-design", "batch", "--phase", "diagnose", "--case", "zorg", "--out", str(tmp_path))
    assert batch.returncode == 0, batch.stdout + batch.stderr
    assert (tmp_path / "zorg" / "diagnose.html").stat().st_size > 10_000
    assert (tmp_path / "index.html").is_file()


def test_a_workspace_of_ones_own(installed: Installed) -> None:
    workspace = installed.home / "werkmap"
    assert installed.run("hlo-design", "workspace", "init", str(workspace)).returncode == 0
    new = installed.run("hlo-design", "--workspace", str(workspace), "new", "demo")
    assert new.returncode == 0, new.stderr
    assert (workspace / "cases" / "demo.yaml").is_file()
    summary = installed.run("hlo-design", "--workspace", str(workspace), "summary", "demo")
    assert summary.returncode == 0, summary.stderr
    assert "Demo" in summary.stdout
    inside = installed.run("hlo-design", "summary", "demo", cwd=workspace)  # the current folder holds cases/
    assert inside.returncode == 0, inside.stderr
