"""Open data: every file public-only, each format valid, rebuilt when the data changes.

The datapackage is checked with jsonschema against the structural rules of the Frictionless Data
Package and Tabular Data Resource profiles written out below (the ``frictionless`` library is too
heavy a dependency for this); Popolo against a schema written from the Popolo specification's
person, organization, membership and post schemas.
"""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from kenes.portal import opendata
from tests.portal.conftest import HIDDEN

pytestmark = pytest.mark.django_db

DATE = r"^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}(T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))?)$"
NAMES = {"type": "array", "items": {"type": "object", "required": ["name"],
                                    "properties": {"name": {"type": "string"}, "note": {"type": "string"}}}}
LINKS = {"type": "array", "items": {"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}}}
POPOLO = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["persons", "organizations", "memberships", "posts", "license", "generated"],
    "properties": {
        "license": {"type": "string"},
        "generated": {"type": "string", "format": "date-time"},
        "persons": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "name": {"type": "string", "minLength": 1},
                           "other_names": NAMES, "links": LINKS, "national_identity": {"type": "string"},
                           "biography": {"type": "string"}}}},
        "organizations": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "name": {"type": "string", "minLength": 1},
                           "other_names": NAMES, "links": LINKS, "classification": {"type": "string"},
                           "parent_id": {"type": ["string", "null"]}, "founding_date": {"type": "string", "pattern": DATE},
                           "area_id": {"type": "string"},
                           "identifiers": {"type": "array", "items": {"type": "object", "required": ["identifier"]}}}}},
        "memberships": {"type": "array", "items": {
            "type": "object", "required": ["id", "person_id"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "person_id": {"type": "string"},
                           "organization_id": {"type": "string"}, "post_id": {"type": "string"},
                           "on_behalf_of_id": {"type": "string"}, "role": {"type": "string"},
                           "start_date": {"type": "string", "pattern": DATE},
                           "end_date": {"type": "string", "pattern": DATE}}}},
        "posts": {"type": "array", "items": {
            "type": "object", "required": ["id", "label"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "label": {"type": "string"}, "role": {"type": "string"},
                           "organization_id": {"type": "string"}}}},
    },
}
FIELD = {"type": "object", "required": ["name"], "properties": {
    "name": {"type": "string"},
    "type": {"enum": ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
                      "year", "yearmonth", "duration", "geopoint", "geojson", "any"]}}}
LICENSES = {"type": "array", "items": {"type": "object", "anyOf": [{"required": ["name"]}, {"required": ["path"]}]}}
DATA_PACKAGE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["resources"],
    "properties": {
        "profile": {"type": "string"},
        "name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
        "created": {"type": "string", "format": "date-time"},
        "licenses": LICENSES,
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "format", "mediatype"],
            "properties": {
                "name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
                "path": {"type": "string", "pattern": "^[^/.][^:]*$"},  # relative, no scheme, no ../
                "mediatype": {"type": "string", "pattern": "^(.+)/(.+)$"},
                "encoding": {"type": "string"},
                "licenses": LICENSES,
                "schema": {"type": "object", "required": ["fields"],
                           "properties": {"fields": {"type": "array", "minItems": 1, "items": FIELD}}},
            },
            "if": {"properties": {"profile": {"const": "tabular-data-resource"}}, "required": ["profile"]},
            "then": {"required": ["schema"]},
        }},
    },
}


def _download(client, name) -> bytes:
    response = client.get(reverse("portal:data_file", args=[name]))
    assert response.status_code == 200, name
    return b"".join(response.streaming_content)


def _csv_rows(data: bytes) -> list[dict]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))


def _package(client) -> dict:
    return json.loads(_download(client, "datapackage.json"))


def test_every_file_of_the_package_downloads_and_none_holds_a_hidden_record(client, published):
    package = _package(client)
    names = [resource["path"] for resource in package["resources"]]
    assert {"measures.csv", "measures.xlsx", "popolo.json", "measures.jsonl", "data-dictionary.csv",
            "organizations.csv", "people.csv", "meetings.csv", "events.csv", "documents.csv", "indicators.csv",
            "observations.csv", "targets.csv", "agreements.csv"} <= set(names)
    for name in names:
        data = _download(client, name)
        if name.endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            text = " ".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                            for cell in row if cell is not None)
        else:
            text = data.decode("utf-8-sig")
        assert HIDDEN not in text, name
        assert "7777777777" not in text and "20000000000" not in text, name  # hidden figure, hidden target


def test_the_csv_of_measures_holds_the_public_measures_with_the_apps_columns(client, published):
    rows = _csv_rows(_download(client, "measures.csv"))
    assert {row["title_en"] for row in rows} == {"Strengthen water and climate security cooperation",
                                                 "Develop mechanisms to reach $10 billion mutual trade"}
    water = next(row for row in rows if row["id"] == str(published["water"].pk))
    assert water["status"] == "Adopted" and water["topics"] == "Water"
    assert water["url"].endswith(published["water"].get_absolute_url())
    assert "visibility" not in water  # the signed-in-only column is not the public's


