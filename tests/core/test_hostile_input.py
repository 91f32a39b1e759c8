"""Hostile input never causes a server error: a bad value is a 400/422 with a JSON message on the API.

The property-based tests find their targets themselves: every path, method, parameter and body
field in /api/openapi.json, and every page without arguments (or with integer ones) with the
fields of its GET forms. The next app's endpoints and list filters are covered without an edit.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote_from_bytes

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kenes.accounts.services import create_api_token

pytestmark = pytest.mark.django_db

BIG = 2**63
HOSTILE_INTEGERS = [BIG, BIG - 1, BIG + 1, -BIG, -BIG - 1, 2**64, 10**40, -1, 0, 1]
HOSTILE_TEXT = ["\ud800", "a\udfffb", "\x00", "x\x00y", "x" * 10_000, "x" * 999, "-1", "abc", "1e400", "NaN",
                "9" * 30, "", " ", "%", "' OR 1=1 --", "Токаев", "\u202e", "\ufeff"]
hostile_integer = st.sampled_from(HOSTILE_INTEGERS) | st.integers()
hostile_text = st.sampled_from(HOSTILE_TEXT) | st.text(max_size=30)
hostile_value = hostile_integer | hostile_text | st.sampled_from([None, True, [], {}, ["\ud800"], 1.5])
SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _escape(value) -> str:
    """How a value arrives over HTTP: UTF-8 bytes, percent-escaped (a lone surrogate as CESU bytes)."""
    return quote_from_bytes(str(value).encode("utf-8", "surrogatepass"), safe="")


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'hostile')[1]}"}


@pytest.fixture
def callers(directory, alice, rita):
    return {"anonymous": {}, "reader": _auth(rita), "secretariat": _auth(alice)}


# --- the defects as found, one by one --------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/api/people?organization=9223372036854775808",
    "/api/memberships?person=9223372036854775808",
    "/api/memberships?organization=9223372036854775808",
    "/api/people?offset=9223372036854775808",
    "/api/people?limit=9223372036854775808",
    "/api/people/9223372036854775808",
    "/api/organizations/-1",
])
def test_it_answers_numbers_the_database_cannot_hold_with_a_422(client, directory, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["detail"] == "The request is not valid."


@pytest.mark.parametrize("url", ["/api/organizations?kind=%00", "/api/people?party=%00", "/api/people?q=x%00",
                                 "/api/people?q=%ED%A0%80", "/api/people?q=%FF"])
def test_it_refuses_nul_and_broken_text_in_an_api_filter_with_json(client, directory, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize("url", ["/directory/people/?party=%00", "/directory/organisations/?kind=%00",
                                 "/directory/people/?q=%ED%A0%80", "/directory/people/?q=" + "x" * 10_000])
def test_it_refuses_nul_broken_text_and_overlong_filters_on_pages(client, directory, url):
    assert client.get(url).status_code == 400


def test_it_explains_the_refusal_in_the_readers_language(client, directory):
    response = client.get("/api/people?party=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "The request contains a NUL character, which is not allowed."


@pytest.mark.parametrize("body", [
    '{"name_en": "x", "party": "\\ud800"}', '{"name_en": "x", "expertise": ["\\ud800"]}',
    '{"name_en": "x\\u0000"}', '{"name_en": "x", "\\ud800": 1}',
])
@pytest.mark.parametrize("who", ["anonymous", "reader", "secretariat"])
def test_it_refuses_lone_surrogates_and_nul_in_a_json_body_with_json(client, callers, directory, body, who):
    for method, url in [("post", "/api/people"), ("patch", f"/api/people/{directory['tokayev'].pk}"),
                        ("post", "/api/memberships")]:
        response = getattr(client, method)(url, body, content_type="application/json", **callers[who])
        assert response.status_code == 400, (method, url, response.content)
        assert response["Content-Type"].startswith("application/json")
    directory["tokayev"].refresh_from_db()
    assert directory["tokayev"].name_en == "Kassym-Jomart Tokayev"


def test_it_refuses_a_surrogate_whatever_the_content_type_says(client, callers):
    response = client.post("/api/people", '{"name_en": "\\ud800"}', content_type="text/plain",
                           **callers["secretariat"])
    assert response.status_code == 400


@pytest.mark.parametrize(("who", "status", "detail"), [
    ("anonymous", 401, "The API token is missing, wrong or revoked."),  # no credentials: send a token
    ("reader", 403, "Only the secretariat can change these records."),
])
def test_it_checks_the_role_before_reading_the_body_or_looking_anything_up(client, callers, who, status, detail):
    # A hidden id, a huge id and a broken body all get the same answer: nothing is looked up first.
    for url in ["/api/people/9223372036854775808", "/api/memberships/1", "/api/organizations/999999"]:
        response = client.patch(url, "{not json", content_type="application/json", **callers[who])
        assert response.status_code == status, (url, response.content)
        assert response.json()["detail"] == detail


def test_it_answers_a_deeply_nested_body_with_a_400(client, callers):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/people", body, content_type="application/json", **callers["secretariat"])
    assert response.status_code == 400


def test_it_says_which_bound_a_number_broke(client, directory):
    errors = client.get("/api/people?organization=9223372036854775808&offset=-1").json()["errors"]
    assert errors == {"organization": ["This number must be at most 9223372036854775807."],
                      "offset": ["This number must be at least 0."]}


def test_it_refuses_on_the_styled_error_page_when_there_is_one(client, directory, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "APP_DIRS": False, "OPTIONS": {
        **settings.TEMPLATES[0]["OPTIONS"],
        "loaders": [("django.template.loaders.locmem.Loader", {"400.html": "<p>{{ message }}</p>"})],
    }}]
    response = client.get("/directory/people/?party=%00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.content.decode() == "<p>The request contains a NUL character, which is not allowed.</p>"


def test_it_answers_an_unknown_api_address_with_json(client):
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}


def test_it_answers_a_huge_page_number_with_the_last_page(client, directory):
    assert client.get("/directory/people/?page=9223372036854775808").status_code == 200


# --- every integer the API takes is bounded ---------------------------------------------------


def _openapi(client) -> dict:
    return client.get("/api/openapi.json").json()


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _integer_schemas(schema: dict):
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            yield option


def test_it_bounds_every_integer_parameter_and_field_of_the_api(client):
    document = _openapi(client)
    unbounded = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            fields = {p["name"]: p["schema"] for p in operation.get("parameters", [])}
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                fields.update(_resolve(document, body["schema"]).get("properties", {}))
            for name, schema in fields.items():
                for option in _integer_schemas(schema):
                    if "enum" in option:
                        continue  # a closed list of values is bounded (a compliance score: -1, 0, 1)
                    if "minimum" not in option or option.get("maximum", BIG) >= BIG:
                        unbounded.append(f"{method.upper()} {path} {name}")
    assert not unbounded, "use kenes.core.api_types.Id (or a bounded Field) for: " + ", ".join(unbounded)


# --- every endpoint and every list filter, driven with hostile values -------------------------


def _operations(document: dict) -> list[dict]:
    operations = []
    for path, methods in document["paths"].items():
        if path == "/api/openapi.json":
            continue
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            body = _resolve(document, content["schema"]) if content else None
            operations.append({
                "path": path, "method": method,
                "path_params": {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "path"},
                "query": {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "query"},
                "body": body.get("properties", {}) if body else None,
                "required": body.get("required", []) if body else [],
            })
    return operations


def _is_integer(schema: dict) -> bool:
    return any(True for _option in _integer_schemas(schema))


def _hostile_for(schema: dict) -> list:
    """The values worth trying for a field: huge and negative numbers for integers, broken text for the rest."""
    if _is_integer(schema):
        return [BIG, BIG - 1, -BIG - 1, 10**40, -1, "abc", "1.5", ""]
    return ["\ud800", "x\x00y", "x" * 10_000, "x" * 999, "9" * 30, "", BIG, -1]


def _strategy_for(schema: dict):
    return st.sampled_from(_hostile_for(schema)) | hostile_value


def _existing_ids(client, operations, caller) -> list[int]:
    ids = set()
    for operation in operations:
        if operation["method"] == "get" and not operation["path_params"]:
            response = client.get(operation["path"], **caller)
            items = response.json()
            items = items.get("items", []) if isinstance(items, dict) else items
            ids.update(item["id"] for item in items if isinstance(item, dict) and "id" in item)
    return sorted(ids)


def _send(client, operation, caller, path_values: dict, query: dict, body: dict | None):
    url = operation["path"]
    for name, value in path_values.items():
        url = url.replace("{" + name + "}", _escape(value))
    if query:
        url += "?" + "&".join(f"{name}={_escape(value)}" for name, value in query.items())
    kwargs = dict(caller)
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")  # surrogates escaped, as a client sends them
    response = getattr(client, operation["method"])(url, **kwargs)
    described = (operation["method"].upper(), url[:200], kwargs.get("data", "")[:200], response.content[:300])
    assert response.status_code < 500, described
    if response.status_code != 204:
        assert response["Content-Type"].startswith("application/json"), described
    return response


def _base_body(operation, ids) -> dict | None:
    if operation["body"] is None:
        return None
    return {name: (ids[0] if _is_integer(operation["body"][name]) else "Hostile test")
            for name in operation["required"]}


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_it_answers_each_hostile_value_in_each_parameter_and_field_without_a_server_error(client, callers, who):
    """A sweep: one hostile value at a time, everything else valid, so each reaches as deep as it can."""
    operations = _operations(_openapi(client))
    ids = _existing_ids(client, operations, callers["secretariat"])
    for operation in operations:
        valid_path = dict.fromkeys(operation["path_params"], ids[0])
        base = _base_body(operation, ids)
        for name, schema in operation["path_params"].items():
            for value in _hostile_for(schema):
                _send(client, operation, callers[who], {**valid_path, name: value}, {}, base)
        for name, schema in operation["query"].items():
            for value in _hostile_for(schema):
                _send(client, operation, callers[who], valid_path, {name: value}, base)
        for name, schema in (operation["body"] or {}).items():
            for value in _hostile_for(schema):
                _send(client, operation, callers[who], valid_path, {}, {**base, name: value})


@pytest.mark.parametrize("who", ["anonymous", "reader", "secretariat"])
def test_it_never_fails_with_a_server_error_on_any_api_endpoint(client, callers, who):
    """Random combinations: several hostile values at once, ids that exist mixed with ones that cannot."""
    operations = _operations(_openapi(client))
    ids = _existing_ids(client, operations, callers["secretariat"])
    assert len(operations) >= 10 and ids

    @SETTINGS
    @given(data=st.data())
    def run(data):
        operation = data.draw(st.sampled_from(operations))
        some_id = st.sampled_from(ids)
        path_values = {name: data.draw(some_id | _strategy_for(schema))
                       for name, schema in operation["path_params"].items()}
        names = data.draw(st.lists(st.sampled_from(sorted(operation["query"])), unique=True)) \
            if operation["query"] else []
        query = {name: data.draw(_strategy_for(operation["query"][name])) for name in names}
        body = None
        if operation["body"] is not None:
            fields = data.draw(st.lists(st.sampled_from(sorted(operation["body"])), unique=True)) \
                if operation["body"] else []
            body = _base_body(operation, ids)
            body.update({name: data.draw(some_id | _strategy_for(operation["body"][name])) for name in fields})
        _send(client, operation, callers[who], path_values, query, body)

    run()


class _GetForms(HTMLParser):
    """The field names of every ``<form method="get">`` on a page, and the query names of its links
    (sorting, exports), by the address they go to."""

    def __init__(self, page: str):
        super().__init__()
        self.page, self.forms, self._current = page, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            get = (attrs.get("method") or "get").lower() == "get"
            self._current = self.forms.setdefault(attrs.get("action") or self.page, set()) if get else None
        elif tag in {"input", "select", "textarea"} and self._current is not None and attrs.get("name"):
            self._current.add(attrs["name"])
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            path, _sep, query = attrs["href"].partition("?")
            self.forms.setdefault(path or self.page, set()).update(parse_qs(query, keep_blank_values=True))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _pages() -> list[str]:
    """Every page address without arguments or with integer ones (as ``{int}``), admin and API aside."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("admin", "api")):
                    walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("^"):
                route = re.sub(r"<int:\w+>", "{int}", route)
                if "<" not in route:
                    found.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return found


