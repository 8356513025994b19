"""The leerfiche: one sheet per learning goal, filled in together in the meeting.

The Zorg learning community started its material design from a *leerfiche*
with eleven components — goals from the workplace, curriculum, structure,
learning activities at school and at the workplace, reflection, simulated
learning, soft skills, learning materials, evaluation and concerns. A
:class:`Leerfiche` holds the text the group wrote per component (a component
may still be empty); :func:`completeness` and :func:`missing_components` show
what is left to fill in, and :func:`leerfiche_html` renders the sheet as a
printable A4 page (autoescaped, so participant text stays text).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field

from hlo_design.schema import Identifier
from hlo_design.vocabulary import Vocabulary

if TYPE_CHECKING:
    from hlo_design.cases import Case

__all__ = ["Leerfiche", "LeerficheComponent", "completeness", "leerfiche_html", "missing_components"]


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


class Leerfiche(BaseModel):
    """A filled-in leerfiche; ``components`` maps a component to its text (absent or blank = not filled in yet)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    title: Annotated[str, Field(min_length=1, max_length=5000)]
    goal: str | None = Field(default=None, max_length=200)
    """The learning goal the sheet is about (an id or short name of the goal), if any."""
    components: dict[LeerficheComponent, ComponentText] = Field(default_factory=dict)
    source: Identifier | None = None
    illustrative: bool = False

    def text(self, component: LeerficheComponent) -> str:
        """The text written for ``component``; empty when it is not filled in."""
        return self.components.get(component, "")


def missing_components(fiche: Leerfiche) -> list[LeerficheComponent]:
    """Components without text (absent, empty or only whitespace), in the documents' order."""
    return [component for component in LeerficheComponent if not fiche.text(component).strip()]


def completeness(fiche: Leerfiche) -> float:
    """The share of the eleven components that has text, from 0.0 (empty sheet) to 1.0 (all filled in)."""
    return 1 - len(missing_components(fiche)) / len(LeerficheComponent)


def leerfiche_html(fiche: Leerfiche, case: Case, vocabulary: Vocabulary) -> str:
    """The leerfiche as a printable, self-contained HTML page (A4, one box per component)."""
    from hlo_design.report import render_template  # report imports cases, which imports this module

    source = next((s.title for s in case.sources if s.id == fiche.source), None)
    boxes = [
        {
            "key": component.value,
            "label": vocabulary.label(component),
            "hint": vocabulary(f"LeerficheComponent.{component.value}.hint"),
            "text": fiche.text(component).strip(),
        }
        for component in LeerficheComponent
    ]
    return render_template(
        "leerfiche.html.j2",
        fiche=fiche,
        case=case,
        t=vocabulary,
        language=vocabulary.language,
        boxes=boxes,
        source=source,
        completeness=f"{completeness(fiche):.0%}",
    )
