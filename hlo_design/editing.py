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
from typing import Generic, Protocol, TypeVar

from hlo_design.cases import Activity, Case, Finding, update_case

__all__ = ["ListEdit", "merge_by_id", "save_activities", "save_findings"]


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


def save_activities(path: Path, edit: ListEdit[Activity]) -> Case:
    """Merge edited activities into the case file; returns the case as saved."""

    def change(case: Case) -> Case:
        return case.model_copy(update={"activities": merge_by_id(case.activities, edit)})

    return update_case(path, change)


def save_findings(path: Path, edit: ListEdit[Finding]) -> Case:
    """Merge edited findings into the case file; returns the case as saved."""

    def change(case: Case) -> Case:
        return case.model_copy(update={"findings": merge_by_id(case.findings, edit)})

    return update_case(path, change)
