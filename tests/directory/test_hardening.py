"""Found in review: leaks through related records, and bad input that must change nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.directory import services
from kenes.directory.models import Membership, Organization, Person
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


@pytest.fixture
def public_child_of_hidden_parent(alice, directory):
    child = services.create_organization(alice, name_en="Public Subgroup", parent=directory["secret_fund"],
                                         visibility="public")
    services.add_membership(alice, directory["tokayev"], title_en="Patron", organization=directory["secret_fund"],
                            visibility="public")
    return child


def test_it_does_not_name_a_hidden_parent_in_the_organisation_list(client, public_child_of_hidden_parent):
    page = client.get(reverse("directory:organizations"), {"q": "subgroup"}).content.decode()
    assert "Public Subgroup" in page
    assert "Restricted Fund Committee" not in page


def test_it_does_not_give_a_hidden_parents_id_through_the_api(client, alice, public_child_of_hidden_parent):
    assert client.get(f"/api/organizations/{public_child_of_hidden_parent.pk}").json()["parent_id"] is None
    as_secretariat = client.get(f"/api/organizations/{public_child_of_hidden_parent.pk}", **_auth(alice)).json()
    assert as_secretariat["parent_id"] == public_child_of_hidden_parent.parent_id


def test_it_does_not_tell_who_belongs_to_a_hidden_organisation(client, directory, public_child_of_hidden_parent):
    hidden = directory["secret_fund"].pk
    assert client.get(f"/api/people?organization={hidden}").json()["count"] == 0


def test_it_stores_null_as_empty_text_instead_of_failing(client, alice, directory):
    org = directory["kaziss"]
    response = client.patch(f"/api/organizations/{org.pk}", {"status": None, "founded": None, "version": org.version},
                            content_type="application/json", **_auth(alice))
    assert response.status_code == 200, response.content
    org.refresh_from_db()
    assert org.status == "" and org.founded == ""


def test_it_refuses_an_overlong_alias_and_keeps_the_old_ones(client, alice, directory):
    person = directory["tokayev"]
    response = client.patch(f"/api/people/{person.pk}", {"aliases": ["y" * 301], "version": person.version},
                            content_type="application/json", **_auth(alice))
    assert response.status_code == 422 and "aliases" in response.json()["errors"]
    assert list(person.aliases.values_list("name", flat=True)) == ["Toqaev"]


def test_it_refuses_misspelt_fields_instead_of_ignoring_them(client, alice, directory):
    response = client.post("/api/organizations", {"name_en": "Typo Institute", "visibilty": "public"},
                           content_type="application/json", **_auth(alice))
    assert response.status_code == 422
    assert response.json()["errors"] == {"visibilty": ["This field is not known."]}
    assert not Organization.objects.filter(name_en="Typo Institute").exists()


def test_it_answers_a_malformed_body_with_json(client, alice, directory):
    response = client.post("/api/organizations", "{not json", content_type="application/json", **_auth(alice))
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."


def test_it_names_the_field_when_a_parent_does_not_exist(client, alice, directory):
    response = client.post("/api/organizations", {"name_en": "Orphan", "parent_id": 999999},
                           content_type="application/json", **_auth(alice))
    assert response.status_code == 422 and "parent_id" in response.json()["errors"]


def test_it_caps_the_page_size(client, directory):
    for index in range(3):
        services.create_person(directory["tokayev"].history.first().history_user, name_en=f"Extra {index}",
                               visibility="public")
    response = client.get("/api/people?limit=100000")
    assert response.status_code == 422 and "limit" in response.json()["errors"]
    assert client.get("/api/people?limit=200").json()["count"] == 4


def test_it_changes_a_role_through_the_api_and_the_page(client, alice, directory):
    role = directory["tokayev"].memberships.get(title_en="Honorary Chair")
    response = client.patch(f"/api/memberships/{role.pk}", {"end_date": "2025-06", "version": role.version},
                            content_type="application/json", **_auth(alice))
    assert response.status_code == 200 and response.json()["end_date"] == "2025-06"
    client.force_login(alice)
    response = client.post(reverse("directory:membership_edit", args=[role.pk]), {
        "title_en": "Honorary Chairman", "organization": role.organization_id, "start_date": "2024",
        "end_date": "2025-06", "visibility": "public", "version": Membership.objects.get(pk=role.pk).version,
    })
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.title == "Honorary Chairman" and role.history.first().history_user == alice


def test_it_refuses_session_writes_and_changes_nothing(client, alice, directory):
    client.force_login(alice)
    before = Organization.objects.count()
    assert client.post("/api/organizations", {"name_en": "Via session"}, content_type="application/json").status_code == 403
    assert Organization.objects.count() == before


def test_it_gives_readers_the_same_answer_for_existing_and_missing_ids(client, rita, directory):
    client.force_login(rita)
    existing = client.get(reverse("directory:person_edit", args=[directory["secret"].pk]))
    missing = client.get(reverse("directory:person_edit", args=[999999]))
    assert existing.status_code == missing.status_code == 403


def test_it_survives_a_photo_file_that_has_gone_missing(client, alice, directory, settings):
    from django.core.files.base import ContentFile

    person = directory["tokayev"]
    person.photo.save("portrait.png", ContentFile(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32))
    (settings.MEDIA_ROOT / person.photo.name).unlink()
    assert client.get(reverse("directory:person_photo", args=[person.pk])).status_code == 404
    services.update_person(alice, Person.objects.get(pk=person.pk), biography_en="Still editable.")


def test_it_takes_the_admin_away_when_the_role_changes(alice):
    from kenes.accounts.services import sync_admin_access

    sync_admin_access(alice)
    client = Client()
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert client.get("/admin/directory/person/").status_code == 200
    alice.role = "reader"
    alice.save()  # is_staff left on, as an admin edit elsewhere might leave it
    assert client.get("/admin/directory/person/").status_code == 302
