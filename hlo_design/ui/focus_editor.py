"""The focus of the design, written by the group in the dashboard: question, target group, ordered goals.

The design page asks the group to "formulate a design question together";
until now that answer could only be typed into the YAML file. Here the
question and the target group are two text boxes, and the learning goals are
rows in their order (the order is the build-up of the programme, so each row
moves up and down), each with a toggle per diagnosis finding it answers.

Goals are a list like any other (:class:`~hlo_design.ui.list_editor.ListEditor`):
new ids cannot collide, and a save merges by id with what colleagues saved
meanwhile. The question and the target group are merged field by field
(:func:`~hlo_design.casefile.saving.save_design`), so changing the question
here does not undo a colleague's new target group.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import TypeAdapter, ValidationError

from hlo_design.base.schema import Text
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import (
    FOCUS_FIELDS,
    FieldsEdit,
    IncompleteRecordError,
    ListConflict,
    ListEdit,
    SaveResult,
    save_design,
)
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan, LearningGoal
from hlo_design.ui.controls import auto_width, small_button, text_control
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.shared_models import shared_layout

__all__ = ["FOCUS_PART", "FocusEditor"]

FOCUS_PART = "design.focus"
"""How a clash about the question or the target group is named (the goals are ``design.focus.goals``)."""

_TEXT = TypeAdapter(Text)


class FocusEditor(ListEditor[LearningGoal]):
    """The design question, the target group and the ordered learning goals with their findings."""

    id_prefix = "doel"
    part_name = "design.focus.goals"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        v = vocabulary
        self.fields: dict[str, widgets.ValueWidget] = {}
        labelled = []
        for name, height in zip(FOCUS_FIELDS, ("56px", "40px"), strict=True):
            control = text_control(self.header[name], "760px", area=True, height=height)
            control.placeholder = v(f"design_phase.focus.{name}_placeholder")
            control.add_class(f"hlo-focus-{name.replace('_', '-')}")
            bind(control, partial(self.set_field, name))
            self.fields[name] = control
            label = widgets.HTML(
                Markup("<b>{}</b>").format(v(f"design_phase.focus.{name}_label")), layout=shared_layout(width="130px")
            )
            labelled.append(widgets.HBox([label, control]))
        add = widgets.Button(description=v("design_phase.focus.add_goal"), icon="plus", layout=auto_width())
        add.add_class("hlo-add-goal")
        add.on_click(lambda _: self.add())
        goals_heading = widgets.HTML(Markup("<h4 style='margin:0.5em 0 0.2em'>{}</h4>").format(v("design.goals")))
        self._render_rows()
        self.widget = widgets.VBox([*labelled, goals_heading, self.rows, add, self.status.widget, self.save_bar.widget])
        self.widget.add_class("hlo-focus-editor")

    # ------------------------------------------------------------ the API the controls call

    def set_field(self, name: str, text: str) -> bool:
        """The question or the target group: never blank once typed, never a novel."""
        try:
            _TEXT.validate_python(text if text.strip() else "")
        except ValidationError as error:
            detail = error.errors()[0]["msg"] if text.strip() else self.vocabulary("design_phase.focus.blank")
            self.status.error(f"{self.vocabulary(f'field.{name}')}: {detail}")
            return False
        self.header[name] = text
        self.status.clear()
        self._edited()
        return True

    def add(self) -> LearningGoal:
        return self.append(LearningGoal(id=self.new_id(), text=self.vocabulary("design_phase.focus.new_goal")))

    def keep_mine(self, conflicts: Sequence[ListConflict]) -> None:
        """Our question or target group goes back in (saved on top); clashes about goals as in every list."""
        for clash in (c.conflict for c in conflicts if c.part == FOCUS_PART and c.conflict.field in FOCUS_FIELDS):
            self.fields[str(clash.field)].value = str(clash.mine or "")  # through bind: validated and marked unsaved
        super().keep_mine(conflicts)

    def describe(self, item_id: str) -> str:
        return self.vocabulary("design_phase.focus") if item_id == "focus" else super().describe(item_id)

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[LearningGoal]:
        return (case.design or DesignPlan()).goals

    def _load(self, case: Case) -> None:
        super()._load(case)
        focus = (case.design or DesignPlan()).focus
        self.header: dict[str, str] = {name: getattr(focus, name) if focus else "" for name in FOCUS_FIELDS}
        self.base_header = dict(self.header)

    def _write(self, path: Path, edit: ListEdit[LearningGoal]) -> SaveResult:
        if not all(value.strip() for value in self.header.values()):
            raise IncompleteRecordError(self.vocabulary("design_phase.focus.incomplete"))
        return save_design(path, {"focus.goals": edit}, focus=FieldsEdit(self.base_header, self.header))

    def _save(self, path: Path) -> SaveResult:
        result = super()._save(path)
        for name, control in self.fields.items():
            control.value = self.header[name]  # what the file has now, with colleagues' changes
        self.status.clear()
        return result

    def _problem(self, item: LearningGoal) -> str:
        unknown = [f for f in item.findings if f not in {x.id for x in self.case.findings}]
        return self.vocabulary("design_phase.unknown_finding", finding=", ".join(unknown)) if unknown else ""

    def _delete_problem(self, item_id: str) -> str:
        """A goal the student journey or a leerfiche refers to stays until those no longer do."""
        steps = [s for s in (self.case.design or DesignPlan()).journey if s.goal == item_id]
        sheets = [f for f in self.case.leerfiches if f.goal == item_id]
        if steps or sheets:
            return self.vocabulary("design_phase.focus.goal_in_use", goal=self.describe(item_id))
        return ""

    def _row(self, goal: LearningGoal) -> widgets.Widget:
        v = self.vocabulary
        number = widgets.HTML(Markup("<b>{}.</b>").format(self.items.index(goal) + 1),
                              layout=shared_layout(width="28px"))  # fmt: skip
        text = text_control(goal.text, "620px", area=True, height="48px")
        bind(text, self.setter(goal.id, "text"))
        up, down, delete = (small_button("arrow-up", v("editor.move_up")), small_button("arrow-down", v("editor.move_down")),
                            small_button("trash", v("editor.delete")))  # fmt: skip
        up.on_click(lambda _: self.reorder(goal.id, -1))
        down.on_click(lambda _: self.reorder(goal.id, 1))
        delete.on_click(lambda _: self.delete(goal.id))
        row = widgets.VBox(
            [widgets.HBox([number, text, up, down, delete]), self._finding_toggles(goal)],
            layout=shared_layout(border="1px solid #ccc", padding="6px", margin="4px 0"),
        )
        row.add_class("hlo-goal-row")
        row.add_class(f"hlo-goal-{goal.id}")
        return row

    def _finding_toggles(self, goal: LearningGoal) -> widgets.Widget:
        """One toggle per finding of the diagnosis, pressed when the goal answers it."""
        v = self.vocabulary
        caption = widgets.HTML(Markup("<i>{}</i>").format(v("design_phase.goal_findings")),
                               layout=shared_layout(width="190px", flex="0 0 auto"))  # fmt: skip
        if not self.case.findings:
            return widgets.HBox(
                [caption, widgets.HTML(Markup("<i>{}</i>").format(v("design_phase.focus.no_findings")))]
            )
        buttons = []
        for finding in self.case.findings:
            toggle = widgets.ToggleButton(value=finding.id in goal.findings, description=finding.label or finding.id,
                                          tooltip=finding.text[:200], layout=auto_width())  # fmt: skip
            toggle.add_class(f"hlo-goal-finding-{finding.id}")
            _show_pressed(toggle)
            bind(toggle, partial(self._toggle, goal.id, finding.id))
            buttons.append(toggle)
        return widgets.HBox([caption, widgets.HBox(buttons, layout=shared_layout(flex_flow="row wrap"))])

    def _toggle(self, goal_id: str, finding_id: str, pressed: Any) -> bool:
        """Link or unlink a finding, keeping the findings in the diagnosis's order."""
        linked = set(self.items[self._index(goal_id)].findings)
        linked = linked | {finding_id} if pressed else linked - {finding_id}
        ordered = [f.id for f in self.case.findings if f.id in linked]
        return self.update(goal_id, findings=ordered)


def _show_pressed(toggle: widgets.ToggleButton) -> None:
    """A linked finding in colour: ipywidgets' pressed grey is hard to see on a projector."""

    def paint(_: object = None) -> None:
        toggle.button_style = "info" if toggle.value else ""

    paint()
    toggle.observe(paint, "value")
