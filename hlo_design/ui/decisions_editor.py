"""Design decisions per perspective, made and reworded live by the group.

One tab per design perspective (content, social, spatial, temporal,
material) with its guiding question, the current situation as the group sees
it, and rows of decisions: the text, an option from the catalogue
(``data/design_options.yaml``) or "vrij", the rationale, the level, the
owner, the status and the diagnosis findings it answers. Above the tabs the
overview shows which perspectives carry the design and which are empty, and
which findings no decision answers yet; both follow every change.

Saving merges by id into ``case.design`` under the file lock, like the
diagnosis editors: decisions someone else added meanwhile stay.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import ValidationError

from hlo_design.analysis.design_coverage import findings_without_decisions, perspective_overview
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, SaveResult, save_decisions
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DecisionStatus, DesignDecision, DesignPlan, PerspectiveState
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import DesignOption, Perspective, design_options
from hlo_design.ui.controls import auto_width, small_button, validation_message
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.shared_models import shared_layout

__all__ = ["FREE_OPTION", "DecisionEditor", "option_text", "overview_html", "unanswered_html"]

FREE_OPTION = ""
"""The option dropdown's value for a decision written freely (not from the catalogue)."""


def option_text(option: DesignOption, language: str) -> str:
    """An option of the catalogue in the dashboard's language."""
    return option.text_en if language == "en" else option.text_nl


def overview_html(plan: DesignPlan, vocabulary: Vocabulary) -> str:
    """Per perspective: decisions by status and whether it carries the design or is empty (escaped)."""
    v = vocabulary
    table = perspective_overview(plan)
    heads = Markup("").join(Markup("<th>{}</th>").format(v.label(s)) for s in DecisionStatus)
    rows = []
    for perspective in Perspective:
        row: dict[Hashable, Any] = table.loc[perspective.value].to_dict()
        if bool(row["carries"]):
            state, colour = v("design.carries"), "#006d4f"
        elif bool(row["empty"]):
            state, colour = v("design.empty"), "#b3261e"
        else:
            state, colour = v("design.ideas_only"), "#8a5a00"
        counts = Markup("").join(Markup("<td>{}</td>").format(int(row[s.value])) for s in DecisionStatus)
        rows.append(
            Markup(
                '<tr class="hlo-overview-{}"><td><b>{}</b> ({})</td>{}<td style="color:{};font-weight:600">{}</td></tr>'
            ).format(perspective.value, v.label(perspective), v.question(perspective), counts, colour, state)
        )
    return Markup(
        '<table class="hlo-perspective-overview" style="border-collapse:collapse;font-size:15px">'
        "<thead><tr><th>{}</th>{}<th>{}</th></tr></thead><tbody>{}</tbody></table>"
    ).format(v("design.perspective"), heads, v("design_phase.state"), Markup("").join(rows))


def unanswered_html(case: Case, vocabulary: Vocabulary) -> str:
    """The findings without a design decision, or a line saying every finding has one (escaped).

    A case without findings gets no check mark ("every finding answered" would be vacuously true):
    it gets the step to take instead.
    """
    if not case.findings:
        return Markup('<p class="hlo-unanswered hlo-empty">{}</p>').format(vocabulary("design.no_findings_to_answer"))
    open_findings = findings_without_decisions(case)
    if not open_findings:
        return Markup('<p class="hlo-unanswered hlo-ok">✓ {}</p>').format(vocabulary("design.all_findings_answered"))
    items = Markup("").join(Markup("<li><b>{}</b> {}</li>").format(f.label or f.id, f.text) for f in open_findings)
    title = vocabulary("design_phase.unanswered_title", findings=vocabulary.count(len(open_findings), "finding"))
    return Markup('<div class="hlo-unanswered"><b style="color:#b3261e">⚠ {}</b><ul>{}</ul></div>').format(title, items)


