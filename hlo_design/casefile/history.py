"""Earlier versions of a case file, so a bad save can be undone more than one step back.

Before every save the file as it was goes to
``<cases>/.history/<case file name>/<UTC time>-<revision>.yaml``; the newest
:data:`KEEP_VERSIONS` are kept. ``hlo-design history CASE`` lists them and
``hlo-design restore CASE VERSION`` puts one back (itself through a normal,
locked save, so the version it replaces is kept too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

from hlo_design.base.errors import UnknownCaseError

__all__ = ["HISTORY_DIR", "KEEP_VERSIONS", "find_version", "remember", "versions"]

KEEP_VERSIONS = 10
"""A meeting saves a few times an hour; ten versions reach back over a whole meeting."""

HISTORY_DIR = ".history"
"""Beside the case files, hidden: not a case folder of its own, never listed as a case."""


def versions(path: Path) -> list[Path]:
    """The kept versions of the case file ``path``, newest first."""
    folder = _folder(path)
    return sorted(folder.glob("*.yaml"), reverse=True) if folder.is_dir() else []


def remember(path: Path) -> Path | None:
    """Keep the current content of ``path`` as a version (if it exists) and drop the oldest beyond the limit."""
    if not path.exists():
        return None
    data = path.read_bytes()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = _folder(path) / f"{stamp}-{hashlib.sha256(data).hexdigest()[:8]}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, target)
    for old in versions(path)[KEEP_VERSIONS:]:
        old.unlink(missing_ok=True)
    return target


def find_version(path: Path, name: str) -> Path:
    """The kept version called ``name`` (as :func:`versions` lists it, with or without ``.yaml``)."""
    for version in versions(path):
        if name in (version.name, version.stem):
            return version
    known = ", ".join(v.stem for v in versions(path)) or "none"
    raise UnknownCaseError(f"{path.name} has no kept version {name!r}; kept versions: {known}")


def _folder(path: Path) -> Path:
    return path.parent / HISTORY_DIR / path.name
