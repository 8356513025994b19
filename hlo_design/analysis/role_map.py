"""Analyses of the role map: gaps, overload, bridge persons, side by side, concentration, shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.roles import ActorType, Location, Process, Side, Sticker, Task, task_catalogue

__all__ = [
    "Bridge",
    "BridgeReason",
    "Busiest",
    "Concentration",
    "LocationShare",
    "Overload",
    "RoleMapAnalysis",
    "SideShare",
    "analyse_role_map",
    "bridge_persons",
    "concentration",
    "gaps",
    "overloaded",
    "shop_floor_profile",
    "side_by_side",
    "side_shares",
]

_OTHER_SIDE = {Side.SCHOOL: Side.WORK, Side.WORK: Side.SCHOOL}

"""Only school and work face each other; learners and others are on neither side of the bridge."""


@dataclass(frozen=True)
class Overload:
    """An actor on at least the threshold share of the tasks done in this environment.

    ``processes`` are the processes in which they are on at least the
    threshold share of the tasks done there: where things run through them.
    """

    actor: Actor
    tasks: int
    done: int
    processes: tuple[Process, ...]

    @property
    def share(self) -> float:
        """Their tasks as a share of the tasks anyone does (``done`` is at least ``tasks`` ≥ 1)."""
        return self.tasks / self.done


class BridgeReason(Enum):
    """How a school-side or work-side actor connects school and work."""

    TOGETHER = "together"
    """Marks a task ``together`` that an actor of the other side (school ↔ work) is on too."""
    BOTH_PLACES = "both_places"
    """Guides both on the shop floor (where supervisors work) and towards it (where teachers work)."""


@dataclass(frozen=True)
class Bridge:
    """A bridge person, with every reason that applies and the processes they work in."""

    actor: Actor
    reasons: tuple[BridgeReason, ...]
    processes: tuple[Process, ...]


@dataclass(frozen=True)
class Busiest:
    """The actor on most of the tasks done in one part of the map, out of ``done`` tasks there."""

    actor: Actor
    tasks: int
    done: int

    @property
    def share(self) -> float:
        """How much of that part rests on this one actor: 1 = everything runs through them."""
        return self.tasks / self.done


@dataclass(frozen=True)
class Concentration:
    """How far the tasks done rest on one actor: overall, per process and per side (school, work).

    Parts where nobody does a task are left out; ``overall`` is ``None`` when
    there are no stickers at all. Per side, only that side's actors and the
    tasks they do count: does the school's part rest on one teacher?
    """

    overall: Busiest | None
    by_process: Mapping[Process, Busiest]
    by_side: Mapping[Side, Busiest]


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
    done: int
    overloaded: tuple[Overload, ...]
    bridges: tuple[Bridge, ...]
    side_by_side: tuple[Task, ...]
    concentration: Concentration
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
    """Actors on at least ``threshold`` of the tasks *done in this environment*, most loaded first.

    The yardstick is the tasks somebody put a sticker on, not the whole
    catalogue: after a first meeting a map is only partly filled in, and a
    teacher on 5 of the 6 tasks anyone took is the person everything runs
    through, even though 5 is a fifth of the catalogue. Per process the same
    share is reported (``processes``) but does not flag on its own:
    supervisors carrying most shop-floor tasks is the normal division of work.

    Why: "I'm on every sticker, but I'd like to let go" — when one person is the
    contact for almost everything, the environment leans on them and stops
    when they leave.
    """
    roles = _roles(stickers)
    done = _done(roles)
    by_task = _tasks_by_id(tasks)
    found = []
    for actor in actors:
        mine = {task_id for actor_id, task_id in roles if actor_id == actor.id}
        if done and len(mine) / len(done) >= threshold:
            heavy = tuple(p for p in Process if _share_in(mine, done, by_task, p) >= threshold)
            found.append(Overload(actor, len(mine), len(done), heavy))
    return tuple(sorted(found, key=lambda overload: -overload.tasks))


def _done(roles: Mapping[tuple[str, str], bool]) -> set[str]:
    """The ids of the tasks somebody does: the environment's own yardstick."""
    return {task_id for _, task_id in roles}


