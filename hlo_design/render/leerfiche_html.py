"""A leerfiche as a printable HTML page."""

from __future__ import annotations

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.leerfiche import Leerfiche, LeerficheComponent, completeness
from hlo_design.render.report import render_template

__all__ = ["leerfiche_html"]


def leerfiche_html(fiche: Leerfiche, case: Case, vocabulary: Vocabulary) -> str:
    """The leerfiche as a printable, self-contained HTML page (A4, one box per component)."""

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
        completeness=vocabulary.percent(completeness(fiche)),
    )
