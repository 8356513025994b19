"""The role-map analysis in words, for the coach and the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hlo_design.analysis.role_map import Evenness, LocationShare, ProcessSpread, RoleMapAnalysis, SideShare
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.roles import ActorType, Side, Task

__all__ = ["explain", "task_text"]


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
