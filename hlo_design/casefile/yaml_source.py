"""Reading human-written YAML safely, with a line number for every field.

Case files are typed by people, so a loader must survive anything: invalid
UTF-8, a tab in the wrong place, an empty file, a list where a mapping was
expected, duplicate keys (which PyYAML would silently merge) and alias bombs
("billion laughs"). We refuse anchors and aliases altogether — a case file has
no use for them — and record the line of every node, so that validation
errors can point at ``file:line``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hlo_design.base.errors import CaseFileError, FieldPath, Problem, format_path

__all__ = ["MAX_FILE_BYTES", "ParsedYaml", "parse_yaml"]

MAX_FILE_BYTES = 2_000_000
"""Case files are a few kilobytes; anything this large is not a case file."""


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


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases, which is what makes alias bombs possible."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (*name) are not allowed in case files; write the value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


def parse_yaml(raw: bytes, file: str) -> ParsedYaml:
    """Parse ``raw`` as one YAML mapping, or raise :class:`CaseFileError`."""
    text = _decode(raw, file)
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
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
    data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - safe loader subclass
    return ParsedYaml(data=data, lines=lines)


def _decode(raw: bytes, file: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise CaseFileError(
            [
                Problem(
                    file,
                    None,
                    "",
                    f"the file is {len(raw):,} bytes; a case file should stay under {MAX_FILE_BYTES:,}",
                    "too_large",
                )
            ]
        )
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


def _yaml_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    detail = error.problem or "not valid YAML"
    if error.context:
        detail = f"{error.context}, {detail}"
    return Problem(file, line, "", f"YAML syntax error: {detail}", "yaml")


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
