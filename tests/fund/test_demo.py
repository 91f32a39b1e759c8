"""The fund's demo: a decided pilot call with a blocked conflict, loaded once however often it runs."""

import pytest

from kenes.fund.models import Application, Call, ConflictDeclaration, Grant, Review, Selection
from kenes.web.demo import load_demo


@pytest.mark.django_db
def test_the_demo_has_a_decided_pilot_call_and_loads_once():
    load_demo()
    pilot = Call.objects.get(title_en__startswith="Pilot call")
    assert pilot.state == Call.State.PUBLISHED
    assert pilot.applications.count() == 12
    assert all("Demo" in a.summary_en for a in Application.objects.all())
    assert Review.objects.filter(state=Review.State.SUBMITTED).count() == 24
    assert ConflictDeclaration.objects.count() == 1
    blocked = ConflictDeclaration.objects.get()
    assert not blocked.application.assignments.filter(reviewer=blocked.person).exists()
    grants = Grant.objects.all()
    assert grants and sum(g.amount for g in grants) <= pilot.budget
    assert Call.objects.filter(state=Call.State.OPEN).count() == 1
    counts = (Application.objects.count(), Review.objects.count(), Selection.objects.count(), Grant.objects.count())
    load_demo()
    assert (Application.objects.count(), Review.objects.count(), Selection.objects.count(),
            Grant.objects.count()) == counts
