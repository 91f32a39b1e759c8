import pytest

from kenes.accounts.services import create_api_token

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, key = create_api_token(user, "tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_it_rejects_a_wrong_token_with_a_json_error(client, directory):
    response = client.get("/api/people", HTTP_AUTHORIZATION="Bearer kenes_not-a-real-token")
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_it_shows_a_member_internal_people_through_a_token(client, mark, directory):
    names = {p["name_en"] for p in client.get("/api/people", **_auth(mark)).json()["items"]}
    assert names == {"Kassym-Jomart Tokayev", "Ivan Internal"}


def test_it_lets_the_secretariat_create_and_change_records(client, alice, directory):
    auth = _auth(alice)
    response = client.post("/api/organizations", {"name_en": "Joint Fund", "kind": "intergovernmental",
                                                   "status": "planned", "visibility": "public"},
                           content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    org_id = response.json()["id"]
    response = client.post("/api/people", {"name_ru": "Еркин Тукумов", "party": "kz", "aliases": ["Tukumov"],
                                           "expertise": ["regional"], "visibility": "public"},
                           content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    person = response.json()
    assert person["party"] == "KZ" and person["expertise"] == ["regional"]
    response = client.post("/api/memberships", {"person_id": person["id"], "organization_id": org_id,
                                                "title_en": "Adviser", "start_date": "2024-08", "visibility": "public"},
                           content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    version = client.get(f"/api/organizations/{org_id}", **auth).json()["version"]
    response = client.patch(f"/api/organizations/{org_id}", {"status": "operational"},
                            content_type="application/json", HTTP_IF_MATCH=f'"{version}"', **auth)
    assert response.json()["status"] == "operational"
    # Anonymous callers now see the published records.
    assert client.get(f"/api/memberships?person={person['id']}").json()["count"] == 1


def test_it_forbids_writes_by_members_with_a_translated_message(client, mark, directory):
    response = client.post("/api/organizations", {"name_en": "Nope"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="ru", **_auth(mark))
    assert response.status_code == 403
    assert response.json()["detail"] == "Изменять эти записи может только секретариат."


def test_it_refuses_writes_through_a_browser_session(client, alice, directory):
    client.force_login(alice)
    response = client.post("/api/organizations", {"name_en": "Via session"}, content_type="application/json")
    assert response.status_code == 403


def test_it_explains_invalid_data(client, alice, directory):
    response = client.post("/api/organizations", {"name_en": "Dated", "founded": "soon"},
                           content_type="application/json", **_auth(alice))
    assert response.status_code == 422
    assert "founded" in response.json()["errors"]
    response = client.post("/api/people", {"name_en": "X", "party": "ZZ"}, content_type="application/json",
                           **_auth(alice))
    assert response.status_code == 422 and "party" in response.json()["errors"]


def test_it_paginates_and_filters(client, alice, directory):
    auth = _auth(alice)
    page = client.get("/api/people?limit=2&offset=0", **auth).json()
    assert page["count"] == 3 and len(page["items"]) == 2
    assert client.get("/api/people?q=токаев", **auth).json()["count"] == 1
    assert client.get("/api/organizations?kind=commission", **auth).json()["count"] == 1


def test_it_publishes_an_openapi_description(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/people" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200
