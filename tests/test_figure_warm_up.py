"""A pre-heated kernel builds every kind of figure once before its viewer comes (render/figures/warm_up.py)."""

from __future__ import annotations

import pkgutil
from functools import partial

import pytest

import hlo_design.render.figures as figures_package
from hlo_design.base.config import EXAMPLE_CASES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.render.figures.empty import EMPTY_META
from hlo_design.render.figures.warm_up import WARM_UP_CASES, warm_up_figures
from hlo_design.ui import session

NOT_FIGURES = {"theme", "empty", "warm_up"}
"""Modules of the package that build no figure of their own (helpers, the empty state, this warm-up)."""


@pytest.fixture(scope="module")
def builders() -> dict[str, list[partial[object]]]:
    vocabulary = Vocabulary("nl")
    built = {
        name: warm_up_figures(load_case(EXAMPLE_CASES_DIR / f"{name}.yaml", vocabulary=vocabulary), vocabulary)
        for name in WARM_UP_CASES
    }
    assert all(isinstance(builder, partial) for each in built.values() for builder in each)
    return built  # type: ignore[return-value]


def test_every_figure_module_is_warmed_up(builders: dict[str, list[partial[object]]]) -> None:
    """A new figure module must join the warm-up, or its first figure costs every page view its lazy loading."""
    modules = {info.name for info in pkgutil.iter_modules(figures_package.__path__)} - NOT_FIGURES
    assert modules
    warmed = {builder.func.__module__.rsplit(".", 1)[-1] for each in builders.values() for builder in each}
    assert warmed == modules


def test_between_the_cases_every_figure_is_drawn_from_data(builders: dict[str, list[partial[object]]]) -> None:
    """Figures drawn from data, not only their empty states: only then are the classes a page draws loaded."""
    drawn: dict[str, bool] = {}
    for each in builders.values():
        for builder in each:
            figure = builder()
            name = builder.func.__name__  # type: ignore[attr-defined]
            drawn[name] = drawn.get(name, False) or bool(figure.data and figure.layout.meta != EMPTY_META)
    assert [name for name, data in drawn.items() if not data] == []


def test_a_pool_kernel_warms_the_figures_up_before_its_viewer(monkeypatch: pytest.MonkeyPatch) -> None:
    """``preload`` (run by a pre-heated kernel before it waits) builds every kind of figure once."""
    warmed: list[str] = []
    monkeypatch.setattr(session, "warm_up", lambda vocabulary: warmed.append(vocabulary.language))
    session.preload()
    assert warmed == ["nl"]
