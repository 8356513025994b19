"""The save bar under every editor: save, see what is unsaved, learn of other people's saves, settle clashes.

What a coach must be able to trust in a meeting where several people edit:

* **Nothing is silently overwritten.** A save carries only this editor's
  changes and merges them onto the file as it is now
  (:mod:`hlo_design.casefile.three_way`). Where someone else changed the same
  field, the file keeps their value and the bar lists the clash with two
  buttons: keep ours (saved again on top) or keep theirs.
* **Unsaved work is visible**: the button turns orange and says so (see
  :class:`PageSaveView` for why the browser does not ask before leaving).
* **Other people's saves are noticed**: every few seconds the bar compares
  the file's revision with the one it knows and says when someone else saved.
* **Failures are said, not swallowed**: a workbook error, a read-only folder
  or a full disk is shown with its reason; the file is untouched.
* **One way to save per page**: on a dashboard the editors' bars are
  collected by a :class:`PageSave` — one button, always in view, that saves
  every editor with changes; each bar keeps its own status and clashes beside
  its editor. (An editor used on its own keeps its own button.)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets
from markupsafe import Markup

from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import ListConflict, SaveResult, file_revision
from hlo_design.ui.controls import Status, auto_width

__all__ = ["WATCH_SECONDS", "PageSave", "PageSaveView", "SaveBar", "conflict_text"]

WATCH_SECONDS = 2.0
"""How often a bar looks whether someone else saved: within a couple of seconds, at the cost of one small read."""

Describe = Callable[[str], str]
"""The name people know an item by, from its id (``les`` → ``Theorieles``)."""


class SaveBar:
    """A save button with its state (saved, unsaved, someone else saved, clashes) for one editor."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        path: Path | None,
        save: Callable[[Path], SaveResult | None],
        *,
        keep_mine: Callable[[Sequence[ListConflict]], None] | None = None,
        describe: Describe = str,
    ) -> None:
        self.vocabulary = vocabulary
        self.path = path
        self.status = Status()
        self._save = save
        self._keep_mine = keep_mine
        self._describe = describe
        self.button = widgets.Button(
            description=vocabulary("editor.save"), icon="save", button_style="primary",
            disabled=path is None, tooltip=vocabulary("editor.save_tooltip"),
            layout=widgets.Layout(width="auto"),  # its own: hidden where the page's one button saves
        )  # fmt: skip
        self.button.on_click(lambda _: self.save())
        self._unsaved = False
        self.conflicts = widgets.VBox()
        self.conflicts.add_class("hlo-conflicts")
        self.widget = widgets.VBox([widgets.HBox([self.button, self.status.widget]), self.conflicts])
        self.widget.add_class("hlo-save-bar")
        self.revision = file_revision(path) if path is not None else ""
        if path is not None:
            threading.Thread(target=self._watch, args=(path,), daemon=True).start()
        self.page = _collecting.get()
        if self.page is not None:
            self.page.register(self)
            self.button.layout.display = "none"  # the page's one button saves this editor too

    @property
    def unsaved(self) -> bool:
        return self._unsaved

    def mark_unsaved(self) -> None:
        """Something was edited since the last save: say so on the button (and on the page's button)."""
        self._unsaved = True
        self.button.button_style = "warning"
        self.button.description = self.vocabulary("editor.save_unsaved")
        if self.page is not None:
            self.page.refresh()

    def save(self) -> None:
        """Save through the editor; report success, the clashes to settle, or why it failed."""
        if self.path is None:
            return
        try:
            result = self._save(self.path)
        except WorkbookError as error:
            self.status.error(str(error))
            return
        except OSError as error:
            reason = f"{error.strerror or error} ({error.filename or self.path})"
            self.status.error(self.vocabulary("editor.save_failed", reason=reason))
            return
        self.revision = file_revision(self.path)
        self._mark_saved()
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        self.status.ok(self.vocabulary("editor.saved", time=stamp, backup=self.path.name + ".bak"))
        self._show_conflicts(result.conflicts if result is not None else ())

    def _mark_saved(self) -> None:
        self._unsaved = False
        self.button.button_style = "primary"
        self.button.description = self.vocabulary("editor.save")
        if self.page is not None:
            self.page.refresh()

    def _show_conflicts(self, conflicts: Sequence[ListConflict]) -> None:
        if not conflicts:
            self.conflicts.children = ()
            return
        v = self.vocabulary
        lines = [conflict_text(c, v, self._describe) for c in conflicts]
        heading = v("editor.conflicts_one") if len(lines) == 1 else v("editor.conflicts_many", count=len(lines))
        text = widgets.HTML(
            Markup('<div class="hlo-conflict" role="alert" style="color:#8a4b00"><b>{}</b><ul>{}</ul></div>').format(
                heading, Markup("").join(Markup("<li>{}</li>").format(line) for line in lines)
            )
        )
        theirs = widgets.Button(description=v("editor.keep_theirs"), layout=auto_width())
        theirs.on_click(lambda _: self._show_conflicts(()))
        buttons: list[widgets.Widget] = [theirs]
        if self._keep_mine is not None:
            mine = widgets.Button(description=v("editor.keep_mine"), button_style="warning", layout=auto_width())
            mine.add_class("hlo-keep-mine")
            mine.on_click(lambda _: self._settle_with_mine(conflicts))
            buttons.insert(0, mine)
        self.conflicts.children = (text, widgets.HBox(buttons))

    def _settle_with_mine(self, conflicts: Sequence[ListConflict]) -> None:
        assert self._keep_mine is not None  # the button exists only then
        self._keep_mine(conflicts)
        self.save()

    def _watch(self, path: Path) -> None:
        """Until the bar's widget is closed: tell the group when the file was saved by someone else."""
        stop = threading.Event()
        while not stop.wait(WATCH_SECONDS) and self.widget.comm is not None:
            try:
                current = file_revision(path)
            except OSError:
                continue
            if current and current != self.revision:
                self.revision = current
                stamp = dt.datetime.now().strftime("%H:%M")
                self.status.info(self.vocabulary("editor.stale", time=stamp))


