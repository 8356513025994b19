"""The three levels at which a hybrid learning environment is designed.

Strategic (macro: goals, interests, form of collaboration), tactical (meso:
how and with whom) and operational (micro: running the environment day to
day) — after Bouw et al. (2021). The HLO scan, the role map and design
decisions are all placed on one of these levels.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["Level"]


class Level(Enum):
    """Design level; ``scale`` is the macro/meso/micro name used in the documents."""

    STRATEGIC = "strategic"
    TACTICAL = "tactical"
    OPERATIONAL = "operational"

    @property
    def scale(self) -> str:
        return {"strategic": "macro", "tactical": "meso", "operational": "micro"}[self.value]
