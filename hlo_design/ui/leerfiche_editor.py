"""The leerfiche, filled in together during the meeting and taken home as a printable page.

Pick a sheet (or add one), write per component in its own box, and watch how
complete the sheet is. Every change is validated through :class:`Leerfiche`;
the download link always carries the printable page of the sheet as it is
on screen (a data URI of :func:`~hlo_design.render.leerfiche_html.leerfiche_html`, so
nothing is written on the server). Saving merges by id into
``case.leerfiches`` under the file lock.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, save_list
from hlo_design.model.case import Case
from hlo_design.model.leerfiche import Leerfiche, LeerficheComponent, completeness
from hlo_design.render.leerfiche_html import leerfiche_html
from hlo_design.ui.controls import SaveBar, Status, auto_width, fresh_id, validation_message
from hlo_design.ui.downloads import data_uri_link

__all__ = ["LeerficheEditor"]


class LeerficheEditor:
    """A sheet picker, title and goal, one text box per component, completeness, download and save."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        v = vocabulary
        self.case = case
        self.vocabulary = vocabulary
        self.fiches: list[Leerfiche] = list(case.leerfiches)
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self._syncing = False
        self.picker = widgets.Dropdown(
            description=v("design_phase.leerfiche.pick"), layout=widgets.Layout(width="620px")
        )
        self.picker.observe(lambda _: self._show(), "value")
        add = widgets.Button(description=v("design_phase.leerfiche.add"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add())
        self.title = widgets.Text(
            description=v("design_phase.leerfiche.title"), continuous_update=False, layout=widgets.Layout(width="620px")
        )
        self.goal = widgets.Text(
            description=v("design_phase.leerfiche.goal"), continuous_update=False, layout=widgets.Layout(width="620px")
        )
        self.title.observe(lambda c: self._field("title", c, self.title), "value")
        self.goal.observe(lambda c: self._field("goal", c, self.goal), "value")
        self.boxes: dict[LeerficheComponent, widgets.Textarea] = {}
        boxes = []
        for component in LeerficheComponent:
            box = widgets.Textarea(
                continuous_update=False, placeholder=v(f"LeerficheComponent.{component.value}.hint"),
                layout=widgets.Layout(width="440px", height="96px"),
            )  # fmt: skip
            box.add_class(f"hlo-leerfiche-{component.value}")
            box.observe(self._component_handler(component, box), "value")
            self.boxes[component] = box
            label = widgets.HTML(f"<b>{html.escape(v.label(component))}</b>")
            boxes.append(widgets.VBox([label, box]))
        self.grid = widgets.GridBox(boxes, layout=widgets.Layout(grid_template_columns="repeat(2, 460px)"))
        self.completeness = widgets.HTML()
        self.completeness.add_class("hlo-leerfiche-completeness")
        self.download = widgets.HTML()
        self.download.add_class("hlo-leerfiche-download")
        self.empty = widgets.HTML(f"<i>{html.escape(v('design_phase.leerfiche.none'))}</i>")
        self.form = widgets.VBox([self.title, self.goal, self.completeness, self.grid, self.download])
        self._refresh_picker(self.fiches[0].id if self.fiches else None)
        self.widget = widgets.VBox(
            [widgets.HBox([self.picker, add]), self.empty, self.form, self.status.widget, self.save_bar.widget]
        )
        self.widget.add_class("hlo-leerfiche-editor")

    # ------------------------------------------------------------ the API the controls call

    @property
    def current(self) -> Leerfiche | None:
        return next((f for f in self.fiches if f.id == self.picker.value), None)

    def update(self, **changes: Any) -> bool:
        """Change the shown sheet (title, goal or ``components``) after validating it."""
        fiche = self.current
        if fiche is None:
            return False
        try:
            updated = Leerfiche.model_validate({**fiche.model_dump(), **changes})
        except ValidationError as error:
            self.status.error(validation_message(error))
            return False
        self.fiches[self._index(fiche.id)] = updated
        self.status.widget.value = ""
        self._refresh_outputs()
        return True

    def write(self, component: LeerficheComponent, text: str) -> bool:
        """Set the text of one component (blank empties it)."""
        fiche = self.current
        if fiche is None:
            return False
        components = {k.value: t for k, t in fiche.components.items()}
        if text.strip():
            components[component.value] = text
        else:
            components.pop(component.value, None)
        return self.update(components=components)

    def add(self) -> Leerfiche:
        fiche = Leerfiche(
            id=fresh_id("leerfiche", [f.id for f in self.fiches] + [f.id for f in self.case.leerfiches]),
            title=self.vocabulary("design_phase.leerfiche.new_title"),
        )
        self.fiches.append(fiche)
        self._refresh_picker(fiche.id)
        return fiche

    # ------------------------------------------------------------ internals

    def _index(self, fiche_id: str) -> int:
        return next(i for i, f in enumerate(self.fiches) if f.id == fiche_id)

    def _component_handler(self, component: LeerficheComponent, box: widgets.Textarea) -> Any:
        def handler(change: dict[str, Any]) -> None:
            if self._syncing:
                return
            if not self.write(component, change["new"]):
                self._syncing = True
                box.value = change["old"]
                self._syncing = False

        return handler

    def _field(self, field: str, change: dict[str, Any], control: widgets.Text) -> None:
        if self._syncing:
            return
        value = change["new"] if field == "title" else (change["new"].strip() or None)
        if not self.update(**{field: value}):
            self._syncing = True
            control.value = change["old"]
            self._syncing = False

    def _refresh_picker(self, selected: str | None) -> None:
        self._syncing = True
        self.picker.options = [(f.title, f.id) for f in self.fiches]
        self.picker.value = selected
        self._syncing = False
        self._show()

    def _show(self) -> None:
        fiche = self.current
        self.empty.layout.display = "none" if fiche else ""
        self.form.layout.display = "" if fiche else "none"
        if fiche is None:
            return
        self._syncing = True
        try:
            self.title.value = fiche.title
            self.goal.value = fiche.goal or ""
            for component, box in self.boxes.items():
                box.value = fiche.text(component)
        finally:
            self._syncing = False
        self._refresh_outputs()

    def _refresh_outputs(self) -> None:
        fiche = self.current
        if fiche is None:
            return
        v = self.vocabulary
        share = completeness(fiche)
        self.completeness.value = (
            f"<div style='display:flex;align-items:center;gap:0.8em'><progress max='1' value='{share:.3f}' "
            f"style='width:240px;height:18px'></progress><b>{html.escape(v('design_phase.leerfiche.completeness', share=f'{share:.0%}'))}</b></div>"
        )
        self.download.value = data_uri_link(
            leerfiche_html(fiche, self.case, v), f"{self.case.id}-{fiche.id}.html",
            v("design_phase.leerfiche.download"), "hlo-leerfiche-link",
        )  # fmt: skip

    def _save(self, path: Path) -> None:
        saved = save_list(path, "leerfiches", ListEdit(tuple(self.fiches)))
        self.case = saved
        selected = self.picker.value
        self.fiches = list(saved.leerfiches)
        self._refresh_picker(selected if any(f.id == selected for f in self.fiches) else None)
