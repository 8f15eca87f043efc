"""Shared request/response building blocks."""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A request body: unknown fields are rejected, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Out(BaseModel):
    """A response body."""

    model_config = ConfigDict(from_attributes=True)


def example_config(example: dict[str, Any], **config: Any) -> ConfigDict:
    """A model config carrying ``example`` for both pydantic's JSON Schema and Litestar's OpenAPI."""
    result: dict[str, Any] = {**config, "json_schema_extra": {"examples": [example]}, "example": example}
    return cast(ConfigDict, result)  # "example" is the key Litestar's OpenAPI generator reads
