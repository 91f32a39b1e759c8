"""The documents list (filters, sorting, downloads), the document page and its original, by role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kenes.documents.models import Document
from kenes.documents.services import ingest
from tests.documents.samples import ARTICLE, RUSSIAN, TRUNCATED


def _ingest(actor, text, *, name="article.txt", **fields):
    outcome = ingest(actor, text.encode("utf-8") if isinstance(text, str) else text, name=name, **fields)
    assert outcome.status in {"new", "near_duplicate"}, outcome.reason
    return outcome.document


@pytest.fixture
def documents(alice, parties):
    return {
        "public": _ingest(alice, ARTICLE, kind="article", visibility="public", published="2025-03-14",
                          parties=[parties["KZ"]]),
        "internal": _ingest(alice, RUSSIAN, name="ru.txt", kind="minutes", visibility="internal", published="2025-04"),
        "copy": _ingest(alice, TRUNCATED, name="copy.txt", visibility="restricted"),
    }


def _login(client, user):
    client.force_login(user)


def test_it_lists_what_each_role_may_read(client, documents, mark, rita):
    url = reverse("documents:documents")
    page = client.get(url).content.decode()
    assert "Expert council agrees" in page and "Экспертный совет" not in page
    _login(client, mark)
    page = client.get(url).content.decode()
    assert "Экспертный совет" in page and "near-duplicate" not in page
    assert 'name="state"' not in page  # the work queue is the secretariat's


def test_it_filters_by_words_language_kind_party_state_and_dates(client, alice, documents):
    _login(client, alice)
    url = reverse("documents:documents")

    def titles(**query):
        return {str(d) for d in client.get(url, query).context["page"]}

    # The truncated copy ends before the gauging stations.
    assert titles(q="gauging stations") == {str(documents["public"])}
    assert titles(language="ru") == {str(documents["internal"])}
    assert titles(kind="minutes") == {str(documents["internal"])}
    assert titles(party="KZ") == {str(documents["public"])}
    assert titles(state="reviewed") == {str(documents["copy"])}  # a near-duplicate has nothing to review
    assert titles(date_from="2025-04") == {str(documents["internal"])}
    assert titles(date_to="2025-03") == {str(documents["public"])}
    assert titles(date_from="nonsense", language="xx") == {str(d) for d in documents.values()}


def test_it_sorts_and_downloads_the_filtered_list(client, alice, documents):
    _login(client, alice)
    url = reverse("documents:documents")
    response = client.get(url, {"sort": "-words"})
    words = [d.word_count for d in response.context["page"]]
    assert words == sorted(words, reverse=True)
    csv = client.get(url, {"format": "csv", "language": "en"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "Expert council agrees" in body and "Экспертный" not in body
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.content[:2] == b"PK"


def test_it_shows_a_document_with_its_copies_and_state(client, alice, documents):
    _login(client, alice)
    page = client.get(documents["public"].get_absolute_url()).content.decode()
    assert "Near-duplicates of this document" in page and documents["copy"].get_absolute_url() in page
    assert "Awaiting review" in page or "Queued" in page
    assert reverse("documents:original", args=[documents["public"].pk]) in page
    copy = client.get(documents["copy"].get_absolute_url()).content.decode()
    assert "repeats an earlier one" in copy and documents["public"].get_absolute_url() in copy


def test_it_shows_a_failed_documents_reason_to_the_secretariat(client, alice, documents):
    Document.objects.filter(pk=documents["internal"].pk).update(state="failed", failure_reason="The engine stopped.")
    _login(client, alice)
    page = client.get(documents["internal"].get_absolute_url()).content.decode()
    assert "Failed" in page and "The engine stopped." in page


def test_it_never_names_a_hidden_original_or_copy(client, mark, documents):
    _login(client, mark)
    page = client.get(documents["public"].get_absolute_url()).content.decode()
    assert "Near-duplicates" not in page and documents["copy"].get_absolute_url() not in page
    assert client.get(documents["copy"].get_absolute_url()).status_code == 404


def test_it_offers_the_original_file_only_to_those_who_may_read_it(client, mark, documents):
    url = reverse("documents:original", args=[documents["internal"].pk])
    assert client.get(url).status_code == 404
    _login(client, mark)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == RUSSIAN.encode("utf-8")


def test_it_links_the_review_page_only_when_there_is_one(client, alice, documents):
    _login(client, alice)
    page = client.get(documents["public"].get_absolute_url()).content.decode()
    try:
        review = reverse("documents:review", args=[documents["public"].pk])
    except Exception:
        assert ">Review<" not in page
    else:
        assert review in page
