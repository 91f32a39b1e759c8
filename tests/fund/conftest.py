"""A fund with an open call, organisations on both sides, experts and an applicant."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kenes.accounts.models import User
from kenes.council.models import ExpertProfile
from kenes.directory import services as directory
from kenes.fund import services
from tests.conftest import PASSWORD


def make_user(username, role=User.Role.READER, person=None, party=None):
    user = User(username=username, role=role, person=person, party=party, first_name=username.title())
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def world(alice, parties):
    return build_world(alice, parties)


def build_world(alice, parties, *, open_call=True):
    kz, uz = parties["KZ"], parties["UZ"]
    org = {}
    for key, name, party in [("kz_uni", "Al-Farabi Kazakh National University", kz),
                             ("kz_lab", "Astana Water Lab", kz),
                             ("uz_uni", "Tashkent State Technical University", uz),
                             ("uz_inst", "Samarkand Energy Institute", uz),
                             ("fund_body", "Joint Fund of Kazakhstan and Uzbekistan", None)]:
        org[key] = directory.create_organization(alice, name_en=name, party=party, visibility="public")
    people = {}
    for key, name, party in [("aigerim", "Aigerim Sadykova", kz), ("bakhtiyor", "Bakhtiyor Karimov", uz),
                             ("dana", "Dana Omarova", kz)]:
        people[key] = directory.create_person(alice, name_en=name, party=party, visibility="public")
        ExpertProfile.objects.create(person=people[key], visibility="public")
    # Dana works at the Kazakh university that leads the application: a detected conflict.
    directory.add_membership(alice, people["dana"], organization=org["kz_uni"], title_en="Professor",
                                start_date="2019", visibility="public")
    fund = services.create_fund(alice, name_en="Joint Fund", currency="USD", total_budget=Decimal("5000000"),
                                managing_organizations=[org["fund_body"]], visibility="public")
    now = timezone.now()
    call = services.create_call(alice, fund=fund, title_en="Pilot call", budget=Decimal("1000000"),
                                opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30),
                                max_amount=Decimal("300000"), allowed_lead_parties=[kz, uz],
                                reviewers_per_application=2, visibility="public")
    criteria = [services.create_criterion(alice, call=call, name_en="Relevance", weight=Decimal(2), scale_max=10,
                                          position=1),
                services.create_criterion(alice, call=call, name_en="Feasibility", weight=Decimal(1), scale_max=5,
                                          position=2)]
    if open_call:
        call = services.set_call_state(alice, call, "open")
    applicant = make_user("amir")
    reviewers = {key: make_user(key, person=people[key]) for key in people}
    return {"org": org, "people": people, "fund": fund, "call": call, "criteria": criteria, "applicant": applicant,
            "reviewers": reviewers, "kz": kz, "uz": uz}


def draft(world, **overrides):
    data = {"call": world["call"], "title_en": "Drip irrigation for the Syr Darya basin",
            "summary_en": "Demo: pilots of drip irrigation on both banks.", "lead_organization": world["org"]["kz_uni"],
            "partner_organizations": [world["org"]["uz_uni"]], "requested_amount": Decimal("200000"),
            "duration_months": 24}
    data.update(overrides)
    return services.create_application(world["applicant"], **data)


def submitted(world, **overrides):
    application = draft(world, **overrides)
    return services.submit_application(world["applicant"], application, version=application.version)
