"""Zitter's four corners in the valorisation phase: how strong each corner is, and the evidence for it.

The four corners are not a list the group adds to: each one is assessed or
not. A change is validated through :class:`CornerAssessment` (reverted with
a message when refused) and the chart of the four corners follows it; a save
merges by corner, so a corner another tab assessed meanwhile stays.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_valorisation
from hlo_design.model.case import Case
from hlo_design.model.valorisation import STRENGTH_MAX, Corner, CornerAssessment, ImpactProcess, Valorisation
from hlo_design.render.figures.valorisation import corner_chart
from hlo_design.ui.controls import Status, toggles
from hlo_design.ui.list_editor import bind, validated
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.save_bar import SaveBar
from hlo_design.ui.shared_models import shared_layout
from hlo_design.ui.valorisation_part_editor import valorisation_of

__all__ = ["CornerEditor"]


class CornerEditor:
    """Per corner a strength slider (0–4) and its evidence, one per line; the four corners side by side live."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.vocabulary = vocabulary
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self._load(case)
        self.chart = LiveFigure(self._figure(), "hlo-corner-chart")
        self.rows = widgets.VBox([self._row(corner) for corner in Corner])
        self.widget = widgets.VBox([self.rows, self.status.widget, self.save_bar.widget, self.chart.widget])
        self.widget.add_class("hlo-corner-editor")

    @property
    def valorisation(self) -> Valorisation:
        """The case's valorisation with the corners as assessed on screen."""
        return valorisation_of(self.case).model_copy(update={"corners": self._assessed()})

    def update(self, corner: Corner | str, **changes: Any) -> bool:
        """Change a corner's strength, evidence or impact processes; an unassessed corner starts at 0."""
        try:
            corner = Corner(corner)
        except ValueError:
            self.status.error(f"corner: unknown corner {corner!r}")
            return False
        current = self.corners[corner]
        data = current.model_dump() if current is not None else {"corner": corner, "strength": 0}
        updated = validated(CornerAssessment, {**data, **changes}, self.status)
        if updated is None:
            return False
        self.corners[corner] = updated
        self.status.clear()
        self.save_bar.mark_unsaved()
        self.chart.update(self._figure())
        return True

    def _assessed(self) -> list[CornerAssessment]:
        return [a for a in self.corners.values() if a is not None]

    def _load(self, case: Case) -> None:
        self.case = case
        valorisation = valorisation_of(case)
        self.corners: dict[Corner, CornerAssessment | None] = {c: valorisation.corner(c) for c in Corner}
        self._loaded = tuple(valorisation.corners)

    def _figure(self) -> Any:
        return corner_chart(self.valorisation, self.vocabulary, case=self.case)

    def _save(self, path: Path) -> SaveResult:
        result = save_valorisation(path, {"corners": ListEdit(self._loaded, self._assessed())})
        self._load(result.case)
        self.rows.children = [self._row(corner) for corner in Corner]
        self.chart.update(self._figure())
        return result

    def _row(self, corner: Corner) -> widgets.Widget:
        v = self.vocabulary
        assessment = self.corners[corner]
        strength = widgets.IntSlider(
            value=assessment.strength if assessment else 0, min=0, max=STRENGTH_MAX, continuous_update=False,
            description=v("valorisation_phase.col.strength"), style={"description_width": "110px"},
            layout=shared_layout(width="340px"),
        )  # fmt: skip
        evidence = widgets.Textarea(
            value="\n".join(assessment.evidence) if assessment else "", continuous_update=False,
            placeholder=v("valorisation_phase.edit.evidence_help"), layout=shared_layout(width="620px", height="90px"),
        )  # fmt: skip
        bind(strength, lambda value: self.update(corner, strength=value))
        bind(evidence, lambda text: self.update(corner, evidence=_lines(text)))
        parts: list[widgets.Widget] = [
            widgets.HTML(Markup("<b>{}</b>").format(v.label(corner))),
            widgets.HBox([strength, evidence]),
        ]
        if corner is Corner.LASTING_IMPACT:
            parts.append(self._processes(corner, assessment))
        row = widgets.VBox(parts, layout=shared_layout(border_bottom="1px solid #ccc", padding="4px 0"))
        row.add_class("hlo-corner-row")
        return row

    def _processes(self, corner: Corner, assessment: CornerAssessment | None) -> widgets.Widget:
        """The toggles of the processes behind lasting impact."""
        v = self.vocabulary
        buttons = toggles(list(ImpactProcess), assessment.impact_processes if assessment else [], v, "190px")

        def apply(_: bool) -> bool:
            chosen = [p.value for p, button in zip(ImpactProcess, buttons, strict=True) if button.value]
            return self.update(corner, impact_processes=chosen)

        for button in buttons:
            bind(button, apply)
        return widgets.HBox([widgets.Label(v("valorisation_phase.col.processes")), *buttons])


def _lines(text: str) -> list[str]:
    """The non-empty lines of a text box, stripped: one piece of evidence each."""
    return [line.strip() for line in text.splitlines() if line.strip()]
