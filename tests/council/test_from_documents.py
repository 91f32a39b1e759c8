"""Meetings, targets and figures from real engine output: mentions accepted into records, with evidence.

The texts are written for the test. Each is extracted by ``kenes.extraction.pipeline.extract``,
stored as mentions, resolved, and accepted through the review's write path.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from kenes.council.models import Meeting
from kenes.directory import services as directory_services
from kenes.documents import review
from kenes.documents.models import Document, Mention
from kenes.documents.services import store_mentions
from kenes.extraction.pipeline import extract
from kenes.indicators.models import Indicator, Observation, Target

pytestmark = pytest.mark.django_db

REPORT = (
    "Tashkent, 14 March 2025. The third meeting of the Kazakhstan-Uzbekistan Expert Council was held on "
    "14 March 2025 in Tashkent. The meeting was organised by the Kazakhstan Institute for Strategic Studies "
    "(KazISS). Director of KazISS Yerkin Tukumov took part.\n"
    "The parties agreed to bring mutual trade turnover to $10 billion. "
    "Mutual trade turnover reached $4.4 billion in 2023.\n"
)
FOLLOW_UP = (
    "Astana, 20 March 2025. Experts recalled the third meeting of the Kazakhstan-Uzbekistan Expert Council, "
    "held in Tashkent on 14 March 2025. The sides reaffirmed the goal to increase mutual trade turnover to "
    "10 billion dollars.\n"
)


def _document(text: str, *, published: str, parties=()) -> Document:
    document = Document.objects.create(
        title=text.split(".")[0][:80], text=text, language="en", published=published, visibility="public",
        sha256=hashlib.sha256(text.encode()).hexdigest(), state=Document.State.AWAITING_REVIEW,
    )
    document.parties.set(parties)
    store_mentions(document, extract(text, published=published))
    return document


@pytest.fixture
def known(alice, directory):
    council = directory_services.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                                     kind="council", visibility="public")
    tukumov = directory_services.create_person(alice, name_en="Yerkin Tukumov", visibility="public")
    return {"council": council, "tukumov": tukumov, **directory}


def _accept(alice, document, kind):
    mention = document.mentions.get(kind=kind)
    return review.accept(alice, mention).record


def test_it_turns_a_reported_meeting_into_a_meeting_with_its_body_and_people(client, alice, known, parties):
    document = _document(REPORT, published="2025-03-14", parties=[parties["KZ"]])
    meeting = _accept(alice, document, Mention.Kind.MEETING)
    assert isinstance(meeting, Meeting)
    assert meeting.title_en.lower().startswith("the third meeting") and meeting.date == "2025-03-14"
    assert meeting.body == known["council"] and meeting.ordinal == 3 and meeting.place == "Tashkent"
    assert list(meeting.participants.all()) == [known["tukumov"]]
    assert list(meeting.organizers.all()) == [known["kaziss"]]
    assert meeting.visibility == "public"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Yerkin Tukumov" in page and document.title in page


def test_it_turns_a_target_and_a_figure_into_records_of_one_indicator(client, alice, known, parties):
    document = _document(REPORT, published="2025-03-14", parties=[parties["KZ"]])
    target = _accept(alice, document, Mention.Kind.TARGET)
    figure = _accept(alice, document, Mention.Kind.FIGURE)
    assert isinstance(target, Target) and isinstance(figure, Observation)
    assert target.value == Decimal("10000000000") and target.unit == "USD"
    assert figure.value == Decimal("4400000000") and figure.period == "2023"
    assert figure.reporting_party == parties["KZ"]
    # When and on what words: the document's date and the sentence it was read from.
    assert target.set_on == "2025-03-14" and "$10 billion" in target.evidence
    assert "$4.4 billion" in figure.evidence
    # "mutual trade turnover" and "Mutual trade turnover" are one indicator, in USD.
    assert target.indicator == figure.indicator and Indicator.objects.count() == 1
    assert target.indicator.unit == "USD"
    page = client.get(target.indicator.get_absolute_url()).content.decode()
    assert "10,000,000,000" in page and "4,400,000,000" in page
    assert document.title in client.get(target.get_absolute_url()).content.decode()
    assert document.title in client.get(figure.get_absolute_url()).content.decode()


def test_it_leaves_the_reporting_party_open_when_the_document_concerns_both(alice, known, parties):
    document = _document(REPORT, published="2025-03-14", parties=[parties["KZ"], parties["UZ"]])
    assert _accept(alice, document, Mention.Kind.FIGURE).reporting_party is None


def test_it_proposes_the_known_meeting_and_target_for_a_later_report(alice, known, parties):
    first = _document(REPORT, published="2025-03-14")
    meeting = _accept(alice, first, Mention.Kind.MEETING)
    target = _accept(alice, first, Mention.Kind.TARGET)
    later = _document(FOLLOW_UP, published="2025-03-20")
    meetings = later.mentions.filter(kind=Mention.Kind.MEETING)
    assert meetings, [m.values for m in later.mentions.all()]
    candidates = {(c.object_id, c.score) for m in meetings for c in m.candidates.all()}
    assert (meeting.pk, 0.9) in candidates
    mention = later.mentions.get(kind=Mention.Kind.TARGET)
    assert [(c.object_id, c.score) for c in mention.candidates.all()] == [(target.pk, 0.9)]
    # Linking completes the known records and keeps the evidence of both documents.
    review.link(alice, mention, target)
    assert Mention.objects.filter(object_id=target.pk, kind=Mention.Kind.TARGET).count() == 2
