"""Identifiers that people type in case files and that end up in URLs and HTML ids."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

__all__ = ["Identifier"]

_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def _identifier(value: str) -> str:
    if not _PATTERN.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid id; use 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit"
        )
    return value


Identifier = Annotated[str, AfterValidator(_identifier)]
"""Lower-case letters, digits, ``_`` and ``-``; safe in a file name, a URL and an HTML id."""
