"""An editor that was only opened has nothing unsaved: otherwise the page would ask "leave this page?" for nothing.

Found in Chromium: the action plan filled its preconditions box while drawing the page, which counted as
an edit, so the valorisation page of Energietransitie asked before every reload. Every editor on every
example case is opened here and must be clean.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import hlo_design.ui
from hlo_design.base.config import CASES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.ui.list_editor import ListEditor
from tests.helpers import EXAMPLE_CASES


def _editor_classes() -> list[type]:
    """Every editor saved by the page's button (a :class:`ListEditor`) in ``hlo_design.ui.*_editor``, bases left out."""
    found: list[type] = []
    for module_info in pkgutil.iter_modules(hlo_design.ui.__path__):
        if not module_info.name.endswith("_editor"):
            continue
        module = importlib.import_module(f"hlo_design.ui.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or inspect.isabstract(cls):
                continue
            parameters = list(inspect.signature(cls).parameters)
            if issubclass(cls, ListEditor) and parameters[:3] == ["case", "vocabulary", "path"]:
                found.append(cls)
    return [cls for cls in found if not any(other is not cls and issubclass(other, cls) for other in found)]


EDITORS = _editor_classes()


def test_the_editors_are_found() -> None:
    assert {"ActionPlanEditor", "ActivityEditor", "FindingsEditor", "LessonEditor"} <= {e.__name__ for e in EDITORS}


@pytest.mark.parametrize("editor_type", EDITORS, ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("case_id", EXAMPLE_CASES)
def test_an_opened_editor_has_nothing_unsaved(editor_type: type, case_id: str) -> None:
    path: Path = CASES_DIR / f"{case_id}.yaml"
    case = load_case(path)
    editor = editor_type(case, Vocabulary("nl", case.region), path)
    assert not editor.save_bar.unsaved
