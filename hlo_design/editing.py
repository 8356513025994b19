"""Saving what a group edits in a meeting without losing anybody's work.

Each participant in a Voilà dashboard has their own kernel, so two people can
edit the same case at once. A save therefore never writes a whole in-memory
case over the file: it *merges* the edited list into what is on disk, by id,
under the file lock (:func:`hlo_design.cases.update_case`). Items we changed
or added win; items we deleted go; items someone else added meanwhile stay,
after ours. Two concurrent saves both land.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar

from hlo_design.cases import Case, update_case

__all__ = ["ListEdit", "ListField", "merge_by_id", "save_list"]


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
