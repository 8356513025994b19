"""The inventory of learning activities: an editable table that moves markers on the map.

A group slides an activity along the axes (*schuiven op de assen*) and sees
at once where it lands, how the hours per quadrant shift and how the
environments compare. Nothing is written to the case file until the group
presses save; then the edit is merged by id, so a colleague's save in another
browser tab is not lost.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from pydantic import ValidationError

from hlo_design.analysis.design_coverage import activities_in_use
from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, save_list
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.quadrants import Position
from hlo_design.render.figures import quadrant_map, summary_bars
from hlo_design.render.figures.environments import environment_comparison
from hlo_design.ui.controls import SaveBar, Status, auto_width, fresh_id, validation_message
from hlo_design.ui.live_figure import LiveFigure

__all__ = ["ActivityEditor", "axis_slider"]

SLIDER_STEP = 0.05


class ActivityEditor:
    """Rows of activity controls, the live quadrant map, the summary and the environment comparison."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.case = case
        self.vocabulary = vocabulary
        self.activities: list[Activity] = list(case.activities)
        self.deleted: set[str] = set()
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self.map = LiveFigure(quadrant_map(case, vocabulary, activities=self.activities), "hlo-inventory-map")
        self.summary = LiveFigure(self._summary_figure())
        self.comparison = LiveFigure(environment_comparison(case, vocabulary, activities=self.activities))
        self.rows = widgets.VBox()
        add = widgets.Button(description=vocabulary("editor.add_activity"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.table = widgets.VBox([self._header(), self.rows, add], layout=widgets.Layout(overflow="auto"))
        self.widget = widgets.VBox(
            [
                self.table,
                self.status.widget,
                self.save_bar.widget,
                self.map.widget,
                self.summary.widget,
                self.comparison.widget,
            ]
        )

    # ------------------------------------------------------------ the API the controls call

    def update(self, activity_id: str, **changes: Any) -> bool:
        """Apply a change (name, environment, hours_per_week, form, context) after validating it."""
        index = self._index(activity_id)
        current = self.activities[index]
        data = current.model_dump()
        position = data.pop("position")
        for axis in ("form", "context"):
            if axis in changes:
                position[axis] = changes.pop(axis)
        try:
            updated = Activity.model_validate({**data, **changes, "position": position})
        except ValidationError as error:
            self.status.error(validation_message(error))
            return False
        if updated.environment not in {e.id for e in self.case.environments}:
            self.status.error(self.vocabulary("editor.unknown_environment", environment=updated.environment))
            return False
        self.activities[index] = updated
        self.status.widget.value = ""
        self.redraw()
        return True

    def move(self, activity_id: str, form: float, context: float) -> bool:
        """Slide an activity to a new position."""
        return self.update(activity_id, form=form, context=context)

    def add(self) -> Activity:
        """A new activity in quadrant 1 of the first environment, for the group to place."""
        activity = Activity(
            id=fresh_id("activiteit", [a.id for a in self.activities] + [*self.deleted]),
            name=self.vocabulary("editor.new_activity"),
            environment=self.case.environments[0].id,
            position=Position(form=-0.5, context=-0.5),
            hours_per_week=1,
        )
        self.activities.append(activity)
        self._render_rows()
        self.redraw()
        return activity

    def delete(self, activity_id: str) -> bool:
        """Remove an activity, unless the design phase still refers to it."""
        if self.case.design is not None and activity_id in activities_in_use(self.case.design):
            self.status.error(self.vocabulary("editor.activity_in_use"))
            return False
        del self.activities[self._index(activity_id)]
        self.deleted.add(activity_id)
        self._render_rows()
        self.redraw()
        return True

    def redraw(self) -> None:
        """Bring map, summary and comparison in line with the working activities."""
        self.map.update(quadrant_map(self.case, self.vocabulary, activities=self.activities))
        self.summary.update(self._summary_figure())
        self.comparison.update(environment_comparison(self.case, self.vocabulary, activities=self.activities))

    # ------------------------------------------------------------ internals

    def _index(self, activity_id: str) -> int:
        for index, activity in enumerate(self.activities):
            if activity.id == activity_id:
                return index
        raise KeyError(activity_id)

    def _summary_figure(self) -> go.Figure:
        return summary_bars(summarise(self.case.id, self.activities), self.vocabulary)

    def _save(self, path: Path) -> None:
        saved = save_list(path, "activities", ListEdit(tuple(self.activities), frozenset(self.deleted)))
        self.activities = list(saved.activities)
        self.deleted.clear()
        self._render_rows()
        self.redraw()

    def _header(self) -> widgets.HBox:
        v = self.vocabulary
        labels = [
            (v("editor.name"), "260px"), (v("editor.environment"), "210px"), (v("editor.hours"), "90px"),
            (v("editor.form_slider"), "240px"), (v("editor.context_slider"), "240px"), (v("editor.quadrant"), "90px"),
        ]  # fmt: skip
        return widgets.HBox(
            [widgets.HTML(f"<b>{html.escape(t)}</b>", layout=widgets.Layout(width=w)) for t, w in labels]
        )

    def _render_rows(self) -> None:
        self.rows.children = [self._row(activity) for activity in self.activities]

    def _row(self, activity: Activity) -> widgets.HBox:
        v = self.vocabulary
        name = widgets.Text(value=activity.name, continuous_update=False, layout=widgets.Layout(width="260px"))
        environment = widgets.Dropdown(
            options=[(e.name, e.id) for e in self.case.environments], value=activity.environment,
            layout=widgets.Layout(width="210px"),
        )  # fmt: skip
        hours = widgets.BoundedFloatText(
            value=activity.hours_per_week, min=0, max=80, step=0.5, layout=widgets.Layout(width="90px")
        )
        form = axis_slider(activity.position.form, v("pole.acquisition"), v("pole.participation"))
        context = axis_slider(activity.position.context, v("pole.constructed"), v("pole.realistic"))
        quadrant = widgets.HTML(_quadrant_badge(activity), layout=widgets.Layout(width="90px"))
        delete = widgets.Button(icon="trash", tooltip=v("editor.delete"), layout=widgets.Layout(width="44px"))
        row = widgets.HBox([name, environment, hours, form, context, quadrant, delete])
        row.add_class("hlo-activity-row")
        row.add_class(f"hlo-activity-{activity.id}")

        def on_change(field: str, widget: widgets.ValueWidget) -> Callable[[dict[str, Any]], None]:
            def handler(change: dict[str, Any]) -> None:
                if not self.update(activity.id, **{field: change["new"]}):
                    widget.value = change["old"]
                quadrant.value = _quadrant_badge(self.activities[self._index(activity.id)])

            return handler

        for field, widget in (("name", name), ("environment", environment), ("hours_per_week", hours),
                              ("form", form), ("context", context)):  # fmt: skip
            widget.observe(on_change(field, widget), names="value")
        delete.on_click(lambda _: self.delete(activity.id))
        return row


def axis_slider(value: float, low: str, high: str) -> widgets.FloatSlider:
    slider = widgets.FloatSlider(
        value=value, min=-1, max=1, step=SLIDER_STEP, continuous_update=False, readout_format=".2f",
        description="", tooltip=f"-1 = {low}, 1 = {high}", layout=widgets.Layout(width="240px"),
    )  # fmt: skip
    slider.add_class("hlo-axis-slider")
    return slider


def _quadrant_badge(activity: Activity) -> str:
    quadrant = activity.quadrant
    return f"<b>{quadrant.number}</b>" if quadrant else "—"
