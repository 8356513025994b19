"""Rhythm checks: full theory days, no work contact, school majority; shares per setting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.rhythm_checks import rhythm_checks, setting_shares
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.activities import Activity
from hlo_design.model.quadrants import Position
from hlo_design.model.rhythm import DayPart, Rhythm, RhythmSlot, Setting, SlotContent, Weekday


def _week(*slots: tuple[str, str, str, str | None]) -> Rhythm:
    return Rhythm(
        slots=[
            RhythmSlot(day=Weekday(d), part=DayPart(p), setting=Setting(s), content=c and SlotContent(c))
            for d, p, s, c in slots
        ]
    )


def _codes(rhythm: Rhythm) -> list[tuple[str, Weekday | None]]:
    return [(w.code, w.day) for w in rhythm_checks(rhythm)]


@pytest.mark.parametrize(
    ("slots", "flagged"),
    [
        # a whole school day marked theory: flagged
        ([("mon", "day", "school", "theory")], True),
        # morning and afternoon both theory at school: flagged
        ([("mon", "morning", "school", "theory"), ("mon", "afternoon", "school", "theory")], True),
        # only a theory morning: not a whole day
        ([("mon", "morning", "school", "theory"), ("mon", "afternoon", "company", None)], False),
        # practice in the afternoon breaks the theory day
        ([("mon", "morning", "school", "theory"), ("mon", "afternoon", "school", "practice")], False),
        # unknown content is never flagged
        ([("mon", "day", "school", None)], False),
        # theory in a simulation room is not a school day
        ([("mon", "day", "simulation", "theory")], False),
    ],
)
def test_theory_day_rule(slots: list[tuple[str, str, str, str | None]], flagged: bool) -> None:
    """Only a whole day at school with theory in every slot counts as a theory day."""
    week = _week(*slots, ("tue", "day", "company", None))
    assert (("theory_day", Weekday.MONDAY) in _codes(week)) is flagged


def test_no_work_contact_and_realistic_activities() -> None:
    """A week without company or internship is flagged; with activities the realistic hours are named."""
    week = _week(("mon", "day", "school", "mixed"), ("tue", "day", "simulation", None))
    assert [w.key for w in rhythm_checks(week)] == ["rhythm.check.no_work_contact"]
    realistic = Activity(id="a", name="A", environment="e", position=Position(form=0.5, context=0.0), hours_per_week=6)
    warning = next(w for w in rhythm_checks(week, [realistic]) if w.code == "no_work_contact")
    assert warning.key == "rhythm.check.no_work_contact_activities"
    assert warning.fields == {"hours": "3"}  # on the axis: half of 6 hours is realistic
    assert "3 uur" in warning.text(Vocabulary())


@pytest.mark.parametrize(
    ("school_halves", "flagged"),
    [
        (5, False),  # exactly half: not a majority
        (6, True),  # 6 of 10 day parts
    ],
)
def test_school_majority(school_halves: int, flagged: bool) -> None:
    """More than half of the day parts at school is flagged with its share."""
    days = list(Weekday)[:5]
    slots = [RhythmSlot(day=days[i // 2], part=DayPart.MORNING if i % 2 == 0 else DayPart.AFTERNOON,
                        setting=Setting.SCHOOL if i < school_halves else Setting.COMPANY) for i in range(10)]  # fmt: skip
    warnings = [w for w in rhythm_checks(Rhythm(slots=slots)) if w.code == "school_majority"]
    assert bool(warnings) is flagged
    if flagged:
        assert warnings[0].fields == {"share": "60%"}


@given(
    st.lists(
        st.tuples(st.sampled_from(list(Weekday)), st.sampled_from(list(DayPart)), st.sampled_from(list(Setting))),
        max_size=20,
    )
)
def test_setting_shares_sum_to_one(slots: list[tuple[Weekday, DayPart, Setting]]) -> None:
    """Shares per setting add up to 1 for any non-empty week and to 0 for an empty one."""
    rhythm = Rhythm(slots=[RhythmSlot(day=d, part=p, setting=s) for d, p, s in slots])
    total = sum(setting_shares(rhythm).values())
    assert total == pytest.approx(1.0 if slots else 0.0)


def test_bundled_rhythms() -> None:
    """Logistiek's current week passes, its first Oosterhout timetable has a theory Monday."""
    case = load_case("logistiek")
    assert case.rhythm is not None
    assert case.design is not None
    assert not [w for w in rhythm_checks(case.rhythm) if w.code == "theory_day"]
    original = case.design.variant("eerste_conceptrooster").rhythm
    assert original is not None
    assert [(w.code, w.day) for w in rhythm_checks(original)] == [("theory_day", Weekday.MONDAY)]
    assert "ma: een hele dag alleen theorie" in rhythm_checks(original)[0].text(Vocabulary())


def test_servicemedewerker_has_no_warnings() -> None:
    """Three company days and an internship day raise nothing."""
    rhythm = load_case("servicemedewerker").rhythm
    assert rhythm is not None
    assert rhythm_checks(rhythm) == []
