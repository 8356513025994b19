"""Case files: validation messages, safe parsing, atomic saves and round trips."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hlo_design.base.errors import CaseFileError, SaveConflictError, UnknownCaseError
from hlo_design.casefile.loading import find_case_file, load_case, parse_case
from hlo_design.casefile.saving import dump_case, file_revision, save_case, update_case
from hlo_design.casefile.yaml_source import MAX_FILE_BYTES
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.quadrants import Position
from tests.helpers import EXAMPLE_CASES, MINIMAL_CASE, TEST_DATA

BAD_CASES = sorted((TEST_DATA / "bad_cases").glob("*.yaml"))


@pytest.mark.parametrize("path", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_each_bad_file_gets_its_exact_error(path: Path) -> None:
    """Every file of the corpus fails with exactly the messages in its `.expected` file."""
    with pytest.raises(CaseFileError) as caught:
        parse_case(path.read_bytes(), path.name)
    assert str(caught.value) + "\n" == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_all_problems_of_a_file_are_listed_at_once() -> None:
    """Validation is lazy: three problems in one file give three located messages."""
    path = TEST_DATA / "bad_cases" / "several_problems.yaml"
    with pytest.raises(CaseFileError) as caught:
        parse_case(path.read_bytes(), path.name)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (1, "name"),
        (15, "activities[0].position.context"),
        (16, "activities[0].hours_per_week"),
    ]


def test_alias_bomb_is_refused_at_its_first_alias() -> None:
    """A billion-laughs document is refused at the first alias (line 2), before anything expands."""
    raw = (TEST_DATA / "bad_cases" / "alias_bomb.yaml").read_bytes()
    with pytest.raises(CaseFileError, match="aliases") as caught:
        parse_case(raw, "bomb.yaml")
    assert [p.line for p in caught.value.problems] == [2]


def test_oversized_file_is_refused() -> None:
    """A file far larger than any case is refused with its size, without parsing."""
    with pytest.raises(CaseFileError, match="should stay under"):
        parse_case(b"#" * (MAX_FILE_BYTES + 1), "huge.yaml")


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_example_cases_are_valid(case_id: str) -> None:
    """The bundled cases load and carry activities, findings and actors."""
    case = load_case(case_id)
    assert case.id == case_id
    assert case.activities
    assert case.findings
    assert case.actors
    assert {q.number for a in case.activities if (q := a.quadrant)} == {1, 2, 3, 4}


def test_case_reference_by_id_and_path(minimal_case_file: Path) -> None:
    """CASE is an id from data/cases/ or a path to a .yaml file."""
    assert find_case_file("zorg").name == "zorg.yaml"
    assert find_case_file(minimal_case_file) == minimal_case_file
    with pytest.raises(UnknownCaseError, match=r"known cases: .*zorg"):
        find_case_file("bestaat-niet")
    with pytest.raises(UnknownCaseError, match="no such case file"):
        find_case_file("elders/bestaat-niet.yaml")
    with pytest.raises(UnknownCaseError):
        find_case_file("../zorg")


def test_save_is_atomic_and_keeps_the_previous_version(minimal_case_file: Path) -> None:
    """Saving writes the new text and keeps the old file as .bak."""
    before = minimal_case_file.read_text(encoding="utf-8")
    case = load_case(minimal_case_file)
    changed = case.model_copy(update={"name": "Nieuwe naam"})
    save_case(changed, minimal_case_file)
    assert load_case(minimal_case_file).name == "Nieuwe naam"
    assert minimal_case_file.with_name("demo.yaml.bak").read_text(encoding="utf-8") == before
    assert not list(minimal_case_file.parent.glob(".demo.yaml.*.tmp"))


def test_save_refuses_to_overwrite_a_newer_file(minimal_case_file: Path) -> None:
    """A save based on an outdated load is refused and changes nothing."""
    revision = file_revision(minimal_case_file)
    case = load_case(minimal_case_file)
    save_case(case.model_copy(update={"name": "Eerst"}), minimal_case_file)
    newer = minimal_case_file.read_bytes()
    with pytest.raises(SaveConflictError, match="reload"):
        save_case(case.model_copy(update={"name": "Later"}), minimal_case_file, expected_revision=revision)
    assert minimal_case_file.read_bytes() == newer


def test_an_invalid_case_is_never_written(minimal_case_file: Path) -> None:
    """If the text to write would not load back, the file on disk stays as it was."""
    before = minimal_case_file.read_bytes()
    case = load_case(minimal_case_file)
    broken = case.model_copy(update={"activities": [*case.activities, case.activities[0]]})  # duplicate id
    with pytest.raises(CaseFileError, match="more than once"):
        save_case(broken, minimal_case_file)
    assert minimal_case_file.read_bytes() == before


def test_concurrent_updates_all_land(minimal_case_file: Path) -> None:
    """Ten threads each adding a finding under the lock: all ten findings are saved."""

    def add(number: int) -> None:
        def change(case: Case) -> Case:
            finding = Finding(id=f"f{number}", text=f"Bevinding {number}", place=FindingPlace())
            return case.model_copy(update={"findings": [*case.findings, finding]})

        update_case(minimal_case_file, change)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(f.id for f in load_case(minimal_case_file).findings) == sorted(f"f{n}" for n in range(10))


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s != ""
)
# what a person types or a slider gives: at most six decimals (a save rounds binary noise such as
# 0.6000000000000001 away, see hlo_design/casefile/round_trip.py)
coordinate = st.integers(-(10**6), 10**6).map(lambda n: n / 10**6)
positions = st.builds(Position, form=coordinate, context=coordinate)
places = st.one_of(
    st.just(FindingPlace()),
    st.integers(1, 4).map(lambda n: FindingPlace(quadrant=n)),
    positions.map(lambda p: FindingPlace(position=p)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    names=st.lists(texts, min_size=1, max_size=5),
    positions=st.lists(positions, min_size=5, max_size=5),
    hours=st.lists(st.integers(0, 8000).map(lambda n: n / 100), min_size=5, max_size=5),
    places=st.lists(places, max_size=4),
    finding_text=texts,
)
def test_load_save_load_is_lossless(
    tmp_path: Path,
    names: list[str],
    positions: list[Position],
    hours: list[float],
    places: list[FindingPlace],
    finding_text: str,
) -> None:
    """Whatever people type (any text, any valid position), a save loads back equal."""
    base = parse_case(MINIMAL_CASE.encode(), "demo.yaml")
    activities = [
        Activity(id=f"a{i}", name=name, environment="school", position=positions[i], hours_per_week=hours[i])
        for i, name in enumerate(names)
    ]
    findings = [Finding(id=f"f{i}", text=finding_text, place=place) for i, place in enumerate(places)]
    case = base.model_copy(update={"name": names[0], "activities": activities, "findings": findings})
    path = tmp_path / "roundtrip.yaml"
    save_case(case, path)
    assert load_case(path) == case
    assert dump_case(load_case(path)) == dump_case(case)


def test_saving_keeps_the_file_permissions(minimal_case_file: Path) -> None:
    """A save never turns a shared case file into a private one (temporary files are 0600)."""
    minimal_case_file.chmod(0o664)
    save_case(load_case(minimal_case_file), minimal_case_file)
    assert minimal_case_file.stat().st_mode & 0o777 == 0o664
