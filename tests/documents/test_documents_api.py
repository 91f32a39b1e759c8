"""The documents API: upload by multipart and JSON through ingest, lists, one document, its mentions."""

from __future__ import annotations

import pytest

from kenes.accounts.services import create_api_token
from kenes.documents.models import Document, Mention
from tests.documents.samples import ARTICLE, RUSSIAN, TRUNCATED

URL = "/api/documents"


@pytest.fixture
def auth(alice):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(alice, 'tests')[1]}"}


@pytest.fixture
def member_auth(mark):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(mark, 'tests')[1]}"}


def post_text(client, auth, **body):
    return client.post(URL, body, content_type="application/json", **auth)


def post_file(client, auth, name, data, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(URL, {"file": SimpleUploadedFile(name, data), **fields}, **auth)


def test_it_takes_a_file_and_its_fields_by_multipart(client, auth, parties):
    response = post_file(client, auth, "article.txt", ARTICLE.encode(), kind="article", visibility="public",
                         published="2025-03-14", parties="KZ,UZ", source_url="https://example.org/news/1")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "article" and body["published"] == "2025-03-14"
    assert sorted(body["parties"]) == ["KZ", "UZ"] and body["state"] == "queued"
    assert Document.objects.get(pk=body["id"]).source_url == "https://example.org/news/1"


def test_it_takes_pasted_text_as_json_and_answers_200_for_the_same_text_again(client, auth, db):
    first = post_text(client, auth, text=ARTICLE, title="Council plan")
    assert first.status_code == 201 and first.json()["title"] == "Council plan"
    again = post_text(client, auth, text=ARTICLE)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate" and again.json()["document"]["id"] == first.json()["id"]
    copy = post_text(client, auth, text=TRUNCATED)
    assert copy.status_code == 201 and copy.json()["near_duplicate_of"] == first.json()["id"]
    assert Document.objects.count() == 2


@pytest.mark.parametrize("body, field", [
    ({"title": "no text"}, "text"),
    ({"text": ARTICLE, "kind": "poem"}, "kind"),
    ({"text": ARTICLE, "visibility": "secret"}, "visibility"),
    ({"text": ARTICLE, "colour": "red"}, "colour"),
    ({"text": ARTICLE, "parties": ["XX"]}, "parties"),
    ({"text": ARTICLE, "published": "2025-02-30"}, "published"),
])
def test_it_refuses_wrong_fields_with_422_and_stores_nothing(client, auth, db, body, field):
    response = post_text(client, auth, **body)
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert not Document.objects.exists()


def test_it_lets_only_the_secretariat_upload(client, member_auth, alice):
    assert post_text(client, member_auth, text=ARTICLE).status_code == 403
    client.force_login(alice)  # a browser session reads but never writes through the API
    assert client.post(URL, {"text": ARTICLE}, content_type="application/json").status_code == 403
    assert not Document.objects.exists()


def test_it_lists_and_filters_what_each_caller_may_read(client, auth, member_auth, db):
    public = post_text(client, auth, text=ARTICLE, visibility="public", kind="article").json()
    restricted = post_text(client, auth, text=RUSSIAN, visibility="restricted").json()
    copy = post_text(client, auth, text=TRUNCATED, visibility="internal").json()
    assert [d["id"] for d in client.get(URL).json()["items"]] == [public["id"]]
    assert {d["id"] for d in client.get(URL, member_auth).json()["items"] if True} >= {public["id"]}
    assert [d["id"] for d in client.get(URL, {"language": "ru"}, **auth).json()["items"]] == [restricted["id"]]
    assert [d["id"] for d in client.get(URL, {"kind": "article"}, **auth).json()["items"]] == [public["id"]]
    assert client.get(URL, {"state": "reviewed"}, **auth).json()["count"] == 1
    one = client.get(f"{URL}/{public['id']}", **member_auth).json()
    assert one["near_duplicates"] == [copy["id"]] and "gauging stations" in one["text"]
    assert client.get(f"{URL}/{restricted['id']}", **member_auth).status_code == 404


def test_it_never_names_a_hidden_original(client, auth, member_auth, db):
    original = post_text(client, auth, text=ARTICLE, visibility="restricted").json()
    copy = post_text(client, auth, text=TRUNCATED, visibility="internal").json()
    assert client.get(f"{URL}/{copy['id']}", **auth).json()["near_duplicate_of"] == original["id"]
    seen = client.get(f"{URL}/{copy['id']}", **member_auth).json()
    assert seen["near_duplicate_of"] is None and seen["similarity"] is None


def test_it_shows_mentions_to_the_secretariat_only(client, auth, member_auth, db):
    document = post_text(client, auth, text=ARTICLE, visibility="internal").json()
    Mention.objects.create(document_id=document["id"], kind="organization", label="KazISS", spans=[[0, 6]],
                           quote="Expert", fingerprint="x", rule="en.organizations.gazetteer", confidence=0.95)
    mentions = client.get(f"{URL}/{document['id']}/mentions", **auth).json()["items"]
    assert mentions == [{"id": mentions[0]["id"], "kind": "organization", "label": "KazISS", "spans": [[0, 6]],
                         "quote": "Expert", "decision": "pending", "record": None,
                         "confidence": 0.95, "rule": "en.organizations.gazetteer"}]
    assert client.get(f"{URL}/{document['id']}/mentions", **member_auth).status_code == 403
