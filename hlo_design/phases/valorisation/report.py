"""The valorisation report, and the tables and lines the notebook's sections show too.

Five parts, in meeting order: test moments, lessons learned, the four corners
of the in-between space, the action plan and the report. Like the diagnosis,
every part exists live (editors and figures) and on paper (a report section),
built from the same tables and figures so the report says what the meeting saw.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd

from hlo_design.analysis.valorisation_tables import lessons_by
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import VALORISATION, report_path
from hlo_design.model.case import Case
from hlo_design.model.valorisation import Audience, Corner, Valorisation
from hlo_design.render.figures.valorisation import action_plan_chart, corner_chart, test_moment_chart
from hlo_design.render.report import ReportSection, figure_html, render_report, table_html, write_report

__all__ = [
    "action_table",
    "competence_table",
    "corner_table",
    "has_action_plan",
    "lesson_table",
    "lessons_per_audience",
    "success_factor_table",
    "test_moment_table",
    "valorisation_of",
    "valorisation_report",
    "valorisation_sections",
    "write_valorisation_report",
]


def valorisation_of(case: Case) -> Valorisation:
    """The case's valorisation section, empty when the case has none yet."""
    return case.valorisation if case.valorisation is not None else Valorisation()


def _number(value: float | None, vocabulary: Vocabulary) -> str:
    """A measured score in the language's decimals, or a dash when it was not measured."""
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else vocabulary.number(value, 2)


