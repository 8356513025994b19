"""Saving case files: atomic, verified, locked, merging edits by id.

A save writes a temporary file, fsyncs and renames it, keeps the previous
version as ``<file>.bak`` and never writes what would not load back. Editors
save their list through :func:`save_list` (or :func:`save_design`,
:func:`save_valorisation`, :func:`save_stickers`, :func:`save_rhythm` for lists nested deeper), which re-reads the file
under the lock and merges by id, so an edit made meanwhile by someone else
survives. This is the only module that writes a case: editors never open files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, get_args

from filelock import FileLock
from pydantic import BaseModel

from hlo_design.base.errors import SaveConflictError, WorkbookError
from hlo_design.base.schema import Record, Text
from hlo_design.casefile.atomic import write_atomically
from hlo_design.casefile.history import remember
from hlo_design.casefile.loading import parse_case
from hlo_design.casefile.round_trip import new_text, updated_text
from hlo_design.casefile.three_way import Conflict, Key, merge_three_way
from hlo_design.casefile.yaml_source import read_case_bytes
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumChoice
from hlo_design.model.design_plan import DesignPlan, Focus, PerspectiveState, implicit_step_ids
from hlo_design.model.perspectives import Perspective
from hlo_design.model.rhythm import Rhythm
from hlo_design.model.roles import RoleMap
from hlo_design.model.valorisation import Valorisation

__all__ = [
    "CONTINUUM_FIELDS",
    "FOCUS_FIELDS",
    "RHYTHM_FIELDS",
    "RHYTHM_SLOT_KEY",
    "STICKER_KEY",
    "CaseBasics",
    "DesignList",
    "FieldsEdit",
    "IncompleteRecordError",
    "Item",
    "ListConflict",
    "ListEdit",
    "ListField",
    "SaveResult",
    "ValorisationPart",
    "dump_case",
    "file_revision",
    "merge_list",
    "restore_version",
    "save_basics",
    "save_case",
    "save_continuum",
    "save_decisions",
    "save_design",
    "save_list",
    "save_rhythm",
    "save_stickers",
    "save_valorisation",
    "update_case",
]


def dump_case(case: Case) -> str:
    """The YAML text of a case as a new file, in field order, without default values."""
    return new_text(_case_data(case)[1])


def _case_text(case: Case, original: str | None) -> str:
    """The text to write: ``original`` (the file as people wrote it) updated in place, or a new file."""
    if original is None:
        return dump_case(case)
    full, lean = _case_data(case)
    return updated_text(original, full, lean)


def _case_data(case: Case) -> tuple[dict[str, Any], dict[str, Any]]:
    """The case as plain data with every field, and without defaults; written as people write them.

    Places as people write them; journey steps without the id loading would derive anyway.
    """
    full = case.model_dump(mode="json")
    lean = case.model_dump(mode="json", exclude_defaults=True)
    for data in (full, lean):
        for finding, raw in zip(case.findings, data.get("findings", []), strict=True):
            raw["place"] = finding.place.to_yaml()
        steps = (data.get("design") or {}).get("journey", [])
        for index in implicit_step_ids(case.design.journey) if case.design is not None else ():
            del steps[index]["id"]  # loading derives it again: an unchanged step stays as it was written
    return full, lean


def file_revision(path: Path) -> str:
    """A fingerprint of the file on disk, to detect saves by someone else."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def save_case(case: Case, path: Path, *, expected_revision: str | None = None) -> str:
    """Write a case atomically, keeping the previous file as ``<file>.bak``.

    With ``expected_revision`` (from :func:`file_revision` at load time) the
    save is refused when the file changed meanwhile. Returns the new revision.
    """
    with FileLock(str(path) + ".lock", timeout=10):
        if expected_revision is not None and file_revision(path) != expected_revision:
            raise SaveConflictError(
                f"{path}: the file was saved by someone else after you opened it; reload it and apply your change again (nothing was overwritten)"
            )
        return _write_atomically(path, _case_text(case, _existing_text(path)))


def update_case(path: Path, change: Callable[[Case], Case]) -> Case:
    """Read, change and save a case under the file lock, so concurrent updates all land."""
    with FileLock(str(path) + ".lock", timeout=10):
        raw = read_case_bytes(path)
        updated = change(parse_case(raw, str(path)))
        _write_atomically(path, _case_text(updated, raw.decode("utf-8")))
        return updated


def _existing_text(path: Path) -> str | None:
    return read_case_bytes(path).decode("utf-8") if path.exists() else None


