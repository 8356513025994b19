"""Leerfiches: the learning task card of a design, and how complete it is."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from hlo_design.base.schema import Identifier, Sourced

__all__ = ["ComponentText", "Leerfiche", "LeerficheComponent", "completeness", "missing_components"]


class LeerficheComponent(Enum):
    """The components of the leerfiche, in the order of the documents."""

    GOALS_FROM_WORKPLACE = "goals_from_workplace"
    CURRICULUM = "curriculum"
    STRUCTURE = "structure"
    ACTIVITIES_SCHOOL = "activities_school"
    ACTIVITIES_WORKPLACE = "activities_workplace"
    REFLECTION = "reflection"
    SIMULATED_LEARNING = "simulated_learning"
    SOFT_SKILLS = "soft_skills"
    MATERIALS = "materials"
    EVALUATION = "evaluation"
    CONCERNS = "concerns"


ComponentText = Annotated[str, Field(max_length=5000)]


class Leerfiche(Sourced):
    """A filled-in leerfiche; ``components`` maps a component to its text (absent or blank = not filled in yet)."""

    id: Identifier
    title: Annotated[str, Field(min_length=1, max_length=5000)]
    goal: str | None = Field(default=None, max_length=200)
    """The learning goal the sheet is about (an id or short name of the goal), if any."""
    components: dict[LeerficheComponent, ComponentText] = Field(default_factory=dict)

    def text(self, component: LeerficheComponent) -> str:
        """The text written for ``component``; empty when it is not filled in."""
        return self.components.get(component, "")


def missing_components(fiche: Leerfiche) -> list[LeerficheComponent]:
    """Components without text (absent, empty or only whitespace), in the documents' order."""
    return [component for component in LeerficheComponent if not fiche.text(component).strip()]


def completeness(fiche: Leerfiche) -> float:
    """The share of the eleven components that has text, from 0.0 (empty sheet) to 1.0 (all filled in)."""
    return 1 - len(missing_components(fiche)) / len(LeerficheComponent)
