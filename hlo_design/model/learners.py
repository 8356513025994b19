"""Who the learners of a case are."""

from __future__ import annotations

from pydantic import (
    Field,
)

from hlo_design.base.schema import Sourced, Text

__all__ = ["Learners"]


class Learners(Sourced):
    """The learners of the case, described in a few words and counted when known."""

    description: Text
    count: int | None = Field(default=None, ge=1, le=100_000)
