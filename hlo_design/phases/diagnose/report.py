"""The diagnosis report, and the tables and lines the notebook's sections show too.

Six parts, in meeting order: situation sketch, inventory of learning
activities, findings in the model, HLO scan, role map and the report. Every
part exists twice — live (widgets and figures for the meeting) and on paper
(a report section) — built from the same functions, so the report says what
the meeting saw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from hlo_design.analysis.case_warnings import case_warnings, warning_line
from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.analysis.role_map import analyse_role_map
from hlo_design.analysis.scan_comparison import (
    coherence_warnings,
    first_and_latest,
    largest_disagreements,
    latest_scans,
    latest_session,
    warning_text,
)
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DIAGNOSE, report_path
from hlo_design.model.case import Case
from hlo_design.render.figures import quadrant_map, summary_bars
from hlo_design.render.figures.continuum import continuum_strip
from hlo_design.render.figures.environments import environment_comparison
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.render.figures.role_map import role_heatmap, side_share_bars
from hlo_design.render.figures.scan import disagreement_heatmap, movement_heatmap, scan_comparison
from hlo_design.render.map_legend import map_legend_html
from hlo_design.render.report import ReportSection, figure_html, render_report, table_html, write_report
from hlo_design.render.role_map_text import explain, role_map_html
from hlo_design.render.situation import situation_html
from hlo_design.ui.findings_editor import describe_place

__all__ = [
    "DEFAULT_OVERLOAD_THRESHOLD",
    "case_warning_lines",
    "diagnosis_report",
    "diagnosis_sections",
    "disagreement_lines",
    "findings_table",
    "scan_figures",
    "scan_warning_lines",
    "write_diagnosis_report",
]

DEFAULT_OVERLOAD_THRESHOLD = 0.4
"""An actor on 40% or more of the role-map tasks done in the environment is flagged as carrying too much."""


def findings_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """Findings in report order: label, text, place in the model, perspectives they call for."""
    v = vocabulary
    rows = [
        {
            v("findings.label"): finding.label or str(index),
            v("findings.text"): finding.text,
            v("findings.place"): describe_place(finding.place, v),
            v("findings.perspectives"): ", ".join(v.label(p) for p in finding.perspectives) or "—",
        }
        for index, finding in enumerate(case.findings, start=1)
    ]
    return pd.DataFrame(
        rows, columns=[v("findings.label"), v("findings.text"), v("findings.place"), v("findings.perspectives")]
    )


def disagreement_lines(case: Case, vocabulary: Vocabulary, n: int = 3) -> list[str]:
    """The cells of the latest scan session where the groups lie furthest apart, in words, with the date.

    Only the groups of that one session count: an older scan of another group
    is no view of today (see :func:`~hlo_design.analysis.scan_comparison.latest_session`).
    """
    v = vocabulary
    session = latest_session(case.scans)
    lines = []
    for level, perspective, spread, positions in largest_disagreements(session, n):
        if spread == 0:
            continue
        answers = "; ".join(f"{v.label(group)}: {v.label(position)}" for group, position in positions.items())
        lines.append(
            v(
                "diagnose.disagreement",
                level=v.label(level),
                perspective=v.label(perspective),
                steps=v.count(spread, "step"),
                answers=answers,
                date=f"{session[0].date:%d-%m-%Y}",
            )
        )
    return lines


def case_warning_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """Facts of the case that load but cannot be true of a week, prefixed so they read as warnings."""
    prefix = vocabulary("warning.prefix")
    return [f"{prefix[:1].upper()}{prefix[1:]}: {warning_line(w, vocabulary)}" for w in case_warnings(case)]


def scan_figures(case: Case, vocabulary: Vocabulary) -> list[go.Figure]:
    """The latest session side by side, where its groups differ, and — once a group rescanned — the movement."""
    figures = [scan_comparison(case.scans, vocabulary), disagreement_heatmap(case.scans, vocabulary)]
    if first_and_latest(case.scans):
        figures.append(movement_heatmap(case.scans, vocabulary))
    return figures


def scan_warning_lines(case: Case, vocabulary: Vocabulary) -> list[str]:
    """Coherence warnings of each group's latest scan, prefixed with the group."""
    return [
        f"{vocabulary.label(group)}: {warning_text(warning, vocabulary)}"
        for group, scan in latest_scans(case.scans).items()
        for warning in coherence_warnings(scan)
    ]


