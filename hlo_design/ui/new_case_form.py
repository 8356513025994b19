"""The start page's form for a new learning community: a case file without writing YAML.

A coach fills in what a group knows at its first meeting — name, sector,
region, who learns, the learning environments and the people involved — and
gets a case file the workbook opens at once. Ids are made from the names
(:func:`~hlo_design.base.schema.new_identifier`), the group's own observation
is the first source, and the file is checked by loading it back before it is
written (:func:`~hlo_design.casefile.starter.create_case`); an existing case is
never overwritten. What is missing is said in words, field by field.

Public API: :class:`NewCaseForm`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import ipywidgets as widgets
from markupsafe import Markup
from pydantic import ValidationError

from hlo_design.base.errors import WorkbookError
from hlo_design.base.schema import new_identifier
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import PHASES
from hlo_design.casefile.loading import case_ids
from hlo_design.casefile.starter import create_case
from hlo_design.model.case import Case
from hlo_design.model.environments import Environment
from hlo_design.model.roles import ActorType
from hlo_design.render.html_fragments import paragraph_html
from hlo_design.ui.shared_models import shared_layout

__all__ = ["NewCaseForm"]

ENVIRONMENT_KINDS: tuple[str, ...] = get_args(Environment.model_fields["kind"].annotation)
WIDE = {"width": "42em"}
"""A layout per widget, never one shared Layout object: closing one page's widgets would close it for all."""
LABELS = {"description_width": "19em"}
"""In em, so labels and fields grow with the text in projector mode instead of wrapping over the next row."""


class _Rows:
    """A growing list of rows (a name and its choices), each removable: the environments or the actors."""

    def __init__(self, make: Callable[[], list[Any]], add_label: str, remove_label: str, start: int) -> None:
        self._make = make
        self._remove_label = remove_label
        self.rows: list[list[Any]] = []
        self.box = widgets.VBox()
        self.add = widgets.Button(description=add_label, layout=shared_layout(width="220px"))
        self.add.on_click(lambda _: self.append())
        for _ in range(start):
            self.append()

    def append(self) -> None:
        row = self._make()
        remove = widgets.Button(description=self._remove_label, layout=shared_layout(width="auto"))
        line = widgets.HBox([*row, remove])
        remove.on_click(lambda _: self._remove(row, line))
        self.rows.append(row)
        self.box.children = (*self.box.children, line)

    def _remove(self, row: list[Any], line: widgets.HBox) -> None:
        self.rows = [other for other in self.rows if other is not row]
        self.box.children = tuple(child for child in self.box.children if child is not line)


