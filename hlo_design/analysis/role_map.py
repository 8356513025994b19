"""Analyses of the role map: gaps, overload, bridge persons, side by side, spread."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.roles import ActorType, Location, Process, Side, Sticker, Task, task_catalogue

__all__ = [
    "Bridge",
    "BridgeReason",
    "Evenness",
    "LocationShare",
    "Overload",
    "ProcessSpread",
    "RoleMapAnalysis",
    "SideShare",
    "analyse_role_map",
    "bridge_persons",
    "evenness",
    "gaps",
    "overloaded",
    "shop_floor_profile",
    "side_by_side",
    "side_shares",
]

_Key = TypeVar("_Key")


_OTHER_SIDE = {Side.SCHOOL: Side.WORK, Side.WORK: Side.SCHOOL}

"""Only school and work face each other; learners and others are on neither side of the bridge."""


@dataclass(frozen=True)
class Overload:
    """An actor whose roles cover at least the threshold share of all tasks."""

    actor: Actor
    tasks: int
    share: float


class BridgeReason(Enum):
    """Why an actor counts as a bridge person."""

    PROCESSES = "processes"
    """Has roles in at least two of the three processes."""
    SIDES = "sides"
    """Does a task ``together`` while an actor of the other side (school ↔ work) is on it too."""


@dataclass(frozen=True)
class Bridge:
    """A bridge person, with every reason that applies and the processes they work in."""

    actor: Actor
    reasons: tuple[BridgeReason, ...]
    processes: tuple[Process, ...]


@dataclass(frozen=True)
class ProcessSpread:
    """Roles per process of a group, and how evenly they are spread (see :func:`evenness`)."""

    counts: Mapping[Process, int]
    evenness: float

    @property
    def main(self) -> Process:
        """The process with the most roles (the first in map order on a tie)."""
        return max(Process, key=lambda process: self.counts[process])

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Evenness:
    """How evenly roles are spread over the processes: overall, per side, per actor type and per actor id.

    Groups without roles are left out; ``overall`` is ``None`` when there are no roles at all.
    """

    overall: ProcessSpread | None
    by_side: Mapping[Side, ProcessSpread]
    by_type: Mapping[ActorType, ProcessSpread]
    by_actor: Mapping[str, ProcessSpread]


@dataclass(frozen=True)
class SideShare:
    """Roles in one process by school-side and work-side actors.

    The shares are of school + work roles only; roles of learners and other
    actors (policy advisers, care recipients) are counted in ``excluded``,
    because the question is how school and company divide the work.
    """

    process: Process
    school: int
    work: int
    excluded: int

    @property
    def school_share(self) -> float:
        """0 when the process has no school or work roles."""
        return self.school / (self.school + self.work) if self.school + self.work else 0.0

    @property
    def work_share(self) -> float:
        """0 when the process has no school or work roles."""
        return self.work / (self.school + self.work) if self.school + self.work else 0.0


@dataclass(frozen=True)
class LocationShare:
    """Training-and-guiding roles of one actor type, on the shop floor or towards it."""

    shop_floor: int
    towards_shop_floor: int

    @property
    def shop_floor_share(self) -> float:
        """Share on the shop floor; at least one role is counted, so this is defined."""
        return self.shop_floor / (self.shop_floor + self.towards_shop_floor)


@dataclass(frozen=True)
class RoleMapAnalysis:
    """Every role-map finding of one case, as computed by :func:`analyse_role_map`."""

    case_id: str
    task_count: int
    threshold: float
    gaps: tuple[Task, ...]
    overloaded: tuple[Overload, ...]
    bridges: tuple[Bridge, ...]
    side_by_side: tuple[Task, ...]
    evenness: Evenness
    side_shares: tuple[SideShare, ...]
    shop_floor: Mapping[ActorType, LocationShare]


def _roles(stickers: Iterable[Sticker]) -> dict[tuple[str, str], bool]:
    """(actor id, task id) → done together; several stickers of one actor on one task are one role."""
    roles: dict[tuple[str, str], bool] = {}
    for sticker in stickers:
        key = (sticker.actor, sticker.task)
        roles[key] = roles.get(key, False) or sticker.together
    return roles


def _actors_by_id(actors: Iterable[Actor]) -> dict[str, Actor]:
    return {actor.id: actor for actor in actors}


def _tasks_by_id(tasks: Iterable[Task]) -> dict[str, Task]:
    return {task.id: task for task in tasks}


def gaps(stickers: Sequence[Sticker], tasks: Sequence[Task]) -> tuple[Task, ...]:
    """Tasks nobody put a sticker on, in catalogue order.

    Why: a hybrid environment works when "all tasks are assigned and everybody
    knows the division of roles"; an empty task is a missing role.
    """
    done = {sticker.task for sticker in stickers}
    return tuple(task for task in tasks if task.id not in done)


def overloaded(
    actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task], threshold: float = 0.4
) -> tuple[Overload, ...]:
    """Actors whose roles cover at least ``threshold`` of *all* tasks in the catalogue, most loaded first.

    Why: "I'm on every sticker, but I'd like to let go" — when one person is the
    contact for almost everything, the environment leans on them and stops
    when they leave.
    """
    per_actor = Counter(actor for actor, _ in _roles(stickers))
    found = [
        Overload(actor, per_actor[actor.id], per_actor[actor.id] / len(tasks))
        for actor in actors
        if tasks and per_actor[actor.id] / len(tasks) >= threshold
    ]
    return tuple(sorted(found, key=lambda overload: -overload.tasks))


def bridge_persons(
    actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task], min_processes: int = 2
) -> tuple[Bridge, ...]:
    """School-side and work-side actors who switch between processes or between school and company.

    An actor is a bridge person for each rule that holds:

    * :attr:`BridgeReason.PROCESSES` — they have roles in at least
      ``min_processes`` of the three processes;
    * :attr:`BridgeReason.SIDES` — on at least one task their sticker is marked
      ``together`` *and* an actor of the other side (school ↔ work) has a
      sticker on that task too: they work *with* the other side, not beside it.

    Learners and other actors are not considered: the documents mean staff who
    switch between the school's and the company's perspective.

    Why: "persons with a bridge function between the processes, who switch
    easily between tasks and between the perspective of company and school"
    are a strength of the environments studied.
    """
    by_task = _tasks_by_id(tasks)
    by_actor = _actors_by_id(actors)
    roles = _roles(stickers)
    sides_on_task: dict[str, set[Side]] = {}
    for actor_id, task_id in roles:
        sides_on_task.setdefault(task_id, set()).add(by_actor[actor_id].type.side)
    bridges: list[Bridge] = []
    for actor in actors:
        if actor.type.side not in _OTHER_SIDE:
            continue
        mine = {task_id: together for (actor_id, task_id), together in roles.items() if actor_id == actor.id}
        processes = tuple(p for p in Process if any(by_task[t].process is p for t in mine))
        reasons = []
        if len(processes) >= min_processes:
            reasons.append(BridgeReason.PROCESSES)
        if any(together and _OTHER_SIDE[actor.type.side] in sides_on_task[t] for t, together in mine.items()):
            reasons.append(BridgeReason.SIDES)
        if reasons:
            bridges.append(Bridge(actor, tuple(reasons), processes))
    return tuple(bridges)


def side_by_side(actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task]) -> tuple[Task, ...]:
    """Tasks with both a school-side and a work-side actor where no sticker is marked ``together``.

    Why: "that a task is picked up by both the teacher and the workplace trainer
    does not always mean it is done together (working side by side)".
    """
    by_actor = _actors_by_id(actors)
    sides: dict[str, set[Side]] = {}
    together: dict[str, bool] = {}
    for (actor_id, task_id), is_together in _roles(stickers).items():
        sides.setdefault(task_id, set()).add(by_actor[actor_id].type.side)
        together[task_id] = together.get(task_id, False) or is_together
    return tuple(
        task for task in tasks if {Side.SCHOOL, Side.WORK} <= sides.get(task.id, set()) and not together[task.id]
    )


def _normalised_entropy(counts: Mapping[Process, int]) -> float:
    """Shannon entropy of the shares per process divided by ln 3: 0 = all in one process, 1 = perfectly even."""
    total = sum(counts.values())
    entropy = -math.fsum(n / total * math.log(n / total) for n in counts.values() if n)
    return min(1.0, max(0.0, entropy / math.log(len(Process))))  # clamp rounding noise at the ends


def _spread(processes: Iterable[Process]) -> ProcessSpread:
    counted = Counter(processes)
    counts = {process: counted[process] for process in Process}
    return ProcessSpread(counts, _normalised_entropy(counts))


def evenness(actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task]) -> Evenness:
    """How evenly roles are spread over the three processes.

    The measure is the normalised Shannon entropy of the number of roles per
    process: ``H = -Σ pᵢ ln pᵢ`` over the processes, divided by ``ln 3``. It is
    0 when all roles are in one process and 1 when the three processes have
    equally many roles; it does not depend on how many roles there are. Raw
    role counts are used because the processes have about as many tasks each
    (8, 8 and 9).

    Why: "in learning environments that exist longer, roles seem to be spread
    more evenly over the three processes" — a low value shows where a young
    environment can still grow.
    """
    by_actor = _actors_by_id(actors)
    by_task = _tasks_by_id(tasks)
    placed = [(by_actor[actor_id], by_task[task_id].process) for actor_id, task_id in _roles(stickers)]
    return Evenness(
        overall=_spread(process for _, process in placed) if placed else None,
        by_side=_grouped(placed, lambda actor: actor.type.side, Side),
        by_type=_grouped(placed, lambda actor: actor.type, ActorType),
        by_actor=_grouped(placed, lambda actor: actor.id, [actor.id for actor in actors]),
    )


def _grouped(
    placed: Sequence[tuple[Actor, Process]], key: Callable[[Actor], _Key], order: Iterable[_Key]
) -> dict[_Key, ProcessSpread]:
    """The spread of each group (in ``order``) that has roles."""
    return {
        group: _spread(process for actor, process in placed if key(actor) == group)
        for group in order
        if any(key(actor) == group for actor, _ in placed)
    }


def side_shares(actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task]) -> tuple[SideShare, ...]:
    """Per process (in map order), how many roles school-side and work-side actors have.

    Learners' and other actors' roles are counted apart (``excluded``) and are
    not part of the shares.

    Why: "from education mainly the teacher seems to play a role in
    collaborating"; an environment carried by one side alone risks becoming "a
    move of the school context into the company" without a shared structure.
    """
    by_actor = _actors_by_id(actors)
    by_task = _tasks_by_id(tasks)
    counted = Counter((by_task[t].process, by_actor[a].type.side) for a, t in _roles(stickers))
    return tuple(
        SideShare(
            process,
            school=counted[process, Side.SCHOOL],
            work=counted[process, Side.WORK],
            excluded=counted[process, Side.LEARNER] + counted[process, Side.OTHER],
        )
        for process in Process
    )


def shop_floor_profile(
    actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task]
) -> dict[ActorType, LocationShare]:
    """Per actor type (in enum order), their training-and-guiding roles on the shop floor vs towards it.

    Only tasks with a ``location`` count; actor types without such roles are left out.

    Why: the CIV sessions found that "workplace trainers and supervisors mainly
    guide ON the shop floor, teachers mainly within the company and TOWARDS the
    shop floor" (and work coordinators work with teachers on collaborating, see
    :func:`evenness` ``by_type``). This shows whether a case follows that
    pattern and where guidance on or towards the shop floor is missing.
    """
    by_actor = _actors_by_id(actors)
    by_task = _tasks_by_id(tasks)
    located: Counter[tuple[ActorType, Location]] = Counter()
    for actor_id, task_id in _roles(stickers):
        location = by_task[task_id].location
        if location is not None:
            located[by_actor[actor_id].type, location] += 1
    return {
        kind: LocationShare(located[kind, "shop_floor"], located[kind, "towards_shop_floor"])
        for kind in ActorType
        if located[kind, "shop_floor"] + located[kind, "towards_shop_floor"]
    }


def analyse_role_map(case: Case, threshold: float = 0.4) -> RoleMapAnalysis:
    """All analyses of the role map of ``case`` against the task catalogue (no role map = no stickers)."""
    actors = case.actors
    stickers = case.role_map.stickers if case.role_map else []
    tasks = task_catalogue()
    return RoleMapAnalysis(
        case_id=case.id,
        task_count=len(tasks),
        threshold=threshold,
        gaps=gaps(stickers, tasks),
        overloaded=overloaded(actors, stickers, tasks, threshold),
        bridges=bridge_persons(actors, stickers, tasks),
        side_by_side=side_by_side(actors, stickers, tasks),
        evenness=evenness(actors, stickers, tasks),
        side_shares=side_shares(actors, stickers, tasks),
        shop_floor=shop_floor_profile(actors, stickers, tasks),
    )
