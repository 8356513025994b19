"""The inventory of learning activities: an editable table that moves markers on the map.

A group slides an activity along the axes (*schuiven op de assen*) and sees
at once where it lands, how the hours per quadrant shift and how the
environments compare. Nothing is written to the case file until the group
presses save; then the edit is merged by id, so a colleague's save in another
browser tab is not lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from markupsafe import Markup

from hlo_design.analysis.design_coverage import activities_in_use
from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_list
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.quadrants import Position
from hlo_design.render.figures import summary_bars
from hlo_design.render.figures.environments import environment_comparison
from hlo_design.ui.controls import auto_width, small_button
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.live_quadrant_map import LiveQuadrantMap
from hlo_design.ui.shared_models import shared_layout

__all__ = ["SLIDER_WIDTH", "ActivityEditor", "axis_slider"]

SLIDER_STEP = 0.05
SLIDER_WIDTH = "18.5em"
"""In ``em``, like the other columns: with projector mode's bigger text the readout must not run into the next column."""
HOURS_WIDTH = "6em"
NAME_CAP = 40
"""The widest name column, in characters; longer names scroll inside their field (the legend shows them whole)."""

AXES = ("form", "context")
"""The changes :meth:`ActivityEditor.update` applies to the position rather than the activity itself."""


class ActivityEditor(ListEditor[Activity]):
    """Rows of activity controls, the live quadrant map, the summary and the environment comparison."""

    id_prefix = "activiteit"
    part_name = "activities"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        self.map = LiveQuadrantMap(case, vocabulary, self.items, "hlo-inventory-map")
        self.followers: list[Callable[[Sequence[Activity]], None]] = []
        """Called with the working activities after every redraw: other maps of the page (the findings') follow."""
        self.summary = LiveFigure(self._summary_figure())
        self.comparison = LiveFigure(environment_comparison(case, vocabulary, activities=self.items))
        add = widgets.Button(description=vocabulary("editor.add_activity"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add())
        self._render_rows()
        self.table = widgets.VBox([self._header(), self.rows, add], layout=shared_layout(overflow="auto"))
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
        self.widget.add_class("hlo-activity-editor")

    @property
    def activities(self) -> list[Activity]:
        """The working activities."""
        return self.items

    # ------------------------------------------------------------ the API the controls call

    def move(self, activity_id: str, form: float, context: float) -> bool:
        """Slide an activity to a new position."""
        return self.update(activity_id, form=form, context=context)

    def add(self) -> Activity:
        """A new activity in quadrant 1 of the first environment, for the group to place."""
        return self.append(
            Activity(
                id=self.new_id(), name=self.vocabulary("editor.new_activity"),
                environment=self.case.environments[0].id, position=Position(form=-0.5, context=-0.5),
                hours_per_week=1,
            )
        )  # fmt: skip

    def lead(self, follower: Callable[[Sequence[Activity]], None]) -> None:
        """Hand ``follower`` the working activities now and after every change, as the group slides them."""
        self.followers.append(follower)
        follower(self.items)

    def redraw(self) -> None:
        """Bring map, summary and comparison in line with the working activities."""
        self.map.draw(self.case, self.vocabulary, self.items)
        self.summary.update(self._summary_figure())
        self.comparison.update(environment_comparison(self.case, self.vocabulary, activities=self.items))
        for follower in self.followers:
            follower(self.items)

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[Activity]:
        return case.activities

    def _write(self, path: Path, edit: ListEdit[Activity]) -> SaveResult:
        return save_list(path, "activities", edit)

    def _changed_data(self, item: Activity, changes: dict[str, Any]) -> dict[str, Any]:
        """Sliders change ``form`` and ``context``, which live in the activity's position."""
        data = item.model_dump()
        position = data.pop("position")
        moved = {key: value for key, value in changes.items() if key in AXES}
        other = {key: value for key, value in changes.items() if key not in AXES}
        return {**data, **other, "position": {**position, **moved}}

    def _problem(self, item: Activity) -> str:
        if item.environment not in {e.id for e in self.case.environments}:
            return self.vocabulary("editor.unknown_environment", environment=item.environment)
        return ""

    def _delete_problem(self, item_id: str) -> str:
        """The design phase may still refer to the activity (a variant, the journey)."""
        if self.case.design is not None and item_id in activities_in_use(self.case.design):
            return self.vocabulary("editor.activity_in_use")
        return ""

    def _changed(self) -> None:
        self.redraw()

    def _summary_figure(self) -> go.Figure:
        return summary_bars(summarise(self.case.id, self.items), self.vocabulary)

    def _header(self) -> widgets.HBox:
        v = self.vocabulary
        name, environment = self._text_widths()
        labels = [
            (v("editor.name"), name), (v("editor.environment"), environment), (v("editor.hours"), HOURS_WIDTH),
            (v("editor.form_slider"), SLIDER_WIDTH), (v("editor.context_slider"), SLIDER_WIDTH),
            (v("editor.quadrant"), HOURS_WIDTH),
        ]  # fmt: skip
        return widgets.HBox(
            [widgets.HTML(Markup("<b>{}</b>").format(t), layout=shared_layout(width=w)) for t, w in labels]
        )

    def _render_rows(self) -> None:
        self.rows.children = [self._row(activity) for activity in self.activities]

    def _text_widths(self) -> tuple[str, str]:
        """Widths of the name and environment columns: the longest name, in ``ch`` (so they grow with the text).

        Fixed pixel widths cut names off, the more so in projector mode where
        the text is half as big again; a very long name stays capped, so a row still fits a projector.
        """
        names = max((len(a.name) for a in self.items), default=0)
        environments = max((len(e.name) for e in self.case.environments), default=0)
        return f"{min(max(names, 16), NAME_CAP) + 3}ch", f"{min(max(environments, 12), NAME_CAP) + 5}ch"

    def _row(self, activity: Activity) -> widgets.HBox:
        v = self.vocabulary
        name_width, environment_width = self._text_widths()
        name = widgets.Text(value=activity.name, continuous_update=False, layout=shared_layout(width=name_width))
        environment = widgets.Dropdown(
            options=[(e.name, e.id) for e in self.case.environments], value=activity.environment,
            layout=shared_layout(width=environment_width),
        )  # fmt: skip
        hours = widgets.BoundedFloatText(
            value=activity.hours_per_week, min=0, max=80, step=0.5, layout=shared_layout(width=HOURS_WIDTH)
        )
        form = axis_slider(activity.position.form, v("pole.acquisition"), v("pole.participation"))
        context = axis_slider(activity.position.context, v("pole.constructed"), v("pole.realistic"))
        quadrant = widgets.HTML(_quadrant_badge(activity), layout=shared_layout(width=HOURS_WIDTH))
        delete = small_button("trash", v("editor.delete"))
        row = widgets.HBox([name, environment, hours, form, context, quadrant, delete])
        row.add_class("hlo-activity-row")
        row.add_class(f"hlo-activity-{activity.id}")

        def apply(field: str) -> Callable[[Any], bool]:
            def on_change(value: Any) -> bool:
                applied = self.update(activity.id, **{field: value})
                quadrant.value = _quadrant_badge(self.items[self._index(activity.id)])
                return applied

            return on_change

        for field, widget in (("name", name), ("environment", environment), ("hours_per_week", hours),
                              ("form", form), ("context", context)):  # fmt: skip
            bind(widget, apply(field))
        delete.on_click(lambda _: self.delete(activity.id))
        return row


def axis_slider(value: float, low: str, high: str) -> widgets.FloatSlider:
    """A slider over one axis of the quadrant model, from -1 to 1, with the poles in its tooltip."""
    slider = widgets.FloatSlider(
        value=value, min=-1, max=1, step=SLIDER_STEP, continuous_update=False, readout_format=".2f",
        description="", tooltip=f"-1 = {low}, 1 = {high}", layout=shared_layout(width=SLIDER_WIDTH),
    )  # fmt: skip
    slider.add_class("hlo-axis-slider")
    return slider


def _quadrant_badge(activity: Activity) -> str:
    quadrant = activity.quadrant
    return f"<b>{quadrant.number}</b>" if quadrant else "—"