def restore_version(path: Path, version: Path) -> Case:
    """Put a kept version (:mod:`~hlo_design.casefile.history`) back, as a normal locked save; returns the case."""
    text = version.read_text(encoding="utf-8")
    with FileLock(str(path) + ".lock", timeout=10):
        _write_atomically(path, text)
    return parse_case(text.encode("utf-8"), str(path))


def _write_atomically(path: Path, text: str) -> str:
    data = text.encode("utf-8")
    parse_case(data, str(path))  # never write what we could not read back
    remember(path)
    write_atomically(path, data, keep_previous=True)
    return hashlib.sha256(data).hexdigest()


Item = TypeVar("Item", bound=BaseModel)
"""A record of an edited list, recognised by its ``id`` or by another key field (see :data:`VALORISATION_KEYS`)."""


@dataclass(frozen=True)
class ListEdit(Generic[Item]):
    """An edited list: as this editor loaded it (``base``) and as it has it now (``items``, in its order).

    Only the difference between the two is saved, merged onto the file as it
    is now (:func:`~hlo_design.casefile.three_way.merge_three_way`).
    """

    base: Sequence[Item]
    items: Sequence[Item]


@dataclass(frozen=True)
class ListConflict:
    """A clash in one edited list (``part``, e.g. ``activities`` or ``valorisation.lessons``)."""

    part: str
    conflict: Conflict


@dataclass(frozen=True)
class SaveResult:
    """The case as saved, and the clashes the coach must decide (the file kept the other value)."""

    case: Case
    conflicts: tuple[ListConflict, ...] = ()


def merge_list(
    on_disk: Sequence[Item], edit: ListEdit[Item], key: Key = "id"
) -> tuple[list[Item], tuple[Conflict, ...]]:
    """This editor's changes (``edit.base`` → ``edit.items``) applied onto the list ``on_disk``, and the clashes."""
    model = next((type(item) for item in (*on_disk, *edit.items, *edit.base)), None)
    if model is None:
        return [], ()
    merged = merge_three_way(_plain(edit.base), _plain(edit.items), _plain(on_disk), key)
    return [model.model_validate(item) for item in merged.items], merged.conflicts


def _plain(items: Sequence[BaseModel]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item in items]


ListField = Literal["sources", "environments", "actors", "activities", "findings", "leerfiches", "reflection_webs"]

"""The case's top-level lists whose items have ids and are edited in meetings."""


def save_list(path: Path, field: ListField, edit: ListEdit[Any]) -> SaveResult:
    """Merge an edited list into the case file by id, under the file lock."""
    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        merged, clashes = merge_list(getattr(case, field), edit)
        conflicts.extend(ListConflict(field, clash) for clash in clashes)
        return case.model_copy(update={field: merged})

    return SaveResult(update_case(path, change), tuple(conflicts))


DesignList = Literal["decisions", "focus.goals", "journey"]
"""The lists inside ``case.design`` that editors merge by id (``focus.goals`` is the focus's ordered goals)."""


@dataclass(frozen=True)
class FieldsEdit:
    """Plain fields of one record (the focus's question and target group): as loaded and as edited now.

    Merged field by field like a list item, so a colleague's change of
    another field survives and a change of the same field is a clash.
    """

    base: Mapping[str, Any]
    mine: Mapping[str, Any]


class IncompleteRecordError(WorkbookError):
    """A record the group fills in (the focus, the continuum choice) cannot be saved with a required field blank."""


FOCUS_FIELDS = ("question", "target_group")
"""The focus's own fields, besides its goals."""


def save_decisions(
    path: Path, edit: ListEdit[Any], situations: Mapping[Perspective, str | None] | None = None
) -> SaveResult:
    """Merge edited design decisions (by id) and changed current situations into the case file."""
    return save_design(path, {"decisions": edit}, situations=situations)


