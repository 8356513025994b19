"""Editors for the valorisation phase: test moments, lessons, the four corners and the action plan.

Each editor keeps its own list, validates every change through the pydantic
model (a rejected change is reverted in the control and explained on the
status line) and saves only its own part of ``case.valorisation``, merged by
key under the case file's lock — so two tabs editing lessons and actions at
the same time both land.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets
from pydantic import BaseModel, ValidationError

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import update_case
from hlo_design.model.case import Case
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.valorisation import (
    STRENGTH_MAX,
    Action,
    ActionArea,
    ActionStatus,
    Audience,
    Corner,
    CornerAssessment,
    FactorStatus,
    Horizon,
    ImpactProcess,
    Lesson,
    Precondition,
    SuccessFactor,
    SuccessFactorStatus,
    TestMoment,
    Valorisation,
)
from hlo_design.render.figures.valorisation import action_plan_chart, corner_chart, test_moment_chart
from hlo_design.ui.controls import SaveBar, Status, auto_width, fresh_id, validation_message
from hlo_design.ui.live_figure import LiveFigure

__all__ = [
    "ActionPlanEditor",
    "CornerEditor",
    "LessonEditor",
    "TestMomentEditor",
    "save_valorisation",
]

Item = TypeVar("Item", bound=BaseModel)

MERGE_KEYS: dict[str, Callable[[Any], Hashable]] = {
    "test_moments": lambda item: item.id,
    "lessons": lambda item: item.id,
    "corners": lambda item: item.corner,
    "action_areas": lambda item: item.id,
    "actions": lambda item: item.id,
    "success_factors": lambda item: item.factor,
    "preconditions": lambda item: item.text,
}
"""How items of each editable part of ``valorisation`` are recognised when merging with the file."""


def _merge(
    on_disk: Sequence[Any], ours: Sequence[Any], deleted: frozenset[Hashable], key: Callable[[Any], Hashable]
) -> list[Any]:
    """Our items in our order, then the items others added that we did not delete."""
    mine = {key(item) for item in ours}
    return [*ours, *(item for item in on_disk if key(item) not in mine and key(item) not in deleted)]


def save_valorisation(
    path: Path, parts: dict[str, Sequence[Any]], deleted: dict[str, frozenset[Hashable]] | None = None
) -> Case:
    """Merge edited parts of ``valorisation`` (e.g. ``{"lessons": [...]}``) into the case file; returns the saved case.

    Parts not named are left as they are on disk. The file is validated again
    before it is written (unknown action areas, bad scales), so a bad merge is
    refused with the workbook's error message.
    """
    unknown = set(parts) - set(MERGE_KEYS)
    if unknown:
        raise ValueError(f"save_valorisation: cannot save {sorted(unknown)}; use one of {sorted(MERGE_KEYS)}")
    gone = deleted or {}

    def change(case: Case) -> Case:
        current = case.valorisation if case.valorisation is not None else Valorisation()
        update = {
            name: _merge(getattr(current, name), items, gone.get(name, frozenset()), MERGE_KEYS[name])
            for name, items in parts.items()
        }
        return case.model_copy(update={"valorisation": current.model_copy(update=update)})

    return update_case(path, change)


def _validated(model: type[Item], data: dict[str, Any], status: Status) -> Item | None:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        status.error(validation_message(error))
        return None


def _revert(ok: bool, control: widgets.ValueWidget, old: Any) -> None:
    if not ok:
        control.value = old


def _text(value: str, width: str, *, area: bool = False, height: str = "60px") -> widgets.ValueWidget:
    if area:
        return widgets.Textarea(value=value, continuous_update=False, layout=widgets.Layout(width=width, height=height))
    return widgets.Text(value=value, continuous_update=False, layout=widgets.Layout(width=width))


def _toggles(
    members: Sequence[Any], chosen: Sequence[Any], vocabulary: Vocabulary, width: str
) -> list[widgets.ToggleButton]:
    return [
        widgets.ToggleButton(value=m in chosen, description=vocabulary.label(m), layout=widgets.Layout(width=width))
        for m in members
    ]


def _small_button(icon: str, tooltip: str) -> widgets.Button:
    return widgets.Button(icon=icon, tooltip=tooltip, layout=widgets.Layout(width="44px"))


def _new_id(prefix: str, taken: Sequence[object]) -> str:
    """A fresh id that two tabs adding at the same moment will not both pick (merge is by id)."""
    return fresh_id(f"{prefix}-{uuid.uuid4().hex[:6]}", [str(t) for t in taken])


def _number_or_none(text: str) -> float | None:
    text = text.strip().replace(",", ".")
    return float(text) if text else None


class _ListEditor:
    """Shared bookkeeping of an editor over one list of records with ids."""

    part = ""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None, items: Sequence[Any]) -> None:
        self.case = case
        self.vocabulary = vocabulary
        self.items: list[Any] = list(items)
        self.deleted: set[Hashable] = set()
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self.rows = widgets.VBox()

    def _index(self, item_id: str) -> int:
        for index, item in enumerate(self.items):
            if item.id == item_id:
                return index
        raise KeyError(item_id)

    def update(self, item_id: str, **changes: Any) -> bool:
        """Apply a change to one item after validating it; on failure nothing changes."""
        index = self._index(item_id)
        updated = _validated(type(self.items[index]), {**self.items[index].model_dump(), **changes}, self.status)
        if updated is None:
            return False
        if updated == self.items[index]:
            return True  # e.g. a control reverted after a refused change: keep the message
        self.items[index] = updated
        self.status.widget.value = ""
        self._changed()
        return True

    def delete(self, item_id: str) -> None:
        del self.items[self._index(item_id)]
        self.deleted.add(item_id)
        self._render_rows()
        self._changed()

    def _changed(self) -> None:
        """Redraw what depends on the items (the live figure)."""

    def _render_rows(self) -> None:
        self.rows.children = [self._row(item) for item in self.items]

    def _row(self, item: Any) -> widgets.Widget:
        raise NotImplementedError

    def _save(self, path: Path) -> None:
        saved = save_valorisation(path, {self.part: self.items}, {self.part: frozenset(self.deleted)})
        self.case = saved
        self.items = list(getattr(saved.valorisation or Valorisation(), self.part))
        self.deleted.clear()
        self._render_rows()
        self._changed()

    @property
    def valorisation(self) -> Valorisation:
        """The case's valorisation with this editor's items in place."""
        current = self.case.valorisation if self.case.valorisation is not None else Valorisation()
        return current.model_copy(update={self.part: self.items})


class TestMomentEditor(_ListEditor):
    """One row per test moment (date, group, learners, measure, before, after, changes) and the live chart."""

    __test__ = False  # not a pytest test class
    part = "test_moments"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path, (case.valorisation or Valorisation()).test_moments)
        self.chart = LiveFigure(self._figure(), "hlo-test-chart")
        self.chart.widget.layout.display = "" if self.items else "none"
        add = widgets.Button(
            description=vocabulary("valorisation_phase.edit.add_moment"), icon="plus", layout=auto_width()
        )
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.widget = widgets.VBox([self.rows, add, self.status.widget, self.save_bar.widget, self.chart.widget])
        self.widget.add_class("hlo-test-editor")

    def add(self) -> TestMoment:
        v = self.vocabulary
        moment = TestMoment(
            id=_new_id("test", [m.id for m in self.items] + [*self.deleted]),
            date=dt.date.today(), activity=v("valorisation_phase.edit.new_moment"),
            group=v("valorisation_phase.edit.new_group"), learners=10, measure=v("valorisation_phase.edit.new_measure"),
            changes=v("valorisation_phase.edit.new_changes"),
        )  # fmt: skip
        self.items.append(moment)
        self._render_rows()
        self._changed()
        return moment

    def set_score(self, moment_id: str, name: str, text: str) -> bool:
        """Set ``before`` or ``after`` from what was typed: a number, or empty for "not measured"."""
        try:
            value = _number_or_none(text)
        except ValueError:
            field = self.vocabulary(f"valorisation_phase.col.{name}")
            self.status.error(self.vocabulary("valorisation_phase.edit.not_a_number", field=field, value=text))
            return False
        return self.update(moment_id, **{name: value})

    def _changed(self) -> None:
        self.chart.update(self._figure())
        self.chart.widget.layout.display = "" if self.items else "none"  # no empty chart before the first moment

    def _figure(self) -> Any:
        return test_moment_chart(self.valorisation, self.vocabulary, case=self.case)

    def _row(self, item: Any) -> widgets.Widget:
        moment: TestMoment = item
        v = self.vocabulary
        date = widgets.DatePicker(value=moment.date, layout=widgets.Layout(width="150px"))
        activity = _text(moment.activity, "220px")
        group = _text(moment.group, "220px")
        learners = widgets.BoundedIntText(
            value=moment.learners, min=1, max=100_000, layout=widgets.Layout(width="90px")
        )
        measure = _text(moment.measure, "220px")
        before = _text("" if moment.before is None else f"{moment.before:g}", "70px")
        after = _text("" if moment.after is None else f"{moment.after:g}", "70px")
        changes = _text(moment.changes, "460px", area=True)
        delete = _small_button("trash", v("editor.delete"))
        for control, name in ((activity, "activity"), (group, "group"), (measure, "measure"), (changes, "changes")):
            control.observe(
                lambda c, control=control, name=name: _revert(
                    self.update(moment.id, **{name: c["new"]}), control, c["old"]
                ),
                "value",
            )
        date.observe(
            lambda c: _revert(c["new"] is not None and self.update(moment.id, date=c["new"]), date, c["old"]), "value"
        )
        learners.observe(lambda c: _revert(self.update(moment.id, learners=c["new"]), learners, c["old"]), "value")
        for control, name in ((before, "before"), (after, "after")):
            control.observe(
                lambda c, control=control, name=name: _revert(
                    self.set_score(moment.id, name, c["new"]), control, c["old"]
                ),
                "value",
            )
        delete.on_click(lambda _: self.delete(moment.id))

        def labelled(key: str, control: widgets.Widget) -> widgets.VBox:
            return widgets.VBox([widgets.Label(v(f"valorisation_phase.col.{key}")), control])

        row = widgets.VBox(
            [
                widgets.HBox([labelled("date", date), labelled("activity", activity), labelled("group", group),
                              labelled("learners", learners), delete]),
                widgets.HBox([labelled("measure", measure), labelled("before", before), labelled("after", after),
                              labelled("changes", changes)]),
            ],
            layout=widgets.Layout(border_bottom="1px solid #ccc", padding="4px 0"),
        )  # fmt: skip
        row.add_class("hlo-test-moment-row")
        return row


class LessonEditor(_ListEditor):
    """One row per lesson learned: text, perspective toggles, level and audience toggles."""

    part = "lessons"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path, (case.valorisation or Valorisation()).lessons)
        add = widgets.Button(
            description=vocabulary("valorisation_phase.edit.add_lesson"), icon="plus", layout=auto_width()
        )
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.widget = widgets.VBox([self.rows, add, self.status.widget, self.save_bar.widget])
        self.widget.add_class("hlo-lesson-editor")

    def add(self) -> Lesson:
        lesson = Lesson(
            id=_new_id("les", [lesson.id for lesson in self.items] + [*self.deleted]),
            text=self.vocabulary("valorisation_phase.edit.new_lesson"),
            audience=[Audience.SCHOOL],
        )
        self.items.append(lesson)
        self._render_rows()
        return lesson

    def _row(self, item: Any) -> widgets.Widget:
        lesson: Lesson = item
        v = self.vocabulary
        text = _text(lesson.text, "520px", area=True, height="72px")
        perspectives = _toggles(list(Perspective), lesson.perspectives, v, "160px")
        audiences = _toggles(list(Audience), lesson.audience, v, "118px")
        level = widgets.Dropdown(
            options=[(v("valorisation_phase.edit.no_level"), "")] + [(v.label(lv), lv.value) for lv in Level],
            value=lesson.level.value if lesson.level else "", layout=widgets.Layout(width="180px"),
        )  # fmt: skip
        delete = _small_button("trash", v("editor.delete"))
        text.observe(lambda c: _revert(self.update(lesson.id, text=c["new"]), text, c["old"]), "value")
        level.observe(lambda c: _revert(self.update(lesson.id, level=c["new"] or None), level, c["old"]), "value")

        def on_toggle(
            change: dict[str, Any], toggles: list[widgets.ToggleButton], members: list[Any], name: str
        ) -> None:
            chosen = [m.value for m, toggle in zip(members, toggles, strict=True) if toggle.value]
            if not self.update(lesson.id, **{name: chosen}):
                change["owner"].value = change["old"]

        for toggle in perspectives:
            toggle.observe(lambda c: on_toggle(c, perspectives, list(Perspective), "perspectives"), "value")
        for toggle in audiences:
            toggle.observe(lambda c: on_toggle(c, audiences, list(Audience), "audience"), "value")
        delete.on_click(lambda _: self.delete(lesson.id))
        row = widgets.HBox(
            [
                text,
                widgets.VBox([widgets.HBox(perspectives[:3]), widgets.HBox(perspectives[3:])]),
                widgets.VBox([level, widgets.HBox(audiences)]),
                delete,
            ],
            layout=widgets.Layout(border_bottom="1px solid #ccc", padding="4px 0"),
        )
        row.add_class("hlo-lesson-row")
        return row


class CornerEditor:
    """Per corner a strength slider (0–4) and its evidence, one per line; the four corners side by side live."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.case = case
        self.vocabulary = vocabulary
        valorisation = case.valorisation or Valorisation()
        self.corners: dict[Corner, CornerAssessment | None] = {c: valorisation.corner(c) for c in Corner}
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self.chart = LiveFigure(self._figure(), "hlo-corner-chart")
        self.rows = widgets.VBox([self._row(corner) for corner in Corner])
        self.widget = widgets.VBox([self.rows, self.status.widget, self.save_bar.widget, self.chart.widget])
        self.widget.add_class("hlo-corner-editor")

    @property
    def valorisation(self) -> Valorisation:
        current = self.case.valorisation if self.case.valorisation is not None else Valorisation()
        return current.model_copy(update={"corners": [a for a in self.corners.values() if a is not None]})

    def update(self, corner: Corner | str, **changes: Any) -> bool:
        """Change a corner's strength, evidence or impact processes; an unassessed corner starts at 0."""
        try:
            corner = Corner(corner)
        except ValueError:
            self.status.error(f"corner: unknown corner {corner!r}")
            return False
        current = self.corners[corner]
        data = current.model_dump() if current is not None else {"corner": corner, "strength": 0}
        updated = _validated(CornerAssessment, {**data, **changes}, self.status)
        if updated is None:
            return False
        if updated == current:
            return True
        self.corners[corner] = updated
        self.status.widget.value = ""
        self.chart.update(self._figure())
        return True

    def _figure(self) -> Any:
        return corner_chart(self.valorisation, self.vocabulary, case=self.case)

    def _save(self, path: Path) -> None:
        saved = save_valorisation(path, {"corners": [a for a in self.corners.values() if a is not None]})
        self.case = saved
        valorisation = saved.valorisation or Valorisation()
        self.corners = {c: valorisation.corner(c) for c in Corner}
        self.rows.children = [self._row(corner) for corner in Corner]
        self.chart.update(self._figure())

    def _row(self, corner: Corner) -> widgets.Widget:
        v = self.vocabulary
        assessment = self.corners[corner]
        strength = widgets.IntSlider(
            value=assessment.strength if assessment else 0, min=0, max=STRENGTH_MAX, continuous_update=False,
            description=v("valorisation_phase.col.strength"), style={"description_width": "110px"},
            layout=widgets.Layout(width="340px"),
        )  # fmt: skip
        evidence = widgets.Textarea(
            value="\n".join(assessment.evidence) if assessment else "", continuous_update=False,
            placeholder=v("valorisation_phase.edit.evidence_help"), layout=widgets.Layout(width="620px", height="90px"),
        )  # fmt: skip
        strength.observe(lambda c: _revert(self.update(corner, strength=c["new"]), strength, c["old"]), "value")
        evidence.observe(
            lambda c: _revert(self.update(corner, evidence=[line.strip() for line in c["new"].splitlines() if line.strip()]),
                              evidence, c["old"]),
            "value",
        )  # fmt: skip
        parts: list[widgets.Widget] = [
            widgets.HTML(f"<b>{html.escape(v.label(corner))}</b>"),
            widgets.HBox([strength, evidence]),
        ]
        if corner is Corner.LASTING_IMPACT:
            toggles = _toggles(list(ImpactProcess), assessment.impact_processes if assessment else [], v, "190px")

            def on_process(change: dict[str, Any]) -> None:
                chosen = [p.value for p, t in zip(ImpactProcess, toggles, strict=True) if t.value]
                if not self.update(corner, impact_processes=chosen):
                    change["owner"].value = change["old"]

            for toggle in toggles:
                toggle.observe(on_process, "value")
            parts.append(widgets.HBox([widgets.Label(v("valorisation_phase.col.processes")), *toggles]))
        row = widgets.VBox(parts, layout=widgets.Layout(border_bottom="1px solid #ccc", padding="4px 0"))
        row.add_class("hlo-corner-row")
        return row


