"""The role map (*beeldplaat* "Werken en leren in een hybride leeromgeving").

The learner who works and learns stands at the centre; around them three
processes: collaborating (*samenwerken*), aligning (*afstemmen*) and training
and guiding (*opleiden en begeleiden*). Actors come from the school side or
the work side; the side decides who can be a bridge between school and
company.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from hlo_design.base.config import DATA_DIR
from hlo_design.base.data_files import read_catalogue
from hlo_design.base.schema import Identifier, Record, Sourced
from hlo_design.model.levels import Level

__all__ = ["ActorType", "Location", "Process", "RoleMap", "Side", "Sticker", "Task", "task_catalogue"]


class Process(Enum):
    """One of the three processes of the role map."""

    COLLABORATING = "samenwerken"
    ALIGNING = "afstemmen"
    TRAINING_AND_GUIDING = "opleiden_en_begeleiden"


class Side(Enum):
    """Where an actor comes from."""

    SCHOOL = "school"
    WORK = "work"
    LEARNER = "learner"
    OTHER = "other"


class ActorType(Enum):
    """Kinds of actors in a learning community, each on one side."""

    TEACHER = "teacher"
    INSTRUCTOR = "instructor"
    SCHOOL_COORDINATOR = "school_coordinator"
    SUPERVISOR = "supervisor"
    WORKPLACE_TRAINER = "workplace_trainer"
    WORK_COORDINATOR = "work_coordinator"
    LEARNER = "learner"
    POLICY_ADVISER = "policy_adviser"
    CARE_RECIPIENT = "care_recipient"

    @property
    def side(self) -> Side:
        return _SIDES[self]


_SIDES = {
    ActorType.TEACHER: Side.SCHOOL,
    ActorType.INSTRUCTOR: Side.SCHOOL,
    ActorType.SCHOOL_COORDINATOR: Side.SCHOOL,
    ActorType.SUPERVISOR: Side.WORK,
    ActorType.WORKPLACE_TRAINER: Side.WORK,
    ActorType.WORK_COORDINATOR: Side.WORK,
    ActorType.LEARNER: Side.LEARNER,
    ActorType.POLICY_ADVISER: Side.OTHER,
    ActorType.CARE_RECIPIENT: Side.OTHER,
}


Location = Literal["shop_floor", "towards_shop_floor"]
"""Where a training-and-guiding task happens: *op de werkvloer*, or *binnen het bedrijf en naar de werkvloer toe*."""


class Task(Record):
    """A task on the role map, done with or without learners present."""

    id: Identifier
    process: Process
    with_students: bool
    text_nl: str
    text_en: str
    location: Location | None = None
    """Only for training-and-guiding tasks: the documents find that who guides depends on where."""

    @model_validator(mode="after")
    def _location_only_when_guiding(self) -> Task:
        if self.location is not None and self.process is not Process.TRAINING_AND_GUIDING:
            raise ValueError(
                f"task {self.id!r}: location is only for {Process.TRAINING_AND_GUIDING.value} tasks (got {self.location!r} on {self.process.value})"
            )
        return self


class Sticker(Sourced):
    """One actor putting a sticker on one task, at one level.

    ``source`` tells where a sticker came from; a live meeting marks the ones it
    added, so undoing a contribution removes only what the meeting put there.
    """

    actor: Identifier
    task: Identifier
    level: Level
    together: bool = False
    """True when the actor does the task *together* with the other side, not beside it."""


class RoleMap(Sourced):
    """The stickers a learning community put on the role map in a work session."""

    stickers: list[Sticker] = Field(default_factory=list)


@cache
def task_catalogue(path: Path = DATA_DIR / "role_tasks.yaml") -> tuple[Task, ...]:
    """The tasks of the role map per process; read once per process."""
    raw = read_catalogue(path)
    return tuple(Task.model_validate(item) for item in raw["tasks"])
