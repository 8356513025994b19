"""Reading a filled-in role map: what the stickers say about the division of roles.

The *beeldplaat* work sessions end with a conversation about "which roles are
missing and where roles can complement each other". These analyses turn the
stickers into the findings the documents name, so a learning community sees
them for its own environment:

* tasks nobody does (:func:`gaps`);
* one person on nearly every task — "I'm on every sticker but I'd like to let
  go" — is a risk (:func:`overloaded`);
* bridge persons who switch between processes or between school and company
  are a strength (:func:`bridge_persons`);
* doing the same task is not always doing it *together* (:func:`side_by_side`);
* in longer-running environments roles spread more evenly over the three
  processes (:func:`evenness`);
* who carries each process, school or work (:func:`side_shares`);
* supervisors guide mostly *on* the shop floor, teachers within the company and
  *towards* it (:func:`shop_floor_profile`).

Counting rule, used everywhere: a **role** is one actor on one task. Several
stickers of one actor on one task (at different levels) are one role, done
together when any of them is marked ``together``. An actor's ``count`` is
ignored: a sticker says that a role exists, not how many people or hours fill
it, so a group of eight supervisors is one actor like a single teacher.
Stickers must refer to the given actors and tasks (a loaded
:class:`~hlo_design.cases.Case` guarantees this).

All functions are pure: they take the case's actors, its stickers and the task
catalogue and return small frozen results. :func:`explain` turns them into
plain sentences (Dutch by default) for the notebook and the report; the
sentences are plain text, so escape them before putting them into HTML.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from hlo_design.cases import Actor, Case
from hlo_design.roles import ActorType, Location, Process, Side, Sticker, Task, task_catalogue
from hlo_design.vocabulary import Vocabulary

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
    "explain",
    "gaps",
    "overloaded",
    "shop_floor_profile",
    "side_by_side",
    "side_shares",
    "task_text",
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


# ---------------------------------------------------------------- counting


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


# ---------------------------------------------------------------- analyses


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


# ---------------------------------------------------------------- sentences


def explain(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> list[str]:
    """Each finding as one plain sentence in the vocabulary's language, in the order of the module docstring."""
    sentences = [
        *_explain_gaps(analysis, vocabulary),
        *_explain_overloaded(analysis, vocabulary),
        *_explain_bridges(analysis, vocabulary),
        *_explain_side_by_side(analysis, vocabulary),
        *_explain_evenness(analysis.evenness, vocabulary),
        *_explain_side_shares(analysis.side_shares, vocabulary),
        *_explain_shop_floor(analysis.shop_floor, vocabulary),
    ]
    return [sentence[:1].upper() + sentence[1:] for sentence in sentences]


def task_text(task: Task, vocabulary: Vocabulary) -> str:
    """The full text of a task in the vocabulary's language."""
    return task.text_en if vocabulary.language == "en" else task.text_nl


def _task_list(tasks: Sequence[Task], vocabulary: Vocabulary) -> str:
    return "; ".join(task_text(task, vocabulary) for task in tasks)


def _number(value: float, vocabulary: Vocabulary) -> str:
    """Two decimals, with a decimal comma in Dutch."""
    text = f"{value:.2f}"
    return text.replace(".", ",") if vocabulary.language == "nl" else text


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _explain_gaps(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> list[str]:
    if not analysis.gaps:
        return [vocabulary("rolemap.no_gaps")]
    return [vocabulary("rolemap.gaps", count=len(analysis.gaps), tasks=_task_list(analysis.gaps, vocabulary))]


def _explain_overloaded(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> list[str]:
    if not analysis.overloaded:
        return [vocabulary("rolemap.no_overload", threshold=_percent(analysis.threshold))]
    return [
        vocabulary(
            "rolemap.overloaded",
            name=overload.actor.name,
            tasks=overload.tasks,
            total=analysis.task_count,
            share=_percent(overload.share),
        )
        for overload in analysis.overloaded
    ]


def _explain_bridges(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> list[str]:
    if not analysis.bridges:
        return [vocabulary("rolemap.no_bridges")]
    return [
        vocabulary(
            "rolemap.bridge",
            name=bridge.actor.name,
            reasons="; ".join(
                vocabulary(
                    f"rolemap.bridge_reason.{reason.value}",
                    count=len(bridge.processes),
                    processes=" · ".join(vocabulary.label(p) for p in bridge.processes),
                )
                for reason in bridge.reasons
            ),
        )
        for bridge in analysis.bridges
    ]


def _explain_side_by_side(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> list[str]:
    if not analysis.side_by_side:
        return [vocabulary("rolemap.no_side_by_side")]
    return [
        vocabulary(
            "rolemap.side_by_side",
            count=len(analysis.side_by_side),
            tasks=_task_list(analysis.side_by_side, vocabulary),
        )
    ]


def _explain_evenness(result: Evenness, vocabulary: Vocabulary) -> list[str]:
    if result.overall is None:
        return [vocabulary("rolemap.no_roles")]
    sentences = [vocabulary("rolemap.evenness", value=_number(result.overall.evenness, vocabulary))]
    groups: list[tuple[Side | ActorType, ProcessSpread]] = [*result.by_side.items(), *result.by_type.items()]
    sentences += [
        vocabulary(
            "rolemap.spread",
            group=vocabulary.label(group),
            process=vocabulary.label(spread.main),
            count=spread.counts[spread.main],
            total=spread.total,
            value=_number(spread.evenness, vocabulary),
        )
        for group, spread in groups
    ]
    return sentences


def _explain_side_shares(shares: Sequence[SideShare], vocabulary: Vocabulary) -> list[str]:
    return [
        vocabulary(
            "rolemap.side_share",
            process=vocabulary.label(share.process),
            school=_percent(share.school_share),
            work=_percent(share.work_share),
            count=share.school + share.work,
        )
        if share.school + share.work
        else vocabulary("rolemap.side_share_empty", process=vocabulary.label(share.process))
        for share in shares
    ]


def _explain_shop_floor(profile: Mapping[ActorType, LocationShare], vocabulary: Vocabulary) -> list[str]:
    return [
        vocabulary(
            "rolemap.shop_floor",
            type=vocabulary.label(kind),
            shop_floor=_percent(share.shop_floor_share),
            towards=_percent(1 - share.shop_floor_share),
            count=share.shop_floor + share.towards_shop_floor,
        )
        for kind, share in profile.items()
    ]
