"""The student journey, laid out by the group in the dashboard: steps per goal over the four quadrants.

The steps are shown goal by goal (a dropdown picks the goal; a projector
shows a few rows, not the whole route). Each step is a row: the learning goal it serves (one of the focus's goals),
the quadrant it lands in (1–4), what the learners do, and optionally the
activity of the case it is. The route over the quadrant map and the coverage
matrix are redrawn at every change, so the room sees a gap close before it
saves. The order of a goal's rows is the order of its route, so rows move up
and down. Steps are a list like any other
(:class:`~hlo_design.ui.list_editor.ListEditor`): a save merges them by id with
what colleagues saved meanwhile (:func:`~hlo_design.casefile.saving.save_design`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_design
from hlo_design.model.case import Case
from hlo_design.model.design_plan import STEP_ID_PREFIX, DesignPlan, JourneyStep
from hlo_design.render.figures.journey import coverage_heatmap, journey_map
from hlo_design.ui.controls import auto_width, short_label, small_button, text_control
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["NO_ACTIVITY", "JourneyEditor"]

GOAL_LABEL_CHARS = 60
"""A goal's text in a dropdown is cut here: goals are sentences, the dropdown has room for a few words."""

NO_ACTIVITY = ""
"""The activity dropdown's value for a step that is no activity of the case (yet)."""

QUADRANTS = (1, 2, 3, 4)


