"""Review: accept, link, reject, undo and bulk through the services and the page; who decided; evidence on records."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kenes.directory import services as directory
from kenes.directory.models import Organization, Person
from kenes.documents import review
from kenes.documents.highlighting import highlight_text
from kenes.documents.models import Candidate, Document, Mention
from kenes.documents.services import ingest

PRESS_RELEASE = (
    "Astana, 12 March 2025 — Press release\n\n"
    "Talgat Zhaksybekov, Director of the Steppe Institute for Regional Economics, opened the third meeting "
    "of the Kazakhstan-Uzbekistan Expert Council on 11 March 2025 in Tashkent.\n\n"
    "The parties agreed to bring mutual trade turnover to $15 billion by 2030. In 2024 mutual trade turnover "
    "reached $4.8 billion, Mr Zhaksybekov said.\n"
)


def _ingest(actor, text, capture, *, visibility="internal", name="release.txt"):
    with capture(execute=True):
        outcome = ingest(actor, text.encode(), name=name, visibility=visibility, published="2025-03-12")
    assert outcome.status == "new", outcome.reason
    document = Document.objects.get(pk=outcome.document.pk)
    assert document.state == Document.State.AWAITING_REVIEW
    return document


@pytest.fixture
def document(alice, django_capture_on_commit_callbacks):
    return _ingest(alice, PRESS_RELEASE, django_capture_on_commit_callbacks)


def _mention(document, kind, label_part=""):
    return document.mentions.filter(kind=kind, label__icontains=label_part).first()


def test_it_accepts_an_organisation_then_a_person_with_the_role_at_it(alice, document):
    org_mention = _mention(document, "organization", "Steppe")
    outcome = review.accept(alice, org_mention)
    org = outcome.record
    assert isinstance(org, Organization)
    assert org.name_en == "Steppe Institute for Regional Economics"
    assert org.visibility == document.visibility

    person = review.accept(alice, _mention(document, "person")).record
    assert person.name_en == "Talgat Zhaksybekov"
    assert "Zhaksybekov" in person.aliases.values_list("name", flat=True)
    role = person.memberships.get()
    assert role.title_en == "Director"
    assert role.organization == org

    mention = Mention.objects.get(pk=org_mention.pk)
    assert mention.decision == Mention.Decision.ACCEPTED
    assert mention.record == org
    assert mention.decided_by == alice


def test_it_keeps_a_role_without_its_organisation_and_says_so(alice, document):
    outcome = review.accept(alice, _mention(document, "person"))
    role = outcome.record.memberships.get()
    assert role.organization is None
    assert "Steppe Institute" in role.note
    assert any("not in the directory" in note for note in outcome.notes)


def test_it_accepts_with_edited_fields(alice, document):
    mention = _mention(document, "person")
    person = review.accept(alice, mention, {"name": "Talgat A. Zhaksybekov", "roles": "Chair — Nowhere Board"}).record
    assert person.name_en == "Talgat A. Zhaksybekov"
    assert person.memberships.get().title_en == "Chair"
    with pytest.raises(ValidationError):
        review.accept(alice, _mention(document, "organization", "Steppe"), {"colour": "blue"})


def test_it_links_to_a_known_person_and_adds_the_new_spelling_and_missing_role(alice, parties, document):
    known = directory.create_person(alice, name_ru="Талгат Жаксыбеков", party=parties["KZ"])
    steppe = directory.create_organization(alice, name_ru="Институт «Степь»",
                                           aliases=["Steppe Institute for Regional Economics"])
    outcome = review.link(alice, _mention(document, "person"), known)
    known.refresh_from_db()
    assert outcome.record == known
    assert known.name_en == "Talgat Zhaksybekov"  # the name in the document's language was missing
    assert "Zhaksybekov" in known.aliases.values_list("name", flat=True)
    assert known.memberships.get().title_en == "Director"
    assert known.memberships.get().organization == steppe
    assert Person.objects.count() == 1
    mention = Mention.objects.get(kind="person", document=document)
    assert mention.decision == Mention.Decision.LINKED and mention.record == known


def test_linking_leaves_out_a_role_whose_organisation_is_unknown_and_says_so(alice, document):
    known = directory.create_person(alice, name_en="Talgat Zhaksybekov")
    outcome = review.link(alice, _mention(document, "person"), known)
    assert not known.memberships.exists()
    assert any("was not added" in note for note in outcome.notes)


def test_it_links_an_organisation_and_keeps_the_spelling_as_an_alias(alice, document):
    known = directory.create_organization(alice, name_en="Steppe Institute", acronym="SIRE")
    review.link(alice, _mention(document, "organization", "Steppe"), known)
    assert "Steppe Institute for Regional Economics" in known.aliases.values_list("name", flat=True)
    assert Organization.objects.count() == 1


def test_it_rejects_and_undoes_and_the_record_made_stays(alice, document):
    mention = _mention(document, "organization", "Steppe")
    org = review.accept(alice, mention).record
    outcome = review.undo(alice, mention)
    mention.refresh_from_db()
    assert mention.decision == Mention.Decision.PENDING and mention.object_id is None
    assert Organization.objects.filter(pk=org.pk).exists()
    assert outcome.notes  # the reviewer is told the record stays
    review.reject(alice, mention, "not an organisation")
    mention.refresh_from_db()
    assert mention.decision == Mention.Decision.REJECTED
    with pytest.raises(ValidationError):
        review.accept(alice, mention)


def test_every_decision_is_in_the_history_with_who_and_why(alice, bob, document):
    mention = _mention(document, "organization", "Steppe")
    review.accept(alice, mention)
    review.undo(bob, mention)
    review.reject(alice, mention)
    entries = list(mention.history.order_by("history_date"))
    decided = [(e.decision, e.history_user, e.history_change_reason) for e in entries[-3:]]
    assert decided[0][0] == "accepted" and decided[0][1] == alice and "Accepted" in decided[0][2]
    assert decided[1][0] == "pending" and decided[1][1] == bob and "Undone" in decided[1][2]
    assert decided[2][0] == "rejected" and decided[2][1] == alice


def test_the_document_is_reviewed_when_the_last_proposal_is_decided_and_back_on_undo(alice, document):
    mentions = list(document.mentions.all())
    review.bulk(alice, mentions[:-1], "reject")
    document.refresh_from_db()
    assert document.state == Document.State.AWAITING_REVIEW
    review.reject(alice, mentions[-1])
    document.refresh_from_db()
    assert document.state == Document.State.REVIEWED
    assert review.progress(document) == (len(mentions), len(mentions))
    review.undo(alice, mentions[-1])
    document.refresh_from_db()
    assert document.state == Document.State.AWAITING_REVIEW


def test_bulk_accept_links_the_confident_candidate_and_creates_the_rest(alice, document):
    known = directory.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council")
    council = _mention(document, "organization", "Expert Council")
    Candidate.objects.filter(mention=council).delete()
    Candidate.objects.create(mention=council, content_type=ContentType.objects.get_for_model(Organization),
                             object_id=known.pk, score=0.97, reason="same name")
    chosen = [_mention(document, "person"), council, _mention(document, "organization", "Steppe")]
    outcomes = review.bulk(alice, chosen, "accept")
    assert [o.mention.kind for o in outcomes] == ["organization", "organization", "person"]
    council.refresh_from_db()
    assert council.decision == Mention.Decision.LINKED and council.record == known
    person = Person.objects.get(name_en="Talgat Zhaksybekov")
    assert person.memberships.get().organization.name_en == "Steppe Institute for Regional Economics"


def test_bulk_is_all_or_nothing(alice, document):
    org = _mention(document, "organization", "Steppe")
    # A project mention with neither a name nor a description cannot become a project: accepting it is
    # refused after the organisation was made, and the whole batch is undone with it.
    nameless = Mention.objects.create(document=document, kind="project", label="x", spans=[[0, 5]],
                                      fingerprint="x", values={"name": None, "description": None})
    with pytest.raises(ValidationError):
        review.bulk(alice, [org, nameless], "accept")
    org.refresh_from_db()
    assert org.decision == Mention.Decision.PENDING
    assert not Organization.objects.exists()


def test_only_the_secretariat_decides(mark, document):
    mention = _mention(document, "person")
    for call in (lambda: review.accept(mark, mention), lambda: review.reject(mark, mention),
                 lambda: review.undo(mark, mention), lambda: review.bulk(mark, [mention], "reject")):
        with pytest.raises(PermissionDenied):
            call()


# The page.

def test_the_review_page_highlights_every_span_and_lists_the_proposals(client, alice, document):
    client.force_login(alice)
    response = client.get(reverse("documents:review", args=[document.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for mention in document.mentions.all():
        start, end = mention.spans[0]
        assert f'id="span-{start}-{end}"' in html
        assert f'id="mention-{mention.pk}"' in html
    assert 'class="ev ev-person' in html and 'class="ev ev-organization' in html
    assert f"0 of {document.mentions.count()} decided" in html


def test_it_keeps_the_engines_rule_and_confidence_with_each_proposal(document):
    mentions = list(document.mentions.all())
    assert mentions
    for mention in mentions:
        assert mention.rule.startswith("en.") and 0 < mention.confidence < 1, mention


def _order(html: str, mentions) -> list[int]:
    return sorted((m.pk for m in mentions), key=lambda pk: html.index(f'id="mention-{pk}"'))


def _ticked(html: str, mention) -> bool:
    return re.search(rf'id="pick-{mention.pk}"[^>]*\schecked', html) is not None


def test_the_page_lists_the_surest_proposals_first_in_each_kind_and_ticks_the_confident(client, alice, document):
    unsure, sure = document.mentions.filter(kind="organization").order_by("pk")[:2]
    Mention.objects.filter(pk=unsure.pk).update(confidence=review.PRESELECT_AT - 0.2)
    Mention.objects.filter(pk=sure.pk).update(confidence=review.PRESELECT_AT)
    person = _mention(document, "person")
    Mention.objects.filter(pk=person.pk).update(confidence=0.99)
    client.force_login(alice)
    html = client.get(reverse("documents:review", args=[document.pk])).content.decode()
    # Organisations still come before the people whose roles name them, however sure the engine is.
    assert _order(html, [unsure, sure, person]) == [sure.pk, unsure.pk, person.pk]
    assert _ticked(html, sure) and _ticked(html, person) and not _ticked(html, unsure)


def test_after_a_decision_the_page_goes_on_to_the_next_surest_proposal(client, alice, document):
    unsure, sure = document.mentions.filter(kind="organization").order_by("pk")[:2]
    Mention.objects.filter(pk=unsure.pk).update(confidence=0.4)
    Mention.objects.filter(pk=sure.pk).update(confidence=0.9)
    client.force_login(alice)
    response = client.post(reverse("documents:review_decide", args=[document.pk, sure.pk]), {"action": "reject"})
    assert response["Location"].endswith(f"#mention-{unsure.pk}")


def test_bulk_decides_in_review_order(alice, document):
    unsure, sure = document.mentions.filter(kind="organization").order_by("pk")[:2]
    Mention.objects.filter(pk=unsure.pk).update(confidence=0.4)
    Mention.objects.filter(pk=sure.pk).update(confidence=0.9)
    outcomes = review.bulk(alice, [unsure, _mention(document, "person"), sure], "reject")
    assert [o.mention.pk for o in outcomes][:2] == [sure.pk, unsure.pk]


def test_the_page_decides_without_javascript(client, alice, document):
    client.force_login(alice)
    org = _mention(document, "organization", "Steppe")
    url = reverse("documents:review_decide", args=[document.pk, org.pk])
    response = client.post(url, {"action": "accept", f"record-{org.pk}": "new",
                                 f"field-{org.pk}-acronym": "SIRE"})
    assert response.status_code == 302
    assert "#mention-" in response["Location"]
    assert Organization.objects.get().acronym == "SIRE"

    person = _mention(document, "person")
    known = directory.create_person(alice, name_en="T. Zhaksybekov")
    client.post(reverse("documents:review_decide", args=[document.pk, person.pk]),
                {"action": "link", f"record-{person.pk}": str(known.pk)})
    person.refresh_from_db()
    assert person.decision == Mention.Decision.LINKED and person.object_id == known.pk

    client.post(reverse("documents:review_undo_last", args=[document.pk]))
    person.refresh_from_db()
    assert person.decision == Mention.Decision.PENDING

    others = list(document.mentions.filter(decision=Mention.Decision.PENDING).values_list("pk", flat=True))
    client.post(reverse("documents:review_bulk", args=[document.pk]), {"action": "reject", "mentions": others})
    document.refresh_from_db()
    assert document.state == Document.State.REVIEWED
    page = client.get(reverse("documents:review", args=[document.pk])).content.decode()
    assert "Every proposal in this document has been decided." in page
    assert "Alice" in page  # the last decisions say who


def test_the_search_inside_a_proposal_finds_records_of_its_kind(client, alice, document):
    client.force_login(alice)
    known = directory.create_person(alice, name_ru="Талгат Жаксыбеков")
    person = _mention(document, "person")
    url = reverse("documents:review_search", args=[document.pk, person.pk])
    response = client.get(url, {"q": "Zhaksybekov"}, headers={"HX-Request": "true"})
    assert f'value="{known.pk}"' in response.content.decode()
    fallback = client.get(url, {"q": "Zhaksybekov"})
    assert fallback.status_code == 302
    page = client.get(fallback["Location"]).content.decode()
    assert f'name="record-{person.pk}" value="{known.pk}"' in page


def test_a_member_cannot_open_or_post_the_review(client, mark, document):
    client.force_login(mark)
    mention = _mention(document, "person")
    assert client.get(reverse("documents:review", args=[document.pk])).status_code == 403
    response = client.post(reverse("documents:review_decide", args=[document.pk, mention.pk]), {"action": "reject"})
    assert response.status_code == 403
    assert client.post(reverse("documents:review_bulk", args=[document.pk]),
                       {"action": "reject", "mentions": [mention.pk]}).status_code == 403
    mention.refresh_from_db()
    assert mention.decision == Mention.Decision.PENDING


def test_the_text_is_escaped_and_overlapping_spans_are_split():
    class M:
        def __init__(self, pk, kind, spans):
            self.pk, self.kind, self.spans = pk, kind, spans

    text = "<script>alert(1)</script> Steppe Institute"
    html = highlight_text(text, [M(1, "organization", [[26, 42]]), M(2, "person", [[33, 42]])])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'id="span-26-42"' in html and 'id="span-33-42"' in html
    assert 'class="ev ev-organization overlap" data-mentions="1 2"' in html


def test_the_dashboard_shows_the_review_queue(client, alice, document):
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert "Review queue" in page
    assert reverse("documents:review", args=[document.pk]) in page


def test_the_review_queue_counts_each_documents_open_proposals_and_the_rest_waiting(
        client, alice, document, django_capture_on_commit_callbacks):
    """The oldest eight waiting documents, each with the proposals still to decide, then how many more wait."""
    from kenes.documents.dashboard import SHOWN

    client.force_login(alice)
    pending = document.mentions.filter(decision=Mention.Decision.PENDING).count()
    assert pending > 1
    review.reject(alice, document.mentions.filter(decision=Mention.Decision.PENDING).first())
    page = client.get("/").content.decode()
    link = reverse("documents:review", args=[document.pk])
    row = page[page.index(link):]
    assert re.search(rf">\s*{pending - 1}\s*<", row[:row.index("</li>")])
    assert "More documents awaiting review" not in page
    for number in range(SHOWN):
        # Different enough not to be near-duplicates of each other.
        text = (f"Talgat Zhaksybekov met experts in Tashkent on {number + 1} April 2025.\n\n"
                + " ".join(f"note{number}word{index}" for index in range(60)))
        _ingest(alice, text, django_capture_on_commit_callbacks, name=f"note-{number}.txt")
    page = client.get("/").content.decode()
    assert link in page  # the oldest is shown first
    more = page[page.index("More documents awaiting review"):]
    assert re.search(r">\s*1\s*<", more[:more.index("</li>")])


# Evidence on record pages.

def test_the_person_page_shows_the_quote_linking_to_the_span(client, alice, mark, document):
    person = review.accept(alice, _mention(document, "person")).record
    directory.update_person(alice, person, visibility="internal")
    mention = Mention.objects.get(kind="person", document=document)
    start, end = mention.spans[0]
    client.force_login(alice)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Sources" in page and "Talgat Zhaksybekov" in page
    assert f'{reverse("documents:review", args=[document.pk])}#span-{start}-{end}' in page
    client.force_login(mark)
    page = client.get(person.get_absolute_url()).content.decode()
    assert f'{reverse("documents:text", args=[document.pk])}#span-{start}-{end}' in page
    text = client.get(reverse("documents:text", args=[document.pk])).content.decode()
    assert f'id="span-{start}-{end}"' in text


def test_quotes_from_hidden_documents_are_never_shown(client, alice, mark, django_capture_on_commit_callbacks):
    public_doc = _ingest(alice, PRESS_RELEASE, django_capture_on_commit_callbacks, visibility="public")
    secret_text = ("Confidential note, 2 April 2025\n\nThe Steppe Institute for Regional Economics will host closed "
                   "consultations on water allocation in the Syr Darya basin next month.\n")
    secret_doc = _ingest(alice, secret_text, django_capture_on_commit_callbacks, visibility="restricted",
                         name="secret.txt")
    org = review.accept(alice, _mention(public_doc, "organization", "Steppe")).record
    directory.update_organization(alice, org, visibility="public")
    review.link(alice, _mention(secret_doc, "organization", "Steppe"), org)

    client.force_login(mark)
    page = client.get(org.get_absolute_url()).content.decode()
    assert str(public_doc) in page
    assert str(secret_doc) not in page
    assert reverse("documents:text", args=[secret_doc.pk]) not in page
    assert reverse("documents:review", args=[secret_doc.pk]) not in page
    assert client.get(reverse("documents:text", args=[secret_doc.pk])).status_code == 404
    client.logout()
    page = client.get(org.get_absolute_url()).content.decode()
    assert str(secret_doc) not in page
    assert reverse("documents:text", args=[secret_doc.pk]) not in page
    client.force_login(alice)
    page = client.get(org.get_absolute_url()).content.decode()
    assert reverse("documents:review", args=[secret_doc.pk]) in page
    assert str(secret_doc) in page


def test_an_accepted_event_joins_the_council_calendar_and_a_second_mention_links_to_it(alice, document):
    from kenes.council.models import Event

    first = Mention.objects.create(document=document, kind="event", label="Regional Conference on Water Diplomacy",
                                   values={"name": "Regional Conference on Water Diplomacy", "status": "planned",
                                           "date": "2025-09", "place": "Tashkent"},
                                   spans=[[0, 5]], fingerprint="event-1")
    review.accept(alice, first)
    event = Event.objects.get()
    assert (event.title_en, event.kind, event.status, event.start_date, event.place) == (
        "Regional Conference on Water Diplomacy", "conference", "planned", "2025-09", "Tashkent")
    from kenes.documents.resolution import load_finders, propose

    again = Mention.objects.create(document=document, kind="event", label="Regional Water Diplomacy Conference",
                                   values={"name": "Regional Water Diplomacy Conference", "status": "held"},
                                   spans=[[6, 9]], fingerprint="event-2")
    load_finders()
    assert [candidate.record for candidate in propose(again)] == [event]


def test_a_measure_taken_to_several_fields_quotes_the_action_and_its_field(alice, django_capture_on_commit_callbacks,
                                                                           tmp_path, monkeypatch):
    from kenes.extraction import lexicons

    # the convention that splits an action's fields, on as a user turns it on (a KENES_LEXICONS folder)
    (tmp_path / "conventions.tsv").write_text("split_fields\tyes\n", encoding="utf-8")
    monkeypatch.setenv("KENES_LEXICONS", str(tmp_path))
    lexicons.convention.cache_clear()
    try:
        text = ("Astana, 12 March 2025 — Press release\n\n"
                "The ministers discussed cooperation in trade, energy and transport.\n")
        document = _ingest(alice, text, django_capture_on_commit_callbacks)
        quotes = {m.label: m.quote for m in document.mentions.filter(kind="measure")}
        assert quotes["cooperation in energy"] == "cooperation in … energy"
        assert quotes["cooperation in transport"] == "cooperation in … transport"
    finally:
        monkeypatch.delenv("KENES_LEXICONS")
        lexicons.convention.cache_clear()
