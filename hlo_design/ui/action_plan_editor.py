"""The action plan of the valorisation phase: actions per area, the success factors and the preconditions.

Actions are the list the group edits most (text, owner, horizon, status),
grouped by action area; the checklist of success factors and the
preconditions (one per line) complete the plan. The chart of actions by area
and status follows every change. A save merges every part with the file:
actions and areas by id, success factors by factor, preconditions by text —
a precondition the group removed stays removed, one another tab added stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_valorisation
from hlo_design.model.case import Case
from hlo_design.model.valorisation import (
    Action,
    ActionArea,
    ActionStatus,
    FactorStatus,
    Horizon,
    Precondition,
    SuccessFactor,
    SuccessFactorStatus,
    Valorisation,
)
from hlo_design.render.figures.valorisation import action_plan_chart
from hlo_design.ui.controls import auto_width, small_button, text_control
from hlo_design.ui.list_editor import bind, new_id, validated
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout
from hlo_design.ui.valorisation_part_editor import ValorisationListEditor, valorisation_of

__all__ = ["ActionPlanEditor"]


class ActionPlanEditor(ValorisationListEditor[Action]):
    """Actions per action area (text, owner, horizon, status), the success-factor checklist and the preconditions."""

    part = "actions"
    part_name = "valorisation.actions"
    id_prefix = "actie"
    areas: list[ActionArea]
    factors: dict[SuccessFactor, SuccessFactorStatus | None]
    precondition_items: list[Precondition]

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        v = vocabulary
        self.chart = LiveFigure(self._figure(), "hlo-action-chart")
        self.areas_box = widgets.VBox()
        self.factors_box = widgets.VBox()
        self.preconditions = widgets.Textarea(
            continuous_update=False, placeholder=v("valorisation_phase.edit.preconditions_help"),
            layout=shared_layout(width="800px", height="110px"),
        )  # fmt: skip
        bind(self.preconditions, self.set_preconditions)
        add_area = widgets.Button(description=v("valorisation_phase.edit.add_area"), icon="plus", layout=auto_width())
        add_area.on_click(lambda _: self.add_area())
        self._render_rows()
        self.widget = widgets.VBox(
            [
                self.areas_box, add_area,
                widgets.HTML(Markup("<h4>{}</h4>").format(v("valorisation_phase.success_factors"))), self.factors_box,
                widgets.HTML(Markup("<h4>{}</h4>").format(v("valorisation_phase.preconditions"))), self.preconditions,
                self.status.widget, self.save_bar.widget, self.chart.widget,
            ]
        )  # fmt: skip
        self.widget.add_class("hlo-action-editor")

    @property
    def actions(self) -> list[Action]:
        """The working actions of every area."""
        return self.items

    @property
    def valorisation(self) -> Valorisation:
        """The case's valorisation with the plan as it is on screen."""
        return valorisation_of(self.case).model_copy(
            update={
                "action_areas": self.areas, "actions": self.items, "preconditions": self.precondition_items,
                "success_factors": self._assessed_factors(),
            }
        )  # fmt: skip

    # ------------------------------------------------------------ the API the controls call

    def update_action(self, action_id: str, **changes: Any) -> bool:
        """Change an action's text, owner, horizon or status after validating it (unknown ids are refused)."""
        return any(a.id == action_id for a in self.items) and self.update(action_id, **changes)

    def delete_action(self, action_id: str) -> bool:
        """Remove an action (unknown ids are refused); a save removes it from the file."""
        return any(a.id == action_id for a in self.items) and self.delete(action_id)

    def add_action(self, area_id: str) -> Action | None:
        """A new action in an existing area (``None`` for an unknown area)."""
        if area_id not in {a.id for a in self.areas}:
            return None
        v = self.vocabulary
        return self.append(
            Action(
                id=self.new_id(), area=area_id, text=v("valorisation_phase.edit.new_action"),
                owner=v("valorisation_phase.edit.new_owner"), horizon=Horizon.SHORT,
            )
        )  # fmt: skip

    def rename_area(self, area_id: str, name: str) -> bool:
        """Rename an action area after validating the name (unknown ids are refused)."""
        index = next((i for i, a in enumerate(self.areas) if a.id == area_id), None)
        if index is None:
            return False
        updated = validated(ActionArea, {**self.areas[index].model_dump(), "name": name}, self.status)
        if updated is None:
            return False
        self.areas[index] = updated
        self._applied()
        return True

    def add_area(self) -> ActionArea:
        area = ActionArea(id=new_id("gebied"), name=self.vocabulary("valorisation_phase.edit.new_area"))
        self.areas.append(area)
        self._render_rows()
        self._applied()
        return area

    def set_factor(self, factor: SuccessFactor | str, status: str, note: str | None = None) -> bool:
        """Set a success factor's status (``""`` = not assessed) and note."""
        try:
            factor = SuccessFactor(factor)
        except ValueError:
            self.status.error(f"factor: unknown success factor {factor!r}")
            return False
        current = self.factors[factor]
        if status:
            kept_note = note if note is not None else (current.note if current else None)
            updated = validated(
                SuccessFactorStatus, {"factor": factor, "status": status, "note": kept_note}, self.status
            )
            if updated is None:
                return False
            self.factors[factor] = updated
        else:
            self.factors[factor] = None
        self._applied()
        return True

    def set_preconditions(self, text: str) -> bool:
        """One precondition per line; a line that is not a valid precondition refuses the whole text.

        A line that was already there keeps its record (its source and
        "illustrative" mark), which the text box does not show.
        """
        known = {p.text: p for p in self.precondition_items}
        items = [known.get(line) or validated(Precondition, {"text": line}, self.status) for line in _lines(text)]
        if any(item is None for item in items):
            return False
        chosen = [item for item in items if item is not None]
        if chosen != self.precondition_items:  # the box is also filled when the page is drawn: that is no edit
            self.precondition_items = chosen
            self._applied()
        return True

    # ------------------------------------------------------------ internals

    def _load(self, case: Case) -> None:
        super()._load(case)
        valorisation = valorisation_of(case)
        self.areas = list(valorisation.action_areas)
        self.factors = {
            f: next((s for s in valorisation.success_factors if s.factor is f), None) for f in SuccessFactor
        }
        self.precondition_items = list(valorisation.preconditions)
        self._loaded = valorisation

    def _write(self, path: Path, edit: ListEdit[Action]) -> SaveResult:
        """Every part of the plan, each merged with the file: only what changed here since it was loaded."""
        edits: dict[str, ListEdit[Any]] = {
            "action_areas": ListEdit(self._loaded.action_areas, tuple(self.areas)),
            "actions": edit,
            "success_factors": ListEdit(self._loaded.success_factors, self._assessed_factors()),
            "preconditions": ListEdit(self._loaded.preconditions, tuple(self.precondition_items)),
        }
        return save_valorisation(path, edits)

    def _assessed_factors(self) -> list[SuccessFactorStatus]:
        return [s for s in self.factors.values() if s is not None]

    def _applied(self) -> None:
        self.status.clear()
        self._edited()

    def _changed(self) -> None:
        self.chart.update(self._figure())

    def _figure(self) -> Any:
        return action_plan_chart(self.valorisation, self.vocabulary, case=self.case)

    def _render_rows(self) -> None:
        self.areas_box.children = [self._area(area) for area in self.areas]
        self.factors_box.children = [self._factor(factor) for factor in SuccessFactor]
        self.preconditions.value = "\n".join(p.text for p in self.precondition_items)

    def _row(self, item: Action) -> widgets.Widget:
        v = self.vocabulary
        text = text_control(item.text, "460px", area=True, height="52px")
        owner = text_control(item.owner, "200px")
        horizon = widgets.Dropdown(options=[(v.label(h), h.value) for h in Horizon], value=item.horizon.value,
                                   layout=shared_layout(width="180px"))  # fmt: skip
        status = widgets.Dropdown(options=[(v.label(s), s.value) for s in ActionStatus], value=item.status.value,
                                  layout=shared_layout(width="130px"))  # fmt: skip
        delete = small_button("trash", v("editor.delete"))
        for control, name in ((text, "text"), (owner, "owner"), (horizon, "horizon"), (status, "status")):
            bind(control, self.setter(item.id, name))
        delete.on_click(lambda _: self.delete(item.id))
        row = widgets.HBox([text, owner, horizon, status, delete])
        row.add_class("hlo-action-row")
        return row

    def _area(self, area: ActionArea) -> widgets.Widget:
        v = self.vocabulary
        name = text_control(area.name, "800px")
        bind(name, lambda text: self.rename_area(area.id, text))
        add = widgets.Button(description=v("valorisation_phase.edit.add_action"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add_action(area.id))
        rows = [self._row(a) for a in self.items if a.area == area.id]
        box = widgets.VBox(
            [name, *rows, add],
            layout=shared_layout(border_left="4px solid #0072B2", padding="4px 8px", margin="6px 0"),
        )
        box.add_class("hlo-action-area")
        return box

    def _factor(self, factor: SuccessFactor) -> widgets.Widget:
        v = self.vocabulary
        current = self.factors[factor]
        status = widgets.Dropdown(
            options=[(v("valorisation_phase.edit.not_assessed"), "")] + [(v.label(s), s.value) for s in FactorStatus],
            value=current.status.value if current else "", layout=shared_layout(width="190px"),
        )  # fmt: skip
        note = text_control(current.note or "" if current else "", "420px")
        bind(status, lambda chosen: self.set_factor(factor, chosen, note.value or None))
        bind(note, lambda text: not status.value or self.set_factor(factor, status.value, text or None))
        row = widgets.HBox([widgets.Label(v.label(factor), layout=shared_layout(width="340px")), status, note])
        row.add_class("hlo-factor-row")
        return row


def _lines(text: str) -> Sequence[str]:
    """The non-empty lines of a text box, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]