_collecting: ContextVar[PageSave | None] = ContextVar("hlo_page_save", default=None)


class PageSaveView(anywidget.AnyWidget):
    """The page's save button, drawn into the page body so it stays in view however far the room scrolls.

    Notebook outputs are clipped containers, where ``position: fixed`` does not
    hold; so the front-end code puts the button on ``document.body`` itself.

    Leaving with unsaved changes asks "leave this page?". Voilà shuts the
    page's kernel down in its own ``beforeunload`` handler, which would run
    even when the person then chooses to stay, leaving a page that can no
    longer save. The page template (``templates/jupyter/voila/templates/hlo``),
    whose script runs before Voilà's, asks instead while ``window.hloUnsaved()``
    (set here) says so, and holds Voilà's handler back until ``pagehide``,
    which only happens when the page really goes.
    """

    _esm = """
    export default {
      render({ model, el }) {
        el.style.display = "none";
        const box = document.createElement("div");
        box.className = "hlo-page-save";
        box.style.cssText = "position:fixed;bottom:18px;right:18px;z-index:10000;background:#fff;" +
          "padding:10px 14px;border:1px solid #bbb;border-radius:8px;box-shadow:0 2px 10px rgba(0,0,0,.3);" +
          "font:16px sans-serif;max-width:30em";
        const button = document.createElement("button");
        button.className = "hlo-page-save-button";
        const status = document.createElement("div");
        status.className = "hlo-page-save-status";
        status.style.cssText = "margin-top:6px;font-size:14px";
        box.append(button, status);
        document.body.appendChild(box);
        const colours = { ok: "#006d4f", error: "#b3261e", info: "#0b5394" };
        const draw = () => {
          const dirty = model.get("dirty");
          button.textContent = model.get("label");
          button.disabled = !dirty;
          button.style.cssText = "font-size:16px;padding:8px 14px;border:0;border-radius:4px;cursor:pointer;" +
            (dirty ? "background:#e65100;color:#fff" : "background:#e0e0e0;color:#333");
          status.textContent = model.get("status");
          status.style.color = colours[model.get("tone")] || "#333";
        };
        button.addEventListener("click", () => model.send({ event: "save" }));
        window.hloUnsaved = () => model.get("dirty");  // read by the page template's leave guard
        for (const name of ["label", "dirty", "status", "tone"]) model.on("change:" + name, draw);
        draw();
        return () => {
          box.remove();
          window.hloUnsaved = () => false;
        };
      },
    };
    """
    label = traitlets.Unicode("").tag(sync=True)
    dirty = traitlets.Bool(False).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    tone = traitlets.Unicode("ok").tag(sync=True)


