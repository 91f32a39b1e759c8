"""Documents in the platform search: by title and by words of the text, only for those who may read them."""

from __future__ import annotations

from django.urls import reverse

from kenes.documents.search import MAX_BODY
from kenes.documents.services import ingest
from kenes.search.query import search
from tests.documents.samples import ARTICLE, RUSSIAN


def test_it_finds_documents_by_title_and_text_with_visibility_applied(alice, mark, rita):
    ingest(alice, ARTICLE.encode(), name="a.txt", visibility="internal")
    ingest(alice, RUSSIAN.encode(), name="ru.txt", visibility="public", title="Водный совет")

    def titles(user, words):
        return [r.title for g in search(user, words).groups if g.kind == "document" for r in g.results]

    assert titles(mark, "gauging stations") == ["Expert council agrees a joint plan for water and trade"]
    assert titles(rita, "gauging stations") == []
    assert titles(rita, "водный") == ["Водный совет"]
    assert titles(rita, "мониторинга") == ["Водный совет"]  # words of the text, snippet from its paragraph
    result = next(g for g in search(rita, "мониторинга").groups if g.kind == "document").results[0]
    assert "<mark>" in result.snippet


def test_the_search_page_has_a_documents_kind(client, alice):
    ingest(alice, ARTICLE.encode(), name="a.txt", visibility="public")
    page = client.get(reverse("web:search"), {"q": "reservoirs", "kind": "document"}).content.decode()
    assert 'value="document"' in page and "Expert council agrees" in page


def test_a_huge_text_is_indexed_up_to_the_cap(alice):
    text = ("Opening words of a very long annex. " + "filler " * (MAX_BODY // 7) + "needleword at the end.\n")
    ingest(alice, text.encode(), name="annex.txt", visibility="public")
    assert [g.kind for g in search(alice, "opening annex").groups] == ["document"]
    assert search(alice, "needleword").groups == []
