"""Reading human-written YAML safely, with a line number for every field.

Case files are typed by people, so a loader must survive anything: invalid
UTF-8, a tab in the wrong place, an empty file, a list where a mapping was
expected, duplicate keys (which PyYAML would silently merge), alias bombs
("billion laughs"), a date that does not exist, a tag (``!python/...``) and
nesting deep enough to exhaust the stack. We refuse anchors, aliases and tags
altogether — a case file has no use for them — limit the nesting depth, and
record the line of every node, so that every problem points at ``file:line``.
Nothing here raises anything but :class:`CaseFileError`.

Every page and every batch run parses case files, and PyYAML's pure-Python
parser was a large part of their time. So a well-formed file goes through
libyaml, PyYAML's C parser, when it is installed: ``parse_case`` of an
example case is more than ten times faster (``benchmarks/bench_case_parse.py``).
The pure-Python path stays the reference: it alone writes the messages, and
the C path hands every file it does not take as it is (an alias, an anchor,
a tag, deep nesting, text libyaml reads differently, any error at all) to it.
libyaml words its syntax errors differently, so this keeps every message, line
and refusal exactly as it was; ``tests/test_yaml_source.py`` checks that both
paths agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hlo_design.base.errors import CaseFileError, FieldPath, Problem, format_path

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "USE_LIBYAML", "ParsedYaml", "parse_yaml", "read_case_bytes"]

MAX_FILE_BYTES = 2_000_000
"""Case files are a few kilobytes; anything this large is not a case file."""

MAX_DEPTH = 40
"""A case file nests about six levels deep; far deeper nesting is a broken or hostile file."""

USE_LIBYAML: bool = yaml.__with_libyaml__
"""Whether :func:`parse_yaml` tries libyaml first; without its C extension only the pure-Python path exists.

Set to False, every file takes the pure-Python path: the reference the benchmark and the tests compare with.
"""


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
    """The pure-Python SafeLoader for files typed by people: no aliases, no tags, bounded depth, dates that exist."""

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


def _refuse_tag(loader: yaml.SafeLoader | yaml.CSafeLoader, node: Node) -> Any:
    """The constructor of every tag a safe loader does not know (``!!python/object:...``, ``!custom``)."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    raise _RefusedValue(
        problem=f"tags such as {tag} are not allowed in case files; remove the tag and write the plain value",
        problem_mark=node.start_mark,
    )


def _existing_date(loader: yaml.SafeLoader | yaml.CSafeLoader, node: ScalarNode) -> Any:
    """A date as the safe loader reads it, refusing one that does not exist (PyYAML raises a bare ValueError)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        raise _RefusedValue(
            problem=f"{node.value} is not a date that exists; write a real date as YYYY-MM-DD",
            problem_mark=node.start_mark,
        ) from None


def _add_case_constructors(loader: type[yaml.SafeLoader | yaml.CSafeLoader]) -> None:
    """Give ``loader`` the refusals of tags and impossible dates (each loader class has its own table)."""
    loader.add_constructor(None, _refuse_tag)
    loader.add_constructor("tag:yaml.org,2002:timestamp", _existing_date)


_add_case_constructors(_CaseLoader)

_LIBYAML_DIFFERS = re.compile(r"\t|(?!\A)\ufeff|(?<![^ \r\n\x85\u2028\u2029\ufeff\[{,])\?|[|>][-+0-9]*#")
"""Text that libyaml reads otherwise than PyYAML's own parser, found by comparing the two on random YAML.

A tab (libyaml takes it as a space where PyYAML refuses it), a byte order mark after the first character
(libyaml skips it) and ``?`` at the start of a token (an explicit key: libyaml puts a missing value on
another line), and a block scalar's ``|`` or ``>`` right before ``#`` (libyaml reads a comment, PyYAML
refuses it). Plain text keeps its ``?`` after a word (``delen?``) and stays on the fast path.
"""

if yaml.__with_libyaml__:

    class _LibyamlCaseLoader(yaml.CSafeLoader):
        """libyaml's parser and composer with the case constructors; it composes without any of the checks above.

        The composer runs in C, so :meth:`_CaseLoader.compose_node` cannot be overridden here: a file reaches
        this loader only after :func:`_plain_and_shallow` has read its events.
        """

    _add_case_constructors(_LibyamlCaseLoader)


def read_case_bytes(path: Path) -> bytes:
    """The bytes of a case file, refusing an oversized file before reading it into memory."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise CaseFileError([_too_large(str(path), size)])
    return path.read_bytes()


def parse_yaml(raw: bytes, file: str) -> ParsedYaml:
    """Parse ``raw`` as one YAML mapping, or raise :class:`CaseFileError`.

    libyaml parses the files it can take (see :func:`_parse_with_libyaml`); the rest, and every
    problem, go through the pure-Python path, so both give the same data, lines and messages.
    """
    text = _decode(raw, file)
    if USE_LIBYAML:
        parsed = _parse_with_libyaml(text)
        if parsed is not None:
            return parsed
    return _parse_in_python(text, file)


def _parse_with_libyaml(text: str) -> ParsedYaml | None:
    """``text`` parsed by libyaml, or None when the pure-Python path must say what is wrong with it.

    libyaml takes a file only when it is a plain case file: a mapping without aliases, anchors or tags,
    nested less than :data:`MAX_DEPTH` deep, without duplicate keys and with values that construct. The
    event pass comes first because the composer would otherwise build what is refused: an alias bomb
    walked node by node grows exponentially, and deep nesting recurses in C without Python's limit.
    Where libyaml reads YAML differently from PyYAML's own parser (:data:`_LIBYAML_DIFFERS`) the file is
    left to the pure-Python path too, whose reading the case files have always had.
    """
    if _LIBYAML_DIFFERS.search(text) or not _plain_and_shallow(yaml.parse(text, Loader=_LibyamlCaseLoader)):
        return None
    loader = _LibyamlCaseLoader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, MappingNode):
            return None
        lines: dict[FieldPath, int] = {}
        problems: list[Problem] = []
        _index_lines(node, (), lines, problems, "")
        if problems:
            return None
        return ParsedYaml(data=loader.construct_document(node), lines=lines)
    except Exception:  # whatever fails, the pure-Python path raises it in its own words
        return None
    finally:
        loader.dispose()


def _plain_and_shallow(events: Iterable[Event]) -> bool:
    """Whether the events hold no alias, anchor or tag, nest less than :data:`MAX_DEPTH` collections deep
    and hold no plain scalar with a ``?`` inside brackets (PyYAML ends a plain scalar there, libyaml does not).

    Stops at the first event that fails, so a hostile file is not read further than the pure-Python path reads it.
    A syntax error also gives False: the pure-Python path words it.
    """
    depth = 0
    flow = 0  # open collections in brackets: inside brackets every collection is in brackets
    try:
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
                    return False
                if flow and event.implicit[0] and "?" in event.value:  # type: ignore[attr-defined]
                    return False
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth >= MAX_DEPTH or event.anchor is not None or event.tag is not None:  # type: ignore[attr-defined]
                    return False
                flow += bool(event.flow_style)  # type: ignore[attr-defined]
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
                flow -= bool(flow)
            elif kind is AliasEvent:
                return False
    except yaml.YAMLError:
        return False
    return True


def _parse_in_python(text: str, file: str) -> ParsedYaml:
    """The pure-Python path: parse ``text`` or raise :class:`CaseFileError` with every problem located."""
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
