"""Council operations: the agenda, roles, decisions that become work items, the minutes workflow,
composition with terms, events; the pages and the API that carry them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kenes.accounts.services import create_api_token
from kenes.core.services import Conflict
from kenes.council import services
from kenes.council.models import Decision, Meeting, Minutes, MinutesVersion, Participation, Term
from kenes.workplan import services as workplan
from kenes.workplan.models import WorkItem

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


@pytest.fixture(autouse=True)
def in_english():
    """Messages are checked in English whatever language an earlier test left active in this thread."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _fresh(record):
    return type(record).objects.get(pk=record.pk)


@pytest.fixture
def setting(alice, inventory, parties):
    from kenes.directory import services as directory_services

    body = directory_services.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                                  kind="council", visibility="public")
    meeting = services.create_meeting(
        alice, title_en="Third meeting", body=body, ordinal=3, time_zone="Asia/Tashkent", visibility="public",
        starts_at=datetime.datetime(2027, 3, 12, 5, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 3, 12, 8, tzinfo=datetime.UTC))
    plan = workplan.create_plan(alice, title_en="Work plan 2025–2026", body=body, visibility="public")
    return {"body": body, "meeting": meeting, "plan": plan, **inventory}


# --- meetings and their parts ---------------------------------------------------------------------

def test_a_meeting_takes_its_date_from_its_start_in_its_own_zone(alice, setting):
    late = services.create_meeting(alice, title_en="Late call", time_zone="Asia/Tashkent",
                                   starts_at=datetime.datetime(2025, 5, 1, 20, 30, tzinfo=datetime.UTC))
    # 20:30 UTC is already 1:30 on 2 May in Tashkent.
    assert late.date == "2025-05-02"
    assert setting["meeting"].date == "2027-03-12"


def test_it_refuses_a_meeting_that_ends_before_it_starts(alice):
    with pytest.raises(ValidationError) as refused:
        services.create_meeting(alice, title_en="Backwards", starts_at=timezone.now(),
                                ends_at=timezone.now() - datetime.timedelta(hours=1))
    assert "cannot end before it starts" in str(refused.value)
    assert not Meeting.objects.filter(title_en="Backwards").exists()


def test_the_agenda_is_built_from_measures_in_order_and_refuses_a_measure_the_user_may_not_see(alice, setting):
    meeting = setting["meeting"]
    items = services.agenda_from_measures(alice, meeting, [setting["water"], setting["trade"]],
                                          version=meeting.version)
    assert [item.title_en for item in items] == [setting["water"].title_en, setting["trade"].title_en]
    assert [item.position for item in items] == [1, 2]
    assert list(items[0].measures.all()) == [setting["water"]]
    # Asking again adds nothing twice.
    meeting = _fresh(meeting)
    assert services.agenda_from_measures(alice, meeting, [setting["water"]], version=meeting.version) == []
    # The secretariat sees every live measure; a deleted one is what it may not see, and the refusal
    # names it by id only.
    from kenes.core import services as core
    from kenes.inventory import services as inventory

    secret = inventory.create_measure(alice, title_en="Restricted measure", visibility="restricted")
    core.delete(alice, secret, reason="test")
    meeting = _fresh(meeting)
    with pytest.raises(ValidationError) as refused:
        services.add_agenda_item(alice, meeting, version=meeting.version, title_en="Hidden", measures=[secret])
    assert "cannot be linked" in str(refused.value) and "Restricted measure" not in str(refused.value)
    assert meeting.agenda_items.count() == 2


def test_two_editors_of_the_agenda_do_not_overwrite_each_other(alice, bob, setting):
    meeting = setting["meeting"]
    opened = meeting.version
    services.add_agenda_item(alice, meeting, version=opened, title_en="Water")
    with pytest.raises(Conflict) as conflict:
        services.add_agenda_item(bob, meeting, version=opened, title_en="Trade")
    assert "alice" in conflict.value.message.lower() or "Alice" in conflict.value.message
    assert list(_fresh(meeting).agenda_items.values_list("title_en", flat=True)) == ["Water"]


