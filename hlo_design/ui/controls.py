"""Pieces every editor shares: a status line, a save bar, an id allocator."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterable
from pathlib import Path

import ipywidgets as widgets
from pydantic import ValidationError

from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary

__all__ = ["SaveBar", "Status", "auto_width", "fresh_id", "validation_message"]


def auto_width() -> widgets.Layout:
    """A layout that sizes a button to its Dutch label, longer than ipywidgets' default width.

    A fresh Layout each time: layouts are widgets, and a shared one dies with ``Widget.close_all()``.
    """
    return widgets.Layout(width="auto")


class Status:
    """One line telling the group what just happened; all text escaped."""

    def __init__(self) -> None:
        self.widget = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))

    def ok(self, message: str) -> None:
        self.widget.value = f'<span class="hlo-ok" style="color:#006d4f">✓ {html.escape(message)}</span>'

    def error(self, message: str) -> None:
        self.widget.value = f'<span class="hlo-error" style="color:#b3261e">⚠ {html.escape(message)}</span>'

    @property
    def text(self) -> str:
        return str(self.widget.value)


def validation_message(error: ValidationError) -> str:
    """The first problem of a pydantic error as one short sentence."""
    detail = error.errors()[0]
    field = ".".join(str(part) for part in detail["loc"])
    return f"{field}: {str(detail['msg']).removeprefix('Value error, ')}"


class SaveBar:
    """A save button that reports success or the workbook's error message, never a traceback."""

    def __init__(self, vocabulary: Vocabulary, path: Path | None, save: Callable[[Path], None]) -> None:
        self.vocabulary = vocabulary
        self.path = path
        self.status = Status()
        self._save = save
        self.button = widgets.Button(
            description=vocabulary("editor.save"), icon="save", button_style="primary",
            disabled=path is None, tooltip=vocabulary("editor.save_tooltip"), layout=auto_width(),
        )  # fmt: skip
        self.button.on_click(lambda _: self.save())
        self.widget = widgets.HBox([self.button, self.status.widget])

    def save(self) -> None:
        if self.path is None:
            return
        try:
            self._save(self.path)
        except WorkbookError as error:
            self.status.error(str(error))
        else:
            stamp = dt.datetime.now().strftime("%H:%M:%S")
            self.status.ok(self.vocabulary("editor.saved", time=stamp, backup=self.path.name + ".bak"))


def fresh_id(prefix: str, taken: Iterable[str]) -> str:
    """The first ``prefix-N`` not in ``taken``."""
    used = set(taken)
    number = 1
    while f"{prefix}-{number}" in used:
        number += 1
    return f"{prefix}-{number}"
