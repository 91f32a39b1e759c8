"""Descriptive texts exist per working language and are shown in the reader's, with a marked fallback."""

import pytest
from django.utils import translation

from kenes.core.translation import translated_fields
from kenes.directory import services
from kenes.directory.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db


def test_it_declares_every_descriptive_text_in_the_four_languages():
    assert translated_fields(Person)["biography"] == ("biography_en", "biography_ru", "biography_kk", "biography_uz")
    assert "description" in translated_fields(Organization)
    assert "title" in translated_fields(Membership)


def test_it_shows_the_readers_language_and_marks_a_fallback(client, alice, directory):
    person = directory["tokayev"]
    services.add_membership(alice, person, title_en="Co-chair", title_ru="Сопредседатель", visibility="public")
    services.update_person(alice, person, biography_en="Head of state since 2019.")
    russian = client.get(person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Сопредседатель" in russian and "Co-chair" not in russian
    # No Russian biography yet: the English one is shown, marked as English.
    assert '<span lang="en" class="fallback">Head of state since 2019.</span>' in russian
    english = client.get(person.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Co-chair" in english and 'class="fallback">Head of state' not in english


def test_it_says_which_language_each_spelling_is(client, directory):
    page = client.get(directory["tokayev"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span lang="ru">Касым-Жомарт Токаев</span> <span class="badge">Russian</span>' in page


def test_it_reads_the_text_in_the_active_language():
    membership = Membership(title_en="Director", title_ru="Директор")
    with translation.override("ru"):
        assert membership.title == "Директор" and not membership.title.is_fallback
    with translation.override("uz"):
        assert membership.title == "Director" and membership.title.is_fallback and membership.title.language == "en"
