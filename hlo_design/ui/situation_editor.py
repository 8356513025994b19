"""The situation of a case, edited on the diagnosis page: its name, sector and region, environments, actors, sources.

Until now these lived only in the YAML file, so a coach could not start a
case from the dashboard alone. Each part is a :class:`ListEditor` (the basics
a one-item list, see :class:`~hlo_design.casefile.saving.CaseBasics`), so it
saves like every list on the page: with the page's one button, merged with
what colleagues saved meanwhile.

A new environment, actor or source gets an id made from its name
(``ROC Midden`` → ``roc-midden``), readable in the file. Two tabs adding the
same name at the same time make the same id, and their items are merged as
one — which is what they are: the same environment named twice.

Removing something the case still refers to (an environment with activities,
an actor with stickers, a source named by a finding) is refused: the case's
own reference rules (:mod:`hlo_design.model.references`) say what would dangle.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar, get_args

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import BaseModel

from hlo_design.base.schema import new_identifier
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.saving import CaseBasics, ListEdit, ListField, SaveResult, save_basics, save_list
from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.environments import Environment
from hlo_design.model.references import case_problems
from hlo_design.model.roles import ActorType
from hlo_design.model.sources import Source
from hlo_design.ui.controls import auto_width, small_button, text_control
from hlo_design.ui.list_editor import ListEditor, bind
from hlo_design.ui.shared_models import shared_layout

__all__ = ["ActorEditor", "BasicsEditor", "EnvironmentEditor", "SourceEditor"]

Item = TypeVar("Item", bound=BaseModel)

KINDS: tuple[str, ...] = get_args(Environment.model_fields["kind"].annotation)
"""The kinds of environment, in the order of the model."""


class CaseListEditor(ListEditor[Item]):
    """A top-level list of the case with named items: rows, an "add by name" line, refused dangling deletes."""

    field: ClassVar[ListField]
    add_label: ClassVar[str]
    """The vocabulary key of the add button."""
    placeholder: ClassVar[str]
    """The vocabulary key of the name box's example."""

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        self.new_name = widgets.Text(placeholder=vocabulary(self.placeholder), layout=shared_layout(width="320px"))
        add = widgets.Button(description=vocabulary(self.add_label), layout=auto_width())  # the label has its "+"
        add.on_click(lambda _: self.add(self.new_name.value))
        self._render_rows()
        heading = widgets.HTML(Markup("<h4>{}</h4>").format(vocabulary(f"situation.edit.{self.field}")))
        self.widget = widgets.VBox(
            [heading, self.rows, widgets.HBox([self.new_name, add]), self.status.widget, self.save_bar.widget]
        )
        self.widget.add_class(f"hlo-{self.field}-editor")

    def add(self, name: str) -> Item | None:
        """A new item called ``name``, with an id made from it; an empty name is refused."""
        if not name.strip():
            self.status.error(self.vocabulary("situation.edit.name_needed"))
            return None
        taken = {str(self._key(item)) for item in self.items}
        item = self._new(new_identifier(name, taken, fallback=self.id_prefix), name.strip())
        self.new_name.value = ""
        self.status.clear()
        return self.append(item)

    def _new(self, item_id: str, name: str) -> Item:
        """A new item with this id and name and sensible defaults."""
        raise NotImplementedError(type(self).__name__)

    def _items_of(self, case: Case) -> Sequence[Item]:
        items: Sequence[Item] = getattr(case, self.field)
        return items

    def _shared(self) -> str:
        return self.field

    def _write(self, path: Path, edit: ListEdit[Item]) -> SaveResult:
        return save_list(path, self.field, edit)

    def _delete_problem(self, item_id: str) -> str:
        """What would refer to nothing without this item, as the case's reference rules see it."""
        working = self.case.model_copy(update={self.field: self.items})
        without = working.model_copy(update={self.field: [i for i in self.items if self._key(i) != item_id]})
        before = {(p.path, p.code) for p in case_problems(_sections(working))}
        dangling = [p for p in case_problems(_sections(without)) if (p.path, p.code) not in before]
        if not dangling:
            return ""
        places = sorted({self._section(str(p.path[0])) for p in dangling})
        return self.vocabulary("situation.edit.still_used", item=self.describe(item_id), places=", ".join(places))

    def _section(self, name: str) -> str:
        key = f"situation.edit.section.{name}"
        return self.vocabulary(key) if self.vocabulary.has(key) else name.replace("_", " ")

    def _delete_button(self, item_id: str) -> widgets.Button:
        delete = small_button("trash", self.vocabulary("editor.delete"))
        delete.on_click(lambda _: self.delete(item_id))
        return delete


def _sections(case: Case) -> dict[str, Any]:
    return {name: getattr(case, name) for name in type(case).model_fields}


