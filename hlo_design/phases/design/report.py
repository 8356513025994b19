"""The design report, and the tables and lines the notebook's sections show too.

Seven parts, in meeting order: focus, the five perspectives with their
decisions, the student journey, sliding on the axes (variants), the weekly
rhythm, the leerfiche and the reflectieweb; the report bundles them. As in
the diagnosis phase, the live notebook and the report are built from the same
functions, so the report says what the meeting decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from hlo_design.analysis.design_coverage import findings_without_decisions, journey_gaps, perspective_overview
from hlo_design.analysis.reflection_scores import disagreements
from hlo_design.analysis.rhythm_checks import rhythm_checks, setting_shares
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DESIGN, report_path
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.leerfiche import LeerficheComponent, completeness, missing_components
from hlo_design.model.perspectives import Perspective, design_options
from hlo_design.model.quadrants import quadrant_by_number
from hlo_design.model.rhythm import Rhythm
from hlo_design.render.figures.continuum import continuum_strip
from hlo_design.render.figures.journey import coverage_heatmap, journey_map
from hlo_design.render.figures.reflection import radar
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.render.figures.variants import shift_bars, shift_map, variant_comparison
from hlo_design.render.report import ReportSection, figure_html, render_report, table_html, write_report
from hlo_design.ui.decisions_editor import option_text

__all__ = [
    "decisions_table",
    "design_report",
    "design_sections",
    "focus_lines",
    "goals_table",
    "journey_gap_lines",
    "leerfiche_table",
    "perspective_table",
    "reflection_lines",
    "rhythm_lines",
    "rhythm_table",
    "unanswered_lines",
    "variant_lines",
    "write_design_report",
]


def _plan(case: Case) -> DesignPlan:
    return case.design or DesignPlan()


def _finding_labels(case: Case, ids: list[str]) -> str:
    labels = {f.id: f.label or f.id for f in case.findings}
    return ", ".join(labels.get(i, i) for i in ids) or "—"


def focus_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """The design question and the target group, in words."""
    focus = _plan(case).focus
    if focus is None:
        return [vocabulary("design_phase.focus.empty")]
    return [
        vocabulary("design_phase.focus.question", text=focus.question),
        vocabulary("design_phase.focus.target_group", text=focus.target_group),
    ]


def _continuum_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """The place the group chose on the school–work continuum, and why: a design choice the report carries."""
    if case.continuum is None:
        return []
    chosen = vocabulary.label(case.continuum.position)
    return [f"{vocabulary('situation.continuum')}: {chosen} — {case.continuum.rationale}"]


def _continuum_fragments(case: Case, vocabulary: Vocabulary) -> list[Markup]:
    return [figure_html(continuum_strip(case.continuum.position, vocabulary))] if case.continuum else []


def goals_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """The learning goals in order with the findings each answers."""
    v = vocabulary
    columns = [v("design_phase.goal_number"), v("journey.goal"), v("design_phase.goal_findings")]
    rows = [[str(i), g.text, _finding_labels(case, g.findings)] for i, g in enumerate(_plan(case).goals, start=1)]
    return pd.DataFrame(rows, columns=columns)


def perspective_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """Per perspective: question, current situation, number of decisions and whether it carries the design."""
    v = vocabulary
    plan = _plan(case)
    overview = perspective_overview(plan)
    situations = {s.perspective: s.current_situation for s in plan.perspectives}
    rows = []
    for p in Perspective:
        row: dict[Hashable, Any] = overview.loc[p.value].to_dict()
        state = (
            "design.carries" if bool(row["carries"]) else "design.empty" if bool(row["empty"]) else "design.ideas_only"
        )
        rows.append([v.label(p), v.question(p), situations.get(p, "—"), int(row["total"]), v(state)])
    columns = [v("design.perspective"), v("design_phase.perspective_table.question"), v("design.current_situation"),
               v("design_phase.perspective_table.decisions"), v("design_phase.state")]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def decisions_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """Every decision, grouped by perspective, with option, rationale, level, owner, status and findings."""
    v = vocabulary
    options = {o.id: o for o in design_options()}
    order = list(Perspective)
    rows = []
    for d in sorted(_plan(case).decisions, key=lambda d: order.index(d.perspective)):
        option = options.get(d.option) if d.option else None
        source = (
            f"{v('design_phase.option_catalogue')}: {option_text(option, v.language)}"
            if option
            else v("design_phase.free_option")
        )
        rows.append([v.label(d.perspective), d.text, source, d.rationale, v.label(d.level), d.owner,
                     v.label(d.status), _finding_labels(case, d.findings)])  # fmt: skip
    columns = [v("design.perspective"), v("design_phase.decision"), v("design_phase.option"),
               v("design_phase.rationale"), v("design_phase.level"), v("design_phase.owner"),
               v("design_phase.status"), v("design_phase.answers_findings")]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def unanswered_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """The findings no decision answers, flagged; or one line saying every finding is answered.

    Without findings that line would be vacuously true: the step to take instead.
    """
    if not case.findings:
        return [vocabulary("design.no_findings_to_answer")]
    open_findings = findings_without_decisions(case)
    if not open_findings:
        return [vocabulary("design.all_findings_answered")]
    labels = "; ".join(f"{f.label or f.id}. {f.text}" for f in open_findings)
    return [vocabulary("design.findings_without_decisions", labels=labels)]


def journey_gap_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """Each (goal, quadrant) without a journey step, in words."""
    plan = _plan(case)
    numbers = {g.id: i for i, g in enumerate(plan.goals, start=1)}
    gaps = journey_gaps(plan)
    if not gaps and plan.goals:
        return [vocabulary("design_phase.journey.no_gaps")]
    return [
        vocabulary(
            "design_phase.journey.gap",
            goal=numbers[goal],
            quadrant=number,
            label=vocabulary.label(quadrant_by_number(number)),
        )
        for goal, number in gaps
    ]


def variant_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """One line per saved variant: name, date, number of moves and its note."""
    return [
        vocabulary(
            "design_phase.variant_line",
            name=variant.name,
            created=variant.created.isoformat(),
            moves=vocabulary.count(len(variant.moves), "activity"),
            note=variant.note or "",
        ).strip()
        for variant in _plan(case).variants
    ]


def rhythm_table(rhythm: Rhythm, vocabulary: Vocabulary) -> pd.DataFrame:
    """Share of the week's day parts per setting (settings in use only)."""
    v = vocabulary
    rows = [[v.label(s), v.percent(share)] for s, share in setting_shares(rhythm).items() if share]
    return pd.DataFrame(rows, columns=[v("design_phase.rhythm.setting"), v("design_phase.rhythm.share")])


