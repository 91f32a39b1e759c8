import pytest
from django.contrib.auth.models import AnonymousUser

from kenes.directory import services
from kenes.search import index
from kenes.search.query import search
from tests.search.conftest import people, titles

pytestmark = pytest.mark.django_db


def test_it_ranks_a_person_named_water_before_the_water_experts(experts):
    found = people(AnonymousUser(), "water")
    assert found[0] == "Water"
    assert set(found[1:]) == {"Dilnoza Karimova", "Bakhyt Sarsenov"}


def test_it_ranks_the_organisation_named_aral_first_and_puts_its_group_first(alice, experts):
    services.create_organization(alice, name_en="Aral Sea Basin Programme", kind="intergovernmental",
                                 visibility="public")
    services.create_organization(alice, name_en="Central Asian Water Council", kind="council", visibility="public",
                                 description_en="Works on the Aral Sea and the rivers that feed it.")
    services.create_organization(alice, name_en="Aral", name_ru="Арал", kind="other", visibility="public")
    index.rebuild()
    assert titles(AnonymousUser(), "Aral", "organization") == [
        "Aral", "Aral Sea Basin Programme", "Central Asian Water Council"]
    # The exact name, in the other script and with a Russian ending, still comes first.
    assert titles(AnonymousUser(), "Арала", "organization")[0] == "Aral"
    assert search(AnonymousUser(), "Aral").groups[0].kind == "organization"


def test_it_ranks_a_name_that_starts_with_the_query_before_one_that_contains_it(alice):
    services.create_person(alice, name_en="Marat Nurlanov", visibility="public")
    services.create_person(alice, name_en="Nurlan Abenov", visibility="public")
    index.rebuild()
    assert people(AnonymousUser(), "Nurlan") == ["Nurlan Abenov", "Marat Nurlanov"]


def test_it_counts_every_match_of_a_group_and_shows_up_to_the_limit(alice):
    for n in range(5):
        services.create_person(alice, name_en=f"Expert Number{n}", visibility="public")
    index.rebuild()
    group = search(AnonymousUser(), "expert", limit=3).groups[0]
    assert group.count == 5 and len(group.results) == 3
