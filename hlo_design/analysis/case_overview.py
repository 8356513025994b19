"""The cross-case overview: phase progress per case, one row per case, filters."""

from __future__ import annotations

import math
from collections.abc import Iterable
from enum import Enum

import pandas as pd

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.analysis.role_map import analyse_role_map
from hlo_design.base import workflow
from hlo_design.model.case import Case
from hlo_design.model.design_plan import CARRYING_STATUSES, DecisionStatus
from hlo_design.model.directory import normalise
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Quadrant
from hlo_design.model.roles import Process
from hlo_design.model.valorisation import (
    ActionStatus,
    Corner,
)

__all__ = [
    "CARRYING_PERSPECTIVES_FOR_DONE",
    "OverviewIndex",
    "Phase",
    "PhaseStatus",
    "filter_cases",
    "matches",
    "overview_table",
    "phase_progress",
]

CARRYING_PERSPECTIVES_FOR_DONE = 3

"""How many perspectives need a carrying decision before the design phase counts as done."""


class Phase(Enum):
    """The GHLOBO phases of a learning community, as :data:`hlo_design.base.workflow.PHASES` lists them."""

    DIAGNOSE = workflow.DIAGNOSE.id
    DESIGN = workflow.DESIGN.id
    VALORISATION = workflow.VALORISATION.id


class PhaseStatus(Enum):
    """How far a phase has come, by the rule in the module docstring."""

    NOT_STARTED = "not_started"
    PARTLY = "partly"
    DONE = "done"


def _diagnose(case: Case) -> PhaseStatus:
    sketch = bool(case.activities or case.scans)
    if case.findings and sketch:
        return PhaseStatus.DONE
    return PhaseStatus.PARTLY if case.findings or sketch else PhaseStatus.NOT_STARTED


def _design(case: Case) -> PhaseStatus:
    plan = case.design
    carrying = {d.perspective for d in plan.decisions if d.status in CARRYING_STATUSES} if plan else set()
    if len(carrying) >= CARRYING_PERSPECTIVES_FOR_DONE:
        return PhaseStatus.DONE
    any_work = bool(case.leerfiches) or (
        plan is not None and bool(plan.focus or plan.decisions or plan.journey or plan.variants)
    )
    return PhaseStatus.PARTLY if any_work else PhaseStatus.NOT_STARTED


def _valorisation(case: Case) -> PhaseStatus:
    valorisation = case.valorisation
    if valorisation is None or valorisation.is_empty:
        return PhaseStatus.NOT_STARTED
    all_corners = {c.corner for c in valorisation.corners} == set(Corner)
    tried = bool(valorisation.test_moments) or any(a.status is ActionStatus.DONE for a in valorisation.actions)
    if valorisation.lessons and all_corners and tried:
        return PhaseStatus.DONE
    return PhaseStatus.PARTLY


def phase_progress(case: Case) -> dict[Phase, PhaseStatus]:
    """The status of each phase of ``case`` by the rule in the module docstring."""
    return {Phase.DIAGNOSE: _diagnose(case), Phase.DESIGN: _design(case), Phase.VALORISATION: _valorisation(case)}


