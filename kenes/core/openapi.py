"""The OpenAPI document as the API really behaves: who may call, which errors come back, with examples.

django-ninja describes what the views declare: their parameters, bodies and successful answers.
What the rest of the API does is the same for every operation and is added here, once, from
each operation's method, path and body, so the next endpoint is described without an edit:

- reads (GET) work anonymously, with a bearer token or with the browser's session; writes need
  a bearer token (``kenes.api.TokenOrSession``);
- the errors of ``kenes.api``'s exception handlers and ``kenes.core.middleware``: 400, 401, 403,
  404, 409, 422, 428 and 429, each only where it can happen, in one shape
  ``{"detail": "…", "errors": {"field": ["…"]}}`` (409 for a stale version has its own, ``VersionConflict``);
- an example for every request body, parameter and answer (``kenes.core.openapi_examples``).

``tests/api/test_openapi.py`` checks the document; ``tests/api/test_schemathesis.py`` checks the
API against it.
"""

from __future__ import annotations

import inspect
from typing import Any

from ninja import NinjaAPI

from kenes.core.openapi_examples import ERROR_EXAMPLES, add_examples

BEARER = "BearerAuth"
SESSION = "SessionCookie"
READ_METHODS = {"get", "head"}
WRITE_METHODS = {"post", "put", "patch", "delete"}

ERROR = {
    "title": "Error",
    "type": "object",
    "description": "Every error: a sentence in the language of Accept-Language and, for invalid input, "
                   "the messages of each field (`__all__` for the whole request).",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in one or two sentences."},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                   "description": "Messages per field of the request."},
    },
}
VERSION_CONFLICT = {
    "title": "VersionConflict",
    "type": "object",
    "description": "The record changed since the version you sent: who changed it, when, and what differs. "
                   "Nothing was saved; read the record again and send the change with `current_version`.",
    "required": ["detail", "current_version", "your_version", "changed_by", "changed_at", "changes"],
    "properties": {
        "detail": {"type": "string"},
        "current_version": {"type": "integer"},
        "your_version": {"type": "integer"},
        "changed_by": {"type": "string"},
        "changed_at": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
        "changes": {"type": "array", "items": {
            "type": "object", "required": ["field", "yours", "now"],
            "properties": {"field": {"type": "string"}, "yours": {"type": "string"}, "now": {"type": "string"}}}},
    },
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}

DESCRIPTIONS = {
    "400": "The address or body holds text no record can hold (a NUL, a lone surrogate, bytes that are not "
           "UTF-8, a filter longer than 1000 characters), the body is not JSON, or a value the database "
           "cannot store.",
    "401": "The bearer token is wrong, revoked or expired; for a write, no token was sent.",
    "403": "Your role may not do this (writes: the secretariat, unless the operation says otherwise).",
    "404": "No such record, or one you may not see: the answer never tells which.",
    "409": "The record changed since the version you sent (`VersionConflict`), or the change conflicts with "
           "existing data. Nothing was saved.",
    "422": "A parameter or field is missing, unknown, of the wrong type, out of range or refused by the "
           "record's rules; `errors` names each field.",
    "428": "Send the version you started from: `version` in the body or an `If-Match` header.",
    "429": "Too many requests without a token from your address; try again after `Retry-After` seconds, "
           "or send a token.",
}

# What an operation's own code raises and its method and path do not show, by operation id.
FORBIDDEN_READS = {
    # Only the secretariat sees what the engine found in a document.
    "kenes_documents_api_list_mentions",
    # `everyone=true` (people outside the pool) is for the secretariat.
    "kenes_council_expert_api_list_experts",
}


PARTIAL_DATE = "A partial date: YYYY, YYYY-MM or YYYY-MM-DD (2025, 2025-09, 2025-09-14)."
TOPIC = "A topic's code (water, trade, transport, energy, security…); topics are data, kept by the secretariat."
# Filters whose values are data (parties, topics, the measures' workflow) or dates given as text.
PARAMETERS = {
    "party": "A party's code as `GET /parties` lists them: KZ (Kazakhstan), UZ (Uzbekistan).",
    "topic": TOPIC, "sector": TOPIC, "expertise": TOPIC,
    "status": "A status code of the measures' workflow as `GET /measure-statuses` lists them (proposed, adopted…).",
    "since": PARTIAL_DATE, "until": PARTIAL_DATE, "date_from": PARTIAL_DATE, "date_to": PARTIAL_DATE,
    "year": "A year: YYYY (2024).",
    "period": "A period: 2023, 2023-07, 2023-Q3 or 2023-01/2023-09.",
}


