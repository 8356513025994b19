"""The directory of networks, partnerships, research groups and simulation environments."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hlo_design.analysis.directory_search import categories, categories_for, search, topics, topics_in
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.directory import Category, DirectoryEntry, load_directory, normalise
from hlo_design.render.overview_tables import directory_card_html

ENTRIES = load_directory()


def test_every_category_has_entries_with_a_source() -> None:
    """The directory covers all four categories and names a source document for each entry."""
    assert categories() == list(Category)
    assert {e.source for e in ENTRIES} <= {"ghlobo", "platform", "civ_slides", "grenswerken", "ghlobo_zorg"}


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("kwartier", {}, "kwartier_z"),  # by name
        ("KWARTIER z", {}, "kwartier_z"),  # case does not matter
        ("zorgethisch", {"category": Category.SIMULATION_ENVIRONMENT}, "despiegeling"),  # within a category
        ("", {"topic": "Toetsing", "category": Category.NETWORK}, "netwerk_toetsbekwaamheid"),  # by topic
        ("leven lang", {"category": Category.RESEARCH_GROUP}, "practoraat_leven_lang_flex"),  # a practoraat
        ("", {"sector": "logistiek", "region": "west-brabant"}, "convenant_oosterhout"),  # sector and region
    ],
)
def test_search_finds_hand_checked_entries(text: str, kwargs: dict, expected: str) -> None:
    """Known entries are found by name, topic, category, sector and region."""
    assert expected in [e.id for e in search(text, **kwargs)]


def test_search_narrows_by_category() -> None:
    """A category filter keeps only that category."""
    found = search("", category=Category.PARTNERSHIP)
    assert found
    assert all(e.category is Category.PARTNERSHIP for e in found)


def test_search_with_nonsense_finds_nothing() -> None:
    assert search("qqqxyz") == []


def _accented(text: str) -> str:
    return text.upper().replace("E", "É").replace("O", "Ó")


@given(st.sampled_from(ENTRIES), st.booleans())
def test_search_is_case_and_accent_insensitive(entry: DirectoryEntry, accent: bool) -> None:
    """Searching a word of an entry's name in upper case with accents still finds it."""
    word = max(entry.name.split(), key=len)
    query = _accented(word) if accent else word.upper()
    assert entry in search(query)
    assert normalise(query) == normalise(word)


@given(st.sampled_from(topics()), st.sampled_from(list(Category)))
def test_topics_in_and_categories_for_are_inverse(topic: str, category: Category) -> None:
    """A topic is in a category exactly when that category is listed for the topic."""
    assert (topic in topics_in(category)) == (category in categories_for(topic))


@given(st.sampled_from(topics()))
def test_categories_for_ignores_case_and_accents(topic: str) -> None:
    assert categories_for(_accented(topic)) == categories_for(topic)


def test_functions_work_on_given_entries() -> None:
    """The functions accept their own entries, e.g. a filtered list."""
    entry = DirectoryEntry(
        id="x", name="Netwerk X", category=Category.NETWORK, topics=["Blended learning"],
        region="NL", description="D", source="platform",
    )  # fmt: skip
    assert topics([entry]) == ["Blended learning"]
    assert categories_for("blended learning", [entry]) == [Category.NETWORK]
    assert search("netwerk", entries=[entry]) == [entry]


def test_a_directory_card_names_its_source_document_not_its_id() -> None:
    """Stakeholders read "Bron: GHLOBO eindpublicatie: …", not "Bron: ghlobo"."""
    entry = next(e for e in ENTRIES if e.source == "ghlobo")
    card = str(directory_card_html(entry, Vocabulary()))
    assert "Bron: GHLOBO eindpublicatie" in card
    assert "Bron: ghlobo<" not in card
