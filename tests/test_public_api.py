"""The package's __all__ lists exactly the public names it re-exports."""

from __future__ import annotations

import hlo_design


def test_all_is_honest() -> None:
    public = {name for name in vars(hlo_design) if not name.startswith("_")}
    modules = {name for name, value in vars(hlo_design).items() if type(value).__name__ == "module"}
    assert set(hlo_design.__all__) == public - modules - {"annotations"}
    assert hlo_design.__all__ == sorted(hlo_design.__all__)
