"""The OpenAPI document tells the truth: who may call, which errors come back, and examples that fit.

The document is read as a client reads it (``GET`` of the address the app serves it at), and what it
says is checked against what the API does.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from kenes.accounts.services import create_api_token

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _validator(document, schema):
    # "#/components/…" references resolve against the document's components, carried along.
    return Draft202012Validator({**schema, "components": document["components"]}, format_checker=FormatChecker())


def test_reads_are_open_to_anonymous_callers_and_writes_need_a_bearer_token(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["BearerAuth"] == {**schemes["BearerAuth"], "type": "http", "scheme": "bearer"}
    for path, method, operation in _operations(document):
        if method == "get":
            assert {} in operation["security"] and {"BearerAuth": []} in operation["security"], path
        else:
            assert operation["security"] == [{"BearerAuth": []}], f"{method} {path}"


def test_every_operation_documents_the_errors_it_can_answer(document):
    for path, method, operation in _operations(document):
        codes = set(operation["responses"])
        label = f"{method.upper()} {path}"
        assert {"400", "401"} <= codes, label
        if "{" in path:
            assert "404" in codes, label
        if method in WRITES:
            assert {"403", "404", "409"} <= codes, label
        else:
            assert "429" in codes and "Retry-After" in operation["responses"]["429"]["headers"], label
        if operation.get("parameters") or "requestBody" in operation:
            assert "422" in codes, label
        for code in {"400", "401", "403", "404", "422"} & codes:
            assert "Error" in str(operation["responses"][code]["content"]["application/json"]["schema"]), label


def test_428_is_documented_exactly_where_a_change_must_name_its_version(document):
    paths = document["paths"]
    prefix = reverse("api:openapi-json").rsplit("/", 1)[0]
    assert "428" in paths[f"{prefix}/measures/{{measure_id}}"]["patch"]["responses"]
    assert "428" in paths[f"{prefix}/agenda/{{item_id}}"]["delete"]["responses"]
    # A deleted project can be restored: its DELETE may omit the version.
    assert "428" not in paths[f"{prefix}/projects/{{project_id}}"]["delete"]["responses"]
    assert "428" not in paths[f"{prefix}/measures"]["post"]["responses"]


def test_every_operation_has_examples_that_fit_their_schemas(document):
    counted = 0
    for path, method, operation in _operations(document):
        label = f"{method.upper()} {path}"
        for parameter in operation.get("parameters", []):
            assert "example" in parameter, f"{label}: {parameter['name']}"
            _validator(document, parameter["schema"]).validate(parameter["example"])
            counted += 1
        media_types = list(operation.get("requestBody", {}).get("content", {}).items())
        for status, response in operation["responses"].items():
            media_types += [(f"{status} {name}", media) for name, media in response.get("content", {}).items()]
        for name, media in media_types:
            assert "example" in media, f"{label}: {name}"
            if "binary" not in str(media["schema"]):
                errors = list(_validator(document, media["schema"]).iter_errors(media["example"]))
                assert not errors, f"{label} {name}: {errors[0].message}"
            counted += 1
    assert counted > 500


def test_examples_speak_of_the_partnership(document):
    text = str(document["paths"])
    for fact in ("KZ", "UZ", "Strategic Partnership and Alliance Programme 2024–2034", "KazISS", "$10 billion"):
        assert fact in text


def test_choices_and_partial_dates_carry_their_allowed_values(document):
    schemas = document["components"]["schemas"]
    kinds = schemas["AgreementIn"]["properties"]["kind"]
    assert "programme" in kinds["enum"]
    signed_on = schemas["AgreementIn"]["properties"]["signed_on"]
    assert signed_on["pattern"] and "YYYY-MM" in signed_on["description"]
    period = schemas["ObservationIn"]["properties"]["period"]
    assert "2023-Q3" in period["description"]


@pytest.mark.parametrize(("value", "status"), [("2024", 201), ("2024-08", 201), ("2024-08-28", 201),
                                               ("August 2024", 422), ("28.08.2024", 422)])
def test_a_partial_date_is_taken_as_the_document_describes_it(client, alice, parties, value, status):
    token = create_api_token(alice, "dates")[1]
    response = client.post(reverse("api:openapi-json").rsplit("/", 1)[0] + "/agreements",
                           {"title_en": "Strategic Partnership and Alliance Programme 2024–2034", "kind": "programme",
                            "signed_on": value}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == status, response.content
    if status == 422:
        assert "signed_on" in response.json()["errors"]


def test_an_anonymous_write_is_told_to_send_a_token(client, directory):
    response = client.post(reverse("api:openapi-json").rsplit("/", 1)[0] + "/organizations", {"name_en": "KazISS"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json() == {"detail": "The API token is missing, wrong or revoked."}


@pytest.mark.parametrize("body", [{"name_en": "KazISS", "founded": 2008}, {"name_en": "KazISS", "aliases": "x"},
                                  {"name_en": False}])
def test_a_value_of_the_wrong_json_type_is_refused_not_converted(client, alice, parties, body):
    token = create_api_token(alice, "types")[1]
    response = client.post(reverse("api:openapi-json").rsplit("/", 1)[0] + "/organizations", body,
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422


def test_a_filter_with_fixed_choices_refuses_another_value_and_names_the_field(client, directory):
    url = reverse("api:openapi-json").rsplit("/", 1)[0] + "/organizations"
    assert client.get(url, {"kind": "think_tank"}).json()["count"] == 1
    response = client.get(url, {"kind": "bank"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"] == {"kind": ["This value is not one of the allowed choices."]}
