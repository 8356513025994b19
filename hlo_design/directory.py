"""Who to ask and how others do it: a searchable directory (``data/directory.yaml``).

Teachers asked for an overview of networks, regional partnerships and
research groups (practoraten, lectoraten, chairs), searchable from category
to topic and back (professionalisation platform report); we add the
simulation environments named in the GHLOBO documents. Every search is
case- and accent-insensitive (``Zórg`` finds ``zorg``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field

from hlo_design.config import DATA_DIR
from hlo_design.schema import Identifier

__all__ = [
    "Category",
    "DirectoryEntry",
    "categories",
    "categories_for",
    "load_directory",
    "normalise",
    "search",
    "topics",
    "topics_in",
]

Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Category(Enum):
    """Kind of directory entry; labels via ``Category.<value>``."""

    NETWORK = "network"
    PARTNERSHIP = "partnership"
    RESEARCH_GROUP = "research_group"
    SIMULATION_ENVIRONMENT = "simulation_environment"


class DirectoryEntry(BaseModel):
    """One network, partnership, research group or simulation environment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    name: Text
    category: Category
    topics: list[Text] = Field(default_factory=list)
    region: Text
    sectors: list[Text] = Field(default_factory=list)
    description: Text
    source: Identifier
    illustrative: bool = False


def normalise(text: str) -> str:
    """Lower case without accents, for comparing what people type (``Zórg`` → ``zorg``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def load_directory(path: Path = DATA_DIR / "directory.yaml") -> tuple[DirectoryEntry, ...]:
    """The directory entries, validated, ids unique; read once per process."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = tuple(DirectoryEntry.model_validate(item) for item in raw["entries"])
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ValueError(f"{path}: entries: id {entry.id!r} is used more than once; ids must be unique")
        seen.add(entry.id)
    return entries


def _entries(entries: Sequence[DirectoryEntry] | None) -> Sequence[DirectoryEntry]:
    return load_directory() if entries is None else entries


def categories(entries: Sequence[DirectoryEntry] | None = None) -> list[Category]:
    """The categories that have entries, in the enum's order."""
    present = {e.category for e in _entries(entries)}
    return [c for c in Category if c in present]


def topics(entries: Sequence[DirectoryEntry] | None = None) -> list[str]:
    """Every topic, once, sorted case- and accent-insensitively."""
    return sorted({t for e in _entries(entries) for t in e.topics}, key=lambda t: (normalise(t), t))


def topics_in(category: Category, entries: Sequence[DirectoryEntry] | None = None) -> list[str]:
    """From category to topic: the topics of the entries in ``category``, sorted."""
    return topics([e for e in _entries(entries) if e.category is category])


def categories_for(topic: str, entries: Sequence[DirectoryEntry] | None = None) -> list[Category]:
    """From topic to category: the categories with an entry on ``topic`` (compared case- and accent-insensitively)."""
    wanted = normalise(topic.strip())
    return categories([e for e in _entries(entries) if any(normalise(t) == wanted for t in e.topics)])


def _haystack(entry: DirectoryEntry) -> str:
    return normalise(" ".join([entry.name, entry.description, entry.region, *entry.topics, *entry.sectors]))


def search(
    text: str = "",
    category: Category | None = None,
    topic: str | None = None,
    sector: str | None = None,
    region: str | None = None,
    *,
    entries: Sequence[DirectoryEntry] | None = None,
) -> list[DirectoryEntry]:
    """Entries whose name, description, region, topics or sectors contain every word of ``text``,
    narrowed by category, exact topic, sector (contained in one of its sectors) and region
    (contained in its region); all case- and accent-insensitive; file order."""
    words = normalise(text).split()
    found = []
    for entry in _entries(entries):
        if category is not None and entry.category is not category:
            continue
        if topic is not None and normalise(topic.strip()) not in {normalise(t) for t in entry.topics}:
            continue
        if sector is not None and not any(normalise(sector.strip()) in normalise(s) for s in entry.sectors):
            continue
        if region is not None and normalise(region.strip()) not in normalise(entry.region):
            continue
        haystack = _haystack(entry)
        if all(word in haystack for word in words):
            found.append(entry)
    return found