class EnvironmentEditor(CaseListEditor[Environment]):
    """The learning environments: name and kind (a school, a company, a simulation …)."""

    field = "environments"
    part_name = "environments"
    id_prefix = "leeromgeving"
    add_label = "newcase.add_environment"
    placeholder = "newcase.environment_name"

    def _new(self, item_id: str, name: str) -> Environment:
        return Environment(id=item_id, name=name, kind="other")

    def _row(self, item: Environment) -> widgets.Widget:
        v = self.vocabulary
        name = text_control(item.name, "320px")
        kind = widgets.Dropdown(
            options=[(v(f"EnvironmentKind.{k}"), k) for k in KINDS],
            value=item.kind,
            layout=shared_layout(width="180px"),
        )
        bind(name, self.setter(item.id, "name"))
        bind(kind, self.setter(item.id, "kind"))
        row = widgets.HBox([name, kind, self._delete_button(item.id)])
        row.add_class("hlo-environment-row")
        return row


class ActorEditor(CaseListEditor[Actor]):
    """The people involved: name, role type, how many, and (optionally) where they work."""

    field = "actors"
    part_name = "actors"
    id_prefix = "betrokkene"
    add_label = "newcase.add_actor"
    placeholder = "newcase.actor_name"

    def _new(self, item_id: str, name: str) -> Actor:
        return Actor(id=item_id, name=name, type=ActorType.TEACHER)

    def _problem(self, item: Actor) -> str:
        if item.environment is not None and item.environment not in {e.id for e in self.case.environments}:
            return self.vocabulary("editor.unknown_environment", environment=item.environment)
        return ""

    def _row(self, item: Actor) -> widgets.Widget:
        v = self.vocabulary
        name = text_control(item.name, "320px")
        kind = widgets.Dropdown(
            options=[(v.label(t), t.value) for t in ActorType],
            value=item.type.value,
            layout=shared_layout(width="200px"),
        )
        count = widgets.BoundedIntText(value=item.count, min=1, max=100_000, layout=shared_layout(width="90px"))
        environment = widgets.Dropdown(
            options=[(v("situation.edit.no_environment"), "")] + [(e.name, e.id) for e in self.case.environments],
            value=item.environment or "", layout=shared_layout(width="380px"),
        )  # fmt: skip
        bind(name, self.setter(item.id, "name"))
        bind(kind, self.setter(item.id, "type"))
        bind(count, self.setter(item.id, "count"))
        bind(environment, lambda chosen: self.update(item.id, environment=chosen or None))
        row = widgets.HBox([name, kind, count, environment, self._delete_button(item.id)])
        row.add_class("hlo-actor-row")
        return row


class SourceEditor(CaseListEditor[Source]):
    """The documents and observations the case rests on: title, and a file or a note."""

    field = "sources"
    part_name = "sources"
    id_prefix = "bron"
    add_label = "situation.edit.add_source"
    placeholder = "situation.edit.source_title"

    def _new(self, item_id: str, name: str) -> Source:
        return Source(id=item_id, title=name)

    def _row(self, item: Source) -> widgets.Widget:
        v = self.vocabulary
        title = text_control(item.title, "320px")
        file = widgets.Text(
            value=item.file or "", placeholder=v("situation.edit.source_file"), continuous_update=False,
            layout=shared_layout(width="260px"),
        )  # fmt: skip
        note = text_control(item.note or "", "360px")
        note.placeholder = v("situation.edit.source_note")
        bind(title, self.setter(item.id, "title"))
        bind(file, lambda value: self.update(item.id, file=value.strip() or None))
        bind(note, lambda value: self.update(item.id, note=value.strip() or None))
        row = widgets.HBox([title, file, note, self._delete_button(item.id)])
        row.add_class("hlo-source-row")
        return row


class BasicsEditor(ListEditor[CaseBasics]):
    """The case's name, sector and region (NL/VL: which words the pages use, e.g. docent or leerkracht)."""

    id_prefix = "casus"  # unused: there is one item, the case itself
    part_name = "basics"

    def __init__(self, case: Case, vocabulary: Vocabulary, path: Path | None = None) -> None:
        super().__init__(case, vocabulary, path)
        self._render_rows()
        heading = widgets.HTML(Markup("<h4>{}</h4>").format(vocabulary("situation.edit.basics")))
        self.widget = widgets.VBox([heading, self.rows, self.status.widget, self.save_bar.widget])
        self.widget.add_class("hlo-basics-editor")

    @property
    def basics(self) -> CaseBasics:
        return self.items[0]

    def _items_of(self, case: Case) -> Sequence[CaseBasics]:
        return [CaseBasics.of(case)]

    def _write(self, path: Path, edit: ListEdit[CaseBasics]) -> SaveResult:
        return save_basics(path, edit)

    def _row(self, item: CaseBasics) -> widgets.Widget:
        v = self.vocabulary
        name = text_control(item.name, "760px")
        sector = text_control(item.sector, "560px")
        region = widgets.Dropdown(
            options=[(v(f"newcase.region.{r}"), r) for r in ("NL", "VL")], value=item.region,
            layout=shared_layout(width="440px"),
        )  # fmt: skip
        for control, label in ((name, "newcase.name"), (sector, "newcase.sector"), (region, "newcase.region")):
            control.description = v(label)
            control.style = {"description_width": "initial"}
        bind(name, self.setter(item.id, "name"))
        bind(sector, self.setter(item.id, "sector"))
        bind(region, self.setter(item.id, "region"))
        return widgets.VBox([name, widgets.HBox([sector, region])])
