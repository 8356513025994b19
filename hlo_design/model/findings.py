"""Diagnosis findings and where they sit in the quadrant model."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    Field,
    model_validator,
)

from hlo_design.base.schema import Identifier, Record, Sourced, Text
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Position, check_quadrant_number, quadrant_by_number

__all__ = ["Finding", "FindingPlace"]


class FindingPlace(Record):
    """Where a finding sits: the whole model, a quadrant (by number) or a position.

    In YAML: ``place: model``, ``place: {quadrant: 3}`` or
    ``place: {position: {form: 0.4, context: 0.6}}``.
    """

    quadrant: Annotated[int, AfterValidator(check_quadrant_number)] | None = None
    position: Position | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_word(cls, value: Any) -> Any:
        if value == "model":
            return {}
        if isinstance(value, str):
            raise ValueError(
                f"{value!r} is not a place; use `model`, {{quadrant: 1-4}} or {{position: {{form, context}}}}"
            )
        return value

    @model_validator(mode="after")
    def _one_place(self) -> FindingPlace:
        if self.quadrant is not None and self.position is not None:
            raise ValueError("give a quadrant or a position, not both")
        return self

    @property
    def is_model(self) -> bool:
        return self.quadrant is None and self.position is None

    @property
    def point(self) -> Position | None:
        """Where to draw the finding on the map; ``None`` for the whole model."""
        if self.position is not None:
            return self.position
        if self.quadrant is not None:
            return quadrant_by_number(self.quadrant).centre
        return None

    def to_yaml(self) -> Any:
        if self.is_model:
            return "model"
        return self.model_dump(mode="json", exclude_none=True)


class Finding(Sourced):
    """A diagnosis conclusion, placed in the model and linked to the perspectives it calls for."""

    id: Identifier
    label: str | None = Field(default=None, max_length=8)
    text: Text
    place: FindingPlace
    perspectives: list[Perspective] = Field(default_factory=list)