def test_moving_and_removing_items_keeps_positions_without_gaps(alice, setting):
    meeting = setting["meeting"]
    for title in ("One", "Two", "Three"):
        meeting = _fresh(meeting)
        services.add_agenda_item(alice, meeting, version=meeting.version, title_en=title)
    three = meeting.agenda_items.get(title_en="Three")
    meeting = _fresh(meeting)
    services.move_agenda_item(alice, three, 1, version=meeting.version)
    assert list(meeting.agenda_items.order_by("position").values_list("title_en", flat=True)) == ["Three", "One", "Two"]
    meeting = _fresh(meeting)
    services.remove_agenda_item(alice, meeting.agenda_items.get(title_en="One"), version=meeting.version)
    assert list(meeting.agenda_items.order_by("position").values_list("position", "title_en")) == [
        (1, "Three"), (2, "Two")]


def test_speakers_join_the_participants_and_roles_are_kept(alice, setting):
    meeting = setting["meeting"]
    item = services.add_agenda_item(alice, meeting, version=meeting.version, title_en="Water")
    meeting = _fresh(meeting)
    services.set_role(alice, meeting, setting["tokayev"], "chair", version=meeting.version)
    meeting = _fresh(meeting)
    services.set_speakers(alice, item, [{"person": setting["tokayev"], "summary_en": "On water"},
                                        {"person": setting["insider"], "summary_en": "On data"}],
                          version=meeting.version)
    roles = dict(Participation.objects.filter(meeting=meeting).values_list("person__name_en", "role"))
    assert roles == {"Kassym-Jomart Tokayev": "chair", "Ivan Internal": "speaker"}
    assert set(meeting.participants.all()) == {setting["tokayev"], setting["insider"]}
    meeting = _fresh(meeting)
    with pytest.raises(ValidationError):
        services.set_speakers(alice, item, [{"person": setting["tokayev"]}, {"person": setting["tokayev"]}],
                              version=meeting.version)


def test_a_member_does_not_see_an_internal_speaker_on_a_public_meeting_page(client, alice, rita, setting):
    meeting = setting["meeting"]
    item = services.add_agenda_item(alice, meeting, version=meeting.version, title_en="Water")
    meeting = _fresh(meeting)
    services.set_speakers(alice, item, [{"person": setting["tokayev"]}, {"person": setting["insider"]}],
                          version=meeting.version)
    client.force_login(rita)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Kassym-Jomart Tokayev" in page and "Ivan Internal" not in page


# --- decisions ------------------------------------------------------------------------------------

def test_a_decision_becomes_a_work_item_with_its_owner_and_due_date_in_one_step(alice, setting, parties):
    meeting = setting["meeting"]
    decision = services.add_decision(
        alice, meeting, version=meeting.version, kind="action", text_en="Map the transboundary rivers' data",
        owner=setting["tokayev"], owner_organization=setting["kaziss"], due=datetime.date(2027, 6, 30))
    meeting = _fresh(meeting)
    item = services.make_work_item(alice, decision, version=meeting.version)
    assert item.plan == setting["plan"] and item.due == datetime.date(2027, 6, 30)
    side = item.responsibilities.get()
    assert (side.party, side.organization, side.lead) == (parties["KZ"], setting["kaziss"], setting["tokayev"])
    # No measure was named: the decision became a measure of the council, made at this meeting.
    assert item.measure.title_en == "Map the transboundary rivers' data"
    assert item.measure.level == "expert_council" and item.measure.first_proposed_on == "2027-03-12"
    assert _fresh(decision).work_item == item
    meeting = _fresh(meeting)
    with pytest.raises(ValidationError) as twice:
        services.make_work_item(alice, _fresh(decision), version=meeting.version)
    assert "already work item" in str(twice.value)
    assert WorkItem.objects.count() == 1


