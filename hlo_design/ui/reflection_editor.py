"""The reflectieweb filled in live: criteria, three raters' scores, the radar and the action points.

Learner, teacher and mentor sit together after an interaction; each click on a
score goes through :class:`~hlo_design.model.reflection.ReflectionWeb` validation
(reverted with a message when refused), the radar redraws, and the list of
largest disagreements tells the group what to talk about first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import ValidationError

from hlo_design.analysis.reflection_scores import disagreements
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.reflection import Criterion, Rater, ReflectionWeb
from hlo_design.render.figures.reflection import radar
from hlo_design.ui.controls import Status, auto_width, fresh_id, validation_message
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["NOT_RATED", "ReflectionWebEditor"]

NOT_RATED = 0
"""The control value for "this rater did not score this criterion"."""


class ReflectionWebEditor:
    """Rows of criteria with a score control per rater, a live radar, the disagreements and the action points."""

    def __init__(
        self,
        web: ReflectionWeb,
        vocabulary: Vocabulary,
        on_change: Callable[[ReflectionWeb], None] | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.on_change = on_change
        self._web = web
        self.status = Status()
        self.controls: dict[tuple[str, Rater], widgets.ToggleButtons] = {}
        self.radar = LiveFigure(radar(web, vocabulary))
        self.rows = widgets.VBox()
        self.disagreement_list = widgets.HTML()
        self.new_criterion = widgets.Text(
            placeholder=vocabulary("reflection.new_criterion_placeholder"),
            description=vocabulary("reflection.new_criterion"),
            style={"description_width": "initial"},
            layout=shared_layout(width="480px"),
        )
        add = widgets.Button(description=vocabulary("reflection.add_criterion"), icon="plus", layout=auto_width())
        add.on_click(lambda _: self.add_criterion(self.new_criterion.value))
        self.action_points = widgets.Textarea(
            value="\n".join(web.action_points),
            description=vocabulary("reflection.action_points"),
            continuous_update=False,
            style={"description_width": "initial"},
            layout=shared_layout(width="640px", height="110px"),
        )
        self.action_points.observe(self._on_action_points, "value")
        self._render_rows()
        self._render_disagreements()
        self.widget = widgets.VBox(
            [
                widgets.HTML(Markup("<b>{}</b>").format(vocabulary("reflection.scale", text=str(web.scale_max)))),
                self.rows,
                widgets.HBox([self.new_criterion, add]),
                self.status.widget,
                self.radar.widget,
                self.disagreement_list,
                self.action_points,
            ]
        )
        self.widget.add_class("hlo-reflection-web")

    @property
    def web(self) -> ReflectionWeb:
        """The current web; always valid, since every change was validated before it was applied."""
        return self._web

    # ------------------------------------------------------------ the API the controls call

    def rate(self, criterion_id: str, rater: Rater, score: int | None) -> bool:
        """Set (or with ``None``/0 clear) one rater's score for one criterion."""
        ratings = [r.model_dump() for r in self._web.ratings if not (r.criterion == criterion_id and r.rater is rater)]
        if score not in (None, NOT_RATED):
            ratings.append({"criterion": criterion_id, "rater": rater, "score": score})
        return self._apply(ratings=ratings)

    def add_criterion(self, text: str) -> Criterion | None:
        """Add a criterion in the learners' words; an empty text is refused with a message."""
        criterion_id = fresh_id("criterium", [c.id for c in self._web.criteria])
        criteria = [c.model_dump() for c in self._web.criteria] + [{"id": criterion_id, "text": text.strip()}]
        if not self._apply(criteria=criteria):
            return None
        self.new_criterion.value = ""
        self._render_rows()
        self.status.ok(self.vocabulary("reflection.criterion_added", text=text.strip()))
        return self._web.criteria[-1]

    def set_action_points(self, text: str) -> bool:
        """Replace the action points by the non-empty lines of ``text``."""
        points = [line.strip() for line in text.splitlines() if line.strip()]
        return self._apply(action_points=points)

    # ------------------------------------------------------------ internals

    def _apply(self, **changes: Any) -> bool:
        data = self._web.model_dump()
        data.update(changes)
        try:
            updated = ReflectionWeb.model_validate(data)
        except ValidationError as error:
            self.status.error(validation_message(error))
            return False
        self._web = updated
        self.status.widget.value = ""
        self.radar.update(radar(updated, self.vocabulary))
        self._render_disagreements()
        if self.on_change is not None:
            self.on_change(updated)
        return True

    def _on_action_points(self, change: dict[str, Any]) -> None:
        if not self.set_action_points(change["new"]):
            self.action_points.value = change["old"]

    def _render_rows(self) -> None:
        v = self.vocabulary
        if not self._web.criteria:
            self.rows.children = [widgets.HTML(Markup("<i>{}</i>").format(v("reflection.no_criteria")))]
            return
        header = widgets.HBox(
            [widgets.HTML(Markup("<b>{}</b>").format(v("reflection.criterion")), layout=shared_layout(width="340px"))]
            + [
                widgets.HTML(Markup("<b>{}</b>").format(v.label(rater)), layout=shared_layout(width="300px"))
                for rater in Rater
            ]
        )
        self.rows.children = [header] + [
            self._row(number, criterion) for number, criterion in enumerate(self._web.criteria, start=1)
        ]

    def _row(self, number: int, criterion: Criterion) -> widgets.HBox:
        text = widgets.HTML(
            Markup("<span class='hlo-criterion-text'>{}. {}</span>").format(number, criterion.text),
            layout=shared_layout(width="340px"),
        )
        controls: list[widgets.Widget] = [text]
        for rater in Rater:
            control = self._control(criterion, rater)
            self.controls[(criterion.id, rater)] = control
            controls.append(control)
        row = widgets.HBox(controls)
        row.add_class("hlo-criterion-row")
        return row

    def _control(self, criterion: Criterion, rater: Rater) -> widgets.ToggleButtons:
        v = self.vocabulary
        options = [(v("reflection.not_rated"), NOT_RATED)] + [
            (str(score), score) for score in range(1, self._web.scale_max + 1)
        ]
        score = self._web.score(criterion.id, rater)
        control = widgets.ToggleButtons(
            options=options,
            value=NOT_RATED if score is None else score,
            tooltips=[v("reflection.not_rated_tooltip")] + [str(s) for s in range(1, self._web.scale_max + 1)],
            style={"button_width": "36px"},
            layout=shared_layout(width="300px"),
        )
        control.add_class(f"hlo-rating-{criterion.id}-{rater.value}")

        def on_score(change: dict[str, Any]) -> None:
            if not self.rate(criterion.id, rater, int(change["new"])):
                control.value = change["old"]

        control.observe(on_score, "value")
        return control

    def _render_disagreements(self) -> None:
        v = self.vocabulary
        found = disagreements(self._web)
        title = Markup("<h4 style='margin:0.6em 0 0.2em'>{}</h4>").format(v("reflection.disagreements"))
        if not found:
            self.disagreement_list.value = title + Markup("<p>{}</p>").format(v("reflection.no_disagreements"))
            return
        items = Markup("").join(
            Markup("<li><b>{}</b> — {} ({})</li>").format(
                item.criterion.text,
                v("reflection.spread", spread=item.spread),
                ", ".join(f"{v.label(r)} {s}" for r, s in item.scores.items()),
            )
            for item in found
        )
        self.disagreement_list.value = title + Markup("<ol class='hlo-disagreements'>{}</ol>").format(items)