def rhythm_lines(rhythm: Rhythm, case: Case, vocabulary: Vocabulary) -> list[str]:
    """The rhythm checks in words, or one line saying there are none."""
    warnings = rhythm_checks(rhythm, case.activities)
    return [w.text(vocabulary) for w in warnings] or [vocabulary("design_phase.rhythm.no_warnings")]


def leerfiche_table(case: Case, vocabulary: Vocabulary, fiche_index: int) -> pd.DataFrame:
    """One leerfiche as a two-column table: component and the group's text."""
    v = vocabulary
    fiche = case.leerfiches[fiche_index]
    rows = [[v.label(c), fiche.text(c).strip() or v("leerfiche.empty")] for c in LeerficheComponent]
    return pd.DataFrame(rows, columns=[v("design_phase.leerfiche.component"), v("design_phase.leerfiche.text")])


def reflection_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """Per reflectieweb: the largest disagreements and the action points."""
    v = vocabulary
    lines = []
    for web in case.reflection_webs:
        for item in disagreements(web):
            scores = ", ".join(f"{v.label(r)} {s}" for r, s in item.scores.items())
            lines.append(v("design_phase.reflection.disagreement", title=web.title, criterion=item.criterion.text,
                           spread=item.spread, scores=scores))  # fmt: skip
        lines += [v("design_phase.reflection.action", title=web.title, text=point) for point in web.action_points]
    return lines