def save_design(
    path: Path,
    edits: Mapping[DesignList, ListEdit[Any]],
    *,
    situations: Mapping[Perspective, str | None] | None = None,
    focus: FieldsEdit | None = None,
) -> SaveResult:
    """Merge edited parts of ``case.design`` into the case file under the file lock.

    ``edits`` are lists merged by id (decisions, the focus's goals, the journey's steps);
    ``situations`` holds only the perspectives the group changed (``None`` or
    a blank text removes that perspective's description); ``focus`` the
    question and target group. Parts not given stay as they are on disk.
    """
    changed = dict(situations or {})
    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        plan = case.design or DesignPlan()
        update: dict[str, Any] = {}
        if changed:
            states = {s.perspective: s for s in plan.perspectives}
            for perspective, text in changed.items():
                _set_situation(states, perspective, text)
            update["perspectives"] = [states[p] for p in Perspective if p in states]
        if "decisions" in edits:
            update["decisions"], clashes = merge_list(plan.decisions, edits["decisions"])
            conflicts.extend(ListConflict("design.decisions", clash) for clash in clashes)
        if "journey" in edits:
            update["journey"], clashes = merge_list(plan.journey, edits["journey"])
            conflicts.extend(ListConflict("design.journey", clash) for clash in clashes)
        if "focus.goals" in edits or focus is not None:
            update["focus"] = _merged_focus(plan.focus, edits.get("focus.goals"), focus, conflicts)
        return case.model_copy(update={"design": plan.model_copy(update=update)})

    return SaveResult(update_case(path, change), tuple(conflicts))


def _merged_focus(
    on_disk: Focus | None, goals: ListEdit[Any] | None, fields: FieldsEdit | None, conflicts: list[ListConflict]
) -> Focus | None:
    """The focus on disk with this editor's goals and fields merged in; ``None`` while it is still empty."""
    current = {name: getattr(on_disk, name) if on_disk is not None else "" for name in FOCUS_FIELDS}
    if fields is not None:
        current = _merge_record("design.focus", fields, current, conflicts)
    merged_goals = list(on_disk.goals) if on_disk is not None else []
    if goals is not None:
        merged_goals, clashes = merge_list(merged_goals, goals)
        conflicts.extend(ListConflict("design.focus.goals", clash) for clash in clashes)
    if not any(str(value).strip() for value in current.values()) and not merged_goals:
        return None
    if not all(str(value).strip() for value in current.values()):
        raise IncompleteRecordError("a focus needs a design question and a target group before it can be saved")
    if on_disk is None:
        return Focus(**current, goals=merged_goals)
    return on_disk.model_copy(update={**current, "goals": merged_goals})


def _merge_record(
    part: str, edit: FieldsEdit, on_disk: Mapping[str, Any], conflicts: list[ListConflict]
) -> dict[str, Any]:
    """A record's fields with this editor's changes applied onto the file's, as one list item (``id`` = ``part``)."""
    key = part.rsplit(".", 1)[-1]
    merged = merge_three_way([{"id": key, **edit.base}], [{"id": key, **edit.mine}], [{"id": key, **on_disk}])
    conflicts.extend(ListConflict(part, clash) for clash in merged.conflicts)
    return {name: value for name, value in merged.items[0].items() if name != "id"}


def save_continuum(path: Path, edit: FieldsEdit) -> SaveResult:
    """Merge the chosen place on the school–work continuum and its rationale into the case file.

    Field by field, like the focus: a colleague's new rationale survives our
    new position. Both blank removes the choice.
    """
    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        old = case.continuum
        current = old.model_dump(mode="json", include=set(CONTINUUM_FIELDS)) if old is not None else {}
        fields = _merge_record("continuum", edit, current, conflicts)
        if not any(fields.get(name) for name in CONTINUUM_FIELDS):
            return case.model_copy(update={"continuum": None})
        choice = ContinuumChoice.model_validate({**(old.model_dump() if old is not None else {}), **fields})
        return case.model_copy(update={"continuum": choice})

    return SaveResult(update_case(path, change), tuple(conflicts))


CONTINUUM_FIELDS = ("position", "rationale")
"""The fields of a continuum choice the group edits."""


def _set_situation(states: dict[Perspective, PerspectiveState], perspective: Perspective, text: str | None) -> None:
    if text is None or not text.strip():
        states.pop(perspective, None)
        return
    old = states.get(perspective)
    states[perspective] = (
        old.model_copy(update={"current_situation": text})
        if old is not None
        else PerspectiveState(perspective=perspective, current_situation=text)
    )


ValorisationPart = Literal[
    "test_moments", "lessons", "corners", "action_areas", "actions", "success_factors", "preconditions"
]
"""The editable parts of ``case.valorisation``."""

VALORISATION_KEYS: dict[str, str] = {
    "test_moments": "id",
    "lessons": "id",
    "corners": "corner",
    "action_areas": "id",
    "actions": "id",
    "success_factors": "factor",
    "preconditions": "text",
}
"""How items of each editable part of ``valorisation`` are recognised when merging with the file."""


