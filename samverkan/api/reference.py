"""The API's documentation page at /api/docs: the OpenAPI document read into a page of the
site, server-rendered with the site's stylesheet, so it is accessible as every page is (the
bundled Swagger UI is not: contrast, buttons inside buttons, no language) and works without
JavaScript. The OpenAPI document stays at /api/openapi.json for tools."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    return str(schema.get("format") or schema.get("type") or "")


def _answer(code: str, answer: dict[str, Any]) -> str:
    content = answer.get("content", {}).get("application/json")
    return f"{code} {_type(content['schema'])}" if content else str(code)


def schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The named schemas with their fields: name, type, required."""
    found = []
    for name, body in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(body.get("required", []))
        found.append(
            {
                "name": name,
                "fields": [
                    {"name": field, "type": _type(spec), "required": field in required}
                    for field, spec in body.get("properties", {}).items()
                ],
            }
        )
    return found


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of the OpenAPI document, in its order, as a page shows it."""
    found = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", f"{method}-{path}"),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "deprecated": operation.get("deprecated", False),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _type(p.get("schema", {})),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": _type(body["schema"]) if body else "",
                    "responses": [
                        _answer(code, answer)
                        for code, answer in sorted(operation.get("responses", {}).items())
                    ],
                    "tags": operation.get("tags", []),
                }
            )
    return found


class ReferencePage(DocsBase):
    """ninja's docs hook: renders `opendata/api_reference.html` instead of Swagger UI."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(
            request,
            "opendata/api_reference.html",
            {
                "title": schema["info"]["title"],
                "description": schema["info"].get("description", ""),
                "operations": operations(schema),
                "schemas": schemas(schema),
                "openapi_url": self.get_openapi_url(api, kwargs),
            },
        )
