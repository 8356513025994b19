"""The meeting store: every contribution an append-only row, in SQLite by default or PostgreSQL by URL.

Why a database and not the case file: thirty phones sending at once would
queue on the case file's lock and a crash mid-save would lose what the room
said. The store takes every contribution as one insert, and nothing is ever
updated or deleted: accepting a contribution into the case file, or undoing
that, is a row of its own in ``decisions`` (who, when, what), so the store
always tells what the room sent and what the coach did with it.

The schema is created and upgraded by Alembic (``hlo_design/meeting/migrations``)
when a store is opened. SQLite runs in WAL mode with a busy timeout, so the
server that takes contributions and the coach's kernel that reads them never
block each other for long.

Public API: :class:`MeetingStore`, :func:`store_url`, the row types
:class:`Meeting`, :class:`Participant`, :class:`Contribution`, and
:class:`Decision`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from hlo_design.meeting.codes import new_code, new_token, normalise_code, token_digest
from hlo_design.meeting.contributions import Kind
from hlo_design.meeting.tables import ContributionRow, DecisionRow, MeetingRow, ParticipantRow

__all__ = [
    "STORE_ENV",
    "Contribution",
    "Decision",
    "Meeting",
    "MeetingStore",
    "Participant",
    "State",
    "store_url",
]

STORE_ENV = "HLO_DESIGN_STORE"
"""Environment variable with the store's SQLAlchemy URL; ``serve --store`` sets it for the server and its kernels."""

MIGRATIONS = Path(__file__).with_name("migrations")
LOOK_BACK = 500
"""How far behind the last seen row a feed reads again: rows of concurrent inserts can commit out of order."""


def store_url(cases_dir: Path) -> str:
    """The store to use: ``$HLO_DESIGN_STORE``, or a SQLite file beside the cases (``<cases>/.meetings.sqlite3``)."""
    return os.environ.get(STORE_ENV) or f"sqlite:///{cases_dir / '.meetings.sqlite3'}"


