"""The root of a case file.

A :class:`Case` holds every section. Building one runs the rules that need
more than one section (ids unique, every reference and source resolves, see
:mod:`hlo_design.model.references`), so an invalid case cannot be made in code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from hlo_design.base.schema import Identifier, Record, Text
from hlo_design.model.activities import Activity
from hlo_design.model.actors import Actor
from hlo_design.model.continuum import ContinuumChoice
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.environments import Environment
from hlo_design.model.findings import Finding
from hlo_design.model.learners import Learners
from hlo_design.model.leerfiche import Leerfiche
from hlo_design.model.references import RULES_ERROR, case_problems
from hlo_design.model.reflection import ReflectionWeb
from hlo_design.model.rhythm import Rhythm
from hlo_design.model.roles import RoleMap
from hlo_design.model.scan import Scan
from hlo_design.model.sources import Source
from hlo_design.model.valorisation import Valorisation

__all__ = ["Case"]


class Case(Record):
    """One learning-environment case; the root of a case file."""

    id: Identifier
    name: Text
    sector: Text
    region: Literal["NL", "VL"]
    summary: str | None = None
    learners: Learners | None = None
    continuum: ContinuumChoice | None = None
    rhythm: Rhythm | None = None
    sources: list[Source] = Field(min_length=1)
    environments: list[Environment] = Field(min_length=1)
    actors: list[Actor] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    role_map: RoleMap | None = None
    scans: list[Scan] = Field(default_factory=list)
    design: DesignPlan | None = None
    leerfiches: list[Leerfiche] = Field(default_factory=list)
    reflection_webs: list[ReflectionWeb] = Field(default_factory=list)
    valorisation: Valorisation | None = None

    @model_validator(mode="after")
    def _rules_hold(self) -> Case:
        """Refuse a case whose references do not resolve; the message lists every problem."""
        problems = case_problems(dict(self))
        if problems:
            raise PydanticCustomError(RULES_ERROR, "{problems}", {"problems": "\n".join(map(str, problems))})
        return self

    def environment(self, environment_id: str) -> Environment:
        return next(e for e in self.environments if e.id == environment_id)

    def actor(self, actor_id: str) -> Actor:
        return next(a for a in self.actors if a.id == actor_id)
