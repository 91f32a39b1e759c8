import pytest
from django.contrib.auth.models import AnonymousUser

from kenes.directory import services
from kenes.search import index
from kenes.search.highlight import excerpt, highlight
from kenes.search.query import search
from kenes.search.text import query_terms

pytestmark = pytest.mark.django_db


def _results(user, text):
    return [r for g in search(user, text).groups for r in g.results]


def test_it_marks_the_words_that_matched_in_the_original_script():
    html = highlight("Консультирует по вопросам воды Сырдарьи.", query_terms("вода"))
    assert html == "Консультирует по вопросам <mark>воды</mark> Сырдарьи."
    assert str(highlight("Kassym-Jomart Tokayev", query_terms("Токаев"))) == "Kassym-Jomart <mark>Tokayev</mark>"


def test_it_cuts_a_long_text_around_the_first_match():
    text = " ".join(["word"] * 40 + ["water"] + ["word"] * 40)
    html = excerpt(text, ["water"])
    assert html.startswith("… ") and html.endswith(" …") and "<mark>water</mark>" in html
    assert len(html.split()) < 40


def test_it_shows_the_expertise_that_matched(experts):
    result = next(r for r in _results(AnonymousUser(), "вода") if r.title == "Dilnoza Karimova")
    assert "<mark>Водные</mark>" in result.snippet


def test_it_shows_the_other_spelling_that_matched_under_the_heading(indexed):
    result = _results(AnonymousUser(), "Токаев")[0]
    assert "<mark>Токаев</mark>" in result.snippet
    assert result.title_html == "Kassym-Jomart <mark>Tokayev</mark>"


def test_it_escapes_names_and_text(alice):
    services.create_person(alice, name_en="Eve <script>alert(1)</script> Hacker", visibility="public",
                           biography_en="Knows <b>water</b> & <script>x</script>")
    index.rebuild()
    result = _results(AnonymousUser(), "Eve")[0]
    assert "<script>" not in result.title_html and "&lt;script&gt;" in result.title_html
    result = _results(AnonymousUser(), "water")[0]
    assert "<script>" not in result.snippet and "<b>" not in result.snippet
    assert "<mark>water</mark>" in result.snippet and "&amp;" in result.snippet
