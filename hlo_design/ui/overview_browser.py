"""The overview dashboard for the learning network, and the directory of who to ask.

:class:`OverviewDashboard` puts all cases side by side with a sector and a
region filter. The table of every case is built once
(:class:`~hlo_design.analysis.case_overview.OverviewIndex`); a filter change only masks it
and redraws the figures for the first :data:`~hlo_design.render.overview_tables.FIGURE_LIMIT`
matching cases, so it stays fast with a thousand cases.

:class:`DirectoryBrowser` searches networks, regional partnerships, research
groups and simulation environments, both ways: choosing a category narrows
the topics to those in it, choosing a topic narrows the categories to those
with an entry on it.

Widget values are untrusted input (Voilà lets any viewer send them): values
not among the options are ignored, and every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
from markupsafe import Markup, escape

from hlo_design.analysis.case_overview import OverviewIndex
from hlo_design.analysis.directory_search import categories, categories_for, search, topics, topics_in
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.directory import Category, DirectoryEntry, load_directory
from hlo_design.render.overview_tables import FIGURE_LIMIT, OVERVIEW_FIGURES, directory_card_html, readable_table
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["TABLE_LIMIT", "DirectoryBrowser", "OverviewDashboard"]

TABLE_LIMIT = 60
"""At most this many rows are sent to the browser; the count above the table says how many matched."""

ALL = ""
"""The dropdown value meaning "no filter"."""

OVERVIEW_CSS = (
    "<style>"
    ".hlo-overview-table table{border-collapse:collapse;font-size:16px;margin:0.4em 0}"
    ".hlo-overview-table th,.hlo-overview-table td{text-align:left!important;padding:0.35em 0.7em;"
    "border-bottom:1px solid #ddd;vertical-align:top}"
    ".hlo-overview-table th{background:#eef4fa}"
    ".hlo-overview-count{font-size:18px;font-weight:600;margin:0.3em 0}"
    ".hlo-overview-note{color:#555;font-style:italic}"
    ".hlo-directory-result{border:1px solid #cfd8e3;border-left:5px solid #0072B2;border-radius:4px;"
    "padding:0.5em 0.8em;margin:0.5em 0;max-width:1000px;font-size:16px;line-height:1.45}"
    ".hlo-directory-result p{margin:0.3em 0}"
    ".hlo-topic{display:inline-block;background:#eef4fa;border-radius:3px;padding:0 0.4em;margin:0.15em 0.3em 0.15em 0;"
    "font-size:14px}"
    "</style>"
)


def _dropdown(
    options: list[tuple[str, str]], description: str, css_class: str, width: str = "460px"
) -> widgets.Dropdown:
    dropdown = widgets.Dropdown(
        options=options, value=ALL, description=description, style={"description_width": "110px"},
        layout=shared_layout(width=width),
    )  # fmt: skip
    dropdown.add_class(css_class)
    return dropdown


class OverviewDashboard:
    """Sector and region filters, the five cross-case figures and the table of cases."""

    def __init__(self, cases: Sequence[Case], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        v = vocabulary
        self.cases = {case.id: case for case in cases}
        self.index = OverviewIndex(cases)
        sectors = sorted(set(self.index.table["sector"]), key=str.casefold)
        regions = sorted(set(self.index.table["region"]))
        all_label = v("overview_phase.all")
        self.sector = _dropdown(
            [(all_label, ALL)] + [(s, s) for s in sectors], v("overview.sector"), "hlo-overview-sector"
        )
        self.region = _dropdown(
            [(all_label, ALL)] + [(v(f"situation.region.{r}"), r) for r in regions], v("overview.region"),
            "hlo-overview-region", width="360px",
        )  # fmt: skip
        self.count = widgets.HTML()
        self.count.add_class("hlo-overview-count")
        self.table = widgets.HTML()
        self.table.add_class("hlo-overview-table")
        self.figure_note = widgets.HTML()
        self.shown: list[Case] = []
        self.rows = self.index.table
        self._select()
        self.figures = {
            item.key: LiveFigure(item.figure(self.shown, v), f"hlo-overview-{item.key}") for item in OVERVIEW_FIGURES
        }
        self._render_table()
        parts: list[widgets.Widget] = [
            widgets.HTML(OVERVIEW_CSS),
            widgets.HBox([self.sector, self.region]), self.count,
            widgets.HTML(Markup("<h3>{}</h3><p>{}</p>").format(v("overview_phase.table"), v("overview_phase.table.intro"))),
            self.table, self.figure_note,
        ]  # fmt: skip
        for item in OVERVIEW_FIGURES:
            # the figure carries its own title; one sentence above it says what it answers
            parts.append(
                widgets.HTML(Markup('<p style="font-size:17px;margin:1.2em 0 0">{}</p>').format(v(item.intro)))
            )
            parts.append(self.figures[item.key].widget)
        self.sector.observe(lambda _: self.apply(), "value")
        self.region.observe(lambda _: self.apply(), "value")
        self.widget = widgets.VBox(parts)
        self.widget.add_class("hlo-overview")

    def filter(self, sector: str = ALL, region: str = ALL) -> None:
        """Set both filters at once (one redraw); values not offered are refused."""
        if sector not in self._values(self.sector) or region not in self._values(self.region):
            return
        with self.sector.hold_trait_notifications(), self.region.hold_trait_notifications():
            self._quiet = True
            self.sector.value, self.region.value = sector, region
        self._quiet = False
        self.apply()

    _quiet = False

    @staticmethod
    def _values(dropdown: widgets.Dropdown) -> set[str]:
        return {value for _, value in dropdown.options}

    def apply(self) -> None:
        """Filter the table through the index and redraw figures and table."""
        if self._quiet:
            return
        self._select()
        for item in OVERVIEW_FIGURES:
            self.figures[item.key].update(item.figure(self.shown, self.vocabulary))
        self._render_table()

    def _select(self) -> None:
        sector = self.sector.value or None
        region = self.region.value or None
        self.rows = self.index.filter(sector, region)
        self.shown = [self.cases[case_id] for case_id in self.rows.index[:FIGURE_LIMIT]]

    def _render_table(self) -> None:
        v = self.vocabulary
        total = len(self.rows)
        self.count.value = escape(v("overview_phase.showing", shown=total, total=len(self.index)))
        if total == 0:
            self.table.value = Markup("<p>{}</p>").format(v("overview_phase.no_cases"))
            self.figure_note.value = ""
            return
        table: pd.DataFrame = readable_table(self.rows.head(TABLE_LIMIT), v)
        note = (
            Markup('<p class="hlo-overview-note">{}</p>').format(
                v("overview_phase.table_limited", limit=TABLE_LIMIT, count=total)
            )
            if total > TABLE_LIMIT
            else ""
        )
        # joined as plain text: pandas escaped the cells, Markup the note (``str + Markup`` would escape the table)
        self.table.value = "".join((table.to_html(escape=True, border=0, index=False), note))
        self.figure_note.value = (
            Markup('<p class="hlo-overview-note">{}</p>').format(
                v("overview_phase.figures_limited", limit=FIGURE_LIMIT, count=total)
            )
            if total > FIGURE_LIMIT
            else ""
        )


class DirectoryBrowser:
    """A search box, a category and a topic dropdown that narrow each other, and the results as cards."""

    def __init__(self, vocabulary: Vocabulary, entries: Sequence[DirectoryEntry] | None = None) -> None:
        self.vocabulary = vocabulary
        v = vocabulary
        self.entries = tuple(load_directory() if entries is None else entries)
        self.search = widgets.Text(
            placeholder=v("directory.placeholder"), description=v("directory.search"), continuous_update=True,
            style={"description_width": "110px"}, layout=shared_layout(width="560px"),
        )  # fmt: skip
        self.search.add_class("hlo-directory-search")
        self.category = _dropdown(
            self._category_options(categories(self.entries)), v("directory.category"), "hlo-directory-category"
        )
        self.topic = _dropdown(self._topic_options(topics(self.entries)), v("directory.topic"), "hlo-directory-topic")
        self.count = widgets.HTML()
        self.results = widgets.HTML()
        self.results.add_class("hlo-directory-results")
        self._busy = False
        self.search.observe(lambda _: self.refresh(), "value")
        self.category.observe(self._on_category, "value")
        self.topic.observe(self._on_topic, "value")
        self.refresh()
        self.widget = widgets.VBox(
            [
                widgets.HTML(OVERVIEW_CSS),
                self.search,
                widgets.HBox([self.category, self.topic]),
                self.count,
                self.results,
            ]
        )
        self.widget.add_class("hlo-directory")

    # ------------------------------------------------------------ options both ways

    def _category_options(self, chosen: Sequence[Category]) -> list[tuple[str, str]]:
        return [(self.vocabulary("directory.all_categories"), ALL)] + [
            (self.vocabulary.label(c), c.value) for c in chosen
        ]

    def _topic_options(self, chosen: Sequence[str]) -> list[tuple[str, str]]:
        return [(self.vocabulary("directory.all_topics"), ALL)] + [(t, t) for t in chosen]

    def _on_category(self, change: dict[str, Any]) -> None:
        """From category to topic: the topic list shrinks to the topics of the chosen category."""
        value = change["new"]
        chosen = topics_in(Category(value), self.entries) if value else topics(self.entries)
        self._narrow(self.topic, self._topic_options(chosen), set(chosen))

    def _on_topic(self, change: dict[str, Any]) -> None:
        """From topic to category: the category list shrinks to the categories with an entry on the topic."""
        value = change["new"]
        chosen = categories_for(value, self.entries) if value else categories(self.entries)
        self._narrow(self.category, self._category_options(chosen), {c.value for c in chosen})

    def _narrow(self, other: widgets.Dropdown, options: list[tuple[str, str]], allowed: set[str]) -> None:
        """Give the other dropdown its new options, keeping its choice if still allowed, then refresh.

        The busy flag stops the change this makes to the other dropdown from narrowing back.
        """
        if self._busy:
            return
        self._busy = True
        try:
            keep = other.value if other.value in allowed else ALL
            other.options = options
            other.value = keep
        finally:
            self._busy = False
        self.refresh()

    # ------------------------------------------------------------ results

    def found(self) -> list[DirectoryEntry]:
        """The entries matching the search text, category and topic as they are set now."""
        category = Category(self.category.value) if self.category.value else None
        return search(self.search.value[:200], category, self.topic.value or None, entries=self.entries)

    def refresh(self) -> None:
        v = self.vocabulary
        entries = self.found()
        self.count.value = Markup("<b>{}</b>").format(v("directory.found", count=len(entries)))
        if not entries:
            self.results.value = Markup("<p>{}</p>").format(v("directory.none"))
            return
        self.results.value = "".join(directory_card_html(entry, v) for entry in entries)
