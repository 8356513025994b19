"""What a participant can send from their phone, checked like the case file itself.

A contribution is one small act of the community: a sticker on the role map,
one cell of the HLO scan, a finding, a dot on a design decision, a score on a
reflection web, a lesson learned, a rating of one of the four corners. Each
kind has a payload model built from the case model's own field types, so a
contribution that is stored is one that the case file would accept; what it
points at (a task, a decision, a criterion) is checked against the case of the
meeting by :func:`check_contribution` before anything is stored.

Who sent it is not part of the payload: the participant's actor (chosen when
joining) fixes the scan group and the reflection rater, so a phone cannot
speak for another group.
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, ValidationError

from hlo_design.base.schema import Identifier, Record
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import check_quadrant_number
from hlo_design.model.reflection import Rater
from hlo_design.model.roles import ActorType, task_catalogue
from hlo_design.model.scan import ScanGroup
from hlo_design.model.valorisation import STRENGTH_MAX, Audience, Corner

__all__ = [
    "DOTS_PER_PARTICIPANT",
    "MAX_TEXT",
    "PHASE_KINDS",
    "ContributionError",
    "CornerPayload",
    "DotPayload",
    "FindingPayload",
    "Kind",
    "LessonPayload",
    "Payload",
    "RatingPayload",
    "ScanCellPayload",
    "StickerPayload",
    "check_contribution",
    "clean_text",
    "rater_of",
    "scan_group_of",
]

MAX_TEXT = 600
"""Longest text a participant can send: a sticky note, not an essay (the server refuses larger bodies anyway)."""

DOTS_PER_PARTICIPANT = 3
"""Dots each participant may put on design decisions in one meeting: a few, so they have to choose."""
KEPT_CONTROLS = "\n\t"


def clean_text(text: str) -> str:
    """Text without control characters but line breaks and tabs (``\\r\\n`` becomes ``\\n``).

    A phone can send anything; a NUL cannot be stored in PostgreSQL text, and an
    escape or bell character has no place in a case file or a report.
    """
    return "".join(char for char in text if char in KEPT_CONTROLS or unicodedata.category(char) != "Cc")


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


ParticipantText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), BeforeValidator(_clean)
]
Explanation = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT), BeforeValidator(_clean)]


class Kind(Enum):
    """The kinds of contribution, one per exercise of the source documents."""

    STICKER = "sticker"
    SCAN_CELL = "scan_cell"
    FINDING = "finding"
    DOT = "dot"
    RATING = "rating"
    LESSON = "lesson"
    CORNER = "corner"


class StickerPayload(Record):
    """A task on the role map that the participant does, at a level, alone or together with the other side."""

    task: Identifier
    level: Level
    together: bool = False


class ScanCellPayload(Record):
    """One cell of the participant's group scan; an empty explanation is allowed, a skipped cell is not sent."""

    level: Level
    perspective: Perspective
    position: ContinuumPosition
    explanation: Explanation = ""


class FindingPayload(Record):
    """A finding proposed from the room: text, a quadrant (or the whole model) and the perspectives it calls for."""

    text: ParticipantText
    quadrant: Annotated[int, Field(ge=1, le=4)] | None = None
    perspectives: list[Perspective] = Field(default_factory=list, max_length=5)


class DotPayload(Record):
    """One dot on a design decision: a vote for what the group should do first."""

    decision: Identifier


class RatingPayload(Record):
    """One score on one criterion of a reflection web, in the participant's own voice."""

    web: Identifier
    criterion: Identifier
    score: int = Field(ge=1, le=10)


class LessonPayload(Record):
    """A lesson learned: what, for which perspectives and level, and for whom."""

    text: ParticipantText
    perspectives: list[Perspective] = Field(default_factory=list, max_length=5)
    level: Level | None = None
    audience: list[Audience] = Field(min_length=1, max_length=3)


class CornerPayload(Record):
    """How strong the participant finds one of the four corners (0 = absent .. STRENGTH_MAX)."""

    corner: Corner
    strength: int = Field(ge=0, le=STRENGTH_MAX)


Payload = StickerPayload | ScanCellPayload | FindingPayload | DotPayload | RatingPayload | LessonPayload | CornerPayload

_PAYLOADS: dict[Kind, type[Record]] = {
    Kind.STICKER: StickerPayload,
    Kind.SCAN_CELL: ScanCellPayload,
    Kind.FINDING: FindingPayload,
    Kind.DOT: DotPayload,
    Kind.RATING: RatingPayload,
    Kind.LESSON: LessonPayload,
    Kind.CORNER: CornerPayload,
}

