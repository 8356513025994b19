"""The situation sketch: a case at a glance, for the opening minutes of a meeting.

Sector, region, environments, actors, learners, the weekly rhythm and the
chosen place on the school–work continuum with its rationale. Built as
escaped HTML so it reads the same in a dashboard, a notebook and a report.
"""

from __future__ import annotations

import html
from collections import Counter

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case

__all__ = ["situation_html"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def situation_html(case: Case, vocabulary: Vocabulary) -> str:
    """A definition list of the case's key facts plus lists of environments and actors."""
    v = vocabulary
    facts = [
        (v("situation.sector"), case.sector),
        (v("situation.region"), v(f"situation.region.{case.region}")),
        (v("situation.routes"), v.term("routes")),
    ]
    if case.learners:
        count = f" ({case.learners.count})" if case.learners.count else ""
        facts.append((v("situation.learners"), f"{case.learners.description}{count}"))
    if case.continuum:
        facts.append((v("situation.continuum"), f"{v.label(case.continuum.position)} — {case.continuum.rationale}"))
    if case.rhythm and case.rhythm.note:
        facts.append((v("situation.rhythm_note"), case.rhythm.note))
    rows = "".join(f"<dt>{_e(term[:1].upper() + term[1:])}</dt><dd>{_e(value)}</dd>" for term, value in facts)
    summary = f'<p class="hlo-summary">{_e(case.summary)}</p>' if case.summary else ""
    return (
        f'<section class="hlo-situation">{summary}<dl>{rows}</dl>'
        f"<h4>{_e(v('situation.environments'))}</h4>{_environments(case, v)}"
        f"<h4>{_e(v('situation.actors'))}</h4>{_actors(case, v)}</section>"
    )


def _environments(case: Case, vocabulary: Vocabulary) -> str:
    items = []
    for environment in case.environments:
        hours = sum(a.hours_per_week for a in case.activities if a.environment == environment.id)
        where = f" · {_e(environment.location)}" if environment.location else ""
        hours_text = vocabulary("situation.hours", hours=f"{hours:g}")
        description = f"<br><small>{_e(environment.description)}</small>" if environment.description else ""
        items.append(f"<li><b>{_e(environment.name)}</b>{where} · {_e(hours_text)}{description}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _actors(case: Case, vocabulary: Vocabulary) -> str:
    per_type = Counter(actor.type for actor in case.actors)
    items = [
        f"<li><b>{_e(actor.name)}</b> — {_e(vocabulary.label(actor.type))}"
        f" ({_e(vocabulary.label(actor.type.side))}){'' if actor.count == 1 else f' × {actor.count}'}</li>"
        for actor in case.actors
    ]
    counts = ", ".join(f"{n} × {vocabulary.label(kind)}" for kind, n in per_type.items())
    return f"<ul>{''.join(items)}</ul><p><small>{_e(counts)}</small></p>"
