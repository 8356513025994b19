"""Finding and loading case files, with every problem of a file reported at once.

Loading is lazy in pandera's sense: every problem is collected and raised
as one :class:`~hlo_design.base.errors.CaseFileError`, each as
``file:line field: what is wrong; how to fix``. Field errors and the rules over
the whole case (ids unique, references resolve) come in the same pass: the
rules run over every section that is valid, so one round of fixing is enough.

Field messages are phrased in the language of whoever opened the file (a
dashboard passes its vocabulary; the command line reads English), and the
slips people make most — a Dutch decimal comma, a position as a list, a
quadrant as a bare number, a date as day-month-year — are answered with the
form the file should have, read from the line as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from hlo_design.base.config import CASES_DIR
from hlo_design.base.errors import CaseFileError, FieldPath, Problem, UnknownCaseError, format_path
from hlo_design.base.schema import is_identifier
from hlo_design.base.vocabulary import Vocabulary
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


def load_case(ref: str | Path, cases_dir: Path | None = None, vocabulary: Vocabulary | None = None) -> Case:
    """Load and validate a case by id or path; raises CaseFileError listing every problem.

    ``vocabulary`` is the language of the field messages (English when none is given).
    """
    path = find_case_file(ref, cases_dir)
    return parse_case(read_case_bytes(path), str(path), vocabulary)


def parse_case(raw: bytes, file: str, vocabulary: Vocabulary | None = None) -> Case:
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
        source = _Source(parsed.line_of, raw.decode("utf-8", errors="replace").splitlines(), vocabulary or ENGLISH)
        problems = [_field_problem(detail, source, file) for detail in details]
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


class _Source:
    """What phrasing a field message needs of the file: where a field is, its lines as written, the language."""

    def __init__(self, line_of: LineOf, lines: list[str], vocabulary: Vocabulary) -> None:
        self.line_of = line_of
        self.lines = lines
        self.vocabulary = vocabulary

    def text_at(self, line: int | None) -> str:
        """Line ``line`` (1-based) as written, or nothing when it is unknown."""
        return self.lines[line - 1] if line and line <= len(self.lines) else ""


DECIMAL_COMMA = re.compile(r"(\w+):\s*(-?\d+),(\d+)\b")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


ENGLISH = Vocabulary("en")
"""The language of the command line, which has no language flag for ``validate``."""


def _field_problem(detail: ErrorDetails, source: _Source, file: str) -> Problem:
    path = tuple(detail["loc"])
    line = source.line_of(path)
    written = source.text_at(line)
    if comma := DECIMAL_COMMA.search(written):  # YAML read `form: 0,5` as a number and a stray key `5`
        key, whole, fraction = comma.groups()
        message = source.vocabulary(
            "validation.slip.decimal_comma", written=f"{whole},{fraction}", fixed=f"{key}: {whole}.{fraction}"
        )
        path = (*path[: -2 if "[key]" in path else -1], key)
    else:
        message = _slip(detail, source.vocabulary) or _message(detail, source.vocabulary)
    return Problem(file, line, format_path(path), message, detail["type"])


def _message(detail: ErrorDetails, vocabulary: Vocabulary) -> str:
    """Pydantic's message in the page's language: our own wording for the common types, pydantic's otherwise."""
    v = vocabulary
    kind = detail["type"]
    if kind == "missing":
        return v("validation.missing")
    if kind == "extra_forbidden":
        return v("validation.unknown_field")
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "value_error":
        return message
    if v.language != "en" and v.has(f"validation.type.{kind}"):
        context = dict(detail.get("ctx", {}))
        if isinstance(context.get("expected"), str):  # pydantic lists choices as "'a', 'b' or 'c'"
            last_or = context["expected"].rfind(" or ")
            if last_or >= 0:
                context["expected"] = (
                    context["expected"][:last_or] + f" {v('validation.or')} " + context["expected"][last_or + 4 :]
                )
        message = v(f"validation.type.{kind}", **context)
    return v("validation.got", message=f"{message[:1].lower()}{message[1:]}", value=_short(detail.get("input")))


def _slip(detail: ErrorDetails, vocabulary: Vocabulary) -> str | None:
    """The correct form of a common slip other than the decimal comma; ``None`` for any other error."""
    value = detail.get("input")
    field = str(detail["loc"][-1]) if detail["loc"] else ""
    if field == "position" and isinstance(value, list) and len(value) == 2:
        fixed = f"position: {{form: {value[0]}, context: {value[1]}}}"
        return vocabulary("validation.slip.position_list", fixed=fixed)
    if field == "place" and isinstance(value, int):
        return vocabulary("validation.slip.quadrant_number", fixed=f"place: {{quadrant: {value}}}")
    if isinstance(value, str) and (date := DAY_MONTH_YEAR.fullmatch(value.strip())):
        day, month, year = date.groups()
        return vocabulary(
            "validation.slip.day_month_year", written=value, fixed=f"{year}-{int(month):02}-{int(day):02}"
        )
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
