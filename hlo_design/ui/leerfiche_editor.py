"""The leerfiche, filled in together during the meeting and taken home as a printable page.

Pick a sheet (or add one), write per component in its own box, and watch how
complete the sheet is. Every change is validated through :class:`Leerfiche`;
the download link always carries the printable page of the sheet as it is
on screen (a data URI of :func:`~hlo_design.render.leerfiche_html.leerfiche_html`, so
nothing is written on the server). Saving merges by id into
``case.leerfiches`` under the file lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_list
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.leerfiche import Leerfiche, LeerficheComponent, completeness
from hlo_design.render.leerfiche_html import leerfiche_html
from hlo_design.ui.controls import auto_width, short_label
from hlo_design.ui.downloads import data_uri_link
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.shared_models import shared_layout

__all__ = ["NO_GOAL", "LeerficheEditor"]

GOAL_LABEL_CHARS = 80
"""A goal's text in a dropdown is cut here: goals are sentences, the dropdown has room for a few words."""

NO_GOAL = ""
"""The goal dropdown's value for "this sheet is about no particular goal"."""


class LeerficheEditor(ListEditor[Leerfiche]):
    """A sheet picker, title, the goal chosen from the focus's goals, one text box per component, completeness, download and save."""

    id_prefix = "leerfiche"
    part_name = "leerfiches"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        v = vocabulary
        self._syncing = False
        self.picker = widgets.Dropdown(
            description=v("design_phase.leerfiche.pick"), layout=shared_layout(width="620px")
        )
        self.picker.observe(lambda _: self._show(), "value")
        add = widgets.Button(description=v("design_phase.leerfiche.add"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add())
        self.title = self._line("design_phase.leerfiche.title", lambda text: self.update_current(title=text))
        self.goal = widgets.Dropdown(description=v("design_phase.leerfiche.goal"), layout=shared_layout(width="620px"))
        self.goal.add_class("hlo-leerfiche-goal")
        bind(self.goal, lambda goal: self.update_current(goal=goal or None))
        self.boxes: dict[LeerficheComponent, widgets.Textarea] = {c: self._box(c) for c in LeerficheComponent}
        self.grid = widgets.GridBox(
            [
                widgets.VBox([widgets.HTML(Markup("<b>{}</b>").format(v.label(c))), box])
                for c, box in self.boxes.items()
            ],
            layout=shared_layout(grid_template_columns="repeat(2, 460px)"),
        )
        self.completeness = widgets.HTML()
        self.completeness.add_class("hlo-leerfiche-completeness")
        self.download = widgets.HTML()
        self.download.add_class("hlo-leerfiche-download")
        self.empty = widgets.HTML(Markup("<i>{}</i>").format(v("design_phase.leerfiche.none")), layout=widgets.Layout())
        self.form = widgets.VBox(
            [self.title, self.goal, self.completeness, self.grid, self.download], layout=widgets.Layout()
        )
        self._render_rows()
        self.widget = widgets.VBox(
            [widgets.HBox([self.picker, add]), self.empty, self.form, self.status.widget, self.save_bar.widget]
        )
        self.widget.add_class("hlo-leerfiche-editor")

    # ------------------------------------------------------------ the API the controls call

    @property
    def fiches(self) -> list[Leerfiche]:
        """The working sheets."""
        return self.items

    @property
    def current(self) -> Leerfiche | None:
        return next((f for f in self.items if f.id == self.picker.value), None)

    def update_current(self, **changes: Any) -> bool:
        """Change the shown sheet (title, goal or ``components``) after validating it."""
        if self._syncing:
            return True  # the form is being filled from the sheet, nothing was typed
        fiche = self.current
        return fiche is not None and self.update(fiche.id, **changes)

    def write(self, component: LeerficheComponent, text: str) -> bool:
        """Set the text of one component (blank empties it)."""
        if self._syncing:
            return True
        fiche = self.current
        if fiche is None:
            return False
        components = {k.value: t for k, t in fiche.components.items()}
        if text.strip():
            components[component.value] = text
        else:
            components.pop(component.value, None)
        return self.update_current(components=components)

    def add(self) -> Leerfiche:
        fiche = self.append(Leerfiche(id=self.new_id(), title=self.vocabulary("design_phase.leerfiche.new_title")))
        self.picker.value = fiche.id
        return fiche

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[Leerfiche]:
        return case.leerfiches

    def _write(self, path: Path, edit: ListEdit[Leerfiche]) -> SaveResult:
        return save_list(path, "leerfiches", edit)

    def _line(self, key: str, apply: Any) -> widgets.Text:
        line = widgets.Text(
            description=self.vocabulary(key), continuous_update=False, layout=shared_layout(width="620px")
        )
        bind(line, apply)
        return line

    def _box(self, component: LeerficheComponent) -> widgets.Textarea:
        box = widgets.Textarea(
            continuous_update=False, placeholder=self.vocabulary(f"LeerficheComponent.{component.value}.hint"),
            layout=shared_layout(width="440px", height="96px"),
        )  # fmt: skip
        box.add_class(f"hlo-leerfiche-{component.value}")
        bind(box, lambda text: self.write(component, text))
        return box

    def _goal_options(self, fiche: Leerfiche) -> list[tuple[str, str]]:
        """No goal, the focus's goals by their text, and the sheet's own goal if it names no goal of the focus.

        Older sheets name their goal in words (the field allowed that); such a
        goal stays choosable rather than being silently dropped by the dropdown.
        """
        v = self.vocabulary
        options = [(v("design_phase.leerfiche.no_goal"), NO_GOAL)]
        options += [
            (short_label(goal.text, GOAL_LABEL_CHARS), goal.id) for goal in (self.case.design or DesignPlan()).goals
        ]
        if fiche.goal and fiche.goal not in {value for _, value in options}:
            options.append((v("design_phase.leerfiche.other_goal", goal=fiche.goal), fiche.goal))
        return options

    def _render_rows(self) -> None:
        """The picker lists the sheets; the one shown stays shown (or the first, if it is gone)."""
        shown = self.picker.value
        self._syncing = True
        self.picker.options = [(f.title, f.id) for f in self.items]
        self.picker.value = (
            shown if any(f.id == shown for f in self.items) else (self.items[0].id if self.items else None)
        )
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
            self.goal.options = self._goal_options(fiche)
            self.goal.value = fiche.goal or NO_GOAL
            for component, box in self.boxes.items():
                box.value = fiche.text(component)
        finally:
            self._syncing = False
        self._changed()

    def _changed(self) -> None:
        fiche = self.current
        if fiche is None:
            return
        v = self.vocabulary
        share = completeness(fiche)
        self.completeness.value = Markup(
            "<div style='display:flex;align-items:center;gap:0.8em'><progress max='1' value='{:.3f}' "
            "style='width:240px;height:18px'></progress><b>{}</b></div>"
        ).format(share, v("design_phase.leerfiche.completeness", share=f"{share:.0%}"))
        self.download.value = data_uri_link(
            leerfiche_html(fiche, self.case, v), f"{self.case.id}-{fiche.id}.html",
            v("design_phase.leerfiche.download"), "hlo-leerfiche-link",
        )  # fmt: skip
