"""Acceptance: a folder holding the same article twice and a truncated copy yields one document and two
linked duplicates, and the records are proposed once (from the original only)."""

from __future__ import annotations

import io

import pytest

from kenes.documents import cli
from kenes.documents.models import Document, Mention
from tests.documents.samples import ARTICLE, TRUNCATED


@pytest.mark.django_db
def test_the_same_article_twice_and_a_truncated_copy_make_one_document(tmp_path, django_capture_on_commit_callbacks):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "1-article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "2-article-again.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "3-article-cut.html").write_text(
        "<html><body><article><h1>Council plan</h1>" + "".join(f"<p>{p}</p>" for p in TRUNCATED.split("\n\n"))
        + "</article></body></html>", encoding="utf-8")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        status = cli.main([str(folder)], stdout=out, stderr=io.StringIO())
    assert status == 0, out.getvalue()

    original = Document.objects.get(original_name="1-article.txt")
    copy = Document.objects.get(original_name="3-article-cut.html")
    assert Document.objects.count() == 2  # the exact copy added nothing
    assert copy.near_duplicate_of == original and copy.similarity >= 0.7
    assert list(original.near_duplicates.all()) == [copy]
    # The records are proposed once: only the original is extracted.
    assert original.state == Document.State.AWAITING_REVIEW
    assert copy.state == Document.State.REVIEWED and not copy.mentions.exists()
    assert Mention.objects.filter(document=original).exists()
    assert "3 files: 1 new, 1 duplicate, 1 near-duplicate, 0 failed" in out.getvalue()
