"""Documents in, records out, as the secretariat meets it in a real browser: two press releases written for
this test (English and Russian), their proposals accepted on the review page (one with the Prodigy key),
the person linked across scripts, then the person's page with the role, the organisation and the quote
leading back to the highlighted span."""

import re

import pytest

from kenes.directory.models import Person
from kenes.documents.appliers import APPLIERS
from kenes.documents.models import Document, Mention
from kenes.documents.services import ingest
from tests.browser.conftest import sign_in, watch_console

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = (
    "Astana, 12 March 2025 — Press release\n\n"
    "Talgat Zhaksybekov, Director of the Steppe Institute for Regional Economics, opened the third meeting "
    "of the Kazakhstan-Uzbekistan Expert Council on 11 March 2025 in Tashkent.\n\n"
    "The parties agreed to bring mutual trade turnover to $15 billion by 2030. In 2024 mutual trade turnover "
    "reached $4.8 billion, Mr Zhaksybekov said.\n"
)
RUSSIAN = (
    "Ташкент, 14 марта 2025 года\n\n"
    "Директор Института региональной экономики «Степь» Талгат Жаксыбеков принял участие в третьем заседании "
    "Казахстанско-узбекского экспертного совета, которое состоялось 11 марта 2025 года в Ташкенте.\n\n"
    "Стороны договорились довести взаимный товарооборот до 15 млрд долларов к 2030 году. По итогам 2024 года "
    "взаимный товарооборот составил 4,8 млрд долларов.\n"
)


def _ingest(actor, text, name):
    # tests/settings.py runs tasks at once: extraction is done when the ingest transaction commits.
    outcome = ingest(actor, text.encode(), name=name, published="2025-03-14", visibility="internal")
    assert outcome.status == "new", outcome.reason
    document = Document.objects.get(pk=outcome.document.pk)
    assert document.state == Document.State.AWAITING_REVIEW, document.failure_reason
    return document


def _decide(page, mention, button):
    proposal = page.locator(f"#mention-{mention.pk}")
    with page.expect_navigation():
        proposal.locator(f"button[data-key={button}]").click()
    assert Mention.objects.get(pk=mention.pk).decision != Mention.Decision.PENDING


