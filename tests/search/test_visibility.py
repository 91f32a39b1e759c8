import pytest
from django.contrib.auth.models import AnonymousUser

from kenes.directory import services
from kenes.search import index
from kenes.search.models import SearchEntry
from kenes.search.query import search
from tests.search.conftest import people, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("user", "expected"), [
    ("anonymous", {"Kassym-Jomart Tokayev"}),
    ("rita", {"Kassym-Jomart Tokayev"}),
    ("mark", {"Kassym-Jomart Tokayev", "Ivan Internal"}),
    ("alice", {"Kassym-Jomart Tokayev", "Ivan Internal", "Sabina Secret"}),
])
def test_it_finds_only_what_each_role_may_see(request, indexed, user, expected):
    reader = AnonymousUser() if user == "anonymous" else request.getfixturevalue(user)
    found = set()
    for name in ("Tokayev", "Ivan", "Sabina"):
        found |= set(people(reader, name))
    assert found == expected
    organisations = set(titles(reader, "Restricted Fund", "organization"))
    assert organisations == ({"Restricted Fund Committee"} if user == "alice" else set())


def test_it_counts_only_what_the_reader_may_see(alice, indexed):
    assert search(AnonymousUser(), "Internal").count == 0
    assert search(alice, "Internal").count == 2  # Ivan Internal and the Internal Working Group on Water


def test_it_never_puts_a_restricted_organisation_into_a_public_persons_entry(alice, rita, indexed):
    entry = SearchEntry.objects.get(kind="person", object_id=indexed["tokayev"].pk)
    assert "Honorary Chair" in entry.body and "KazISS" in entry.body
    assert "Restricted Fund" not in entry.body and "Observer" not in entry.body
    for reader in (AnonymousUser(), rita):
        assert people(reader, "Restricted Fund") == []
        assert people(reader, "Observer") == []
        for group in search(reader, "Tokayev").groups:
            for result in group.results:
                assert "Restricted" not in result.snippet and "Observer" not in result.snippet


def test_it_leaves_out_a_public_role_in_an_internal_organisation(alice, indexed):
    services.add_membership(alice, indexed["tokayev"], title_en="Adviser", organization=indexed["working_group"],
                            visibility="public")
    index.update(indexed["tokayev"])
    entry = SearchEntry.objects.get(kind="person", object_id=indexed["tokayev"].pk)
    assert "Adviser" not in entry.body and "Working Group" not in entry.body


def test_it_shows_a_restricted_persons_restricted_roles_to_the_secretariat(alice, mark, indexed):
    services.add_membership(alice, indexed["secret"], title_en="Treasurer", organization=indexed["secret_fund"],
                            visibility="restricted")
    index.update(indexed["secret"])
    assert people(alice, "Treasurer") == ["Sabina Secret"]
    assert people(mark, "Treasurer") == []


def test_it_drops_an_organisations_name_from_people_when_the_organisation_becomes_restricted(alice, indexed):
    assert people(AnonymousUser(), "KazISS") == ["Kassym-Jomart Tokayev"]
    kaziss = indexed["kaziss"]
    kaziss.visibility = "restricted"
    kaziss.save()
    index.update(kaziss)
    assert people(AnonymousUser(), "KazISS") == []
    assert titles(AnonymousUser(), "KazISS", "organization") == []