def save_valorisation(path: Path, edits: Mapping[str, ListEdit[Any]]) -> SaveResult:
    """Merge edited parts of ``valorisation`` (e.g. ``{"lessons": ListEdit(...)}``) into the case file.

    Parts not named are left as they are on disk. The file is validated again
    before it is written (unknown action areas, bad scales), so a bad merge is
    refused with the workbook's error message.
    """
    unknown = set(edits) - set(get_args(ValorisationPart))
    if unknown:
        raise ValueError(
            f"save_valorisation: cannot save {sorted(unknown)}; use one of {sorted(get_args(ValorisationPart))}"
        )

    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        current = case.valorisation if case.valorisation is not None else Valorisation()
        update = {}
        for name, edit in edits.items():
            update[name], clashes = merge_list(getattr(current, name), edit, VALORISATION_KEYS[name])
            conflicts.extend(ListConflict(f"valorisation.{name}", clash) for clash in clashes)
        return case.model_copy(update={"valorisation": current.model_copy(update=update)})

    return SaveResult(update_case(path, change), tuple(conflicts))


RHYTHM_SLOT_KEY = ("day", "part")
"""A slot of the week has no id: it *is* one day part of one day, so that is what a merge recognises it by.

Two people filling in different day parts both keep theirs; the same day part
given two different settings is a clash the coach settles.
"""

RHYTHM_FIELDS = ("pattern",)
"""The rhythm's own fields the group edits besides its slots (block or ribbon internships)."""


def save_rhythm(path: Path, slots: ListEdit[Any], fields: FieldsEdit | None = None) -> SaveResult:
    """Merge edited slots of the weekly rhythm (by :data:`RHYTHM_SLOT_KEY`) and its pattern into the case file.

    A case without a rhythm gets one as soon as there is something in it; the
    rhythm's source, note and other fields stay as they are on disk.
    """
    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        current = case.rhythm if case.rhythm is not None else Rhythm()
        merged, clashes = merge_list(current.slots, slots, RHYTHM_SLOT_KEY)
        conflicts.extend(ListConflict("rhythm.slots", clash) for clash in clashes)
        own = current.model_dump(mode="json", include=set(RHYTHM_FIELDS))
        if fields is not None:
            own = _merge_record("rhythm", fields, own, conflicts)
        data = {**current.model_dump(mode="json"), **own, "slots": [slot.model_dump(mode="json") for slot in merged]}
        rhythm = Rhythm.model_validate(data)
        if case.rhythm is None and rhythm == Rhythm():
            return case  # nothing filled in: no empty ``rhythm:`` section
        return case.model_copy(update={"rhythm": rhythm})

    return SaveResult(update_case(path, change), tuple(conflicts))


STICKER_KEY = ("actor", "task", "level")
"""A sticker has no id: it *is* one actor on one task at one level, so that is what a merge recognises it by.

Two coaches putting a sticker on different cells both keep theirs; the same
sticker put on by both is one sticker; only ``together`` (and ``source``) can clash.
"""


def save_stickers(path: Path, edit: ListEdit[Any]) -> SaveResult:
    """Merge edited role-map stickers (recognised by :data:`STICKER_KEY`) into the case file."""
    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        current = case.role_map if case.role_map is not None else RoleMap()
        stickers, clashes = merge_list(current.stickers, edit, STICKER_KEY)
        conflicts.extend(ListConflict("role_map.stickers", clash) for clash in clashes)
        return case.model_copy(update={"role_map": current.model_copy(update={"stickers": stickers})})

    return SaveResult(update_case(path, change), tuple(conflicts))


class CaseBasics(Record):
    """The case's own fields a coach edits on the diagnosis page, as one item a save can merge like a list's.

    As an item of a one-item list the basics go through the same three-way
    merge as every list: a name changed in one tab and a sector in another
    both land; the same field changed differently is a clash the coach settles.
    """

    id: str
    name: Text
    sector: Text
    region: Literal["NL", "VL"]

    @classmethod
    def of(cls, case: Case) -> CaseBasics:
        return cls(id=case.id, name=case.name, sector=case.sector, region=case.region)


def save_basics(path: Path, edit: ListEdit[CaseBasics]) -> SaveResult:
    """Merge edited basics (name, sector, region) into the case file; the case's id never changes here."""
    conflicts: list[ListConflict] = []

    def change(case: Case) -> Case:
        merged, clashes = merge_list([CaseBasics.of(case)], edit)
        conflicts.extend(ListConflict("basics", clash) for clash in clashes)
        return case.model_copy(update=merged[0].model_dump(exclude={"id"}))

    return SaveResult(update_case(path, change), tuple(conflicts))
