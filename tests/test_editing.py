"""Merging edits by id: concurrent saves from two dashboards both land."""

from __future__ import annotations

import threading
from pathlib import Path

from hlo_design.casefile.loading import load_case
from hlo_design.casefile.saving import ListEdit, merge_by_id, save_list
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.quadrants import Position


def _finding(finding_id: str, text: str = "tekst") -> Finding:
    return Finding(id=finding_id, text=text, place=FindingPlace())


def test_merge_keeps_ours_in_order_then_theirs() -> None:
    """Ours win and keep our order; items added elsewhere follow; our deletions stay deleted."""
    on_disk = [_finding("a", "oud"), _finding("b"), _finding("c"), _finding("nieuw-van-collega")]
    edit = ListEdit([_finding("c"), _finding("a", "nieuw")], deleted={"b"})
    merged = merge_by_id(on_disk, edit)
    assert [f.id for f in merged] == ["c", "a", "nieuw-van-collega"]
    assert merged[1].text == "nieuw"


def test_two_dashboards_adding_findings_at_once_keep_both(minimal_case_file: Path) -> None:
    """Two kernels each add a finding and save at the same moment: both findings are in the file."""
    barrier = threading.Barrier(2)

    def save(finding_id: str) -> None:
        edit = ListEdit([_finding(finding_id)])
        barrier.wait()
        save_list(minimal_case_file, "findings", edit)

    threads = [threading.Thread(target=save, args=(name,)) for name in ("van-tab-1", "van-tab-2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {f.id for f in load_case(minimal_case_file).findings} == {"van-tab-1", "van-tab-2"}


def test_saving_moved_activities_keeps_the_others(minimal_case_file: Path) -> None:
    """Saving one moved activity changes only that activity."""
    case = load_case(minimal_case_file)
    moved = case.activities[0].model_copy(update={"position": Position(form=0.9, context=0.9)})
    saved = save_list(minimal_case_file, "activities", ListEdit([moved]))
    assert [a.id for a in saved.activities] == ["les", "werk"]
    assert load_case(minimal_case_file).activities[0].position == Position(form=0.9, context=0.9)
    assert load_case(minimal_case_file).activities[1] == case.activities[1]
