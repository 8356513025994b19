"""Identifiers that people type in case files and that end up in URLs and HTML ids."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

__all__ = ["Identifier"]

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
"""Lower-case letters, digits, ``_`` and ``-``; safe in a file name, a URL and an HTML id."""