def test_it_never_fails_with_a_server_error_on_any_page_or_list_filter(client, directory, alice):
    pages = _pages()
    assert "/directory/people/" in pages and "/directory/people/{int}/" in pages
    client.force_login(alice)
    fields_by_page = {page: {"page"} for page in pages}
    for page in pages:
        if "{int}" not in page:
            forms = _GetForms(page)
            forms.feed(client.get(page).content.decode(errors="replace"))
            for action, fields in forms.forms.items():
                if action.startswith("/"):
                    fields_by_page.setdefault(action, {"page"}).update(fields)
    targets = [(page, sorted(fields)) for page, fields in fields_by_page.items()]
    assert any(page == "/directory/people/" and "party" in fields for page, fields in targets)
    # A sweep first, one value in one field at a time (numbers where a number belongs, junk elsewhere) …
    for page, fields in targets:
        url = page.replace("{int}", str(BIG))
        for name in fields:
            for value in ["\ud800", "x\x00y", "9" * 30, BIG, -BIG - 1, "x" * 999]:
                response = client.get(f"{url}?{name}={_escape(value)}")
                assert response.status_code < 500, (url, name, value)

    # … then random combinations, signed in and not.
    @SETTINGS
    @given(data=st.data())
    def run(data):
        page, fields = data.draw(st.sampled_from(targets))
        url = page.replace("{int}", str(data.draw(st.sampled_from([BIG, BIG - 1, 2**64, 10**40, 0, 1])))) \
            if "{int}" in page else page
        names = data.draw(st.lists(st.sampled_from(fields), unique=True, min_size=1))
        query = "&".join(f"{name}={_escape(data.draw(hostile_value))}" for name in names)
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query, response.content[:300])

    run()
    client.logout()
    run()


def test_it_answers_a_wrong_method_on_the_api_in_json(client, db):
    response = client.put("/api/people", {}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert "not allowed" in response.json()["detail"]


def test_it_shows_the_styled_bad_request_page_for_a_nul_in_a_filter(client, db):
    response = client.get("/directory/people/?party=%00")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This request could not be read" in page and "Nothing was changed" in page
