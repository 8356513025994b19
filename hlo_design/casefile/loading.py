"""Finding and loading case files, with every problem of a file reported at once.

Loading is lazy in pandera's sense: every problem is collected and raised
as one :class:`~hlo_design.base.errors.CaseFileError`, each as
``file:line field: what is wrong``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import (
    ValidationError,
)
from pydantic_core import ErrorDetails

from hlo_design.base.config import CASES_DIR
from hlo_design.base.errors import CaseFileError, Problem, UnknownCaseError
from hlo_design.casefile.yaml_source import format_path, parse_yaml, read_case_bytes
from hlo_design.model.case import Case

__all__ = ["LineOf", "case_ids", "find_case_file", "load_case", "parse_case"]


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
    return parse_case(read_case_bytes(path), str(path))


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
