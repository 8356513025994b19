"""What a participant's phone shows: the forms of a meeting, described as data.

The phone page (``templates/meeting/join.html``) is one small script that
draws whatever this module describes, so every word, option and limit comes
from the vocabulary and the case here, in Python, where it is tested; the
page has no knowledge of the model. A form is a kind of contribution
(:class:`hlo_design.meeting.contributions.Kind`) with its fields; the field
names are those of the payload models, so what the page sends is what
:func:`hlo_design.meeting.contributions.check_contribution` checks.

Public API: :func:`join_choices`, :func:`participant_forms`, :func:`payload_from_form`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.meeting.contributions import DOTS_PER_PARTICIPANT, MAX_TEXT, PHASE_KINDS, Kind, rater_of, scan_group_of
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Quadrant
from hlo_design.model.roles import task_catalogue
from hlo_design.model.valorisation import STRENGTH_MAX, Audience, Corner

__all__ = ["join_choices", "participant_forms", "payload_from_form"]

Field = dict[str, Any]
Options = list[tuple[str, str]]


def join_choices(case: Case, phase: str, vocabulary: Vocabulary) -> dict[str, Any]:
    """What the join step shows: the case, the phase and the actors to choose from (with their group)."""
    return {
        "case": case.name,
        "phase": vocabulary(f"landing.phase.{phase}"),
        "actors": [(actor.id, actor.name) for actor in case.actors],
    }


def participant_forms(case: Case, phase: str, actor_id: str, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """The forms the participant can fill in, in the order of the phase's exercises."""
    actor_type = case.actor(actor_id).type
    forms = []
    for kind in PHASE_KINDS[phase]:
        fields = _FIELDS[kind](case, vocabulary)
        needs_voice = kind in (Kind.SCAN_CELL, Kind.RATING)
        if not fields or (needs_voice and scan_group_of(actor_type) is None):
            continue
        if kind is Kind.RATING and rater_of(actor_type) is None:
            continue
        rater = rater_of(actor_type)
        role = vocabulary.label(rater) if rater else ""
        help_text = vocabulary(f"Kind.{kind.value}.help", role=role, dots=DOTS_PER_PARTICIPANT)
        forms.append({"kind": kind.value, "title": vocabulary.label(kind), "help": help_text, "fields": fields})
    return forms


def _enum_options(members: Iterable[Enum], vocabulary: Vocabulary) -> Options:
    return [(member.value, vocabulary.label(member)) for member in members]


def _select(name: str, options: Options, vocabulary: Vocabulary, *, required: bool = True) -> Field:
    return {"name": name, "type": "select", "label": vocabulary(f"join.field.{name}"), "options": options,
            "required": required}  # fmt: skip


def _multi(name: str, options: Options, vocabulary: Vocabulary, *, required: bool = False) -> Field:
    return {"name": name, "type": "multi", "label": vocabulary(f"join.field.{name}"), "options": options,
            "required": required}  # fmt: skip


def _text(name: str, vocabulary: Vocabulary, *, required: bool = True) -> Field:
    return {"name": name, "type": "text", "label": vocabulary(f"join.field.{name}"), "max": MAX_TEXT,
            "required": required}  # fmt: skip


def _levels(vocabulary: Vocabulary, *, required: bool = True) -> Field:
    return _select("level", _enum_options(Level, vocabulary), vocabulary, required=required)


def _perspectives(vocabulary: Vocabulary) -> Field:
    return _multi("perspectives", _enum_options(Perspective, vocabulary), vocabulary)


def _sticker_fields(_case: Case, vocabulary: Vocabulary) -> list[Field]:
    tasks = [
        (task.id, f"{vocabulary.label(task.process)} · {vocabulary(f'rolemap.task.{task.id}')}")
        for task in task_catalogue()
    ]
    together = {"name": "together", "type": "check", "label": vocabulary("join.together"), "required": False}
    return [_select("task", tasks, vocabulary), _levels(vocabulary), together]


def _scan_fields(_case: Case, vocabulary: Vocabulary) -> list[Field]:
    return [
        _levels(vocabulary),
        _select("perspective", _enum_options(Perspective, vocabulary), vocabulary),
        _select("position", _enum_options(ContinuumPosition, vocabulary), vocabulary),
        _text("explanation", vocabulary, required=False),
    ]


def _finding_fields(_case: Case, vocabulary: Vocabulary) -> list[Field]:
    places = [("", vocabulary("join.model"))]
    quadrants = sorted(Quadrant, key=lambda quadrant: quadrant.number)
    places += [(str(quadrant.number), f"{quadrant.number}. {vocabulary.label(quadrant)}") for quadrant in quadrants]
    quadrant = _select("quadrant", places, vocabulary, required=False)
    return [_text("text", vocabulary), quadrant, _perspectives(vocabulary)]


def _dot_fields(case: Case, vocabulary: Vocabulary) -> list[Field]:
    decisions = case.design.decisions if case.design else []
    options = [(d.id, f"{vocabulary.label(d.perspective)} · {d.text}") for d in decisions]
    return [_select("decision", options, vocabulary)] if options else []


def _rating_fields(case: Case, vocabulary: Vocabulary) -> list[Field]:
    criteria = [(f"{web.id}/{c.id}", f"{web.title} · {c.text}") for web in case.reflection_webs for c in web.criteria]
    if not criteria:
        return []
    scale = max(web.scale_max for web in case.reflection_webs)
    score = {"name": "score", "type": "scale", "label": vocabulary("join.field.score"), "min": 1, "max": scale,
             "required": True}  # fmt: skip
    return [_select("criterion", criteria, vocabulary), score]


def _lesson_fields(_case: Case, vocabulary: Vocabulary) -> list[Field]:
    audience = _multi("audience", _enum_options(Audience, vocabulary), vocabulary, required=True)
    return [_text("text", vocabulary), _perspectives(vocabulary), _levels(vocabulary, required=False), audience]


def _corner_fields(_case: Case, vocabulary: Vocabulary) -> list[Field]:
    strength = {"name": "strength", "type": "scale", "label": vocabulary("join.field.strength"), "min": 0,
                "max": STRENGTH_MAX, "required": True}  # fmt: skip
    return [_select("corner", _enum_options(Corner, vocabulary), vocabulary), strength]


_FIELDS: dict[Kind, Any] = {
    Kind.STICKER: _sticker_fields,
    Kind.SCAN_CELL: _scan_fields,
    Kind.FINDING: _finding_fields,
    Kind.DOT: _dot_fields,
    Kind.RATING: _rating_fields,
    Kind.LESSON: _lesson_fields,
    Kind.CORNER: _corner_fields,
}


def payload_from_form(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """The raw payload for :func:`~hlo_design.meeting.contributions.check_contribution` from what a form sent.

    Forms send strings; a few fields need a shape: the quadrant is a number or
    the whole model, and a reflection criterion is chosen as ``web/criterion``.
    """
    raw = dict(values)
    if kind is Kind.FINDING:
        quadrant = raw.get("quadrant")
        raw["quadrant"] = int(quadrant) if isinstance(quadrant, str) and quadrant.isdigit() else None
    if kind is Kind.RATING and isinstance(raw.get("criterion"), str) and "/" in raw["criterion"]:
        raw["web"], raw["criterion"] = raw["criterion"].split("/", 1)
    return raw
