"""The role-map exercise itself: a coach puts the group's stickers on the *beeldplaat* in the dashboard.

Per process (samenwerken, afstemmen, opleiden en begeleiden) a table of
actors × tasks; in each cell one toggle per level (strategic, tactical,
operational) and one for "together with the other side". The heat map, the
school/work shares and the analyses below redraw with every sticker, so the
room sees at once who carries what.

Why one browser widget per process instead of an ipywidgets toggle per cell:
nine actors × 25 tasks × four toggles are 900 widgets (each with its own
layout and style model), which made the page slow to open. The grid is drawn
by a small script from three lists; a click only sends "this cell, this
level" to the kernel, where the editor validates it like any other change.
Names are put in as text, never as HTML, so a participant's text cannot run.

Stickers have no id: one is one actor on one task at one level
(:data:`~hlo_design.casefile.saving.STICKER_KEY`), which is also how a save
recognises it when merging with a colleague's stickers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from hlo_design.analysis.role_map import analyse_role_map
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import STICKER_KEY, ListEdit, SaveResult, save_stickers
from hlo_design.casefile.three_way import item_key
from hlo_design.model.case import Case
from hlo_design.model.levels import Level
from hlo_design.model.roles import Process, RoleMap, Sticker, task_catalogue
from hlo_design.render.figures.role_map import role_heatmap, side_share_bars
from hlo_design.render.html_fragments import bullets_html, paragraph_html
from hlo_design.render.role_map_text import explain, task_text
from hlo_design.ui.list_editor import ListEditor
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["DEFAULT_OVERLOAD_THRESHOLD", "StickerEditor", "StickerGrid", "sticker_key"]

DEFAULT_OVERLOAD_THRESHOLD = 0.4
"""As in the diagnosis notebook's parameters: on 40 % of the tasks done, one person carries too much."""


def sticker_key(sticker: Sticker) -> str:
    """The identity of a sticker as a save's merge sees it: ``actor/task/level``."""
    return item_key(sticker.model_dump(mode="json"), STICKER_KEY)


class StickerGrid(anywidget.AnyWidget):
    """One process of the role map as a table of toggles; clicks go to the kernel as messages."""

    _esm = """
    const STYLE = `
      .hlo-sticker-table { border-collapse: collapse; font: 15px sans-serif; color: #1a1a1a; }
      .hlo-sticker-table th, .hlo-sticker-table td { border: 1px solid #ccc; padding: 4px 6px; }
      .hlo-sticker-table thead th { width: 104px; vertical-align: bottom; font-weight: 600; text-align: center; }
      .hlo-sticker-table tbody th { min-width: 200px; max-width: 260px; text-align: left; font-weight: 600; }
      .hlo-sticker-table .hlo-actor-type { display: block; font-weight: 400; font-style: italic; color: #555; }
      .hlo-sticker-table td { text-align: center; white-space: nowrap; }
      .hlo-sticker-table td.hlo-has-sticker { background: #eef5ff; }
      .hlo-sticker-table button { font: 600 14px sans-serif; cursor: pointer; border-radius: 4px;
        border: 1px solid #999; background: #fff; color: #555; margin: 1px; }
      .hlo-sticker-level { width: 30px; height: 30px; }
      .hlo-sticker-level[aria-pressed="true"] { background: #0b5394; border-color: #0b5394; color: #fff; }
      .hlo-sticker-together { width: 94px; height: 24px; font-size: 13px !important; }
      .hlo-sticker-together[aria-pressed="true"] { background: #006d4f; border-color: #006d4f; color: #fff; }
      .hlo-sticker-together:disabled { opacity: .35; cursor: default; }
      /* the process names in full on the tabs ("opleiden en begeleiden" was cut off at 144px), projector-sized */
      .hlo-sticker-editor-tabs .lm-TabBar-tab, .hlo-sticker-editor-tabs .p-TabBar-tab {
        flex: 0 0 auto !important; max-width: none !important; font-size: 16px; padding: 0 14px; }
    `;
    function button(cls, text, title, pressed) {
      const b = document.createElement("button");
      b.className = cls; b.textContent = text; b.title = title;
      b.setAttribute("aria-pressed", pressed ? "true" : "false");
      return b;
    }
    export default {
      render({ model, el }) {
        const draw = () => {
          const labels = model.get("labels");
          const cells = new Map();
          for (const s of model.get("stickers")) {
            const key = s.actor + "\\u0000" + s.task;
            const cell = cells.get(key) || { levels: new Set(), together: false };
            cell.levels.add(s.level); cell.together = cell.together || s.together;
            cells.set(key, cell);
          }
          const table = document.createElement("table");
          table.className = "hlo-sticker-table";
          const head = table.createTHead().insertRow();
          const corner = document.createElement("th");
          corner.textContent = labels.actor; head.appendChild(corner);
          for (const task of model.get("tasks")) {
            const th = document.createElement("th");
            th.textContent = task.label; th.title = task.text; head.appendChild(th);
          }
          const body = table.createTBody();
          for (const actor of model.get("actors")) {
            const row = body.insertRow();
            row.dataset.actor = actor.id;
            const th = document.createElement("th");
            th.textContent = actor.name;
            const kind = document.createElement("span");
            kind.className = "hlo-actor-type"; kind.textContent = actor.kind;
            th.appendChild(kind); row.appendChild(th);
            for (const task of model.get("tasks")) {
              const cell = cells.get(actor.id + "\\u0000" + task.id);
              const td = row.insertCell();
              td.dataset.task = task.id;
              if (cell) td.classList.add("hlo-has-sticker");
              const send = (content) => model.send({ actor: actor.id, task: task.id, ...content });
              for (const level of labels.levels) {
                const on = !!cell && cell.levels.has(level.id);
                const b = button("hlo-sticker-level", level.short, actor.name + " · " + task.text + " · " + level.name, on);
                b.dataset.level = level.id;
                b.addEventListener("click", () => send({ event: "level", level: level.id }));
                td.appendChild(b);
              }
              td.appendChild(document.createElement("br"));
              const together = !!cell && cell.together;
              const t = button("hlo-sticker-together", labels.together, labels.together_tooltip, together);
              t.disabled = !cell;
              t.addEventListener("click", () => send({ event: "together", together: !together }));
              td.appendChild(t);
            }
          }
          const style = document.createElement("style");
          style.textContent = STYLE;
          el.replaceChildren(style, table);
        };
        for (const name of ["actors", "tasks", "stickers", "labels"]) model.on("change:" + name, draw);
        draw();
      },
    };
    """
    actors: traitlets.List[dict[str, str]] = traitlets.List().tag(sync=True)
    """``{id, name, kind}`` per actor, in the case's order."""
    tasks: traitlets.List[dict[str, str]] = traitlets.List().tag(sync=True)
    """``{id, label, text}`` per task of this process."""
    stickers: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    """The working stickers on these tasks, as plain data."""
    labels = traitlets.Dict().tag(sync=True)
    """Every word the grid shows, from the vocabulary."""


