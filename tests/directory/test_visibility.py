"""Anonymous visitors never see internal or restricted records: pages, search, API."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_lists_only_public_organizations_to_anonymous_visitors(client, directory):
    page = client.get(reverse("directory:organizations")).content.decode()
    assert "KazISS" in page
    assert "Internal Working Group on Water" not in page
    assert "Restricted Fund Committee" not in page


def test_it_hides_internal_and_restricted_detail_pages_from_anonymous_visitors(client, directory):
    for key in ("working_group", "secret_fund"):
        assert client.get(directory[key].get_absolute_url()).status_code == 404
    for key in ("insider", "secret"):
        assert client.get(directory[key].get_absolute_url()).status_code == 404
    assert client.get(directory["tokayev"].get_absolute_url()).status_code == 200


def test_it_hides_a_public_persons_restricted_roles_from_anonymous_visitors(client, directory):
    page = client.get(directory["tokayev"].get_absolute_url()).content.decode()
    assert "Honorary Chair" in page
    assert "Observer" not in page
    assert "Restricted Fund Committee" not in page


def test_it_hides_internal_sub_organisations_on_a_public_page(client, directory):
    page = client.get(directory["kaziss"].get_absolute_url()).content.decode()
    assert "Internal Working Group on Water" not in page


def test_it_keeps_search_results_to_what_the_visitor_may_see(client, directory):
    page = client.get(reverse("web:search"), {"q": "internal"}).content.decode()
    assert "Ivan Internal" not in page
    assert "Internal Working Group" not in page
    page = client.get(reverse("web:search"), {"q": "secret"}).content.decode()
    assert "Sabina Secret" not in page


def test_it_keeps_the_api_to_public_records_for_anonymous_callers(client, directory):
    orgs = client.get("/api/organizations").json()
    assert {o["name_en"] for o in orgs["items"]} == {"Kazakhstan Institute for Strategic Studies"}
    people = client.get("/api/people").json()
    assert {p["name_en"] for p in people["items"]} == {"Kassym-Jomart Tokayev"}
    assert client.get(f"/api/people/{directory['secret'].pk}").status_code == 404
    assert client.get(f"/api/organizations/{directory['working_group'].pk}").status_code == 404
    roles = client.get("/api/memberships").json()
    assert [r["title_en"] for r in roles["items"]] == ["Honorary Chair"]


def test_it_shows_internal_but_not_restricted_records_to_council_members(client, mark, directory):
    client.force_login(mark)
    page = client.get(reverse("directory:people")).content.decode()
    assert "Ivan Internal" in page
    assert "Sabina Secret" not in page
    assert client.get(directory["secret"].get_absolute_url()).status_code == 404


def test_it_treats_readers_like_the_public(client, rita, directory):
    client.force_login(rita)
    page = client.get(reverse("directory:people")).content.decode()
    assert "Kassym-Jomart Tokayev" in page
    assert "Ivan Internal" not in page


def test_it_shows_everything_to_the_secretariat_of_either_side(client, bob, directory):
    client.force_login(bob)
    page = client.get(reverse("directory:organizations")).content.decode()
    for name in ("KazISS", "Internal Working Group on Water", "Restricted Fund Committee"):
        assert name in page
    page = client.get(directory["tokayev"].get_absolute_url()).content.decode()
    assert "Observer" in page