def diagnosis_sections(
    case: Case, vocabulary: Vocabulary, *, overload_threshold: float = DEFAULT_OVERLOAD_THRESHOLD
) -> list[ReportSection]:
    """The report's chapters, from the same builders as the live notebook."""
    v = vocabulary
    summary = summarise(case.id, case.activities)
    situation: list[Markup] = [situation_html(case, v)]
    if case.continuum:
        situation.append(figure_html(continuum_strip(case.continuum.position, v)))
    if case.rhythm:
        situation.append(figure_html(rhythm_grid(case.rhythm, v)))
    sections = [
        ReportSection(
            v("diagnose.situation"), "situatieschets", v("diagnose.situation.intro"), situation,
            items=case_warning_lines(case, v),
        ),
        ReportSection(
            v("diagnose.inventory"), "inventaris", v("diagnose.inventory.intro"),
            [figure_html(quadrant_map(case, v)), map_legend_html(case, v), figure_html(summary_bars(summary, v)),
             table_html(summary.side_table(v), v), figure_html(environment_comparison(case, v))],
        ),
        ReportSection(
            v("diagnose.findings"), "bevindingen", v("diagnose.findings.intro"),
            [table_html(findings_table(case, v), v)],
        ),
    ]  # fmt: skip
    if case.scans:
        sections.append(
            ReportSection(
                v("diagnose.scan"), "hlo-scan", v("diagnose.scan.intro"),
                [figure_html(figure) for figure in scan_figures(case, v)],
                items=[*disagreement_lines(case, v), *scan_warning_lines(case, v)],
            )
        )  # fmt: skip
    if case.role_map and case.role_map.stickers:
        analysis = analyse_role_map(case, overload_threshold)
        sections.append(
            ReportSection(
                v("diagnose.roles"), "rollen", v("diagnose.roles.intro"),
                [figure_html(role_heatmap(case, v)), figure_html(side_share_bars(case, v)),
                 role_map_html(explain(analysis, v), v)],
                notes=[v("diagnose.roles.illustrative")] if case.role_map.illustrative else [],
            )
        )  # fmt: skip
    sections.append(
        ReportSection(
            v("diagnose.to_design"), "naar-ontwerp", v("diagnose.to_design.intro"), items=_design_inputs(case, v)
        )
    )
    return sections


def _design_inputs(case: Case, vocabulary: Vocabulary) -> Sequence[str]:
    """Per perspective, the findings that call for it: the agenda of the design phase."""
    lines = []
    for perspective in dict.fromkeys(p for f in case.findings for p in f.perspectives):
        labels = [f.label or f.id for f in case.findings if perspective in f.perspectives]
        lines.append(vocabulary("diagnose.to_design.line", perspective=vocabulary.label(perspective),
                                question=vocabulary.question(perspective), findings=", ".join(labels)))  # fmt: skip
    return lines


def diagnosis_report(
    case: Case,
    vocabulary: Vocabulary,
    *,
    overload_threshold: float = DEFAULT_OVERLOAD_THRESHOLD,
    generated: dt.datetime | None = None,
) -> str:
    """The whole diagnosis report as one offline HTML page."""
    sections = diagnosis_sections(case, vocabulary, overload_threshold=overload_threshold)
    return render_report(DIAGNOSE, case, vocabulary, sections, generated=generated)


def write_diagnosis_report(
    case: Case, vocabulary: Vocabulary, output_dir: Path, *, overload_threshold: float = DEFAULT_OVERLOAD_THRESHOLD
) -> Path:
    """Render and write the report atomically; returns its path."""
    text = diagnosis_report(case, vocabulary, overload_threshold=overload_threshold)
    return write_report(text, report_path(output_dir, DIAGNOSE, vocabulary.language, case.id))