def test_a_decision_without_an_owner_or_plan_is_refused_with_the_reason(alice, setting):
    meeting = setting["meeting"]
    decision = services.add_decision(alice, meeting, version=meeting.version, text_en="Think about it")
    meeting = _fresh(meeting)
    with pytest.raises(ValidationError) as refused:
        services.make_work_item(alice, decision, version=meeting.version)
    assert "owns the decision" in str(refused.value)
    workplan.update_plan(alice, setting["plan"], version=setting["plan"].version, status="closed")
    meeting = _fresh(meeting)
    services.update_decision(alice, decision, version=meeting.version, owner=setting["tokayev"])
    meeting = _fresh(meeting)
    with pytest.raises(ValidationError) as no_plan:
        services.make_work_item(alice, _fresh(decision), version=meeting.version)
    assert "no open work plan" in str(no_plan.value)


# --- minutes --------------------------------------------------------------------------------------

def _circulated(alice, setting, mark):
    meeting = _fresh(setting["meeting"])
    services.add_agenda_item(alice, meeting, version=meeting.version, title_en="Water diplomacy")
    meeting = _fresh(meeting)
    services.add_decision(alice, meeting, version=meeting.version, text_en="Hold the water conference")
    meeting = _fresh(meeting)
    person = setting["tokayev"]
    services.set_role(alice, meeting, person, "chair", version=meeting.version)
    mark.person = person
    mark.save()
    minutes = services.draft_minutes(alice, _fresh(meeting), language="en")
    assert "Water diplomacy" in minutes.text_en and "Hold the water conference" in minutes.text_en
    return services.circulate(alice, minutes, deadline=timezone.now() + datetime.timedelta(days=3),
                              version=minutes.version)


def test_the_minutes_go_from_draft_to_published_with_both_sides_approving(alice, bob, mark, setting):
    minutes = _circulated(alice, setting, mark)
    remark = services.comment(mark, minutes, "Add that the chair thanked ISRS.")
    with pytest.raises(ValidationError) as open_comment:
        services.approve(alice, _fresh(minutes), version=_fresh(minutes).version)
    assert "open comments" in str(open_comment.value)
    minutes = _fresh(minutes)
    minutes = services.edit_minutes(alice, minutes, version=minutes.version, note="Thanks added",
                                    text_en=minutes.text_en + "The chair thanked ISRS.\n")
    services.resolve_comment(alice, remark, "accepted", "Added in version 2")
    minutes = services.approve(alice, _fresh(minutes), version=_fresh(minutes).version)
    assert minutes.state == Minutes.State.CIRCULATED
    assert [party.code for party in services.missing_approvals(minutes)] == ["UZ"]
    with pytest.raises(ValidationError) as early:
        services.publish(alice, minutes, version=minutes.version)
    assert "Uzbekistan" in str(early.value)
    minutes = services.approve(bob, minutes, version=minutes.version)
    assert minutes.state == Minutes.State.APPROVED
    minutes = services.publish(alice, minutes, version=minutes.version)
    assert minutes.state == Minutes.State.PUBLISHED and minutes.visibility == "public"
    assert list(MinutesVersion.objects.filter(minutes=minutes).values_list("number", flat=True)) == [2, 1]


def test_nothing_changes_the_minutes_once_approved(alice, bob, mark, setting):
    minutes = _circulated(alice, setting, mark)
    minutes = services.approve(alice, minutes, version=minutes.version)
    minutes = services.approve(bob, minutes, version=minutes.version)
    with pytest.raises(ValidationError) as late:
        services.comment(mark, minutes, "Too late?")
    assert "Comments are closed" in str(late.value)
    with pytest.raises(ValidationError):
        services.edit_minutes(alice, minutes, version=minutes.version, text_en="Rewritten")
    assert _fresh(minutes).comments.count() == 0 and "Rewritten" not in _fresh(minutes).text_en


