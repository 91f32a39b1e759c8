"""Project mentions from documents become projects or portfolio statements; the demo loads once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kenes.documents import review
from kenes.documents.models import Document, Mention
from kenes.documents.resolution import propose
from kenes.documents.services import ingest
from kenes.projects import services
from kenes.projects.models import PortfolioStatement, Project

pytestmark = pytest.mark.django_db

RELEASE = (
    "Astana, 7 August 2024 — The ministers reviewed industrial cooperation. They cited the successful "
    "implementation of 12 joint projects worth $156 million, with a further 21 projects valued at approximately "
    "$1 billion in the pipeline. They also discussed the International Center for Industrial Cooperation "
    "\u201cCentral Asia\u201d on the Kazakh-Uzbek border.\n"
)


@pytest.fixture
def document(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = ingest(alice, RELEASE.encode(), name="release.txt", visibility="public", published="2024-08-07",
                         source_url="https://example.org/release")
    assert outcome.status == "new", outcome.reason
    return Document.objects.get(pk=outcome.document.pk)


def _project_mentions(document):
    return list(document.mentions.filter(kind="project").order_by("pk"))


def test_a_count_of_projects_becomes_a_portfolio_statement_dated_by_the_document(alice, document):
    counted = [m for m in _project_mentions(document) if (m.values or {}).get("count") == 12]
    assert counted, [m.values for m in _project_mentions(document)]
    assert review.starting_values(counted[0])["record_kind"] == "statement"
    outcome = review.accept(alice, counted[0])
    statement = outcome.record
    assert isinstance(statement, PortfolioStatement)
    assert (statement.stated_on, statement.status, statement.project_count) == ("2024-08-07", "implemented", 12)
    assert statement.total_value == Decimal("156000000") and statement.currency == "USD"
    assert statement.source_url == "https://example.org/release" and "12 joint projects" in statement.evidence
    assert statement.visibility == "public"


def test_a_second_statement_for_the_same_status_and_date_is_refused_with_the_reason(alice, document):
    services.create_statement(alice, stated_on="2024-08-07", status="implemented", project_count=11)
    counted = next(m for m in _project_mentions(document) if (m.values or {}).get("count") == 12)
    with pytest.raises(ValidationError) as refused:
        review.accept(alice, counted)
    assert "already a statement" in str(refused.value)
    counted.refresh_from_db()
    assert counted.decision == Mention.Decision.PENDING and PortfolioStatement.objects.count() == 1


def test_a_named_project_becomes_a_project_and_a_later_mention_is_matched_to_it(alice, document):
    # As the engine reports a named project (the seed report's "upcoming construction of …").
    named = Mention.objects.create(
        document=document, kind="project", label="ICIC", spans=[[190, 260]], fingerprint="n",
        quote="International Center for Industrial Cooperation \u201cCentral Asia\u201d",
        values={"name": "International Center for Industrial Cooperation", "description": None, "count": None,
                "value": None, "unit": None, "qualifier": None, "status": "planned"})
    assert review.starting_values(named)["record_kind"] == "project"
    project = review.accept(alice, named).record
    assert isinstance(project, Project) and "International Center for Industrial Cooperation" in project.name_en
    assert project.source_url == "https://example.org/release"
    again = Mention.objects.create(document=document, kind="project", label="ICIC", spans=[[0, 5]], fingerprint="y",
                                   values={"name": 'International Centre for Industrial Cooperation "Central Asia"',
                                           "value": "100000000", "unit": "USD"})
    candidates = propose(again)
    assert candidates and candidates[0].object_id == project.pk
    linked = review.link(alice, again, project).record
    assert linked.value == Decimal("100000000") and linked.currency == "USD"


def test_the_reviewer_may_turn_an_unnamed_project_into_a_statement_or_a_project(alice, document):
    plant = Mention.objects.create(document=document, kind="project", label="plant", spans=[[0, 5]], fingerprint="p",
                                   values={"name": None, "description": "household appliances plant",
                                           "value": "54200000", "unit": "USD", "status": "implemented"})
    assert review.starting_values(plant)["record_kind"] == "project"
    record = review.accept(alice, plant).record
    assert isinstance(record, Project) and record.name_en == "household appliances plant"
    portfolio = Mention.objects.create(document=document, kind="project", label="p", spans=[[0, 5]], fingerprint="q",
                                       values={"name": None, "description": "совместные проекты",
                                               "value": "1500000000", "unit": "USD", "qualifier": "more_than",
                                               "status": "planned"})
    assert review.starting_values(portfolio)["record_kind"] == "statement"
    statement = review.accept(alice, portfolio).record
    assert statement.qualifier == "more_than" and statement.project_count is None
    odd = Mention.objects.create(document=document, kind="project", label="o", spans=[[0, 5]], fingerprint="o",
                                 values={"name": "X plant"})
    with pytest.raises(ValidationError):
        review.accept(alice, odd, {"record_kind": "something else"})


def test_the_demo_loads_the_centre_and_the_statements_once(alice):
    from kenes.web import demo

    demo.load_directory()
    demo.load_inventory()
    demo.load_projects()
    counts = (Project.objects.count(), PortfolioStatement.objects.count())
    icic = Project.objects.get()
    assert icic.status == "in_progress" and sorted(p.code for p in icic.parties.all()) == ["KZ", "UZ"]
    assert icic.sector.code == "industry" and icic.measures.exists()
    assert icic.roles.get().organization.name_en.startswith("International Center for Industrial Cooperation")
    seed = PortfolioStatement.objects.get(status="implemented", stated_on="")
    assert (seed.project_count, seed.total_value, seed.currency) == (12, Decimal("156000000"), "USD")
    pipeline = PortfolioStatement.objects.get(status="pipeline", stated_on="")
    assert (pipeline.project_count, pipeline.total_value, pipeline.qualifier) == (21, Decimal("1000000000"),
                                                                                   "approximately")
    demo.load_projects()
    assert (Project.objects.count(), PortfolioStatement.objects.count()) == counts
    assert icic.history.count() == Project.objects.get().history.count()
