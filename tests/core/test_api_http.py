"""The API as a client meets it: versioned addresses, pages sorted alike, ETags, and the anonymous rate limit."""

import pytest

from kenes.accounts.services import create_api_token
from kenes.core import api_http
from kenes.directory import services

pytestmark = pytest.mark.django_db

# Answers that are one thing rather than a list of records: reference data, a computed table, a
# document in another standard, the search's groups. Every other list is paged alike.
NOT_PAGED = {"/api/v1/parties", "/api/v1/measure-statuses", "/api/v1/compliance", "/api/v1/search",
             "/api/v1/indicators/{indicator_id}/progress", "/api/v1/bodies/{body_id}/composition"}


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


def _schema(client):
    return client.get("/api/v1/openapi.json").json()


def test_it_answers_at_v1_and_still_at_the_first_addresses(client, directory):
    schema = _schema(client)
    assert schema["paths"] and all(path.startswith("/api/v1/") for path in schema["paths"])
    assert client.get("/api/v1/docs").status_code == 200
    current = client.get("/api/v1/people?q=tokayev")
    old = client.get("/api/people?q=tokayev")
    assert old.status_code == 200 and old.json() == current.json()
    assert old["Link"] == '</api/v1/people>; rel="successor-version"' and not current.has_header("Link")
    assert client.get("/api/v1/no-such-thing").json() == {"detail": "Not found."}


def test_every_list_of_records_is_paged_with_the_same_parameters(client):
    schema, paged = _schema(client), 0
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or path in NOT_PAGED:
            continue
        answer = get["responses"]["200"].get("content", {}).get("application/json", {}).get("schema", {})
        shape = schema["components"]["schemas"][answer["$ref"].split("/")[-1]] if "$ref" in answer else answer
        if shape.get("type") == "array" or "items" in shape.get("properties", {}):
            names = {parameter["name"] for parameter in get["parameters"]}
            assert {"limit", "offset"} <= names, path
            assert set(shape["properties"]) == {"items", "count"}, path
            paged += 1
    assert paged == 30


def test_every_sortable_field_sorts_both_ways(client, alice, inventory):
    sortable = 0
    for path, operations in _schema(client)["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["name"] != "sort":
                continue
            url = path.replace("{", "").replace("}", "")
            for value in parameter["schema"]["enum"]:
                sortable += 1
                response = client.get(url, {"sort": value}, **_auth(alice))
                assert response.status_code == 200, (path, value, response.content)
    assert sortable >= 40


def test_it_sorts_a_list_with_ties_in_id_order_and_names_the_allowed_fields(client, alice, directory):
    for name in ("Aral Centre", "Aral Centre", "Zhetysu Forum"):
        services.create_organization(alice, name_en=name, kind="think_tank", visibility="public")
    ascending = client.get("/api/v1/organizations?sort=name_en").json()["items"]
    names = [row["name_en"] for row in ascending]
    assert names == sorted(names)
    twins = [row["id"] for row in ascending if row["name_en"] == "Aral Centre"]
    assert twins == sorted(twins)
    descending = client.get("/api/v1/organizations?sort=-name_en&limit=2").json()
    assert [row["name_en"] for row in descending["items"]] == ["Zhetysu Forum", "Kazakhstan Institute for Strategic Studies"]
    assert descending["count"] == len(ascending)
    refused = client.get("/api/v1/organizations?sort=budget")
    assert refused.status_code == 422
    message = refused.json()["errors"]["sort"][0]
    assert "name_en" in message and "-founded" in message


def test_a_get_has_an_etag_and_an_unchanged_answer_is_304_without_a_body(client, alice, directory):
    first = client.get("/api/v1/people")
    etag = first["ETag"]
    again = client.get("/api/v1/people", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    services.create_person(alice, name_en="Nurlan New", visibility="public")
    changed = client.get("/api/v1/people", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_records_etag_carries_its_version_and_serves_as_if_match(client, alice, directory):
    auth, url = _auth(alice), f"/api/v1/people/{directory['tokayev'].pk}"
    record = client.get(url, **auth)
    etag = record["ETag"]
    assert etag.startswith(f'"{record.json()["version"]}-')
    changed = client.patch(url, {"biography_en": "President."}, content_type="application/json",
                           HTTP_IF_MATCH=etag, **auth)
    assert changed.status_code == 200, changed.content
    stale = client.patch(url, {"biography_en": "Again."}, content_type="application/json", HTTP_IF_MATCH=etag, **auth)
    assert stale.status_code == 409 and stale["ETag"] == f'"{changed.json()["version"]}"'
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, **auth).status_code == 200


def test_anonymous_callers_are_limited_per_address_and_tokens_are_not(client, alice, directory, settings,
                                                                      monkeypatch):
    settings.KENES_API_ANON_RATE = (3, 60)
    now = [6_000_000.0]
    monkeypatch.setattr(api_http, "clock", lambda: now[0])
    address = {"REMOTE_ADDR": "203.0.113.9"}
    assert [client.get("/api/v1/people", **address).status_code for _ in range(3)] == [200] * 3
    refused = client.get("/api/v1/people", HTTP_ACCEPT_LANGUAGE="ru", **address)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "токен" in refused.json()["detail"] or "token" in refused.json()["detail"]
    assert client.get("/api/v1/people", REMOTE_ADDR="203.0.113.10").status_code == 200  # another address
    auth = _auth(alice)
    assert all(client.get("/api/v1/people", **auth, **address).status_code == 200 for _ in range(5))
    now[0] += 45
    late = client.get("/api/v1/people", **address)
    assert late.status_code == 429 and late["Retry-After"] == "15"
    now[0] += 15
    assert client.get("/api/v1/people", **address).status_code == 200


def test_a_bad_rate_setting_is_one_clear_line(monkeypatch):
    from kenes.env import ConfigError, envrate

    monkeypatch.setenv("KENES_API_ANON_RATE", "lots")
    with pytest.raises(ConfigError, match="KENES_API_ANON_RATE='lots' is not a rate"):
        envrate("KENES_API_ANON_RATE", "60/minute")
    monkeypatch.setenv("KENES_API_ANON_RATE", "120/hour")
    assert envrate("KENES_API_ANON_RATE", "60/minute") == (120, 3600)
    monkeypatch.setenv("KENES_API_ANON_RATE", "off")
    assert envrate("KENES_API_ANON_RATE", "60/minute") is None


def test_the_portal_feeds_and_open_data_answer_304_when_unchanged(client, inventory):
    feed = client.get("/portal/feeds/measures.atom")
    assert feed.status_code == 200 and feed.has_header("ETag")
    assert client.get("/portal/feeds/measures.atom", HTTP_IF_NONE_MATCH=feed["ETag"]).status_code == 304
    package = client.get("/portal/data/datapackage.json")
    assert package.status_code == 200 and b"".join(package.streaming_content)
    again = client.get("/portal/data/datapackage.json", HTTP_IF_NONE_MATCH=package["ETag"])
    assert again.status_code == 304 and again.content == b""
