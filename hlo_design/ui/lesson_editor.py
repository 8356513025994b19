"""Lessons learned in the valorisation phase: what the group would tell a school, a company or policy makers.

Each lesson is tagged with the design perspectives it is about, the level it
applies to and its audiences (at least one: a lesson for nobody is refused).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from pathlib import Path

import ipywidgets as widgets

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.valorisation import Audience, Lesson
from hlo_design.ui.controls import auto_width, small_button, text_control, toggles
from hlo_design.ui.list_editor import bind
from hlo_design.ui.shared_models import shared_layout
from hlo_design.ui.valorisation_part_editor import ValorisationListEditor

__all__ = ["LessonEditor"]


class LessonEditor(ValorisationListEditor[Lesson]):
    """One row per lesson learned: text, perspective toggles, level and audience toggles."""

    part = "lessons"
    part_name = "valorisation.lessons"
    id_prefix = "les"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        add = widgets.Button(
            description=vocabulary("valorisation_phase.edit.add_lesson"), icon="plus", layout=auto_width()
        )
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.widget = widgets.VBox([self.rows, add, self.status.widget, self.save_bar.widget])
        self.widget.add_class("hlo-lesson-editor")

    def add(self) -> Lesson:
        return self.append(
            Lesson(
                id=self.new_id(), text=self.vocabulary("valorisation_phase.edit.new_lesson"), audience=[Audience.SCHOOL]
            )
        )

    def _row(self, item: Lesson) -> widgets.Widget:
        v = self.vocabulary
        text = text_control(item.text, "520px", area=True, height="72px")
        perspectives = toggles(list(Perspective), item.perspectives, v, "160px")
        audiences = toggles(list(Audience), item.audience, v, "118px")
        level = widgets.Dropdown(
            options=[(v("valorisation_phase.edit.no_level"), "")] + [(v.label(lv), lv.value) for lv in Level],
            value=item.level.value if item.level else "", layout=shared_layout(width="180px"),
        )  # fmt: skip
        delete = small_button("trash", v("editor.delete"))
        bind(text, self.setter(item.id, "text"))
        bind(level, lambda chosen: self.update(item.id, level=chosen or None))
        self._bind_toggles(item.id, "perspectives", perspectives, list(Perspective))
        self._bind_toggles(item.id, "audience", audiences, list(Audience))
        delete.on_click(lambda _: self.delete(item.id))
        row = widgets.HBox(
            [
                text,
                widgets.VBox([widgets.HBox(perspectives[:3]), widgets.HBox(perspectives[3:])]),
                widgets.VBox([level, widgets.HBox(audiences)]),
                delete,
            ],
            layout=shared_layout(border_bottom="1px solid #ccc", padding="4px 0"),
        )
        row.add_class("hlo-lesson-row")
        return row

    def _bind_toggles(
        self, lesson_id: str, field: str, buttons: list[widgets.ToggleButton], members: Sequence[Enum]
    ) -> None:
        """Each toggle sets ``field`` to the members whose toggles are pressed (refused: the toggle flips back)."""

        def apply(_: bool) -> bool:
            chosen = [m.value for m, button in zip(members, buttons, strict=True) if button.value]
            return self.update(lesson_id, **{field: chosen})

        for button in buttons:
            bind(button, apply)
