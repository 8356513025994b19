"""A starter case file for a new learning environment (``hlo-design new ID``).

The starter is valid as it stands, so a procescoach can open the workbook on
it straight away, and every section carries a comment saying what to fill in.
"""

from __future__ import annotations

from pathlib import Path

from hlo_design.base.errors import WorkbookError
from hlo_design.casefile.loading import parse_case
from hlo_design.casefile.saving import dump_case
from hlo_design.model.case import Case

__all__ = ["create_case", "starter_text", "write_starter"]

_HEADER = """\
# Case file for the hlo-design workbook, started from the workbook's start page.
# Every fact names a `source`; values you estimate yourself get `illustrative: true`.
"""

_TEMPLATE = """\
# Case file for the hlo-design workbook. Every fact names a `source`;
# values you estimate yourself get `illustrative: true`.
id: {id}
name: {name}
sector: vul de sector in
region: NL            # NL or VL: switches words such as student/leerling
summary: >-
  Beschrijf in twee of drie zinnen de leeromgeving en wat de leergemeenschap wil bereiken.
sources:
  - id: eigen
    title: Eigen waarneming van de leergemeenschap
environments:         # the sites or settings of the case
  - id: school
    name: School
    kind: school      # school, company, simulation, hybrid, network or other
  - id: bedrijf
    name: Leerbedrijf
    kind: company
actors:               # types: teacher, instructor, supervisor, workplace_trainer, ...
  - id: docenten
    name: Docenten
    type: teacher
    count: 2
  - id: werkbegeleiders
    name: Werkbegeleiders
    type: supervisor
    count: 2
activities:           # form: -1 acquisition .. 1 participation; context: -1 constructed .. 1 realistic
  - id: les
    name: Theorieles
    environment: school
    position: {{form: -0.7, context: -0.7}}
    hours_per_week: 8
    illustrative: true
  - id: meewerken
    name: Meewerken in het bedrijf
    environment: bedrijf
    position: {{form: 0.7, context: 0.8}}
    hours_per_week: 16
    illustrative: true
findings: []          # each: id, text, place (model, {{quadrant: 1-4}} or {{position: ...}})
"""


def starter_text(case_id: str) -> str:
    """The text of a valid starter case with id ``case_id``."""
    text = _TEMPLATE.format(id=case_id, name=case_id.replace("_", " ").replace("-", " ").capitalize())
    parse_case(text.encode("utf-8"), f"{case_id}.yaml")  # an invalid id fails here, with its message
    return text


def write_starter(case_id: str, directory: Path) -> Path:
    """Create ``directory/case_id.yaml``; never overwrites an existing case."""
    return _create(directory / f"{case_id}.yaml", starter_text(case_id))


def create_case(case: Case, directory: Path) -> Path:
    """Write a new case made in a form as ``directory/<id>.yaml``; never overwrites an existing case.

    The text is checked by loading it back before it is written, so the start
    page can never leave a case file behind that the workbook cannot open.
    """
    text = _HEADER + dump_case(case)
    parse_case(text.encode("utf-8"), f"{case.id}.yaml")
    return _create(directory / f"{case.id}.yaml", text)


def _create(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise WorkbookError(
            f"{path}: a case with this id exists already; choose another id or edit that file"
        ) from None
    return path
