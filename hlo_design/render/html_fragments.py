"""Small HTML fragments shared by pages and reports.

Every fragment is built with :class:`markupsafe.Markup`: ``Markup(template).format``
escapes each value that is not markup itself, so participant text can never
become markup and no caller has to remember to escape. Larger pieces live in
``templates/`` (autoescaped Jinja2) and come back as :func:`fragment`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from hlo_design.render.report import render_template

__all__ = ["bullets_html", "fragment", "heading_html", "paragraph_html", "path_link_html"]


def bullets_html(lines: Iterable[str], css_class: str = "") -> Markup:
    """A bullet list, one escaped line per item."""
    items = Markup("").join(Markup("<li>{}</li>").format(line) for line in lines)
    if css_class:
        return Markup('<ul class="{}">{}</ul>').format(css_class, items)
    return Markup("<ul>{}</ul>").format(items)


def heading_html(text: str, level: int = 2) -> Markup:
    """A heading of ``level`` with escaped text (a page title, an editor's caption)."""
    return Markup("<h{0}>{1}</h{0}>").format(level, text)


def paragraph_html(text: str, css_class: str = "") -> Markup:
    """One escaped paragraph."""
    if css_class:
        return Markup('<p class="{}">{}</p>').format(css_class, text)
    return Markup("<p>{}</p>").format(text)


def path_link_html(text: str, path: Path) -> Markup:
    """``text`` followed by a link to a written file, e.g. "The report is in <a>reports/zorg/diagnose.html</a>"."""
    return Markup('<p>{} <a href="{}">{}</a></p>').format(text, str(path), str(path))


def fragment(name: str, **context: object) -> Markup:
    """A piece of a page from ``templates/`` (autoescaped), ready to be placed in other markup."""
    return Markup(render_template(name, **context))  # noqa: S704 - autoescaped template output
