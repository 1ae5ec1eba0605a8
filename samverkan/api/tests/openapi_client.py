"""A small client written against the API's generated OpenAPI document, as a partner's system
would use it: it reads the operations from /api/openapi.json and calls them by operationId.

It knows nothing of the routes but what the document says: the method and path of each
operation, its path and query parameters, the required fields of its request body (resolved
through `#/components/schemas`), and the answers it declares. An argument the document does not
name, a missing required one, or an answer it does not declare is an error here, so a change of
the document that breaks a client breaks this test.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any


class ClientError(Exception):
    pass


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    path_parameters: frozenset[str]
    query_parameters: frozenset[str]
    body_schema: dict[str, Any] | None
    statuses: frozenset[int]


class OpenApiClient:
    def __init__(self, base_url: str, token: str) -> None:
        if not base_url.startswith("http://127.0.0.1:"):
            raise ClientError("only the test's own server on 127.0.0.1")
        self.base_url = base_url.rstrip("/")
        self.token = token
        document = self._send("GET", "/api/openapi.json", None).body
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
        self.operations = {
            op["operationId"]: self._operation(method, path, op)
            for path, methods in document["paths"].items()
            for method, op in methods.items()
        }

    def _operation(self, method: str, path: str, op: dict[str, Any]) -> Operation:
        params = op.get("parameters", [])
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        return Operation(
            method=method.upper(),
            path=path,
            path_parameters=frozenset(p["name"] for p in params if p["in"] == "path"),
            query_parameters=frozenset(p["name"] for p in params if p["in"] == "query"),
            body_schema=self._resolve(body["schema"]) if "schema" in body else None,
            statuses=frozenset(int(code) for code in op["responses"]),
        )

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            return dict(self.schemas[ref.rsplit("/", 1)[1]])
        return schema

    def call(
        self,
        operation_id: str,
        *,
        body: dict[str, Any] | None = None,
        **arguments: Any,
    ) -> Answer:
        operation = self.operations.get(operation_id)
        if operation is None:
            raise ClientError(f"the document has no operation {operation_id}")
        missing = operation.path_parameters - arguments.keys()
        unknown = arguments.keys() - operation.path_parameters - operation.query_parameters
        if missing or unknown:
            raise ClientError(f"{operation_id}: missing {missing}, not in the document {unknown}")
        if (body is None) != (operation.body_schema is None):
            raise ClientError(f"{operation_id}: a body where the document has none, or none")
        if body is not None and operation.body_schema is not None:
            properties = operation.body_schema.get("properties", {})
            required = set(operation.body_schema.get("required", []))
            if required - body.keys() or body.keys() - properties.keys():
                raise ClientError(f"{operation_id}: the body does not fit its schema")
        path = operation.path
        for name in operation.path_parameters:
            path = path.replace("{" + name + "}", urllib.parse.quote(str(arguments[name]), safe=""))
        query = {k: v for k, v in arguments.items() if k in operation.query_parameters}
        if query:
            path += "?" + urllib.parse.urlencode(query)
        answer = self._send(operation.method, path, body)
        if answer.status not in operation.statuses and answer.status < 400:
            raise ClientError(f"{operation_id}: {answer.status} is not in the document")
        return answer

    def _send(self, method: str, path: str, body: dict[str, Any] | None) -> Answer:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 (only http://127.0.0.1, checked above)
            self.base_url + path, data=data, method=method
        )
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return Answer(response.status, json.loads(response.read()), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, json.loads(error.read() or b"null"), dict(error.headers))
