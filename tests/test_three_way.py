"""Three-way merge of edited lists: both people's edits kept, real clashes reported, never a silent overwrite."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hlo_design.casefile.three_way import Conflict, merge_three_way


def _item(item_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "hours": 1.0, "name": item_id, **fields}


BASE = [_item("les", hours=8.0), _item("werk", hours=1.5), _item("stage")]


def test_edits_to_different_items_both_land() -> None:
    """Tab A sets les 8 → 11, tab B (saved first) set werk 1.5 → 2.5: the file keeps both."""
    mine = [_item("les", hours=11.0), BASE[1], BASE[2]]
    theirs = [BASE[0], _item("werk", hours=2.5), BASE[2]]
    merged = merge_three_way(BASE, mine, theirs)
    assert merged.conflicts == ()
    assert [i["hours"] for i in merged.items] == [11.0, 2.5, 1.0]


def test_edits_to_different_fields_of_one_item_both_land() -> None:
    mine = [_item("les", hours=11.0), *BASE[1:]]
    theirs = [_item("les", hours=8.0, name="Theorieles"), *BASE[1:]]
    merged = merge_three_way(BASE, mine, theirs)
    assert merged.items[0] == _item("les", hours=11.0, name="Theorieles")
    assert merged.conflicts == ()


def test_the_same_field_changed_twice_is_a_conflict_and_the_file_wins() -> None:
    mine = [_item("les", hours=11.0), *BASE[1:]]
    theirs = [_item("les", hours=9.0), *BASE[1:]]
    merged = merge_three_way(BASE, mine, theirs)
    assert merged.conflicts == (Conflict("les", "hours", 11.0, 9.0),)
    assert merged.items[0]["hours"] == 9.0


def test_an_item_they_deleted_does_not_come_back() -> None:
    """The old save sent the whole list and resurrected items deleted meanwhile."""
    merged = merge_three_way(BASE, BASE, BASE[:2])
    assert [i["id"] for i in merged.items] == ["les", "werk"]
    assert merged.conflicts == ()


def test_deleting_what_they_changed_is_a_conflict() -> None:
    changed = _item("stage", hours=4.0)
    merged = merge_three_way(BASE, BASE[:2], [*BASE[:2], changed])
    assert merged.conflicts == (Conflict("stage", None, None, changed),)
    assert merged.items[-1] == changed


def test_changing_what_they_deleted_is_a_conflict() -> None:
    changed = _item("stage", hours=4.0)
    merged = merge_three_way(BASE, [*BASE[:2], changed], BASE[:2])
    assert merged.conflicts == (Conflict("stage", None, changed, None),)
    assert [i["id"] for i in merged.items] == ["les", "werk"]


def test_items_added_on_both_sides_are_all_kept() -> None:
    merged = merge_three_way(BASE, [*BASE, _item("a-1f3e")], [*BASE, _item("b-9c2d")])
    assert [i["id"] for i in merged.items] == ["les", "werk", "stage", "b-9c2d", "a-1f3e"]


items = st.lists(
    st.fixed_dictionaries({"id": st.sampled_from("abcdef"), "hours": st.integers(0, 3), "name": st.sampled_from("xy")}),
    unique_by=lambda item: item["id"],
    max_size=6,
)


@given(items, items)
def test_an_editor_that_changed_nothing_leaves_the_file_as_it_is(base: list[Any], theirs: list[Any]) -> None:
    merged = merge_three_way(base, base, theirs)
    assert merged.items == theirs
    assert merged.conflicts == ()


@given(items, items)
def test_when_nobody_else_saved_the_editor_gets_exactly_its_list(base: list[Any], mine: list[Any]) -> None:
    merged = merge_three_way(base, mine, base)
    assert merged.items == mine  # in the editor's order too
    assert merged.conflicts == ()


@given(items, items, items)
def test_nothing_is_lost_silently(base: list[Any], mine: list[Any], theirs: list[Any]) -> None:
    """Every value either side set is in the result or named in a conflict."""
    merged = merge_three_way(base, mine, theirs)
    result = {i["id"]: i for i in merged.items}
    clashes = {(c.item_id, c.field) for c in merged.conflicts}
    before = {i["id"]: i for i in base}
    for side in (mine, theirs):
        for item in side:
            if item == before.get(item["id"]):
                continue  # unchanged on this side
            for key, value in item.items():
                if item["id"] in before and value == before[item["id"]].get(key):
                    continue
                kept = item["id"] in result and result[item["id"]].get(key) == value
                assert kept or (item["id"], key) in clashes or (item["id"], None) in clashes


def test_the_same_new_id_on_both_sides_is_merged_field_by_field() -> None:
    """Ids are random, but should two tabs ever add the same id, the clash is reported, not dropped."""
    merged = merge_three_way([], [_item("n", hours=2.0)], [_item("n", hours=3.0)])
    assert merged.conflicts == (Conflict("n", "hours", 2.0, 3.0),)


def test_my_new_order_is_kept_and_their_new_item_follows_its_neighbour() -> None:
    """Moving an item up is an edit too; an item someone else added stays after the one it followed."""
    mine = [BASE[1], BASE[0], BASE[2]]
    theirs = [BASE[0], _item("extra"), BASE[1], BASE[2]]
    merged = merge_three_way(BASE, mine, theirs)
    assert [i["id"] for i in merged.items] == ["werk", "les", "extra", "stage"]


def test_a_new_item_placed_in_the_middle_stays_there() -> None:
    mine = [BASE[0], _item("nieuw"), BASE[1], BASE[2]]
    merged = merge_three_way(BASE, mine, BASE)
    assert [i["id"] for i in merged.items] == ["les", "nieuw", "werk", "stage"]
