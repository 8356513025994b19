"""Building blocks shared by every part of the case-file schema.

Case files are typed by people and edited in meetings, so every part of the
schema — cases, design, instruments, valorisation — uses the same rules:
records are immutable and refuse unknown keys (a typo is an error, not a
silently ignored field), ids are safe in file names, URLs and HTML, texts are
non-empty and bounded, weekly hours are plausible. Every fact a case states
names the document it comes from (a :class:`Sourced` record), or says that it
is only illustrative.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

__all__ = ["HoursPerWeek", "Identifier", "Record", "Sourced", "Text", "is_identifier", "new_identifier"]

_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
MAX_HOURS_PER_WEEK = 80


def is_identifier(value: str) -> bool:
    """True for a valid id: what case ids, file names and references may look like."""
    return _ID_PATTERN.fullmatch(value) is not None


def new_identifier(name: str, taken: Collection[str] = (), *, fallback: str = "item", length: int = 40) -> str:
    """An id made from a name people typed (``"Zorg Antwerpen"`` → ``zorg-antwerpen``), not in ``taken``.

    Accents are dropped (``coördinator`` → ``coordinator``), other characters
    become ``-``; a name with nothing usable gives ``fallback``. Clashes get
    ``-2``, ``-3``, … so a form never needs its users to invent ids.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:length].strip("-") or fallback
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _identifier(value: str) -> str:
    if not is_identifier(value):
        raise ValueError(
            f"{value!r} is not a valid id; use 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit"
        )
    return value


def _hours(value: float) -> float:
    if not 0 <= value <= MAX_HOURS_PER_WEEK:
        raise ValueError(f"{value:g} hours per week is outside [0, {MAX_HOURS_PER_WEEK}]")
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]
"""Lower-case letters, digits, ``_`` and ``-``; safe in a file name, a URL and an HTML id."""

Text = Annotated[str, Field(min_length=1, max_length=5000)]
"""Free text typed by participants: never empty, never a novel."""

HoursPerWeek = Annotated[float, AfterValidator(_hours)]
"""Weekly hours of an activity, 0 … 80."""


class Record(BaseModel):
    """Base of every case-file record: immutable, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


_PROVENANCE = ("source", "illustrative")


class Sourced(Record):
    """A record that states a fact: where it comes from, or that it is only an example.

    ``source`` is the id of one of the case's ``sources`` (checked once for the
    whole case, see :mod:`hlo_design.model.references`); ``illustrative``
    marks values the documents do not give.
    """

    source: Identifier | None = None
    illustrative: bool = False

    @model_serializer(mode="wrap")
    def _provenance_last(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Write ``source`` and ``illustrative`` after the record's own fields, as people write them.

        Pydantic puts a base class's fields first; a saved case would then open
        every record with its source instead of its id and name.
        """
        data: dict[str, Any] = handler(self)
        for name in _PROVENANCE:
            if name in data:
                data[name] = data.pop(name)
        return data