def test_an_edit_after_one_approval_asks_for_it_again(alice, bob, mark, setting):
    minutes = _circulated(alice, setting, mark)
    minutes = services.approve(alice, minutes, version=minutes.version)
    minutes = services.edit_minutes(alice, minutes, version=minutes.version, text_en="New text")
    minutes = services.approve(bob, minutes, version=minutes.version)
    assert minutes.state == Minutes.State.CIRCULATED
    assert [party.code for party in services.missing_approvals(minutes)] == ["KZ"]


def test_only_participants_comment_and_not_after_the_deadline(alice, mark, rita, setting):
    minutes = _circulated(alice, setting, mark)
    with pytest.raises(PermissionDenied):
        services.comment(rita, minutes, "I was not there")
    Minutes.objects.filter(pk=minutes.pk).update(comment_deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as late:
        services.comment(mark, _fresh(minutes), "Late")
    assert "deadline" in str(late.value)


def test_draft_minutes_are_for_the_secretariat_and_circulated_ones_for_members(client, alice, mark, setting):
    meeting = setting["meeting"]
    minutes = services.draft_minutes(alice, meeting, language="en")
    url = reverse("council:minutes", args=[meeting.pk])
    client.force_login(mark)
    assert client.get(url).status_code == 404
    services.circulate(alice, minutes, deadline=timezone.now() + datetime.timedelta(days=1), version=minutes.version)
    assert client.get(url).status_code == 200


# --- composition ----------------------------------------------------------------------------------

def test_the_composition_shows_each_side_on_a_day_and_refuses_overlapping_terms(client, alice, setting, parties):
    body = setting["body"]
    chair = services.create_term(alice, body=body, person=setting["tokayev"], party=parties["KZ"],
                                 position="co_chair", start=datetime.date(2024, 8, 8), visibility="public")
    with pytest.raises(ValidationError) as overlap:
        services.create_term(alice, body=body, person=setting["tokayev"], party=parties["KZ"], position="member",
                             start=datetime.date(2025, 1, 1), visibility="public")
    assert "already holds a seat" in str(overlap.value)
    with pytest.raises(ValidationError) as second_chair:
        services.create_term(alice, body=body, person=setting["insider"], party=parties["KZ"], position="co_chair",
                             start=datetime.date(2025, 1, 1), visibility="public")
    assert "one at a time" in str(second_chair.value)
    services.end_term(alice, chair, end=datetime.date(2025, 12, 31), why="New position", version=chair.version)
    successor = services.create_term(alice, body=body, person=setting["insider"], party=parties["KZ"],
                                     position="co_chair", start=datetime.date(2026, 1, 1), visibility="public")
    assert Term.objects.count() == 2
    on_2025 = services.composition(body, alice, datetime.date(2025, 6, 1))
    assert [t.person for side in on_2025 for t in side["terms"]] == [setting["tokayev"]]
    page = client.get(reverse("council:composition", args=[body.pk]) + "?on=2026-02-01").content.decode()
    # The internal successor is not shown to a visitor, the public history is.
    assert "Ivan Internal" not in page and "New position" in page
    client.force_login(alice)
    page = client.get(reverse("council:composition", args=[body.pk]) + "?on=2026-02-01").content.decode()
    assert "Ivan Internal" in page and successor.get_absolute_url() in page
    assert client.get(reverse("council:composition", args=[body.pk]) + "?on=garbage").status_code == 200


def test_a_term_cannot_end_before_it_starts(alice, setting, parties):
    with pytest.raises(ValidationError):
        services.create_term(alice, body=setting["body"], person=setting["tokayev"], party=parties["KZ"],
                             start=datetime.date(2025, 1, 1), end=datetime.date(2024, 1, 1))


# --- pages ----------------------------------------------------------------------------------------

def test_the_secretariat_builds_the_agenda_and_records_a_decision_through_the_pages(client, alice, setting):
    meeting = setting["meeting"]
    client.force_login(alice)
    response = client.post(reverse("council:agenda_from_measures", args=[meeting.pk]), {
        "measures": [setting["water"].pk], "meeting_version": meeting.version})
    assert response.status_code == 302
    meeting = _fresh(meeting)
    stale = meeting.version - 1
    response = client.post(reverse("council:agenda_add", args=[meeting.pk]), {
        "title_en": "Stale item", "meeting_version": stale})
    assert response.status_code == 200 and "changed" in response.content.decode()
    assert not meeting.agenda_items.filter(title_en="Stale item").exists()
    response = client.post(reverse("council:decision_add", args=[meeting.pk]), {
        "kind": "action", "text_en": "Prepare the water conference", "owner": setting["tokayev"].pk,
        "due": "2027-05-01", "meeting_version": meeting.version})
    assert response.status_code == 302
    decision = Decision.objects.get()
    response = client.post(reverse("council:decision_work_item", args=[decision.pk]), {
        "plan": setting["plan"].pk, "meeting_version": _fresh(meeting).version})
    item = WorkItem.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Prepare the water conference" in page and item.get_absolute_url() in page


def test_members_cannot_change_the_agenda(client, mark, setting):
    meeting = setting["meeting"]
    client.force_login(mark)
    response = client.post(reverse("council:agenda_add", args=[meeting.pk]), {
        "title_en": "Sneaky", "meeting_version": meeting.version})
    assert response.status_code == 403 and not meeting.agenda_items.exists()


# --- the API --------------------------------------------------------------------------------------

def test_the_api_builds_an_agenda_with_the_meetings_version(client, alice, rita, setting):
    meeting = setting["meeting"]
    auth = _auth(alice)
    response = client.post(f"/api/meetings/{meeting.pk}/agenda", {
        "title_en": "Water", "measures": [setting["water"].pk, setting["internal"].pk], "version": meeting.version},
        content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    stale = client.post(f"/api/meetings/{meeting.pk}/agenda", {"title_en": "Trade", "version": meeting.version},
                        content_type="application/json", **auth)
    assert stale.status_code == 409
    missing = client.post(f"/api/meetings/{meeting.pk}/agenda", {"title_en": "Trade"},
                          content_type="application/json", **auth)
    assert missing.status_code == 428
    # A reader sees the public measure only.
    client.force_login(rita)
    agenda = client.get(f"/api/v1/meetings/{meeting.pk}/agenda").json()["items"]
    assert [row["title_en"] for row in agenda] == ["Water"] and agenda[0]["measures"] == [setting["water"].pk]


def test_the_api_runs_the_minutes_workflow(client, alice, bob, mark, setting):
    minutes = _circulated(alice, setting, mark)
    meeting = minutes.meeting
    comment = client.post(f"/api/meetings/{meeting.pk}/minutes/comments", {"text": "Fine by me"},
                          content_type="application/json", **_auth(mark))
    assert comment.status_code == 201
    client.post(f"/api/meetings/{meeting.pk}/minutes/comments/{comment.json()['id']}/resolve",
                {"resolution": "noted"}, content_type="application/json", **_auth(alice))
    for user in (alice, bob):
        version = client.get(f"/api/meetings/{meeting.pk}/minutes", **_auth(user)).json()["version"]
        answer = client.post(f"/api/meetings/{meeting.pk}/minutes/approve", {"version": version},
                             content_type="application/json", **_auth(user))
        assert answer.status_code == 200, answer.content
    assert answer.json()["state"] == "approved" and answer.json()["waiting_for"] == []
    late = client.post(f"/api/meetings/{meeting.pk}/minutes/comments", {"text": "One more"},
                       content_type="application/json", **_auth(mark))
    assert late.status_code == 422 and "closed" in str(late.json())


def test_events_join_the_platform_search_with_visibility(client, alice, setting):
    services.create_event(alice, title_en="Regional Conference on Water Diplomacy", kind="conference",
                          start_date="2025", place="Tashkent", visibility="public", measures=[setting["water"]])
    services.create_event(alice, title_en="Closed round table on water data", kind="round_table",
                          visibility="restricted")
    found = client.get("/api/search", {"q": "water"}).json()
    titles = str(found)
    assert "Regional Conference on Water Diplomacy" in titles and "Closed round table" not in titles
    page = client.get(reverse("council:events")).content.decode()
    assert "Regional Conference on Water Diplomacy" in page and "Closed round table" not in page


def test_the_dashboard_shows_minutes_waiting_for_each_side_and_for_a_participant(client, alice, bob, mark, setting):
    minutes = _circulated(alice, setting, mark)
    services.comment(mark, minutes, "One remark")
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "Comments to resolve: Third meeting" in page and "approval: Third meeting" in page
    client.force_login(mark)
    assert "Minutes open for your comments: Third meeting" in client.get("/").content.decode()
    services.resolve_comment(alice, minutes.comments.get(), "noted")
    services.approve(alice, _fresh(minutes), version=_fresh(minutes).version)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "approval: Third meeting" not in page and "Comments to resolve" not in page
    client.force_login(bob)
    assert "approval: Third meeting" in client.get("/").content.decode()


def test_circulating_the_minutes_mails_the_participants_with_accounts(alice, mark, rita, setting,
                                                                      django_capture_on_commit_callbacks, mailoutbox):
    mark.email, rita.email = "mark@example.org", "rita@example.org"
    rita.person = setting["insider"]  # a participant's account without the right to read the minutes
    rita.save()
    meeting = setting["meeting"]
    services.set_role(alice, meeting, setting["insider"], "attendee", version=meeting.version)
    with django_capture_on_commit_callbacks(execute=True):
        _circulated(alice, setting, mark)
    assert [message.to for message in mailoutbox] == [["mark@example.org"]]
    assert "Third meeting" in mailoutbox[0].subject
    assert f"/council/meetings/{meeting.pk}/minutes/" in mailoutbox[0].body


def test_the_bodys_directory_page_shows_its_current_composition_per_side(client, alice, setting, parties):
    body = setting["body"]
    services.create_term(alice, body=body, person=setting["tokayev"], party=parties["KZ"], position="co_chair",
                         start=datetime.date(2024, 8, 8), visibility="public")
    services.create_term(alice, body=body, person=setting["insider"], party=parties["KZ"], position="member",
                         start=datetime.date(2024, 8, 8), visibility="public")
    page = client.get(body.get_absolute_url()).content.decode()
    assert 'id="composition"' in page and "Kassym-Jomart Tokayev" in page
    assert "Ivan Internal" not in page  # an internal person is not shown to a visitor
    assert reverse("council:composition", args=[body.pk]) in page
    other = client.get(setting["kaziss"].get_absolute_url()).content.decode()
    assert 'id="composition"' not in other


def test_a_decision_on_a_measure_that_was_never_on_the_agenda_is_on_its_timeline(client, alice, setting):
    """The page asks whether any agenda item or decision names the measure: a decision alone is enough."""
    meeting = setting["meeting"]
    services.add_decision(alice, meeting, version=meeting.version, kind="action", text_en="Hold the water forum",
                          measure=setting["water"])
    client.force_login(alice)
    page = client.get(setting["water"].get_absolute_url()).content.decode()
    assert "Action item of Third meeting: Hold the water forum" in page
    assert "On the agenda of" not in page


def test_a_measures_timeline_shows_the_meetings_that_discussed_and_decided_it(client, alice, rita, setting):
    meeting = setting["meeting"]
    services.agenda_from_measures(alice, meeting, [setting["water"]], version=meeting.version)
    meeting = _fresh(meeting)
    services.add_decision(alice, meeting, version=meeting.version, kind="action", text_en="Hold the water forum",
                          measure=setting["water"])
    client.force_login(alice)
    page = client.get(setting["water"].get_absolute_url()).content.decode()
    assert "On the agenda of Third meeting" in page and "Action item of Third meeting: Hold the water forum" in page
    from kenes.core import services as core

    core.update(alice, _fresh(meeting), {"visibility": "internal"}, allowed=["visibility"],
                version=_fresh(meeting).version)
    client.force_login(rita)
    assert "Third meeting" not in client.get(setting["water"].get_absolute_url()).content.decode()
