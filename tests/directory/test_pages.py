import pytest
from django.urls import reverse

from kenes.directory.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db


def test_it_lets_the_secretariat_create_an_organisation_from_the_form(client, alice, parties):
    client.force_login(alice)
    response = client.post(reverse("directory:organization_create"), {
        "name_en": "Water Council", "name_ru": "Водный совет", "kind": "council",
        "party": parties["UZ"].pk, "visibility": "public", "founded": "2025-03",
    })
    org = Organization.objects.get(name_en="Water Council")
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Водный совет" in page and "March 2025" in page


def test_it_shows_form_errors_instead_of_saving_bad_input(client, alice):
    client.force_login(alice)
    response = client.post(reverse("directory:organization_create"), {
        "name_en": "", "kind": "council", "visibility": "public", "founded": "someday",
    })
    assert response.status_code == 200
    assert "YYYY" in response.content.decode()
    assert not Organization.objects.exists()


def test_it_forbids_editing_to_members_and_readers(client, mark, rita, directory):
    for user in (mark, rita):
        client.force_login(user)
        assert client.get(reverse("directory:organization_create")).status_code == 403
        assert client.post(reverse("directory:person_create"), {"name_en": "X", "visibility": "public"}).status_code == 403
    assert not Person.objects.filter(name_en="X").exists()


def test_it_sends_anonymous_editors_to_sign_in(client, directory):
    response = client.get(reverse("directory:person_edit", args=[directory["tokayev"].pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_adds_a_role_to_a_person_and_shows_it_over_time(client, alice, directory):
    client.force_login(alice)
    person = directory["insider"]
    response = client.post(reverse("directory:membership_create", args=[person.pk]), {
        "title_en": "Deputy Director", "organization": directory["kaziss"].pk, "start_date": "2021",
        "end_date": "2023-06", "visibility": "internal",
    })
    assert response.status_code == 302
    assert Membership.objects.filter(person=person, title_en="Deputy Director").exists()
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Deputy Director" in page and "2021 – June 2023" in page


def test_it_filters_the_people_list_by_party_and_returns_rows_to_htmx(client, directory):
    response = client.get(reverse("directory:people"), {"party": "UZ"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Kassym-Jomart Tokayev" not in body
    response = client.get(reverse("directory:people"), {"party": "KZ"}, HTTP_HX_REQUEST="true")
    assert "Kassym-Jomart Tokayev" in response.content.decode()


def test_it_edits_a_person_with_aliases_and_expertise(client, alice, directory):
    from kenes.core.models import Topic

    client.force_login(alice)
    person = directory["tokayev"]
    water = Topic.objects.get(code="water")
    response = client.post(reverse("directory:person_edit", args=[person.pk]), {
        "name_en": person.name_en, "name_ru": person.name_ru, "visibility": "public",
        "party": person.party_id, "aliases": "Toqaev\nТокаева", "expertise": [water.pk], "version": person.version,
    })
    assert response.status_code == 302
    person.refresh_from_db()
    assert sorted(person.aliases.values_list("name", flat=True)) == ["Toqaev", "Токаева"]
    assert list(person.expertise.all()) == [water]
    assert person.history.first().history_user == alice


def test_it_refuses_a_photo_that_is_not_an_image(client, alice, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    person = directory["tokayev"]
    fake = SimpleUploadedFile("portrait.jpg", b"#!/bin/sh\necho not an image\n", content_type="image/jpeg")
    response = client.post(reverse("directory:person_edit", args=[person.pk]), {
        "name_en": person.name_en, "visibility": "public", "photo": fake, "version": person.version,
    })
    assert response.status_code == 200
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    person.refresh_from_db()
    assert not person.photo


def test_it_serves_a_real_photo_only_to_those_who_may_see_the_person(client, alice, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    client.force_login(alice)
    person = directory["insider"]
    response = client.post(reverse("directory:person_edit", args=[person.pk]), {
        "name_en": person.name_en, "visibility": "internal", "version": person.version,
        "photo": SimpleUploadedFile("p.png", png, content_type="image/png"),
    })
    assert response.status_code == 302
    assert client.get(reverse("directory:person_photo", args=[person.pk])).status_code == 200
    client.logout()
    assert client.get(reverse("directory:person_photo", args=[person.pk])).status_code == 404


def test_it_sorts_people_by_their_name_in_the_readers_language(client, alice, parties):
    from kenes.directory import services

    services.create_person(alice, name_en="Aziz Yusupov", name_ru="Юсупов Азиз", visibility="public")
    services.create_person(alice, name_en="Zarina Abdullaeva", name_ru="Абдуллаева Зарина", visibility="public")
    english = client.get(reverse("directory:people")).content.decode()
    assert english.index("Aziz Yusupov") < english.index("Zarina Abdullaeva")
    russian = client.get(reverse("directory:people"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert russian.index("Абдуллаева Зарина") < russian.index("Юсупов Азиз")
