"""The case's reflectiewebs in the dashboard: start a new web, set its criteria, score it, save all at once.

A web used to start life in the YAML file; the dashboard could only score
webs that were already there. Here the group creates one with a form (title,
the interaction it reflects on, the date and the scale), writes the criteria
in the learners' own words, renames or removes them, and scores each web with
the :class:`~hlo_design.ui.reflection_editor.ReflectionWebEditor`. The webs
are a list like any other (:class:`~hlo_design.ui.list_editor.ListEditor`): a
new web gets an id no other tab can produce, and a save merges by id into
``case.reflection_webs``, so a colleague's scores on another web survive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_list
from hlo_design.model.case import Case
from hlo_design.model.reflection import MAX_SCALE, ReflectionWeb
from hlo_design.render.html_fragments import heading_html, paragraph_html
from hlo_design.ui.controls import auto_width, small_button, text_control
from hlo_design.ui.list_editor import ListEditor, bind, validated
from hlo_design.ui.reflection_editor import ReflectionWebEditor
from hlo_design.ui.shared_models import shared_layout

__all__ = ["ReflectionWebsEditor"]

DEFAULT_SCALE = ReflectionWeb.model_fields["scale_max"].default
"""The scale a new web proposes (1 to 5), as the model's default."""


class ReflectionWebsEditor(ListEditor[ReflectionWeb]):
    """Per web its criteria (rename, remove) and its scores; a form for a new web; one save bar."""

    id_prefix = "reflectieweb"
    part_name = "reflection_webs"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        v = vocabulary
        self.scorers: dict[str, ReflectionWebEditor] = {}
        label = {"description_width": "150px"}
        self.new_title = widgets.Text(description=v("design_phase.reflection.new_title"), style=label,
                                      layout=shared_layout(width="580px"))  # fmt: skip
        self.new_title.add_class("hlo-new-web-title")
        self.new_interaction = widgets.Text(description=v("design_phase.reflection.new_interaction"), style=label,
                                            layout=shared_layout(width="580px"))  # fmt: skip
        self.new_interaction.add_class("hlo-new-web-interaction")
        self.new_date = widgets.DatePicker(description=v("design_phase.reflection.new_date"), value=dt.date.today(),
                                           style=label)  # fmt: skip
        self.new_scale = widgets.BoundedIntText(
            value=DEFAULT_SCALE, min=2, max=MAX_SCALE, description=v("design_phase.reflection.new_scale"),
            style=label, layout=shared_layout(width="230px"),
        )  # fmt: skip
        create = widgets.Button(description=v("design_phase.reflection.create"), icon="plus", layout=auto_width())
        create.add_class("hlo-create-web")
        create.on_click(lambda _: self.create())
        form = widgets.VBox(
            [widgets.HTML(heading_html(v("design_phase.reflection.new_web"), level=4)), self.new_title,
             self.new_interaction, self.new_date, self.new_scale, create],
            layout=shared_layout(border="1px dashed #999", padding="6px", margin="8px 0"),
        )  # fmt: skip
        form.add_class("hlo-new-web")
        self.empty = widgets.HTML(paragraph_html(v("design_phase.reflection.empty")), layout=widgets.Layout())
        self._render_rows()
        self.widget = widgets.VBox([self.empty, self.rows, form, self.status.widget, self.save_bar.widget])
        self.widget.add_class("hlo-reflection-webs-editor")

    # ------------------------------------------------------------ the API the controls call

    def create(self) -> ReflectionWeb | None:
        """A new web from the form; a missing title or interaction is refused with the reason."""
        data = {
            "id": self.new_id(), "title": self.new_title.value.strip(),
            "interaction": self.new_interaction.value.strip(), "date": self.new_date.value,
            "scale_max": self.new_scale.value,
        }  # fmt: skip
        web = validated(ReflectionWeb, data, self.status)
        if web is None:
            return None
        self.new_title.value = self.new_interaction.value = ""
        self.status.ok(self.vocabulary("design_phase.reflection.created", title=web.title))
        return self.append(web)

    def rename_criterion(self, web_id: str, criterion_id: str, text: str) -> bool:
        """A criterion in other words; its scores stay with it."""
        web = self.items[self._index(web_id)]
        criteria = [
            {**c.model_dump(), "text": text.strip()} if c.id == criterion_id else c.model_dump() for c in web.criteria
        ]
        return self._set_criteria(web_id, criteria, web.ratings)

    def remove_criterion(self, web_id: str, criterion_id: str) -> bool:
        """Drop a criterion together with its scores (a score of no criterion means nothing)."""
        web = self.items[self._index(web_id)]
        criteria = [c.model_dump() for c in web.criteria if c.id != criterion_id]
        return self._set_criteria(web_id, criteria, [r for r in web.ratings if r.criterion != criterion_id])

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[ReflectionWeb]:
        return case.reflection_webs

    def _write(self, path: Path, edit: ListEdit[ReflectionWeb]) -> SaveResult:
        return save_list(path, "reflection_webs", edit)

    def _set_criteria(self, web_id: str, criteria: list[dict[str, Any]], ratings: Sequence[Any]) -> bool:
        if not self.update(web_id, criteria=criteria, ratings=[r.model_dump() for r in ratings]):
            return False
        self._render_rows()  # the scorer shows the criteria as they are now
        return True

    def _scored(self, web: ReflectionWeb) -> None:
        """A score, a criterion or an action point changed in the web's scorer (it validated already)."""
        self.items[self._index(web.id)] = web
        self._render_criteria(web.id)
        self._edited()

    def _render_rows(self) -> None:
        self.empty.layout.display = "none" if self.items else ""
        self.criteria_boxes: dict[str, widgets.VBox] = {}
        self.rows.children = [self._row(web) for web in self.items]

    def _row(self, web: ReflectionWeb) -> widgets.Widget:
        scorer = ReflectionWebEditor(web, self.vocabulary, on_change=self._scored)
        self.scorers[web.id] = scorer
        caption = heading_html(web.title, level=3) + paragraph_html(web.interaction)
        self.criteria_boxes[web.id] = widgets.VBox()
        self._render_criteria(web.id)
        row = widgets.VBox([widgets.HTML(caption), self.criteria_boxes[web.id], scorer.widget])
        row.add_class(f"hlo-web-{web.id}")
        return row

    def _render_criteria(self, web_id: str) -> None:
        """One text box per criterion to rename it, with a button to remove it."""
        v = self.vocabulary
        web = self.items[self._index(web_id)]
        lines: list[widgets.Widget] = []
        if web.criteria:
            lines.append(widgets.HTML(Markup("<b>{}</b>").format(v("design_phase.reflection.criteria"))))
        for criterion in web.criteria:
            text = text_control(criterion.text, "480px")
            text.add_class(f"hlo-criterion-{criterion.id}")
            bind(text, partial(self.rename_criterion, web_id, criterion.id))
            remove = small_button("trash", v("design_phase.reflection.remove_criterion"))
            remove.on_click(lambda _, c=criterion.id: self.remove_criterion(web_id, c))
            lines.append(widgets.HBox([text, remove]))
        self.criteria_boxes[web_id].children = lines