class DocumentedAPI(NinjaAPI):
    """``NinjaAPI`` whose OpenAPI document says what :func:`describe` adds."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        describe(schema, _needs_version(self))
        return schema


def describe(schema: dict, versioned: set[str]) -> dict:
    """Security, errors and examples for every operation of ``schema`` (changed in place).

    ``versioned``: the ids of operations that refuse a change naming no version (428).
    """
    components = schema.setdefault("components", {})
    components["securitySchemes"] = {
        BEARER: {"type": "http", "scheme": "bearer",
                 "description": "An API token from your account page: `Authorization: Bearer <token>`."},
        SESSION: {"type": "apiKey", "in": "cookie", "name": "sessionid",
                  "description": "The browser's session after signing in on the site: reads only."},
    }
    schemas = components.setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["VersionConflict"] = VERSION_CONFLICT
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            if method in READ_METHODS | WRITE_METHODS:
                _describe_operation(path, method, operation, versioned)
    add_examples(schema)
    return schema


def _describe_operation(path: str, method: str, operation: dict, versioned: set[str]) -> None:
    is_read = method in READ_METHODS
    # Anonymous reads see public records; a token or the session sees what the role allows.
    operation["security"] = [{}, {BEARER: []}, {SESSION: []}] if is_read else [{BEARER: []}]
    for status in _error_statuses(method, path, operation, versioned):
        _add_error(operation, status)
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter["name"] in PARAMETERS and "enum" not in schema and "description" not in parameter:
            parameter["description"] = PARAMETERS[parameter["name"]]


def _error_statuses(method: str, path: str, operation: dict, versioned: set[str]) -> list[str]:
    has_path_ids = "{" in path
    has_input = bool(operation.get("parameters")) or "requestBody" in operation
    is_read = method in READ_METHODS
    statuses = ["400", "401"]
    if not is_read or operation.get("operationId") in FORBIDDEN_READS:
        statuses.append("403")
    # A write names other records by id in its body; an unknown or hidden one is a 404 or a 422.
    if has_path_ids or not is_read:
        statuses.append("404")
    if not is_read:
        statuses.append("409")
    if has_input:
        statuses.append("422")
    if operation.get("operationId") in versioned:
        statuses.append("428")
    if is_read:
        statuses.append("429")
    return statuses


def _add_error(operation: dict, status: str) -> None:
    responses = operation.setdefault("responses", {})
    schema: dict[str, Any] = ERROR_REF
    if status == "409":
        schema = {"anyOf": [{"$ref": "#/components/schemas/VersionConflict"}, ERROR_REF]}
    existing = responses.get(status)
    if existing is not None:
        # The operation's own answer for this status (the import's report) or the shared error.
        own = existing.get("content", {}).get("application/json", {}).get("schema")
        if own is not None and own != schema:
            schema = {"anyOf": [own, schema]}
    response = {"description": DESCRIPTIONS[status],
                "content": {"application/json": {"schema": schema, "example": ERROR_EXAMPLES[status]}}}
    if status == "429":
        response["headers"] = {"Retry-After": {"description": "Seconds to wait before the next request.",
                                               "schema": {"type": "integer", "minimum": 0}}}
    responses[status] = response


def _needs_version(api: NinjaAPI) -> set[str]:
    """Operations whose view asks ``expected_version`` for a version it requires (428 without one)."""
    found = set()
    # ninja's own walk over the routers, nested ones included, as its schema generator does.
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                try:
                    source = inspect.getsource(operation.view_func)
                except (OSError, TypeError):  # pragma: no cover - views are ordinary functions
                    continue
                if "expected_version(" in source and "required=False" not in source:
                    found.add(operation.operation_id or api.get_openapi_operation_id(operation))
    return found