class ActionPlanEditor:
    """Actions per action area (text, owner, horizon, status), the success-factor checklist and the preconditions."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.case = case
        self.vocabulary = vocabulary
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self._load(case.valorisation or Valorisation())
        self.chart = LiveFigure(self._figure(), "hlo-action-chart")
        self.areas_box = widgets.VBox()
        self.factors_box = widgets.VBox()
        self.preconditions = widgets.Textarea(
            continuous_update=False, placeholder=vocabulary("valorisation_phase.edit.preconditions_help"),
            layout=widgets.Layout(width="800px", height="110px"),
        )  # fmt: skip
        self.preconditions.observe(lambda c: self.set_preconditions(c["new"]), "value")
        add_area = widgets.Button(
            description=vocabulary("valorisation_phase.edit.add_area"), icon="plus", layout=auto_width()
        )
        add_area.on_click(lambda _: self.add_area())
        self._render()
        v = vocabulary
        self.widget = widgets.VBox(
            [
                self.areas_box, add_area,
                widgets.HTML(f"<h4>{html.escape(v('valorisation_phase.success_factors'))}</h4>"), self.factors_box,
                widgets.HTML(f"<h4>{html.escape(v('valorisation_phase.preconditions'))}</h4>"), self.preconditions,
                self.status.widget, self.save_bar.widget, self.chart.widget,
            ]
        )  # fmt: skip
        self.widget.add_class("hlo-action-editor")

    def _load(self, valorisation: Valorisation) -> None:
        self.areas: list[ActionArea] = list(valorisation.action_areas)
        self.actions: list[Action] = list(valorisation.actions)
        self.factors: dict[SuccessFactor, SuccessFactorStatus | None] = {
            f: next((s for s in valorisation.success_factors if s.factor is f), None) for f in SuccessFactor
        }
        self.precondition_items: list[Precondition] = list(valorisation.preconditions)
        self.deleted: set[Hashable] = set()

    @property
    def valorisation(self) -> Valorisation:
        current = self.case.valorisation if self.case.valorisation is not None else Valorisation()
        return current.model_copy(
            update={
                "action_areas": self.areas, "actions": self.actions, "preconditions": self.precondition_items,
                "success_factors": [s for s in self.factors.values() if s is not None],
            }
        )  # fmt: skip

    # ------------------------------------------------------------ the API the controls call

    def update_action(self, action_id: str, **changes: Any) -> bool:
        """Change an action's text, owner, horizon or status after validating it."""
        index = next((i for i, a in enumerate(self.actions) if a.id == action_id), None)
        if index is None:
            return False
        updated = _validated(Action, {**self.actions[index].model_dump(), **changes}, self.status)
        if updated is None:
            return False
        if updated == self.actions[index]:
            return True
        self.actions[index] = updated
        self._changed()
        return True

    def rename_area(self, area_id: str, name: str) -> bool:
        index = next((i for i, a in enumerate(self.areas) if a.id == area_id), None)
        if index is None:
            return False
        updated = _validated(ActionArea, {**self.areas[index].model_dump(), "name": name}, self.status)
        if updated is None:
            return False
        if updated == self.areas[index]:
            return True
        self.areas[index] = updated
        self._changed()
        return True

    def add_area(self) -> ActionArea:
        area = ActionArea(
            id=_new_id("gebied", [a.id for a in self.areas]), name=self.vocabulary("valorisation_phase.edit.new_area")
        )
        self.areas.append(area)
        self._render()
        self._changed()
        return area

    def add_action(self, area_id: str) -> Action | None:
        if area_id not in {a.id for a in self.areas}:
            return None
        action = Action(
            id=_new_id("actie", [a.id for a in self.actions] + [*self.deleted]), area=area_id,
            text=self.vocabulary("valorisation_phase.edit.new_action"),
            owner=self.vocabulary("valorisation_phase.edit.new_owner"), horizon=Horizon.SHORT,
        )  # fmt: skip
        self.actions.append(action)
        self._render()
        self._changed()
        return action

    def delete_action(self, action_id: str) -> None:
        self.actions = [a for a in self.actions if a.id != action_id]
        self.deleted.add(action_id)
        self._render()
        self._changed()

    def set_factor(self, factor: SuccessFactor | str, status: str, note: str | None = None) -> bool:
        """Set a success factor's status (``""`` = not assessed) and note."""
        try:
            factor = SuccessFactor(factor)
        except ValueError:
            self.status.error(f"factor: unknown success factor {factor!r}")
            return False
        if not status:
            self.factors[factor] = None
            self._changed()
            return True
        current = self.factors[factor]
        data = {
            "factor": factor,
            "status": status,
            "note": note if note is not None else (current.note if current else None),
        }
        updated = _validated(SuccessFactorStatus, data, self.status)
        if updated is None:
            return False
        self.factors[factor] = updated
        self._changed()
        return True

    def set_preconditions(self, text: str) -> bool:
        """One precondition per line."""
        items = []
        for line in (line.strip() for line in text.splitlines()):
            if line:
                item = _validated(Precondition, {"text": line}, self.status)
                if item is None:
                    return False
                items.append(item)
        self.precondition_items = items
        return True

    # ------------------------------------------------------------ internals

    def _changed(self) -> None:
        self.status.widget.value = ""
        self.chart.update(self._figure())

    def _figure(self) -> Any:
        return action_plan_chart(self.valorisation, self.vocabulary, case=self.case)

    def _save(self, path: Path) -> None:
        parts: dict[str, Sequence[Any]] = {
            "action_areas": self.areas, "actions": self.actions, "preconditions": self.precondition_items,
            "success_factors": [s for s in self.factors.values() if s is not None],
        }  # fmt: skip
        removed_factors = frozenset(f for f, s in self.factors.items() if s is None)
        saved = save_valorisation(path, parts, {"actions": frozenset(self.deleted), "success_factors": removed_factors})
        self.case = saved
        self._load(saved.valorisation or Valorisation())
        self._render()
        self._changed()

    def _render(self) -> None:
        self.areas_box.children = [self._area(area) for area in self.areas]
        self.factors_box.children = [self._factor(factor) for factor in SuccessFactor]
        self.preconditions.value = "\n".join(p.text for p in self.precondition_items)

    def _area(self, area: ActionArea) -> widgets.Widget:
        v = self.vocabulary
        name = _text(area.name, "800px")
        name.observe(lambda c: _revert(self.rename_area(area.id, c["new"]), name, c["old"]), "value")
        add = widgets.Button(description=v("valorisation_phase.edit.add_action"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add_action(area.id))
        rows = [self._action(a) for a in self.actions if a.area == area.id]
        box = widgets.VBox(
            [name, *rows, add],
            layout=widgets.Layout(border_left="4px solid #0072B2", padding="4px 8px", margin="6px 0"),
        )
        box.add_class("hlo-action-area")
        return box

    def _action(self, action: Action) -> widgets.Widget:
        v = self.vocabulary
        text = _text(action.text, "460px", area=True, height="52px")
        owner = _text(action.owner, "200px")
        horizon = widgets.Dropdown(options=[(v.label(h), h.value) for h in Horizon], value=action.horizon.value,
                                   layout=widgets.Layout(width="180px"))  # fmt: skip
        status = widgets.Dropdown(options=[(v.label(s), s.value) for s in ActionStatus], value=action.status.value,
                                  layout=widgets.Layout(width="130px"))  # fmt: skip
        delete = _small_button("trash", v("editor.delete"))
        for control, name in ((text, "text"), (owner, "owner"), (horizon, "horizon"), (status, "status")):
            control.observe(
                lambda c, control=control, name=name: _revert(
                    self.update_action(action.id, **{name: c["new"]}), control, c["old"]
                ),
                "value",
            )
        delete.on_click(lambda _: self.delete_action(action.id))
        row = widgets.HBox([text, owner, horizon, status, delete])
        row.add_class("hlo-action-row")
        return row

    def _factor(self, factor: SuccessFactor) -> widgets.Widget:
        v = self.vocabulary
        current = self.factors[factor]
        status = widgets.Dropdown(
            options=[(v("valorisation_phase.edit.not_assessed"), "")] + [(v.label(s), s.value) for s in FactorStatus],
            value=current.status.value if current else "", layout=widgets.Layout(width="190px"),
        )  # fmt: skip
        note = _text(current.note or "" if current else "", "420px")
        status.observe(
            lambda c: _revert(self.set_factor(factor, c["new"], note.value or None), status, c["old"]), "value"
        )
        note.observe(
            lambda c: _revert(
                not status.value or self.set_factor(factor, status.value, c["new"] or None), note, c["old"]
            ),
            "value",
        )
        row = widgets.HBox([widgets.Label(v.label(factor), layout=widgets.Layout(width="340px")), status, note])
        row.add_class("hlo-factor-row")
        return row
