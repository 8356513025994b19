"""The place on the school–work continuum the group chooses for its design, and why; the strip follows.

The five positions (alignment on the school side, incorporation, hybridisation,
incorporation, alignment on the work side) are buttons, the rationale a text
box. The continuum strip is redrawn at every choice, so the room sees where
it lands before it saves. One record, no list: the save merges the two fields
with the file (:func:`~hlo_design.casefile.saving.save_continuum`), so a
colleague's rationale survives our new position.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import (
    CONTINUUM_FIELDS,
    FieldsEdit,
    IncompleteRecordError,
    ListConflict,
    SaveResult,
    save_continuum,
)
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumChoice, ContinuumPosition
from hlo_design.render.figures.continuum import continuum_strip
from hlo_design.ui.controls import Status, text_control
from hlo_design.ui.list_editor import bind, validated
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.save_bar import SaveBar

__all__ = ["ContinuumEditor"]

NOT_CHOSEN = ""
"""The buttons' value while no position is chosen."""


class ContinuumEditor:
    """Five position buttons, the rationale, the live strip and a save bar."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.vocabulary = v = vocabulary
        self.status = Status()
        self._load(case)
        self.position = widgets.ToggleButtons(
            options=[(v.label(p), p.value) for p in ContinuumPosition], value=self.fields["position"] or None,
            style={"button_width": "auto"},
        )  # fmt: skip
        self.position.add_class("hlo-continuum-position")
        self.rationale = text_control(self.fields["rationale"], "760px", area=True, height="56px")
        self.rationale.placeholder = v("design_phase.continuum.rationale_placeholder")
        self.rationale.add_class("hlo-continuum-rationale")
        bind(self.position, lambda value: self.set_field("position", value or NOT_CHOSEN))
        bind(self.rationale, lambda text: self.set_field("rationale", text))
        self.figure = LiveFigure(self._strip(), "hlo-continuum-strip")
        self.save_bar = SaveBar(v, path, self._save, keep_mine=self.keep_mine, describe=self.describe)
        label = widgets.HTML(Markup("<b>{}</b>").format(v("design_phase.continuum.rationale")))
        heading = widgets.HTML(Markup("<h4 style='margin:0.8em 0 0.2em'>{}</h4>").format(v("design_phase.continuum")))
        self.widget = widgets.VBox(
            [
                heading,
                self.position,
                self.figure.widget,
                label,
                self.rationale,
                self.status.widget,
                self.save_bar.widget,
            ]
        )
        self.widget.add_class("hlo-continuum-editor")

    def set_field(self, name: str, value: str) -> bool:
        """A position or a rationale; a rationale is never a novel, blank only together with no position."""
        sample = {"position": ContinuumPosition.HYBRIDISATION, "rationale": value}  # checks the rationale alone
        if name == "rationale" and value.strip() and validated(ContinuumChoice, sample, self.status) is None:
            return False
        self.fields[name] = value if value.strip() else NOT_CHOSEN
        self.status.clear()
        self.save_bar.mark_unsaved()
        self.figure.update(self._strip())
        return True

    def keep_mine(self, conflicts: Sequence[ListConflict]) -> None:
        """Our position or rationale goes back in, to be saved on top of the file."""
        controls = {"position": self.position, "rationale": self.rationale}
        for clash in (c.conflict for c in conflicts if c.part == "continuum" and c.conflict.field in controls):
            controls[str(clash.field)].value = clash.mine or (None if clash.field == "position" else "")

    def describe(self, item_id: str) -> str:
        return self.vocabulary("design_phase.continuum")

    def _strip(self) -> go.Figure:
        chosen = self.fields["position"]
        return continuum_strip(ContinuumPosition(chosen) if chosen else None, self.vocabulary)

    def _load(self, case: Case) -> None:
        choice = case.continuum
        self.fields: dict[str, str] = {
            "position": choice.position.value if choice else NOT_CHOSEN,
            "rationale": choice.rationale if choice else NOT_CHOSEN,
        }
        self.base = dict(self.fields)

    def _save(self, path: Path) -> SaveResult:
        if any(self.fields.values()) and not all(self.fields.values()):
            raise IncompleteRecordError(self.vocabulary("design_phase.continuum.incomplete"))
        mine = {name: self.fields[name] or None for name in CONTINUUM_FIELDS}
        base = {name: self.base[name] or None for name in CONTINUUM_FIELDS}
        result = save_continuum(path, FieldsEdit(base, mine))
        self._load(result.case)
        self.position.value = self.fields["position"] or None
        self.rationale.value = self.fields["rationale"]
        self.figure.update(self._strip())
        return result
