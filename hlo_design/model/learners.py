"""Who the learners of a case are."""

from __future__ import annotations

from pydantic import (
    Field,
)

from hlo_design.base.schema import Identifier, Record, Text

__all__ = ["Learners"]


class Learners(Record):
    description: Text
    count: int | None = Field(default=None, ge=1, le=100_000)
    source: Identifier | None = None
    illustrative: bool = False
