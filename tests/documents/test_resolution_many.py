"""The batch form of resolution answers what the one-mention form does, in a few queries a document."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kenes.directory import services as directory
from kenes.documents import resolution
from kenes.documents import services as documents
from kenes.documents.models import Mention

pytestmark = pytest.mark.django_db

PEOPLE = ["Kassym-Jomart Tokayev", "Marat Karimov", "Aigerim Karimova", "Rustam Tursunov", "Timur Tursunov",
          "Jasur Seitkaliyev", "Dilnoza Yusupova", "Erlan Abdullayev"]
WRITTEN = ["President Tokayev", "Токаева", "Қасым-Жомарт Тоқаевтың", "M. Karimov", "Karimov", "Tursunov",
           "Jasur Seytkaliev", "Seitkaliev", "Dilnoza Yusupova", "Yusupov", "Erlan Abdulayev", "Nobody Known",
           "Абдуллаев Эрлан"]
ORGANIZATIONS = [("Kazakhstan Institute for Strategic Studies", "KazISS"), ("Ministry of Trade and Integration", ""),
                 ("Eurasian Development Bank", "EDB"), ("Ministry of Energy", ""), ("Energy Development Bank", "EDB")]
NAMED = ["KazISS", "КИСИ", "the Ministry of Trade and Integration", "Ministry for Trade", "EDB",
         "Development Bank Eurasian", "Ministry of Energy", "Unknown Council", "Министерство энергетики"]


def mentions(alice, kind, labels, lang):
    document = documents.ingest(alice, f"A note ({kind}, {lang}).".encode(), name=f"{kind}-{lang}.txt",
                                language=lang, enqueue=False).document
    return Mention.objects.bulk_create([
        Mention(document=document, kind=kind, label=label, values={"name": label}, spans=[[0, 1]],
                fingerprint=documents.fingerprint(kind, label)) for label in labels])


def answers(candidates):
    by_mention = {}
    for c in candidates:
        by_mention.setdefault(c.mention_id, []).append((c.content_type_id, c.object_id, c.score, c.reason))
    return by_mention


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_propose_many_answers_what_propose_does(alice, lang):
    for name in PEOPLE:
        directory.create_person(alice, name_en=name, reason="test")
    for name, acronym in ORGANIZATIONS:
        directory.create_organization(alice, name_en=name, acronym=acronym, reason="test")
    written = mentions(alice, "person", WRITTEN, lang) + mentions(alice, "organization", NAMED, lang)

    one_by_one = answers(c for m in written for c in resolution.propose(m))
    with CaptureQueriesContext(connection) as queries:
        together = answers(resolution.propose_many(written))
    assert together == one_by_one
    assert len(one_by_one) >= 8
    assert len(queries) <= 12  # a delete, a few reads per kind, an insert: not one per mention
