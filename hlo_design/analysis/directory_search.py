"""Searching the directory from category to topic and back."""

from __future__ import annotations

from collections.abc import Sequence

from hlo_design.model.directory import Category, DirectoryEntry, load_directory, normalise

__all__ = ["categories", "categories_for", "search", "topics", "topics_in"]


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
