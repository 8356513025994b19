"""Small HTML fragments shared by pages and reports, escaped."""

from __future__ import annotations

import html

__all__ = ["bullets_html"]


def bullets_html(lines: list[str], css_class: str = "") -> str:
    """An escaped bullet list."""
    attribute = f' class="{html.escape(css_class)}"' if css_class else ""
    return f"<ul{attribute}>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
