"""The message catalogue: complete in both languages, regional words switch."""

from __future__ import annotations

from enum import Enum
from string import Formatter

import pytest

from hlo_design.base.vocabulary import Vocabulary, _catalogue
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.design_plan import DecisionStatus
from hlo_design.model.leerfiche import LeerficheComponent
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Quadrant
from hlo_design.model.reflection import Rater
from hlo_design.model.rhythm import DayPart, InternshipPattern, Setting, Weekday
from hlo_design.model.roles import ActorType, Process, Side
from hlo_design.model.scan import ScanGroup
from hlo_design.model.valorisation import (
    ActionStatus,
    Audience,
    CompetenceKind,
    Corner,
    FactorStatus,
    Horizon,
    ImpactProcess,
    SuccessFactor,
)

ENUMS: list[type[Enum]] = [
    Quadrant, Level, Perspective, ContinuumPosition, Process, Side, ActorType, ScanGroup,
    Setting, Weekday, DayPart, InternshipPattern, DecisionStatus, LeerficheComponent, Rater,
    Audience, Corner, ImpactProcess, ActionStatus, Horizon, SuccessFactor, FactorStatus, CompetenceKind,
]  # fmt: skip


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_message_exists_in_every_language(language: str) -> None:
    """No key is translated in one language only, and every message formats."""
    vocabulary = Vocabulary(language)
    terms = set(_catalogue()["terms"])
    for key, entry in _catalogue()["messages"].items():
        assert language in entry, key
        fields = {name for _, name, _, _ in Formatter().parse(entry[language]) if name} - terms
        assert vocabulary(key, **dict.fromkeys(fields, "x")).strip(), key


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
@pytest.mark.parametrize(("language", "region"), [("nl", "NL"), ("nl", "VL"), ("en", "NL"), ("en", "VL")])
def test_every_domain_value_has_a_label(enum: type[Enum], language: str, region: str) -> None:
    """Each enum member shown to users has a non-empty label."""
    vocabulary = Vocabulary(language, region)
    for member in enum:
        assert vocabulary.label(member).strip()


@pytest.mark.parametrize(
    ("region", "learner", "teacher", "supervisor"),
    [
        ("NL", "student", "docent", "werkbegeleider"),  # the Netherlands, MBO
        ("VL", "leerling", "leerkracht", "mentor"),  # Flanders, secondary vocational
    ],
)
def test_region_switches_the_words(region: str, learner: str, teacher: str, supervisor: str) -> None:
    """NL and VL read their own words for the same roles."""
    vocabulary = Vocabulary("nl", region)
    assert vocabulary.label(ActorType.LEARNER) == learner
    assert vocabulary.label(ActorType.TEACHER) == teacher
    assert vocabulary.label(ActorType.SUPERVISOR) == supervisor
    assert vocabulary.term("routes") == ("BOL/BBL" if region == "NL" else "niet-duaal/duaal")


def test_dutch_is_the_default() -> None:
    assert Vocabulary().label(Quadrant.REALISTIC_PARTICIPATION) == "Toepassen in échte werkpraktijk"


@pytest.mark.parametrize(("language", "region"), [("fr", "NL"), ("nl", "BE")])
def test_unknown_language_or_region_is_refused(language: str, region: str) -> None:
    with pytest.raises(ValueError, match="not supported"):
        Vocabulary(language, region)


def test_missing_key_names_the_catalogue() -> None:
    with pytest.raises(KeyError, match="data/messages/"):
        Vocabulary()("does.not.exist")


@pytest.mark.parametrize(
    ("language", "region", "expected"),
    [("nl", "NL", "1,75"), ("nl", "VL", "1,75"), ("en", "NL", "1.75")],
)
def test_numbers_use_the_languages_decimal_sign(language: str, region: str, expected: str) -> None:
    """Dutch gets a decimal comma ("1,75 u", not "1.75 u"); whole numbers lose their ".0"."""
    vocabulary = Vocabulary(language, region)
    assert vocabulary.number(1.75, 2) == expected
    assert vocabulary.number(20.0) == "20"
    assert vocabulary.signed(-1.5) == "−" + vocabulary.number(1.5)
    assert vocabulary.signed(0.01) == "±0"


def test_percentages_follow_the_language() -> None:
    assert Vocabulary("nl").percent(0.125, 1) == "12,5%"
    assert Vocabulary("en").percent(0.125, 1) == "12.5%"
    assert Vocabulary("nl").percent(0.456) == "46%"


@pytest.mark.parametrize(
    ("language", "noun", "one", "two"),
    [
        ("nl", "step", "1 stap", "2 stappen"),
        ("nl", "role", "1 rol", "2 rollen"),
        ("nl", "finding", "1 bevinding", "2 bevindingen"),
        ("nl", "lesson", "1 les", "2 lessen"),
        ("en", "activity", "1 activity", "2 activities"),
        ("en", "evidence", "1 piece of evidence", "2 pieces of evidence"),
    ],
)
def test_counts_take_the_plural_form_of_the_language(language: str, noun: str, one: str, two: str) -> None:
    """No "1 stappen" and no "bevinding(en)": the plural form comes from Babel's rule for the language."""
    vocabulary = Vocabulary(language)
    assert vocabulary.count(1, noun) == one
    assert vocabulary.count(2, noun) == two


def test_a_count_with_decimals_is_plural_and_has_a_decimal_comma() -> None:
    assert Vocabulary("nl").count(1.5, "hour") == "1,5 uur"
    assert Vocabulary("en").count(1, "hour") == "1 hour"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_plural_has_the_forms_of_its_language(language: str) -> None:
    """Each counted noun has an "other" form and one for every form the language's rule can pick for 0-3."""
    vocabulary = Vocabulary(language)
    for noun, entry in _catalogue()["plurals"].items():
        forms = entry[language]
        assert {vocabulary.locale.plural_form(n) for n in (0, 1, 2, 3, 1.5)} <= forms.keys(), noun
