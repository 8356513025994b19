"""One layout and one style model for the widgets of a page that look alike, instead of a pair per widget.

ipywidgets gives every control a Layout model of its own, and most controls a
style model too, each with dozens of traits that the kernel builds, serialises
and sends, and the browser turns into a model. Of the 1,320 widget models the
diagnosis page created, 489 were layouts and about 400 styles, nearly all alike
(541 models once shared; ``benchmarks/README.md``). While a page section is built
(:func:`sharing_models`, entered by :func:`hlo_design.ui.session.with_session`),
widgets that get no layout or style, or get one as a dict, share one per set
of values; :func:`shared_layout` does the same for a layout given explicitly.

A shared model is frozen: setting one of its traits raises, because the change
would reach every widget sharing it. A widget whose layout changes after it is
built (hidden, shown again) is given its own: ``layout=widgets.Layout(...)``.
A shared model that was closed (``Widget.close_all()``) is built again on its
next use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.trait_types import InstanceDict

__all__ = ["FrozenModelError", "shared_layout", "sharing_models"]

_SHARING: ContextVar[bool] = ContextVar("hlo_sharing_models", default=False)
_SHARED: dict[tuple[Any, tuple[tuple[str, Any], ...]], Any] = {}
_FROZEN: dict[Any, Any] = {}


class FrozenModelError(TypeError):
    """A trait of a layout or style shared by several widgets was set."""


@contextmanager
def sharing_models() -> Iterator[None]:
    """While active, widgets built without a layout or style, or with one given as a dict, share one per value set."""
    _install()
    token = _SHARING.set(True)
    try:
        yield
    finally:
        _SHARING.reset(token)


def shared_layout(**traits: Any) -> widgets.Layout:
    """The one frozen layout with these values, for every widget that asks for it (in a section or not)."""
    return _shared(widgets.Layout, traits)


def _shared(klass: Any, traits: dict[str, Any]) -> Any:
    key = (klass, tuple(sorted(traits.items())))
    if key not in _SHARED or _SHARED[key].comm is None:  # closed (``Widget.close_all()``): a new one
        model = _frozen_class(klass)(**traits)
        model._hlo_frozen = True
        _SHARED[key] = model
    return _SHARED[key]


def _frozen_class(klass: Any) -> Any:
    """``klass`` with traits that cannot be set once built (its model name, and so its front end, unchanged)."""
    if klass not in _FROZEN:

        def __setattr__(self: Any, name: str, value: Any) -> None:
            if getattr(self, "_hlo_frozen", False) and name in self.keys:  # model state, not its comm
                raise FrozenModelError(
                    f"this {klass.__name__} is shared by several widgets (hlo_design.ui.shared_models); "
                    f"setting {name!r} would change them all: give the widget its own, "
                    f"e.g. layout=widgets.Layout(...)"
                )
            klass.__setattr__(self, name, value)

        _FROZEN[klass] = type(f"Shared{klass.__name__}", (klass,), {"__setattr__": __setattr__})
    return _FROZEN[klass]


@functools.cache
def _install() -> None:
    """Teach each ``layout`` and ``style`` trait of ipywidgets to hand out shared models while sharing is on (once)."""
    for trait in _model_traits():
        trait.make_dynamic_default = _default_of(trait, trait.make_dynamic_default)
        trait.validate = _validate_of(trait, trait.validate)


def _model_traits() -> list[InstanceDict]:
    """The ``layout`` trait of every DOM widget and the ``style`` trait of each widget class that has its own."""
    classes: list[Any] = [
        value for value in vars(widgets).values() if isinstance(value, type) and issubclass(value, widgets.DOMWidget)
    ]
    traits = {id(trait): trait for klass in classes for trait in klass.class_traits().values()
              if isinstance(trait, InstanceDict) and trait.name in ("layout", "style")}  # fmt: skip
    return list(traits.values())


def _default_of(trait: InstanceDict, plain: Callable[[], Any]) -> Callable[[], Any]:
    def default() -> Any:
        return _shared(trait.klass, {}) if _SHARING.get() else plain()

    return default


def _validate_of(trait: InstanceDict, plain: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def validate(obj: Any, value: Any) -> Any:
        if isinstance(value, dict) and _SHARING.get():
            value = _shared(trait.klass, value)
        return plain(obj, value)

    return validate
