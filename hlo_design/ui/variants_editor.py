"""Sliding on the axes (*schuiven op de assen*): move activities, see the shift, save it as a variant.

The group picks a base — the current situation or a saved variant — and
slides activities with a pair of sliders per activity (learning form and
learning context) and, if they like, changes the hours. The shift map draws
an arrow from each old place to the new one; the bars show hours per
quadrant and the shares per side of the axes before and after. "Opslaan als
nieuwe variant" saves the working moves as a *new* :class:`DesignVariant`
under a fresh id, merged into the case file under the lock, so it never
overwrites a variant someone else saved.

A slider move must feel instant on a projector, also with hundreds of
activities: it changes one point of the map, the arrows and the hover of
that activity, and the two "after" bar traces — nothing is rebuilt. Only a
change of base, a save, or the first/last move (when the "before" trace
appears or goes) redraws the figures from :mod:`hlo_design.render.figures.variants`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
from markupsafe import Markup
from pydantic import ValidationError

from hlo_design.analysis.quadrant_summary import QuadrantSummary, summarise
from hlo_design.analysis.variants import SIDES
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import update_case
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.design_plan import ActivityMove, DesignPlan, DesignVariant
from hlo_design.render.figures.quadrant_map import activity_hover, marker_size
from hlo_design.render.figures.theme import safe
from hlo_design.render.figures.variants import MOVE_COLOUR, QUADRANTS, shift_bars, shift_map, variant_comparison
from hlo_design.render.map_legend import map_legend_html
from hlo_design.ui.activity_editor import SLIDER_WIDTH, axis_slider
from hlo_design.ui.controls import Status, auto_width, fresh_id, validation_message
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["CURRENT", "VariantEditor", "save_variant"]

CURRENT = "current"
"""The base dropdown's value for the case as saved (no variant)."""


def save_variant(path: Path, variant: DesignVariant) -> tuple[Case, DesignVariant]:
    """Add ``variant`` to the case file; if its id is taken on disk it gets a fresh one. Never overwrites."""
    saved: list[DesignVariant] = []

    def change(case: Case) -> Case:
        plan = case.design or DesignPlan()
        taken = [v.id for v in plan.variants]
        new = variant if variant.id not in taken else variant.model_copy(update={"id": fresh_id("variant", taken)})
        saved.append(new)
        return case.model_copy(update={"design": plan.model_copy(update={"variants": [*plan.variants, new]})})

    case = update_case(path, change)
    return case, saved[0]


def _is_move_arrow(annotation: Any) -> bool:
    return bool(annotation.showarrow) and annotation.axref == "x" and annotation.arrowcolor == MOVE_COLOUR