class DecisionEditor(ListEditor[DesignDecision]):
    """Tabs per perspective with the current situation and decision rows; a live overview; save."""

    id_prefix = "keuze"
    part_name = "design.decisions"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        self.overview = widgets.HTML()
        self.unanswered = widgets.HTML()
        self.perspective_rows: dict[Perspective, widgets.VBox] = {p: widgets.VBox() for p in Perspective}
        self.situation_boxes: dict[Perspective, widgets.Textarea] = {}
        self.tabs = widgets.Tab(children=[self._page(p) for p in Perspective])
        self.tabs.titles = [vocabulary.label(p) for p in Perspective]  # the question heads each page
        self._render_rows()
        self._changed()
        self.widget = widgets.VBox(
            [self.overview, self.unanswered, self.tabs, self.status.widget, self.save_bar.widget]
        )
        self.widget.add_class("hlo-decision-editor")

    @property
    def decisions(self) -> list[DesignDecision]:
        """The working decisions of every perspective."""
        return self.items

    @property
    def plan(self) -> DesignPlan:
        """The working plan: the case's plan with the edited decisions and situations."""
        base = self.case.design or DesignPlan()
        states = [
            PerspectiveState(perspective=p, current_situation=self.situations[p])
            for p in Perspective
            if p in self.situations
        ]
        return base.model_copy(update={"decisions": list(self.items), "perspectives": states})

    # ------------------------------------------------------------ the API the controls call

    def set_situation(self, perspective: Perspective, text: str) -> bool:
        """The current situation of a perspective; blank removes it, too long is refused."""
        if text.strip():
            try:
                PerspectiveState(perspective=perspective, current_situation=text)
            except ValidationError as error:
                self.status.error(validation_message(error))
                return False
            self.situations[perspective] = text
        else:
            self.situations.pop(perspective, None)
        self.changed_situations[perspective] = text if text.strip() else None
        self.status.clear()
        self.save_bar.mark_unsaved()
        return True

    def add(self, perspective: Perspective) -> DesignDecision:
        v = self.vocabulary
        return self.append(
            DesignDecision(
                id=self.new_id(), perspective=perspective, text=v("design_phase.new_decision"),
                rationale=v("design_phase.new_rationale"), level=Level.OPERATIONAL,
                owner=v("design_phase.new_owner"),
            )
        )  # fmt: skip

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[DesignDecision]:
        return (case.design or DesignPlan()).decisions

    def _load(self, case: Case) -> None:
        super()._load(case)
        plan = case.design or DesignPlan()
        self.situations: dict[Perspective, str] = {s.perspective: s.current_situation for s in plan.perspectives}
        self.changed_situations: dict[Perspective, str | None] = {}

    def _write(self, path: Path, edit: ListEdit[DesignDecision]) -> SaveResult:
        return save_decisions(path, edit, self.changed_situations)

    def _save(self, path: Path) -> SaveResult:
        result = super()._save(path)
        for perspective, box in self.situation_boxes.items():
            box.value = self.situations.get(perspective, "")
        self.changed_situations.clear()
        return result

    def _changed_data(self, item: DesignDecision, changes: dict[str, Any]) -> dict[str, Any]:
        data = {**item.model_dump(), **changes}
        if data.get("option") == FREE_OPTION:
            data["option"] = None
        return data

    def _problem(self, item: DesignDecision) -> str:
        """Findings and the catalogue option must exist (and the option must be of the decision's perspective)."""
        v = self.vocabulary
        known = {f.id for f in self.case.findings}
        unknown = [f for f in item.findings if f not in known]
        if unknown:
            return v("design_phase.unknown_finding", finding=", ".join(unknown))
        if item.option is not None:
            option = next((o for o in design_options() if o.id == item.option), None)
            if option is None or option.perspective is not item.perspective:
                return v("design_phase.unknown_option", option=item.option, perspective=v.label(item.perspective))
        return ""

    def _changed(self) -> None:
        plan = self.plan
        self.overview.value = overview_html(plan, self.vocabulary)
        self.unanswered.value = unanswered_html(self.case.model_copy(update={"design": plan}), self.vocabulary)

    def _render_rows(self) -> None:
        for perspective, box in self.perspective_rows.items():
            mine = [d for d in self.items if d.perspective is perspective]
            empty = widgets.HTML(Markup("<i>{}</i>").format(self.vocabulary("design_phase.no_decisions")))
            box.children = [self._row(d) for d in mine] if mine else [empty]

    def _page(self, perspective: Perspective) -> widgets.VBox:
        v = self.vocabulary
        heading = widgets.HTML(
            Markup("<h4 style='margin:0.3em 0'>{} — {}</h4>").format(v.label(perspective), v.question(perspective))
        )
        situation = widgets.Textarea(
            value=self.situations.get(perspective, ""), continuous_update=False,
            placeholder=v("design_phase.situation_placeholder"), description=v("design.current_situation"),
            style={"description_width": "140px"}, layout=shared_layout(width="900px", height="70px"),
        )  # fmt: skip
        situation.add_class("hlo-situation")

        bind(situation, lambda text: self.set_situation(perspective, text))
        self.situation_boxes[perspective] = situation
        add = widgets.Button(description=v("design_phase.add_decision"), icon="plus", layout=auto_width())
        add.add_class(f"hlo-add-decision-{perspective.value}")
        add.on_click(lambda _: self.add(perspective))
        return widgets.VBox([heading, situation, self.perspective_rows[perspective], add])

    def _row(self, decision: DesignDecision) -> widgets.VBox:
        v = self.vocabulary
        language = v.language
        options = [(v("design_phase.free_option"), FREE_OPTION)] + [
            (option_text(o, language), o.id) for o in design_options() if o.perspective is decision.perspective
        ]
        text = widgets.Textarea(value=decision.text, continuous_update=False, description=v("design_phase.decision"),
                                style={"description_width": "90px"}, layout=shared_layout(width="560px", height="56px"))  # fmt: skip
        option = widgets.Dropdown(options=options, value=decision.option or FREE_OPTION, description=v("design_phase.option"),
                                  style={"description_width": "90px"}, layout=shared_layout(width="560px"))  # fmt: skip
        rationale = widgets.Textarea(value=decision.rationale, continuous_update=False, description=v("design_phase.rationale"),
                                     style={"description_width": "90px"}, layout=shared_layout(width="560px", height="56px"))  # fmt: skip
        level = widgets.Dropdown(options=[(v.label(lv), lv.value) for lv in Level], value=decision.level.value,
                                 description=v("design_phase.level"), layout=shared_layout(width="260px"))  # fmt: skip
        owner = widgets.Text(value=decision.owner, continuous_update=False, description=v("design_phase.owner"),
                             layout=shared_layout(width="320px"))  # fmt: skip
        status = widgets.Dropdown(options=[(v.label(s), s.value) for s in DecisionStatus], value=decision.status.value,
                                  description=v("design_phase.status"), layout=shared_layout(width="260px"))  # fmt: skip
        findings = widgets.SelectMultiple(
            options=[(f"{f.label or f.id}. {f.text[:60]}", f.id) for f in self.case.findings],
            value=tuple(f for f in decision.findings if f in {x.id for x in self.case.findings}),
            description=v("design_phase.answers_findings"), rows=min(max(len(self.case.findings), 2), 6),
            style={"description_width": "90px"}, layout=shared_layout(width="560px"),
        )  # fmt: skip
        delete = small_button("trash", v("editor.delete"))

        def on_option(chosen_id: str) -> bool:
            if not self.update(decision.id, option=chosen_id):
                return False
            chosen = next((o for o in design_options() if o.id == chosen_id), None)
            if chosen is not None and text.value == v("design_phase.new_decision"):
                text.value = option_text(chosen, language)  # the catalogue's words as a start
            return True

        bind(option, on_option)
        for field, control in (("text", text), ("rationale", rationale), ("level", level), ("owner", owner),
                               ("status", status)):  # fmt: skip
            bind(control, self.setter(decision.id, field))
        bind(findings, lambda chosen: self.update(decision.id, findings=list(chosen)))
        delete.on_click(lambda _: self.delete(decision.id))
        row = widgets.VBox(
            [
                widgets.HBox([widgets.VBox([text, option, rationale]), widgets.VBox([level, owner, status]), delete]),
                findings,
            ],
            layout=shared_layout(border="1px solid #ccc", padding="6px", margin="4px 0"),
        )
        row.add_class("hlo-decision-row")
        row.add_class(f"hlo-decision-{decision.id}")
        return row
