"""Case files: one YAML file per learning-environment case, typed by people.

A case describes one learning environment (or a small family of them): its
sites, actors, learning activities placed in the quadrant model, the
diagnosis findings, the weekly rhythm, the role map and the HLO scans. Every
fact names its source; values the documents do not give are marked
``illustrative: true``.

Loading is lazy in pandera's sense: every problem of a file is collected and
reported at once as a :class:`~hlo_design.errors.CaseFileError`, each with
``file:line field: what is wrong``. Saving is atomic (temporary file, fsync,
rename), keeps the previous version as ``<file>.bak`` and refuses to
overwrite a file that changed since it was loaded (:class:`SaveConflictError`),
so nothing already saved is lost or half-written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from filelock import FileLock
from pydantic import (
    AfterValidator,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from hlo_design.atomic import write_atomically
from hlo_design.config import CASES_DIR
from hlo_design.continuum import ContinuumPosition
from hlo_design.design import DesignPlan, design_reference_errors
from hlo_design.errors import CaseFileError, Problem, SaveConflictError, UnknownCaseError
from hlo_design.leerfiche import Leerfiche
from hlo_design.perspectives import Perspective
from hlo_design.quadrants import Position, Quadrant, check_quadrant_number, quadrant_by_number
from hlo_design.reflection import ReflectionWeb
from hlo_design.rhythm import Rhythm
from hlo_design.roles import ActorType, RoleMap, task_catalogue
from hlo_design.scan import Scan
from hlo_design.schema import HoursPerWeek, Identifier, Record, Text
from hlo_design.valorisation import Valorisation, valorisation_reference_errors
from hlo_design.yamlsource import format_path, parse_yaml

__all__ = [
    "Activity",
    "Actor",
    "Case",
    "ContinuumChoice",
    "Environment",
    "Finding",
    "FindingPlace",
    "Source",
    "case_ids",
    "dump_case",
    "file_revision",
    "find_case_file",
    "load_case",
    "parse_case",
    "save_case",
    "update_case",
]


class Source(Record):
    """A document that facts in the case come from."""

    id: Identifier
    title: Text
    file: str | None = None
    note: str | None = None


class Environment(Record):
    """A site or setting of the case (a school, a company, a simulation room)."""

    id: Identifier
    name: Text
    kind: Literal["school", "company", "simulation", "hybrid", "network", "other"]
    location: str | None = None
    description: str | None = None
    source: Identifier | None = None
    illustrative: bool = False


class Actor(Record):
    """A person or a group of people with the same role."""

    id: Identifier
    name: Text
    type: ActorType
    count: int = Field(default=1, ge=1, le=100_000)
    environment: Identifier | None = None
    source: Identifier | None = None
    illustrative: bool = False


class Activity(Record):
    """A learning activity at a position in the quadrant model."""

    id: Identifier
    name: Text
    environment: Identifier
    position: Position
    hours_per_week: HoursPerWeek
    description: str | None = None
    source: Identifier | None = None
    illustrative: bool = False

    @property
    def quadrant(self) -> Quadrant | None:
        return self.position.quadrant


class FindingPlace(Record):
    """Where a finding sits: the whole model, a quadrant (by number) or a position.

    In YAML: ``place: model``, ``place: {quadrant: 3}`` or
    ``place: {position: {form: 0.4, context: 0.6}}``.
    """

    quadrant: Annotated[int, AfterValidator(check_quadrant_number)] | None = None
    position: Position | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_word(cls, value: Any) -> Any:
        if value == "model":
            return {}
        if isinstance(value, str):
            raise ValueError(
                f"{value!r} is not a place; use `model`, {{quadrant: 1-4}} or {{position: {{form, context}}}}"
            )
        return value

    @model_validator(mode="after")
    def _one_place(self) -> FindingPlace:
        if self.quadrant is not None and self.position is not None:
            raise ValueError("give a quadrant or a position, not both")
        return self

    @property
    def is_model(self) -> bool:
        return self.quadrant is None and self.position is None

    @property
    def point(self) -> Position | None:
        """Where to draw the finding on the map; ``None`` for the whole model."""
        if self.position is not None:
            return self.position
        if self.quadrant is not None:
            return quadrant_by_number(self.quadrant).centre
        return None

    def to_yaml(self) -> Any:
        if self.is_model:
            return "model"
        return self.model_dump(mode="json", exclude_none=True)


class Finding(Record):
    """A diagnosis conclusion, placed in the model and linked to the perspectives it calls for."""

    id: Identifier
    label: str | None = Field(default=None, max_length=8)
    text: Text
    place: FindingPlace
    perspectives: list[Perspective] = Field(default_factory=list)
    source: Identifier | None = None
    illustrative: bool = False


class ContinuumChoice(Record):
    """The place on the school–work continuum chosen for the case, with why."""

    position: ContinuumPosition
    rationale: Text
    source: Identifier | None = None
    illustrative: bool = False


class Learners(Record):
    description: Text
    count: int | None = Field(default=None, ge=1, le=100_000)
    source: Identifier | None = None
    illustrative: bool = False


class Case(Record):
    """One learning-environment case; the root of a case file."""

    id: Identifier
    name: Text
    sector: Text
    region: Literal["NL", "VL"]
    summary: str | None = None
    learners: Learners | None = None
    continuum: ContinuumChoice | None = None
    rhythm: Rhythm | None = None
    sources: list[Source] = Field(min_length=1)
    environments: list[Environment] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    role_map: RoleMap | None = None
    scans: list[Scan] = Field(default_factory=list)
    design: DesignPlan | None = None
    leerfiches: list[Leerfiche] = Field(default_factory=list)
    reflection_webs: list[ReflectionWeb] = Field(default_factory=list)
    valorisation: Valorisation | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        errors = list(_reference_errors(self))
        if errors:
            raise ValueError("\n".join(errors))
        return self

    def environment(self, environment_id: str) -> Environment:
        return next(e for e in self.environments if e.id == environment_id)

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def _reference_errors(case: Case) -> Iterable[str]:
    """Cross-field problems: duplicate ids and references to things that do not exist."""
    for field, items in (
        ("sources", case.sources),
        ("environments", case.environments),
        ("actors", case.actors),
        ("activities", case.activities),
        ("findings", case.findings),
        ("leerfiches", case.leerfiches),
        ("reflection_webs", case.reflection_webs),
    ):
        for duplicate in _duplicates(item.id for item in items):
            yield f"{field}: id {duplicate!r} is used more than once; ids must be unique"
    environments = {e.id for e in case.environments}
    actors = {a.id for a in case.actors}
    sources = {s.id for s in case.sources}
    for index, activity in enumerate(case.activities):
        if activity.environment not in environments:
            yield f"activities[{index}].environment: {activity.environment!r} is not one of the environments ({', '.join(sorted(environments))})"
    if case.role_map is not None:
        tasks = {t.id for t in task_catalogue()}
        for index, sticker in enumerate(case.role_map.stickers):
            if sticker.actor not in actors:
                yield f"role_map.stickers[{index}].actor: {sticker.actor!r} is not one of the actors"
            if sticker.task not in tasks:
                yield f"role_map.stickers[{index}].task: {sticker.task!r} is not a task of data/role_tasks.yaml"
    sourced: tuple[tuple[str, Sequence[Environment | Actor | Activity | Finding]], ...] = (
        ("environments", case.environments),
        ("actors", case.actors),
        ("activities", case.activities),
        ("findings", case.findings),
    )
    for name, records in sourced:
        for index, record in enumerate(records):
            if record.source is not None and record.source not in sources:
                yield f"{name}[{index}].source: {record.source!r} is not one of the sources ({', '.join(sorted(sources))})"
    if case.design is not None:
        yield from design_reference_errors(case)
    if case.valorisation is not None:
        yield from valorisation_reference_errors(case)


# ---------------------------------------------------------------- loading


def case_ids(cases_dir: Path | None = None) -> list[str]:
    """Ids of the case files in the cases directory, sorted."""
    return sorted(p.stem for p in (cases_dir or CASES_DIR).glob("*.yaml"))


def find_case_file(ref: str | Path, cases_dir: Path | None = None) -> Path:
    """The file for a case id (``zorg``) or a path (``my/case.yaml``)."""
    path = Path(ref)
    if path.suffix in (".yaml", ".yml"):
        if path.is_file():
            return path
        raise UnknownCaseError(f"{path}: no such case file")
    directory = cases_dir or CASES_DIR
    candidate = directory / f"{ref}.yaml"
    if path.name == str(ref) and candidate.is_file():
        return candidate
    known = ", ".join(case_ids(directory)) or "none"
    raise UnknownCaseError(f"unknown case {str(ref)!r}; known cases: {known} (or give a path to a .yaml file)")


def load_case(ref: str | Path, cases_dir: Path | None = None) -> Case:
    """Load and validate a case by id or path; raises CaseFileError listing every problem."""
    path = find_case_file(ref, cases_dir)
    return parse_case(path.read_bytes(), str(path))


def parse_case(raw: bytes, file: str) -> Case:
    """Validate the bytes of a case file; ``file`` is only used in messages."""
    parsed = parse_yaml(raw, file)
    try:
        return Case.model_validate(parsed.data)
    except ValidationError as error:
        problems = [p for detail in error.errors() for p in _problems(detail, parsed.line_of, file)]
        raise CaseFileError(problems) from None


LineOf = Callable[[tuple[str | int, ...]], int | None]


def _problems(detail: ErrorDetails, line_of: LineOf, file: str) -> list[Problem]:
    path = tuple(detail["loc"])
    message = str(detail["msg"]).removeprefix("Value error, ")
    if detail["type"] == "missing":
        message = "required field is missing; add it"
    elif detail["type"] == "extra_forbidden":
        message = "unknown field; remove it or check the spelling against the README"
    elif detail["type"] != "value_error":
        message = f"{message[:1].lower()}{message[1:]} (got {_short(detail.get('input'))})"
    if detail["type"] == "value_error" and not path:
        # cross-field errors carry their own paths, one per line
        return [_cross_field_problem(line, line_of, file) for line in message.splitlines()]
    return [Problem(file, line_of(path), format_path(path), message, detail["type"])]


def _cross_field_problem(message: str, line_of: LineOf, file: str) -> Problem:
    field, _, rest = message.partition(": ")
    return Problem(file, line_of(_parse_path(field)), field, rest, "reference")


def _parse_path(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for piece in text.replace("]", "").split("."):
        name, *indices = piece.split("[")
        parts.append(name)
        parts.extend(int(i) for i in indices)
    return tuple(parts)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------- saving


def dump_case(case: Case) -> str:
    """The YAML text of a case, in field order, without default values."""
    data = case.model_dump(mode="json", exclude_defaults=True)
    for finding, raw in zip(case.findings, data.get("findings", []), strict=True):
        raw["place"] = finding.place.to_yaml()
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


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
        return _write_atomically(path, dump_case(case))


def update_case(path: Path, change: Callable[[Case], Case]) -> Case:
    """Read, change and save a case under the file lock, so concurrent updates all land."""
    with FileLock(str(path) + ".lock", timeout=10):
        updated = change(parse_case(path.read_bytes(), str(path)))
        _write_atomically(path, dump_case(updated))
        return updated


def _write_atomically(path: Path, text: str) -> str:
    data = text.encode("utf-8")
    parse_case(data, str(path))  # never write what we could not read back
    write_atomically(path, data, keep_previous=True)
    return hashlib.sha256(data).hexdigest()