def design_sections(case: Case, vocabulary: Vocabulary) -> list[ReportSection]:
    """The report's chapters, from the same builders as the live notebook."""
    v = vocabulary
    plan = _plan(case)
    sections = [
        ReportSection(
            v("design_phase.focus"), "focus", v("design_phase.focus.intro"),
            [*_continuum_fragments(case, v), *([table_html(goals_table(case, v), v)] if plan.goals else [])],
            items=[*focus_lines(case, v), *_continuum_lines(case, v)],
        ),
        ReportSection(
            v("design_phase.perspectives"), "perspectieven", v("design_phase.perspectives.intro"),
            [table_html(perspective_table(case, v), v), table_html(decisions_table(case, v), v)],
            items=unanswered_lines(case, v),
        ),
        ReportSection(
            v("design_phase.journey"), "student-journey", v("design_phase.journey.intro"),
            [figure_html(journey_map(case, v)), figure_html(coverage_heatmap(plan, v))],
            items=journey_gap_lines(case, v),
        ),
    ]  # fmt: skip
    variant_figures: list[Markup] = []
    for variant in plan.variants:
        variant_figures += [figure_html(shift_map(case, variant, v)), figure_html(shift_bars(case, variant, v))]
    if plan.variants:
        variant_figures.append(figure_html(variant_comparison(case, v)))
    sections.append(
        ReportSection(
            v("design_phase.variants"), "schuiven", v("design_phase.variants.intro"), variant_figures,
            items=variant_lines(case, v) or [v("design_phase.variants.empty")],
        )
    )  # fmt: skip
    rhythm_fragments: list[Markup] = []
    rhythm_items: list[str] = []
    if case.rhythm is not None:
        rhythm_fragments += [
            figure_html(rhythm_grid(case.rhythm, v)),
            table_html(rhythm_table(case.rhythm, v), v),
        ]
        rhythm_items += rhythm_lines(case.rhythm, case, v)
    for variant in plan.variants:
        if variant.rhythm is not None:
            title = v("design_phase.rhythm.variant_title", variant=variant.name)
            rhythm_fragments.append(figure_html(rhythm_grid(variant.rhythm, v, title=title)))
            rhythm_items += [f"{variant.name}: {line}" for line in rhythm_lines(variant.rhythm, case, v)]
    sections.append(
        ReportSection(
            v("design_phase.rhythm"),
            "ritme",
            v("design_phase.rhythm.intro"),
            rhythm_fragments,
            items=rhythm_items or [v("design_phase.rhythm.empty")],
        )
    )
    fiche_items = []
    for fiche in case.leerfiches:
        fiche_items.append(
            v("design_phase.leerfiche.summary", title=fiche.title, completeness=v.percent(completeness(fiche)))
        )
        missing = missing_components(fiche)
        if missing:
            fiche_items.append(v("design_phase.leerfiche.missing", title=fiche.title,
                                 components=", ".join(v.label(c) for c in missing)))  # fmt: skip
    sections.append(
        ReportSection(
            v("design_phase.leerfiche"), "leerfiche", v("design_phase.leerfiche.intro"),
            [table_html(leerfiche_table(case, v, i), v) for i in range(len(case.leerfiches))],
            items=fiche_items or [v("design_phase.leerfiche.empty")],
        )
    )  # fmt: skip
    sections.append(
        ReportSection(
            v("design_phase.reflection"), "reflectieweb", v("design_phase.reflection.intro"),
            [figure_html(radar(web, v)) for web in case.reflection_webs],
            items=reflection_lines(case, v) or [v("design_phase.reflection.empty")],
            notes=[v("design_phase.illustrative")],
        )
    )  # fmt: skip
    return sections


def design_report(case: Case, vocabulary: Vocabulary, *, generated: dt.datetime | None = None) -> str:
    """The whole design report as one offline HTML page."""
    return render_report(DESIGN, case, vocabulary, design_sections(case, vocabulary), generated=generated)


def write_design_report(case: Case, vocabulary: Vocabulary, output_dir: Path) -> Path:
    """Render and write the report atomically; returns its path."""
    return write_report(design_report(case, vocabulary), report_path(output_dir, DESIGN, vocabulary.language, case.id))
