"""The HLO scan: grids, disagreement between groups, movement, coherence rules and heat maps."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.scan_comparison import (
    CarriedCell,
    carried_forward,
    coherence_warnings,
    disagreement,
    first_and_latest,
    largest_disagreements,
    latest_scans,
    latest_session,
    movement,
    scan_dates,
    scan_grid,
    scans_on,
    warning_text,
)
from hlo_design.base.config import CASES_DIR
from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.continuum import ContinuumPosition as P
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.scan import Scan, ScanEntry, ScanGroup
from hlo_design.phases.diagnose.report import disagreement_lines
from hlo_design.render.figures.scan import (
    CARRIED_MARK,
    disagreement_heatmap,
    movement_heatmap,
    scan_comparison,
    scan_heatmap,
)
from tests.helpers import HOSTILE, HOSTILE_ESCAPED, MINIMAL_CASE, figure_strings

STRAT, TACT, OPER = Level.STRATEGIC, Level.TACTICAL, Level.OPERATIONAL
CONTENT, SOCIAL, SPATIAL, TEMPORAL, MATERIAL = Perspective
DAY = dt.date(2024, 3, 1)

Cells = dict[tuple[Level, Perspective], P]


def make_scan(cells: Cells, group: ScanGroup = ScanGroup.TEACHERS, date: dt.date = DAY, explanation: str = "") -> Scan:
    return Scan(
        date=date,
        group=group,
        entries=[
            ScanEntry(level=lv, perspective=pp, position=pos, explanation=explanation)
            for (lv, pp), pos in cells.items()
        ],
    )


def full(position: P) -> Cells:
    return {(lv, pp): position for lv in Level for pp in Perspective}


# ---------------------------------------------------------------- grid


def test_grid_has_enum_order_and_nan_for_open_cells() -> None:
    """A scan with two cells gives a 3 × 5 grid in enum order, NaN elsewhere."""
    grid = scan_grid(
        make_scan({(STRAT, CONTENT): P.ALIGNMENT_WORK, (OPER, MATERIAL): P.INCORPORATION_WORK_INTO_SCHOOL})
    )
    assert list(grid.index) == list(Level)
    assert list(grid.columns) == list(Perspective)
    assert grid.loc[STRAT, CONTENT] == 2
    assert grid.loc[OPER, MATERIAL] == -1
    assert int(grid.isna().sum().sum()) == 13


# ---------------------------------------------------------------- validation


DUPLICATE_SCAN = """\
scans:
  - date: 2024-03-01
    group: teachers
    entries:
      - {level: strategic, perspective: content, position: hybridisering}
      - {level: tactical, perspective: content, position: hybridisering}
      - {level: strategic, perspective: content, position: afstemming_werk}
