"""The store's tables (SQLAlchemy 2 declarative). Migrations in ``migrations/versions`` create them.

Four tables, all append-only but for ``meetings.closed_at``: ``meetings``,
``participants`` (a token digest, never the token), ``contributions`` (kind and
JSON payload, as validated) and ``decisions`` (the coach's accept/undo log).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "ContributionRow", "DecisionRow", "MeetingRow", "ParticipantRow"]


class Base(DeclarativeBase):
    pass


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), index=True)
    phase: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(12), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ParticipantRow(Base):
    __tablename__ = "participants"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    name: Mapped[str | None] = mapped_column(String(60), nullable=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ContributionRow(Base):
    __tablename__ = "contributions"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contribution_seq: Mapped[int] = mapped_column(ForeignKey("contributions.seq"), index=True)
    state: Mapped[str] = mapped_column(String(10))
    by: Mapped[str] = mapped_column(String(60))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