PHASE_KINDS: dict[str, tuple[Kind, ...]] = {
    "diagnose": (Kind.STICKER, Kind.SCAN_CELL, Kind.FINDING),
    "design": (Kind.DOT, Kind.RATING),
    "valorisation": (Kind.LESSON, Kind.CORNER),
}
"""What participants can do in a meeting of each phase (ids of :data:`hlo_design.base.workflow.PHASES`)."""

_SCAN_GROUPS: dict[ActorType, ScanGroup] = {
    ActorType.TEACHER: ScanGroup.TEACHERS,
    ActorType.INSTRUCTOR: ScanGroup.TEACHERS,
    ActorType.SUPERVISOR: ScanGroup.SUPERVISORS,
    ActorType.WORKPLACE_TRAINER: ScanGroup.SUPERVISORS,
    ActorType.SCHOOL_COORDINATOR: ScanGroup.COORDINATORS,
    ActorType.WORK_COORDINATOR: ScanGroup.COORDINATORS,
    ActorType.POLICY_ADVISER: ScanGroup.COORDINATORS,
    ActorType.LEARNER: ScanGroup.LEARNERS,
}

_RATERS: dict[ScanGroup, Rater] = {
    ScanGroup.TEACHERS: Rater.TEACHER,
    ScanGroup.SUPERVISORS: Rater.MENTOR,
    ScanGroup.LEARNERS: Rater.LEARNER,
}


class ContributionError(ValueError):
    """A contribution that cannot be stored; ``field`` names what to fix, the message says how (English, for logs)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def scan_group_of(actor_type: ActorType) -> ScanGroup | None:
    """The scan group an actor fills in with; ``None`` for actors without one (care recipients)."""
    return _SCAN_GROUPS.get(actor_type)


def rater_of(actor_type: ActorType) -> Rater | None:
    """The voice an actor scores a reflection web in: learner, teacher or mentor (workplace side)."""
    group = scan_group_of(actor_type)
    return None if group is None else _RATERS.get(group)


def check_contribution(case: Case, phase: str, actor_id: str, kind: Kind, raw: Any) -> Payload:
    """The validated payload of a contribution to ``case`` in a meeting of ``phase``, or a :class:`ContributionError`.

    Checks the shape (the payload model), that the kind belongs to the phase,
    and that everything it points at exists in the case.
    """
    if kind not in PHASE_KINDS.get(phase, ()):
        raise ContributionError("kind", f"{kind.value!r} is not part of a {phase} meeting")
    try:
        payload: Payload = _PAYLOADS[kind].model_validate(raw)  # type: ignore[assignment]
    except ValidationError as error:
        first = error.errors()[0]
        raise ContributionError(".".join(map(str, first["loc"])) or "payload", first["msg"]) from None
    _check_references(case, case.actor(actor_id).type, payload)
    return payload


def _check_references(case: Case, actor_type: ActorType, payload: Payload) -> None:
    if isinstance(payload, StickerPayload) and payload.task not in {task.id for task in task_catalogue()}:
        raise ContributionError("task", f"unknown role-map task {payload.task!r}")
    if isinstance(payload, ScanCellPayload | RatingPayload) and scan_group_of(actor_type) is None:
        raise ContributionError("actor", f"a {actor_type.value} has no scan group or reflection voice")
    if isinstance(payload, FindingPayload) and payload.quadrant is not None:
        check_quadrant_number(payload.quadrant)
    if isinstance(payload, DotPayload):
        decisions = case.design.decisions if case.design else []
        if payload.decision not in {decision.id for decision in decisions}:
            raise ContributionError("decision", f"unknown design decision {payload.decision!r}")
    if isinstance(payload, RatingPayload):
        _check_rating(case, actor_type, payload)


def _check_rating(case: Case, actor_type: ActorType, payload: RatingPayload) -> None:
    web = next((web for web in case.reflection_webs if web.id == payload.web), None)
    if web is None:
        raise ContributionError("web", f"unknown reflection web {payload.web!r}")
    if payload.criterion not in {criterion.id for criterion in web.criteria}:
        raise ContributionError("criterion", f"web {web.id!r} has no criterion {payload.criterion!r}")
    if payload.score > web.scale_max:
        raise ContributionError("score", f"web {web.id!r} scores 1..{web.scale_max}, not {payload.score}")
    if rater_of(actor_type) is None:
        raise ContributionError("actor", f"a {actor_type.value} does not score reflection webs")
