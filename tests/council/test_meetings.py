"""Meetings: the write path, the pages per role, the API, search."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.core.services import Conflict
from kenes.council import services
from kenes.council.models import Meeting

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


@pytest.fixture
def council(alice, directory):
    """The council as a body, and its second meeting with a public and an internal participant."""
    from kenes.directory import services as directory_services

    body = directory_services.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                                  kind="council", visibility="public")
    meeting = services.create_meeting(
        alice, title_en="Second meeting of the Expert Council", body=body, ordinal=2, date="2024-08-28",
        format="online", organizers=[directory["kaziss"]],
        participants=[directory["tokayev"], directory["insider"]], visibility="public",
    )
    return {"body": body, "meeting": meeting, **directory}


def test_it_creates_a_meeting_with_history_and_refuses_a_stale_edit(alice, council):
    meeting = council["meeting"]
    assert meeting.history.first().history_user == alice
    started = meeting.version
    services.update_meeting(alice, meeting, version=started, place="Tashkent")
    with pytest.raises(Conflict):
        services.update_meeting(alice, meeting, version=started, place="Astana")
    meeting.refresh_from_db()
    assert meeting.place == "Tashkent"


def test_it_refuses_a_meeting_without_a_title_or_with_a_bad_date(alice):
    with pytest.raises(ValidationError):
        services.create_meeting(alice, date="2024-08-28")
    with pytest.raises(ValidationError):
        services.create_meeting(alice, title_en="x", date="28 August")
    assert not Meeting.objects.exists()


def test_it_lets_only_the_secretariat_write(mark, council):
    with pytest.raises(PermissionDenied):
        services.create_meeting(mark, title_en="Members cannot")


def _page(client, user, meeting):
    if user is not None:
        client.force_login(user)
    return client.get(meeting.get_absolute_url())


def test_it_shows_participants_only_to_those_who_may_see_them(client, mark, council):
    page = _page(client, None, council["meeting"]).content.decode()
    assert "Second meeting of the Expert Council" in page and "Tokayev" in page
    assert "Ivan Internal" not in page
    client.force_login(mark)
    assert "Ivan Internal" in client.get(council["meeting"].get_absolute_url()).content.decode()


def test_it_hides_internal_and_deleted_meetings(client, alice, council):
    internal = services.create_meeting(alice, title_en="Closed session", visibility="internal")
    assert client.get(internal.get_absolute_url()).status_code == 404
    from kenes.core import services as core

    core.delete(alice, council["meeting"])
    assert client.get(council["meeting"].get_absolute_url()).status_code == 404


def test_it_filters_the_list_by_body_year_and_format_and_downloads_it(client, alice, council):
    services.create_meeting(alice, title_en="First meeting", date="2024-08-02", format="in_person", visibility="public")
    url = reverse("council:meetings")
    assert "First meeting" in client.get(url, {"year": "2024"}).content.decode()
    page = client.get(url, {"meeting_format": "online"}).content.decode()
    assert "Second meeting" in page and "First meeting" not in page
    page = client.get(url, {"body": council["body"].pk}).content.decode()
    assert "Second meeting" in page and "First meeting" not in page
    assert client.get(url, {"body": "not-a-number"}).status_code == 200
    csv = client.get(url, {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and "Second meeting" in csv.content.decode()


def test_it_creates_and_edits_a_meeting_from_the_form(client, alice, council):
    client.force_login(alice)
    response = client.post(reverse("council:meeting_create"), {
        "title_en": "Third meeting", "date": "2025-03", "format": "hybrid", "visibility": "internal",
        "participants": [council["tokayev"].pk],
    })
    meeting = Meeting.objects.get(title_en="Third meeting")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert list(meeting.participants.all()) == [council["tokayev"]]
    response = client.post(reverse("council:meeting_edit", args=[meeting.pk]), {
        "title_en": "Third meeting", "date": "2025-03-14", "visibility": "internal", "version": meeting.version,
    })
    meeting.refresh_from_db()
    assert response.status_code == 302 and meeting.date == "2025-03-14"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("core:delete", args=["council.meeting", meeting.pk]) in page


def test_it_forbids_the_forms_to_members(client, mark):
    client.force_login(mark)
    assert client.get(reverse("council:meeting_create")).status_code == 403


def test_it_serves_meetings_through_the_api_without_hidden_participants(client, alice, council):
    data = client.get(f"/api/meetings/{council['meeting'].pk}").json()
    assert data["participants"] == [council["tokayev"].pk]
    assert data["body_id"] == council["body"].pk and data["date"] == "2024-08-28"
    auth = _auth(alice)
    response = client.post("/api/meetings", {"title_ru": "Третье заседание", "date": "2025", "visibility": "public",
                                             "participants": [council["tokayev"].pk]},
                           content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    created = response.json()
    response = client.patch(f"/api/meetings/{created['id']}", {"place": "Ташкент", "version": created["version"]},
                            content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["place"] == "Ташкент"
    response = client.post("/api/meetings", {"title_en": "x", "participants": [999999]},
                           content_type="application/json", **auth)
    assert response.status_code == 422
    assert client.get("/api/meetings", {"body": council["body"].pk}).json()["count"] == 1


def test_it_makes_meetings_searchable(client, council):
    found = client.get("/api/search", {"q": "Second meeting"}).json()
    urls = [result["url"] for group in found["groups"] for result in group["results"]]
    assert council["meeting"].get_absolute_url() in urls
