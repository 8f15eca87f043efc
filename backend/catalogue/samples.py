"""A valid example application for any procedure's form schema (demo data, tests, benchmarks)."""

from __future__ import annotations

from typing import Any

_PATTERN_EXAMPLES = {
    "^[0-9]{12}$": "030095001234",
    "^(0|\\+84)[0-9]{9,10}$": "0912345678",
    "^[0-9]{0,30}$": "1234567890",
    "^[0-9]{10}$": "0801234567",
    "^[0-9]{10}(-[0-9]{3})?$": "0801234567",
    "^[A-Z][0-9]{7,8}$": "C1234567",
}


def example_value(schema: dict[str, Any]) -> Any:
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return example_form(schema)
    if kind == "array":
        return [example_value(schema.get("items", {"type": "string"}))][: max(1, schema.get("minItems", 1))]
    if kind == "integer":
        return int(schema.get("minimum", 1))
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return True
    if schema.get("format") == "date":
        return "2026-11-02"
    if schema.get("format") == "email":
        return "nguoidan@example.vn"
    if "pattern" in schema:
        return _PATTERN_EXAMPLES.get(schema["pattern"], "0")
    text = "Nguyễn Văn An" if "name" in str(schema.get("x-title-en", "")).lower() else "Thông tin mẫu"
    return text[: schema.get("maxLength", 100)]


def example_form(schema: dict[str, Any]) -> dict[str, Any]:
    """Values for the required properties only: the smallest valid application."""
    props = schema.get("properties", {})
    return {name: example_value(props[name]) for name in schema.get("required", [])}