"""


def test_duplicate_entry_is_a_located_case_file_error() -> None:
    """Two entries for strategic × content fail with file:line and both indices named."""
    raw = (MINIMAL_CASE + DUPLICATE_SCAN).encode()
    with pytest.raises(CaseFileError) as caught:
        parse_case(raw, "demo.yaml")
    [problem] = caught.value.problems
    assert problem.field == "scans[0].entries"
    assert problem.line == MINIMAL_CASE.count("\n") + 5  # the `entries:` line
    assert "entries[2] repeats level strategic × perspective content of entries[0]" in str(problem)
    assert str(problem).startswith("demo.yaml:")


def test_distinct_cells_are_valid() -> None:
    """The same level with two perspectives is no duplicate."""
    raw = (MINIMAL_CASE + DUPLICATE_SCAN.rsplit("\n      -", 1)[0] + "\n").encode()
    assert len(parse_case(raw, "demo.yaml").scans[0].entries) == 2


# ---------------------------------------------------------------- sessions


def test_sessions_dates_and_latest() -> None:
    """Dates are distinct and sorted; the latest scan per group wins; scans_on selects one date."""
    early, late = dt.date(2023, 1, 1), dt.date(2024, 1, 1)
    t_late = make_scan({}, ScanGroup.TEACHERS, late)
    t_early = make_scan({}, ScanGroup.TEACHERS, early)
    s_early = make_scan({}, ScanGroup.SUPERVISORS, early)
    scans = [t_late, s_early, t_early]
    assert scan_dates(scans) == [early, late]
    assert scans_on(scans, early) == [s_early, t_early]
    assert latest_scans(scans) == {ScanGroup.TEACHERS: t_late, ScanGroup.SUPERVISORS: s_early}
    assert list(latest_scans(scans)) == [ScanGroup.TEACHERS, ScanGroup.SUPERVISORS]  # group order


# ---------------------------------------------------------------- disagreement


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ([P.ALIGNMENT_SCHOOL, P.ALIGNMENT_WORK], 4.0),  # opposite ends: 2 − (−2)
        ([P.HYBRIDISATION, P.HYBRIDISATION], 0.0),  # agreement
        ([P.INCORPORATION_WORK_INTO_SCHOOL, P.HYBRIDISATION, P.ALIGNMENT_WORK], 3.0),  # three groups: 2 − (−1)
        ([P.HYBRIDISATION], math.nan),  # one group: no spread
    ],
)
def test_disagreement_by_hand(positions: list[P], expected: float) -> None:
    """The spread in strategic × social is max − min over the groups that filled it."""
    scans = [make_scan({(STRAT, SOCIAL): pos}, group) for pos, group in zip(positions, ScanGroup, strict=False)]
    value = disagreement(scans).loc[STRAT, SOCIAL]
    assert (math.isnan(value) and math.isnan(expected)) or value == expected
    assert disagreement(scans).drop(index=STRAT).isna().all().all()  # nobody filled other cells


EARLIER = dt.date(2023, 3, 1)


def test_disagreement_refuses_to_mix_dates() -> None:
    """A group's scan of one date is never set against another group's scan of another date."""
    scans = [
        make_scan({(STRAT, SOCIAL): P.ALIGNMENT_SCHOOL}, ScanGroup.SUPERVISORS, EARLIER),
        make_scan({(STRAT, SOCIAL): P.ALIGNMENT_WORK}, ScanGroup.TEACHERS, DAY),
    ]
    with pytest.raises(ValueError, match="one scan session"):
        disagreement(scans)
    with pytest.raises(ValueError, match="one scan session"):
        largest_disagreements(scans)


# A full session of two groups, then a partial re-scan by the teachers only (the case in issue 9).
FULL_TEACHERS = make_scan({**full(P.HYBRIDISATION), (TACT, SOCIAL): P.ALIGNMENT_SCHOOL}, ScanGroup.TEACHERS, EARLIER)
FULL_SUPERVISORS = make_scan(
    {**full(P.HYBRIDISATION), (TACT, SOCIAL): P.ALIGNMENT_WORK}, ScanGroup.SUPERVISORS, EARLIER
)
PARTIAL_RESCAN = make_scan({(STRAT, CONTENT): P.INCORPORATION_SCHOOL_INTO_WORK}, ScanGroup.TEACHERS, DAY)
HISTORY = [FULL_TEACHERS, FULL_SUPERVISORS, PARTIAL_RESCAN]


def test_latest_session_is_the_latest_date_only() -> None:
    """The latest session holds the scans of the newest date and nothing older."""
    assert latest_session(HISTORY) == [PARTIAL_RESCAN]
    assert latest_session([FULL_SUPERVISORS, FULL_TEACHERS]) == [FULL_SUPERVISORS, FULL_TEACHERS]
    assert latest_session([]) == []


def test_the_largest_disagreement_within_a_session_stays_visible() -> None:
    """Within the full session, tactical × social (4 steps apart) is the largest disagreement.

    Mixing the teachers' partial re-scan with the supervisors' older full scan
    made it disappear; per session it is found.
    """
    (found, *_) = largest_disagreements(scans_on(HISTORY, EARLIER))
    assert found[:3] == (TACT, SOCIAL, 4)
    assert disagreement(latest_session(HISTORY)).isna().all().all()  # one group today: nothing to compare


def test_carried_forward_names_the_earlier_value_and_date() -> None:
    """Cells left open in a re-scan carry the group's earlier value, with its date; filled cells do not."""
    carried = carried_forward(HISTORY, latest_session(HISTORY))
    teachers = carried[ScanGroup.TEACHERS]
    assert len(teachers) == 14  # 15 cells, one filled again
    assert (STRAT, CONTENT) not in teachers
    assert teachers[TACT, SOCIAL] == CarriedCell(P.ALIGNMENT_SCHOOL, EARLIER)
    assert carried_forward(HISTORY, scans_on(HISTORY, EARLIER)) == {}  # nothing before the first session


def test_first_and_latest_pairs_only_groups_that_rescanned() -> None:
    """Movement needs two dates of one group; a group with one session is left out."""
    assert first_and_latest(HISTORY) == {ScanGroup.TEACHERS: (FULL_TEACHERS, PARTIAL_RESCAN)}


