"""The sites and settings of a case: a school, a company, a simulation room."""

from __future__ import annotations

from typing import Literal

from hlo_design.base.schema import Identifier, Sourced, Text

__all__ = ["Environment"]


class Environment(Sourced):
    """A site or setting of the case (a school, a company, a simulation room)."""

    id: Identifier
    name: Text
    kind: Literal["school", "company", "simulation", "hybrid", "network", "other"]
    location: str | None = None
    description: str | None = None
