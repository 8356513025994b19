"""Finding and loading case files, with every problem of a file reported at once.

Loading is lazy in pandera's sense: every problem is collected and raised
as one :class:`~hlo_design.base.errors.CaseFileError`, each as
``file:line field: what is wrong; how to fix``. Field errors and the rules over
the whole case (ids unique, references resolve) come in the same pass: the
rules run over every section that is valid, so one round of fixing is enough.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from hlo_design.base.config import CASES_DIR
from hlo_design.base.errors import CaseFileError, FieldPath, Problem, UnknownCaseError, format_path
from hlo_design.base.schema import is_identifier
from hlo_design.casefile.yaml_source import parse_yaml, read_case_bytes
from hlo_design.model.case import Case
from hlo_design.model.references import RULES_ERROR, Sections, case_problems

__all__ = [
    "LineOf",
    "case_ids",
    "find_case_file",
    "load_case",
    "parse_case",
    "resolve_case_id",
]


def case_ids(cases_dir: Path | None = None) -> list[str]:
    """Ids of the case files in the cases directory, sorted."""
    return sorted(p.stem for p in (cases_dir or CASES_DIR).glob("*.yaml"))


def find_case_file(ref: str | Path, cases_dir: Path | None = None) -> Path:
    """For the command line: the file of a case id (``zorg``) or a path to a ``.yaml`` file anywhere."""
    path = Path(ref)
    if path.suffix not in (".yaml", ".yml"):
        return resolve_case_id(str(ref), cases_dir)
    try:
        if path.is_file():
            return path
    except OSError:  # a name too long for the file system is no case file either
        pass
    raise UnknownCaseError(f"{_shown(str(path))}: no such case file")


def resolve_case_id(case_id: str, cases_dir: Path | None = None) -> Path:
    """The file of a case id inside the cases folder, and nothing else: all that a URL may reach.

    Paths, ``..``, absolute names, over-long ids and symbolic links that lead
    out of the folder all get the same message as an unknown id, so a viewer
    learns nothing about files outside the cases folder.
    """
    directory = cases_dir or CASES_DIR
    candidate = directory / f"{case_id}.yaml"
    if is_identifier(case_id) and candidate.is_file() and candidate.resolve().is_relative_to(directory.resolve()):
        return candidate
    known = ", ".join(case_ids(directory)) or "none"
    raise UnknownCaseError(f"unknown case {_shown(case_id)}; known cases: {known}")


def _shown(text: str, limit: int = 60) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters (a 10 kB id is not repeated back)."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def load_case(ref: str | Path, cases_dir: Path | None = None) -> Case:
    """Load and validate a case by id or path; raises CaseFileError listing every problem."""
    path = find_case_file(ref, cases_dir)
    return parse_case(read_case_bytes(path), str(path))


def parse_case(raw: bytes, file: str) -> Case:
    """Validate the bytes of a case file; ``file`` is only used in messages.

    Raises :class:`CaseFileError` with the field errors and the problems of
    the rules over the whole case together, in the order of the file.
    """
    parsed = parse_yaml(raw, file)
    try:
        return Case.model_validate(parsed.data)
    except ValidationError as error:
        # the rules' own error is only their text; run them again over what is valid, for paths and codes
        details = [detail for detail in error.errors() if detail["type"] != RULES_ERROR]
        rules = case_problems(_valid_sections(parsed.data, details))
        problems = [_field_problem(detail, parsed.line_of, file) for detail in details]
        problems += [rule.located(file, parsed.line_of(rule.path)) for rule in rules]
        raise CaseFileError(sorted(problems, key=lambda problem: problem.line or 0)) from None


LineOf = Callable[[FieldPath], int | None]


def _valid_sections(data: dict[str, Any], field_errors: list[ErrorDetails]) -> Sections:
    """The sections of ``data`` without field errors, as model objects; absent ones get their default."""
    if any(not detail["loc"] for detail in field_errors):
        return {}
    broken = {detail["loc"][0] for detail in field_errors}
    sections: dict[str, Any] = {}
    for name, field in Case.model_fields.items():
        if name in data and name not in broken:
            sections[name] = _section(name).validate_python(data[name])
        elif name not in data and not field.is_required():
            sections[name] = field.get_default(call_default_factory=True)
    return sections


@cache
def _section(name: str) -> TypeAdapter[Any]:
    """A validator for one section of a case, with the section's constraints (``min_length``)."""
    return TypeAdapter(Case.model_fields[name].rebuild_annotation())


def _field_problem(detail: ErrorDetails, line_of: LineOf, file: str) -> Problem:
    path = tuple(detail["loc"])
    message = str(detail["msg"]).removeprefix("Value error, ")
    if detail["type"] == "missing":
        message = "required field is missing; add it"
    elif detail["type"] == "extra_forbidden":
        message = "unknown field; remove it or check the spelling against the README"
    elif detail["type"] != "value_error":
        message = f"{message[:1].lower()}{message[1:]} (got {_short(detail.get('input'))})"
    return Problem(file, line_of(path), format_path(path), message, detail["type"])


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
