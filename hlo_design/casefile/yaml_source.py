"""Reading human-written YAML safely, with a line number for every field.

Case files are typed by people, so a loader must survive anything: invalid
UTF-8, a tab in the wrong place, an empty file, a list where a mapping was
expected, duplicate keys (which PyYAML would silently merge), alias bombs
("billion laughs"), a date that does not exist, a tag (``!python/...``) and
nesting deep enough to exhaust the stack. We refuse anchors, aliases and tags
altogether — a case file has no use for them — limit the nesting depth, and
record the line of every node, so that every problem points at ``file:line``.
Nothing here raises anything but :class:`CaseFileError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hlo_design.base.errors import CaseFileError, FieldPath, Problem, format_path

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "ParsedYaml", "parse_yaml", "read_case_bytes"]

MAX_FILE_BYTES = 2_000_000
"""Case files are a few kilobytes; anything this large is not a case file."""

MAX_DEPTH = 40
"""A case file nests about six levels deep; far deeper nesting is a broken or hostile file."""


@dataclass(frozen=True)
class ParsedYaml:
    """A parsed document plus the line (1-based) of each field path in it."""

    data: dict[str, Any]
    lines: dict[FieldPath, int]

    def line_of(self, path: FieldPath) -> int | None:
        """Line of the deepest existing node on ``path``."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


class _RefusedValue(yaml.MarkedYAMLError):
    """Well-formed YAML that a case file still may not hold (a tag, an impossible date, deep nesting)."""


class _CaseLoader(yaml.SafeLoader):
    """A SafeLoader for files typed by people: no aliases, no tags, bounded depth, dates that exist."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if self.check_event(AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed in case files; write the value out",
                problem_mark=event.start_mark,
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise _RefusedValue(
                    problem=f"nested more than {MAX_DEPTH} levels deep; a case file needs far fewer, check the brackets",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_undefined(self, node: Node) -> Any:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        raise _RefusedValue(
            problem=f"tags such as {tag} are not allowed in case files; remove the tag and write the plain value",
            problem_mark=node.start_mark,
        )

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise _RefusedValue(
                problem=f"{node.value} is not a date that exists; write a real date as YYYY-MM-DD",
                problem_mark=node.start_mark,
            ) from None


_CaseLoader.add_constructor(None, _CaseLoader.construct_undefined)
_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _CaseLoader.construct_yaml_timestamp)


def read_case_bytes(path: Path) -> bytes:
    """The bytes of a case file, refusing an oversized file before reading it into memory."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CaseFileError([_too_large(str(path), size)])
    return path.read_bytes()


def parse_yaml(raw: bytes, file: str) -> ParsedYaml:
    """Parse ``raw`` as one YAML mapping, or raise :class:`CaseFileError`."""
    text = _decode(raw, file)
    try:
        node = yaml.compose(text, Loader=_CaseLoader)
    except yaml.MarkedYAMLError as error:
        raise CaseFileError([_yaml_problem(error, file)]) from None
    except yaml.YAMLError as error:
        raise CaseFileError([Problem(file, None, "", f"not valid YAML: {error}", "yaml")]) from None
    if node is None:
        raise CaseFileError([Problem(file, None, "", "the file is empty; start from `hlo-design new ID`", "empty")])
    if not isinstance(node, MappingNode):
        raise CaseFileError(
            [
                Problem(
                    file,
                    _line(node),
                    "",
                    "the document must be a mapping of keys (id: ..., name: ...), not a list or a value",
                    "not_mapping",
                )
            ]
        )
    lines: dict[FieldPath, int] = {}
    problems: list[Problem] = []
    _index_lines(node, (), lines, problems, file)
    if problems:
        raise CaseFileError(problems)
    try:
        data = yaml.load(text, Loader=_CaseLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as error:
        raise CaseFileError([_yaml_problem(error, file, lines)]) from None
    return ParsedYaml(data=data, lines=lines)


def _decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise CaseFileError([_too_large(file, len(raw))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CaseFileError(
            [
                Problem(
                    file,
                    line,
                    "",
                    f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
                    "encoding",
                )
            ]
        ) from None


def _too_large(file: str, size: int) -> Problem:
    return Problem(
        file, None, "", f"the file is {size:,} bytes; a case file should stay under {MAX_FILE_BYTES:,}", "too_large"
    )


def _yaml_problem(error: yaml.MarkedYAMLError, file: str, lines: dict[FieldPath, int] | None = None) -> Problem:
    """A parser error as a problem at its line; a refused value also names its field when it is known."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    detail = error.problem or "not valid YAML"
    if error.context:
        detail = f"{error.context}, {detail}"
    if not isinstance(error, _RefusedValue):
        return Problem(file, line, "", f"YAML syntax error: {detail}", "yaml")
    on_line = [path for path, at in (lines or {}).items() if at == line]
    field = format_path(max(on_line, key=len)) if on_line else ""
    return Problem(file, line, field, detail, "refused_value")


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _index_lines(node: Node, path: FieldPath, lines: dict[FieldPath, int], problems: list[Problem], file: str) -> None:
    lines[path] = _line(node)
    if isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            _index_lines(child, (*path, index), lines, problems, file)
    elif isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            child_path = (*path, key)
            if key in seen:
                problems.append(
                    Problem(
                        file,
                        _line(key_node),
                        format_path(child_path),
                        "this key appears twice in the same mapping; keep one",
                        "duplicate_key",
                    )
                )
            seen.add(key)
            _index_lines(value_node, child_path, lines, problems, file)
