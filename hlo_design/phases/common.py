"""Pieces every phase notebook shares: where reports go and how a dashboard offers a file.

The batch and the notebooks agree on one path per case, phase and language
(``<output_dir>/<case>/<phase>.html``, ``<phase>.en.html`` in English). In a
dashboard nothing is written on the server: the page offers the file as a
data-URI download instead, built when the group asks for it.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from hlo_design.cases import Case
from hlo_design.widgets.common import auto_width

__all__ = ["bullets_html", "data_uri_link", "download_button", "report_path"]


def report_path(output_dir: Path, case: Case, phase: str, language: str) -> Path:
    """Where the batch and the notebook put a case's report of ``phase``."""
    suffix = "" if language == "nl" else f".{language}"
    return output_dir / case.id / f"{phase}{suffix}.html"


def data_uri_link(text: str, filename: str, label: str, css_class: str = "hlo-report-link") -> str:
    """An ``<a download>`` carrying ``text`` as a base64 HTML data URI; name and label escaped."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="{html.escape(css_class)}" download="{html.escape(filename)}" '
        f'href="data:text/html;base64,{encoded}">{html.escape(label)}</a>'
    )


def download_button(
    description: str, link_label: str, filename: str, make_text: Callable[[], str], css_class: str = "hlo-report-link"
) -> widgets.HBox:
    """A button that renders a file on demand and shows a download link next to it."""
    button = widgets.Button(description=description, icon="file", button_style="info", layout=auto_width())
    link = widgets.HTML()

    def make(_: object) -> None:
        link.value = data_uri_link(make_text(), filename, link_label, css_class)

    button.on_click(make)
    return widgets.HBox([button, link])


def bullets_html(lines: list[str], css_class: str = "") -> str:
    """An escaped bullet list."""
    attribute = f' class="{html.escape(css_class)}"' if css_class else ""
    return f"<ul{attribute}>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
