"""Offering a file for download from a dashboard, without writing anything on the server."""

from __future__ import annotations

import base64
from collections.abc import Callable

import ipywidgets as widgets
from markupsafe import Markup

from hlo_design.ui.controls import auto_width

__all__ = ["data_uri_link", "download_button"]


def data_uri_link(text: str, filename: str, label: str, css_class: str = "hlo-report-link") -> str:
    """An ``<a download>`` carrying ``text`` as a base64 HTML data URI; name and label escaped."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return Markup('<a class="{}" download="{}" href="data:text/html;base64,{}">{}</a>').format(
        css_class, filename, encoded, label
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
