"""Cross-case overview for learning networks and stakeholders: one row per case.

:func:`overview_table` puts the cases side by side — sector, region, where
the learning hours go (quadrant shares, constructed vs realistic), which
design perspectives the decisions cover, how evenly roles are spread on the
role map, how far each GHLOBO phase has come and the strength of Zitter's
four corners. :class:`OverviewIndex` builds that table once so that a
dashboard over many cases filters instantly; :func:`generate_cases` makes
synthetic (illustrative) cases for benchmarks and tests.

Phase progress rule (``done`` / ``partly`` / ``not_started``), from the data
present in the case file:

* **diagnose** — done when the case has diagnosis findings *and* a
  situation sketch (learning activities or an HLO scan); partly when it has
  only one of them; not started otherwise.
* **design** — done when decisions that carry the design (agreed, tried or
  adopted) cover at least three of the five perspectives; partly when there
  is any design work (a focus, decisions, a student journey, variants or
  leerfiches); not started otherwise.
* **valorisation** — done when there are lessons learned, all four corners
  are assessed and there is at least one test moment or one action that is
  done; partly when the valorisation section has any content; not started
  otherwise.

Sector and region filters compare case- and accent-insensitively; the
sector filter matches when the query occurs in the case's sector text
(``zorg`` finds "Zorg (zorgkundige)"), the region filter must equal NL or VL.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable
from enum import Enum

import pandas as pd

from hlo_design.cases import Activity, Actor, Case, Environment, Finding, FindingPlace, Source
from hlo_design.design import CARRYING_STATUSES, DecisionStatus, DesignDecision, DesignPlan
from hlo_design.directory import normalise
from hlo_design.levels import Level
from hlo_design.perspectives import Perspective
from hlo_design.quadrants import Position, Quadrant
from hlo_design.rolemap import analyse_role_map
from hlo_design.roles import ActorType, RoleMap, Sticker, task_catalogue
from hlo_design.summary import summarise
from hlo_design.valorisation import (
    ActionStatus,
    Audience,
    Corner,
    CornerAssessment,
    ImpactProcess,
    Lesson,
    TestMoment,
    Valorisation,
)

__all__ = [
    "CARRYING_PERSPECTIVES_FOR_DONE",
    "OverviewIndex",
    "Phase",
    "PhaseStatus",
    "filter_cases",
    "generate_cases",
    "matches",
    "overview_table",
    "phase_progress",
]

CARRYING_PERSPECTIVES_FOR_DONE = 3
"""How many perspectives need a carrying decision before the design phase counts as done."""


class Phase(Enum):
    """The GHLOBO phases of a learning community."""

    DIAGNOSE = "diagnose"
    DESIGN = "design"
    VALORISATION = "valorisation"


class PhaseStatus(Enum):
    """How far a phase has come, by the rule in the module docstring."""

    NOT_STARTED = "not_started"
    PARTLY = "partly"
    DONE = "done"


# ---------------------------------------------------------------- phases


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


# ---------------------------------------------------------------- the table


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
    overall = analyse_role_map(case).evenness.overall
    row["evenness"] = overall.evenness if overall is not None else math.nan
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
    and ``carrying_perspectives`` (see :mod:`hlo_design.design`), ``evenness``
    (overall role-map evenness, NaN without stickers), ``phase_<phase>``
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
        "carrying_perspectives", "evenness",
        *(f"phase_{p.value}" for p in Phase), *(f"corner_{c.value}" for c in Corner),
    ]  # fmt: skip


# ---------------------------------------------------------------- filtering


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


# ---------------------------------------------------------------- synthetic cases

_SECTORS = (
    "Zorg en welzijn",
    "Transport en logistiek",
    "Energietransitie (installatietechniek)",
    "Dienstverlening en facilitair",
    "Bouw en infra",
    "Techniek en procesindustrie",
)


def _position(rng: random.Random) -> Position:
    return Position(form=round(rng.uniform(-1, 1), 2), context=round(rng.uniform(-1, 1), 2))


def _synthetic_case(index: int, rng: random.Random) -> Case:
    source = "synthetisch"
    environments = [
        Environment(id="school", name="School (gegenereerd)", kind="school", source=source, illustrative=True),
        Environment(id="bedrijf", name="Leerbedrijf (gegenereerd)", kind="company", source=source, illustrative=True),
    ]
    actor_types = [ActorType.TEACHER, ActorType.SUPERVISOR, ActorType.WORK_COORDINATOR, ActorType.LEARNER]
    actors = [
        Actor(id=f"actor{n}", name=f"Actor {n}", type=kind, count=rng.randint(1, 12), illustrative=True)
        for n, kind in enumerate(actor_types)
    ]
    activities = [
        Activity(
            id=f"a{n}",
            name=f"Leeractiviteit {n}",
            environment=rng.choice(environments).id,
            position=_position(rng),
            hours_per_week=rng.randint(1, 16),
            source=source,
            illustrative=True,
        )
        for n in range(rng.randint(0, 6))
    ]
    findings = [
        Finding(
            id=f"f{n}",
            text=f"Bevinding {n} (gegenereerd)",
            place=FindingPlace(quadrant=rng.randint(1, 4)),
            illustrative=True,
        )
        for n in range(rng.randint(0, 3))
    ]
    tasks = [t.id for t in task_catalogue()]
    stickers = [
        Sticker(actor=rng.choice(actors).id, task=rng.choice(tasks), level=rng.choice(list(Level)))
        for _ in range(rng.randint(0, 10))
    ]
    decisions = [
        DesignDecision(
            id=f"d{n}",
            perspective=rng.choice(list(Perspective)),
            text=f"Ontwerpkeuze {n} (gegenereerd)",
            rationale="Gegenereerd voorbeeld.",
            level=rng.choice(list(Level)),
            owner="leergemeenschap",
            status=rng.choice(list(DecisionStatus)),
            illustrative=True,
        )
        for n in range(rng.randint(0, 6))
    ]
    corners = [
        CornerAssessment(
            corner=corner,
            strength=rng.randint(0, 4),
            evidence=[f"Voorbeeld {k}" for k in range(rng.randint(0, 3))],
            impact_processes=rng.sample(list(ImpactProcess), rng.randint(0, 4))
            if corner is Corner.LASTING_IMPACT
            else [],
            illustrative=True,
        )
        for corner in Corner
        if rng.random() < 0.7
    ]
    lessons = [
        Lesson(id=f"l{n}", text=f"Les {n} (gegenereerd)", audience=[rng.choice(list(Audience))], illustrative=True)
        for n in range(rng.randint(0, 3))
    ]
    moments = []
    if rng.random() < 0.5:
        before = round(rng.uniform(1, 6), 1)
        moments.append(
            TestMoment(
                id="t0",
                date=dt.date(2022, rng.randint(1, 12), rng.randint(1, 28)),
                activity="a0" if activities else "Gegenereerde activiteit",
                group="Testgroep (gegenereerd)",
                learners=rng.randint(5, 300),
                measure="kennis (1-10)",
                before=before,
                after=round(rng.uniform(before, 10), 1),
                changes="Gegenereerd voorbeeld.",
                illustrative=True,
            )
        )
    valorisation = (
        Valorisation(test_moments=moments, lessons=lessons, corners=corners)
        if (corners or lessons or moments)
        else None
    )
    return Case(
        id=f"synth-{index:04d}",
        name=f"Synthetische casus {index} (illustratief)",
        sector=rng.choice(_SECTORS),
        region=rng.choice(["NL", "VL"]),
        summary="Gegenereerde casus voor tests en benchmarks; geen echte leeromgeving.",
        sources=[Source(id=source, title="Gegenereerde voorbeelddata (illustratief, geen document)")],
        environments=environments,
        actors=actors,
        activities=activities,
        findings=findings,
        role_map=RoleMap(stickers=stickers, illustrative=True) if stickers else None,
        design=DesignPlan(decisions=decisions) if decisions else None,
        valorisation=valorisation,
    )


def generate_cases(n: int, seed: int = 0) -> list[Case]:
    """``n`` valid synthetic cases, all marked illustrative; the same seed gives the same cases."""
    rng = random.Random(seed)  # noqa: S311 - synthetic example data, not security
    return [_synthetic_case(index, rng) for index in range(n)]
