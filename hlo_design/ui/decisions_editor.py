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

import html
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from hlo_design.analysis.design_coverage import findings_without_decisions, perspective_overview
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListEdit, merge_by_id, update_case
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DecisionStatus, DesignDecision, DesignPlan, PerspectiveState
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import DesignOption, Perspective, design_options
from hlo_design.ui.controls import SaveBar, Status, auto_width, fresh_id, validation_message

__all__ = ["FREE_OPTION", "DecisionEditor", "option_text", "overview_html", "save_decisions", "unanswered_html"]

FREE_OPTION = ""
"""The option dropdown's value for a decision written freely (not from the catalogue)."""


def option_text(option: DesignOption, language: str) -> str:
    return option.text_en if language == "en" else option.text_nl


def save_decisions(
    path: Path, edit: ListEdit[DesignDecision], situations: Mapping[Perspective, str | None] | None = None
) -> Case:
    """Merge edited decisions (by id) and changed current situations into the case file.

    ``situations`` holds only the perspectives the group changed; ``None`` or a
    blank text removes that perspective's description. Returns the case as saved.
    """
    changed = dict(situations or {})

    def change(case: Case) -> Case:
        plan = case.design or DesignPlan()
        states = {s.perspective: s for s in plan.perspectives}
        for perspective, text in changed.items():
            if text is None or not text.strip():
                states.pop(perspective, None)
            else:
                old = states.get(perspective)
                states[perspective] = (
                    old.model_copy(update={"current_situation": text})
                    if old is not None
                    else PerspectiveState(perspective=perspective, current_situation=text)
                )
        ordered = [states[p] for p in Perspective if p in states]
        updated = plan.model_copy(update={"decisions": merge_by_id(plan.decisions, edit), "perspectives": ordered})
        return case.model_copy(update={"design": updated})

    return update_case(path, change)


