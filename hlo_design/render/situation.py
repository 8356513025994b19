"""The situation sketch: a case at a glance, for the opening minutes of a meeting.

Sector, region, environments, actors, learners, the weekly rhythm and the
chosen place on the school–work continuum with its rationale. Rendered from
``templates/situation.html.j2`` (autoescaped) so it reads the same in a
dashboard, a notebook and a report, and participant text stays text.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.render.html_fragments import fragment

__all__ = ["situation_html"]


def situation_html(case: Case, vocabulary: Vocabulary) -> Markup:
    """A definition list of the case's key facts plus lists of environments and actors."""
    return fragment(
        "situation.html.j2",
        t=vocabulary,
        summary=case.summary,
        facts=_facts(case, vocabulary),
        environments=_environments(case, vocabulary),
        actors=_actors(case, vocabulary),
        counts=", ".join(
            f"{n} × {vocabulary.label(kind)}" for kind, n in Counter(actor.type for actor in case.actors).items()
        ),
    )


def _facts(case: Case, vocabulary: Vocabulary) -> list[tuple[str, str]]:
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
    return [(term[:1].upper() + term[1:], str(value)) for term, value in facts]


def _environments(case: Case, vocabulary: Vocabulary) -> list[dict[str, str]]:
    """Name, place, weekly hours (in words) and description of each environment."""
    return [
        {
            "name": environment.name,
            "location": environment.location or "",
            "hours": vocabulary(
                "situation.hours",
                hours=vocabulary.number(
                    sum(a.hours_per_week for a in case.activities if a.environment == environment.id), 2
                ),
            ),
            "description": environment.description or "",
        }
        for environment in case.environments
    ]


def _actors(case: Case, vocabulary: Vocabulary) -> list[dict[str, str]]:
    """Name, type, side and (when more than one) how many of each actor."""
    return [
        {
            "name": actor.name,
            "type": vocabulary.label(actor.type),
            "side": vocabulary.label(actor.type.side),
            "count": "" if actor.count == 1 else f" × {actor.count}",
        }
        for actor in case.actors
    ]
