"""The record bases and the rules over the whole case: one source check, structured problems, one pass."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

import pytest
import yaml
from pydantic import BaseModel, ValidationError

import hlo_design.model
from hlo_design.base.errors import CaseFileError, RuleProblem
from hlo_design.base.schema import Record, Sourced
from hlo_design.casefile.loading import load_case, parse_case
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan, DesignVariant
from hlo_design.model.leerfiche import Leerfiche
from hlo_design.model.quadrants import Position
from hlo_design.model.references import RULES_ERROR, case_problems
from hlo_design.model.rhythm import Rhythm
from tests.helpers import EXAMPLE_CASES, MINIMAL_CASE


def model_classes() -> list[type[BaseModel]]:
    """Every pydantic model defined in a module of hlo_design.model."""
    classes: list[type[BaseModel]] = []
    for info in pkgutil.iter_modules(hlo_design.model.__path__):
        module = importlib.import_module(f"hlo_design.model.{info.name}")
        classes += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, BaseModel) and cls.__module__ == module.__name__
        ]
    return classes


def test_every_model_record_is_a_record_and_every_optional_source_is_sourced() -> None:
    """One base for records; the source/illustrative pair is declared once, on Sourced."""
    classes = model_classes()
    assert len(classes) > 30
    assert [cls.__name__ for cls in classes if not issubclass(cls, Record)] == []
    for cls in classes:
        source = cls.model_fields.get("source")
        if source is not None and not source.is_required():
            assert issubclass(cls, Sourced), cls.__name__


def test_source_and_illustrative_are_written_last() -> None:
    """A saved record reads id, name, ... and ends with where it comes from, as people write it."""
    activity = Activity(
        id="les", name="Les", environment="school", position=Position(form=-0.5, context=-0.5),
        hours_per_week=4, source="eigen", illustrative=True, description="Theorie",
    )  # fmt: skip
    assert list(activity.model_dump())[:2] == ["id", "name"]
    assert list(activity.model_dump())[-2:] == ["source", "illustrative"]
    assert list(activity.model_dump(mode="json", exclude_defaults=True)) == [
        "id", "name", "environment", "position", "hours_per_week", "description", "source", "illustrative",
    ]  # fmt: skip


def minimal_case() -> Case:
    return Case.model_validate(yaml.safe_load(MINIMAL_CASE))


def test_sources_are_checked_in_every_section_with_the_field_path() -> None:
    """A source deep in the tree (a variant's rhythm, the third leerfiche) is found with its path."""
    fiches = [Leerfiche(id=f"f{n}", title="T", source="eigen" if n < 2 else "elders") for n in range(3)]
    variant = DesignVariant(id="v", name="V", created=date(2024, 1, 1), rhythm=Rhythm(source="rooster"))
    broken = minimal_case().model_copy(update={"leerfiches": fiches, "design": DesignPlan(variants=[variant])})
    problems = case_problems(dict(broken))
    assert [(p.path, p.code) for p in problems] == [
        (("design", "variants", 0, "rhythm", "source"), "unknown_source"),
        (("leerfiches", 2, "source"), "unknown_source"),
    ]
    assert str(problems[1]) == (
        "leerfiches[2].source: 'elders' is not one of the sources (eigen); "
        "use one of these ids or add the document to sources"
    )


@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_example_cases_break_no_rule(case_id: str) -> None:
    """Every source named in the bundled cases is one of their sources, in every section."""
    assert case_problems(dict(load_case(case_id))) == []


TYPE_ERROR_AND_REFERENCE = (
    MINIMAL_CASE.replace("hours_per_week: 12", "hours_per_week: twaalf")
    + """actors:
  - {id: docenten, name: Docenten, type: teacher}
role_map:
  stickers:
    - {actor: niemand, task: sw_afspraken, level: tactical}
"""
)


def test_field_errors_and_rule_problems_come_in_one_pass() -> None:
    """A type error in one section does not hide a broken reference in another: both come at once."""
    with pytest.raises(CaseFileError) as caught:
        parse_case(TYPE_ERROR_AND_REFERENCE.encode(), "demo.yaml")
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("activities[1].hours_per_week", "float_parsing"),
        ("role_map.stickers[0].actor", "unknown_reference"),
    ]


def test_rules_over_a_broken_section_are_skipped() -> None:
    """Activities that do not validate cannot be checked against environments; no false alarm about them."""
    raw = MINIMAL_CASE.replace("hours_per_week: 12", "hours_per_week: twaalf").replace(
        "environment: school", "environment: kantoor"
    )
    with pytest.raises(CaseFileError) as caught:
        parse_case(raw.encode(), "demo.yaml")
    assert [p.field for p in caught.value.problems] == ["activities[1].hours_per_week"]


def test_building_an_invalid_case_in_code_still_raises() -> None:
    """Editors validate a changed case before saving: a broken reference is one readable pydantic error."""
    data = yaml.safe_load(MINIMAL_CASE)
    assert Case.model_validate(data).activities[1].id == "werk"
    data["activities"][0]["environment"] = "kantoor"
    data["findings"] = [{"id": "f", "text": "T", "place": "model", "source": "elders"}]
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(data)
    [error] = caught.value.errors()
    assert error["type"] == RULES_ERROR
    assert error["msg"].splitlines() == [
        "activities[0].environment: 'kantoor' is not one of the environments (bedrijf, school); use one of these or add it",
        "findings[0].source: 'elders' is not one of the sources (eigen); use one of these ids or add the document to sources",
    ]


def test_rule_problem_is_located_without_parsing_text() -> None:
    """A rule problem keeps its path as a tuple; loading only adds the file and the line."""
    problem = RuleProblem(("design", "journey", 0, "goal"), "'g9' is not one of the focus goals", "unknown_reference")
    located = problem.located("demo.yaml", 12)
    assert str(located) == "demo.yaml:12 design.journey[0].goal: 'g9' is not one of the focus goals"
    assert located.code == "unknown_reference"
