"""Search tests index what they create with ``rebuild()``: independent of when the write path reindexes."""

import pytest

from kenes.core.models import Topic
from kenes.directory import services
from kenes.search import index
from kenes.search.query import search


@pytest.fixture
def water():
    return Topic.objects.get(code="water")


@pytest.fixture
def experts(alice, parties, directory, water):
    """The conftest directory plus water people: one by expertise, one by biography, one named Water."""
    by_expertise = services.create_person(alice, name_en="Dilnoza Karimova", party=parties["UZ"],
                                          expertise=[water], visibility="public")
    by_biography = services.create_person(
        alice, name_en="Bakhyt Sarsenov", name_ru="Бахыт Сарсенов", party=parties["KZ"], visibility="public",
        biography_en="Hydrologist; advises on the water of the Syr Darya.",
        biography_ru="Гидролог; консультирует по вопросам воды Сырдарьи.",
    )
    named_water = services.create_person(alice, name_en="Water", visibility="public")
    index.rebuild()
    return {"by_expertise": by_expertise, "by_biography": by_biography, "named_water": named_water}


@pytest.fixture
def indexed(directory):
    index.rebuild()
    return directory


def titles(user, text, kind=None, **kwargs):
    results = search(user, text, kinds=[kind] if kind else None, **kwargs)
    return [r.title for g in results.groups for r in g.results]


def people(user, text):
    return titles(user, text, "person")


@pytest.fixture
def directory(alice, parties):
    """TEMPORARY copy of tests/conftest.py's fixture with title_en, until the shared one follows the models."""
    kaziss = services.create_organization(
        alice, name_en="Kazakhstan Institute for Strategic Studies", name_ru="Казахстанский институт стратегических исследований",
        acronym="KazISS", kind="think_tank", party=parties["KZ"], visibility="public",
    )
    working_group = services.create_organization(
        alice, name_en="Internal Working Group on Water", kind="working_group", parent=kaziss, visibility="internal",
    )
    secret_fund = services.create_organization(
        alice, name_en="Restricted Fund Committee", kind="commission", visibility="restricted",
    )
    tokayev = services.create_person(
        alice, name_en="Kassym-Jomart Tokayev", name_ru="Касым-Жомарт Токаев", party=parties["KZ"],
        aliases=["Toqaev"], visibility="public",
    )
    insider = services.create_person(alice, name_en="Ivan Internal", party=parties["KZ"], visibility="internal")
    secret = services.create_person(alice, name_en="Sabina Secret", party=parties["UZ"], visibility="restricted")
    services.add_membership(alice, tokayev, title_en="Honorary Chair", organization=kaziss, start_date="2024",
                            visibility="public")
    services.add_membership(alice, tokayev, title_en="Observer", organization=secret_fund, visibility="restricted")
    return {
        "kaziss": kaziss, "working_group": working_group, "secret_fund": secret_fund,
        "tokayev": tokayev, "insider": insider, "secret": secret,
    }
