"""openapi.yaml is generated from the app, committed, valid OpenAPI 3.1, and complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate

from backend.cli import render_openapi

METHODS = ("get", "post", "put", "patch", "delete")


def test_committed_openapi_matches_the_app(project_root: Path) -> None:
    committed = (project_root / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == render_openapi(), "openapi.yaml is out of date: run `make openapi` and commit it"


def test_openapi_is_valid_3_1() -> None:
    spec = yaml.safe_load(render_openapi())
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _has_example(spec: dict[str, Any], media: dict[str, Any]) -> bool:
    if "example" in media or "examples" in media:
        return True
    schema = media.get("schema", {})
    for option in schema.get("oneOf", []) + schema.get("anyOf", []) + [schema]:
        if "examples" in _resolve(spec, option) or "example" in _resolve(spec, option):
            return True
    return False


def test_every_operation_has_an_id_tags_and_examples() -> None:
    spec = yaml.safe_load(render_openapi())
    ids = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            where = f"{method.upper()} {path}"
            assert op.get("operationId"), where
            assert op.get("tags"), where
            ids.append(op["operationId"])
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None:
                assert _has_example(spec, body), f"{where}: request body has no example"
            for status, response in op["responses"].items():
                content = response.get("content", {}).get("application/json")
                if status.startswith("2") and status != "204" and content is not None:
                    assert _has_example(spec, content), f"{where}: {status} response has no example"
    assert len(ids) == len(set(ids)), "operation ids must be unique"


def test_errors_are_documented_as_problem_details() -> None:
    spec = yaml.safe_load(render_openapi())
    for path, item in spec["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            for status, response in op["responses"].items():
                if status[0] in "45":
                    assert "application/problem+json" in response.get("content", {}), (
                        f"{method} {path} {status}"
                    )
