"""Valorisation figures: test moments before/after, the four corners, the action plan."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from hlo_design.analysis.valorisation_tables import action_progress
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.valorisation import STRENGTH_MAX, ActionStatus, Corner, Valorisation
from hlo_design.render.figures.empty import empty_figure
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout, safe

__all__ = ["action_plan_chart", "corner_chart", "test_moment_chart", "wrap"]

STATUS_COLOURS = {
    ActionStatus.PLANNED: OKABE_ITO[4],
    ActionStatus.STARTED: OKABE_ITO[1],
    ActionStatus.DONE: OKABE_ITO[2],
    ActionStatus.ON_HOLD: OKABE_ITO[5],
}
STATUS_PATTERNS = {
    ActionStatus.PLANNED: "",
    ActionStatus.STARTED: "/",
    ActionStatus.DONE: "",
    ActionStatus.ON_HOLD: "x",
}


def wrap(text: str, width: int = 34) -> str:
    """Escape ``text`` and break it into lines of about ``width`` characters for a plotly label."""
    return "<br>".join(safe(line) for line in textwrap.wrap(text, width) or [""])


def _case_name(case: Case | None) -> str:
    return safe(case.name) if case is not None else ""


def test_moment_chart(valorisation: Valorisation, vocabulary: Vocabulary, *, case: Case | None = None) -> go.Figure:  # noqa: PT028 - figure of test moments, not a pytest test
    """A dumbbell per test moment: score before (circle) and after (diamond), the difference as text.

    Activities named by id are shown by their name when ``case`` is given;
    moments without a measurement are listed with "no measurement".
    """
    title = vocabulary("valorisation.test_title", case=_case_name(case))
    if not valorisation.test_moments:
        return empty_figure(vocabulary, title, vocabulary("valorisation.no_test_moments"))
    names = {a.id: a.name for a in case.activities} if case is not None else {}
    moments = list(reversed(valorisation.test_moments))  # first moment on top
    labels = [
        wrap(names.get(m.activity, m.activity), 40)
        + "<br>"
        + wrap(f"{m.group} ({m.learners})", 40)
        + ("*" if m.illustrative else "")
        for m in moments
    ]
    draft = Draft()
    for label, moment in zip(labels, moments, strict=True):
        if moment.before is not None and moment.after is not None:
            draft.add_trace(
                go.Scatter(
                    x=[moment.before, moment.after], y=[label, label], mode="lines",
                    line={"color": "#888888", "width": 4}, showlegend=False, hoverinfo="skip",
                )
            )  # fmt: skip
    for name, colour, symbol, attribute in (
        (vocabulary("valorisation.before"), OKABE_ITO[0], "circle", "before"),
        (vocabulary("valorisation.after"), OKABE_ITO[1], "diamond", "after"),
    ):
        shown = [
            (label, getattr(m, attribute))
            for label, m in zip(labels, moments, strict=True)
            if getattr(m, attribute) is not None
        ]
        draft.add_trace(
            go.Scatter(
                x=[value for _, value in shown], y=[label for label, _ in shown], mode="markers", name=name,
                marker={"color": colour, "symbol": symbol, "size": 20, "line": {"color": "white", "width": 1.5}},
            )
        )  # fmt: skip
    for label, moment in zip(labels, moments, strict=True):
        delta = moment.delta
        text = (
            vocabulary("valorisation.delta", delta=vocabulary.signed(delta))
            if delta is not None
            else vocabulary("valorisation.no_measure")
        )
        x = max(moment.before or moment.scale_min, moment.after or moment.scale_min)
        draft.add_annotation(
            x=x, y=label, text=f"<b>{text}</b>", showarrow=False, xanchor="left", xshift=18, font={"size": 17}
        )
    low = min(m.scale_min for m in moments)
    high = max(m.scale_max for m in moments)
    draft.update_xaxes(
        title={"text": vocabulary("valorisation.score") + " — " + " · ".join(sorted({safe(m.measure) for m in moments}))},
        range=[low - 0.3, high + (high - low) * 0.2], dtick=1, gridcolor="#dddddd", fixedrange=True,
    )  # fmt: skip
    draft.update_yaxes(automargin=True, fixedrange=True, categoryorder="array", categoryarray=labels)
    if any(m.illustrative for m in moments):
        draft.add_annotation(
            text=vocabulary("valorisation.illustrative"), xref="paper", yref="paper", x=1, y=-0.02,
            xanchor="right", yanchor="top", yshift=-40, showarrow=False, font={"size": 15},
        )  # fmt: skip
    draft.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"})
    height = max(360, 150 + 110 * len(moments))
    return base_layout(draft, vocabulary, title, height=height).figure()


def corner_chart(valorisation: Valorisation, vocabulary: Vocabulary, *, case: Case | None = None) -> go.Figure:
    """The four corners side by side: strength 0–4 as bars, evidence count and impact processes as text."""
    corners = list(Corner)
    labels = [wrap(vocabulary.label(c), 22) for c in corners]
    assessments = [valorisation.corner(c) for c in corners]
    strengths = [float(a.strength) if a is not None else 0.0 for a in assessments]
    texts = []
    for assessment in assessments:
        if assessment is None:
            texts.append(vocabulary("valorisation.not_assessed"))
            continue
        count = vocabulary(
            "valorisation.evidence_count", evidence=vocabulary.count(len(assessment.evidence), "evidence")
        )
        text = f"<b>{assessment.strength}</b> · {count}"
        if assessment.impact_processes:
            processes = ", ".join(vocabulary.label(p) for p in assessment.impact_processes)
            text += "<br>" + wrap(vocabulary("valorisation.impact_processes", processes=processes), 28)
        texts.append(text)
    draft = Draft(
        go.Bar(
            x=labels, y=strengths,
            marker={"color": [OKABE_ITO[i] for i in range(4)], "pattern": {"shape": ["", "/", ".", "x"]}},
            hoverinfo="x+y", showlegend=False,
        )
    )  # fmt: skip
    for label, strength, text in zip(labels, strengths, texts, strict=True):
        draft.add_annotation(
            x=label, y=strength, text=text, showarrow=False, yanchor="bottom", yshift=6, font={"size": 16}
        )
    draft.update_yaxes(
        title={"text": vocabulary("valorisation.strength")}, range=[0, STRENGTH_MAX + 1.1], dtick=1,
        gridcolor="#dddddd", fixedrange=True,
    )  # fmt: skip
    draft.update_xaxes(fixedrange=True)
    draft.add_annotation(
        text=wrap(vocabulary("valorisation.strength_rule"), 120), xref="paper", yref="paper", x=0, y=-0.3,
        xanchor="left", yanchor="top", showarrow=False, align="left", font={"size": 14},
    )  # fmt: skip
    draft = base_layout(draft, vocabulary, vocabulary("valorisation.corner_title", case=_case_name(case)), height=620)
    draft.update_layout(margin={"b": 190})
    return draft.figure()


def action_plan_chart(valorisation: Valorisation, vocabulary: Vocabulary, *, case: Case | None = None) -> go.Figure:
    """Actions per action area as horizontal bars stacked by status (planned, started, done, on hold).

    Areas without any action yet would be bars of zero on an empty axis: then the chart says what to do.
    """
    title = vocabulary("valorisation.action_title", case=_case_name(case))
    progress = action_progress(valorisation).iloc[::-1]  # first area on top
    if not progress["total"].sum():
        return empty_figure(vocabulary, title, vocabulary("valorisation.no_actions"))
    labels = [wrap(str(name), 30) for name in progress["name"]]
    draft = Draft()
    for status in ActionStatus:
        counts = [int(n) for n in progress[status.value]]
        draft.add_trace(
            go.Bar(
                orientation="h", y=labels, x=counts, name=vocabulary.label(status),
                text=[str(n) if n else "" for n in counts], textposition="inside", insidetextanchor="middle",
                marker={"color": STATUS_COLOURS[status], "pattern": {"shape": STATUS_PATTERNS[status]}},
            )
        )  # fmt: skip
    draft.update_layout(
        barmode="stack",
        uniformtext={"minsize": 16, "mode": "show"},
        legend={"orientation": "h", "traceorder": "normal", "y": -0.18, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    draft.update_xaxes(
        title={"text": vocabulary("valorisation.actions")}, dtick=1, gridcolor="#dddddd", fixedrange=True
    )
    draft.update_yaxes(automargin=True, fixedrange=True)
    height = max(380, 220 + 100 * len(progress))
    draft = base_layout(draft, vocabulary, title, height=height)
    draft.update_layout(margin={"b": 130})
    return draft.figure()