class JourneyEditor(ListEditor[JourneyStep]):
    """Rows of steps (goal, quadrant, text, activity), the live route and coverage, and a save bar."""

    id_prefix = STEP_ID_PREFIX
    part_name = "design.journey"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        v = vocabulary
        self.route = LiveFigure(journey_map(self._working_case(), v), "hlo-journey-map")
        self.coverage = LiveFigure(coverage_heatmap(self._working_plan(), v), "hlo-journey-coverage")
        add = widgets.Button(description=v("design_phase.journey.add_step"), icon="plus", layout=auto_width())
        add.add_class("hlo-add-step")
        add.on_click(lambda _: self.add())
        add.disabled = not (self.case.design or DesignPlan()).goals
        hint = widgets.HTML(Markup("<i>{}</i>").format(v("design_phase.journey.no_goals")) if add.disabled else "")
        self.goal_picker = widgets.Dropdown(
            description=v("design_phase.journey.pick_goal"), style={"description_width": "initial"},
            options=[(short_label(t, GOAL_LABEL_CHARS), g) for t, g in self._goals()],
            layout=shared_layout(width="620px"),
        )  # fmt: skip
        self.goal_picker.add_class("hlo-journey-goal")
        self.goal_picker.observe(lambda _: self._render_rows(), "value")
        self._render_rows()
        self.widget = widgets.VBox(
            [self.route.widget, self.coverage.widget, self.goal_picker, self.rows, widgets.HBox([add, hint]),
             self.status.widget, self.save_bar.widget]
        )  # fmt: skip
        self.widget.add_class("hlo-journey-editor")

    # ------------------------------------------------------------ the API the controls call

    def add(self, goal: str | None = None) -> JourneyStep | None:
        """A new step for ``goal`` (else the goal shown) in quadrant 1, as that goal's last step."""
        goals = (self.case.design or DesignPlan()).goals
        if not goals:
            self.status.error(self.vocabulary("design_phase.journey.no_goals"))
            return None
        chosen = goal or self.goal_picker.value or goals[0].id
        step = JourneyStep(
            id=self.new_id(), goal=chosen, quadrant=1, text=self.vocabulary("design_phase.journey.new_step")
        )
        return self.append(step)

    def reorder(self, item_id: str, offset: int) -> bool:
        """Move a step before or after its goal's neighbouring step: the route runs goal by goal."""
        here = self._index(item_id)
        same = [i for i, s in enumerate(self.items) if s.goal == self.items[here].goal]
        there = same.index(here) + offset
        if not 0 <= there < len(same):
            return False
        other = same[there]
        self.items[here], self.items[other] = self.items[other], self.items[here]
        self._render_rows()
        self._edited()
        return True

    # ------------------------------------------------------------ internals

    def _render_rows(self) -> None:
        """The steps of the goal shown: a projector shows a few rows, not the whole route's."""
        self.rows.children = [self._row(step) for step in self.items if step.goal == self.goal_picker.value]

    def _moved(self, step_id: str, goal: str) -> bool:
        """A step given to another goal leaves the rows shown (it is in that goal's rows now)."""
        if not self.update(step_id, goal=goal):
            return False
        self._render_rows()
        return True

    def _items_of(self, case: Case) -> Sequence[JourneyStep]:
        return (case.design or DesignPlan()).journey

    def _write(self, path: Path, edit: ListEdit[JourneyStep]) -> SaveResult:
        return save_design(path, {"journey": edit})

    def _goals(self) -> list[tuple[str, str]]:
        """The focus's goals (text, id), and any goal steps in the file name that the focus lacks."""
        goals = [(goal.text, goal.id) for goal in (self.case.design or DesignPlan()).goals]
        known = {goal_id for _, goal_id in goals}
        return goals + [(g, g) for g in dict.fromkeys(s.goal for s in self.items if s.goal not in known)]

    def _problem(self, item: JourneyStep) -> str:
        v = self.vocabulary
        if item.goal not in {goal.id for goal in (self.case.design or DesignPlan()).goals}:
            return v("design_phase.journey.unknown_goal", goal=item.goal)
        if item.activity is not None and item.activity not in {a.id for a in self.case.activities}:
            return v("design_phase.journey.unknown_activity", activity=item.activity)
        return ""

    def _working_plan(self) -> DesignPlan:
        return (self.case.design or DesignPlan()).model_copy(update={"journey": list(self.items)})

    def _working_case(self) -> Case:
        return self.case.model_copy(update={"design": self._working_plan()})

    def _changed(self) -> None:
        """The route and the coverage follow every change, before anything is saved."""
        self.route.update(journey_map(self._working_case(), self.vocabulary))
        self.coverage.update(coverage_heatmap(self._working_plan(), self.vocabulary))

    def _row(self, step: JourneyStep) -> widgets.Widget:
        v = self.vocabulary
        goal = widgets.Dropdown(options=[(short_label(t, GOAL_LABEL_CHARS), g) for t, g in self._goals()], value=step.goal,
                                layout=shared_layout(width="300px"))  # fmt: skip
        goal.add_class("hlo-step-goal")
        quadrant = widgets.ToggleButtons(options=[(str(q), q) for q in QUADRANTS], value=step.quadrant,
                                         tooltips=[v("design_phase.journey.quadrant", number=q) for q in QUADRANTS],
                                         style={"button_width": "34px"})  # fmt: skip
        quadrant.add_class("hlo-step-quadrant")
        text = text_control(step.text, "360px")
        text.add_class("hlo-step-text")
        activities = [(v("design_phase.journey.no_activity"), NO_ACTIVITY)] + [
            (a.name, a.id) for a in self.case.activities
        ]
        if step.activity is not None and step.activity not in {a.id for a in self.case.activities}:
            activities.append((step.activity, step.activity))
        activity = widgets.Dropdown(options=activities, value=step.activity or NO_ACTIVITY,
                                    layout=shared_layout(width="260px"))  # fmt: skip
        activity.add_class("hlo-step-activity")
        bind(goal, lambda value: self._moved(step.id, value))
        bind(quadrant, self.setter(step.id, "quadrant"))
        bind(text, self.setter(step.id, "text"))
        bind(activity, lambda value: self.update(step.id, activity=value or None))
        up, down, delete = (small_button("arrow-up", v("editor.move_up")), small_button("arrow-down", v("editor.move_down")),
                            small_button("trash", v("editor.delete")))  # fmt: skip
        up.on_click(lambda _: self.reorder(step.id, -1))
        down.on_click(lambda _: self.reorder(step.id, 1))
        delete.on_click(lambda _: self.delete(step.id))
        row = widgets.HBox([goal, quadrant, text, activity, up, down, delete])
        row.add_class("hlo-step-row")
        return row
