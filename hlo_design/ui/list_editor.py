"""One base for every list a group edits live: findings, activities, decisions, test moments, lessons, actions.

Each editor used to carry its own copy of the same bookkeeping, and the
copies drifted apart: most of them numbered new items ``<prefix>-N`` after
the items *they* could see, so two tabs (or two participants) adding at the
same time both made ``bevinding-3`` — and because a save merges by id, the
second save silently replaced the first tab's item. Here that bookkeeping
lives once:

* new items get an id no other tab can produce (:func:`new_id`);
* a change is validated through the item's pydantic model before it is
  applied; a refused value is reverted in its control and the reason stays
  on the status line (:func:`bind`);
* add, delete, and a save that goes through :mod:`hlo_design.casefile.saving`
  and merges with what is on disk, so a colleague's items survive.

A subclass says which items it edits (``_items_of``), how it saves them
(``_write``) and how a row looks (``_row``).
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import ipywidgets as widgets
from pydantic import BaseModel, ValidationError

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListConflict, ListEdit, SaveResult
from hlo_design.model.case import Case
from hlo_design.ui.controls import Status, validation_message
from hlo_design.ui.save_bar import SaveBar

__all__ = ["ID_RANDOM_CHARS", "ListEditor", "bind", "new_id", "validated"]

ID_RANDOM_CHARS = 8
"""Hex characters of a uuid4 in a new id: 16⁸ ≈ 4·10⁹ values, so two tabs never pick the same one."""

Model = TypeVar("Model", bound=BaseModel)
Item = TypeVar("Item", bound=BaseModel)


def new_id(prefix: str) -> str:
    """A readable, collision-free id for a new item, e.g. ``bevinding-3f9a0c1e``.

    Not "the next free number": that depends on which items a tab has seen,
    and two tabs adding at once would both pick it (merging by id then loses
    one). The random part matches the ``Identifier`` pattern (lower-case hex).
    """
    return f"{prefix}-{uuid.uuid4().hex[:ID_RANDOM_CHARS]}"


def validated(model: type[Model], data: dict[str, Any], status: Status) -> Model | None:
    """``data`` as a ``model``, or ``None`` with the first problem on the status line."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        status.error(validation_message(error))
        return None


def bind(control: widgets.ValueWidget, apply: Callable[[Any], bool]) -> None:
    """Call ``apply`` with every new value of ``control``; when it refuses, put the old value back.

    The revert itself is not applied again, so the refusal's message stays
    on the status line instead of being cleared by a "successful" old value.
    """
    reverting = False

    def on_change(change: dict[str, Any]) -> None:
        nonlocal reverting
        if reverting or apply(change["new"]):
            return
        reverting = True
        try:
            control.value = change["old"]
        finally:
            reverting = False

    control.observe(on_change, "value")


