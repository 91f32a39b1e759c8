"""Examples for the OpenAPI document, made from each schema: realistic values of the partnership.

Writing an example by hand for each of a hundred operations would drift from the schemas; here
every request body, parameter and answer gets one built from its JSON schema, a field's value
chosen by its name (``title_en``, ``party``, ``period``…) among facts of the Kazakhstan–Uzbekistan
partnership, and bent to the schema's own rules (allowed values, patterns, lengths, bounds).
``tests/api/test_openapi.py`` validates every example against its schema.
"""

from __future__ import annotations

import re
from typing import Any

# Facts of the partnership, by field name. A name not here falls back to its schema's type.
BY_NAME: dict[str, Any] = {
    "title": "Strategic Partnership and Alliance Programme 2024–2034",
    "title_en": "Strategic Partnership and Alliance Programme 2024–2034",
    "title_ru": "Программа стратегического партнёрства и союзничества на 2024–2034 годы",
    "title_kk": "2024–2034 жылдарға арналған стратегиялық әріптестік және одақтастық бағдарламасы",
    "title_uz": "2024–2034 yillarga mo‘ljallangan strategik sheriklik va ittifoqchilik dasturi",
    "name": "Kazakhstan Institute for Strategic Studies",
    "name_en": "Kazakhstan Institute for Strategic Studies",
    "name_ru": "Казахстанский институт стратегических исследований",
    "name_kk": "Қазақстан стратегиялық зерттеулер институты",
    "name_uz": "Qozog‘iston strategik tadqiqotlar instituti",
    "acronym": "KazISS",
    "description_en": "Develop mechanisms to reach $10 billion mutual trade between Kazakhstan and Uzbekistan.",
    "summary_en": "Kazakhstan and Uzbekistan agree to raise mutual trade to $10 billion.",
    "text": "The sides agreed to develop mechanisms to reach $10 billion mutual trade.",
    "text_en": "The sides agreed to develop mechanisms to reach $10 billion mutual trade.",
    "reason": "Adopted at the second meeting of the Expert Council",
    "evidence": "Joint statement of the Presidents, Tashkent, 22 December 2022",
    "occasion": "Second meeting of the Expert Council",
    "place": "Tashkent",
    "location": "Kazakhstan–Uzbekistan border",
    "party": "KZ",
    "lead_party": "KZ",
    "reporting_party": "UZ",
    "code": "KZ",
    "parties": ["KZ", "UZ"],
    "proposed_by_parties": ["KZ"],
    "allowed_lead_parties": ["KZ", "UZ"],
    "approved_by": ["KZ", "UZ"],
    "waiting_for": [],
    "topic": "trade",
    "sector": "industry",
    "topics": ["trade", "water"],
    "expertise": ["water", "energy"],
    "language": "en",
    "languages": ["kk", "ru", "en"],
    "unit": "USD",
    "currency": "USD",
    "value": "10000000000",
    "latest_value": "4400000000",
    "budget": "1000000",
    "max_amount": "300000",
    "requested_amount": "200000",
    "amount": "200000",
    "rate": "0.0021",
    "weight": "2",
    "period": "2023",
    "deadline": "2030",
    "published": "2024-08-28",
    "founded": "2008",
    "signed_on": "2024-08",
    "first_proposed_on": "2024-08-28",
    "start_date": "2024",
    "end_date": "",
    "stated_on": "2024-08-07",
    "date_from": "2024",
    "date_to": "2025-09",
    "since": "2024-01",
    "until": "2025",
    "year": "2024",
    "source": "Bureau of National Statistics of Kazakhstan",
    "source_url": "https://stat.gov.kz/en/",
    "url": "https://kenes.example.org/inventory/measures/1/",
    "evidence_url": "https://kaziss.kz/en/",
    "website": "https://kaziss.kz/en/",
    "email": "office@kaziss.kz",
    "phone": "+7 7172 75 20 20",
    "q": "water",
    "detail": "The sides agreed to develop mechanisms to reach $10 billion mutual trade.",
    "percent": 40,
    "progress": "0.4",
    "count": 1,
    "version": 3,
    "current_version": 4,
    "your_version": 3,
    "position": 1,
    "limit": 50,
    "offset": 0,
    "latest_year": 2023,
    "growth_from_year": 2022,
    "projected_year": 2031,
    "duration_months": 24,
    "scale_max": 10,
    "word_count": 412,
    "changed_by": "Alice",
    "author": "Alice",
    "created_at": "2024-08-28T10:00:00+00:00",
    "posted_at": "2024-08-28T10:00:00+00:00",
}

# Text values of fields whose name means a number elsewhere, or that only answers carry.
TEXT_BY_NAME: dict[str, str] = {
    "status": "adopted", "state": "published", "kind": "measure", "visibility": "public", "label": "water",
    "decision": "linked", "role": "lead", "resolution": "accepted", "time_zone": "Asia/Almaty",
    "media_type": "text/plain", "original_name": "press-release.txt", "query": "water", "group": "water",
    "snippet": "Cooperation on <mark>water</mark> and climate security", "quote": "water and climate security",
    "rule": "gazetteer", "outcome": "new", "comment": "Feasible within two years.", "note": "",
    "percent": "80", "position": "Chair", "provision": "2.1", "date": "2024-08-28", "approved_on": "2024-08-28",
    "set_on": "2022-12-22", "period_start": "2024-01", "period_end": "2024-12", "summary": "Pilot drip irrigation",
    "description": "", "on_behalf_of": "", "end_reason": "", "failure_reason": "", "override_reason": "",
    "qualifier": "", "format": "in_person",
    # Figures travel as decimal strings.
    "mean": "0.8", "share": "0.44", "growth": "0.0261", "needed_growth": "0.1405", "low": "4180000000",
    "high": "4400000000", "score": "8.5", "minimum_score": "6", "score_needed": "0.5", "budget_needed": "0",
    "balance": "40", "balance_percent": "40", "total_score": "25.5", "total_amount": "500000",
    "total_value": "144000000",
}