def _share_in(mine: set[str], done: set[str], by_task: Mapping[str, Task], process: Process) -> float:
    """Share of the tasks done in ``process`` that are in ``mine``; 0 when nobody does a task there."""
    there = {task_id for task_id in done if by_task[task_id].process is process}
    return len(mine & there) / len(there) if there else 0.0


def bridge_persons(actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task]) -> tuple[Bridge, ...]:
    """School-side and work-side actors who connect school and work.

    An actor is a bridge person for each rule that holds:

    * :attr:`BridgeReason.TOGETHER` — on at least one task their sticker is
      marked ``together`` *and* an actor of the other side (school ↔ work)
      has a sticker on that task too: they work *with* the other side;
    * :attr:`BridgeReason.BOTH_PLACES` — they guide learners both on the shop
      floor and within the company towards it: they work in the supervisors'
      place and in the teachers' place.

    Being active in several processes is not enough: a workplace trainer who
    never deals with the school does not become a bridge through one aligning
    sticker. Learners and other actors are not considered.

    Why: the documents call bridge persons those who switch easily between
    the tasks of the processes *and* between the perspective of company and
    school; that is what these two rules can see on a role map.
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
        reasons = []
        if any(together and _OTHER_SIDE[actor.type.side] in sides_on_task[t] for t, together in mine.items()):
            reasons.append(BridgeReason.TOGETHER)
        if {"shop_floor", "towards_shop_floor"} <= {by_task[t].location for t in mine}:
            reasons.append(BridgeReason.BOTH_PLACES)
        if reasons:
            processes = tuple(p for p in Process if any(by_task[t].process is p for t in mine))
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


def concentration(actors: Sequence[Actor], stickers: Sequence[Sticker], tasks: Sequence[Task]) -> Concentration:
    """How far the tasks done rest on one actor, overall, per process and per side.

    Each part gives its busiest actor and the share of the part's done tasks
    they are on. 1 means everything in that part runs through them; a low
    value means the tasks are carried by several people. Unlike the spread of
    roles over the processes (which was even in every example case), this
    tells the overloaded environment from the healthy one.

    Why: "only the teacher is visible in the company, so the teacher becomes
    the contact point for everything" — concentration is that finding as a
    number, comparable between cases.
    """
    by_actor = _actors_by_id(actors)
    by_task = _tasks_by_id(tasks)
    placed = [(by_actor[actor_id], by_task[task_id]) for actor_id, task_id in _roles(stickers)]
    by_process = {p: _busiest([(a, t) for a, t in placed if t.process is p]) for p in Process}
    by_side = {side: _busiest([(a, t) for a, t in placed if a.type.side is side]) for side in _OTHER_SIDE}
    return Concentration(
        overall=_busiest(placed),
        by_process={p: busiest for p, busiest in by_process.items() if busiest is not None},
        by_side={side: busiest for side, busiest in by_side.items() if busiest is not None},
    )


def _busiest(placed: Sequence[tuple[Actor, Task]]) -> Busiest | None:
    """The actor on most of the tasks in ``placed`` (the first listed on a tie); ``None`` when empty."""
    if not placed:
        return None
    per_actor = Counter(actor.id for actor, _ in placed)
    actor_id, count = per_actor.most_common(1)[0]
    actor = next(actor for actor, _ in placed if actor.id == actor_id)
    return Busiest(actor, count, len({task.id for _, task in placed}))


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
    :func:`side_shares`). This shows whether a case follows that
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
        done=len(_done(_roles(stickers))),
        gaps=gaps(stickers, tasks),
        overloaded=overloaded(actors, stickers, tasks, threshold),
        bridges=bridge_persons(actors, stickers, tasks),
        side_by_side=side_by_side(actors, stickers, tasks),
        concentration=concentration(actors, stickers, tasks),
        side_shares=side_shares(actors, stickers, tasks),
        shop_floor=shop_floor_profile(actors, stickers, tasks),
    )