def test_comparison_marks_carried_values_and_never_mixes_dates() -> None:
    """The side-by-side figure shows only the latest session; re-used values are marked, with their date."""
    figure = scan_comparison(HISTORY)
    assert len(figure.data) == 1  # only the teachers scanned on the latest date
    trace = figure.data[0]
    assert trace.text[1][1].startswith(CARRIED_MARK)  # tactical × social, carried from the earlier session
    assert "01-03-2023" in trace.hovertext[1][1]
    assert trace.z[1][1] == -2  # shown with its earlier colour, not as an empty cell
    assert not trace.text[0][0].startswith(CARRIED_MARK)  # filled in again today
    assert "01-03-2024" in figure.layout.title.text
    assert any(CARRIED_MARK in (a.text or "") for a in figure.layout.annotations)


def test_disagreement_heatmap_uses_the_latest_session_and_names_its_date() -> None:
    """Two groups on the latest date are compared; an older scan of a third group is not."""
    coordinators = make_scan(full(P.ALIGNMENT_WORK), ScanGroup.COORDINATORS, EARLIER)
    supervisors = make_scan({(TACT, SOCIAL): P.ALIGNMENT_WORK}, ScanGroup.SUPERVISORS)
    teachers = make_scan({(TACT, SOCIAL): P.ALIGNMENT_SCHOOL, (STRAT, CONTENT): P.ALIGNMENT_SCHOOL})
    figure = disagreement_heatmap([coordinators, supervisors, teachers])
    assert figure.data[0].text[1][1] == "4"
    assert figure.data[0].text[0][0] == "–"  # only the teachers filled it today; the coordinators' 2023 view is out
    assert "01-03-2024" in figure.layout.title.text


def test_movement_heatmap_shows_each_rescanning_group() -> None:
    """One panel per group with two sessions; signed steps, "–" where a scan left the cell open."""
    figure = movement_heatmap(HISTORY)
    (trace,) = figure.data
    assert trace.text[0][0] == "+1"  # hybridisation → incorporation school → work
    assert trace.text[1][1] == "–"  # open in the partial re-scan
    assert "01-03-2023 → 01-03-2024" in figure.layout.annotations[0].text
    nothing_yet = movement_heatmap([FULL_TEACHERS]).layout.annotations[0].text.replace("<br>", " ")
    assert "nog geen beweging" in nothing_yet  # says there is nothing yet (tests/test_empty_states.py: no axes)


def test_diagnosis_names_the_largest_disagreement_of_the_latest_session() -> None:
    """The diagnosis page and report line names the session's date and its largest difference."""
    case = load_case("zorg").model_copy(update={"scans": [FULL_TEACHERS, FULL_SUPERVISORS]})
    (line,) = disagreement_lines(case, Vocabulary())
    assert line.startswith("Grootste verschil in de sessie van 01-03-2023 bij tactisch × sociaal (4 stappen)")


positions = st.sampled_from(list(P))
cell_maps = st.dictionaries(st.tuples(st.sampled_from(list(Level)), st.sampled_from(list(Perspective))), positions)


@given(st.lists(cell_maps, min_size=2, max_size=4))
def test_disagreement_is_within_0_and_4_and_symmetric(cells: list[Cells]) -> None:
    """Spreads lie in 0 … 4 and do not depend on the order of the groups."""
    scans = [make_scan(c, group) for c, group in zip(cells, ScanGroup, strict=False)]
    forward, backward = disagreement(scans), disagreement(scans[::-1])
    pd.testing.assert_frame_equal(forward, backward)
    values = forward.stack().dropna()
    assert ((values >= 0) & (values <= 4)).all()


@given(cell_maps, st.integers(2, 4))
def test_disagreement_is_zero_when_groups_agree(cells: Cells, groups: int) -> None:
    """Identical scans of several groups disagree nowhere."""
    scans = [make_scan(cells, group) for group in list(ScanGroup)[:groups]]
    grid = disagreement(scans)
    assert (grid.stack().dropna() == 0).all()
    assert int(grid.notna().sum().sum()) == len(cells)
    assert largest_disagreements(scans) == []


def test_largest_disagreements_sorted_by_spread_then_enum_order() -> None:
    """Spread 4 comes first; the two spreads of 2 follow in level, then perspective order."""
    teachers = make_scan(
        {
            (OPER, MATERIAL): P.HYBRIDISATION,
            (STRAT, SPATIAL): P.HYBRIDISATION,
            (TACT, CONTENT): P.ALIGNMENT_SCHOOL,
            (STRAT, TEMPORAL): P.HYBRIDISATION,
        }
    )
    supervisors = make_scan(
        {
            (OPER, MATERIAL): P.ALIGNMENT_WORK,
            (STRAT, SPATIAL): P.ALIGNMENT_WORK,
            (TACT, CONTENT): P.ALIGNMENT_WORK,
            (STRAT, TEMPORAL): P.HYBRIDISATION,
        },
        ScanGroup.SUPERVISORS,
    )
    found = largest_disagreements([teachers, supervisors], n=3)
    assert [(lv, pp, spread) for lv, pp, spread, _ in found] == [
        (TACT, CONTENT, 4),
        (STRAT, SPATIAL, 2),
        (OPER, MATERIAL, 2),
    ]
    assert found[0][3] == {ScanGroup.TEACHERS: P.ALIGNMENT_SCHOOL, ScanGroup.SUPERVISORS: P.ALIGNMENT_WORK}
    assert len(largest_disagreements([teachers, supervisors], n=1)) == 1