def test_every_file_states_its_licence_and_generation_time(client, published):
    package = _package(client)
    assert package["license"] == "" and package["licenses"] == [] and package["created"]
    for resource in package["resources"]:
        data = _download(client, resource["path"])
        if resource["format"] == "csv":
            first = data.decode("utf-8-sig").splitlines()[0]
            assert first.startswith("# license: ;") and "generated: " in first
        elif resource["format"] == "xlsx":
            about = openpyxl.load_workbook(io.BytesIO(data))["about"]
            values = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
            assert values["license"] in ("", None) and values["generated"]
        elif resource["format"] == "json":
            document = json.loads(data)
            assert document["license"] == "" and document["generated"]
        elif resource["format"] == "jsonl":
            first = json.loads(data.decode().splitlines()[0])
            assert first["type"] == "metadata" and first["license"] == "" and first["generated"]


def test_the_datapackage_validates_against_the_data_package_profile(client, published):
    package = _package(client)
    jsonschema.validate(package, DATA_PACKAGE, format_checker=jsonschema.FormatChecker())
    for resource in package["resources"]:
        if resource["format"] != "csv":
            continue
        header = next(csv.reader(line for line in io.StringIO(_download(client, resource["path"]).decode("utf-8-sig"))
                                 if not line.startswith("#")))
        assert header == [field["name"] for field in resource["schema"]["fields"]], resource["path"]


def test_the_data_dictionary_describes_every_column(client, published):
    package = _package(client)
    described = {(row["file"], row["field"]) for row in _csv_rows(_download(client, "data-dictionary.csv"))}
    for resource in package["resources"]:
        if resource["format"] == "csv" and resource["path"] != "data-dictionary.csv":
            for field in resource["schema"]["fields"]:
                assert (resource["path"], field["name"]) in described
    rows = _csv_rows(_download(client, "data-dictionary.csv"))
    assert all(row["type"] and row["description"] for row in rows)


def test_the_directory_in_popolo_validates_and_holds_public_people_only(client, published):
    data = json.loads(_download(client, "popolo.json"))
    jsonschema.validate(data, POPOLO, format_checker=jsonschema.FormatChecker())
    names = {person["name"] for person in data["persons"]}
    assert names == {"Kassym-Jomart Tokayev"}
    tokayev = data["persons"][0]
    assert {"name": "Касым-Жомарт Токаев", "note": "ru"} in tokayev["other_names"]
    organizations = {organization["id"]: organization for organization in data["organizations"]}
    ids = set(organizations)
    assert f"organization-{published['kaziss'].pk}" in ids and "party-KZ" in ids
    (membership,) = data["memberships"]  # the restricted role and the internal person's role stay out
    assert membership["role"] == "Honorary Chair" and membership["organization_id"] in ids
    assert membership["person_id"] == tokayev["id"]
    assert {post["id"] for post in data["posts"]} == {membership["post_id"]}


def test_the_measures_as_json_lines_carry_their_status_history(client, published):
    lines = [json.loads(line) for line in _download(client, "measures.jsonl").decode().splitlines()]
    measures = {line["id"]: line for line in lines[1:]}
    assert set(measures) == {published["water"].pk, published["trade"].pk}
    history = measures[published["water"].pk]["status_history"]
    assert [(change["from"], change["to"]) for change in history] == [(None, "proposed"), ("proposed", "adopted")]
    assert history[-1]["reason"] == "Adopted at the second meeting"


def test_the_files_are_rebuilt_when_the_data_changes(client, alice, published):
    from kenes.inventory import services

    before = opendata.data_version()
    first = _csv_rows(_download(client, "measures.csv"))
    trade = published["trade"]
    trade.refresh_from_db()
    services.update_measure(alice, trade, version=trade.version, visibility="internal")
    assert opendata.data_version() != before
    after = _csv_rows(_download(client, "measures.csv"))
    assert len(after) == len(first) - 1
    assert [folder.name for folder in opendata.root().iterdir() if not folder.name.startswith(".")] == [
        opendata.data_version()]  # the old set is gone


def test_the_command_builds_the_files_ahead(published, capsys):
    call_command("build_open_data")
    folder = opendata.root() / opendata.data_version()
    assert (folder / "datapackage.json").exists() and (folder / "measures.csv").exists()
    assert "datapackage.json" in capsys.readouterr().out


def test_only_listed_files_are_served(client, published):
    for name in ("../settings.py", "nothing.csv", ".build-x", "..%2Fsecret_key"):
        assert client.get(f"/portal/data/{name}").status_code == 404, name


def test_the_open_data_page_lists_the_files(client, published):
    html = client.get(reverse("portal:data")).content.decode()
    assert reverse("portal:data_file", args=["popolo.json"]) in html
    assert reverse("portal:data_file", args=["measures.csv"]) in html


def test_while_another_process_builds_readers_get_the_previous_set(client, alice, published):
    from kenes.inventory import services

    previous = opendata.current()
    trade = published["trade"]
    trade.refresh_from_db()
    services.update_measure(alice, trade, version=trade.version, title_en="Renamed trade measure")
    lock = opendata.root() / f".lock-{opendata.data_version()}"
    lock.touch()  # another process is building this version
    assert opendata.current() == previous
    lock.unlink()
    rows = _csv_rows(_download(client, "measures.csv"))
    assert "Renamed trade measure" in {row["title_en"] for row in rows}
