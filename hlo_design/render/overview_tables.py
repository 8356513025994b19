"""The cross-case overview as tables, figure specs and directory cards, in the reader's words."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from hlo_design.analysis.case_overview import Phase, PhaseStatus
from hlo_design.base.vocabulary import REGIONS, Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.directory import Category, DirectoryEntry, load_directory, source_titles
from hlo_design.render.figures.overview import (
    concentration_bars,
    corners_comparison,
    perspective_coverage,
    phase_progress,
    quadrant_distribution,
)

__all__ = [
    "FIGURE_LIMIT",
    "OVERVIEW_FIGURES",
    "OverviewFigure",
    "directory_card_html",
    "directory_table",
    "overview_title",
    "readable_table",
]

FIGURE_LIMIT = 10


"""At most this many cases are drawn per figure (the table always holds all of them)."""


@dataclass(frozen=True)
class OverviewFigure:
    """One cross-case figure with its heading and its one-sentence intro (message keys)."""

    key: str
    title: str
    intro: str
    draw: Callable[[Sequence[Case], Vocabulary], go.Figure]

    def figure(self, cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
        return self.draw(cases, vocabulary)


OVERVIEW_FIGURES = (
    OverviewFigure("quadrants", "overview.quadrant_title", "overview_phase.quadrants.intro", quadrant_distribution),
    OverviewFigure(
        "perspectives", "overview.perspective_title", "overview_phase.perspectives.intro", perspective_coverage
    ),
    OverviewFigure("concentration", "rolemap.concentration.title", "rolemap.concentration.intro", concentration_bars),
    OverviewFigure("phases", "overview.phase_title", "overview_phase.phases.intro", phase_progress),
    OverviewFigure("corners", "overview.corners_title", "overview_phase.corners.intro", corners_comparison),
)


"""The figures of the overview, in reading order."""


def _share(value: object, vocabulary: Vocabulary) -> str:
    number = float(value)  # type: ignore[arg-type]
    return "—" if math.isnan(number) else vocabulary.percent(number)


def readable_table(table: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """The rows of an :func:`~hlo_design.analysis.case_overview.overview_table` in words, for people (not for computing)."""
    v = vocabulary
    columns = {
        v("overview_phase.col.case"): table["name"].tolist(),
        v("overview.sector"): table["sector"].tolist(),
        v("overview.region"): [v(f"situation.region.{r}") for r in table["region"]],
        v("overview_phase.col.hours"): [v.number(float(h)) for h in table["total_hours"]],
        v("overview_phase.col.realistic"): [_share(s, v) for s in table["realistic_share"]],
        v("overview_phase.col.carrying"): [f"{int(n)} / 5" for n in table["carrying_perspectives"]],
        v("rolemap.concentration.column"): [_share(c, v) for c in table["concentration"]],
    }
    for phase in Phase:
        columns[v.label(phase)] = [v.label(PhaseStatus(s)) for s in table[f"phase_{phase.value}"]]
    return pd.DataFrame(columns)


def directory_table(vocabulary: Vocabulary, entries: Sequence[DirectoryEntry] | None = None) -> pd.DataFrame:
    """The directory as a table, by category: name, category, topics, region, description."""
    v = vocabulary
    chosen = load_directory() if entries is None else entries
    order = {c: i for i, c in enumerate(Category)}
    rows = [
        [e.name, v.label(e.category), ", ".join(e.topics), e.region, e.description]
        for e in sorted(chosen, key=lambda e: order[e.category])
    ]
    columns = [v("directory.title"), v("directory.category"), v("directory.topic"), v("directory.region"), ""]
    return pd.DataFrame(rows, columns=columns)


def directory_card_html(entry: DirectoryEntry, vocabulary: Vocabulary) -> Markup:
    """One directory entry as an HTML card; every value escaped."""
    v = vocabulary
    topics = Markup("").join(Markup('<span class="hlo-topic">{}</span>').format(t) for t in entry.topics)
    card = Markup(
        '<div class="hlo-directory-result" data-id="{id}"><b>{name}</b> <small>· {category} · {region}</small>'
        "<div>{topics}</div><p>{description}</p><small>{source_label}: {source}</small></div>"
    )
    return card.format(
        id=entry.id, name=entry.name, category=v.label(entry.category), region=entry.region, topics=topics,
        description=entry.description, source_label=v("directory.source"), source=source_titles().get(entry.source, entry.source),
    )  # fmt: skip


def overview_title(vocabulary: Vocabulary, sector: str = "", region: str = "") -> str:
    """The title of an overview: of all cases, or of the sector (and region) it was filtered to.

    The report, the page and the batch index all name a filtered overview the same way
    (``Overzicht sector Zorg``), so a reader knows which cases it holds without counting them.
    """
    v = vocabulary
    if not sector and not region:
        return v("report.title.overview")
    where = v(f"situation.region.{region}") if region in REGIONS else ""
    if not sector:
        return v("overview_phase.region_title", region=where)
    return v(
        "overview_phase.sector_region_title" if where else "overview_phase.sector_title", sector=sector, region=where
    )
