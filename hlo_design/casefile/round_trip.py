"""Saving into a case file people wrote by hand: change what changed, keep everything else as they wrote it.

A case file is written by people: comments, folded text, flow-style rows
(``- {day: mon, setting: school}``), quoting, the order of keys and values
they spelled out although they are the default (``illustrative: false``).
Dumping the model anew would throw all of that away (a 622-line file became
1,013 lines). So a save loads the file as it is now with ruamel.yaml's
round-trip loader and updates that document in place: a value that did not
change keeps its node (and with it its layout and comments), a changed value
is replaced, a new key or list item is added in the style of its neighbours,
a removed one is dropped. List items are matched by their ``id`` (or, where
items have none, by an unchanged item, else by position). Floats are rounded to what people type
(no ``0.6000000000000001``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

__all__ = ["FLOAT_DIGITS", "new_text", "updated_text"]

FLOAT_DIGITS = 6
"""Decimals kept of a float: far finer than any slider (0.01) or hours field (0.5), free of binary noise."""

FLOW_WIDTH = 90
"""A new mapping or list whose values print shorter than this goes on one line, like the rows people write."""


def updated_text(original: str, full: Mapping[str, Any], lean: Mapping[str, Any]) -> str:
    """``original`` with its values brought in line with the case, layout and comments kept.

    ``full`` is the case as plain data with every field, ``lean`` the same
    without default values: a key the file already has follows ``full``; a
    key it lacks is added only when ``lean`` has it (a non-default value).
    """
    yaml = _yaml()
    document = yaml.load(original)
    _update_mapping(document, full, lean)
    return _dump(yaml, document)


def new_text(lean: Mapping[str, Any]) -> str:
    """A new case file, in the layout of the example cases."""
    yaml = _yaml()
    document = _plain_to_yaml(_rounded(lean))
    if isinstance(document, CommentedMap):
        document.fa.set_block_style()
    return _dump(yaml, document)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap what people wrote on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()


def _update_mapping(node: CommentedMap, full: Mapping[str, Any], lean: Mapping[str, Any] | None) -> None:
    for key in [k for k in node if k not in full]:
        del node[key]
    for key, value in full.items():
        wanted_lean = lean.get(key) if isinstance(lean, Mapping) else None
        if key in node and value is None and isinstance(lean, Mapping) and key not in lean:
            del node[key]  # emptied back to its default: say nothing rather than `key: null`
        elif key in node:
            node[key] = _updated(node[key], value, wanted_lean)
        elif isinstance(lean, Mapping) and key in lean:
            node[key] = _plain_to_yaml(_rounded(lean[key]))


def _updated(node: Any, full: Any, lean: Any) -> Any:
    """``node`` changed to ``full`` in place where possible; a new node where the kind of value changed."""
    if isinstance(node, CommentedMap) and isinstance(full, Mapping):
        _update_mapping(node, full, lean if isinstance(lean, Mapping) else full)
        return node
    if isinstance(node, CommentedSeq) and isinstance(full, list):
        _update_sequence(node, full, lean if isinstance(lean, list) else full)
        return node
    if _same_scalar(node, full):
        return node
    if isinstance(node, ScalarString) and isinstance(full, str):
        return type(node)(full)  # keep a folded (>-) or quoted text folded or quoted
    return _plain_to_yaml(_rounded(lean if lean is not None else full))


def _update_sequence(node: CommentedSeq, full: list[Any], lean: list[Any]) -> None:
    """Update the items in place, each from its own node (see :func:`_sources`).

    The comments after a kept node move with it (ruamel keeps them by position),
    so a section comment stays where it was when an item is added or removed.
    """
    leans = [lean[index] if index < len(lean) else value for index, value in enumerate(full)]
    sources = _sources(node, full, leans)
    items = [
        _updated(node[source], value, wanted) if source is not None else _plain_to_yaml(_rounded(wanted))
        for source, value, wanted in zip(sources, full, leans, strict=True)
    ]
    if len(items) == len(node) and all(a is b for a, b in zip(items, node, strict=True)):
        return
    comments = {new: node.ca.items[old] for new, old in enumerate(sources) if old is not None and old in node.ca.items}
    node[:] = items
    node.ca.items.clear()
    node.ca.items.update(comments)


def _sources(node: CommentedSeq, full: list[Any], leans: list[Any]) -> list[int | None]:
    """For each new item the index of the node it updates, or ``None`` for a new node; each node used once.

    By ``id``; an item without one (a role-map sticker) by an unchanged node
    that says the same, else by the node at its place.
    """
    by_id = {_item_id(item): index for index, item in enumerate(node) if _item_id(item) is not None}
    sources = [by_id.pop(_item_id(value), None) if _item_id(value) is not None else None for value in full]
    claimed = {index for index in sources if index is not None}
    anonymous = [position for position, value in enumerate(full) if _item_id(value) is None]
    free = [index for index, item in enumerate(node) if _item_id(item) is None]
    for position in anonymous:
        same = next((i for i in free if i not in claimed and _matches(node[i], full[position], leans[position])), None)
        if same is not None:
            sources[position] = same
            claimed.add(same)
    for position in anonymous:
        if sources[position] is None and position in free and position not in claimed:
            sources[position] = position
            claimed.add(position)
    return sources


def _matches(node: Any, full: Any, lean: Any) -> bool:
    """Is ``node`` the unchanged item ``full``, written with or without its default values?"""
    if not (isinstance(node, Mapping) and isinstance(full, Mapping) and isinstance(lean, Mapping)):
        return _same_scalar(node, full) if not isinstance(node, Mapping | list) else False
    keys = set(node) | set(lean)
    return all(k in full and _same_scalar(node[k], full[k]) if k in node else False for k in keys)


def _item_id(item: Any) -> str | None:
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        return str(item["id"])
    return None


def _same_scalar(node: Any, value: Any) -> bool:
    if isinstance(node, bool) or isinstance(value, bool):
        return node is value
    if isinstance(node, dt.date) and isinstance(value, str):
        return node.isoformat() == value
    if isinstance(node, int | float) and isinstance(value, int | float):
        return bool(_rounded(float(node)) == _rounded(float(value)))
    return bool(node == value)


def _rounded(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        rounded = round(value, FLOAT_DIGITS)
        return int(rounded) if rounded.is_integer() else rounded  # `11`, as people write hours, not `11.0`
    if isinstance(value, Mapping):
        return {key: _rounded(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_rounded(inner) for inner in value]
    return value


def _plain_to_yaml(value: Any, *, in_flow: bool = False) -> Any:
    """Plain data as ruamel nodes, laid out like the example cases: small flat mappings and lists on one line.

    Inside a one-line mapping, text other than ids and keywords is double-quoted, as people write names
    there (``{id: les, name: "Theorieles"}``) and because a plain ``?`` or ``:`` would not read back.
    """
    if isinstance(value, Mapping):
        flow = _flat(value.values())
        mapping = CommentedMap((key, _plain_to_yaml(inner, in_flow=flow)) for key, inner in value.items())
        if flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        flow = _flat(value)
        sequence = CommentedSeq(_plain_to_yaml(inner, in_flow=flow) for inner in value)
        if flow:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str) and _looks_like_date(value):
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and in_flow and not _KEYWORD.fullmatch(value):
        return DoubleQuotedScalarString(value)
    return value


_KEYWORD = re.compile(r"[a-z0-9][a-z0-9_-]*")
"""Ids and enum values: written bare, also inside one-line mappings."""


def _flat(values: Iterable[Any]) -> bool:
    """Short, with no nested mapping or list of mappings: fits one readable line."""
    values = list(values)
    nested = any(isinstance(v, Mapping) or (isinstance(v, list) and not _flat(v)) for v in values)
    return not nested and len(repr(values)) <= FLOW_WIDTH


def _looks_like_date(text: str) -> bool:
    try:
        return len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
