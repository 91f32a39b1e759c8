"""The upload page: several files or pasted text, each file's outcome, states that update while extraction runs."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kenes.documents.models import Document
from tests.documents.samples import ARTICLE, RUSSIAN, TRUNCATED, docx_bytes

URL = reverse("documents:upload")


def upload(client, files=(), **fields):
    data = {"kind": "press_release", "visibility": "internal", **fields}
    if files:
        data["files"] = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post(URL, data, follow=True)


def test_only_the_secretariat_may_upload(client, mark):
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(mark)
    assert client.get(URL).status_code == 403
    assert upload(client, [("a.txt", ARTICLE.encode())]).status_code == 403
    assert not Document.objects.exists()


def test_it_takes_several_files_at_once_and_says_what_became_of_each(client, alice, parties):
    client.force_login(alice)
    response = upload(client, [("article.txt", ARTICLE.encode()), ("again.txt", ARTICLE.encode()),
                               ("copy.txt", TRUNCATED.encode()), ("ru.docx", docx_bytes(RUSSIAN)),
                               ("empty.txt", b"")],
                      parties=[parties["KZ"].pk], published="2025-03-14", source_url="https://example.org/a")
    assert response.status_code == 200
    page = response.content.decode()
    assert Document.objects.count() == 3  # the article, its near-duplicate, the Russian DOCX
    original = Document.objects.get(original_name="article.txt")
    assert original.kind == "press_release" and original.published == "2025-03-14"
    assert [p.code for p in original.parties.all()] == ["KZ"]
    for name in ("article.txt", "again.txt", "copy.txt", "ru.docx", "empty.txt"):
        assert name in page
    assert "already here:" in page and "repeats" in page and "no text to read" in page
    # The new documents' states, polled while any is still queued (nothing ran the queue here).
    assert 'hx-trigger="every 2s"' in page
    assert "Queued" in page


def test_it_takes_pasted_text_with_a_title(client, alice):
    client.force_login(alice)
    response = upload(client, text=RUSSIAN, title="Заседание совета")
    assert response.status_code == 200
    document = Document.objects.get()
    assert document.title == "Заседание совета" and document.language == "ru"


def test_it_asks_for_a_file_or_a_text(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"kind": "other", "visibility": "internal"})
    assert response.status_code == 200
    assert "Choose at least one file or paste a text." in response.content.decode()


def test_it_refuses_a_wrong_date_without_storing_anything(client, alice):
    client.force_login(alice)
    response = client.post(URL, {"text": ARTICLE, "published": "2025-13", "kind": "other", "visibility": "internal"})
    assert response.status_code == 200
    assert "no month 13" in response.content.decode()
    assert not Document.objects.exists()


def test_the_status_stops_polling_once_nothing_is_queued_or_extracting(client, alice):
    client.force_login(alice)
    page = upload(client, [("article.txt", ARTICLE.encode())]).content.decode()
    status_url = re.search(r'hx-get="([^"]+)" hx-trigger="every 2s"', page).group(1).replace("&amp;", "&")
    document = Document.objects.get()
    assert 'hx-trigger="every 2s"' in client.get(status_url).content.decode()
    Document.objects.filter(pk=document.pk).update(state=Document.State.AWAITING_REVIEW)
    partial = client.get(status_url).content.decode()
    assert "Awaiting review" in partial and "hx-trigger" not in partial


def test_extraction_runs_and_the_page_shows_it(client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"files": [SimpleUploadedFile("a.txt", ARTICLE.encode())], "kind": "other",
                                     "visibility": "internal"})
    page = client.get(response["Location"]).content.decode()
    assert Document.objects.get().state == Document.State.AWAITING_REVIEW
    assert "Awaiting review" in page and 'hx-trigger="every 2s"' not in page


def test_the_page_works_without_javascript_and_loads_no_inline_script(client, alice):
    client.force_login(alice)
    page = client.get(URL).content.decode()
    assert 'type="file"' in page and "multiple" in page and 'enctype="multipart/form-data"' in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
    assert "style=" not in page


@pytest.mark.parametrize("where", ["list", "dashboard"])
def test_the_upload_page_is_linked(client, alice, where):
    client.force_login(alice)
    page = client.get(reverse("documents:documents") if where == "list" else reverse("web:dashboard")).content.decode()
    assert f'href="{URL}"' in page
