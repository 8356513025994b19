"""Generated cases for benchmarks: many plausible, valid cases from a seed."""

from __future__ import annotations

import datetime as dt
import random

from hlo_design.model.activities import Activity
from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DecisionStatus, DesignDecision, DesignPlan
from hlo_design.model.environments import Environment
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Position
from hlo_design.model.roles import ActorType, RoleMap, Sticker, task_catalogue
from hlo_design.model.sources import Source
from hlo_design.model.valorisation import (
    Audience,
    Corner,
    CornerAssessment,
    ImpactProcess,
    Lesson,
    TestMoment,
    Valorisation,
)

__all__ = ["generate_cases"]

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
