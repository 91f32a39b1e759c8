"""Schemathesis against the API: every operation of the OpenAPI document, as the document describes it.

Requests are generated from the document (its examples, the boundary values of each parameter and
field, and random data), sent to the app in-process, and each answer is checked: never a server error,
a status, content type, headers and body the document declares, schema-valid requests accepted and
invalid ones refused, authentication enforced where declared. Reads run anonymously and with a
secretariat token; writes with the token (and without, to see them refused). Ids in paths are drawn
among the records of a small world of every kind (public, internal, restricted) or are unknown.

Bounded for CI (a few examples per operation, derandomised so a run is reproducible):
``KENES_SCHEMATHESIS_EXAMPLES`` raises the number of random examples for a longer local run.
"""

from __future__ import annotations

import datetime
import os
import zlib
from decimal import Decimal

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, settings

from kenes.accounts.services import create_api_token

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("KENES_SCHEMATHESIS_EXAMPLES", "5"))
# The coverage phase sends every boundary and every wrong type of every parameter and field, about
# 11,000 cases for the whole API (five minutes): CI sends a fixed sample of them, one in
# ``KENES_SCHEMATHESIS_COVERAGE_SHARE`` (1 sends them all).
COVERAGE_SHARE = int(os.environ.get("KENES_SCHEMATHESIS_COVERAGE_SHARE", "8"))
# Valid-looking data may still name a party, topic or record that does not exist (422) or omit the
# version a change needs (428): the document says so. A schema-valid request must never be a 400 or 5xx.
ACCEPTED = ["2xx", "401", "403", "404", "409", "422", "428", "429"]


def _world(alice, inventory, parties, settings, tmp_path) -> None:
    """Records of every kind the API serves, some hidden from anonymous readers."""
    from kenes.council import services as council
    from kenes.inventory import services as measures
    from kenes.projects import services as projects
    from kenes.workplan import services as workplan
    from tests.fund.conftest import build_world, submitted
    from tests.portal.conftest import build_published

    world = build_published(alice, inventory, parties, settings, tmp_path)
    fund = build_world(alice, parties)
    submitted(fund)
    council.draft_minutes(alice, world["last"])
    measures.create_assessment(alice, measure=world["water"], party=parties["KZ"], period="2024", score=1)
    projects.create_project(alice, name_en='International Center for Industrial Cooperation "Central Asia"',
                            parties=list(parties.values()), value=Decimal("156000000"), currency="USD",
                            status="in_progress", start_date="2023-12", visibility="public")
    projects.create_statement(alice, stated_on="2024-08-07", status="implemented", project_count=11,
                              total_value=Decimal("144000000"), currency="USD", visibility="public")
    plan = workplan.create_plan(alice, title_en="Work plan 2025–2026", visibility="public")
    workplan.create_item(alice, plan=plan, measure=world["trade"], due=datetime.date(2026, 6, 30),
                         visibility="public")


@pytest.fixture
def application():
    """The WSGI app, in the test's transaction: as Django's test client does, a request's end must not
    close the database connection (on PostgreSQL that would end the test's transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    from kenes.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(application, alice, inventory, parties, settings, tmp_path):
    _world(alice, inventory, parties, settings, tmp_path)
    loaded = schemathesis.openapi.from_wsgi(reverse("api:openapi-json"), application)
    # A NUL or a lone surrogate is refused with 400 before any schema is consulted (documented as such):
    # generating them would only test that refusal, which tests/core/test_hostile_input.py does.
    loaded.config.generation.update(max_examples=EXAMPLES, deterministic=True, allow_x00=False, codec="utf-8")
    for check in ("positive_data_acceptance",):
        getattr(loaded.config.checks, check).expected_statuses = ACCEPTED
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def secretariat_token(alice):
    return create_api_token(alice, "schemathesis")[1]


# Path parameters whose name is not the model's.
MODELS_BY_PARAMETER = {"org_id": ["organization"], "body_id": ["organization"], "item_id": ["agendaitem", "workitem"],
                       "plan_id": ["workplan"], "comment_id": ["minutescomment"], "rate_id": ["conversionrate"],
                       "expert_id": ["expertprofile"], "statement_id": ["portfoliostatement"],
                       "assignment_id": ["reviewassignment"]}


@pytest.fixture
def record_ids(api_schema) -> dict[str, list[int]]:
    """The ids of the world's records for each path parameter (``measure_id``: every measure's id)."""
    from django.apps import apps

    models = {model._meta.model_name: model for model in apps.get_models()}
    found = {}
    for name in {parameter for path in api_schema.raw_schema["paths"] for parameter in _path_parameters(path)}:
        wanted = MODELS_BY_PARAMETER.get(name, [name.removesuffix("_id")])
        ids = sorted(pk for model in wanted if model in models
                     for pk in models[model]._base_manager.values_list("pk", flat=True))
        if ids:
            found[name] = ids
    return found


def _path_parameters(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _aim_at_records(case, record_ids) -> None:
    """A drawn id names one of the world's records (so answers carry real data); 0 and huge ids stay unknown."""
    for name, value in (case.path_parameters or {}).items():
        known = record_ids.get(name)
        if known and type(value) is int and 0 < value < 2**31:
            case.path_parameters[name] = known[value % len(known)]


def _sample_key(case) -> int:
    """The same number for the same case in every run (generation is derandomised), spread evenly."""
    return zlib.crc32(f"{case.method} {case.path} {case.meta.phase.data!r} {case.query} {case.body!r}".encode())


TALLY: dict[str, int] = {}


@pytest.fixture
def tally():
    """How many cases each phase sent (seen with ``pytest -s``): the figures of a run."""
    import time

    TALLY.clear()
    started = time.perf_counter()
    yield
    print(f"\nschemathesis: {sum(TALLY.values())} cases {TALLY} in {time.perf_counter() - started:.0f} s")


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_the_promises_of_its_openapi_document(case, secretariat_token, record_ids, tally):
    phase = case.meta.phase.name.value if case.meta else "?"
    if phase == "coverage" and _sample_key(case) % COVERAGE_SHARE:
        return
    _aim_at_records(case, record_ids)
    TALLY[phase] = TALLY.get(phase, 0) + 1
    if case.method.upper() == "GET":
        case.call_and_validate()  # anonymously
    case.call_and_validate(headers={"Authorization": f"Bearer {secretariat_token}"})
