import pytest
from django.contrib.auth.models import AnonymousUser

from tests.search.conftest import people

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["Tok", "Toka", "Tokay", "Tokaye", "Ток", "Тока", "Kassym Tok"])
def test_it_finds_a_name_while_it_is_being_typed(indexed, typed):
    assert people(AnonymousUser(), typed) == ["Kassym-Jomart Tokayev"]


def test_it_falls_back_to_fragments_inside_a_word(indexed):
    # "kaev" begins no word: full text finds nothing, folded contains finds Tokayev.
    assert people(AnonymousUser(), "kaev") == ["Kassym-Jomart Tokayev"]


def test_it_answers_nothing_for_an_empty_or_wordless_query(indexed):
    for text in ("", "   ", "!!!", "\x00", "«»"):
        assert people(AnonymousUser(), text) == []
