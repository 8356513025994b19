"""The weekly rhythm, filled in by the group in the dashboard: where the learners are in each day part.

A grid of weekdays × morning/afternoon; each cell is a dropdown of settings
(school, company, simulation, internship, generic day, or nothing). The week
figure is redrawn at every choice, and whether internships come in blocks or
as a ribbon is a dropdown beside it.

The slots are a list like any other
(:class:`~hlo_design.ui.list_editor.ListEditor`), recognised by day and day
part (:data:`~hlo_design.casefile.saving.RHYTHM_SLOT_KEY`): a save merges them
with what colleagues saved meanwhile, and the pattern field by field
(:func:`~hlo_design.casefile.saving.save_rhythm`). A whole-day slot stays one
slot while both halves keep its setting; changing one half splits it, and the
other half keeps the slot's content and note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import (
    RHYTHM_FIELDS,
    RHYTHM_SLOT_KEY,
    FieldsEdit,
    ListConflict,
    ListEdit,
    SaveResult,
    save_rhythm,
)
from hlo_design.casefile.three_way import item_key
from hlo_design.model.case import Case
from hlo_design.model.rhythm import (
    HALVES,
    DayPart,
    InternshipPattern,
    Rhythm,
    RhythmSlot,
    Setting,
    Weekday,
    shown_days,
)
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["EMPTY", "RhythmEditor", "slot_key"]

EMPTY = ""
"""A cell's (and the pattern's) value for "nothing chosen"."""


def slot_key(day: Weekday, part: DayPart) -> str:
    """The id a save's merge knows a slot by (``mon/morning``), see :data:`RHYTHM_SLOT_KEY`."""
    return item_key({"day": day.value, "part": part.value}, RHYTHM_SLOT_KEY)


