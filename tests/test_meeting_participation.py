"""The participant's side without the web: codes, joining, forms, contributing, refusals and the rate limit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.meeting.participation import BURST, Participation, Refusal
from hlo_design.meeting.store import MeetingStore
from tests.helpers import HOSTILE

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def participation(cases_dir: Path, tmp_path: Path) -> Iterator[Participation]:
    store = MeetingStore(f"sqlite:///{tmp_path / 'meetings.sqlite3'}")
    yield Participation(store, cases_dir)
    store.dispose()


def _code(participation: Participation, phase: str = "diagnose", case: str = "zorg") -> str:
    return participation.store.open_meeting(case, phase).code


def _refused(call: Any, *args: Any) -> Refusal:
    with pytest.raises(Refusal) as refused:
        call(*args)
    return refused.value


@pytest.mark.parametrize("typed", ["", "ZZZZZZ", "abc", HOSTILE, "' OR '1'='1"])
def test_a_wrong_code_is_refused_with_a_dutch_message(participation: Participation, typed: str) -> None:
    _code(participation)
    for call, args in [
        (participation.lookup, (typed,)),
        (participation.choices, (typed, "nl")),
        (participation.join, (typed, "leerlingen", None)),
    ]:
        refusal = _refused(call, *args)
        assert (refusal.status, refusal.key) == (404, "wrong_code")
    message = refusal.message(Vocabulary("nl"))
    assert "code hoort niet bij een open bijeenkomst" in message
    assert "does not belong" in refusal.message(Vocabulary("en"))


def test_choices_show_the_case_and_its_actors(participation: Participation) -> None:
    code = _code(participation)
    choices = participation.choices(code.lower(), "nl")
    assert ("leerlingen", participation.case(participation.lookup(code)).actor("leerlingen").name) in choices["actors"]
    assert len(choices["actors"]) == 10


@pytest.mark.parametrize("actor", ["", "niemand", "LEERLINGEN", "../zorg", SCRIPT, "x" * 500])
def test_an_unknown_actor_is_refused(participation: Participation, actor: str) -> None:
    refusal = _refused(participation.join, _code(participation), actor, None)
    assert (refusal.status, refusal.key, refusal.fields["field"]) == (422, "invalid", "actor")
    assert len(refusal.fields["reason"]) <= 40
    assert participation.store.participants(participation.lookup(_code(participation)).id) == []


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("  Anna  ", "Anna"),
        ("An\x00na", "Anna"),
        ("\x00\x07", None),
        (SCRIPT, SCRIPT),
        ("x" * 200, "x" * 60),
    ],
)
def test_names_are_trimmed_and_lose_control_characters(
    participation: Participation, name: str | None, kept: str | None
) -> None:
    participant, _ = participation.join(_code(participation), "leerlingen", name)
    assert participant.name == kept
    assert participation.store.participants(participant.meeting_id)[0].name == kept


def test_a_closed_meeting_refuses_a_participant_who_joined_before(participation: Participation) -> None:
    code = _code(participation)
    _, token = participation.join(code, "leerlingen", None)
    participation.contribute(token, "finding", {"text": "voor het sluiten"})
    participation.store.close_meeting(participation.lookup(code).id)
    for call, args in [
        (participation.forms, (token, "nl")),
        (participation.contribute, (token, "finding", {"text": "na het sluiten"})),
    ]:
        refusal = _refused(call, *args)
        assert (refusal.status, refusal.key) == (410, "closed")
    assert "gesloten" in refusal.message(Vocabulary("nl"))
    assert _refused(participation.join, code, "leerlingen", None).status == 404


@pytest.mark.parametrize("token", ["", "onzin", " ", "Bearer x", "a" * 1000])
def test_a_bad_token_is_refused(participation: Participation, token: str) -> None:
    participation.join(_code(participation), "leerlingen", None)
    for call, args in [
        (participation.forms, (token, "nl")),
        (participation.contribute, (token, "finding", {"text": "x"})),
        (participation.participant, (token,)),
    ]:
        refusal = _refused(call, *args)
        assert (refusal.status, refusal.key) == (401, "unknown_participant")


def _sent_until_refused(participation: Participation, token: str, values: dict[str, Any]) -> tuple[int, Refusal]:
    """How many contributions in a row went through before the first refusal (at most three bursts are tried).

    The bucket refills at PER_MINUTE / 60 a second, so a slow machine may let one or two more through
    than BURST; only fewer than BURST, or no refusal at all, is wrong.
    """
    for sent in range(3 * BURST):
        try:
            participation.contribute(token, "finding", values)
        except Refusal as refusal:
            if refusal.status != 422:
                return sent, refusal
    pytest.fail(f"{3 * BURST} contributions in a row were all let through")


def test_the_twenty_first_immediate_contribution_is_too_many(participation: Participation) -> None:
    code = _code(participation)
    _, token = participation.join(code, "leerlingen", None)
    _, other = participation.join(code, "leerkrachten", None)
    sent, refusal = _sent_until_refused(participation, token, {"text": "bijdrage"})
    assert sent >= BURST
    assert (refusal.status, refusal.key) == (429, "too_many")
    assert "wacht" in refusal.message(Vocabulary("nl"))
    participation.contribute(other, "finding", {"text": "een ander mag nog"})  # the limit is per participant
    assert participation.store.count(participation.lookup(code).id) == sent + 1


def test_refused_contents_count_against_the_limit_too(participation: Participation) -> None:
    """A phone sending rubbish in a loop is slowed down like one sending sense."""
    _, token = participation.join(_code(participation), "leerlingen", None)
    sent, refusal = _sent_until_refused(participation, token, {})
    assert sent >= BURST
    assert refusal.status == 429
    assert participation.store.count(participation.participant(token)[1].id) == 0


def _kinds(participation: Participation, phase: str, actor: str) -> list[str]:
    _, token = participation.join(_code(participation, phase), actor, None)
    forms = participation.forms(token, "nl")
    return [form["kind"] for form in forms["forms"]]


@pytest.mark.parametrize(
    ("phase", "actor", "kinds"),
    [
        ("diagnose", "leerlingen", ["sticker", "scan_cell", "finding"]),
        ("diagnose", "leerkrachten", ["sticker", "scan_cell", "finding"]),
        ("diagnose", "zorgvragers", ["sticker", "finding"]),
        ("design", "leerlingen", ["dot", "rating"]),
        ("design", "mentoren_wzc", ["dot", "rating"]),
        ("design", "zorgvragers", ["dot"]),
        ("design", "adviseur_provincie", ["dot"]),
        ("valorisation", "zorgvragers", ["lesson", "corner"]),
    ],
)
def test_each_actor_gets_the_forms_of_the_phase_that_fit_them(
    participation: Participation, phase: str, actor: str, kinds: list[str]
) -> None:
    assert _kinds(participation, phase, actor) == kinds


def test_forms_name_the_case_actor_and_count_what_was_sent(participation: Participation) -> None:
    _, token = participation.join(_code(participation), "leerlingen", None)
    participation.contribute(token, "finding", {"text": "een"})
    forms = participation.forms(token, "en")
    assert forms["sent"] == 1
    assert forms["actor"] == participation.case(participation.participant(token)[1]).actor("leerlingen").name
    fields = {form["kind"]: [field["name"] for field in form["fields"]] for form in forms["forms"]}
    assert fields["finding"] == ["text", "quadrant", "perspectives"]
    assert fields["scan_cell"] == ["level", "perspective", "position", "explanation"]


@pytest.mark.parametrize("text", [HOSTILE, SCRIPT, "{{ 7*7 }} ${7*7} <%= 7*7 %>", "'; DROP TABLE contributions; --"])
def test_hostile_text_is_stored_as_is_and_comes_back_unchanged(participation: Participation, text: str) -> None:
    code = _code(participation)
    _, token = participation.join(code, "leerlingen", None)
    stored = participation.contribute(token, "finding", {"text": text, "quadrant": "2", "perspectives": ["social"]})
    assert stored.payload == {"text": text, "quadrant": 2, "perspectives": ["social"]}
    back = participation.store.contributions(participation.lookup(code).id)
    assert [item.payload["text"] for item in back] == [text]


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        ("nonsense", {}, "kind"),
        ("dot", {"decision": "student_journey"}, "kind"),  # a design kind in a diagnose meeting
        ("finding", {"text": ""}, "text"),
        ("sticker", {"task": "sw_afspraken", "level": "hoog"}, "level"),
        ("scan_cell", {"level": "strategic", "perspective": "content", "position": "x"}, "position"),
    ],
)
def test_a_contribution_that_does_not_fit_is_refused_with_its_field(
    participation: Participation, kind: str, values: dict[str, Any], field: str
) -> None:
    _, token = participation.join(_code(participation), "leerlingen", None)
    refusal = _refused(participation.contribute, token, kind, values)
    assert (refusal.status, refusal.key, refusal.fields["field"]) == (422, "invalid", field)
    assert refusal.message(Vocabulary("nl")).startswith("Dit kan zo niet worden opgeslagen")


def test_a_rating_is_sent_as_web_slash_criterion(participation: Participation) -> None:
    code = _code(participation, "design")
    _, token = participation.join(code, "leerlingen", None)
    stored = participation.contribute(token, "rating", {"criterion": "gesprek-bij-maaltijd/luisteren", "score": 4})
    assert stored.payload == {"web": "gesprek-bij-maaltijd", "criterion": "luisteren", "score": 4}
