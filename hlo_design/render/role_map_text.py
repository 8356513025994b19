"""The role-map analysis in words: three findings that matter first, the rest as details.

A coach reads the text aloud in a meeting. Twenty sentences of equal weight
hide what the documents found, so :func:`explain` leads with the three
findings a learning community acts on — tasks nobody does, the person
everything runs through, and tasks done side by side instead of together —
and keeps bridge persons, concentration, school/work shares and the
shop-floor profile as details, behind a toggle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from hlo_design.analysis.role_map import Busiest, Concentration, LocationShare, Overload, RoleMapAnalysis, SideShare
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.roles import ActorType, Process, Task

__all__ = ["RoleMapText", "explain", "role_map_html", "task_text"]


@dataclass(frozen=True)
class RoleMapText:
    """What the coach reads first (``headlines``) and what they open when asked (``details``)."""

    headlines: list[str]
    details: list[str]


def explain(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> RoleMapText:
    """The findings as plain sentences in the vocabulary's language: three headlines, then the details."""
    v = vocabulary
    if not analysis.done:
        return RoleMapText([v("rolemap.no_roles")], [])
    headlines = [_explain_gaps(analysis, v), _explain_overload(analysis, v), _explain_side_by_side(analysis, v)]
    details = [
        *_explain_bridges(analysis, v),
        *_explain_concentration(analysis.concentration, v),
        *_explain_side_shares(analysis.side_shares, v),
        *_explain_shop_floor(analysis.shop_floor, v),
    ]
    return RoleMapText(_capitalised(headlines), _capitalised(details))


def role_map_html(text: RoleMapText, vocabulary: Vocabulary) -> Markup:
    """The headlines as a list, the details in a ``<details>`` toggle (for reports and batch pages); escaped."""
    headlines = _list_html(text.headlines, "hlo-items hlo-headlines")
    if not text.details:
        return headlines
    details = Markup("<details><summary>{}</summary>{}</details>").format(
        vocabulary("rolemap.details", count=len(text.details)), _list_html(text.details, "hlo-items")
    )
    return headlines + details


def task_text(task: Task, vocabulary: Vocabulary) -> str:
    """The full text of a task in the vocabulary's language."""
    return task.text_en if vocabulary.language == "en" else task.text_nl


def _list_html(lines: Sequence[str], css_class: str) -> Markup:
    items = Markup("").join(Markup("<li>{}</li>").format(line) for line in lines)
    return Markup('<ul class="{}">{}</ul>').format(css_class, items)


def _capitalised(sentences: Sequence[str]) -> list[str]:
    return [sentence[:1].upper() + sentence[1:] for sentence in sentences]


def _task_list(tasks: Sequence[Task], vocabulary: Vocabulary) -> str:
    return "; ".join(task_text(task, vocabulary) for task in tasks)


def _explain_gaps(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> str:
    if not analysis.gaps:
        return vocabulary("rolemap.no_gaps")
    return vocabulary(
        "rolemap.gaps",
        count=len(analysis.gaps),
        total=analysis.task_count,
        tasks=_task_list(analysis.gaps, vocabulary),
    )


def _explain_overload(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> str:
    """Who everything runs through, against the tasks done here; or who is busiest when nobody is."""
    busiest = analysis.concentration.overall
    if analysis.overloaded or busiest is None:
        return " ".join(_overload_sentence(overload, vocabulary) for overload in analysis.overloaded)
    return vocabulary(
        "rolemap.no_overload",
        threshold=vocabulary.percent(analysis.threshold),
        done=analysis.done,
        name=busiest.actor.name,
        tasks=busiest.tasks,
    )


def _overload_sentence(overload: Overload, vocabulary: Vocabulary) -> str:
    """One overloaded actor; their heavy processes are never empty (the overall share averages them)."""
    if len(overload.processes) == len(Process):
        processes = vocabulary("rolemap.overloaded.all_processes")
    else:
        processes = ", ".join(vocabulary.label(p) for p in overload.processes)
    return vocabulary(
        "rolemap.overloaded",
        name=overload.actor.name,
        tasks=overload.tasks,
        done=overload.done,
        share=vocabulary.percent(overload.share),
        processes=processes,
    )


def _explain_side_by_side(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> str:
    if not analysis.side_by_side:
        return vocabulary("rolemap.no_side_by_side")
    return vocabulary(
        "rolemap.side_by_side",
        count=len(analysis.side_by_side),
        tasks=_task_list(analysis.side_by_side, vocabulary),
    )


def _explain_bridges(analysis: RoleMapAnalysis, vocabulary: Vocabulary) -> list[str]:
    """The definition first, so the coach can say why someone is (or is not) a bridge person."""
    if not analysis.bridges:
        return [vocabulary("rolemap.bridge_definition"), vocabulary("rolemap.no_bridges")]
    return [
        vocabulary("rolemap.bridge_definition"),
        *(
            vocabulary(
                "rolemap.bridge",
                name=bridge.actor.name,
                reasons="; ".join(vocabulary(f"rolemap.bridge_reason.{reason.value}") for reason in bridge.reasons),
            )
            for bridge in analysis.bridges
        ),
    ]


def _explain_concentration(result: Concentration, vocabulary: Vocabulary) -> list[str]:
    parts: list[tuple[str, Busiest]] = [
        *((vocabulary.label(process), busiest) for process, busiest in result.by_process.items()),
        *((vocabulary(f"rolemap.concentration.{side.value}"), busiest) for side, busiest in result.by_side.items()),
    ]
    return [
        vocabulary(
            "rolemap.concentration",
            part=part,
            name=busiest.actor.name,
            tasks=busiest.tasks,
            done=busiest.done,
            share=vocabulary.percent(busiest.share),
        )
        for part, busiest in parts
    ]


def _explain_side_shares(shares: Sequence[SideShare], vocabulary: Vocabulary) -> list[str]:
    return [
        vocabulary(
            "rolemap.side_share",
            process=vocabulary.label(share.process),
            school=vocabulary.percent(share.school_share),
            work=vocabulary.percent(share.work_share),
            roles=vocabulary.count(share.school + share.work, "role"),
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
            shop_floor=vocabulary.percent(share.shop_floor_share),
            towards=vocabulary.percent(1 - share.shop_floor_share),
            roles=vocabulary.count(share.shop_floor + share.towards_shop_floor, "role"),
        )
        for kind, share in profile.items()
    ]
