"""The documents a case draws its facts from."""

from __future__ import annotations

from hlo_design.base.schema import Identifier, Record, Text

__all__ = ["Source"]


class Source(Record):
    """A document that facts in the case come from."""

    id: Identifier
    title: Text
    file: str | None = None
    note: str | None = None
