"""Three-way merge of an edited list: what this editor changed, applied onto what is on disk now.

Two coaches (or two tabs) open the same case, each edits, each saves. A save
must carry only what *this* editor changed since it loaded the file — never
its whole list, or it would silently undo the other's edits and bring back
items they deleted. So a save compares three versions of the list, item by
item (by id) and field by field:

* ``base``: the list as this editor loaded it,
* ``mine``: the list as this editor has it now,
* ``theirs``: the list in the file now (with everybody else's saves).

A field that only one side changed takes that side's value. A field both
sides changed to different values is a :class:`Conflict`: the merged list
keeps *their* value (what the file has) and the conflict is reported, so the
coach decides — never a silent last-writer-wins. The same holds for an item
one side deleted while the other changed it. Items added on either side are
all kept (ids are unique across tabs, see :mod:`hlo_design.ui`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Conflict", "Key", "Merge", "item_key", "merge_three_way"]

Fields = Mapping[str, Any]
"""One list item as plain data (``model_dump(mode="json")``), with an ``id``."""

Key = str | tuple[str, ...]
"""The field that identifies an item, or several fields together for items without an id (a role-map
sticker is one actor on one task at one level)."""


def item_key(item: Fields, key: Key) -> str:
    """The identity of ``item`` as one string: its ``key`` field, or the ``key`` fields joined by ``/``."""
    if isinstance(key, str):
        return str(item[key])
    return "/".join(str(item[field]) for field in key)


@dataclass(frozen=True)
class Conflict:
    """One place where this editor and somebody else changed the same thing differently.

    ``field`` is ``None`` when the whole item is at stake: one side deleted it
    while the other changed it (the deleting side's value is then ``None``).
    """

    item_id: str
    field: str | None
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class Merge:
    """The merged items (in the file's order, this editor's new items last) and every conflict."""

    items: list[dict[str, Any]]
    conflicts: tuple[Conflict, ...]


def merge_three_way(base: Sequence[Fields], mine: Sequence[Fields], theirs: Sequence[Fields], key: Key = "id") -> Merge:
    """Apply the changes from ``base`` to ``mine`` onto ``theirs``; see the module docstring.

    ``key`` is the field that identifies an item (``id``; a corner assessment is
    recognised by its ``corner``, a success factor by its ``factor``, a sticker by its actor, task and level).
    """
    base_by_id, mine_by_id = _by_id(base, key), _by_id(mine, key)
    merged: list[dict[str, Any]] = []
    conflicts: list[Conflict] = []
    for item in theirs:
        item_id = item_key(item, key)
        if item_id not in mine_by_id and item_id not in base_by_id:  # added by them
            merged.append(dict(item))
        elif item_id not in mine_by_id:  # deleted by me
            if item != base_by_id[item_id]:
                conflicts.append(Conflict(item_id, None, None, dict(item)))
                merged.append(dict(item))
        else:  # on both sides; an id added by both is merged as if it had been empty before
            fields, clashes = _merge_fields(base_by_id.get(item_id, {}), mine_by_id[item_id], item, item_id)
            merged.append(fields)
            conflicts += clashes
    theirs_ids = {item_key(item, key) for item in theirs}
    for item_id, item in mine_by_id.items():
        if item_id in theirs_ids:
            continue
        if item_id not in base_by_id:  # added by me
            merged.append(dict(item))
        elif item != base_by_id[item_id]:  # deleted by them, changed by me
            conflicts.append(Conflict(item_id, None, dict(item), None))
    if _reordered(list(base_by_id), list(mine_by_id)):
        merged = _in_my_order(merged, list(mine_by_id), [item_key(item, key) for item in theirs], key)
    return Merge(merged, tuple(conflicts))


def _reordered(base_ids: list[str], mine_ids: list[str]) -> bool:
    """Did this editor change the order: moved an item, or put a new one anywhere but at the end?"""
    kept = [i for i in mine_ids if i in base_ids]
    added_at_end = mine_ids[len(kept) :] == [i for i in mine_ids if i not in base_ids]
    return kept != [i for i in base_ids if i in mine_ids] or not added_at_end


def _in_my_order(
    merged: list[dict[str, Any]], mine_ids: list[str], theirs_ids: list[str], key: Key
) -> list[dict[str, Any]]:
    """The merged items in this editor's order; items only others have follow the item they follow in the file."""
    by_id = {item_key(item, key): item for item in merged}
    order = [i for i in mine_ids if i in by_id]
    for position, item_id in enumerate(theirs_ids):
        if item_id in by_id and item_id not in order:
            before = next((p for p in reversed(theirs_ids[:position]) if p in order), None)
            order.insert(order.index(before) + 1 if before is not None else 0, item_id)
    return [by_id[i] for i in order]


def _by_id(items: Sequence[Fields], key: Key) -> dict[str, Fields]:
    return {item_key(item, key): item for item in items}


def _merge_fields(base: Fields, mine: Fields, theirs: Fields, item_id: str) -> tuple[dict[str, Any], list[Conflict]]:
    merged: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        ours, old, current = mine.get(key), base.get(key), theirs.get(key)
        if ours in (old, current):
            value = current
        elif current == old:
            value = ours
        else:
            conflicts.append(Conflict(item_id, key, ours, current))
            value = current
        if value is not None or key in theirs:
            merged[key] = value
    return merged, conflicts
