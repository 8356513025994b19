"""The workbook's errors: one base, each subclass also a matching built-in.

    WorkbookError
    ├── CaseFileError (ValueError)        a case file cannot be read or is invalid;
    │                                     carries every Problem found in the file
    ├── UnknownCaseError (LookupError)    no case with that id or path
    ├── UnknownQuadrantError (ValueError) a quadrant name or number that does not exist
    └── SaveConflictError (RuntimeError)  the file changed on disk since it was loaded

Every message follows one pattern — where, what, what was got, the fix —
e.g. ``data/cases/zorg.yaml:42 activities[3].position.context: 1.7 is
outside [-1, 1]``. User-facing entry points (CLI, notebooks, dashboards)
print these messages and never a traceback.

A :class:`RuleProblem` is what a rule over the whole case finds (an id used
twice, a reference that does not resolve) before it is tied to a file: the
field path as a tuple, the message and a code. Loading adds file and line and
turns it into a :class:`Problem`; no message is ever parsed back into a path.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CaseFileError",
    "FieldPath",
    "Problem",
    "RuleProblem",
    "SaveConflictError",
    "UnknownCaseError",
    "UnknownQuadrantError",
    "WorkbookError",
    "format_path",
]

FieldPath = tuple[str | int, ...]
"""Where a value sits in a case file: ``('activities', 3, 'position')``."""


class WorkbookError(Exception):
    """Base class of every error the workbook raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a case file, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str
    code: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}" if self.field else ""
        return f"{where}{field}: {self.message}"


@dataclass(frozen=True)
class RuleProblem:
    """A rule over the whole case that does not hold, at a field path, not yet tied to a file."""

    path: FieldPath
    message: str
    code: str

    def __str__(self) -> str:
        return f"{format_path(self.path)}: {self.message}"

    def located(self, file: str, line: int | None) -> Problem:
        """The same problem in ``file`` at ``line``, as the user sees it."""
        return Problem(file, line, format_path(self.path), self.message, self.code)


def format_path(path: FieldPath) -> str:
    """``('activities', 3, 'position')`` → ``activities[3].position``."""
    text = ""
    for part in path:
        if part == "[key]":  # pydantic marks a bad mapping key this way; the key itself is already in the path
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class CaseFileError(WorkbookError, ValueError):
    """A case file that cannot be used; lists every problem found at once."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("CaseFileError needs at least one problem")
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnknownCaseError(WorkbookError, LookupError):
    """A case id or path that does not lead to a case file."""


class SaveConflictError(WorkbookError, RuntimeError):
    """Someone else saved the case file after we loaded it; nothing was overwritten."""


class UnknownQuadrantError(WorkbookError, ValueError):
    """A quadrant name or display number that the model does not have."""
