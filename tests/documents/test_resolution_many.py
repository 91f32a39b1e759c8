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


def _records(alice, parties):
    from decimal import Decimal

    from kenes.council import services as council
    from kenes.indicators import services as indicators
    from kenes.inventory import services as inventory
    from kenes.projects import services as projects

    for title in ["Develop mechanisms to reach 10 billion dollars of mutual trade", "Joint water and climate security",
                  "New transport corridors and routes", "Joint fund for promising projects"]:
        inventory.create_measure(alice, title_en=title)
    for title in ["Strategic Partnership and Alliance Programme 2024-2034", "Treaty on allied relations"]:
        inventory.create_agreement(alice, title_en=title)
    projects.create_project(alice, name_en="International Center for Industrial Cooperation Central Asia")
    trade = indicators.create_indicator(alice, name_en="Mutual trade turnover", name_ru="Взаимный товарооборот",
                                        unit="USD")
    indicators.create_target(alice, indicator=trade, value=Decimal("10000000000"))
    indicators.create_observation(alice, indicator=trade, period="2023", value=Decimal("4400000000"),
                                  reporting_party=parties["KZ"])
    council_body = directory.create_organization(alice, name_en="Expert Council", reason="test")
    council.create_meeting(alice, title_en="Second meeting", date="2024-08-28", body=council_body)
    council.create_meeting(alice, title_en="Another meeting", date="2024-08-28")


def _mentions(alice, kind, values_list):
    document = documents.ingest(alice, f"A note ({kind}).".encode(), name=f"{kind}.txt", enqueue=False).document
    return Mention.objects.bulk_create([
        Mention(document=document, kind=kind, label=str(values.get("text") or values.get("title") or values.get(
            "name") or kind), values=values, spans=[[0, 1]], fingerprint=documents.fingerprint(kind, str(values)))
        for values in values_list])


def test_batch_forms_of_measures_agreements_projects_figures_and_meetings_answer_as_one_by_one(alice, parties):
    _records(alice, parties)
    written = (
        _mentions(alice, "measure", [{"text": "mechanisms to reach $10 billion in mutual trade"},
                                     {"text": "водно-климатическая безопасность"}, {"text": "joint water climate security"},
                                     {"text": "transport corridors"}, {"text": "a"}, {"text": "nothing like it at all"}])
        + _mentions(alice, "agreement", [{"title": "Strategic Partnership and Alliance Programme"},
                                         {"title": "Treaty on Allied Relations"}, {"title": "Border agreement"}])
        + _mentions(alice, "project", [{"name": "International Center for Industrial Cooperation"}, {"count": 12},
                                       {"name": "Cement plant"}])
        + _mentions(alice, "target", [{"indicator": "mutual trade turnover", "value": "10000000000", "unit": "USD"},
                                      {"indicator": "взаимный товарооборот", "value": "1e10", "unit": "USD"},
                                      {"indicator": "tourism", "value": "5"}])
        + _mentions(alice, "figure", [{"indicator": "Mutual trade turnover", "value": "4400000000", "unit": "USD",
                                       "period": "2023"}, {"indicator": "Mutual trade turnover", "value": "4.4e9",
                                                           "unit": "USD", "period": "2022"}])
        + _mentions(alice, "meeting", [{"date": "2024-08-28", "body": "Expert Council"}, {"date": "2024-08-28"},
                                       {"date": "2025"}, {}])
    )
    one_by_one = answers(c for m in written for c in resolution.propose(m))
    with CaptureQueriesContext(connection) as queries:
        together = answers(resolution.propose_many(written))
    assert together == one_by_one
    found = {mention.kind for mention in written if mention.pk in one_by_one}
    assert found == {"measure", "agreement", "project", "target", "figure", "meeting"}
    # One read per kind (targets and figures: the indicators once, then the values per mention with an
    # indicator) and one insert: not one or two reads per mention.
    assert len(queries) <= 12, [query["sql"][:80] for query in queries.captured_queries]
