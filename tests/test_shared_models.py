"""Widgets of a page section share their layout and style models where they look alike (ui/shared_models.py)."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from hlo_design.ui.session import with_session
from hlo_design.ui.shared_models import FrozenModelError, shared_layout, sharing_models


def test_in_a_section_widgets_that_look_alike_share_one_layout_and_style() -> None:
    with sharing_models():
        first, second = widgets.Button(description="a"), widgets.Button(description="b")
        text = widgets.Text(style={"description_width": "8em"})
        other_text = widgets.Text(style={"description_width": "8em"})
        wide = widgets.Text(style={"description_width": "12em"})
    assert first.layout is second.layout
    assert first.style is second.style
    assert text.style is other_text.style
    assert wide.style is not text.style
    assert wide.style.description_width == "12em"
    assert text.style._model_name == "TextStyleModel"  # the style each widget expects, drawn by the same front end


def test_outside_a_section_every_widget_keeps_its_own() -> None:
    first, second = widgets.Button(), widgets.Button()
    assert first.layout is not second.layout
    first.layout.width = "10em"  # a layout of its own can change
    assert second.layout.width is None


def test_a_shared_model_refuses_a_change_that_would_reach_every_widget_sharing_it() -> None:
    with sharing_models():
        button = widgets.Button()
    for model, name in (
        (button.layout, "display"),
        (button.style, "button_color"),
        (shared_layout(width="9em"), "width"),
    ):
        with pytest.raises(FrozenModelError, match=f"setting '{name}' would change them all"):
            setattr(model, name, "none")


def test_an_explicit_layout_given_in_a_section_stays_the_widgets_own() -> None:
    with sharing_models():
        hideable = widgets.HTML(layout=widgets.Layout())
    hideable.layout.display = "none"
    assert hideable.layout.display == "none"


def test_shared_layouts_are_one_per_set_of_values() -> None:
    assert shared_layout(width="7em") is shared_layout(width="7em")
    assert shared_layout(width="7em") is not shared_layout(width="7em", height="2em")


def test_a_closed_shared_model_is_built_again() -> None:
    """``Widget.close_all()`` (a kernel's reset, the tests' cleanup) closes shared models too."""
    layout = shared_layout(width="6em")
    widgets.Widget.close_all()
    again = shared_layout(width="6em")
    assert again is not layout
    assert again.comm is not None
    assert widgets.Button(layout=again).layout.width == "6em"


def test_a_page_section_builds_its_widgets_sharing() -> None:
    """``with_session`` (every section of a phase page) is where sharing is on; outside it, it is off again."""

    @with_session
    def section(_session: object, count: int) -> list[widgets.Button]:
        return [widgets.Button() for _ in range(count)]

    first, second = section(object(), 2)  # type: ignore[arg-type]  # any open session will do
    assert first.layout is second.layout
    assert widgets.Button().layout is not first.layout