def overview_html(plan: DesignPlan, vocabulary: Vocabulary) -> str:
    """Per perspective: decisions by status and whether it carries the design or is empty (escaped)."""
    v = vocabulary
    table = perspective_overview(plan)
    heads = "".join(f"<th>{html.escape(v.label(s))}</th>" for s in DecisionStatus)
    rows = []
    for perspective in Perspective:
        row: dict[Hashable, Any] = table.loc[perspective.value].to_dict()
        if bool(row["carries"]):
            state, colour = v("design.carries"), "#006d4f"
        elif bool(row["empty"]):
            state, colour = v("design.empty"), "#b3261e"
        else:
            state, colour = v("design.ideas_only"), "#8a5a00"
        counts = "".join(f"<td>{int(row[s.value])}</td>" for s in DecisionStatus)
        rows.append(
            f'<tr class="hlo-overview-{perspective.value}"><td><b>{html.escape(v.label(perspective))}</b> '
            f"({html.escape(v.question(perspective))})</td>{counts}"
            f'<td style="color:{colour};font-weight:600">{html.escape(state)}</td></tr>'
        )
    return (
        '<table class="hlo-perspective-overview" style="border-collapse:collapse;font-size:15px">'
        f"<thead><tr><th>{html.escape(v('design.perspective'))}</th>{heads}"
        f"<th>{html.escape(v('design_phase.state'))}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def unanswered_html(case: Case, vocabulary: Vocabulary) -> str:
    """The findings without a design decision, or a line saying every finding has one (escaped)."""
    open_findings = findings_without_decisions(case)
    if not open_findings:
        return f'<p class="hlo-unanswered hlo-ok">✓ {html.escape(vocabulary("design.all_findings_answered"))}</p>'
    items = "".join(f"<li><b>{html.escape(f.label or f.id)}</b> {html.escape(f.text)}</li>" for f in open_findings)
    title = vocabulary("design_phase.unanswered_title", count=len(open_findings))
    return f'<div class="hlo-unanswered"><b style="color:#b3261e">⚠ {html.escape(title)}</b><ul>{items}</ul></div>'


class DecisionEditor:
    """Tabs per perspective with the current situation and decision rows; a live overview; save."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        self.case = case
        self.vocabulary = vocabulary
        plan = case.design or DesignPlan()
        self.decisions: list[DesignDecision] = list(plan.decisions)
        self.situations: dict[Perspective, str] = {s.perspective: s.current_situation for s in plan.perspectives}
        self.changed_situations: dict[Perspective, str | None] = {}
        self.deleted: set[str] = set()
        self.status = Status()
        self.save_bar = SaveBar(vocabulary, path, self._save)
        self.overview = widgets.HTML()
        self.unanswered = widgets.HTML()
        self.rows: dict[Perspective, widgets.VBox] = {p: widgets.VBox() for p in Perspective}
        self.situation_boxes: dict[Perspective, widgets.Textarea] = {}
        self.tabs = widgets.Tab(children=[self._page(p) for p in Perspective])
        self.tabs.titles = [vocabulary.label(p) for p in Perspective]  # the question heads each page
        for perspective in Perspective:
            self._render_rows(perspective)
        self._refresh_overview()
        self.widget = widgets.VBox(
            [self.overview, self.unanswered, self.tabs, self.status.widget, self.save_bar.widget]
        )
        self.widget.add_class("hlo-decision-editor")

    # ------------------------------------------------------------ the API the controls call

    def update(self, decision_id: str, **changes: Any) -> bool:
        """Apply a change to one decision after validating it (fields, option, findings)."""
        index = self._index(decision_id)
        data = {**self.decisions[index].model_dump(), **changes}
        if data.get("option") == FREE_OPTION:
            data["option"] = None
        try:
            updated = DesignDecision.model_validate(data)
        except ValidationError as error:
            self.status.error(validation_message(error))
            return False
        problem = self._reference_problem(updated)
        if problem:
            self.status.error(problem)
            return False
        self.decisions[index] = updated
        self.status.widget.value = ""
        self._refresh_overview()
        return True

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
        self.status.widget.value = ""
        return True

    def add(self, perspective: Perspective) -> DesignDecision:
        v = self.vocabulary
        decision = DesignDecision(
            id=fresh_id("keuze", [d.id for d in self.decisions] + [*self.deleted]),
            perspective=perspective,
            text=v("design_phase.new_decision"),
            rationale=v("design_phase.new_rationale"),
            level=Level.OPERATIONAL,
            owner=v("design_phase.new_owner"),
        )
        self.decisions.append(decision)
        self._render_rows(perspective)
        self._refresh_overview()
        return decision

    def delete(self, decision_id: str) -> None:
        decision = self.decisions.pop(self._index(decision_id))
        self.deleted.add(decision_id)
        self._render_rows(decision.perspective)
        self._refresh_overview()

    @property
    def plan(self) -> DesignPlan:
        """The working plan: the case's plan with the edited decisions and situations."""
        base = self.case.design or DesignPlan()
        states = [
            PerspectiveState(perspective=p, current_situation=self.situations[p])
            for p in Perspective
            if p in self.situations
        ]
        return base.model_copy(update={"decisions": list(self.decisions), "perspectives": states})

    # ------------------------------------------------------------ internals

    def _index(self, decision_id: str) -> int:
        for index, decision in enumerate(self.decisions):
            if decision.id == decision_id:
                return index
        raise KeyError(decision_id)

    def _reference_problem(self, decision: DesignDecision) -> str:
        v = self.vocabulary
        known = {f.id for f in self.case.findings}
        unknown = [f for f in decision.findings if f not in known]
        if unknown:
            return v("design_phase.unknown_finding", finding=", ".join(unknown))
        if decision.option is not None:
            option = next((o for o in design_options() if o.id == decision.option), None)
            if option is None or option.perspective is not decision.perspective:
                return v(
                    "design_phase.unknown_option", option=decision.option, perspective=v.label(decision.perspective)
                )
        return ""

    def _refresh_overview(self) -> None:
        plan = self.plan
        self.overview.value = overview_html(plan, self.vocabulary)
        self.unanswered.value = unanswered_html(self.case.model_copy(update={"design": plan}), self.vocabulary)

    def _save(self, path: Path) -> None:
        saved = save_decisions(path, ListEdit(tuple(self.decisions), frozenset(self.deleted)), self.changed_situations)
        self.case = saved
        plan = saved.design or DesignPlan()
        self.decisions = list(plan.decisions)
        self.situations = {s.perspective: s.current_situation for s in plan.perspectives}
        self.changed_situations.clear()
        self.deleted.clear()
        for perspective in Perspective:
            self.situation_boxes[perspective].value = self.situations.get(perspective, "")
            self._render_rows(perspective)
        self._refresh_overview()

    def _page(self, perspective: Perspective) -> widgets.VBox:
        v = self.vocabulary
        heading = widgets.HTML(
            f"<h4 style='margin:0.3em 0'>{html.escape(v.label(perspective))} — {html.escape(v.question(perspective))}</h4>"
        )
        situation = widgets.Textarea(
            value=self.situations.get(perspective, ""), continuous_update=False,
            placeholder=v("design_phase.situation_placeholder"), description=v("design.current_situation"),
            style={"description_width": "140px"}, layout=widgets.Layout(width="900px", height="70px"),
        )  # fmt: skip
        situation.add_class("hlo-situation")

        def on_situation(change: dict[str, Any]) -> None:
            if not self.set_situation(perspective, change["new"]):
                situation.value = change["old"]

        situation.observe(on_situation, "value")
        self.situation_boxes[perspective] = situation
        add = widgets.Button(description=v("design_phase.add_decision"), icon="plus", layout=auto_width())
        add.add_class(f"hlo-add-decision-{perspective.value}")
        add.on_click(lambda _: self.add(perspective))
        return widgets.VBox([heading, situation, self.rows[perspective], add])

    def _render_rows(self, perspective: Perspective) -> None:
        mine = [d for d in self.decisions if d.perspective is perspective]
        if not mine:
            empty = widgets.HTML(f"<i>{html.escape(self.vocabulary('design_phase.no_decisions'))}</i>")
            self.rows[perspective].children = [empty]
            return
        self.rows[perspective].children = [self._row(d) for d in mine]

    def _row(self, decision: DesignDecision) -> widgets.VBox:
        v = self.vocabulary
        language = v.language
        options = [(v("design_phase.free_option"), FREE_OPTION)] + [
            (option_text(o, language), o.id) for o in design_options() if o.perspective is decision.perspective
        ]
        text = widgets.Textarea(value=decision.text, continuous_update=False, description=v("design_phase.decision"),
                                style={"description_width": "90px"}, layout=widgets.Layout(width="560px", height="56px"))  # fmt: skip
        option = widgets.Dropdown(options=options, value=decision.option or FREE_OPTION, description=v("design_phase.option"),
                                  style={"description_width": "90px"}, layout=widgets.Layout(width="560px"))  # fmt: skip
        rationale = widgets.Textarea(value=decision.rationale, continuous_update=False, description=v("design_phase.rationale"),
                                     style={"description_width": "90px"}, layout=widgets.Layout(width="560px", height="56px"))  # fmt: skip
        level = widgets.Dropdown(options=[(v.label(lv), lv.value) for lv in Level], value=decision.level.value,
                                 description=v("design_phase.level"), layout=widgets.Layout(width="260px"))  # fmt: skip
        owner = widgets.Text(value=decision.owner, continuous_update=False, description=v("design_phase.owner"),
                             layout=widgets.Layout(width="320px"))  # fmt: skip
        status = widgets.Dropdown(options=[(v.label(s), s.value) for s in DecisionStatus], value=decision.status.value,
                                  description=v("design_phase.status"), layout=widgets.Layout(width="260px"))  # fmt: skip
        findings = widgets.SelectMultiple(
            options=[(f"{f.label or f.id}. {f.text[:60]}", f.id) for f in self.case.findings],
            value=tuple(f for f in decision.findings if f in {x.id for x in self.case.findings}),
            description=v("design_phase.answers_findings"), rows=min(max(len(self.case.findings), 2), 6),
            style={"description_width": "90px"}, layout=widgets.Layout(width="560px"),
        )  # fmt: skip
        delete = widgets.Button(icon="trash", tooltip=v("editor.delete"), layout=widgets.Layout(width="44px"))

        def bind(field: str, control: widgets.ValueWidget, convert: Any = None) -> None:
            def handler(change: dict[str, Any]) -> None:
                value = change["new"] if convert is None else convert(change["new"])
                if not self.update(decision.id, **{field: value}):
                    control.value = change["old"]

            control.observe(handler, "value")

        def on_option(change: dict[str, Any]) -> None:
            if not self.update(decision.id, option=change["new"]):
                option.value = change["old"]
                return
            chosen = next((o for o in design_options() if o.id == change["new"]), None)
            if chosen is not None and text.value == v("design_phase.new_decision"):
                text.value = option_text(chosen, language)  # the catalogue's words as a start

        bind("text", text)
        option.observe(on_option, "value")
        bind("rationale", rationale)
        bind("level", level)
        bind("owner", owner)
        bind("status", status)
        bind("findings", findings, list)
        delete.on_click(lambda _: self.delete(decision.id))
        row = widgets.VBox(
            [
                widgets.HBox([widgets.VBox([text, option, rationale]), widgets.VBox([level, owner, status]), delete]),
                findings,
            ],
            layout=widgets.Layout(border="1px solid #ccc", padding="6px", margin="4px 0"),
        )
        row.add_class("hlo-decision-row")
        row.add_class(f"hlo-decision-{decision.id}")
        return row
