"""The base of the valorisation phase's list editors: one part of ``case.valorisation`` each.

Test moments, lessons and actions are lists inside ``case.valorisation``;
each editor saves only its own part, merged by id under the case file's lock
(:func:`~hlo_design.casefile.saving.save_valorisation`), so two tabs editing
lessons and actions at the same time both land.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel

from hlo_design.casefile.saving import ListEdit, SaveResult, ValorisationPart, save_valorisation
from hlo_design.model.case import Case
from hlo_design.model.valorisation import Valorisation
from hlo_design.ui.list_editor import ListEditor

__all__ = ["ValorisationListEditor", "valorisation_of"]

Item = TypeVar("Item", bound=BaseModel)


def valorisation_of(case: Case) -> Valorisation:
    """The case's valorisation, or an empty one for a case that has not reached the phase."""
    return case.valorisation if case.valorisation is not None else Valorisation()


class ValorisationListEditor(ListEditor[Item]):
    """A :class:`ListEditor` over ``case.valorisation.<part>``."""

    part: ClassVar[ValorisationPart]

    @property
    def valorisation(self) -> Valorisation:
        """The case's valorisation with this editor's items in place (what the live chart shows)."""
        return valorisation_of(self.case).model_copy(update={self.part: self.items})

    def _items_of(self, case: Case) -> Sequence[Item]:
        items: Sequence[Item] = getattr(valorisation_of(case), self.part)
        return items

    def _write(self, path: Path, edit: ListEdit[Item]) -> SaveResult:
        edits: dict[str, ListEdit[Any]] = {self.part: edit}
        return save_valorisation(path, edits)
