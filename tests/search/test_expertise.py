import pytest
from django.contrib.auth.models import AnonymousUser

from kenes.search.text import query_terms
from tests.search.conftest import people

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["water", "Water", "вода", "воды", "водные ресурсы", "suv", "су"])
def test_it_finds_experts_on_water_in_every_language(experts, query):
    assert "Dilnoza Karimova" in people(AnonymousUser(), query)


@pytest.mark.parametrize("query", ["water", "вода", "Syr Darya", "Сырдарья", "гидролог"])
def test_it_finds_people_by_their_biography(experts, query):
    assert "Bakhyt Sarsenov" in people(AnonymousUser(), query)


def test_it_cuts_russian_endings_so_that_voda_is_a_prefix_of_vodnye():
    assert query_terms("вода") == ["vod"]
    assert query_terms("Токаевым") == ["tokaev"]
    # A short word is kept whole: cutting "su" to "s" would find everything.
    assert query_terms("су") == ["su"]


def test_it_does_not_find_people_with_other_expertise(experts):
    assert "Ivan Internal" not in people(AnonymousUser(), "water")
    assert people(AnonymousUser(), "energetika") == []
