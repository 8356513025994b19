"""environment.yml (for conda users) lists the same packages as pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
CONDA_NAMES = {"kaleido": "python-kaleido"}


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower(), match.group(2).replace(" ", "")


def test_environment_yml_mirrors_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name_and_spec(r) for r in project["dependencies"]}
    wanted = {(CONDA_NAMES.get(name, name), spec) for name, spec in wanted}
    wanted |= {_name_and_spec(r) for r in project["optional-dependencies"]["dev"]}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed: set[tuple[str, str]] = set()
    for item in environment["dependencies"]:
        if isinstance(item, dict):
            listed |= {_name_and_spec(r) for r in item["pip"]}
        elif not item.startswith(("python", "pip")) or item.startswith("python-"):
            listed.add(_name_and_spec(item))
    assert listed == wanted
