"""The directory of sources and partners: entries by category and topic."""

from __future__ import annotations

import unicodedata
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from hlo_design.base.config import DATA_DIR
from hlo_design.base.data_files import read_catalogue
from hlo_design.base.schema import Identifier, Record

__all__ = ["Category", "DirectoryEntry", "Text", "load_directory", "normalise", "source_titles"]

Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Category(Enum):
    """Kind of directory entry; labels via ``Category.<value>``."""

    NETWORK = "network"
    PARTNERSHIP = "partnership"
    RESEARCH_GROUP = "research_group"
    SIMULATION_ENVIRONMENT = "simulation_environment"


class DirectoryEntry(Record):
    """One network, partnership, research group or simulation environment."""

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
    raw = read_catalogue(path)
    entries = tuple(DirectoryEntry.model_validate(item) for item in raw["entries"])
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise ValueError(f"{path}: entries: id {entry.id!r} is used more than once; ids must be unique")
        seen.add(entry.id)
    return entries


@cache
def source_titles(path: Path = DATA_DIR / "sources.yaml") -> dict[str, str]:
    """Title per source id of the documents the catalogues cite, so readers see "GHLOBO eindpublicatie", not "ghlobo"."""
    raw = read_catalogue(path)
    return {str(item["id"]): str(item["title"]) for item in raw["sources"]}