class RhythmEditor(ListEditor[RhythmSlot]):
    """A setting dropdown per day part of the week, the internship pattern, the live week figure and a save bar."""

    id_prefix = "slot"  # unused: a slot is recognised by its day and day part (see slot_key)
    part_name = "rhythm.slots"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        v = vocabulary
        self._syncing = False
        self.followers: list[Callable[[Rhythm], None]] = []
        """What else on the page follows the week as it is edited (the share per setting, the checks)."""
        none = v("design_phase.rhythm.no_setting")
        self.cells: dict[tuple[Weekday, DayPart], widgets.Dropdown] = {}
        grid: list[widgets.Widget] = [widgets.HTML("")]
        days = shown_days(case.rhythm or Rhythm())
        grid += [widgets.HTML(Markup("<b>{}</b>").format(v.label(day))) for day in days]
        for half in HALVES:
            grid.append(widgets.HTML(Markup("<b>{}</b>").format(v.label(half))))
            for day in days:
                cell = widgets.Dropdown(
                    options=[(none, EMPTY)] + [(v.label(s), s.value) for s in Setting],
                    layout=shared_layout(width="130px"),
                )
                cell.add_class(f"hlo-rhythm-{day.value}-{half.value}")
                bind(cell, partial(self.set_cell, day, half))
                self.cells[(day, half)] = cell
                grid.append(cell)
        self.grid = widgets.GridBox(
            grid, layout=shared_layout(grid_template_columns=f"90px repeat({len(days)}, 136px)")
        )
        self.grid.add_class("hlo-rhythm-grid")
        self.pattern = widgets.Dropdown(
            description=v("design_phase.rhythm.pattern"), style={"description_width": "initial"},
            options=[(v("design_phase.rhythm.no_pattern"), EMPTY)] + [(v.label(p), p.value) for p in InternshipPattern],
            layout=shared_layout(width="360px"),
        )  # fmt: skip
        self.pattern.add_class("hlo-rhythm-pattern")
        bind(self.pattern, self.set_pattern)
        self.figure = LiveFigure(rhythm_grid(self.working_rhythm(), v), "hlo-rhythm-figure")
        self._render_rows()
        self.widget = widgets.VBox(
            [self.grid, self.pattern, self.figure.widget, self.status.widget, self.save_bar.widget]
        )
        self.widget.add_class("hlo-rhythm-editor")

    # ------------------------------------------------------------ the API the controls call

    def setting(self, day: Weekday, half: DayPart) -> Setting | None:
        """Where the learners are in one half of a day (a whole-day slot covers both halves)."""
        slot = self._slot(day, half) or self._slot(day, DayPart.WHOLE_DAY)
        return slot.setting if slot is not None else None

    def set_cell(self, day: Weekday, half: DayPart, value: str) -> bool:
        """Put one half of a day in a setting (or, with :data:`EMPTY`, in none)."""
        if self._syncing:
            return True
        setting = Setting(value) if value else None
        if setting == self.setting(day, half):
            return True
        whole = self._slot(day, DayPart.WHOLE_DAY)
        if whole is not None:  # split: the other half keeps the slot as it was
            other = next(h for h in HALVES if h is not half)
            self.items[self.items.index(whole)] = whole.model_copy(update={"part": other})
        elif self._slot(day, half) is not None:
            if setting is None:
                return self.delete(slot_key(day, half))
            return self.update(slot_key(day, half), setting=setting)
        if setting is not None:
            new = RhythmSlot(day=day, part=half, setting=setting)
            later = (i for i, slot in enumerate(self.items) if _week_order(slot) > _week_order(new))
            self.items.insert(next(later, len(self.items)), new)  # in its place in the week, the rest untouched
        self.status.clear()
        self._edited()
        return True

    def set_pattern(self, value: str) -> bool:
        """Block or ribbon internships (or not said)."""
        if self._syncing:
            return True
        self.header["pattern"] = value or None
        self.status.clear()
        self._edited()
        return True

    def working_rhythm(self) -> Rhythm:
        """The rhythm as the group has it now, drawn before it is saved."""
        pattern = self.header["pattern"]
        current = self.case.rhythm or Rhythm()
        return current.model_copy(
            update={"slots": list(self.items), "pattern": InternshipPattern(pattern) if pattern else None}
        )

    def keep_mine(self, conflicts: Sequence[ListConflict]) -> None:
        """Our pattern goes back in (saved on top); clashes about slots as in every list."""
        for clash in (c.conflict for c in conflicts if c.part == "rhythm" and c.conflict.field in RHYTHM_FIELDS):
            self.pattern.value = str(clash.mine or EMPTY)
        super().keep_mine(conflicts)

    def describe(self, item_id: str) -> str:
        """``mon/morning`` as the room says it: "ma ochtend"."""
        v = self.vocabulary
        if item_id == "rhythm":
            return v("design_phase.rhythm")
        day, part = item_id.split("/")
        return f"{v.label(Weekday(day))} {v.label(DayPart(part))}"

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[RhythmSlot]:
        return (case.rhythm or Rhythm()).slots

    def _load(self, case: Case) -> None:
        super()._load(case)
        pattern = (case.rhythm or Rhythm()).pattern
        self.header: dict[str, Any] = {"pattern": pattern.value if pattern else None}
        self.base_header = dict(self.header)

    def _write(self, path: Path, edit: ListEdit[RhythmSlot]) -> SaveResult:
        return save_rhythm(path, edit, FieldsEdit(self.base_header, self.header))

    def _key(self, item: RhythmSlot) -> str:
        return slot_key(item.day, item.part)

    def _model(self) -> type[RhythmSlot]:
        return RhythmSlot

    def _slot(self, day: Weekday, part: DayPart) -> RhythmSlot | None:
        return next((s for s in self.items if s.day is day and s.part is part), None)

    def _render_rows(self) -> None:
        """The cells and the pattern show the working rhythm (after a load, a save or a clash settled)."""
        self._syncing = True
        try:
            for (day, half), cell in self.cells.items():
                setting = self.setting(day, half)
                cell.value = setting.value if setting else EMPTY
            self.pattern.value = self.header["pattern"] or EMPTY
        finally:
            self._syncing = False

    def _changed(self) -> None:
        rhythm = self.working_rhythm()
        self.figure.update(rhythm_grid(rhythm, self.vocabulary))
        for follow in self.followers:
            follow(rhythm)


def _week_order(slot: RhythmSlot) -> tuple[int, int]:
    """Slots in the order of the week, as people write them: by day, the morning before the afternoon."""
    return list(Weekday).index(slot.day), list(DayPart).index(slot.part)
