"""Saving case files: atomic, verified, locked, merging edits by id.

A save writes a temporary file, fsyncs and renames it, keeps the previous
version as ``<file>.bak`` and never writes what would not load back. Editors
save their list through :func:`save_list`, which re-reads the file under the
lock and merges by id, so an edit made meanwhile by someone else survives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

import yaml
from filelock import FileLock

from hlo_design.base.errors import SaveConflictError
from hlo_design.casefile.atomic import write_atomically
from hlo_design.casefile.loading import parse_case
from hlo_design.model.case import Case

__all__ = [
    "Item",
    "ListEdit",
    "ListField",
    "dump_case",
    "file_revision",
    "merge_by_id",
    "save_case",
    "save_list",
    "update_case",
]


def dump_case(case: Case) -> str:
    """The YAML text of a case, in field order, without default values."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    for finding, raw in zip(case.findings, data.get("findings", []), strict=True):
        raw["place"] = finding.place.to_yaml()
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def file_revision(path: Path) -> str:
    """A fingerprint of the file on disk, to detect saves by someone else."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def save_case(case: Case, path: Path, *, expected_revision: str | None = None) -> str:
    """Write a case atomically, keeping the previous file as ``<file>.bak``.

    With ``expected_revision`` (from :func:`file_revision` at load time) the
    save is refused when the file changed meanwhile. Returns the new revision.
    """
    with FileLock(str(path) + ".lock", timeout=10):
        if expected_revision is not None and file_revision(path) != expected_revision:
            raise SaveConflictError(
                f"{path}: the file was saved by someone else after you opened it; reload it and apply your change again (nothing was overwritten)"
            )
        return _write_atomically(path, dump_case(case))


def update_case(path: Path, change: Callable[[Case], Case]) -> Case:
    """Read, change and save a case under the file lock, so concurrent updates all land."""
    with FileLock(str(path) + ".lock", timeout=10):
        updated = change(parse_case(path.read_bytes(), str(path)))
        _write_atomically(path, dump_case(updated))
        return updated


def _write_atomically(path: Path, text: str) -> str:
    data = text.encode("utf-8")
    parse_case(data, str(path))  # never write what we could not read back
    write_atomically(path, data, keep_previous=True)
    return hashlib.sha256(data).hexdigest()


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=_HasId)


@dataclass(frozen=True)
class ListEdit(Generic[Item]):
    """The state of an edited list: its items in our order and the ids we deleted."""

    items: Sequence[Item]
    deleted: Collection[str] = ()


def merge_by_id(on_disk: Sequence[Item], edit: ListEdit[Item]) -> list[Item]:
    """Our items in our order, then the items others added that we did not delete."""
    ours = {item.id for item in edit.items}
    theirs = [item for item in on_disk if item.id not in ours and item.id not in edit.deleted]
    return [*edit.items, *theirs]


ListField = Literal["activities", "findings", "leerfiches", "reflection_webs"]

"""The case's top-level lists whose items have ids and are edited in meetings."""


def save_list(path: Path, field: ListField, edit: ListEdit[Any]) -> Case:
    """Merge an edited list into the case file by id, under the file lock; returns the case as saved."""

    def change(case: Case) -> Case:
        return case.model_copy(update={field: merge_by_id(getattr(case, field), edit)})

    return update_case(path, change)