class VariantEditor:
    """Base picker, slider rows per activity, live shift map and bars, save as new variant, comparison."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        v = vocabulary
        self.case = case
        self.vocabulary = vocabulary
        self.path = path
        self.status = Status()
        self.moves: dict[str, ActivityMove] = {}
        self._by_id = {a.id: a for a in case.activities}
        self._order = {a.id: i for i, a in enumerate(case.activities)}
        self._environment_names = {e.id: e.name for e in case.environments}
        self.after: list[Activity] = list(case.activities)
        self._before_summary = summarise(case.id, case.activities)
        self._syncing = False
        self.base = widgets.Dropdown(
            options=self._base_options(), value=CURRENT, description=v("design_phase.variant_base"),
            style={"description_width": "initial"}, layout=shared_layout(width="520px"),
        )  # fmt: skip
        self.base.observe(self._on_base, "value")
        self.name = widgets.Text(
            value=v("design_phase.variant_default_name"), description=v("design_phase.variant_name"),
            style={"description_width": "initial"}, layout=shared_layout(width="520px"),
        )  # fmt: skip
        self.name.add_class("hlo-variant-name")
        self.save_button = widgets.Button(
            description=v("design_phase.save_variant"), icon="save", button_style="primary",
            disabled=path is None, layout=auto_width(),
        )  # fmt: skip
        self.save_button.add_class("hlo-save-variant")
        self.save_button.on_click(lambda _: self.save())
        variant = self.working_variant()
        self.map = LiveFigure(shift_map(case, variant, v), "hlo-variant-map")
        self.legend = widgets.HTML(str(map_legend_html(case, v, self.after)))
        self.bars = LiveFigure(shift_bars(case, variant, v), "hlo-variant-bars")
        self.comparison = LiveFigure(variant_comparison(case, v), "hlo-variant-comparison")
        self._index_map()
        self.sliders: dict[str, tuple[widgets.FloatSlider, widgets.FloatSlider, widgets.BoundedFloatText]] = {}
        self.rows = widgets.VBox([self._header()] + [self._row(a) for a in case.activities])
        table = widgets.VBox([self.rows], layout=shared_layout(max_height="520px", overflow="auto"))
        self.widget = widgets.VBox(
            [
                self.base,
                table,
                self.status.widget,
                self.map.widget,
                self.legend,
                self.bars.widget,
                widgets.HBox([self.name, self.save_button]),
                self.comparison.widget,
            ]
        )
        self.widget.add_class("hlo-variant-editor")

    # ------------------------------------------------------------ the API the controls call

    def working_variant(self) -> DesignVariant:
        """The moves on screen as an (unsaved) variant."""
        name = self.name.value.strip()
        return DesignVariant(
            id="werkversie", name=name or self.vocabulary("design_phase.variant_default_name"),
            created=dt.date.today(), moves=[self.moves[a.id] for a in self.case.activities if a.id in self.moves],
        )  # fmt: skip

    def move(
        self, activity_id: str, form: float | None = None, context: float | None = None, hours: float | None = None
    ) -> bool:
        """Slide one activity (and/or change its hours); refused values leave everything as it was."""
        original = self._by_id.get(activity_id)
        if original is None:
            self.status.error(self.vocabulary("design_phase.unknown_activity", activity=activity_id))
            return False
        current = self.after[self._order[activity_id]]
        position = {
            "form": current.position.form if form is None else form,
            "context": current.position.context if context is None else context,
        }
        new_hours = current.hours_per_week if hours is None else hours
        try:
            move = ActivityMove.model_validate(
                {
                    "activity": activity_id,
                    "position": position,
                    "hours_per_week": None if new_hours == original.hours_per_week else new_hours,
                }
            )
        except ValidationError as error:
            self.status.error(validation_message(error))
            return False
        had_arrows = self._moved_count() > 0
        if move.position == original.position and move.hours_per_week is None:
            self.moves.pop(activity_id, None)
        else:
            self.moves[activity_id] = move
        update: dict[str, object] = {"position": move.position, "hours_per_week": new_hours}
        self.after[self._order[activity_id]] = original.model_copy(update=update)
        self.status.widget.value = ""
        if hours is not None:
            self.legend.value = str(map_legend_html(self.case, self.vocabulary, self.after))
        if had_arrows != (self._moved_count() > 0) or self._hours_range_changed():
            self.redraw()  # the "before" trace or the marker scale appears or goes: rebuild once
        else:
            self._update_map(activity_id)
            self._update_bars()
        return True

    def choose_base(self, base_id: str) -> bool:
        """Start from the current situation or from a saved variant (unknown ids are refused)."""
        plan = self.case.design or DesignPlan()
        if base_id != CURRENT and base_id not in {v.id for v in plan.variants}:
            self.status.error(self.vocabulary("design_phase.unknown_variant", variant=base_id))
            return False
        moves = [] if base_id == CURRENT else plan.variant(base_id).moves
        self.moves = {m.activity: m for m in moves}
        self.after = list(self.case.activities)
        for m in moves:
            original = self._by_id[m.activity]
            hours = original.hours_per_week if m.hours_per_week is None else m.hours_per_week
            self.after[self._order[m.activity]] = original.model_copy(
                update={"position": m.position, "hours_per_week": hours}
            )
        if base_id != CURRENT:
            self.name.value = self.vocabulary("design_phase.variant_copy_name", name=plan.variant(base_id).name)
        self._sync_rows()
        self.redraw()
        return True

    def save(self) -> DesignVariant | None:
        """Save the working moves as a new variant; reports success or the reason it failed."""
        v = self.vocabulary
        if self.path is None:
            return None
        plan = self.case.design or DesignPlan()
        try:
            variant = DesignVariant.model_validate(
                {
                    **self.working_variant().model_dump(),
                    "id": fresh_id("variant", [x.id for x in plan.variants]),
                    "name": self.name.value.strip(),
                }
            )
        except ValidationError as error:
            self.status.error(validation_message(error))
            return None
        try:
            self.case, variant = save_variant(self.path, variant)
        except WorkbookError as error:
            self.status.error(str(error))
            return None
        self._syncing = True
        self.base.options = self._base_options()
        self.base.value = variant.id
        self._syncing = False
        self.comparison.update(variant_comparison(self.case, v))
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        self.status.ok(v("design_phase.variant_saved", name=variant.name, time=stamp, backup=self.path.name + ".bak"))
        return variant

    def redraw(self) -> None:
        """Rebuild the shift map and bars from the working variant."""
        variant = self.working_variant()
        self.map.update(shift_map(self.case, variant, self.vocabulary))
        self.bars.update(shift_bars(self.case, variant, self.vocabulary))
        self.legend.value = str(map_legend_html(self.case, self.vocabulary, self.after))
        self._index_map()

    def _on_base(self, change: dict[str, Any]) -> None:
        if not self._syncing and not self.choose_base(change["new"]):
            self._syncing = True
            self.base.value = change["old"]
            self._syncing = False

    # ------------------------------------------------------------ fast path

    def _moved_count(self) -> int:
        return sum(1 for a in self.after if a.position != self._by_id[a.id].position)

    def _hours_range_changed(self) -> bool:
        largest = max((a.hours_per_week for a in self.after), default=0.0)
        return largest != self._largest_hours

    def _index_map(self) -> None:
        """Where each activity sits in the map's traces, and which annotations are not move arrows."""
        self._points: dict[str, tuple[int, int]] = {}
        self._before_trace: int | None = None
        before_name = self.vocabulary("variant.before_legend")
        for t_index, trace in enumerate(self.map.figure.data):
            if trace.name == before_name and trace.customdata is None:
                self._before_trace = t_index
            elif trace.customdata is not None:
                for p_index, activity_id in enumerate(trace.customdata):
                    if activity_id in self._by_id:
                        self._points[activity_id] = (t_index, p_index)
        self._static_annotations = [a for a in self.map.figure.layout.annotations if not _is_move_arrow(a)]
        self._largest_hours = max((a.hours_per_week for a in self.after), default=0.0)

    def _update_map(self, activity_id: str) -> None:
        activity = self.after[self._order[activity_id]]
        pairs = [(self._by_id[a.id], a) for a in self.after if a.position != self._by_id[a.id].position]
        with self.map.figure.batch_update():
            if activity_id in self._points:
                t_index, p_index = self._points[activity_id]
                trace = self.map.figure.data[t_index]
                x, y, hover = list(trace.x), list(trace.y), list(trace.hovertext)
                x[p_index], y[p_index] = activity.position.context, activity.position.form
                environment = self._environment_names.get(activity.environment, activity.environment)
                hover[p_index] = f"{self._order[activity_id] + 1}. " + activity_hover(
                    activity, environment, self.vocabulary
                )
                sizes = list(trace.marker.size)
                sizes[p_index] = marker_size(activity.hours_per_week, self._largest_hours)
                trace.update(x=x, y=y, hovertext=hover, marker={"size": sizes})
            if self._before_trace is not None:
                self.map.figure.data[self._before_trace].update(
                    x=[b.position.context for b, _ in pairs],
                    y=[b.position.form for b, _ in pairs],
                    hovertext=[safe(b.name) for b, _ in pairs],
                )
            self.map.figure.layout.annotations = self._static_annotations + [self._arrow(b, a) for b, a in pairs]
        self.map.update(self.map.figure)

    def _arrow(self, before: Activity, moved: Activity) -> go.layout.Annotation:
        """An arrow from the old to the new place, styled like :func:`hlo_design.render.figures.variants.shift_map`."""
        return go.layout.Annotation(
            x=moved.position.context, y=moved.position.form, ax=before.position.context, ay=before.position.form,
            xref="x", yref="y", axref="x", ayref="y", text="", showarrow=True, arrowhead=3, arrowsize=1.4,
            arrowwidth=3.5, arrowcolor=MOVE_COLOUR, standoff=14, startstandoff=11,
            hovertext=self.vocabulary(
                "variant.move_hover", name=safe(moved.name), before_hours=f"{before.hours_per_week:g}",
                after_hours=f"{moved.hours_per_week:g}",
            ),
        )  # fmt: skip

    def _update_bars(self) -> None:
        before, after = self._before_summary, summarise(self.case.id, self.after)
        hours_before = [before.hours_by_quadrant[q] for q in QUADRANTS]
        hours_after = [after.hours_by_quadrant[q] for q in QUADRANTS]
        sides_after = [_side(after, side) for side in SIDES]
        top = max([*hours_before, *hours_after, 1.0]) * 1.3
        with self.bars.figure.batch_update():
            self.bars.figure.data[1].update(
                y=hours_after,
                text=[
                    f"{self.vocabulary.number(h, 2)}<br><b>{self.vocabulary.signed(h - b)}</b>"
                    for h, b in zip(hours_after, hours_before, strict=True)
                ],
            )
            self.bars.figure.data[3].update(y=sides_after, text=[self.vocabulary.percent(s) for s in sides_after])
            self.bars.figure.layout.yaxis.range = [0, top]
        self.bars.update(self.bars.figure)

    # ------------------------------------------------------------ rows

    def _base_options(self) -> list[tuple[str, str]]:
        plan = self.case.design or DesignPlan()
        return [(self.vocabulary("variant.current"), CURRENT)] + [(v.name, v.id) for v in plan.variants]

    def _header(self) -> widgets.HBox:
        v = self.vocabulary
        slider = f"calc({SLIDER_WIDTH} + 10px)"  # the sliders' own width, in em, and their margin
        labels = [(v("editor.name"), "300px"), (f"{v('axis.form')} (−1 … 1)", slider),
                  (f"{v('axis.context')} (−1 … 1)", slider), (v("editor.hours"), "100px")]  # fmt: skip
        return widgets.HBox(
            [widgets.HTML(Markup("<b>{}</b>").format(t), layout=shared_layout(width=w)) for t, w in labels]
        )

    def _row(self, activity: Activity) -> widgets.HBox:
        v = self.vocabulary
        environment = self._environment_names.get(activity.environment, activity.environment)
        # the whole name, wrapped (a name cut off is a name the room cannot read); the environment in the tooltip
        label = widgets.HTML(
            Markup(
                "<span class='hlo-variant-activity' title='{} · {}' style='display:block;white-space:normal;"
                "line-height:1.25;overflow-wrap:anywhere'>{}</span>"
            ).format(activity.name, environment, activity.name),
            layout=shared_layout(width="300px"),
        )
        label.add_class("hlo-wrapped-name")
        form = axis_slider(activity.position.form, v("pole.acquisition"), v("pole.participation"))
        context = axis_slider(activity.position.context, v("pole.constructed"), v("pole.realistic"))
        hours = widgets.BoundedFloatText(
            value=activity.hours_per_week, min=0, max=80, step=0.5, layout=shared_layout(width="100px")
        )
        self.sliders[activity.id] = (form, context, hours)

        def handler(field: str, control: widgets.ValueWidget) -> Callable[[dict[str, Any]], None]:
            def on_change(change: dict[str, Any]) -> None:
                if self._syncing:
                    return
                if not self.move(activity.id, **{field: change["new"]}):
                    self._syncing = True
                    control.value = change["old"]
                    self._syncing = False

            return on_change

        form.observe(handler("form", form), "value")
        context.observe(handler("context", context), "value")
        hours.observe(handler("hours", hours), "value")
        row = widgets.HBox([label, form, context, hours])
        row.add_class("hlo-variant-row")
        row.add_class(f"hlo-variant-{activity.id}")
        return row

    def _sync_rows(self) -> None:
        """Put the sliders where the working activities are, without firing moves."""
        self._syncing = True
        try:
            for activity in self.after:
                form, context, hours = self.sliders[activity.id]
                form.value, context.value, hours.value = (
                    activity.position.form, activity.position.context, activity.hours_per_week,
                )  # fmt: skip
        finally:
            self._syncing = False


def _side(summary: QuadrantSummary, side: str) -> float:
    return float(getattr(summary, f"{side}_share"))
