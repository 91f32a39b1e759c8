"""Reviewing: conflicts of interest blocked, scores within the scale, no lost review."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kenes.core.services import Conflict
from kenes.directory import services as directory
from kenes.fund import services
from kenes.fund.models import Review
from tests.fund.conftest import submitted


def test_a_reviewer_working_at_the_lead_organisation_is_detected_and_cannot_be_assigned(world, alice):
    application = submitted(world)
    reasons = services.detected_conflicts(application, world["people"]["dana"])
    assert reasons and "Al-Farabi" in reasons[0]
    with pytest.raises(ValidationError) as refused:
        services.assign_reviewer(alice, application, world["people"]["dana"])
    assert "cannot review" in str(refused.value)
    assert not application.assignments.exists()


def test_a_role_ended_recently_is_a_conflict_and_an_old_one_is_not(world, alice):
    application = submitted(world)
    person = world["people"]["aigerim"]
    role = directory.add_membership(alice, person, organization=world["org"]["uz_uni"], title_en="Adviser",
                                       start_date="2015", end_date="2024", visibility="public")
    assert services.detected_conflicts(application, person)
    directory.update_membership(alice, role, version=role.version, end_date="2016")
    assert services.detected_conflicts(application, person) == []


def test_a_declared_conflict_blocks_scoring(world, alice):
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    reviewer = world["reviewers"]["aigerim"]
    services.declare_conflict(reviewer, application, world["people"]["aigerim"], "My brother leads the project.")
    with pytest.raises(PermissionDenied) as refused:
        services.save_review(reviewer, assignment, scores={world["criteria"][0]: 7})
    assert "conflict of interest" in str(refused.value)
    assert not Review.objects.exists()


def test_a_person_not_assigned_cannot_score(world, alice):
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    with pytest.raises(PermissionDenied):
        services.save_review(world["reviewers"]["bakhtiyor"], assignment, scores={world["criteria"][0]: 7})


def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(world, alice):
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    relevance, feasibility = world["criteria"]
    with pytest.raises(ValidationError) as refused:
        services.save_review(world["reviewers"]["aigerim"], assignment, scores={relevance: 8, feasibility: 6})
    assert "runs from 0 to 5" in str(refused.value)
    assert not Review.objects.exists()


def test_a_review_is_submitted_only_with_every_criterion_scored(world, alice):
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    with pytest.raises(ValidationError):
        services.save_review(world["reviewers"]["aigerim"], assignment, scores={world["criteria"][0]: 8}, submit=True)


def test_two_reviewers_submitting_at_once_both_count(world, alice):
    application = submitted(world)
    first = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    second = services.assign_reviewer(alice, application, world["people"]["bakhtiyor"])
    relevance, feasibility = world["criteria"]
    # Both loaded the application at the same version; each submission locks it and counts again.
    services.save_review(world["reviewers"]["aigerim"], first, scores={relevance: 8, feasibility: 4}, submit=True)
    services.save_review(world["reviewers"]["bakhtiyor"], second, scores={relevance: 6, feasibility: 3}, submit=True)
    application.refresh_from_db()
    assert application.reviews_submitted == 2
    totals = sorted(total.total.quantize(Decimal("0.01")) for total in services.review_totals(world["call"]))
    assert totals == [Decimal("60.00"), Decimal("80.00")]


def test_a_review_saved_from_an_old_form_is_refused(world, alice):
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    reviewer = world["reviewers"]["aigerim"]
    relevance = world["criteria"][0]
    review = services.save_review(reviewer, assignment, scores={relevance: 5}, comment="first")
    opened = review.version
    services.save_review(reviewer, assignment, scores={relevance: 6}, comment="second tab", version=opened)
    with pytest.raises(Conflict):
        services.save_review(reviewer, assignment, scores={relevance: 9}, comment="first tab", version=opened)
    assert Review.objects.get().comment == "second tab"


def test_suggestions_put_conflicted_experts_last_and_say_why(world, alice):
    application = submitted(world)
    suggestions = services.suggest_reviewers(application)
    assert suggestions[-1].person == world["people"]["dana"]
    assert suggestions[-1].conflicts
    assert all(not s.conflicts for s in suggestions[:-1])


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_submitting_in_two_threads_both_count(alice, parties):
    """Two real transactions at the same moment: the application's lock makes the second wait, not lose."""
    import threading

    from django.db import connection

    from tests.fund.conftest import build_world

    world = build_world(alice, parties)
    application = submitted(world)
    relevance, feasibility = world["criteria"]
    jobs = [(world["reviewers"][key], services.assign_reviewer(alice, application, world["people"][key]))
            for key in ("aigerim", "bakhtiyor")]
    start, errors = threading.Barrier(2), []

    def submit(user, assignment):
        try:
            start.wait()
            services.save_review(user, assignment, scores={relevance: 7, feasibility: 3}, submit=True)
        except Exception as problem:  # reported below, with the thread's own error
            errors.append(problem)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    application.refresh_from_db()
    submitted_reviews = Review.objects.filter(state=Review.State.SUBMITTED).count()
    # Whatever happened, the count and the reviews agree: nothing was half-written or lost.
    assert application.reviews_submitted == submitted_reviews
    if connection.vendor == "postgresql":
        # Row locks: the second reviewer waits for the first, and both count.
        assert errors == [] and submitted_reviews == 2
    else:
        # The test database's in-memory SQLite refuses the second writer outright instead of waiting;
        # the refused review rolled back whole and can be submitted again.
        assert len(errors) + submitted_reviews == 2
