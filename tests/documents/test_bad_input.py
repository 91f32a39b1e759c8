"""Bad input through each way in (the command, the upload page, the API): a clear message, nothing stored.

Corrupt PDF and DOCX, an unsupported binary, Latin-1 text, empty and blank files, a file over
KENES_MAX_UPLOAD_MB; and HTML with scripts, which is taken as text with the code removed and
shown escaped.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.documents import cli
from kenes.documents.models import Document, Mention
from tests.documents.samples import HOSTILE_HTML, REFUSED, big_file, media_files

# What each refusal must say (in English; the words come from gettext).
MESSAGES = {
    "broken.pdf": "cannot be read",
    "broken.docx": "cannot be read",
    "program.bin": "looks binary",
    "latin1.txt": "not in UTF-8",
    "empty.txt": "no text to read",
    "blank.txt": "no text to read",
    "huge.txt": "larger than 1 MB",
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KENES_MAX_UPLOAD_MB = 1
    return settings.MEDIA_ROOT


def refused_files():
    return {**REFUSED, "huge.txt": big_file(1.5)}


def assert_nothing_stored(media):
    assert not Document.objects.exists()
    assert not Mention.objects.exists()
    assert media_files(media) == []


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_command_refuses_it(tmp_path, media, db, name):
    path = tmp_path / name
    path.write_bytes(refused_files()[name])
    out, err = io.StringIO(), io.StringIO()
    assert cli.main([str(path)], stdout=out, stderr=err) == 1
    assert MESSAGES[name] in out.getvalue() and "failed" in out.getvalue()
    assert_nothing_stored(media)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_upload_page_refuses_it(client, alice, media, name):
    client.force_login(alice)
    response = client.post(reverse("documents:upload"), {
        "files": [SimpleUploadedFile(name, refused_files()[name])], "kind": "other", "visibility": "internal",
    }, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGES[name] in page
    assert_nothing_stored(media)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_api_refuses_it(client, alice, media, name):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(alice, 'tests')[1]}"}
    response = client.post("/api/documents", {"file": SimpleUploadedFile(name, refused_files()[name])}, **auth)
    assert response.status_code == 422, response.content
    assert MESSAGES[name] in response.json()["detail"]
    assert_nothing_stored(media)


def test_it_refuses_in_the_readers_language(client, alice, media):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(alice, 'tests')[1]}", "HTTP_ACCEPT_LANGUAGE": "ru"}
    response = client.post("/api/documents", {"file": SimpleUploadedFile("empty.txt", b"")}, **auth)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail and detail != "The document has no text to read."  # translated
    assert_nothing_stored(media)


def _assert_no_script(text: str):
    lowered = text.lower()
    for code in ("<script", "alert(", "document.cookie", "onerror", "<iframe", "evil.example"):
        assert code not in lowered, code


def test_html_with_scripts_is_stored_without_them_and_shown_escaped(client, alice, media):
    client.force_login(alice)
    response = client.post(reverse("documents:upload"), {
        "files": [SimpleUploadedFile("news.html", HOSTILE_HTML)], "kind": "article", "visibility": "internal",
    }, follow=True)
    assert response.status_code == 200
    document = Document.objects.get()
    _assert_no_script(document.text)
    assert "The council met in Astana." in document.text
    assert "<b>as text</b>" in document.text  # entities decoded: it is text now, and must be shown as such
    page = client.get(document.get_absolute_url()).content.decode()
    assert "&lt;b&gt;as text&lt;/b&gt;" in page and "<b>as text</b>" not in page
    _assert_no_script(page.split("<main", 1)[1])
    listing = client.get(reverse("documents:documents")).content.decode()
    assert "<b>as text" not in listing


def test_a_title_with_markup_is_shown_escaped_everywhere(client, alice, media):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(alice, 'tests')[1]}"}
    title = '<img src=x onerror="alert(1)">Council'
    assert client.post("/api/documents", {"text": "The council met.", "title": title},
                       content_type="application/json", **auth).status_code == 201
    client.force_login(alice)
    document = Document.objects.get()
    for url in (reverse("documents:documents"), document.get_absolute_url(), reverse("web:search") + "?q=council"):
        page = client.get(url).content.decode()
        assert '<img src=x onerror' not in page, url


def test_a_hostile_file_name_is_stored_safely(client, alice, media):
    client.force_login(alice)
    client.post(reverse("documents:upload"), {
        "files": [SimpleUploadedFile("../../etc/<script>x.txt", b"The council met in Tashkent.")],
        "kind": "other", "visibility": "internal",
    })
    document = Document.objects.get()
    stored = media_files(media)
    assert len(stored) == 1 and stored[0].is_relative_to(media)
    assert "<" not in document.original.name and ".." not in document.original.name
