"""The findings of the diagnosis, placed in the model, edited live by the group.

The documents place each diagnosis conclusion in the quadrant model — in a
quadrant, at a position, or over the model as a whole — and link it to the
design perspectives it calls for. Here the group adds, rewords, reorders and
places findings during the meeting; a save merges by id, so concurrent saves
from other tabs are kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from pydantic import ValidationError

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, save_list
from hlo_design.model.case import Case
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.perspectives import Perspective
from hlo_design.render.figures import quadrant_map
from hlo_design.ui.activity_editor import axis_slider
from hlo_design.ui.controls import SaveBar, Status, auto_width, fresh_id, validation_message
from hlo_design.ui.live_figure import LiveFigure

__all__ = ["PLACE_CHOICES", "FindingsEditor", "describe_place"]

PLACE_CHOICES = ("model", "1", "2", "3", "4", "position")
"""The place dropdown: the whole model, a quadrant number, or a free position."""


class FindingsEditor:
    """One row per finding (label, text, place, perspectives, order) plus the map they sit on."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.case = case
        self.vocabulary = vocabulary
        self.findings: list[Finding] = list(case.findings)
        self.deleted: set[str] = set()
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self.map = LiveFigure(self._figure())
        self.rows = widgets.VBox()
        add = widgets.Button(description=vocabulary("editor.add_finding"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.widget = widgets.VBox([self.rows, add, self.status.widget, self.save_bar.widget, self.map.widget])

    # ------------------------------------------------------------ the API the controls call

    def update(self, finding_id: str, **changes: Any) -> bool:
        """Apply a change (label, text, place, perspectives) after validating it."""
        index = self._index(finding_id)
        data = self.findings[index].model_dump()
        data["place"] = self.findings[index].place
        try:
            updated = Finding.model_validate({**data, **changes})
        except ValidationError as error:
            self.status.error(validation_message(error))
            return False
        self.findings[index] = updated
        self.status.widget.value = ""
        self.map.update(self._figure())
        return True

    def place(self, finding_id: str, choice: str, form: float | None = None, context: float | None = None) -> bool:
        """Place a finding: ``model``, a quadrant ``1``–``4`` or ``position`` (kept where it was drawn if no coordinates)."""
        if choice not in PLACE_CHOICES:
            self.status.error(self.vocabulary("editor.unknown_place", place=choice))
            return False
        if choice == "model":
            return self.update(finding_id, place=FindingPlace())
        if choice != "position":
            return self.update(finding_id, place={"quadrant": int(choice)})
        point = self.findings[self._index(finding_id)].place.point
        form = form if form is not None else (point.form if point else 0.0)
        context = context if context is not None else (point.context if point else 0.0)
        return self.update(finding_id, place={"position": {"form": form, "context": context}})

    def add(self) -> Finding:
        finding = Finding(
            id=fresh_id("bevinding", [f.id for f in self.findings] + [*self.deleted]),
            label=str(len(self.findings) + 1),
            text=self.vocabulary("editor.new_finding"),
            place=FindingPlace(),
        )
        self.findings.append(finding)
        self._render_rows()
        self.map.update(self._figure())
        return finding

    def move_up(self, finding_id: str) -> None:
        """Reorder: the order of findings is the order of the report."""
        index = self._index(finding_id)
        if index > 0:
            self.findings[index - 1], self.findings[index] = self.findings[index], self.findings[index - 1]
            self._render_rows()

    def delete(self, finding_id: str) -> None:
        del self.findings[self._index(finding_id)]
        self.deleted.add(finding_id)
        self._render_rows()
        self.map.update(self._figure())

    # ------------------------------------------------------------ internals

    def _index(self, finding_id: str) -> int:
        for index, finding in enumerate(self.findings):
            if finding.id == finding_id:
                return index
        raise KeyError(finding_id)

    def _figure(self) -> go.Figure:
        return quadrant_map(self.case.model_copy(update={"findings": self.findings}), self.vocabulary)

    def _save(self, path: Path) -> None:
        saved = save_list(path, "findings", ListEdit(tuple(self.findings), frozenset(self.deleted)))
        self.findings = list(saved.findings)
        self.deleted.clear()
        self._render_rows()
        self.map.update(self._figure())

    def _render_rows(self) -> None:
        self.rows.children = [self._row(finding) for finding in self.findings]

    def _row(self, finding: Finding) -> widgets.HBox:
        v = self.vocabulary
        label = widgets.Text(value=finding.label or "", continuous_update=False, layout=widgets.Layout(width="56px"))
        text = widgets.Textarea(
            value=finding.text, continuous_update=False, layout=widgets.Layout(width="440px", height="72px")
        )
        place = widgets.Dropdown(
            options=[(v(f"editor.place.{choice}"), choice) for choice in PLACE_CHOICES],
            value=_place_choice(finding.place), layout=widgets.Layout(width="190px"),
        )  # fmt: skip
        perspectives = [
            widgets.ToggleButton(
                value=p in finding.perspectives, description=v.label(p), layout=widgets.Layout(width="118px")
            )
            for p in Perspective
        ]
        point = finding.place.point
        form = axis_slider(point.form if point else 0.0, v("pole.acquisition"), v("pole.participation"))
        context = axis_slider(point.context if point else 0.0, v("pole.constructed"), v("pole.realistic"))
        form.description, context.description = v("axis.form"), v("axis.context")
        sliders = widgets.VBox([form, context], layout=widgets.Layout(display="" if finding.place.position else "none"))
        up = widgets.Button(icon="arrow-up", tooltip=v("editor.move_up"), layout=widgets.Layout(width="44px"))
        delete = widgets.Button(icon="trash", tooltip=v("editor.delete"), layout=widgets.Layout(width="44px"))

        def revert_on_failure(ok: bool, widget: widgets.ValueWidget, old: Any) -> None:
            if not ok:
                widget.value = old

        label.observe(
            lambda c: revert_on_failure(self.update(finding.id, label=c["new"] or None), label, c["old"]), "value"
        )
        text.observe(lambda c: revert_on_failure(self.update(finding.id, text=c["new"]), text, c["old"]), "value")

        def on_place(change: dict[str, Any]) -> None:
            revert_on_failure(self.place(finding.id, change["new"]), place, change["old"])
            sliders.layout.display = "" if place.value == "position" else "none"

        place.observe(on_place, "value")
        for slider in (form, context):
            slider.observe(lambda _: self.place(finding.id, "position", form.value, context.value), "value")

        def on_perspective(_: Any) -> None:
            chosen = [p.value for p, toggle in zip(Perspective, perspectives, strict=True) if toggle.value]
            self.update(finding.id, perspectives=chosen)

        for toggle in perspectives:
            toggle.observe(on_perspective, "value")
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
    if place.quadrant is not None:
        return str(place.quadrant)
    return "position" if place.position is not None else "model"


def describe_place(place: FindingPlace, vocabulary: Vocabulary) -> str:
    """A place in words, for tables and reports (escaped by the caller's template)."""
    if place.position is not None:
        return vocabulary(
            "editor.at_position", form=f"{place.position.form:.2f}", context=f"{place.position.context:.2f}"
        )
    return vocabulary(f"editor.place.{_place_choice(place)}")
