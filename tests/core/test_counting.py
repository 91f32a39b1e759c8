"""Counts kept until their records change (kenes.core.caching.count): kept between requests, never stale
after a change through the write path, and never kept where a change could slip past the stamp."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kenes.core import caching, merging
from kenes.core import services as core
from kenes.directory import services
from kenes.directory.models import Organization, Person
from kenes.documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache(monkeypatch):
    # The changes below are made an instant apart; a server keeps a figure once its newest change is a few
    # seconds old (the test of that rule sets it back).
    monkeypatch.setattr(caching, "SETTLED_SECONDS", 0)
    cache.clear()
    yield
    cache.clear()


def _counted(queryset) -> tuple[int, int]:
    """The count, and how many COUNT queries it took."""
    with CaptureQueriesContext(connection) as captured:
        number = caching.count(queryset)
    return number, sum("COUNT(" in query["sql"].upper() for query in captured.captured_queries)


def test_a_count_is_kept_until_a_record_of_its_kind_changes(alice, parties):
    public = Organization.objects.live().filter(visibility="public")
    assert _counted(public) == (0, 1)
    first = services.create_organization(alice, name_en="Institute of Water", kind="think_tank",
                                         party=parties["KZ"], visibility="public")
    assert _counted(public) == (1, 1)
    assert _counted(public) == (1, 0)  # kept
    second = services.create_organization(alice, name_en="Water Institute", kind="think_tank",
                                          party=parties["KZ"], visibility="public")
    assert _counted(public) == (2, 1)
    services.update_organization(alice, second, visibility="internal")
    assert _counted(public) == (1, 1)
    services.update_organization(alice, second, visibility="public")
    merging.merge(alice, first, second, reason="The same institute")
    assert _counted(public)[0] == 1
    core.delete(alice, first, reason="Closed")
    assert _counted(public)[0] == 0


def test_each_filter_and_reader_has_its_own_count(alice, parties):
    for number, visibility in enumerate(["public", "internal", "internal"]):
        services.create_person(alice, name_en=f"Expert {number}", party=parties["UZ"], visibility=visibility)
    assert caching.count(Person.objects.live().filter(visibility__in=["public"])) == 1
    assert caching.count(Person.objects.live().filter(visibility__in=["public", "internal"])) == 3
    assert caching.count(Person.objects.live().filter(party=parties["KZ"])) == 0


def test_counts_that_could_move_without_a_stamp_are_counted_each_time(alice, parties):
    # A join (organisations by their party's code), a subquery, and a model whose state workers move in bulk.
    services.create_organization(alice, name_en="Institute", kind="think_tank", party=parties["KZ"],
                                 visibility="public")
    joined = Organization.objects.filter(party__code="KZ")
    nested = Organization.objects.filter(party__in=parties["KZ"].__class__.objects.filter(code="KZ"))
    for queryset in (joined, nested, Document.objects.filter(state="failed")):
        first, second = _counted(queryset), _counted(queryset)
        assert first[1] == 1 and second[1] == 1 and first[0] == second[0]


def test_nothing_is_kept_while_the_newest_change_may_still_have_company_on_its_way(alice, parties, monkeypatch):
    """A change saved before the newest one may commit after it: while the newest is recent, count afresh."""
    monkeypatch.setattr(caching, "SETTLED_SECONDS", 10)
    services.create_person(alice, name_en="Expert", party=parties["UZ"], visibility="public")
    people = Person.objects.live()
    assert _counted(people) == (1, 1) and _counted(people) == (1, 1)
    Person.objects.update(updated_at=timezone.now() - datetime.timedelta(seconds=11))
    assert _counted(people) == (1, 1) and _counted(people) == (1, 0)


def test_figures_for_different_parts_never_share_a_key():
    calls = []
    for parts in (["a|b", "c"], ["a", "b|c"]):
        caching.until_changed("test", (), parts, lambda parts=parts: calls.append(parts) or len(calls))
    assert len(calls) == 2
