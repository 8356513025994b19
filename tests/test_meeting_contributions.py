"""What a phone may send: every kind in its phase, and each way a contribution is refused, with the field named."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlo_design.base.config import CASES_DIR
from hlo_design.casefile.loading import load_case
from hlo_design.meeting.contributions import (
    MAX_TEXT,
    PHASE_KINDS,
    ContributionError,
    Kind,
    check_contribution,
    clean_text,
)
from hlo_design.model.case import Case
from tests.helpers import HOSTILE

CASE = load_case(CASES_DIR / "zorg.yaml")
LEARNER, TEACHER, MENTOR, CARE_RECIPIENT, ADVISER = (
    "leerlingen",
    "leerkrachten",
    "mentoren_wzc",
    "zorgvragers",
    "adviseur_provincie",
)
PHASE_OF = {kind: phase for phase, kinds in PHASE_KINDS.items() for kind in kinds}

VALID: dict[Kind, list[dict[str, Any]]] = {
    Kind.STICKER: [
        {"task": "sw_visie_doelen", "level": "strategic"},
        {"task": "sw_afspraken", "level": "operational", "together": True},
    ],
    Kind.SCAN_CELL: [
        {"level": "tactical", "perspective": "social", "position": "hybridisering"},
        {"level": "strategic", "perspective": "material", "position": "afstemming_werk", "explanation": "omdat"},
    ],
    Kind.FINDING: [
        {"text": "Leerlingen missen de link met de praktijk"},
        {"text": HOSTILE, "quadrant": 3, "perspectives": ["content", "temporal"]},
    ],
    Kind.DOT: [{"decision": "student_journey"}, {"decision": "brugmomenten"}],
    Kind.RATING: [
        {"web": "gesprek-bij-maaltijd", "criterion": "voorstellen", "score": 1},
        {"web": "gesprek-bij-maaltijd", "criterion": "luisteren", "score": 5},
    ],
    Kind.LESSON: [
        {"text": "Samen plannen werkt", "audience": ["school"]},
        {"text": "x" * MAX_TEXT, "audience": ["company", "policy"], "level": "operational", "perspectives": []},
    ],
    Kind.CORNER: [{"corner": "rise_above", "strength": 0}, {"corner": "lasting_impact", "strength": 4}],
}


def test_every_kind_belongs_to_exactly_one_phase() -> None:
    kinds = [kind for kinds in PHASE_KINDS.values() for kind in kinds]
    assert sorted(kinds, key=lambda kind: kind.value) == sorted(Kind, key=lambda kind: kind.value)
    assert set(VALID) == set(Kind)


@pytest.mark.parametrize("actor", [LEARNER, TEACHER, MENTOR])
@pytest.mark.parametrize(("kind", "raw"), [(kind, raw) for kind, raws in VALID.items() for raw in raws])
def test_valid_payloads_are_accepted_in_their_phase(kind: Kind, raw: dict[str, Any], actor: str) -> None:
    payload = check_contribution(CASE, PHASE_OF[kind], actor, kind, raw)
    dumped = payload.model_dump(mode="json")
    assert {key: value for key, value in dumped.items() if key in raw} == raw
    assert check_contribution(CASE, PHASE_OF[kind], actor, kind, dumped) == payload  # what is stored checks again


@pytest.mark.parametrize("kind", [Kind.STICKER, Kind.FINDING, Kind.DOT, Kind.LESSON, Kind.CORNER])
def test_a_care_recipient_can_send_what_needs_no_group(kind: Kind) -> None:
    check_contribution(CASE, PHASE_OF[kind], CARE_RECIPIENT, kind, VALID[kind][0])


@pytest.mark.parametrize(
    ("phase", "kind"),
    [
        (phase, kind)
        for phase in [*PHASE_KINDS, "report", ""]
        for kind in Kind
        if kind not in PHASE_KINDS.get(phase, ())
    ],
)
def test_a_kind_from_another_phase_is_refused(phase: str, kind: Kind) -> None:
    with pytest.raises(ContributionError) as refused:
        check_contribution(CASE, phase, LEARNER, kind, VALID[kind][0])
    assert refused.value.field == "kind"


def _with(kind: Kind, **changes: Any) -> dict[str, Any]:
    raw = dict(VALID[kind][0])
    for key, value in changes.items():
        if value is _DROP:
            raw.pop(key)
        else:
            raw[key] = value
    return raw


_DROP = object()

REFUSED: list[tuple[str, Kind, str, dict[str, Any], str]] = [
    # (id, kind, actor, raw, field)
    ("unknown task", Kind.STICKER, LEARNER, _with(Kind.STICKER, task="sw_bestaat_niet"), "task"),
    ("task not an id", Kind.STICKER, LEARNER, _with(Kind.STICKER, task="../etc/passwd"), "task"),
    ("unknown decision", Kind.DOT, LEARNER, {"decision": "geen_keuze"}, "decision"),
    ("unknown web", Kind.RATING, LEARNER, _with(Kind.RATING, web="ander-web"), "web"),
    ("unknown criterion", Kind.RATING, LEARNER, _with(Kind.RATING, criterion="zingen"), "criterion"),
    ("score above the web's scale", Kind.RATING, LEARNER, _with(Kind.RATING, score=6), "score"),
    ("score above 10", Kind.RATING, LEARNER, _with(Kind.RATING, score=11), "score"),
    ("score 0", Kind.RATING, LEARNER, _with(Kind.RATING, score=0), "score"),
    ("score as text", Kind.RATING, LEARNER, _with(Kind.RATING, score="veel"), "score"),
    ("care recipient scan cell", Kind.SCAN_CELL, CARE_RECIPIENT, VALID[Kind.SCAN_CELL][0], "actor"),
    ("care recipient rating", Kind.RATING, CARE_RECIPIENT, VALID[Kind.RATING][0], "actor"),
    ("adviser rating", Kind.RATING, ADVISER, VALID[Kind.RATING][0], "actor"),
    ("missing task", Kind.STICKER, LEARNER, _with(Kind.STICKER, task=_DROP), "task"),
    ("missing level", Kind.SCAN_CELL, LEARNER, _with(Kind.SCAN_CELL, level=_DROP), "level"),
    ("missing position", Kind.SCAN_CELL, LEARNER, _with(Kind.SCAN_CELL, position=_DROP), "position"),
    ("missing text", Kind.FINDING, LEARNER, {"quadrant": 1}, "text"),
    ("missing decision", Kind.DOT, LEARNER, {}, "decision"),
    ("missing score", Kind.RATING, LEARNER, _with(Kind.RATING, score=_DROP), "score"),
    ("missing audience", Kind.LESSON, LEARNER, _with(Kind.LESSON, audience=_DROP), "audience"),
    ("empty audience", Kind.LESSON, LEARNER, _with(Kind.LESSON, audience=[]), "audience"),
    ("missing strength", Kind.CORNER, LEARNER, {"corner": "rise_above"}, "strength"),
    ("wrong level", Kind.STICKER, LEARNER, _with(Kind.STICKER, level="macro"), "level"),
    ("wrong perspective", Kind.SCAN_CELL, LEARNER, _with(Kind.SCAN_CELL, perspective="inhoud"), "perspective"),
    ("wrong position", Kind.SCAN_CELL, LEARNER, _with(Kind.SCAN_CELL, position="midden"), "position"),
    ("wrong perspectives item", Kind.FINDING, LEARNER, _with(Kind.FINDING, perspectives=["x"]), "perspectives.0"),
    ("wrong audience", Kind.LESSON, LEARNER, _with(Kind.LESSON, audience=["iedereen"]), "audience.0"),
    ("wrong corner", Kind.CORNER, LEARNER, _with(Kind.CORNER, corner="hoek"), "corner"),
    ("strength above the scale", Kind.CORNER, LEARNER, _with(Kind.CORNER, strength=5), "strength"),
    ("quadrant 5", Kind.FINDING, LEARNER, _with(Kind.FINDING, quadrant=5), "quadrant"),
    ("quadrant 0", Kind.FINDING, LEARNER, _with(Kind.FINDING, quadrant=0), "quadrant"),
    ("text too long", Kind.FINDING, LEARNER, {"text": "x" * (MAX_TEXT + 1)}, "text"),
    ("text only spaces", Kind.FINDING, LEARNER, {"text": "  \n\t "}, "text"),
    ("text only control characters", Kind.LESSON, LEARNER, _with(Kind.LESSON, text="\x00\x07\x1b"), "text"),
    ("text not a string", Kind.FINDING, LEARNER, {"text": ["a"]}, "text"),
    ("explanation too long", Kind.SCAN_CELL, LEARNER, _with(Kind.SCAN_CELL, explanation="y" * 601), "explanation"),
    ("speaking for another group", Kind.SCAN_CELL, LEARNER, _with(Kind.SCAN_CELL, group="teachers"), "group"),
    ("choosing the rater", Kind.RATING, LEARNER, _with(Kind.RATING, rater="teacher"), "rater"),
    ("too many perspectives", Kind.FINDING, LEARNER, _with(Kind.FINDING, perspectives=["content"] * 6), "perspectives"),
]


@pytest.mark.parametrize(
    ("kind", "actor", "raw", "field"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_refused_contributions_name_the_field(kind: Kind, actor: str, raw: dict[str, Any], field: str) -> None:
    with pytest.raises(ContributionError) as refused:
        check_contribution(CASE, PHASE_OF[kind], actor, kind, raw)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize("raw", [None, [], "text", 3, [("text", "a")]])
@pytest.mark.parametrize("kind", list(Kind))
def test_a_payload_that_is_not_an_object_is_refused(kind: Kind, raw: Any) -> None:
    with pytest.raises(ContributionError) as refused:
        check_contribution(CASE, PHASE_OF[kind], LEARNER, kind, raw)
    assert refused.value.field == "payload"


def test_a_case_without_webs_or_decisions_refuses_dots_and_ratings() -> None:
    logistiek = load_case(CASES_DIR / "logistiek.yaml")
    with pytest.raises(ContributionError, match="web"):
        check_contribution(logistiek, "design", "studenten", Kind.RATING, VALID[Kind.RATING][0])
    with pytest.raises(ContributionError, match="decision"):
        check_contribution(logistiek, "design", "studenten", Kind.DOT, VALID[Kind.DOT][0])


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("voor\x00na", "voorna"),
        ("regel\r\nregel", "regel\nregel"),
        ("kolom\tkolom", "kolom\tkolom"),
        ("\x1b[31mrood\x1b[0m", "[31mrood[0m"),
        ("bel\x07\x7f\x9f", "bel"),
        (HOSTILE, HOSTILE),
        ("café 👵🏼 ‘x’", "café 👵🏼 ‘x’"),
    ],
)
def test_control_characters_are_dropped_from_participant_text(sent: str, kept: str) -> None:
    """NUL cannot be stored in PostgreSQL text and no control character belongs in a case file; markup stays text."""
    assert clean_text(sent) == kept
    finding = check_contribution(CASE, "diagnose", LEARNER, Kind.FINDING, {"text": sent})
    assert finding.model_dump()["text"] == kept
    cell = check_contribution(CASE, "diagnose", LEARNER, Kind.SCAN_CELL, _with(Kind.SCAN_CELL, explanation=sent))
    assert cell.model_dump()["explanation"] == kept


FIELD_NAMES = sorted({key for raws in VALID.values() for raw in raws for key in raw} | {"group", "rater"})
VALUES = sorted({str(value) for raws in VALID.values() for raw in raws for value in raw.values()})
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
    | st.sampled_from(VALUES),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def _near_valid() -> st.SearchStrategy[dict[str, Any]]:
    """A valid payload with some keys replaced by arbitrary JSON, dropped, or added."""
    return st.builds(
        lambda base, changes, dropped: {**{k: v for k, v in base.items() if k not in dropped}, **changes},
        st.sampled_from([raw for raws in VALID.values() for raw in raws]),
        st.dictionaries(st.sampled_from(FIELD_NAMES), JSON, max_size=3),
        st.sets(st.sampled_from(FIELD_NAMES), max_size=2),
    )


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    phase=st.sampled_from([*PHASE_KINDS, "report"]),
    kind=st.sampled_from(list(Kind)),
    actor=st.sampled_from([actor.id for actor in CASE.actors]),
    raw=JSON | _near_valid() | st.dictionaries(st.sampled_from(FIELD_NAMES), JSON, max_size=5),
)
def test_arbitrary_json_raises_nothing_but_contribution_error(phase: str, kind: Kind, actor: str, raw: Any) -> None:
    _check_or_refuse(CASE, phase, actor, kind, raw)


def _check_or_refuse(case: Case, phase: str, actor: str, kind: Kind, raw: Any) -> None:
    try:
        payload = check_contribution(case, phase, actor, kind, raw)
    except ContributionError as error:
        refused: ContributionError | None = error
    else:
        refused = None
    if refused is not None:
        assert refused.field
        return
    assert kind in PHASE_KINDS[phase]
    check_contribution(case, phase, actor, kind, payload.model_dump(mode="json"))
