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