ERROR_EXAMPLES: dict[str, dict] = {
    "400": {"detail": "The request contains a NUL character, which is not allowed."},
    "401": {"detail": "The API token is missing, wrong or revoked."},
    "403": {"detail": "Only the secretariat can change these records."},
    "404": {"detail": "Not found."},
    "409": {"detail": "Alice changed this record at 2026-12-01 10:15, after you opened it; nothing was saved. "
                      "Review their changes below, then save again.",
            "current_version": 4, "your_version": 3, "changed_by": "Alice",
            "changed_at": "2026-12-01T05:15:02+00:00",
            "changes": [{"field": "title_en", "yours": "", "now": "Strategic Partnership and Alliance Programme "
                                                                  "2024–2034"}]},
    "422": {"detail": "The request is not valid.", "errors": {"party": ["No party with the code XX."]}},
    "428": {"detail": 'Send the version you started from: "version" in the body or an If-Match header '
                      "(read the record first; its version is in the answer)."},
    "429": {"detail": "Too many requests without a token; try again in 30 seconds."},
}

# A value that fits a pattern, for patterns whose field name is not in BY_NAME.
PATTERN_SAMPLES = ["", "2024", "2024-08", "2024-08-28", "2023-Q3", "2023-01/2023-09", "KZ", "trade"]
MAX_DEPTH = 8


def add_examples(schema: dict) -> None:
    """An example on every request body, parameter and JSON answer of ``schema`` lacking one."""
    components = schema.get("components", {}).get("schemas", {})
    for methods in schema.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or method == "parameters":
                continue
            for parameter in operation.get("parameters", []):
                if "example" not in parameter and "schema" in parameter:
                    parameter["example"] = example(parameter["schema"], components, parameter.get("name", ""))
            body = operation.get("requestBody", {}).get("content", {})
            for media_type in body.values():
                _fill(media_type, components)
            for response in operation.get("responses", {}).values():
                for media_type in response.get("content", {}).values():
                    _fill(media_type, components)


def _fill(media_type: dict, components: dict) -> None:
    if "example" not in media_type and "examples" not in media_type and "schema" in media_type:
        media_type["example"] = example(media_type["schema"], components)


def example(schema: dict, components: dict, name: str = "", depth: int = 0) -> Any:
    """A value valid against ``schema``, realistic for a field called ``name``."""
    if "$ref" in schema:
        return example(components[schema["$ref"].rsplit("/", 1)[-1]], components, name, depth)
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return _choice(schema["enum"], name)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            branches = [b for b in schema[key] if b.get("type") != "null"] or schema[key]
            return example(branches[0], components, name, depth)
    if "allOf" in schema:
        return example(schema["allOf"][0], components, name, depth)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return _object(schema, components, depth)
    if kind == "array":
        return _array(schema, components, name, depth)
    if kind == "string":
        return _string(schema, name)
    if kind == "integer":
        return _number(schema, name, default=1)
    if kind == "number":
        return _number(schema, name, default=0.92)
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return BY_NAME.get(name, "")


def _choice(values: list, name: str) -> Any:
    wanted = BY_NAME.get(name)
    if wanted in values:
        return wanted
    return next((value for value in values if value not in ("", None)), values[0])


def _object(schema: dict, components: dict, depth: int) -> dict:
    if depth > MAX_DEPTH:
        return {}
    properties = schema.get("properties", {})
    return {key: example(value, components, key, depth + 1) for key, value in properties.items()}


def _array(schema: dict, components: dict, name: str, depth: int) -> list:
    wanted = BY_NAME.get(name)
    items = schema.get("items", {})
    if isinstance(wanted, list) and all(_fits(value, items) for value in wanted):
        values = wanted
    elif depth > MAX_DEPTH or schema.get("maxItems") == 0:
        values = []
    else:
        values = [example(items, components, _singular(name), depth + 1)]
    return values[: schema.get("maxItems", len(values))]


def _singular(name: str) -> str:
    if name in {"observation_ids", "presenters", "measures", "participants", "organizers", "documents"}:
        return "id"
    return name[:-1] if name.endswith("s") else name


def _string(schema: dict, name: str) -> str:
    fmt = schema.get("format")
    if fmt == "date":
        return "2024-08-28"
    if fmt == "date-time":
        return "2024-08-28T10:00:00+05:00"
    if fmt == "binary":
        return "kz-uz-trade-turnover.csv"
    # A translation not given yet is empty, as on the pages.
    untranslated = "" if name.endswith(("_ru", "_kk", "_uz")) else None
    candidates = [BY_NAME.get(name), TEXT_BY_NAME.get(name), untranslated,
                  *([] if "pattern" not in schema else PATTERN_SAMPLES), "", "Tashkent"]
    for value in candidates:
        if isinstance(value, str) and _fits(value, schema):
            return value
    return "x" * schema.get("minLength", 1)


def _number(schema: dict, name: str, default):
    value = BY_NAME.get(name, default)
    if not isinstance(value, int | float) or isinstance(value, bool):
        value = default
    if "minimum" in schema:
        value = max(value, schema["minimum"])
    if "maximum" in schema:
        value = min(value, schema["maximum"])
    return value


def _fits(value: Any, schema: dict) -> bool:
    if not isinstance(value, str):
        return schema.get("type") != "string"
    if schema.get("type") not in (None, "string"):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if len(value) > schema.get("maxLength", len(value)) or len(value) < schema.get("minLength", 0):
        return False
    return "pattern" not in schema or re.search(schema["pattern"], value) is not None