class StickerEditor(ListEditor[Sticker]):
    """The stickers of ``case.role_map`` as a grid per process, with the live heat map, shares and analyses."""

    id_prefix = "sticker"  # unused: a sticker is recognised by actor, task and level (see sticker_key)
    part_name = "role_map.stickers"

    def __init__(
        self,
        case: Case,
        vocabulary: Vocabulary,
        path: Path | None = None,
        *,
        overload_threshold: float = DEFAULT_OVERLOAD_THRESHOLD,
    ) -> None:
        super().__init__(case, vocabulary, path)
        self.overload_threshold = overload_threshold
        v = vocabulary
        self.grids = {process: StickerGrid(labels=self._labels()) for process in Process}
        for grid in self.grids.values():
            grid.on_msg(lambda _grid, content, _buffers: self._on_click(content))
        self.tabs = widgets.Tab(children=list(self.grids.values()), layout=shared_layout(overflow="auto"))
        for index, process in enumerate(self.grids):
            self.tabs.set_title(index, v.label(process))
        self.tabs.add_class("hlo-sticker-editor-tabs")
        self.heatmap = LiveFigure(role_heatmap(self.working_case, v), "hlo-role-heatmap")
        self.shares = LiveFigure(side_share_bars(self.working_case, v))
        self.headlines = widgets.HTML()
        self.details = widgets.Accordion(children=[widgets.HTML()], selected_index=None, layout=widgets.Layout())
        self.analysis = widgets.VBox([self.headlines, self.details])
        self._render_rows()
        self._draw_analysis()
        intro = widgets.HTML(str(paragraph_html(v("rolemap.edit.intro" if case.actors else "rolemap.edit.no_actors"))))
        self.widget = widgets.VBox(
            [intro, self.tabs, self.status.widget, self.save_bar.widget, self.heatmap.widget, self.shares.widget,
             self.analysis]
        )  # fmt: skip
        self.widget.add_class("hlo-sticker-editor")

    @property
    def working_case(self) -> Case:
        """The case with this editor's stickers on the role map (what the figures show)."""
        role_map = self.case.role_map if self.case.role_map is not None else RoleMap()
        return self.case.model_copy(update={"role_map": role_map.model_copy(update={"stickers": self.items})})

    # ------------------------------------------------------------ the API the grid calls

    def toggle(self, actor: str, task: str, level: Level) -> bool:
        """Put a sticker for ``actor`` on ``task`` at ``level``, or take it off when it is there."""
        problem = self._unknown(actor, task)
        if problem:
            self.status.error(problem)
            return False
        sticker = Sticker(actor=actor, task=task, level=level, together=self._together(actor, task))
        if sticker_key(sticker) in {sticker_key(s) for s in self.items}:
            return self.delete(sticker_key(sticker))
        self.status.clear()
        self.append(sticker)
        return True

    def set_together(self, actor: str, task: str, together: bool) -> bool:
        """Mark every sticker of ``actor`` on ``task`` as done together with the other side (or not)."""
        keys = [sticker_key(s) for s in self._cell(actor, task)]
        if not keys:
            self.status.error(self.vocabulary("rolemap.edit.together_needs_sticker"))
            return False
        applied = [self.update(key, together=together) for key in keys]  # every sticker, even after a refusal
        return all(applied)

    def describe(self, item_id: str) -> str:
        """A sticker as the room knows it: "Docenten · Waarom samenwerken · strategisch"."""
        actor, task, level = [*item_id.split("/"), "", ""][:3]
        names = {a.id: a.name for a in self.case.actors}
        tasks = {t.id: self.vocabulary(f"rolemap.task.{t.id}") for t in task_catalogue()}
        levels = {lv.value: self.vocabulary.label(lv) for lv in Level}
        return " · ".join([names.get(actor, actor), tasks.get(task, task), levels.get(level, level)])

    # ------------------------------------------------------------ internals

    def _items_of(self, case: Case) -> Sequence[Sticker]:
        return case.role_map.stickers if case.role_map is not None else []

    def _write(self, path: Path, edit: ListEdit[Sticker]) -> SaveResult:
        return save_stickers(path, edit)

    def _key(self, item: Sticker) -> str:
        return sticker_key(item)

    def _model(self) -> type[Sticker]:
        return Sticker

    def _cell(self, actor: str, task: str) -> list[Sticker]:
        return [s for s in self.items if s.actor == actor and s.task == task]

    def _together(self, actor: str, task: str) -> bool:
        """A new sticker in a cell follows the cell's "together" toggle."""
        return any(s.together for s in self._cell(actor, task))

    def _unknown(self, actor: str, task: str) -> str:
        """Why a click cannot be a sticker (a stale page after an actor was removed); ``""`` if it can."""
        if actor not in {a.id for a in self.case.actors}:
            return self.vocabulary("editor.unknown_actor", actor=actor)
        if task not in {t.id for t in task_catalogue()}:
            return self.vocabulary("editor.unknown_task", task=task)
        return ""

    def _on_click(self, content: dict[str, Any]) -> None:
        actor, task = str(content.get("actor", "")), str(content.get("task", ""))
        if content.get("event") == "level" and content.get("level") in {lv.value for lv in Level}:
            self.toggle(actor, task, Level(content["level"]))
        elif content.get("event") == "together":
            self.set_together(actor, task, bool(content.get("together")))

    def _render_rows(self) -> None:
        """The grids show the working stickers (this editor lays out its items in grids, not rows)."""
        v = self.vocabulary
        for process, grid in self.grids.items():
            tasks = [t for t in task_catalogue() if t.process is process]
            ids = {t.id for t in tasks}
            grid.actors = [{"id": a.id, "name": a.name, "kind": v.label(a.type)} for a in self.case.actors]
            grid.tasks = [{"id": t.id, "label": v(f"rolemap.task.{t.id}"), "text": task_text(t, v)} for t in tasks]
            grid.stickers = [s.model_dump(mode="json") for s in self.items if s.task in ids]

    def _changed(self) -> None:
        self._render_rows()
        self.heatmap.update(role_heatmap(self.working_case, self.vocabulary))
        self.shares.update(side_share_bars(self.working_case, self.vocabulary))
        self._draw_analysis()

    def _draw_analysis(self) -> None:
        """The headlines in view; the details in a closed toggle, so the headlines stay what the room sees first."""
        text = explain(analyse_role_map(self.working_case, self.overload_threshold), self.vocabulary)
        self.headlines.value = str(bullets_html(text.headlines))
        self.details.children[0].value = str(bullets_html(text.details))
        self.details.set_title(0, self.vocabulary("rolemap.details", count=len(text.details)))
        self.details.layout.display = "" if text.details else "none"

    def _labels(self) -> dict[str, Any]:
        v = self.vocabulary
        return {
            "actor": v("rolemap.edit.actor"),
            "together": v("rolemap.edit.together"),
            "together_tooltip": v("rolemap.edit.together_tooltip"),
            "levels": [
                {"id": lv.value, "short": v(f"rolemap.edit.level_short.{lv.value}"), "name": v.label(lv)}
                for lv in Level
            ],
        }
