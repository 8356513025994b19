"""Pieces every editor shares: a status line, small controls, an id allocator (the save bar: :mod:`.save_bar`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import ValidationError

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.ui.shared_models import shared_layout

__all__ = [
    "Status",
    "auto_width",
    "fresh_id",
    "short_label",
    "small_button",
    "text_control",
    "toggles",
    "validation_message",
]


def auto_width() -> widgets.Layout:
    """A layout that sizes a button to its Dutch label, longer than ipywidgets' default width (shared, frozen)."""
    return shared_layout(width="auto")


class Status:
    """One line telling the group what just happened; all text escaped."""

    def __init__(self) -> None:
        self.widget = widgets.HTML(layout=shared_layout(min_height="1.6em"))

    def ok(self, message: str) -> None:
        self.widget.value = Markup('<span class="hlo-ok" style="color:#006d4f">✓ {}</span>').format(message)

    def info(self, message: str) -> None:
        self.widget.value = Markup('<span class="hlo-info" style="color:#0b5394">ⓘ {}</span>').format(message)

    def error(self, message: str) -> None:
        self.widget.value = Markup('<span class="hlo-error" style="color:#b3261e">⚠ {}</span>').format(message)

    def clear(self) -> None:
        """A change went through: the last problem no longer applies."""
        self.widget.value = ""

    @property
    def text(self) -> str:
        return str(self.widget.value)


def validation_message(error: ValidationError) -> str:
    """The first problem of a pydantic error as one short sentence."""
    detail = error.errors()[0]
    field = ".".join(str(part) for part in detail["loc"])
    return f"{field}: {str(detail['msg']).removeprefix('Value error, ')}"


def fresh_id(prefix: str, taken: Iterable[str]) -> str:
    """The first ``prefix-N`` not in ``taken``.

    Only where ``taken`` is read again under the file lock (a saved variant);
    editors give new list items a :func:`~hlo_design.ui.list_editor.new_id`.
    """
    used = set(taken)
    number = 1
    while f"{prefix}-{number}" in used:
        number += 1
    return f"{prefix}-{number}"


def short_label(text: str, chars: int) -> str:
    """``text`` cut to ``chars`` characters with an ellipsis: a goal (a sentence) as a dropdown option."""
    return text if len(text) <= chars else text[: chars - 1] + "…"


def text_control(value: str, width: str, *, area: bool = False, height: str = "60px") -> widgets.ValueWidget:
    """A text box (or with ``area`` a text area) that reports a change only when the group leaves it."""
    if area:
        return widgets.Textarea(value=value, continuous_update=False, layout=shared_layout(width=width, height=height))
    return widgets.Text(value=value, continuous_update=False, layout=shared_layout(width=width))


def toggles(
    members: Sequence[Any], chosen: Sequence[Any], vocabulary: Vocabulary, width: str
) -> list[widgets.ToggleButton]:
    """One toggle per enum member, labelled in the vocabulary, pressed for the ``chosen`` ones."""
    return [
        widgets.ToggleButton(value=m in chosen, description=vocabulary.label(m), layout=shared_layout(width=width))
        for m in members
    ]


def small_button(icon: str, tooltip: str) -> widgets.Button:
    """An icon-only button (delete, move up) that does not take a row's width."""
    return widgets.Button(icon=icon, tooltip=tooltip, layout=shared_layout(width="44px"))
