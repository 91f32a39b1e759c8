import pytest
from django.contrib.auth.models import AnonymousUser

from tests.search.conftest import people

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Токаев", "Tokayev", "Toqaev", "Тоқаев", "Токаева", "tokaev", "TOKAYEV"])
def test_it_finds_one_person_in_every_script_and_case(indexed, query):
    assert people(AnonymousUser(), query) == ["Kassym-Jomart Tokayev"]


def test_it_matches_every_word_of_a_full_name_in_another_script(indexed):
    assert people(AnonymousUser(), "Касым-Жомарт Tokayev") == ["Kassym-Jomart Tokayev"]
    assert people(AnonymousUser(), "Kassym Токаева") == ["Kassym-Jomart Tokayev"]


def test_it_finds_an_organisation_by_its_acronym_and_its_russian_name(indexed):
    from tests.search.conftest import titles

    assert titles(AnonymousUser(), "KazISS", "organization") == ["Kazakhstan Institute for Strategic Studies"]
    assert titles(AnonymousUser(), "институт стратегических", "organization") == [
        "Kazakhstan Institute for Strategic Studies"]
