"""Test moments of the valorisation phase: when, with whom, what was measured before and after.

One row per moment; the live chart shows each moment's before and after on
its scale, so the group sees at once what a typed score means. Scores are
typed the Dutch way (``3,5``) or left empty for "not measured".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.valorisation import TestMoment
from hlo_design.render.figures.valorisation import test_moment_chart
from hlo_design.ui.controls import auto_width, small_button, text_control
from hlo_design.ui.list_editor import bind
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout
from hlo_design.ui.valorisation_part_editor import ValorisationListEditor

__all__ = ["TestMomentEditor", "number_or_none"]


def number_or_none(text: str) -> float | None:
    """A typed score: a number with a decimal point or comma, or ``None`` for an empty box."""
    text = text.strip().replace(",", ".")
    return float(text) if text else None


class TestMomentEditor(ValorisationListEditor[TestMoment]):
    """One row per test moment (date, group, learners, measure, before, after, changes) and the live chart."""

    __test__ = False  # not a pytest test class
    part = "test_moments"
    part_name = "valorisation.test_moments"
    id_prefix = "test"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
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
        return self.append(
            TestMoment(
                id=self.new_id(), date=dt.date.today(), activity=v("valorisation_phase.edit.new_moment"),
                group=v("valorisation_phase.edit.new_group"), learners=10,
                measure=v("valorisation_phase.edit.new_measure"), changes=v("valorisation_phase.edit.new_changes"),
            )
        )  # fmt: skip

    def set_score(self, moment_id: str, name: str, text: str) -> bool:
        """Set ``before`` or ``after`` from what was typed: a number, or empty for "not measured"."""
        try:
            value = number_or_none(text)
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

    def _row(self, item: TestMoment) -> widgets.Widget:
        v = self.vocabulary
        date = widgets.DatePicker(value=item.date, layout=shared_layout(width="150px"))
        activity = text_control(item.activity, "220px")
        group = text_control(item.group, "220px")
        learners = widgets.BoundedIntText(value=item.learners, min=1, max=100_000, layout=shared_layout(width="90px"))
        measure = text_control(item.measure, "220px")
        before = text_control("" if item.before is None else f"{item.before:g}", "70px")
        after = text_control("" if item.after is None else f"{item.after:g}", "70px")
        changes = text_control(item.changes, "460px", area=True)
        delete = small_button("trash", v("editor.delete"))
        for control, name in ((activity, "activity"), (group, "group"), (measure, "measure"), (changes, "changes"),
                              (learners, "learners")):  # fmt: skip
            bind(control, self.setter(item.id, name))
        bind(date, lambda day: day is not None and self.update(item.id, date=day))
        bind(before, lambda text: self.set_score(item.id, "before", text))
        bind(after, lambda text: self.set_score(item.id, "after", text))
        delete.on_click(lambda _: self.delete(item.id))

        def labelled(key: str, control: widgets.Widget) -> widgets.VBox:
            return widgets.VBox([widgets.Label(v(f"valorisation_phase.col.{key}")), control])

        row = widgets.VBox(
            [
                widgets.HBox([labelled("date", date), labelled("activity", activity), labelled("group", group),
                              labelled("learners", learners), delete]),
                widgets.HBox([labelled("measure", measure), labelled("before", before), labelled("after", after),
                              labelled("changes", changes)]),
            ],
            layout=shared_layout(border_bottom="1px solid #ccc", padding="4px 0"),
        )  # fmt: skip
        row.add_class("hlo-test-moment-row")
        return row