class NewCaseForm:
    """Name, sector, region, learners, environments and actors → a new case file in ``cases_dir``."""

    def __init__(
        self, vocabulary: Vocabulary, cases_dir: Path, on_created: Callable[[Case], None] | None = None
    ) -> None:
        v = self.vocabulary = vocabulary
        self.cases_dir = cases_dir
        self.on_created = on_created
        self.name = widgets.Text(description=v("newcase.name"), layout=shared_layout(**WIDE), style=LABELS)
        self.sector = widgets.Text(description=v("newcase.sector"), layout=shared_layout(**WIDE), style=LABELS)
        self.region = widgets.ToggleButtons(
            options=[(v(f"newcase.region.{region}"), region) for region in ("NL", "VL")], value="NL",
            description=v("newcase.region"), style={**LABELS, "button_width": "330px"},
        )  # fmt: skip
        self.learners = widgets.Text(description=v("newcase.learners"), layout=shared_layout(**WIDE), style=LABELS)
        self.learners_count = widgets.BoundedIntText(
            value=0, min=0, max=100_000, description=v("newcase.learners_count"), style={"description_width": "70px"},
            layout=shared_layout(width="170px"),
        )  # fmt: skip
        self._environments_made = 0
        self.environments = _Rows(self._environment_row, v("newcase.add_environment"), v("newcase.remove"), 2)
        self.actors = _Rows(self._actor_row, v("newcase.add_actor"), v("newcase.remove"), 2)
        self.create = widgets.Button(description=v("newcase.create"), button_style="primary",
                                     layout=shared_layout(width="220px", height="44px"))  # fmt: skip
        self.create.add_class("hlo-new-case-create")
        self.create.on_click(lambda _: self.submit())
        self.message = widgets.HTML()
        self.message.add_class("hlo-new-case-message")
        self.widget = widgets.VBox(
            [
                self.name, self.sector, self.region, widgets.HBox([self.learners, self.learners_count]),
                widgets.HTML(paragraph_html(v("newcase.environments"), "hlo-new-case-label")),
                self.environments.box, self.environments.add,
                widgets.HTML(paragraph_html(v("newcase.actors"), "hlo-new-case-label")),
                self.actors.box, self.actors.add, self.create, self.message,
            ]
        )  # fmt: skip
        self.widget.add_class("hlo-new-case")

    def _environment_row(self) -> list[Any]:
        v = self.vocabulary
        kinds = [(v(f"EnvironmentKind.{kind}"), kind) for kind in ENVIRONMENT_KINDS]
        default = ENVIRONMENT_KINDS[min(self._environments_made, 1)]  # school first, then company
        self._environments_made += 1
        name = widgets.Text(placeholder=v("newcase.environment_name"), layout=shared_layout(width="360px"))
        return [name, widgets.Dropdown(options=kinds, value=default, layout=shared_layout(width="180px"))]

    def _actor_row(self) -> list[Any]:
        v = self.vocabulary
        types = [(v.label(member), member.value) for member in ActorType]
        name = widgets.Text(placeholder=v("newcase.actor_name"), layout=shared_layout(width="360px"))
        kind = widgets.Dropdown(options=types, value=ActorType.TEACHER.value, layout=shared_layout(width="220px"))
        count = widgets.BoundedIntText(value=1, min=1, max=100_000, layout=shared_layout(width="90px"))
        return [name, kind, count]

    # ------------------------------------------------------------------ submitting

    def case(self) -> Case:
        """The case the form describes; a :class:`ValueError` says in words what is missing."""
        v = self.vocabulary
        missing = [v(key) for key, widget in (("newcase.name", self.name), ("newcase.sector", self.sector))
                   if not widget.value.strip()]  # fmt: skip
        environments = [(row[0].value.strip(), row[1].value) for row in self.environments.rows if row[0].value.strip()]
        if not environments:
            missing.append(v("newcase.needs_environment"))
        if missing:
            raise ValueError(v("newcase.missing", fields=", ".join(missing)))
        taken = set(case_ids(self.cases_dir))
        data: dict[str, Any] = {
            "id": new_identifier(self.name.value, taken, fallback="casus"),
            "name": self.name.value.strip(),
            "sector": self.sector.value.strip(),
            "region": self.region.value,
            "sources": [{"id": "eigen", "title": v("newcase.source")}],
            "environments": _with_ids([{"name": name, "kind": kind} for name, kind in environments], "omgeving"),
            "actors": _with_ids(self._actors(), "betrokkene"),
        }
        if self.learners.value.strip():
            data["learners"] = {"description": self.learners.value.strip(), "source": "eigen"}
            if self.learners_count.value:
                data["learners"]["count"] = self.learners_count.value
        return Case.model_validate(data)

    def _actors(self) -> list[dict[str, Any]]:
        return [
            {"name": row[0].value.strip(), "type": row[1].value, "count": row[2].value, "source": "eigen"}
            for row in self.actors.rows
            if row[0].value.strip()
        ]

    def submit(self) -> Path | None:
        """Write the case; show where to go next, or what to fix. Returns the new file, if any."""
        v = self.vocabulary
        try:
            case = self.case()
            path = create_case(case, self.cases_dir)
        except ValidationError as error:
            self._say(v("newcase.failed", reason="; ".join(e["msg"] for e in error.errors())), "hlo-error")
            return None
        except (ValueError, WorkbookError, OSError) as error:
            self._say(str(error), "hlo-error")
            return None
        first = PHASES[0]
        link = f"{first.notebook}?case={case.id}&language={v.language}"
        self.message.value = Markup('<p>{} <a href="{}">{}</a></p>').format(
            v("newcase.created", name=case.name), link, v(first.title_key)
        )
        if self.on_created is not None:
            self.on_created(case)
        return path

    def _say(self, text: str, css_class: str) -> None:
        self.message.value = paragraph_html(text, css_class)


def _with_ids(items: list[dict[str, Any]], fallback: str) -> list[dict[str, Any]]:
    """Give each item an id from its name, unique within the list."""
    taken: set[str] = set()
    for item in items:
        item["id"] = new_identifier(item["name"], taken, fallback=fallback)
        taken.add(item["id"])
    return items