# ---------------------------------------------------------------- movement


def test_movement_by_hand() -> None:
    """From incorporation work→school (−1) to incorporation school→work (+1) is +2; open cells are NaN."""
    earlier = make_scan(
        {(TACT, SPATIAL): P.INCORPORATION_WORK_INTO_SCHOOL, (STRAT, CONTENT): P.HYBRIDISATION}, date=dt.date(2023, 1, 1)
    )
    later = make_scan({(TACT, SPATIAL): P.INCORPORATION_SCHOOL_INTO_WORK})
    moved = movement(earlier, later)
    assert moved.loc[TACT, SPATIAL] == 2
    assert math.isnan(moved.loc[STRAT, CONTENT])  # filled only in the earlier scan
    assert moved.shape == (3, 5)


@pytest.mark.parametrize(
    ("earlier", "later", "match"),
    [
        (make_scan({}, ScanGroup.TEACHERS), make_scan({}, ScanGroup.SUPERVISORS), "one group"),  # different groups
        (make_scan({}, date=DAY), make_scan({}, date=dt.date(2020, 1, 1)), "swap them"),  # arguments swapped
    ],
)
def test_movement_refuses_incomparable_scans(earlier: Scan, later: Scan, match: str) -> None:
    """Scans of two groups, or given in the wrong order, are refused with a reason."""
    with pytest.raises(ValueError, match=match):
        movement(earlier, later)


# ---------------------------------------------------------------- coherence


def codes(scan: Scan) -> list[tuple[str, Level, Perspective | None]]:
    return [(w.code, w.level, w.perspective) for w in coherence_warnings(scan)]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # the example: strategic social hybridisation, daily timetable school-aligned
        (
            {(STRAT, SOCIAL): P.HYBRIDISATION, (OPER, TEMPORAL): P.ALIGNMENT_SCHOOL},
            [("ambition_vs_timetable", STRAT, SOCIAL)],
        ),
        # timetable already incorporates work: no warning
        ({(STRAT, SOCIAL): P.HYBRIDISATION, (OPER, TEMPORAL): P.INCORPORATION_WORK_INTO_SCHOOL}, []),
        # strategic incorporation is not hybridisation: no warning
        ({(STRAT, SOCIAL): P.INCORPORATION_SCHOOL_INTO_WORK, (OPER, TEMPORAL): P.ALIGNMENT_SCHOOL}, []),
        # timetable not filled in: nothing to compare
        ({(STRAT, SOCIAL): P.HYBRIDISATION}, []),
    ],
)
def test_rule_ambition_vs_timetable(cells: Cells, expected: list[tuple[str, Level, Perspective | None]]) -> None:
    """Rule 1 fires only for strategic hybridisation with an operational school-aligned timetable."""
    assert codes(make_scan(cells)) == expected


@pytest.mark.parametrize(
    ("strategic", "operational", "fires"),
    [
        (P.ALIGNMENT_SCHOOL, P.INCORPORATION_SCHOOL_INTO_WORK, True),  # 3 steps
        (P.ALIGNMENT_WORK, P.ALIGNMENT_SCHOOL, True),  # 4 steps, the other way
        (P.ALIGNMENT_SCHOOL, P.HYBRIDISATION, False),  # exactly 2 steps is allowed
        (P.HYBRIDISATION, P.HYBRIDISATION, False),  # same position
    ],
)
def test_rule_ambition_vs_practice(strategic: P, operational: P, fires: bool) -> None:
    """Rule 2 fires when operational is more than two steps from strategic in one perspective."""
    scan = make_scan({(STRAT, MATERIAL): strategic, (OPER, MATERIAL): operational})
    assert codes(scan) == ([("ambition_vs_practice", OPER, MATERIAL)] if fires else [])


