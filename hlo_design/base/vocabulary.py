"""Every user-facing word, from one message catalogue (``data/messages/*.yaml``).

The interface and reports speak Dutch by default and English on request.
The *region* (NL or VL) switches the words that differ between the
Netherlands and Flanders — student/leerling, docent/leerkracht,
werkbegeleider/mentor, BOL-BBL/duaal — so a Flemish learning community reads
its own vocabulary. Messages may use those words as ``{learner}``,
``{teachers}`` etc.; callers add their own fields as keyword arguments.

Numbers and counts go through Babel, never through ``f"{x:.1f}"``: a Dutch
reader gets a decimal comma ("1,75 u") and an English one a point, and a
count picks its plural form by the language's own rule ("1 stap", "2
stappen"), from the ``plurals`` section of the catalogue. A hand-written
"stap(pen)" or "1.75" beside "0,99" on one page is what this prevents.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.numbers import format_decimal, format_percent

from hlo_design.base.config import DATA_DIR
from hlo_design.base.data_files import read_catalogue

__all__ = ["LANGUAGES", "REGIONS", "Language", "Region", "Vocabulary"]

Language = Literal["nl", "en"]
Region = Literal["NL", "VL"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
REGIONS: tuple[Region, ...] = ("NL", "VL")


Catalogue = dict[str, dict[str, dict[str, Any]]]
"""``terms`` and ``messages`` map a key to one text per language; ``plurals`` to one text per plural form."""

BABEL_LOCALES: dict[tuple[str, str], str] = {
    ("nl", "NL"): "nl_NL",
    ("nl", "VL"): "nl_BE",
    ("en", "NL"): "en_GB",
    ("en", "VL"): "en_GB",
}
"""The Babel locale of each language and region: its decimal sign and plural rule."""


@cache
def _catalogue(directory: Path = DATA_DIR / "messages") -> Catalogue:
    """All message files merged; one file per part of the workbook, no key defined twice."""
    merged: Catalogue = {"terms": {}, "messages": {}, "plurals": {}}
    for path in sorted(directory.glob("*.yaml")):
        part: Catalogue = read_catalogue(path)
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
        self.locale = Locale.parse(BABEL_LOCALES[language, region])

    def term(self, name: str) -> str:
        """A regional word such as ``learner`` → ``student`` (NL) or ``leerling`` (VL)."""
        entry = _catalogue()["terms"][name]
        return str(entry.get(f"{self.language}_{self.region}", entry[self.language]))

    def __call__(self, key: str, **fields: object) -> str:
        """The message ``key`` in this language, with regional words and ``fields`` filled in."""
        try:
            template = _catalogue()["messages"][key][self.language]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from data/messages/ for language {self.language!r}") from None
        words = {name: self.term(name) for name in _catalogue()["terms"]}
        return str(template.format(**words, **fields))

    def has(self, key: str) -> bool:
        """Whether the catalogue has message ``key`` (an optional part, such as a section without a heading)."""
        return self.language in _catalogue()["messages"].get(key, {})

    def keys(self, prefix: str) -> list[str]:
        """The message keys starting with ``prefix``, in catalogue order (a page's sections, as ``pages.yaml`` lists them)."""
        return [key for key in _catalogue()["messages"] if key.startswith(prefix) and self.has(key)]

    def label(self, member: Enum) -> str:
        """The display name of an enum member, e.g. ``Level.STRATEGIC`` → ``strategisch``."""
        return self(f"{type(member).__name__}.{member.value}")

    def question(self, member: Enum) -> str:
        """The guiding question of a design perspective (or other member with one)."""
        return self(f"{type(member).__name__}.{member.value}.question")

    def number(self, value: float, digits: int = 1) -> str:
        """``value`` with at most ``digits`` decimals in this language: ``1,75`` in Dutch, ``1.75`` in English.

        Trailing zeros are dropped (``20``, not ``20,0``), so whole hours read
        as whole hours beside ``0,75``.
        """
        pattern = "#,##0." + "#" * digits if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share: float, digits: int = 0) -> str:
        """A share between 0 and 1 as a percentage in this language (``45%``, ``12,5%``)."""
        pattern = "#,##0." + "#" * digits + "%" if digits else "#,##0%"
        return format_percent(share, format=pattern, locale=self.locale)

    def signed(self, change: float, digits: int = 1) -> str:
        """A change with its sign, rounded to ``digits``: ``+1,5``, ``−2``, ``±0`` (a rounded-away change is none)."""
        rounded = round(change, digits)
        if rounded == 0:
            return "±0"
        return ("+" if rounded > 0 else "−") + self.number(abs(rounded), digits)

    def count(self, amount: float, noun: str, digits: int = 1) -> str:
        """``amount`` with ``noun`` in the plural form the language asks for: "1 stap", "2 stappen", "1,5 uur".

        ``noun`` is a key of the ``plurals`` section of the catalogue; its
        forms use ``{count}`` for the formatted number and may use regional
        words (``{learners}``).
        """
        forms = _catalogue()["plurals"][noun][self.language]
        form = self.locale.plural_form(amount)
        template = forms.get(form, forms["other"])
        words = {name: self.term(name) for name in _catalogue()["terms"]}
        return str(template.format(**words, count=self.number(amount, digits)))