def test_moment_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """One row per test moment: date, activity, group, learners, measure, before, after, difference, changes."""
    v = vocabulary
    names = {a.id: a.name for a in case.activities}
    keys = ["date", "activity", "group", "learners", "measure", "before", "after", "delta", "changes"]
    columns = [v(f"valorisation_phase.col.{key}") for key in keys]
    rows = [
        [
            m.date.isoformat(), names.get(m.activity, m.activity), m.group, m.learners, m.measure,
            _number(m.before, v), _number(m.after, v), "—" if m.delta is None else v.signed(m.delta), m.changes,
        ]
        for m in valorisation_of(case).test_moments
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def lesson_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """One row per lesson learned: text, perspectives, level and audiences."""
    v = vocabulary
    keys = ["lesson", "perspectives", "level", "audience"]
    rows = [
        [
            lesson.text,
            ", ".join(v.label(p) for p in lesson.perspectives) or "—",
            v.label(lesson.level) if lesson.level is not None else "—",
            ", ".join(v.label(a) for a in lesson.audience),
        ]
        for lesson in valorisation_of(case).lessons
    ]
    return pd.DataFrame(rows, columns=[v(f"valorisation_phase.col.{key}") for key in keys])


def lessons_per_audience(case: Case, vocabulary: Vocabulary) -> list[str]:
    """Per audience a line with its lessons, for sharing with the learning network."""
    valorisation = valorisation_of(case)
    lines = []
    for audience in Audience:
        lessons = lessons_by(valorisation, audience)
        if lessons:
            head = vocabulary(
                "valorisation_phase.lessons.for",
                audience=vocabulary.label(audience),
                lessons=vocabulary.count(len(lessons), "lesson"),
            )
            lines.append(f"{head} — " + " · ".join(lesson.text for lesson in lessons))
    return lines


def corner_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """One row per corner in the documents' order: strength, evidence (one per line) and impact processes."""
    v = vocabulary
    valorisation = valorisation_of(case)
    keys = ["corner", "strength", "evidence", "processes"]
    rows = []
    for corner in Corner:
        assessment = valorisation.corner(corner)
        if assessment is None:
            rows.append([v.label(corner), v("valorisation.not_assessed"), "—", "—"])
            continue
        rows.append(
            [
                v.label(corner),
                str(assessment.strength),
                " · ".join(assessment.evidence) or "—",
                ", ".join(v.label(p) for p in assessment.impact_processes) or "—",
            ]
        )
    return pd.DataFrame(rows, columns=[v(f"valorisation_phase.col.{key}") for key in keys])


def has_action_plan(valorisation: Valorisation) -> bool:
    """True when any part of an action plan was recorded."""
    return bool(
        valorisation.action_areas
        or valorisation.actions
        or valorisation.preconditions
        or valorisation.success_factors
        or valorisation.competences
    )


def action_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """One row per action, grouped by action area in file order: area, action, owner, horizon, status."""
    v = vocabulary
    valorisation = valorisation_of(case)
    areas = {area.id: area.name for area in valorisation.action_areas}
    order = {area.id: i for i, area in enumerate(valorisation.action_areas)}
    actions = sorted(valorisation.actions, key=lambda a: order.get(a.area, len(order)))
    keys = ["area", "action", "owner", "horizon", "status"]
    rows = [[areas.get(a.area, a.area), a.text, a.owner, v.label(a.horizon), v.label(a.status)] for a in actions]
    return pd.DataFrame(rows, columns=[v(f"valorisation_phase.col.{key}") for key in keys])


def success_factor_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """The critical success factors as a checklist: factor, status, note."""
    v = vocabulary
    keys = ["factor", "status", "note"]
    rows = [[v.label(f.factor), v.label(f.status), f.note or "—"] for f in valorisation_of(case).success_factors]
    return pd.DataFrame(rows, columns=[v(f"valorisation_phase.col.{key}") for key in keys])


def competence_table(case: Case, vocabulary: Vocabulary) -> pd.DataFrame:
    """The competence table: technology, kind (technical or 21st-century), competence."""
    v = vocabulary
    keys = ["technology", "kind", "competence"]
    rows = [[c.technology, v.label(c.kind), c.text] for c in valorisation_of(case).competences]
    return pd.DataFrame(rows, columns=[v(f"valorisation_phase.col.{key}") for key in keys])


def valorisation_sections(case: Case, vocabulary: Vocabulary) -> list[ReportSection]:
    """The report's chapters, from the same builders as the live notebook."""
    v = vocabulary
    valorisation = valorisation_of(case)
    illustrative = [v("valorisation_phase.illustrative_note")]
    tests = (
        [
            figure_html(test_moment_chart(valorisation, v, case=case)),
            table_html(test_moment_table(case, v), v),
        ]
        if valorisation.test_moments
        else []
    )
    sections = [
        ReportSection(
            v("valorisation_phase.tests"), "testmomenten", v("valorisation_phase.tests.intro"), tests,
            notes=[] if tests else [v("valorisation_phase.tests.empty")],
        ),
        ReportSection(
            v("valorisation_phase.lessons"), "lessen", v("valorisation_phase.lessons.intro"),
            [table_html(lesson_table(case, v), v)] if valorisation.lessons else [],
            notes=[] if valorisation.lessons else [v("valorisation_phase.lessons.empty")],
        ),
        ReportSection(
            v("valorisation_phase.corners"), "hoekpunten", v("valorisation_phase.corners.intro"),
            [figure_html(corner_chart(valorisation, v, case=case)), table_html(corner_table(case, v), v)],
            notes=illustrative if any(c.illustrative for c in valorisation.corners) else [],
        ),
    ]  # fmt: skip
    if has_action_plan(valorisation):
        fragments = [figure_html(action_plan_chart(valorisation, v, case=case))] if valorisation.action_areas else []
        fragments.append(table_html(action_table(case, v), v))
        if valorisation.success_factors:
            fragments.append(table_html(success_factor_table(case, v), v))
        if valorisation.competences:
            fragments.append(table_html(competence_table(case, v), v))
        sections.append(
            ReportSection(
                v("valorisation_phase.actions"), "actieplan", v("valorisation_phase.actions.intro"), fragments,
                items=[f"{v('valorisation_phase.preconditions')}: {p.text}" for p in valorisation.preconditions],
            )
        )  # fmt: skip
    else:
        sections.append(
            ReportSection(v("valorisation_phase.actions"), "actieplan", notes=[v("valorisation_phase.actions.empty")])
        )
    sections.append(
        ReportSection(
            v("valorisation_phase.to_network"), "lerend-netwerk", v("valorisation_phase.to_network.intro"),
            items=lessons_per_audience(case, v),
        )
    )  # fmt: skip
    return sections


def valorisation_report(case: Case, vocabulary: Vocabulary, *, generated: dt.datetime | None = None) -> str:
    """The whole valorisation report as one offline HTML page."""
    return render_report(VALORISATION, case, vocabulary, valorisation_sections(case, vocabulary), generated=generated)


def write_valorisation_report(case: Case, vocabulary: Vocabulary, output_dir: Path) -> Path:
    """Render and write the report atomically to ``<output_dir>/<case>/valorisation[.en].html``."""
    text = valorisation_report(case, vocabulary)
    return write_report(text, report_path(output_dir, VALORISATION, vocabulary.language, case.id))
