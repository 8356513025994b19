"""hlo-design: a design workbook for hybrid learning environments (hybride leeromgevingen).

The public API is re-exported here; ``tests/test_public_api.py`` keeps
``__all__`` honest.
"""

from __future__ import annotations

from hlo_design.analysis.case_overview import overview_table
from hlo_design.analysis.design_coverage import coverage_matrix
from hlo_design.analysis.directory_search import search as search_directory
from hlo_design.analysis.quadrant_summary import QuadrantSummary, summarise
from hlo_design.analysis.role_map import analyse_role_map
from hlo_design.analysis.variants import apply_variant
from hlo_design.base.errors import (
    CaseFileError,
    Problem,
    SaveConflictError,
    UnknownCaseError,
    UnknownQuadrantError,
    WorkbookError,
)
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import case_ids, find_case_file, load_case, parse_case
from hlo_design.casefile.saving import dump_case, file_revision, save_case, update_case
from hlo_design.model.activities import Activity
from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.design_plan import DesignDecision, DesignPlan, DesignVariant
from hlo_design.model.environments import Environment
from hlo_design.model.findings import Finding, FindingPlace
from hlo_design.model.leerfiche import Leerfiche
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import DesignOption, Perspective, design_options
from hlo_design.model.quadrants import Position, Quadrant, parse_quadrant, quadrant_by_number, quadrant_weights
from hlo_design.model.reflection import ReflectionWeb
from hlo_design.model.rhythm import Rhythm, Setting
from hlo_design.model.roles import ActorType, Process, RoleMap, Side, Sticker, Task, task_catalogue
from hlo_design.model.scan import Scan, ScanEntry, ScanGroup
from hlo_design.model.valorisation import Valorisation

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
