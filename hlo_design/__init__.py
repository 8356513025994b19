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
from hlo_design.design import DesignDecision, DesignPlan, DesignVariant, apply_variant, coverage_matrix
from hlo_design.directory import search as search_directory
from hlo_design.errors import (
    CaseFileError,
    Problem,
    SaveConflictError,
    UnknownCaseError,
    UnknownQuadrantError,
    WorkbookError,
)
from hlo_design.leerfiche import Leerfiche
from hlo_design.levels import Level
from hlo_design.overview import overview_table
from hlo_design.perspectives import DesignOption, Perspective, design_options
from hlo_design.quadrants import Position, Quadrant, parse_quadrant, quadrant_by_number, quadrant_weights
from hlo_design.reflection import ReflectionWeb
from hlo_design.rhythm import Rhythm, Setting
from hlo_design.rolemap import analyse_role_map
from hlo_design.roles import ActorType, Process, RoleMap, Side, Sticker, Task, task_catalogue
from hlo_design.scan import Scan, ScanEntry, ScanGroup
from hlo_design.summary import QuadrantSummary, summarise
from hlo_design.valorisation import Valorisation
from hlo_design.vocabulary import Vocabulary

__all__ = [
    "Activity",
    "Actor",
    "ActorType",
    "Case",
    "CaseFileError",
    "ContinuumPosition",
    "DesignDecision",
    "DesignOption",
    "DesignPlan",
    "DesignVariant",
    "Environment",
    "Finding",
    "FindingPlace",
    "Leerfiche",
    "Level",
    "Perspective",
    "Position",
    "Problem",
    "Process",
    "Quadrant",
    "QuadrantSummary",
    "ReflectionWeb",
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
    "Valorisation",
    "Vocabulary",
    "WorkbookError",
    "analyse_role_map",
    "apply_variant",
    "case_ids",
    "coverage_matrix",
    "design_options",
    "dump_case",
    "file_revision",
    "find_case_file",
    "load_case",
    "overview_table",
    "parse_case",
    "parse_quadrant",
    "quadrant_by_number",
    "quadrant_weights",
    "save_case",
    "search_directory",
    "summarise",
    "task_catalogue",
    "update_case",
]
