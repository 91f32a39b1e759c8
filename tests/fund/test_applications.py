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
