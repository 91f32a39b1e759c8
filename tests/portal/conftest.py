"""Published and hidden records of every kind the portal shows.

Every hidden record (internal or restricted) carries the word HIDDEN in its title, name or
text, so a test can walk every page, feed and file and look for that one word.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

HIDDEN = "HIDDEN"


def _version(record):
    record.refresh_from_db()
    return record.version


@pytest.fixture
def published(alice, inventory, parties, settings, tmp_path):
    return build_published(alice, inventory, parties, settings, tmp_path)


def build_published(alice, inventory, parties, settings, tmp_path) -> dict:
    """The records (shared with the browser test, whose conftest cannot see this one's fixtures)."""
    from kenes.council import services as council
    from kenes.directory import services as directory
    from kenes.documents import services as documents
    from kenes.documents.models import Mention
    from kenes.indicators import services as indicators
    from kenes.inventory import services as measures
    from kenes.inventory.models import Measure

    settings.DATA_DIR = tmp_path  # open-data files of this test only
    water = inventory["topics"]["water"]
    public_water = inventory["water"]
    # The fixture's internal measure gets the marker; a restricted one on the same topic joins it.
    measures.update_measure(alice, inventory["internal"], version=_version(inventory["internal"]),
                            title_en=f"{HIDDEN} internal note on transboundary water data")
    hidden_measure = measures.create_measure(alice, title_en=f"{HIDDEN} restricted water measure", topics=[water],
                                             visibility="restricted")
    measures.transition(alice, public_water, "adopted", reason="Adopted at the second meeting")
    measures.transition(alice, hidden_measure, "adopted", reason=f"{HIDDEN} reason")
    directory.update_organization(alice, inventory["working_group"], version=_version(inventory["working_group"]),
                                  name_en=f"{HIDDEN} working group")
    directory.update_organization(alice, inventory["secret_fund"], version=_version(inventory["secret_fund"]),
                                  name_en=f"{HIDDEN} fund committee")
    directory.update_person(alice, inventory["insider"], version=_version(inventory["insider"]),
                            name_en=f"{HIDDEN} Ivan Internal")
    directory.update_person(alice, inventory["secret"], version=_version(inventory["secret"]),
                            name_en=f"{HIDDEN} Sabina Secret")
    directory.add_membership(alice, inventory["insider"], title_en=f"{HIDDEN} role", organization=inventory["kaziss"],
                             visibility="public")  # public role of an internal person: left out with the person

    body = directory.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                         name_ru="Казахстанско-узбекский экспертный совет", kind="council",
                                         visibility="public")
    last = council.create_meeting(alice, title_en="Second meeting of the Expert Council",
                                  title_ru="Второе заседание Экспертного совета", body=body, date="2024-08-28",
                                  status="held", place="Tashkent", visibility="public")
    council.add_agenda_item(alice, last, version=_version(last), title_en="Water security",
                            measures=[public_water])
    council.add_decision(alice, last, version=_version(last), text_en="Prepare a joint study of water data",
                         text_ru="Подготовить совместное исследование водных данных", measure=public_water)
    upcoming = council.create_meeting(
        alice, title_en="Third meeting of the Expert Council", title_ru="Третье заседание Экспертного совета",
        body=body, starts_at=datetime.datetime(2099, 3, 12, 5, 0, tzinfo=datetime.UTC), status="planned",
        visibility="public")
    hidden_meeting = council.create_meeting(alice, title_en=f"{HIDDEN} closed meeting on water", date="2025-01-10",
                                            status="held", visibility="internal")
    council.add_decision(alice, hidden_meeting, version=_version(hidden_meeting), text_en=f"{HIDDEN} decision",
                         measure=public_water)
    event = council.create_event(alice, title_en="Regional Conference on Water Diplomacy",
                                 title_ru="Региональная конференция по водной дипломатии", start_date="2099-05-20",
                                 place="Almaty", measures=[public_water], visibility="public")
    council.create_event(alice, title_en=f"{HIDDEN} restricted round table", start_date="2099-06-01",
                         measures=[public_water], visibility="restricted")

    press = documents.ingest(alice, b"The Expert Council met in Tashkent and discussed water security.",
                             name="press.txt", title="Expert Council meets in Tashkent", published="2024-08-28",
                             language="en", visibility="public", enqueue=False).document
    secret_doc = documents.ingest(alice, f"{HIDDEN} memo on water allocations.".encode(), name="memo.txt",
                                  title=f"{HIDDEN} memo", language="en", visibility="restricted",
                                  enqueue=False).document
    measure_type = ContentType.objects.get_for_model(Measure)
    for document in (press, secret_doc):
        Mention.objects.create(document=document, kind="measure", label="water", spans=[[0, 5]], decision="linked",
                               content_type=measure_type, object_id=public_water.pk,
                               fingerprint=documents.fingerprint("measure", f"x{document.pk}"))

    trade = indicators.create_indicator(alice, name_en="Mutual trade turnover", name_ru="Взаимный товарооборот",
                                        unit="USD", visibility="public")
    target = indicators.create_target(alice, indicator=trade, value=Decimal("10000000000"), deadline="2030",
                                      visibility="public")
    for party, values in (("KZ", ("3900000000", "4400000000")), ("UZ", ("3800000000", "4180000000"))):
        for period, value in zip(("2022", "2023"), values, strict=True):
            indicators.create_observation(alice, indicator=trade, period=period, value=Decimal(value),
                                          reporting_party=parties[party], visibility="public")
    indicators.create_observation(alice, indicator=trade, period="2024", value=Decimal("7777777777"),
                                  reporting_party=parties["KZ"], source=f"{HIDDEN} preliminary figure",
                                  visibility="restricted")
    hidden_target = indicators.create_target(alice, indicator=trade, value=Decimal("20000000000"), deadline="2035",
                                             occasion=f"{HIDDEN} talks", visibility="internal")
    hidden_indicator = indicators.create_indicator(alice, name_en=f"{HIDDEN} indicator", unit="USD",
                                                   visibility="internal")
    target_of_hidden = indicators.create_target(alice, indicator=hidden_indicator, value=Decimal("5"),
                                                deadline="2030", visibility="public")
    return {**inventory, "body": body, "last": last, "upcoming": upcoming, "hidden_meeting": hidden_meeting,
            "event": event, "press": press, "secret_doc": secret_doc, "trade_indicator": trade, "target": target,
            "hidden_target": hidden_target, "target_of_hidden": target_of_hidden, "hidden_measure": hidden_measure}
