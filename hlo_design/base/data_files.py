"""Reading the tool's own catalogues (``data/*.yaml``) fast.

The catalogues (messages, design options, role tasks, directory, sources) are
ours and checked by the tests, so they need no line-numbered refusals: they
are read with PyYAML's C loader (libyaml, in PyYAML's wheels). The
pure-Python loader spent about a second of every page's and batch run's
start on them. Case files, written by people, go through
:mod:`hlo_design.casefile.yaml_source` instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["read_catalogue"]


def read_catalogue(path: Path) -> Any:
    """The YAML document in ``path``, safely loaded in C (no Python object tags)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