class ListEditor(ABC, Generic[Item]):
    """The items being edited, the ids deleted since the last save, a status line and a save bar."""

    id_prefix: ClassVar[str]
    """The readable part of new items' ids (Dutch, like the ids in the example cases)."""
    part_name: ClassVar[str]
    """Which list this is in the file, as a save names it in a clash (``activities``, ``valorisation.lessons``)."""
    case: Case
    """The case as this page knows it: the last saved file, with what other editors on the page share."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None) -> None:
        self.vocabulary = vocabulary
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save, keep_mine=self.keep_mine, describe=self.describe)
        self.rows = widgets.VBox()
        self._load(case)
        if self.save_bar.page is not None:
            self.save_bar.page.follow(self._sibling_edited)

    # ------------------------------------------------------------ the API the controls call

    def update(self, item_id: str, **changes: Any) -> bool:
        """Apply a change to one item after validating it; a refused change leaves everything as it was."""
        index = self._index(item_id)
        updated = validated(type(self.items[index]), self._changed_data(self.items[index], changes), self.status)
        if updated is None:
            return False
        problem = self._problem(updated)
        if problem:
            self.status.error(problem)
            return False
        self.items[index] = updated
        self.status.clear()
        self._edited()
        return True

    def append(self, item: Item) -> Item:
        """Add a new item (made with :meth:`new_id`) at the end and show it."""
        self.items.append(item)
        self._render_rows()
        self._edited()
        return item

    def delete(self, item_id: str) -> bool:
        """Remove an item, unless :meth:`_delete_problem` says it is still needed; a save removes it from the file."""
        problem = self._delete_problem(item_id)
        if problem:
            self.status.error(problem)
            return False
        del self.items[self._index(item_id)]
        self._render_rows()
        self._edited()
        return True

    def reorder(self, item_id: str, offset: int) -> bool:
        """Move an item ``offset`` places (-1 up, +1 down) where the order means something (goals, findings).

        Marked unsaved like any edit; a save carries the new order onto the
        file (:func:`~hlo_design.casefile.three_way.merge_three_way`).
        """
        index = self._index(item_id)
        target = index + offset
        if not 0 <= target < len(self.items):
            return False
        self.items.insert(target, self.items.pop(index))
        self._render_rows()
        self._edited()
        return True

    def new_id(self) -> str:
        """An id for an item this editor adds (see :func:`new_id`)."""
        return new_id(self.id_prefix)

    def keep_mine(self, conflicts: Sequence[ListConflict]) -> None:
        """Settle clashes in favour of this editor: put our values back, to be saved on top of the file.

        A field gets our value again; an item we deleted is deleted again; an
        item someone else deleted while we changed it comes back as we had it.
        """
        for clash in (c.conflict for c in conflicts if c.part == self.part_name):
            if clash.field is not None:
                self.update(clash.item_id, **{clash.field: clash.mine})
            elif clash.mine is None:
                self.delete(clash.item_id)
            else:
                self.append(self._model().model_validate(clash.mine))

    def describe(self, item_id: str) -> str:
        """The name people know an item by (its name, label or text), for messages about it."""
        try:
            item = self.items[self._index(item_id)]
        except KeyError:
            return item_id
        for field in ("name", "title", "label", "text"):
            value = getattr(item, field, None)
            if isinstance(value, str) and value:
                return value if len(value) <= 60 else value[:59] + "…"
        return item_id

    def setter(self, item_id: str, field: str) -> Callable[[Any], bool]:
        """What :func:`bind` calls for a control that sets one field of one item."""
        return lambda value: self.update(item_id, **{field: value})

    # ------------------------------------------------------------ what a subclass says

    @abstractmethod
    def _items_of(self, case: Case) -> Sequence[Item]:
        """The edited list as it is in ``case``."""

    @abstractmethod
    def _write(self, path: Path, edit: ListEdit[Item]) -> SaveResult:
        """Merge ``edit`` into the file through :mod:`hlo_design.casefile.saving`."""

    def _row(self, item: Item) -> widgets.Widget:
        """The controls of one item; an editor that lays out its items otherwise overrides :meth:`_render_rows`."""
        raise NotImplementedError(type(self).__name__)

    def _changed_data(self, item: Item, changes: dict[str, Any]) -> dict[str, Any]:
        """The item's fields with ``changes`` applied, ready to validate."""
        return {**item.model_dump(), **changes}

    def _problem(self, item: Item) -> str:
        """Why a valid item cannot be used in this case (e.g. an unknown reference); ``""`` if it can."""
        return ""

    def _delete_problem(self, item_id: str) -> str:
        """Why an item cannot be deleted; ``""`` if it can."""
        return ""

    def _changed(self) -> None:
        """Redraw what depends on the items (live figures, overviews)."""

    def _shared(self) -> str | None:
        """The case field these items are, if other editors refer to them (environments, actors); else ``None``."""
        return None

    def _edited(self) -> None:
        """The group changed something: the save bar shows it is unsaved, the figures follow, the page hears it."""
        self.save_bar.mark_unsaved()
        self._changed()
        field = self._shared()
        if field is not None and self.save_bar.page is not None:
            self.save_bar.page.share(self, field, tuple(self.items))

    def _sibling_edited(self, origin: object, field: str, items: Sequence[Any]) -> None:
        """Another editor on the page changed a part this one may refer to: offer its items in the rows now."""
        if origin is self:
            return
        self.case = self.case.model_copy(update={field: list(items)})
        self._render_rows()
        self._changed()

    def _render_rows(self) -> None:
        self.rows.children = [self._row(item) for item in self.items]

    # ------------------------------------------------------------ internals

    def _key(self, item: Item) -> str | None:
        """What identifies an item, as a save's merge recognises it (its ``id``; see :data:`STICKER_KEY`)."""
        return getattr(item, "id", None)

    def _index(self, item_id: str) -> int:
        for index, item in enumerate(self.items):
            if self._key(item) == item_id:
                return index
        raise KeyError(item_id)

    def _model(self) -> type[Item]:
        return type(next(iter((*self.items, *self.base))))

    def _load(self, case: Case) -> None:
        """Start over from ``case`` (at first and after a save): its items are also what a save compares with."""
        self.case = case
        self.items: list[Item] = list(self._items_of(case))
        self.base: tuple[Item, ...] = tuple(self.items)

    def _save(self, path: Path) -> SaveResult:
        result = self._write(path, ListEdit(self.base, tuple(self.items)))
        self._load(result.case)
        self._render_rows()
        self._changed()
        return result
