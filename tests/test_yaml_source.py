"""The libyaml path of the case-file parser gives exactly what the pure-Python path gives.

``parse_yaml`` parses well-formed case files with libyaml for speed and leaves everything else to
the pure-Python path, which words every message. These tests hold the two paths to the same data,
the same line of every field and the same error, for every example case, every bad case and the
YAML corners where libyaml and PyYAML's own parser are known to differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from hlo_design.base.config import EXAMPLE_CASES_DIR
from hlo_design.base.errors import CaseFileError
from hlo_design.casefile import yaml_source
from hlo_design.casefile.yaml_source import parse_yaml
from tests.helpers import TEST_DATA

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML is installed without libyaml")

EXAMPLES = sorted(EXAMPLE_CASES_DIR.glob("*.yaml"))
BAD_CASES = sorted((TEST_DATA / "bad_cases").glob("*.yaml"))

CORNERS = {
    "crlf": b"id: demo\r\nname: Demo\r\nlist:\r\n- a\r\n- b\r\n",
    "cr_only": b"id: demo\rname: Demo\r",
    "bom": b"\xef\xbb\xbfid: demo\nname: Demo\n",
    "line_separator": "id: demo\nname: 'a\u2028b'\nnext: x\n".encode(),
    "anchor_without_alias": b"id: &x demo\nname: Demo\n",
    "explicit_str_tag": b"id: !!str 12\nname: Demo\n",
    "local_tag": b"id: !mine demo\n",
    "two_documents": b"id: a\n---\nid: b\n",
    "tab_indent": b"id: demo\nlist:\n\t- a\n",
    "tab_after_colon": b"id:\tdemo\n",
    "colon_in_flow": b"a: {b:c}\n",
    "control_character": b"id: de\x07mo\n",
    "unclosed_quote": b'id: "demo\nname: x\n',
    "bad_indent": b"a:\n  b: 1\n c: 2\n",
    "complex_key": b"? [a, b]\n: 1\n",
    "merge_key": b"base: {a: 1}\nother:\n  <<: {b: 2}\n  c: 3\n",
    "non_string_keys": b"1: one\n2.5: two\ntrue: three\nnull: four\n2022-01-01: five\n",
    "duplicate_non_string_key": b"1: one\n1: again\n",
    "block_scalars": b"a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: x\n",
    "empty_values": b"a:\nb: []\nc: {}\nd: ''\n",
    "comments_only": b"# nothing\n# here\n",
    "impossible_date_deep": b"a:\n  - b:\n      - 2021-02-29\n",
    "nesting_at_the_limit": ("a: " + "[" * 39 + "1" + "]" * 39 + "\n").encode(),
    "nesting_one_past_the_limit": ("a: " + "[" * 40 + "1" + "]" * 40 + "\n").encode(),
    "very_deep_nesting": b"a: " + b"[" * 300_000,
    "alias_in_sequence": b"a: &x 1\nb: [1, *x]\n",
    "tab_before_comment": b"a: x\t#c\n",
    "trailing_tab": b"a: 1\nb: 2\t",
    "second_bom": "\ufeff\ufeffa: 1\n".encode(),
    "bom_at_the_end": "a: 1\n\ufeff".encode(),
    "explicit_key_without_value": b"a: 1\n? b\n",
    "question_mark_alone": b"?",
    "question_mark_after_bom": "\ufeff? a".encode(),
    "block_scalar_comment": b"a: |#x\nb: >-#\n",
    "question_mark_in_flow_plain": b"a: {b: c, d? e}\n",
    "question_mark_in_text": b"a: wat neem je mee?\nb: [\"waarom?\", 'echt?']\nc: >\n  dit? ja\n",
}
"""Small documents on the edges between the two parsers, each with its own reason to differ."""


def _outcome(raw: bytes, *, libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """What ``parse_yaml`` gives on one path: the data and line map, or the error message."""
    monkeypatch.setattr(yaml_source, "USE_LIBYAML", libyaml)
    try:
        parsed = parse_yaml(raw, "case.yaml")
    except CaseFileError as error:
        return ("error", str(error))
    return ("parsed", parsed.data, parsed.lines)


def _assert_same(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    fast = _outcome(raw, libyaml=True, monkeypatch=monkeypatch)
    reference = _outcome(raw, libyaml=False, monkeypatch=monkeypatch)
    assert fast == reference
    return fast


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_cases_parse_alike_and_through_libyaml(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same data and lines on both paths, and libyaml really takes the file (else there is no speed-up)."""
    assert _assert_same(path.read_bytes(), monkeypatch)[0] == "parsed"
    assert yaml_source._parse_with_libyaml(path.read_text(encoding="utf-8")) is not None


@pytest.mark.parametrize("path", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_bad_cases_parse_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each bad case gives the same data and lines, or the same message, on both paths."""
    _assert_same(path.read_bytes(), monkeypatch)


@pytest.mark.parametrize("raw", CORNERS.values(), ids=CORNERS.keys())
def test_yaml_corners_parse_alike(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(raw, monkeypatch)


def test_libyaml_leaves_aliases_anchors_tags_and_deep_nesting_to_python() -> None:
    """The refusals are the pure-Python path's: libyaml never composes what it would have to refuse."""
    for name in ("anchor_without_alias", "explicit_str_tag", "nesting_one_past_the_limit", "alias_in_sequence"):
        assert yaml_source._parse_with_libyaml(CORNERS[name].decode()) is None, name


def test_libyaml_takes_question_marks_in_text() -> None:
    """Case files ask questions; a ``?`` after a word must not send them to the slow path."""
    assert yaml_source._parse_with_libyaml(CORNERS["question_mark_in_text"].decode()) is not None
