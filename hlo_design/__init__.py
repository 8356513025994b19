"""hlo-design: a design workbook for hybrid learning environments (hybride leeromgevingen).

The public API is re-exported here; ``tests/test_public_api.py`` keeps
``__all__`` honest.
"""

from __future__ import annotations

from hlo_design.cases import (
    Activity,
    Actor,
    Case,
    Environment,
    Finding,
    FindingPlace,
    case_ids,
    dump_case,
    file_revision,
    find_case_file,
    load_case,
    parse_case,
    save_case,
    update_case,
)
from hlo_design.continuum import ContinuumPosition
from hlo_design.errors import (
    CaseFileError,
    Problem,
    SaveConflictError,
    UnknownCaseError,
    UnknownQuadrantError,
    WorkbookError,
)
from hlo_design.levels import Level
from hlo_design.perspectives import DesignOption, Perspective, design_options
from hlo_design.quadrants import Position, Quadrant, parse_quadrant, quadrant_by_number, quadrant_weights
from hlo_design.rhythm import Rhythm, Setting
from hlo_design.roles import ActorType, Process, RoleMap, Side, Sticker, Task, task_catalogue
from hlo_design.scan import Scan, ScanEntry, ScanGroup
from hlo_design.summary import QuadrantSummary, summarise
from hlo_design.vocabulary import Vocabulary

__all__ = [
    "Activity",
    "Actor",
    "ActorType",
    "Case",
    "CaseFileError",
    "ContinuumPosition",
    "DesignOption",
    "Environment",
    "Finding",
    "FindingPlace",
    "Level",
    "Perspective",
    "Position",
    "Problem",
    "Process",
    "Quadrant",
    "QuadrantSummary",
    "Rhythm",
    "RoleMap",
    "SaveConflictError",
    "Scan",
    "ScanEntry",
    "ScanGroup",
    "Setting",
    "Side",
    "Sticker",
    "Task",
    "UnknownCaseError",
    "UnknownQuadrantError",
    "Vocabulary",
    "WorkbookError",
    "case_ids",
    "design_options",
    "dump_case",
    "file_revision",
    "find_case_file",
    "load_case",
    "parse_case",
    "parse_quadrant",
    "quadrant_by_number",
    "quadrant_weights",
    "save_case",
    "summarise",
    "task_catalogue",
    "update_case",
]
