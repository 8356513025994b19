"""Filling in the HLO scan in a meeting: one group at a time, saved per date.

Each actor group (teachers, supervisors, coordinators, learners) fills in the
3 × 5 grid — level × design perspective — with a place on the school–work
continuum and a short explanation. A new session (today) starts empty, with
each cell's earlier answer shown beside it as a hint: only what the group
answers today is saved, so a partial re-scan never passes old answers off as
new ones (the figures carry the earlier values forward, visibly marked). A
session of today is edited as it was saved. The heat maps and coherence
warnings follow every change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import ValidationError

from hlo_design.analysis.scan_comparison import coherence_warnings, latest_scans, warning_text
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import update_case
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.scan import Scan, ScanEntry, ScanGroup
from hlo_design.render.figures.scan import disagreement_heatmap, scan_heatmap
from hlo_design.ui.controls import Status, validation_message
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.save_bar import SaveBar
from hlo_design.ui.shared_models import shared_layout

__all__ = ["ScanEditor", "save_scan"]

EMPTY = ""


def save_scan(path: Path, scan: Scan) -> Case:
    """Store ``scan`` in the case file, replacing the same group's scan of the same date."""

    def change(case: Case) -> Case:
        kept = [s for s in case.scans if (s.date, s.group) != (scan.date, scan.group)]
        return case.model_copy(
            update={"scans": sorted([*kept, scan], key=lambda s: (s.date, list(ScanGroup).index(s.group)))}
        )

    return update_case(path, change)


class ScanEditor:
    """Group and date pickers, the 3 × 5 grid of choices, and the live heat maps."""

    def __init__(
        self, case: Case, vocabulary: Vocabulary, path: Path | None = None, today: dt.date | None = None
    ) -> None:
        self.case = case
        self.vocabulary = vocabulary
        self.today = today or dt.date.today()
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        v = vocabulary
        self.group = widgets.Dropdown(options=[(v.label(g), g.value) for g in ScanGroup], description=v("scan.group"))
        self.group.observe(lambda _: self.load_group(), "value")
        self.cells: dict[tuple[Level, Perspective], tuple[widgets.Dropdown, widgets.Text]] = {}
        self.grid = self._grid()
        self.warnings = widgets.HTML()
        self.scan = self._starting_scan(ScanGroup(self.group.value))
        self.heatmap = LiveFigure(scan_heatmap(self.scan, v))
        self.disagreement = LiveFigure(disagreement_heatmap(self._compared(), v))
        self.load_group()
        self.widget = widgets.VBox(
            [
                self.group,
                self.grid,
                self.status.widget,
                self.save_bar.widget,
                self.warnings,
                self.heatmap.widget,
                self.disagreement.widget,
            ]
        )

    def load_group(self) -> None:
        """Start the selected group's session of today: what it saved today, the earlier answers as hints."""
        group = ScanGroup(self.group.value)
        self.scan = self._starting_scan(group)
        previous = self._previous(group)
        for (level, perspective), (choice, explanation) in self.cells.items():
            entry = self.scan.entry(level, perspective)
            earlier = previous.entry(level, perspective) if previous else None
            with choice.hold_trait_notifications(), explanation.hold_trait_notifications():
                choice.value = entry.position.value if entry else EMPTY
                explanation.value = entry.explanation if entry else ""
                explanation.placeholder = self._hint(earlier, previous)
        self.redraw()

    def set_cell(self, level: Level, perspective: Perspective, position: str, explanation: str = "") -> bool:
        """Choose a continuum position (or ``""`` to clear) for one cell, validated."""
        entries = [e for e in self.scan.entries if (e.level, e.perspective) != (level, perspective)]
        try:
            if position != EMPTY:
                entries.append(
                    ScanEntry(
                        level=level,
                        perspective=perspective,
                        position=ContinuumPosition(position),
                        explanation=explanation,
                    )
                )
            self.scan = Scan(date=self.scan.date, group=self.scan.group, entries=entries)
        except (ValidationError, ValueError) as error:
            self.status.error(validation_message(error) if isinstance(error, ValidationError) else str(error))
            return False
        self.status.widget.value = ""
        self.save_bar.mark_unsaved()
        self.redraw()
        return True

    def redraw(self) -> None:
        v = self.vocabulary
        self.heatmap.update(scan_heatmap(self.scan, v))
        self.disagreement.update(disagreement_heatmap(self._compared(), v))
        items = Markup("").join(
            Markup('<li class="hlo-warning">{}</li>').format(warning_text(w, v)) for w in coherence_warnings(self.scan)
        )
        self.warnings.value = (
            Markup("<ul>{}</ul>").format(items) if items else Markup("<p>{}</p>").format(v("scan.coherent"))
        )

    def _starting_scan(self, group: ScanGroup) -> Scan:
        saved_today = next((s for s in self.case.scans if s.group is group and s.date == self.today), None)
        return saved_today or Scan(date=self.today, group=group, entries=[])

    def _previous(self, group: ScanGroup) -> Scan | None:
        """The group's latest session before today: its answers are the hints."""
        earlier = [s for s in self.case.scans if s.group is group and s.date < self.today]
        return max(earlier, key=lambda s: s.date) if earlier else None

    def _hint(self, earlier: ScanEntry | None, previous: Scan | None) -> str:
        v = self.vocabulary
        if earlier is None or previous is None:
            return v("scan.explanation")
        return v("scan.previous_answer", date=previous.date.isoformat(), position=v.label(earlier.position))

    def _compared(self) -> list[Scan]:
        """The other groups' latest scans plus the one being edited."""
        others = [s for g, s in latest_scans(self.case.scans).items() if g is not self.scan.group]
        return [*others, self.scan]

    def _save(self, path: Path) -> None:
        self.case = save_scan(path, self.scan)

    def _grid(self) -> widgets.GridBox:
        v = self.vocabulary
        options = [(v("scan.choose"), EMPTY), *[(v.label(p), p.value) for p in ContinuumPosition]]
        children: list[widgets.Widget] = [widgets.HTML("")]
        children += [
            widgets.HTML(Markup("<b>{}</b><br><i>{}</i>").format(v.label(p), v.question(p))) for p in Perspective
        ]
        for level in Level:
            children.append(widgets.HTML(Markup("<b>{}</b>").format(v.label(level))))
            for perspective in Perspective:
                choice = widgets.Dropdown(options=options, value=EMPTY, layout=shared_layout(width="98%"))
                explanation = widgets.Text(
                    placeholder=v("scan.explanation"), continuous_update=False, layout=shared_layout(width="98%")
                )
                self.cells[(level, perspective)] = (choice, explanation)
                for widget in (choice, explanation):
                    widget.observe(self._on_cell(level, perspective), "value")
                children.append(widgets.VBox([choice, explanation]))
        return widgets.GridBox(
            children, layout=shared_layout(grid_template_columns="120px repeat(5, 1fr)", grid_gap="6px")
        )

    def _on_cell(self, level: Level, perspective: Perspective) -> Any:
        def handler(_: dict[str, Any]) -> None:
            choice, explanation = self.cells[(level, perspective)]
            self.set_cell(level, perspective, choice.value, explanation.value)

        return handler
