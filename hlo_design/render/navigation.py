"""The navigation bar at the top of a case dashboard, the browser tab's title, and the section anchors.

A coach running a meeting moves between sections ("now the findings"), between
phases of the same case, and back to the start page, often in front of the
room; scrolling a page of ten figures or retyping an address is what this
bar saves. Everything in it is a plain relative link (``02_ontwerp.ipynb?case=…``):
no kernel round trip, and it works under any host, port or Voilà prefix.

The sections come from the catalogue (``page.<phase>.<section>.heading`` in
``pages.yaml``, in its order), the same keys the notebooks' headings show, so
a new section appears in the bar once its heading is in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.base.workflow import PHASES, START_NOTEBOOK, WorkflowPhase, dashboard_link
from hlo_design.render.html_fragments import fragment

__all__ = ["NavLink", "navigation_html", "page_tools_html", "phase_sections", "section_anchor", "tab_title"]


@dataclass(frozen=True)
class NavLink:
    """One link of the bar: what it says, where it goes, and (for a short label) what it means in full."""

    label: str
    href: str
    title: str = ""
    current: bool = False


def section_anchor(section: str) -> str:
    """The id of a section's heading on a dashboard: ``diagnose.situation`` → ``hlo-section-diagnose-situation``."""
    return "hlo-section-" + section.replace(".", "-")


def phase_sections(vocabulary: Vocabulary, phase: WorkflowPhase) -> list[str]:
    """The sections of a phase's page that have a heading, in page order (``diagnose.situation``, …)."""
    prefix, suffix = f"page.{phase.id}.", ".heading"
    return [key.removeprefix("page.").removesuffix(suffix) for key in vocabulary.keys(prefix) if key.endswith(suffix)]


def tab_title(vocabulary: Vocabulary, page: str, case_name: str) -> str:
    """The browser tab's title: the page first (tabs are cut off at the end), then the case."""
    return vocabulary("nav.tab_title", page=page, case=case_name)


def navigation_html(vocabulary: Vocabulary, phase: WorkflowPhase, case_id: str, case_name: str) -> Markup:
    """The bar for ``phase`` of a case: start page, case and phase, sections, previous/next phase, language."""
    v = vocabulary
    index = PHASES.index(phase)
    neighbours = {
        "previous": PHASES[index - 1] if index > 0 else None,
        "next": PHASES[index + 1] if index + 1 < len(PHASES) else None,
    }
    steps = {
        role: NavLink(
            v(f"nav.phase.{other.id}"),
            dashboard_link(other.notebook, v.language, case_id),
            v(f"nav.{role}", phase=v(f"nav.phase.{other.id}")),
        )
        for role, other in neighbours.items()
        if other is not None
    }
    languages = [
        NavLink(
            language.upper(), dashboard_link(phase.notebook, language, case_id),
            v(f"nav.language_name.{language}"), current=language == v.language,
        )
        for language in LANGUAGES
    ]  # fmt: skip
    sections = [NavLink(v(f"page.{s}.heading"), "#" + section_anchor(s)) for s in phase_sections(v, phase)]
    return fragment(
        "navigation.html.j2",
        t=v,
        phase=phase,
        phase_name=v(f"nav.phase.{phase.id}"),
        case_name=case_name,
        start=NavLink(v("nav.start"), dashboard_link(START_NOTEBOOK, v.language)),
        previous=steps.get("previous"),
        next=steps.get("next"),
        languages=languages,
        sections=sections,
    )


def page_tools_html(vocabulary: Vocabulary) -> Markup:
    """The bar of a page that is not one case's phase (start page, overview, meeting): the projector switch alone.

    Projector mode is a choice for the room, not for one page, so every
    dashboard offers the switch where the case pages have theirs.
    """
    return fragment("page_tools.html.j2", t=vocabulary)
