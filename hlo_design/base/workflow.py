"""The phases a learning community goes through, listed once, and where their reports go.

The start page links one notebook per phase, the batch runs them in this
order, the overview counts progress per phase and the reports land in files
named after them. All of that reads :data:`PHASES` (and :data:`OVERVIEW` for
the one page across cases), so adding or renaming a phase is one edit here.

Report files follow one rule, :func:`report_path`:
``<output_dir>/<case>/<stem>.html`` per case (``<stem>.en.html`` in English),
``<output_dir>/<stem>.html`` for the overview. The overview of one sector
(``hlo-design batch --sector``) follows :func:`overview_report_path`:
``<output_dir>/sector-<slug>[-<region>].html``. Users and scripts rely on
these names; they must not change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from hlo_design.base.vocabulary import LANGUAGES

__all__ = [
    "DESIGN",
    "DIAGNOSE",
    "MEETING_NOTEBOOK",
    "OVERVIEW",
    "PHASES",
    "START_NOTEBOOK",
    "VALORISATION",
    "WorkflowPhase",
    "dashboard_link",
    "download_name",
    "meeting_link",
    "overview_report_path",
    "phase_by_id",
    "report_path",
    "sector_slug",
]


@dataclass(frozen=True)
class WorkflowPhase:
    """One phase: its id, its notebook, its report file and its words in the vocabulary."""

    id: str
    notebook: str
    """File name in ``notebooks/``."""
    report_stem: str
    """Report file name without language suffix and ``.html``."""
    messages: str
    """Vocabulary key prefix of the phase's page: ``<messages>.report_written``, ``.make_report``, ``.download_report``."""
    download_stem: str
    """Name of the report a dashboard offers for download (the Dutch name a group recognises)."""

    @property
    def title_key(self) -> str:
        """Vocabulary key of the phase's name as the start page and the index show it."""
        return f"landing.phase.{self.id}"


DIAGNOSE = WorkflowPhase("diagnose", "01_diagnose.ipynb", "diagnose", "diagnose", "diagnose")
DESIGN = WorkflowPhase("design", "02_ontwerp.ipynb", "design", "design_phase", "design")
VALORISATION = WorkflowPhase(
    "valorisation", "03_valorisatie.ipynb", "valorisation", "valorisation_phase", "valorisatie"
)

PHASES = (DIAGNOSE, DESIGN, VALORISATION)
"""The phases of one case, in the order a learning community goes through them."""

OVERVIEW = WorkflowPhase("overview", "04_overzicht.ipynb", "overview", "overview_phase", "overzicht")
"""All cases side by side, for the learning network: one run, one report, no case folder."""


START_NOTEBOOK = "index.ipynb"
"""The start page: every case with a link per phase."""

MEETING_NOTEBOOK = "05_bijeenkomst.ipynb"
"""The coach's live-meeting page for a case and phase (``?case=…&phase=…``); each phase page links to it."""


def meeting_link(case_id: str, phase: WorkflowPhase, language: str) -> str:
    """The relative address of the meeting page for a case and phase, as a phase dashboard links it."""
    return f"{MEETING_NOTEBOOK}?case={case_id}&phase={phase.id}&language={language}"


def dashboard_link(notebook: str, language: str, case_id: str | None = None) -> str:
    """The relative address of a dashboard (``01_diagnose.ipynb?case=zorg&language=nl``), as pages link each other.

    Relative, so a link works under any host, port and Voilà prefix; the case
    and language travel in the query string, which Voilà hands to the kernel.
    """
    query = {"language": language} if case_id is None else {"case": case_id, "language": language}
    return f"{notebook}?{urlencode(query)}"


def phase_by_id(phase_id: str) -> WorkflowPhase:
    """The case phase called ``phase_id``; a :class:`KeyError` names the known ones."""
    for phase in PHASES:
        if phase.id == phase_id:
            return phase
    raise KeyError(f"unknown phase {phase_id!r}; use one of {', '.join(p.id for p in PHASES)}")


def report_path(output_dir: Path, phase: WorkflowPhase, language: str, case_id: str | None = None) -> Path:
    """Where the batch and the notebooks put a report: in the case's folder, or at the top for the overview."""
    folder = output_dir if case_id is None else output_dir / case_id
    suffix = "" if language == LANGUAGES[0] else f".{language}"
    return folder / f"{phase.report_stem}{suffix}.html"


def overview_report_path(output_dir: Path, language: str, sector: str = "", region: str = "") -> Path:
    """Where the overview goes: of all cases, or filtered to a sector and/or a region, beside each other.

    No filter gives :func:`report_path`'s ``overview.html``; ``--sector Zorg`` gives ``sector-zorg.html``,
    with ``--region VL`` ``sector-zorg-vl.html``; a region alone ``overview-vl.html``. Plain file names
    that survive zips and mail, say which cases are inside, and never overwrite the overview of all cases.
    """
    if not sector and not region:
        return report_path(output_dir, OVERVIEW, language)
    first = "sector" if sector else OVERVIEW.report_stem
    stem = "-".join(part for part in (first, sector_slug(sector), sector_slug(region)) if part)
    suffix = "" if language == LANGUAGES[0] else f".{language}"
    return output_dir / f"{stem}{suffix}.html"


def sector_slug(text: str) -> str:
    """``text`` as a file-name part: ASCII letters and digits joined by ``-`` (``Zórg & welzijn`` → ``zorg-welzijn``)."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def download_name(phase: WorkflowPhase, case_id: str | None = None) -> str:
    """The file name a dashboard offers the report under (``zorg-diagnose.html``, ``overzicht.html``)."""
    return f"{phase.download_stem}.html" if case_id is None else f"{case_id}-{phase.download_stem}.html"
