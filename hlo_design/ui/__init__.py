"""Live widgets for meetings: every control validates in the kernel, text shown is escaped.

Widget values come from the browser and are untrusted: each change goes
through the same pydantic models as case files before it is applied, and a
rejected value is reverted with a message instead of an exception.
"""

from __future__ import annotations

from hlo_design.ui.activity_editor import ActivityEditor
from hlo_design.ui.findings_editor import FindingsEditor

__all__ = ["ActivityEditor", "FindingsEditor"]
