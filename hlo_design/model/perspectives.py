"""The five design perspectives (Carvalho & Goodyear 2017; Bouw et al. 2021).

Each perspective asks one guiding question of a design: content (what?),
social (with whom?), spatial (where?), temporal (when?) and material (with
what?). The catalogue of design options that the documents give per
perspective lives in ``data/design_options.yaml`` so that a learning community
can extend it without touching code.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path

from hlo_design.base.config import DATA_DIR
from hlo_design.base.data_files import read_catalogue
from hlo_design.base.schema import Record

__all__ = ["DesignOption", "Perspective", "design_options"]


class Perspective(Enum):
    """A design perspective; its labels and question come from the vocabulary."""

    CONTENT = "content"
    SOCIAL = "social"
    SPATIAL = "spatial"
    TEMPORAL = "temporal"
    MATERIAL = "material"


class DesignOption(Record):
    """One example design choice from the documents, in our own words."""

    id: str
    perspective: Perspective
    text_nl: str
    text_en: str
    source: str


@cache
def design_options(path: Path = DATA_DIR / "design_options.yaml") -> tuple[DesignOption, ...]:
    """The catalogue of design options, validated; read once per process."""
    raw = read_catalogue(path)
    return tuple(DesignOption.model_validate(item) for item in raw["options"])