class State(Enum):
    """Where a contribution stands with the coach."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    UNDONE = "undone"


@dataclass(frozen=True)
class Meeting:
    id: str
    case_id: str
    phase: str
    code: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Participant:
    id: str
    meeting_id: str
    actor: str
    name: str | None
    joined_at: dt.datetime


@dataclass(frozen=True)
class Contribution:
    seq: int
    """Order of arrival in this store; feeds read on from the last one they saw."""
    uid: str
    """Globally unique: the ids of what accepting writes into the case file are made from it."""
    meeting_id: str
    participant_id: str
    kind: Kind
    payload: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True)
class Decision:
    contribution: int
    state: State
    by: str
    at: dt.datetime


class MeetingStore:
    """Meetings, participants, contributions and the coach's decisions, in one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        _upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()

    # ---------------------------------------------------------------- meetings

    def open_meeting(self, case_id: str, phase: str) -> Meeting:
        """A new open meeting with a join code that no other open meeting has."""
        with self._sessions.begin() as session:
            taken = set(session.scalars(select(MeetingRow.code).where(MeetingRow.closed_at.is_(None))))
            code = next(code for code in iter(new_code, None) if code not in taken)
            row = MeetingRow(id=uuid.uuid4().hex, case_id=case_id, phase=phase, code=code, opened_at=_now())
            session.add(row)
        return _meeting(row)

    def close_meeting(self, meeting_id: str) -> Meeting:
        """Close a meeting: its code stops working at once; its contributions stay."""
        with self._sessions.begin() as session:
            row = session.get_one(MeetingRow, meeting_id)
            if row.closed_at is None:
                row.closed_at = _now()
        return _meeting(row)

    def meeting(self, meeting_id: str) -> Meeting | None:
        with self._sessions() as session:
            row = session.get(MeetingRow, meeting_id)
            return None if row is None else _meeting(row)

    def open_meeting_by_code(self, typed: str) -> Meeting | None:
        """The open meeting a typed code belongs to; ``None`` for a wrong, mistyped or expired code."""
        code = normalise_code(typed)
        with self._sessions() as session:
            row = session.scalars(
                select(MeetingRow).where(MeetingRow.code == code, MeetingRow.closed_at.is_(None))
            ).first()
            return None if row is None else _meeting(row)

    def meetings(self, case_id: str | None = None, *, only_open: bool = False) -> list[Meeting]:
        """Meetings, newest first; of one case and/or only the open ones."""
        query = select(MeetingRow).order_by(MeetingRow.opened_at.desc())
        if case_id is not None:
            query = query.where(MeetingRow.case_id == case_id)
        if only_open:
            query = query.where(MeetingRow.closed_at.is_(None))
        with self._sessions() as session:
            return [_meeting(row) for row in session.scalars(query)]

    # ---------------------------------------------------------------- participants

    def join(self, meeting_id: str, actor: str, name: str | None) -> tuple[Participant, str]:
        """Register a participant; returns them and their token (only its digest is stored)."""
        token = new_token()
        row = ParticipantRow(
            id=uuid.uuid4().hex, meeting_id=meeting_id, actor=actor, name=name or None,
            token_digest=token_digest(token), joined_at=_now(),
        )  # fmt: skip
        with self._sessions.begin() as session:
            session.add(row)
        return _participant(row), token

    def participant_by_token(self, token: str) -> Participant | None:
        with self._sessions() as session:
            row = session.scalars(
                select(ParticipantRow).where(ParticipantRow.token_digest == token_digest(token))
            ).first()
            return None if row is None else _participant(row)

    def participants(self, meeting_id: str) -> list[Participant]:
        query = select(ParticipantRow).where(ParticipantRow.meeting_id == meeting_id).order_by(ParticipantRow.joined_at)
        with self._sessions() as session:
            return [_participant(row) for row in session.scalars(query)]

    # ---------------------------------------------------------------- contributions

    def add(self, participant: Participant, kind: Kind, payload: dict[str, Any]) -> Contribution:
        """Store one (already validated) contribution; the insert is the whole write."""
        row = ContributionRow(
            uid=uuid.uuid4().hex, meeting_id=participant.meeting_id, participant_id=participant.id,
            kind=kind.value, payload=json.dumps(payload, ensure_ascii=False), created_at=_now(),
        )  # fmt: skip
        with self._sessions.begin() as session:
            session.add(row)
        return _contribution(row)

    def contributions(self, meeting_id: str, *, after: int = 0) -> list[Contribution]:
        """Contributions of a meeting in arrival order; ``after`` skips rows up to that ``seq``."""
        query = (
            select(ContributionRow)
            .where(ContributionRow.meeting_id == meeting_id, ContributionRow.seq > after)
            .order_by(ContributionRow.seq)
        )
        with self._sessions() as session:
            return [_contribution(row) for row in session.scalars(query)]

    def recent(self, meeting_id: str, last_seen: int) -> list[Contribution]:
        """Contributions a feed that has seen up to ``last_seen`` may still miss (see :data:`LOOK_BACK`)."""
        return self.contributions(meeting_id, after=max(0, last_seen - LOOK_BACK))

    def count(self, meeting_id: str, *, participant_id: str | None = None) -> int:
        """How many contributions a meeting has (of one participant: ``participant_id``), counted in the database."""
        query = select(func.count()).select_from(ContributionRow).where(ContributionRow.meeting_id == meeting_id)
        if participant_id is not None:
            query = query.where(ContributionRow.participant_id == participant_id)
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    # ---------------------------------------------------------------- the coach's decisions

    def decide(self, seqs: Iterable[int], state: State, by: str) -> None:
        """Log that the coach accepted (or undid) these contributions; earlier decisions stay in the log."""
        rows = [DecisionRow(contribution_seq=seq, state=state.value, by=by, at=_now()) for seq in seqs]
        with self._sessions.begin() as session:
            session.add_all(rows)

    def states(self, meeting_id: str) -> dict[int, State]:
        """The latest decision per contribution of a meeting; contributions without one are pending."""
        return {decision.contribution: decision.state for decision in self.decisions(meeting_id)}

    def decisions(self, meeting_id: str) -> list[Decision]:
        """The whole log of the coach's decisions for a meeting, oldest first."""
        query = (
            select(DecisionRow)
            .join(ContributionRow, ContributionRow.seq == DecisionRow.contribution_seq)
            .where(ContributionRow.meeting_id == meeting_id)
            .order_by(DecisionRow.id)
        )
        with self._sessions() as session:
            return [Decision(row.contribution_seq, State(row.state), row.by, row.at) for row in session.scalars(query)]

    def accepted(self, meetings: Sequence[Meeting], kind: Kind) -> list[Contribution]:
        """The contributions of ``kind`` in these meetings that are accepted now."""
        found: list[Contribution] = []
        for meeting in meetings:
            states = self.states(meeting.id)
            found += [
                item
                for item in self.contributions(meeting.id)
                if item.kind is kind and states.get(item.seq) is State.ACCEPTED
            ]
        return found


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """WAL: readers never wait for the writer; a busy timeout instead of 'database is locked' errors."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _meeting(row: MeetingRow) -> Meeting:
    return Meeting(row.id, row.case_id, row.phase, row.code, row.opened_at, row.closed_at)


def _participant(row: ParticipantRow) -> Participant:
    return Participant(row.id, row.meeting_id, row.actor, row.name, row.joined_at)


def _contribution(row: ContributionRow) -> Contribution:
    return Contribution(
        row.seq, row.uid, row.meeting_id, row.participant_id, Kind(row.kind), json.loads(row.payload), row.created_at
    )
