"""The participant side of a meeting, without the web: look up a code, join, get forms, contribute.

:class:`Participation` is what the server's ``/join`` handlers call; it holds
no web code, so the rules are tested directly: a code reaches only an open
meeting, a participant's token reaches only their own meeting, the case is
read by id from the cases folder (never a path from the request), every
contribution is checked against the case before it is stored, and each
participant may send at most :data:`BURST` contributions at once and
:data:`PER_MINUTE` a minute on average.

Every refusal is a :class:`Refusal` with an HTTP status and a message key
(``join.*`` in ``data/messages/meeting.yaml``), so the phone shows a sentence,
in the participant's language, that says what to do.

Public API: :class:`Participation`, :class:`Refusal`, :data:`MAX_BODY_BYTES`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.casefile.loading import load_case, resolve_case_id
from hlo_design.meeting.contributions import (
    DOTS_PER_PARTICIPANT,
    ContributionError,
    Kind,
    check_contribution,
    clean_text,
)
from hlo_design.meeting.forms import join_choices, participant_forms, payload_from_form
from hlo_design.meeting.store import Contribution, Meeting, MeetingStore, Participant
from hlo_design.model.case import Case

__all__ = ["BURST", "JOIN_URL_ENV", "MAX_BODY_BYTES", "PER_MINUTE", "Participation", "Refusal"]

JOIN_URL_ENV = "HLO_DESIGN_JOIN_URL"
"""Set by ``hlo-design serve`` for its kernels: the address phones open, shown with the QR code."""
MAX_BODY_BYTES = 8 * 1024
"""Largest request a phone may send; a contribution is a few hundred bytes."""
BURST = 20
PER_MINUTE = 60
MAX_NAME = 60


class Refusal(Exception):
    """A request the server turns down: ``status`` for HTTP, ``key`` and ``fields`` for the message."""

    def __init__(self, status: int, key: str, **fields: str) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.fields = fields

    def message(self, vocabulary: Vocabulary) -> str:
        """The sentence for the phone; a field is named as its form names it."""
        fields = dict(self.fields)
        if "field" in fields and vocabulary.has(f"join.field.{fields['field']}"):
            fields["field"] = vocabulary(f"join.field.{fields['field']}")
        return vocabulary(f"join.{self.key}", **fields)


@dataclass
class _Bucket:
    """A token bucket: ``BURST`` at once, refilled at ``PER_MINUTE`` a minute."""

    tokens: float = BURST
    updated: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.updated) * PER_MINUTE / 60)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Participation:
    """Join and contribute, for one store and one cases folder."""

    def __init__(self, store: MeetingStore, cases_dir: Path) -> None:
        self.store = store
        self.cases_dir = cases_dir
        self._buckets: dict[str, _Bucket] = {}
        self._cases: dict[Path, tuple[int, Case]] = {}
        self._lock = threading.Lock()

    def vocabulary(self, meeting: Meeting | None, language: str) -> Vocabulary:
        """The participant's language, with the regional words of the meeting's case (NL or VL)."""
        region = self.case(meeting).region if meeting else "NL"
        return Vocabulary(language if language in LANGUAGES else LANGUAGES[0], region)

    def lookup(self, code: str) -> Meeting:
        meeting = self.store.open_meeting_by_code(code)
        if meeting is None:
            raise Refusal(404, "wrong_code")
        return meeting

    def choices(self, code: str, language: str) -> dict[str, Any]:
        """What the join step shows for a code."""
        meeting = self.lookup(code)
        return join_choices(self.case(meeting), meeting.phase, self.vocabulary(meeting, language))

    def join(self, code: str, actor: str, name: str | None) -> tuple[Participant, str]:
        meeting = self.lookup(code)
        if actor not in {item.id for item in self.case(meeting).actors}:
            raise Refusal(422, "invalid", field="actor", reason=actor[:40])
        return self.store.join(meeting.id, actor, clean_text(name or "").strip()[:MAX_NAME] or None)

    def participant(self, token: str) -> tuple[Participant, Meeting]:
        """The participant a token belongs to and their meeting, which must still be open."""
        participant = self.store.participant_by_token(token) if token else None
        meeting = self.store.meeting(participant.meeting_id) if participant else None
        if participant is None or meeting is None:
            raise Refusal(401, "unknown_participant")
        if not meeting.is_open:
            raise Refusal(410, "closed")
        return participant, meeting

    def forms(self, token: str, language: str) -> dict[str, Any]:
        participant, meeting = self.participant(token)
        vocabulary = self.vocabulary(meeting, language)
        case = self.case(meeting)
        return {
            "case": case.name,
            "phase": vocabulary(f"landing.phase.{meeting.phase}"),
            "actor": case.actor(participant.actor).name,
            "forms": participant_forms(case, meeting.phase, participant.actor, vocabulary),
            "sent": self.sent(participant),
        }

    def contribute(self, token: str, kind_name: str, values: dict[str, Any]) -> Contribution:
        """Check and store one contribution; a :class:`Refusal` says why not."""
        participant, meeting = self.participant(token)
        if not self._take(participant.id):
            raise Refusal(429, "too_many")
        if kind_name == Kind.DOT.value and self._dots(participant) >= DOTS_PER_PARTICIPANT:
            raise Refusal(409, "no_dots_left", dots=str(DOTS_PER_PARTICIPANT))
        try:
            kind = Kind(kind_name)
            raw = payload_from_form(kind, values)
            payload = check_contribution(self.case(meeting), meeting.phase, participant.actor, kind, raw)
        except ValueError as error:
            where = error.field if isinstance(error, ContributionError) else "kind"
            raise Refusal(422, "invalid", field=where, reason=str(error)[:200]) from None
        return self.store.add(participant, kind, payload.model_dump(mode="json"))

    def _dots(self, participant: Participant) -> int:
        mine = self.store.contributions(participant.meeting_id)
        return sum(1 for item in mine if item.participant_id == participant.id and item.kind is Kind.DOT)

    def sent(self, participant: Participant) -> int:
        """How many contributions the participant has sent: one COUNT, not every row of the meeting decoded.

        It is answered after every contribution, so reading the meeting's rows made each send cost more
        the longer the meeting ran (33 ms of the server's CPU at 900 rows; ``benchmarks/bench_meeting_load.py``).
        """
        return self.store.count(participant.meeting_id, participant_id=participant.id)

    def case(self, meeting: Meeting) -> Case:
        """The meeting's case, by id from the cases folder; read again only when the file changed."""
        path = resolve_case_id(meeting.case_id, self.cases_dir)
        stamp = path.stat().st_mtime_ns
        with self._lock:
            cached = self._cases.get(path)
            if cached is None or cached[0] != stamp:
                cached = (stamp, load_case(path))
                self._cases[path] = cached
            return cached[1]

    def _take(self, participant_id: str) -> bool:
        with self._lock:
            return self._buckets.setdefault(participant_id, _Bucket()).take()