@pytest.mark.parametrize(
    ("cells", "fires"),
    [
        ({(TACT, CONTENT): P.ALIGNMENT_SCHOOL, (TACT, SPATIAL): P.ALIGNMENT_WORK}, True),  # both ends at one level
        ({(TACT, CONTENT): P.ALIGNMENT_SCHOOL, (TACT, SPATIAL): P.INCORPORATION_SCHOOL_INTO_WORK}, False),  # −2 … +1
        ({(TACT, CONTENT): P.INCORPORATION_WORK_INTO_SCHOOL, (TACT, SPATIAL): P.ALIGNMENT_WORK}, False),  # −1 … +2
        ({(TACT, CONTENT): P.ALIGNMENT_SCHOOL, (OPER, SPATIAL): P.ALIGNMENT_WORK}, False),  # ends on different levels
    ],
)
def test_rule_level_pulls_both_ways(cells: Cells, fires: bool) -> None:
    """Rule 3 fires when one level spans −2 … +2 across its perspectives."""
    assert codes(make_scan(cells)) == ([("level_pulls_both_ways", TACT, None)] if fires else [])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_warning_text_names_the_perspective(language: str) -> None:
    """A warning reads as a sentence with the perspective's label filled in."""
    [warning] = coherence_warnings(make_scan({(STRAT, SOCIAL): P.HYBRIDISATION, (OPER, TEMPORAL): P.ALIGNMENT_SCHOOL}))
    vocabulary = Vocabulary(language)
    text = warning_text(warning, vocabulary)
    assert vocabulary.label(SOCIAL) in text
    assert "{" not in text


# ---------------------------------------------------------------- figures


@pytest.mark.parametrize("draw", [scan_heatmap, disagreement_heatmap, scan_comparison])
def test_figures_label_levels_and_perspectives(draw: object) -> None:
    """Every figure shows the three Dutch level names and five perspective names."""
    scans = load_case("zorg").scans
    figure = draw(scans[0] if draw is scan_heatmap else scans)  # type: ignore[operator]
    texts = " ".join(str(t) for trace in figure.data for t in (*trace.x, *trace.y)).replace("<br>", "")
    for label in ("strategisch", "tactisch", "operationeel"):
        assert label in texts
    for label in ("(beroeps)inhoudelijk", "sociaal", "ruimtelijk", "temporeel", "materieel"):
        assert label in texts


def test_scan_heatmap_shows_questions_colours_and_english() -> None:
    """Columns carry their guiding question; the colour bar names the five positions; English works."""
    scan = load_case("zorg").scans[0]
    dutch = scan_heatmap(scan)
    assert "<i>Wat?</i>" in dutch.data[0].x[0]
    assert list(dutch.data[0].colorbar.ticktext) == [Vocabulary().label(p) for p in P]
    assert dutch.data[0].y[0] == "strategisch"  # strategic on top (y axis reversed)
    assert dutch.layout.yaxis.autorange == "reversed"
    english = scan_heatmap(scan, Vocabulary("en"))
    assert english.data[0].x[0].startswith("content")


def test_hostile_explanation_is_escaped() -> None:
    """Participant text reaches plotly only escaped, in every figure that shows explanations.

    The disagreement heat map shows positions only, so it has no explanation to escape.
    """
    hostile = make_scan(full(P.HYBRIDISATION), explanation=HOSTILE)
    other = make_scan(full(P.ALIGNMENT_WORK), ScanGroup.SUPERVISORS)
    for figure in (scan_heatmap(hostile), scan_comparison([hostile, other])):
        strings = figure_strings(figure)
        assert HOSTILE not in strings
        assert HOSTILE_ESCAPED in strings


def test_disagreement_heatmap_text_is_the_spread() -> None:
    """Cell text is the spread, and the hover names each group's position."""
    a = make_scan({(STRAT, CONTENT): P.ALIGNMENT_SCHOOL})
    b = make_scan({(STRAT, CONTENT): P.ALIGNMENT_WORK}, ScanGroup.SUPERVISORS)
    trace = disagreement_heatmap([a, b]).data[0]
    assert trace.text[0][0] == "4"
    assert trace.text[0][1] == "–"  # nobody filled strategic × social
    assert "afstemming (werkgebaseerd)" in trace.hovertext[0][0]


# ---------------------------------------------------------------- bundled cases


@pytest.mark.parametrize("path", sorted(CASES_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_case_has_scans_that_work(path: Path) -> None:
    """Each example case has scans, and every scan function and figure runs on them."""
    case = load_case(path)
    assert case.scans
    for scan in case.scans:
        assert scan_grid(scan).notna().any().any()
        coherence_warnings(scan)
        scan_heatmap(scan)
    assert disagreement(case.scans).shape == (3, 5)
    largest_disagreements(case.scans)
    disagreement_heatmap(case.scans)
    scan_comparison(case.scans)
    movement_heatmap(case.scans)