class PageSave:
    """The one save button of a dashboard page, for every editor built under :meth:`collecting`."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.bars: list[SaveBar] = []
        self.followers: list[Callable[[object, str, Sequence[Any]], None]] = []
        self.view = PageSaveView()
        self.view.on_msg(lambda _view, content, _buffers: self.save_all() if content.get("event") == "save" else None)
        self.widget = self.view
        self.shown = False
        self.refresh()

    @contextmanager
    def collecting(self) -> Iterator[PageSave]:
        """Save bars created inside this block are saved by this page's button."""
        token = _collecting.set(self)
        try:
            yield self
        finally:
            _collecting.reset(token)

    def register(self, bar: SaveBar) -> None:
        self.bars.append(bar)
        self.refresh()

    @property
    def unsaved(self) -> bool:
        return any(b.unsaved for b in self.bars)

    def follow(self, follower: Callable[[object, str, Sequence[Any]], None]) -> None:
        """Call ``follower(origin, field, items)`` whenever an editor on this page shares an edited part."""
        self.followers.append(follower)

    def share(self, origin: object, field: str, items: Sequence[Any]) -> None:
        """An editor changed a part others refer to (environments, actors...): the page's other editors see it.

        A group adds an environment and, before anything is saved, chooses it
        for an activity on the same page; the page's save then writes the
        parts in page order, the environment first.
        """
        for follower in self.followers:
            follower(origin, field, items)

    def save_all(self) -> None:
        """Save every editor with changes; say how it went (each editor shows its own details)."""
        for bar in [b for b in self.bars if b.unsaved]:
            bar.save()
        left = [b for b in self.bars if b.unsaved]
        clashes = sum(1 for b in self.bars if b.conflicts.children)
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        if left:
            key = "editor.page_not_saved_one" if len(left) == 1 else "editor.page_not_saved_many"
            self._say(self.vocabulary(key, count=len(left)), "error")
        elif clashes:
            self._say(self.vocabulary("editor.page_saved_with_clashes", time=stamp), "info")
        else:
            self._say(self.vocabulary("editor.page_saved", time=stamp), "ok")
        self.refresh()

    def refresh(self) -> None:
        """The button says whether anything on the page is unsaved."""
        self.view.dirty = self.unsaved
        self.view.label = self.vocabulary("editor.page_save_unsaved" if self.unsaved else "editor.page_save")

    def _say(self, message: str, tone: str) -> None:
        self.view.status, self.view.tone = message, tone


def conflict_text(conflict: ListConflict, vocabulary: Vocabulary, describe: Describe = str) -> str:
    """One clash in words: which item, which field, our value and the value in the file."""
    clash = conflict.conflict
    item = describe(clash.item_id)
    if clash.field is None:
        key = "editor.conflict_deleted_by_us" if clash.mine is None else "editor.conflict_deleted_by_them"
        return vocabulary(key, item=item)
    return vocabulary(
        "editor.conflict_field",
        item=item,
        field=_field_label(clash.field, vocabulary),
        mine=_value(clash.mine, vocabulary),
        theirs=_value(clash.theirs, vocabulary),
    )


def _field_label(field: str, vocabulary: Vocabulary) -> str:
    try:
        return vocabulary(f"field.{field}")
    except KeyError:
        return field.replace("_", " ")


def _value(value: Any, vocabulary: Vocabulary) -> str:
    """A value as the room reads it: numbers in the page's language, a position as "form 0,4, context 0,6"."""
    if isinstance(value, dict):
        return ", ".join(f"{key} {_value(inner, vocabulary)}" for key, inner in value.items() if inner is not None)
    if isinstance(value, list):
        return ", ".join(_value(inner, vocabulary) for inner in value) or "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return vocabulary.number(value, 2)
    return "—" if value is None else str(value)
