"""Meetings, participants, contributions and the coach's decisions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("case_id", sa.String(64), nullable=False, index=True),
        sa.Column("phase", sa.String(20), nullable=False),
        sa.Column("code", sa.String(12), nullable=False, index=True),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), nullable=False, index=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("name", sa.String(60), nullable=True),
        sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("joined_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "contributions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("meeting_id", sa.String(32), sa.ForeignKey("meetings.id"), nullable=False, index=True),
        sa.Column("participant_id", sa.String(32), sa.ForeignKey("participants.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("contribution_seq", sa.Integer, sa.ForeignKey("contributions.seq"), nullable=False, index=True),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("by", sa.String(60), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("decisions", "contributions", "participants", "meetings"):
        op.drop_table(table)
