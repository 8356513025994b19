"""The people of a case, one record per person or group with the same role."""

from __future__ import annotations

from pydantic import (
    Field,
)

from hlo_design.base.schema import Identifier, Sourced, Text
from hlo_design.model.roles import ActorType

__all__ = ["Actor"]


class Actor(Sourced):
    """A person or a group of people with the same role."""

    id: Identifier
    name: Text
    type: ActorType
    count: int = Field(default=1, ge=1, le=100_000)
    environment: Identifier | None = None
