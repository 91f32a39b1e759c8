"""Applying: drafts, eligibility with reasons, the deadline, and no lost update between two editors."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kenes.core.services import Conflict
from kenes.fund import services
from kenes.fund.models import Application, Call
from tests.fund.conftest import draft, make_user, submitted


def test_it_saves_a_draft_and_submits_it(world):
    application = draft(world)
    assert application.state == Application.State.DRAFT
    assert application.lead_party == world["kz"]
    application = services.submit_application(world["applicant"], application, version=application.version)
    assert application.state == Application.State.SUBMITTED
    assert application.submitted_at is not None
    assert application.history.count() >= 2


def test_it_refuses_a_partner_missing_from_the_other_side(world):
    application = draft(world, partner_organizations=[world["org"]["kz_lab"]])
    with pytest.raises(ValidationError) as refused:
        services.submit_application(world["applicant"], application, version=application.version)
    assert "partner organisation from the other side" in str(refused.value)
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT


def test_it_refuses_an_amount_over_the_maximum(world):
    with pytest.raises(ValidationError) as refused:
        draft(world, requested_amount=Decimal("300000.01"))
    assert "at most 300000" in str(refused.value)
    assert not Application.objects.exists()


def test_it_refuses_a_submission_after_the_deadline(world, alice):
    application = draft(world)
    call = world["call"]
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(opens_at=now - datetime.timedelta(days=10),
                                           closes_at=now - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as refused:
        services.submit_application(world["applicant"], application, version=application.version)
    assert "deadline" in str(refused.value)
    with pytest.raises(ValidationError):
        services.update_application(world["applicant"], application, version=application.version, title_en="Late")
    application.refresh_from_db()
    assert application.state == Application.State.DRAFT and application.title_en != "Late"


def test_a_lead_from_a_party_not_allowed_is_refused_with_the_reason(world, alice):
    call = services.update_call(alice, world["call"], version=world["call"].version, allowed_lead_parties=[world["uz"]])
    world["call"] = call
    application = draft(world)
    assert any("must come from" in problem for problem in services.eligibility_problems(application))


def test_another_account_cannot_edit_someone_elses_application(world):
    application = draft(world)
    stranger = make_user("stranger")
    with pytest.raises(PermissionDenied):
        services.update_application(stranger, application, version=application.version, title_en="Mine now")


def test_the_applicant_and_the_secretariat_editing_at_once_lose_nothing(world, alice):
    application = draft(world)
    opened_at = application.version
    services.update_application(alice, application, version=opened_at, duration_months=18)
    with pytest.raises(Conflict):
        services.update_application(world["applicant"], application, version=opened_at, duration_months=30)
    application.refresh_from_db()
    assert application.duration_months == 18


def test_reading_is_by_role(world, alice, rita):
    application = submitted(world)
    assert application in services.applications_for(world["applicant"])
    assert application in services.applications_for(alice)
    assert application not in services.applications_for(rita)
    assert application not in services.applications_for(world["reviewers"]["aigerim"])
    services.assign_reviewer(alice, application, world["people"]["aigerim"])
    assert application in services.applications_for(world["reviewers"]["aigerim"])


def test_the_application_form_names_only_organisations_the_applicant_may_see(world, alice, client):
    # Found by the permission matrix: the lead and partner selects listed every organisation, restricted too.
    from kenes.directory import services as directory

    hidden = directory.create_organization(alice, name_en="Restricted Oversight Board", visibility="restricted")
    internal = directory.create_organization(alice, name_en="Internal Task Force", visibility="internal")
    client.force_login(world["applicant"])
    page = client.get(f"/fund/calls/{world['call'].pk}/apply/").content.decode()
    assert "Al-Farabi Kazakh National University" in page
    assert "Restricted Oversight Board" not in page and "Internal Task Force" not in page
    # Naming one anyway (a hand-made form) is refused like an unknown choice, and nothing is saved.
    response = client.post(f"/fund/calls/{world['call'].pk}/apply/", {
        "title_en": "Probe", "lead_organization": hidden.pk, "partner_organizations": [internal.pk],
        "requested_amount": "1000", "duration_months": "12"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Application.objects.filter(title_en="Probe").exists()
    # The secretariat still chooses among all of them.
    client.force_login(alice)
    assert "Restricted Oversight Board" in client.get(f"/fund/calls/{world['call'].pk}/apply/").content.decode()


def test_editing_keeps_an_organisation_already_on_the_application_after_it_is_restricted(world, alice, client):
    application = draft(world)
    lead = world["org"]["kz_uni"]
    lead.__class__.objects.filter(pk=lead.pk).update(visibility="restricted")
    client.force_login(world["applicant"])
    page = client.get(f"/fund/applications/{application.pk}/edit/").content.decode()
    assert f'value="{lead.pk}" selected' in page
    assert "Samarkand Energy Institute" in page  # public ones are still offered
