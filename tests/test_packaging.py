"""environment.yml (for conda users) lists the same packages as pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).parent.parent
CONDA_NAMES = {"kaleido": "python-kaleido"}


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower(), match.group(2).replace(" ", "")


def _requirements_of_extra(project: dict[str, Any], extra: str) -> list[str]:
    """The extra's requirements, with those of the extras it names (``hlo-design[hub]``) in their place."""
    requirements: list[str] = []
    for requirement in project["optional-dependencies"][extra]:
        itself = re.fullmatch(rf"{project['name']}\[(\w+)\]", requirement)
        requirements += _requirements_of_extra(project, itself.group(1)) if itself else [requirement]
    return requirements


def test_environment_yml_mirrors_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name_and_spec(r) for r in project["dependencies"]}
    wanted = {(CONDA_NAMES.get(name, name), spec) for name, spec in wanted}
    wanted |= {_name_and_spec(r) for r in _requirements_of_extra(project, "dev")}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed: set[tuple[str, str]] = set()
    for item in environment["dependencies"]:
        if isinstance(item, dict):
            listed |= {_name_and_spec(r) for r in item["pip"]}
        elif not item.startswith(("python", "pip")) or item.startswith("python-"):
            listed.add(_name_and_spec(item))
    assert listed == wanted


def _voila_jupyterlab_version() -> tuple[int, ...]:
    """The @jupyterlab/rendermime version compiled into Voilà's page (its JupyterLab core)."""
    import voila

    bundle = Path(voila.__file__).parents[4] / "share/jupyter/voila/templates/base/static/voila.js"
    found = re.search(r'"@jupyterlab/rendermime","(\d+)\.(\d+)\.(\d+)"', bundle.read_text(encoding="utf-8"))
    assert found, f"cannot read the JupyterLab version from {bundle}"
    return tuple(int(part) for part in found.groups())


def _widget_manager_requirement() -> tuple[int, ...]:
    """The caret version of @jupyterlab/rendermime the installed JupyterLab widget manager was built for."""
    import jupyterlab_widgets

    static = (
        Path(jupyterlab_widgets.__file__).parents[4]
        / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager/static"
    )
    (entry,) = static.glob("remoteEntry.*.js")
    found = re.search(r'"@jupyterlab/rendermime",(?:!1,)?\[1,(\d+),(\d+),(\d+)\]', entry.read_text(encoding="utf-8"))
    assert found, f"{entry} does not state its @jupyterlab/rendermime requirement in a known form: check it by hand"
    return tuple(int(part) for part in found.groups())


def test_the_widget_manager_fits_the_jupyterlab_inside_voila() -> None:
    """A widget manager built for a newer JupyterLab than Voilà's loses widget models in the dashboards."""
    available, required = _voila_jupyterlab_version(), _widget_manager_requirement()
    assert available[0] == required[0]
    assert available[1:] >= required[1:], f"widget manager wants ^{required}, Voilà has {available}"
