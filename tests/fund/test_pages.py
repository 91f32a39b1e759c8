"""The fund's pages, by role: what each one shows and refuses."""

import pytest
from django.urls import reverse

from kenes.fund import services
from kenes.fund.models import Application, Call, Review
from tests.fund.conftest import submitted


def login(client, user):
    client.force_login(user)
    return client


def test_the_call_page_shows_eligibility_criteria_and_both_zones(client, world):
    response = client.get(reverse("fund:call", args=[world["call"].pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "partner organisation from the other side" in text
    assert "Relevance" in text and "Feasibility" in text
    assert "Sign in to apply" in text


def test_an_applicant_saves_a_draft_sees_what_is_missing_and_submits(client, world):
    login(client, world["applicant"])
    org = world["org"]
    response = client.post(reverse("fund:apply", args=[world["call"].pk]), {
        "title_en": "Solar pumps", "summary_en": "Demo", "lead_organization": org["kz_uni"].pk,
        "partner_organizations": [org["kz_lab"].pk], "requested_amount": "100000", "duration_months": "12"})
    application = Application.objects.get()
    assert response.status_code == 302
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Add at least one partner organisation from the other side." in page
    client.post(reverse("fund:application_edit", args=[application.pk]), {
        "title_en": "Solar pumps", "summary_en": "Demo", "lead_organization": org["kz_uni"].pk,
        "partner_organizations": [org["uz_uni"].pk], "requested_amount": "100000", "duration_months": "12",
        "version": application.version})
    application.refresh_from_db()
    client.post(reverse("fund:application_submit", args=[application.pk]), {"version": application.version})
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED


def test_others_cannot_open_an_application(client, world, rita):
    application = submitted(world)
    assert client.get(application.get_absolute_url()).status_code == 404
    login(client, rita)
    assert client.get(application.get_absolute_url()).status_code == 404


def test_the_assign_page_shows_the_conflict_and_a_blocked_reviewer_cannot_score(client, world, alice):
    application = submitted(world)
    login(client, alice)
    page = client.get(reverse("fund:assign", args=[application.pk])).content.decode()
    assert "Blocked" in page and "Al-Farabi" in page
    client.post(reverse("fund:assign", args=[application.pk]), {"person": world["people"]["dana"].pk})
    assert not application.assignments.exists()
    client.post(reverse("fund:assign", args=[application.pk]), {"person": world["people"]["aigerim"].pk})
    assignment = application.assignments.get()
    login(client, world["reviewers"]["dana"])
    assert client.get(reverse("fund:review", args=[assignment.pk])).status_code == 403


def test_assigning_nobody_or_a_made_up_reviewer_says_so_and_assigns_nobody(client, world, alice):
    # Found by the permission matrix: an empty form was a 404 page, a word instead of an id a server error.
    application = submitted(world)
    login(client, alice)
    for person in ("", "abc", "999999", "9" * 30):
        response = client.post(reverse("fund:assign", args=[application.pk]), {"person": person}, follow=True)
        assert response.status_code == 200, person
        assert "Choose a reviewer from the list." in response.content.decode(), person
    assert not application.assignments.exists()


def test_a_reviewer_scores_and_a_blind_call_hides_the_applicant(client, world, alice):
    services.update_call(alice, world["call"], version=world["call"].version, blind_review=True)
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    login(client, world["reviewers"]["aigerim"])
    assert "Drip irrigation" in client.get(reverse("fund:assignments")).content.decode()
    page = client.get(reverse("fund:review", args=[assignment.pk])).content.decode()
    assert "Hidden: this call is reviewed blind." in page and "Al-Farabi" not in page
    relevance, feasibility = world["criteria"]
    response = client.post(reverse("fund:review", args=[assignment.pk]), {
        f"score_{relevance.pk}": "11", f"score_{feasibility.pk}": "4", "submit": "1"})
    assert "runs from 0 to 10" in response.content.decode()
    client.post(reverse("fund:review", args=[assignment.pk]), {
        f"score_{relevance.pk}": "8", f"score_{feasibility.pk}": "4", "submit": "1"})
    assert Review.objects.get().state == Review.State.SUBMITTED


def test_the_secretariat_ranks_selects_and_publishes_and_the_public_sees_only_that(client, world, alice):
    application = submitted(world)
    relevance, feasibility = world["criteria"]
    for key in ("aigerim", "bakhtiyor"):
        assignment = services.assign_reviewer(alice, application, world["people"][key])
        services.save_review(world["reviewers"][key], assignment, scores={relevance: 8, feasibility: 4}, submit=True)
    services.set_call_state(alice, world["call"], "closed")
    login(client, alice)
    assert "80.00" in client.get(reverse("fund:ranking", args=[world["call"].pk])).content.decode()
    client.post(reverse("fund:selection", args=[world["call"].pk]), {"budget": "1000000", "minimum_score": "",
                                                                     "balance": ""})
    selection = world["call"].selections.get()
    assert "Selected" in client.get(reverse("fund:selection", args=[world["call"].pk])).content.decode()
    client.post(reverse("fund:publish", args=[selection.pk]))
    assert Call.objects.get(pk=world["call"].pk).state == Call.State.PUBLISHED
    client.logout()
    page = client.get(reverse("fund:decisions")).content.decode()
    assert "Drip irrigation" in page and "200" in page
    assert client.get(reverse("fund:decisions") + "?format=csv").status_code == 200


@pytest.mark.parametrize("name", ["fund:ranking", "fund:selection", "fund:call_applications", "fund:call_reviews"])
def test_secretariat_pages_are_refused_to_others(client, world, mark, name):
    login(client, mark)
    assert client.get(reverse(name, args=[world["call"].pk])).status_code == 403


def test_exports_list_the_applications_and_reviews(client, world, alice):
    submitted(world)
    login(client, alice)
    csv = client.get(reverse("fund:call_applications", args=[world["call"].pk]) + "?format=csv")
    assert "Drip irrigation" in csv.content.decode()
    xlsx = client.get(reverse("fund:call_reviews", args=[world["call"].pk]) + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_fund_page_shows_money_per_call(client, world):
    page = client.get(world["fund"].get_absolute_url()).content.decode()
    assert "Pilot call" in page and "Money per call" in page and "Money per side of the lead applicants" in page


def test_the_secretariat_records_payments_and_reports_on_a_grant(client, world, alice):
    application = submitted(world)
    relevance, feasibility = world["criteria"]
    for key in ("aigerim", "bakhtiyor"):
        assignment = services.assign_reviewer(alice, application, world["people"][key])
        services.save_review(world["reviewers"][key], assignment, scores={relevance: 8, feasibility: 4}, submit=True)
    services.set_call_state(alice, world["call"], "closed")
    grant = services.publish_selection(alice, services.run_selection(alice, world["call"]))[0]
    login(client, alice)
    client.post(reverse("fund:disbursement_add", args=[grant.pk]), {"amount": "50000", "paid_on": "2025-10"})
    refused = client.post(reverse("fund:disbursement_add", args=[grant.pk]), {"amount": "999999", "paid_on": "2025-11"},
                          follow=True)
    assert "Payments would exceed the grant" in refused.content.decode()
    client.post(reverse("fund:report_add", args=[grant.pk]), {"title": "Interim report", "due_on": "2026-03"})
    page = client.get(application.get_absolute_url()).content.decode()
    assert "50,000" in page and "Interim report" in page
    assert grant.disbursements.count() == 1