def _row(case: Case) -> dict[str, object]:
    summary = summarise(case.id, case.activities)
    total = summary.total_hours
    row: dict[str, object] = {
        "case": case.id,
        "name": case.name,
        "sector": case.sector,
        "region": case.region,
        "total_hours": total,
    }
    for quadrant in sorted(Quadrant, key=lambda q: q.number):
        row[f"share_q{quadrant.number}"] = summary.hours_by_quadrant[quadrant] / total if total else 0.0
    row["constructed_share"] = summary.constructed_share
    row["realistic_share"] = summary.realistic_share
    decisions = case.design.decisions if case.design is not None else []
    for perspective in Perspective:
        mine = [d for d in decisions if d.perspective is perspective and d.status is not DecisionStatus.DROPPED]
        row[f"decisions_{perspective.value}"] = len(mine)
        row[f"carries_{perspective.value}"] = any(d.status in CARRYING_STATUSES for d in mine)
    row["carrying_perspectives"] = sum(bool(row[f"carries_{p.value}"]) for p in Perspective)
    concentration = analyse_role_map(case).concentration
    row["concentration"] = concentration.overall.share if concentration.overall is not None else math.nan
    for process in Process:
        busiest = concentration.by_process.get(process)
        row[f"concentration_{process.value}"] = busiest.share if busiest is not None else math.nan
    for phase, status in phase_progress(case).items():
        row[f"phase_{phase.value}"] = status.value
    for corner in Corner:
        assessment = case.valorisation.corner(corner) if case.valorisation is not None else None
        row[f"corner_{corner.value}"] = float(assessment.strength) if assessment is not None else math.nan
    return row


def overview_table(cases: Iterable[Case]) -> pd.DataFrame:
    """One row per case (index: case id, input order).

    Columns: ``name``, ``sector``, ``region``, ``total_hours``,
    ``share_q1``–``share_q4`` (share of weekly hours per quadrant, documents'
    numbering), ``constructed_share``, ``realistic_share``,
    ``decisions_<perspective>`` (decisions not dropped), ``carries_<perspective>``
    and ``carrying_perspectives`` (see :mod:`hlo_design.analysis.design_coverage`), ``concentration``
    and ``concentration_<process>`` (share of the role-map tasks done that the
    busiest actor is on, see :func:`~hlo_design.analysis.role_map.concentration`;
    NaN without stickers), ``phase_<phase>``
    (a :class:`PhaseStatus` value) and ``corner_<corner>`` (strength 0–4, NaN
    when not assessed).
    """
    rows = [_row(case) for case in cases]
    if not rows:
        return pd.DataFrame(columns=_columns()).set_index("case")
    return pd.DataFrame(rows, columns=_columns()).set_index("case")


def _columns() -> list[str]:
    return [
        "case", "name", "sector", "region", "total_hours",
        *(f"share_q{n}" for n in (1, 2, 3, 4)), "constructed_share", "realistic_share",
        *(f"decisions_{p.value}" for p in Perspective), *(f"carries_{p.value}" for p in Perspective),
        "carrying_perspectives", "concentration", *(f"concentration_{p.value}" for p in Process),
        *(f"phase_{p.value}" for p in Phase), *(f"corner_{c.value}" for c in Corner),
    ]  # fmt: skip


def matches(case_sector: str, case_region: str, sector: str | None = None, region: str | None = None) -> bool:
    """The filter predicate shared by :func:`filter_cases` and :class:`OverviewIndex`."""
    if sector is not None and normalise(sector.strip()) not in normalise(case_sector):
        return False
    return region is None or normalise(region.strip()) == normalise(case_region)


def filter_cases(cases: Iterable[Case], sector: str | None = None, region: str | None = None) -> list[Case]:
    """The cases whose sector contains ``sector`` and whose region is ``region`` (``None`` = any)."""
    return [case for case in cases if matches(case.sector, case.region, sector, region)]


class OverviewIndex:
    """The overview table of many cases, built once, with a fast sector/region filter."""

    def __init__(self, cases: Iterable[Case]) -> None:
        self.table = overview_table(cases)
        self._sector = self.table["sector"].map(normalise)
        self._region = self.table["region"].map(normalise)

    def __len__(self) -> int:
        return len(self.table)

    def filter(self, sector: str | None = None, region: str | None = None) -> pd.DataFrame:
        """The rows of the table that :func:`matches` the filter, in table order."""
        mask = pd.Series(True, index=self.table.index)
        if sector is not None:
            mask &= self._sector.str.contains(normalise(sector.strip()), regex=False)
        if region is not None:
            mask &= self._region == normalise(region.strip())
        return self.table[mask]
