"""What a URL can reach: case ids inside the cases folder, and nothing else.

The command line may name any `.yaml` file; a dashboard's `?case=` may not, or a
viewer could probe which files exist, read other YAML files through the error
box, and overwrite them by saving.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hlo_design.base.errors import UnknownCaseError
from hlo_design.casefile.loading import find_case_file, resolve_case_id
from hlo_design.ui import session as session_module
from hlo_design.ui.session import open_case

SECRET = "geheim-wachtwoord-123"


@pytest.fixture
def outside_case(cases_dir: Path) -> Path:
    """A valid case file outside the cases folder, holding a value a viewer must never see."""
    path = cases_dir.parent / "elders" / "geheim.yaml"
    path.parent.mkdir()
    text = (cases_dir / "zorg.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("id: zorg", f"id: {SECRET}", 1), encoding="utf-8")
    return path


def _refused(cases_dir: Path, outside_case: Path) -> list[str]:
    too_long = "a" * 10_000
    return [
        str(outside_case),  # absolute path
        f"../elders/{outside_case.stem}",  # relative path out of the folder
        "../elders/geheim.yaml",
        "zorg.yaml",  # a file name is not an id
        too_long,  # 10 kB id: same message as an unknown id, no OSError
        "Zorg",  # ids are lower case
    ]


def test_ids_resolve_inside_the_cases_folder_only(cases_dir: Path, outside_case: Path) -> None:
    assert resolve_case_id("zorg", cases_dir) == cases_dir / "zorg.yaml"
    for ref in [*_refused(cases_dir, outside_case), ""]:
        with pytest.raises(UnknownCaseError, match="unknown case") as caught:
            resolve_case_id(ref, cases_dir)
        assert len(str(caught.value)) < 400
        assert SECRET not in str(caught.value)


def test_a_symbolic_link_out_of_the_folder_is_not_a_case(cases_dir: Path, outside_case: Path) -> None:
    (cases_dir / "link.yaml").symlink_to(outside_case)
    with pytest.raises(UnknownCaseError, match="unknown case 'link'"):
        resolve_case_id("link", cases_dir)


def test_the_command_line_still_takes_paths_and_survives_long_names(outside_case: Path) -> None:
    assert find_case_file(outside_case) == outside_case
    with pytest.raises(UnknownCaseError, match="no such case file"):
        find_case_file("x" * 10_000 + ".yaml")  # ENAMETOOLONG is an unknown file, not a traceback


@pytest.mark.parametrize("which", range(6))
def test_a_dashboard_never_opens_or_echoes_a_file_outside(
    which: int, cases_dir: Path, outside_case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every refused `?case=` gets the error box, without the file's content or the whole id."""
    ref = _refused(cases_dir, outside_case)[which]
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("QUERY_STRING", f"case={ref}")
    displayed: list[object] = []
    monkeypatch.setattr(session_module, "display", displayed.append)
    assert open_case("zorg") is None
    shown = displayed[0].data  # type: ignore[attr-defined]
    assert "unknown case" in shown
    assert SECRET not in shown
    assert len(shown) < 2_000