def _upload(page, live_server, tmp_path):
    """Both press releases at once through the upload page, as an analyst drops them in."""
    files = []
    for name, text in (("steppe-en.txt", ENGLISH), ("steppe-ru.txt", RUSSIAN)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    page.goto(f"{live_server.url}/documents/new/")
    page.set_input_files("#id_files", files)
    page.fill("#id_published", "2025-03-14")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # tests/settings.py runs tasks at once: extraction is done when the upload's transaction commits.
    documents = {}
    for name in ("steppe-en.txt", "steppe-ru.txt"):
        document = Document.objects.get(original_name=name)
        assert document.state == Document.State.AWAITING_REVIEW, document.failure_reason
        documents[name] = document
    return documents["steppe-en.txt"], documents["steppe-ru.txt"]


def test_it_turns_two_press_releases_into_a_person_with_role_organisation_and_sources(page, live_server, alice,
                                                                                       tmp_path):
    problems = watch_console(page)
    sign_in(page, live_server, "alice")
    english, russian = _upload(page, live_server, tmp_path)

    # The queue on the dashboard leads to the review page.
    page.goto(f"{live_server.url}/")
    page.click(f"a[href='/documents/{english.pk}/review/']")
    page.wait_for_selector(".review-layout")
    assert page.locator("mark.ev-person").count() >= 1
    assert page.locator("mark.ev-organization").count() >= 1
    total = english.mentions.count()
    assert f"0 of {total} decided" in page.inner_text("#progress")

    # The organisation first, with the keyboard: the proposal takes focus and `a` accepts it.
    steppe = english.mentions.get(kind="organization", label__startswith="Steppe")
    page.click(f"#mention-{steppe.pk} h4 a")
    assert page.locator("mark.current").count() >= 1  # its span is highlighted in the text
    page.focus(f"#mention-{steppe.pk}")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert Mention.objects.get(pk=steppe.pk).decision == Mention.Decision.ACCEPTED
    assert "1 of" in page.inner_text("#progress")

    person_mention = english.mentions.get(kind="person")
    _decide(page, person_mention, "accept-new")
    person = Person.objects.get(name_en="Talgat Zhaksybekov")

    # The meeting, the target and the figure become records of the council and indicators apps.
    accepted = {}
    for kind in ("meeting", "target", "figure"):
        assert kind in APPLIERS
        mentions = list(english.mentions.filter(kind=kind, decision=Mention.Decision.PENDING))
        assert mentions, f"the engine found no {kind} in the English release"
        for mention in mentions:
            _decide(page, mention, "accept-new")
        accepted[kind] = Mention.objects.get(pk=mentions[0].pk)
    # The rest in bulk: tick them and reject.
    pending = list(english.mentions.filter(decision=Mention.Decision.PENDING))
    for mention in pending:
        page.check(f"#pick-{mention.pk}")
    if pending:
        with page.expect_navigation():
            page.click("#bulk-form button[value=reject]")
    english.refresh_from_db()
    assert english.state == Document.State.REVIEWED
    assert "Every proposal in this document has been decided." in page.inner_text("main")

    # Backspace undoes the last decision; the last decisions list says who decided.
    with page.expect_navigation():
        page.keyboard.press("Backspace")
    english.refresh_from_db()
    assert english.state == Document.State.AWAITING_REVIEW
    assert "Alice" in page.inner_text(".recent-decisions")
    undone = english.mentions.get(decision=Mention.Decision.PENDING)
    _decide(page, undone, "reject" if undone.kind not in APPLIERS else "accept-new")

    # The Russian release: the same person in Cyrillic, linked (pre-selected, or found by the search in the panel).
    page.goto(f"{live_server.url}/documents/{russian.pk}/review/")
    ru_person = russian.mentions.get(kind="person")
    proposal = page.locator(f"#mention-{ru_person.pk}")
    chosen = proposal.locator(f"input[name=record-{ru_person.pk}][value='{person.pk}']")
    if not chosen.count() or not chosen.first.is_checked():
        proposal.locator("input[type=search]").fill("Zhaksybekov")
        chosen = proposal.locator(f".search-picks input[value='{person.pk}']")
        chosen.wait_for()
        chosen.check()
    with page.expect_navigation():
        proposal.locator("button[data-key=link]").click()
    ru_person.refresh_from_db()
    assert ru_person.decision == Mention.Decision.LINKED and ru_person.object_id == person.pk
    assert "Талгат Жаксыбеков" in Person.objects.get(pk=person.pk).names()

    # The person's page: the role at the organisation, and the sources with their quotes.
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    roles = page.inner_text("main table")
    assert "Director" in roles and "Steppe Institute for Regional Economics" in roles
    sources = page.locator("section.evidence")
    assert "Talgat Zhaksybekov" in sources.inner_text()
    assert "Талгат Жаксыбеков" in sources.inner_text()
    start, end = person_mention.spans[0]
    link = sources.locator(f"a[href='/documents/{english.pk}/review/#span-{start}-{end}']")
    link.click()
    page.wait_for_url(re.compile(rf"/documents/{english.pk}/review/#span-{start}-{end}$"))
    page.wait_for_selector("mark.current")
    assert page.locator(f"#span-{start}-{end}").count() == 1
    assert "Talgat Zhaksybekov" in page.locator("mark.current").first.inner_text()

    # The organisation's page shows its source too.
    org = person.memberships.get(organization__isnull=False).organization
    page.goto(f"{live_server.url}{org.get_absolute_url()}")
    assert "Steppe Institute for Regional Economics" in page.inner_text("section.evidence")

    # The meeting's, the target's and the figure's pages: each with its quote leading to its span.
    for kind, mention in accepted.items():
        record = mention.record
        assert record is not None, kind
        page.goto(f"{live_server.url}{record.get_absolute_url()}")
        sources = page.locator("section.evidence")
        start, end = mention.spans[0]
        assert sources.locator(f"a[href='/documents/{english.pk}/review/#span-{start}-{end}']").count() == 1, kind
        assert mention.quote[:20] in sources.inner_text(), kind
    assert problems == []


def test_a_member_sees_the_quote_and_the_highlighted_text_but_not_the_review(page, live_server, alice, mark):
    from kenes.documents import review

    english = _ingest(alice, ENGLISH, "steppe-en.txt")
    person = review.accept(alice, english.mentions.get(kind="person")).record
    problems = watch_console(page)
    sign_in(page, live_server, "mark")
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    page.click(f"section.evidence a[href^='/documents/{english.pk}/text/#span-']")
    page.wait_for_selector("mark.current")
    response = page.goto(f"{live_server.url}/documents/{english.pk}/review/")
    assert response.status == 403
    assert problems == [] or all("403" in p for p in problems)
