"""The findings of the diagnosis, placed in the model, edited live by the group.

The documents place each diagnosis conclusion in the quadrant model — in a
quadrant, at a position, or over the model as a whole — and link it to the
design perspectives it calls for. Here the group adds, rewords, reorders and
places findings during the meeting; a save merges by id, so concurrent saves
from other tabs are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_list
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.perspectives import Perspective
from hlo_design.ui.activity_editor import axis_slider
from hlo_design.ui.controls import auto_width, small_button
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.live_quadrant_map import LiveQuadrantMap
from hlo_design.ui.shared_models import shared_layout

__all__ = ["PLACE_CHOICES", "FindingsEditor", "describe_place"]

PLACE_CHOICES = ("model", "1", "2", "3", "4", "position")
"""The place dropdown: the whole model, a quadrant number, or a free position."""


class FindingsEditor(ListEditor[Finding]):
    """One row per finding (label, text, place, perspectives, order) plus the map they sit on."""

    id_prefix = "bevinding"
    part_name = "findings"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        self.activities: Sequence[Activity] | None = None
        """The activities drawn under the findings: the inventory's working ones once :meth:`follow` is called."""
        self.map = LiveQuadrantMap(self._case(), vocabulary, css_class="hlo-findings-map")
        add = widgets.Button(description=vocabulary("editor.add_finding"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.widget = widgets.VBox([self.rows, add, self.status.widget, self.save_bar.widget, self.map.widget])

    @property
    def findings(self) -> list[Finding]:
        """The working findings, in the order of the report."""
        return self.items

    # ------------------------------------------------------------ the API the controls call

    def place(self, finding_id: str, choice: str, form: float | None = None, context: float | None = None) -> bool:
        """Place a finding: ``model``, a quadrant ``1``–``4`` or ``position`` (kept where it was drawn if no coordinates)."""
        if choice not in PLACE_CHOICES:
            self.status.error(self.vocabulary("editor.unknown_place", place=choice))
            return False
        if choice == "model":
            return self.update(finding_id, place=FindingPlace())
        if choice != "position":
            return self.update(finding_id, place={"quadrant": int(choice)})
        point = self.items[self._index(finding_id)].place.point
        form = form if form is not None else (point.form if point else 0.0)
        context = context if context is not None else (point.context if point else 0.0)
        return self.update(finding_id, place={"position": {"form": form, "context": context}})

    def add(self) -> Finding:
        return self.append(
            Finding(
                id=self.new_id(), label=str(len(self.items) + 1), text=self.vocabulary("editor.new_finding"),
                place=FindingPlace(),
            )
        )  # fmt: skip

    def move_up(self, finding_id: str) -> None:
        """Reorder: the order of findings is the order of the report."""
        self.reorder(finding_id, -1)

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[Finding]:
        return case.findings

    def _write(self, path: Path, edit: ListEdit[Finding]) -> SaveResult:
        return save_list(path, "findings", edit)

    def _changed_data(self, item: Finding, changes: dict[str, Any]) -> dict[str, Any]:
        return {**item.model_dump(), "place": item.place, **changes}  # a place dumps to its YAML form only

    def follow(self, activities: Sequence[Activity]) -> None:
        """Draw ``activities`` (the inventory's, as the group slides them) instead of the saved ones.

        The page shows a map in the inventory and one here; with the saved
        activities this one kept the old positions after a slider move above.
        """
        self.activities = list(activities)
        self._changed()

    def _changed(self) -> None:
        self.map.draw(self._case(), self.vocabulary, self.activities)

    def _case(self) -> Case:
        return self.case.model_copy(update={"findings": self.items})

    def _row(self, finding: Finding) -> widgets.HBox:
        v = self.vocabulary
        label = widgets.Text(value=finding.label or "", continuous_update=False, layout=shared_layout(width="56px"))
        text = widgets.Textarea(
            value=finding.text, continuous_update=False, layout=shared_layout(width="440px", height="72px")
        )
        place = widgets.Dropdown(
            options=[(v(f"editor.place.{choice}"), choice) for choice in PLACE_CHOICES],
            value=_place_choice(finding.place), layout=shared_layout(width="190px"),
        )  # fmt: skip
        perspectives = [
            widgets.ToggleButton(
                value=p in finding.perspectives, description=v.label(p), layout=shared_layout(width="118px")
            )
            for p in Perspective
        ]
        point = finding.place.point
        form = axis_slider(point.form if point else 0.0, v("pole.acquisition"), v("pole.participation"))
        context = axis_slider(point.context if point else 0.0, v("pole.constructed"), v("pole.realistic"))
        form.description, context.description = v("axis.form"), v("axis.context")
        sliders = widgets.VBox([form, context], layout=widgets.Layout(display="" if finding.place.position else "none"))
        up = small_button("arrow-up", v("editor.move_up"))
        delete = small_button("trash", v("editor.delete"))
        bind(label, lambda value: self.update(finding.id, label=value or None))
        bind(text, lambda value: self.update(finding.id, text=value))

        def on_place(choice: str) -> bool:
            placed = self.place(finding.id, choice)
            now = self.items[self._index(finding.id)].place
            sliders.layout.display = "" if now.position is not None else "none"
            return placed

        bind(place, on_place)
        for slider in (form, context):
            bind(slider, lambda _: self.place(finding.id, "position", form.value, context.value))

        def on_perspective(_: bool) -> bool:
            chosen = [p.value for p, toggle in zip(Perspective, perspectives, strict=True) if toggle.value]
            return self.update(finding.id, perspectives=chosen)

        for toggle in perspectives:
            bind(toggle, on_perspective)
        up.on_click(lambda _: self.move_up(finding.id))
        delete.on_click(lambda _: self.delete(finding.id))
        row = widgets.HBox(
            [
                label,
                text,
                widgets.VBox([place, sliders, widgets.HBox(perspectives[:3]), widgets.HBox(perspectives[3:])]),
                up,
                delete,
            ]
        )
        row.add_class("hlo-finding-row")
        return row


def _place_choice(place: FindingPlace) -> str:
    """The dropdown value for a place."""
    if place.quadrant is not None:
        return str(place.quadrant)
    return "position" if place.position is not None else "model"


def describe_place(place: FindingPlace, vocabulary: Vocabulary) -> str:
    """A place in words, for tables and reports (escaped by the caller's template)."""
    if place.position is not None:
        return vocabulary(
            "editor.at_position",
            form=vocabulary.number(place.position.form, 2),
            context=vocabulary.number(place.position.context, 2),
        )
    return vocabulary(f"editor.place.{_place_choice(place)}")
