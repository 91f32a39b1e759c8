"""No lost updates: a save made from an older version is refused, says who changed what, keeps the input."""

import pytest
from django.test import Client
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.core import services as core
from kenes.directory import services
from kenes.directory.models import Person

pytestmark = pytest.mark.django_db


def _form_data(page):
    """What the browser would send back: every field of the form as it was rendered."""
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = value
    data.pop("photo", None)
    return data


def test_it_refuses_the_second_of_two_form_edits_and_keeps_both_users_work(alice, bob, directory):
    person = directory["tokayev"]
    url = reverse("directory:person_edit", args=[person.pk])
    alice_client, bob_client = Client(), Client()
    alice_client.force_login(alice)
    bob_client.force_login(bob)
    alice_form = _form_data(alice_client.get(url))
    bob_form = _form_data(bob_client.get(url))

    alice_form.update(biography_en="President since 2019.", aliases="Toqaev\nТокаева")
    assert alice_client.post(url, alice_form).status_code == 302

    bob_form.update(name_uz="Qasim-Jomart Toqayev")
    refused = bob_client.post(url, bob_form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Alice changed this record" in page
    assert "President since 2019." in page  # what alice saved, shown as the difference
    assert 'value="Qasim-Jomart Toqayev"' in page  # bob's input is still in the form
    person.refresh_from_db()
    assert person.biography_en == "President since 2019."
    assert set(person.aliases.values_list("name", flat=True)) == {"Toqaev", "Токаева"}
    assert person.name_uz == ""

    # Saving again is now a deliberate choice over the version bob has seen.
    again = _form_data(refused)
    assert bob_client.post(url, again).status_code == 302
    person.refresh_from_db()
    assert person.name_uz == "Qasim-Jomart Toqayev"


def test_it_answers_a_stale_api_patch_with_409_and_what_changed(client, alice, bob, directory):
    person = directory["tokayev"]
    alice_auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(alice, 'a')[1]}"}
    bob_auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(bob, 'b')[1]}"}
    start = client.get(f"/api/people/{person.pk}", **alice_auth).json()["version"]

    first = client.patch(f"/api/people/{person.pk}", {"biography_en": "Alice's text", "version": start},
                         content_type="application/json", **alice_auth)
    assert first.status_code == 200 and first.json()["version"] == start + 1

    stale = client.patch(f"/api/people/{person.pk}", {"biography_en": "Bob's text", "version": start},
                         content_type="application/json", **bob_auth)
    assert stale.status_code == 409
    body = stale.json()
    assert body["changed_by"] == "Alice" and body["current_version"] == start + 1
    assert {"field": "biography_en", "yours": "", "now": "Alice's text"} in body["changes"]
    assert stale["ETag"] == f'"{start + 1}"'

    with_header = client.patch(f"/api/people/{person.pk}", {"biography_en": "Bob's text"},
                               content_type="application/json", HTTP_IF_MATCH=f'"{start}"', **bob_auth)
    assert with_header.status_code == 409
    person.refresh_from_db()
    assert person.biography_en == "Alice's text"


def test_it_asks_a_patch_that_names_no_version_to_send_one(client, alice, directory):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(alice, 'a')[1]}"}
    person = directory["tokayev"]
    response = client.patch(f"/api/people/{person.pk}", {"biography_en": "x"}, content_type="application/json", **auth)
    assert response.status_code == 428 and "version" in response.json()["detail"]
    person.refresh_from_db()
    assert person.biography_en == ""


def test_it_refuses_an_edit_form_posted_without_its_version(client, alice, directory):
    client.force_login(alice)
    person = directory["tokayev"]
    response = client.post(reverse("directory:person_edit", args=[person.pk]),
                           {"name_en": "Someone Else", "visibility": "public"})
    assert response.status_code == 200 and "reload the page" in response.content.decode()
    person.refresh_from_db()
    assert person.name_en == "Kassym-Jomart Tokayev"


def test_it_raises_the_version_at_every_change_and_keeps_who_and_why(alice, directory):
    org = directory["kaziss"]
    before = org.version
    org = services.update_organization(alice, org, description_en="Think tank.", reason="Checked the website",
                                       version=before)
    assert org.version == before + 1
    entry = org.history.first()
    assert entry.history_user == alice and entry.history_change_reason == "Checked the website"
    with pytest.raises(core.Conflict):
        services.update_organization(alice, org, description_en="Stale", version=before)


def test_it_refuses_unknown_fields_in_every_write(alice, directory):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Unknown fields: favourite_colour"):
        services.update_person(alice, directory["tokayev"], favourite_colour="blue")
    assert not Person.objects.filter(name_en="").exists()
