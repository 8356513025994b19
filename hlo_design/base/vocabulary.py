"""Every user-facing word, from one message catalogue (``data/messages/*.yaml``).

The interface and reports speak Dutch by default and English on request.
The *region* (NL or VL) switches the words that differ between the
Netherlands and Flanders — student/leerling, docent/leerkracht,
werkbegeleider/mentor, BOL-BBL/duaal — so a Flemish learning community reads
its own vocabulary. Messages may use those words as ``{learner}``,
``{teachers}`` etc.; callers add their own fields as keyword arguments.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from hlo_design.base.config import DATA_DIR

__all__ = ["LANGUAGES", "REGIONS", "Language", "Region", "Vocabulary"]

Language = Literal["nl", "en"]
Region = Literal["NL", "VL"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
REGIONS: tuple[Region, ...] = ("NL", "VL")


Catalogue = dict[str, dict[str, dict[str, str]]]


@cache
def _catalogue(directory: Path = DATA_DIR / "messages") -> Catalogue:
    """All message files merged; one file per part of the workbook, no key defined twice."""
    merged: Catalogue = {"terms": {}, "messages": {}}
    for path in sorted(directory.glob("*.yaml")):
        # safe loading in C (libyaml, in PyYAML's wheels): the pure-Python loader took 0.8 s of every
        # page's and batch run's start, this takes 0.08 s; our own files need no line numbers
        part: Catalogue = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for section, entries in part.items():
            clash = merged[section].keys() & entries.keys()
            if clash:
                raise ValueError(f"{path}: {section} {sorted(clash)} are defined in another message file too")
            merged[section].update(entries)
    return merged


class Vocabulary:
    """Translate message keys and enum members for one language and region."""

    def __init__(self, language: str = "nl", region: str = "NL") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language {language!r} is not supported; use one of {', '.join(LANGUAGES)}")
        if region not in REGIONS:
            raise ValueError(f"region {region!r} is not supported; use NL or VL")
        self.language = language
        self.region = region

    def term(self, name: str) -> str:
        """A regional word such as ``learner`` → ``student`` (NL) or ``leerling`` (VL)."""
        entry = _catalogue()["terms"][name]
        return (
            entry[f"{self.language}_{self.region}"]
            if f"{self.language}_{self.region}" in entry
            else entry[self.language]
        )

    def __call__(self, key: str, **fields: object) -> str:
        """The message ``key`` in this language, with regional words and ``fields`` filled in."""
        try:
            template = _catalogue()["messages"][key][self.language]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from data/messages/ for language {self.language!r}") from None
        words = {name: self.term(name) for name in _catalogue()["terms"]}
        return template.format(**words, **fields)

    def label(self, member: Enum) -> str:
        """The display name of an enum member, e.g. ``Level.STRATEGIC`` → ``strategisch``."""
        return self(f"{type(member).__name__}.{member.value}")

    def question(self, member: Enum) -> str:
        """The guiding question of a design perspective (or other member with one)."""
        return self(f"{type(member).__name__}.{member.value}.question")
