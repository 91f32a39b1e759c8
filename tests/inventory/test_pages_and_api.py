"""Inventory pages and API per role: filters, downloads, the measure's page, transitions and compliance."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kenes.accounts.services import create_api_token
from kenes.inventory import services

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


def _text(response) -> str:
    return response.content.decode()


def test_the_inventory_filters_by_topic_status_party_level_agreement_words_and_years(client, inventory):
    url = reverse("inventory:measures")
    water = _text(client.get(url, {"topic": "water"}))
    assert "Strengthen water and climate security" in water and "$10 billion" not in water
    assert "Internal note" not in water  # internal: not for visitors
    assert "$10 billion" in _text(client.get(url, {"agreement": inventory["programme"].pk}))
    assert "Strengthen water" not in _text(client.get(url, {"agreement": inventory["programme"].pk}))
    assert "Strengthen water" in _text(client.get(url, {"party": "KZ"}))
    assert "$10 billion" not in _text(client.get(url, {"party": "KZ"}))
    assert "$10 billion" in _text(client.get(url, {"level": "heads_of_state"}))
    assert "Strengthen water" in _text(client.get(url, {"q": "climate security"}))
    assert "Strengthen water" not in _text(client.get(url, {"q": "climate trade"}))
    assert "Strengthen water" in _text(client.get(url, {"since": "2024", "until": "2024"}))
    assert "Strengthen water" not in _text(client.get(url, {"since": "2025"}))
    assert "No measures match" in _text(client.get(url, {"status": "implemented"}))
    assert client.get(url, {"agreement": "99999999999999999999999"}).status_code == 200


@pytest.mark.parametrize("listed", [5000, 0])
def test_words_narrow_the_same_whether_the_matches_travel_as_a_list_or_a_subquery(
        client, alice, inventory, monkeypatch, listed):
    """Up to LISTED_MATCHES ids are passed on as one list parameter, more keep the lookup as a subquery:
    both give the same measures, the same count, and unknown or unknown-only codes match nothing."""
    from kenes.search import query

    monkeypatch.setattr(query, "LISTED_MATCHES", listed)
    url = reverse("inventory:measures")
    assert "Strengthen water" in _text(client.get(url, {"q": "climate security", "topic": "water"}))
    assert "Strengthen water" not in _text(client.get(url, {"q": "climate trade"}))
    found = services.search_measures(alice, {"q": "climate security", "party": "KZ"})
    assert [m.title for m in found] == ["Strengthen water and climate security cooperation"] and found.count() == 1
    assert not services.search_measures(alice, {"q": "climate security", "party": "XX"}).exists()
    assert not services.search_measures(alice, {"q": "climate", "topic": "no-such-topic"}).exists()
    assert not services.search_measures(alice, {"q": "climate", "status": "no-such-status"}).exists()


def test_the_inventory_downloads_exactly_the_filtered_list(client, alice, inventory):
    client.force_login(alice)
    response = client.get(reverse("inventory:measures"), {"topic": "water", "format": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Strengthen water and climate security cooperation" in body and "Internal note" in body
    assert "$10 billion" not in body
    xlsx = client.get(reverse("inventory:measures"), {"topic": "water", "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_measure_page_shows_its_facts_status_sides_and_timeline(client, alice, inventory, parties):
    measure = services.transition(alice, inventory["water"], "adopted", reason="Adopted at the third meeting")
    services.set_party_status(alice, measure, parties["KZ"], "in_progress", reason="Started",
                              evidence="Decree of the Government")
    page = _text(client.get(measure.get_absolute_url()))
    assert "Kassym-Jomart Tokayev" in page and "Second meeting of the Expert Council" in page
    assert "Adopted at the third meeting" in page and "Decree of the Government" in page
    assert "Change the status" not in page  # visitors read; they do not change
    client.force_login(alice)
    page = _text(client.get(measure.get_absolute_url()))
    assert "Change the status" in page and "In progress" in page


def test_the_secretariat_moves_a_status_on_the_page_and_a_refused_move_says_why(client, alice, inventory):
    from kenes.inventory.models import MeasureStatus

    client.force_login(alice)
    measure = inventory["water"]
    adopted = MeasureStatus.objects.get(code="adopted")
    response = client.post(reverse("inventory:measure_transition", args=[measure.pk]),
                           {"status": adopted.pk, "reason": "Adopted", "version": measure.version}, follow=True)
    assert "Status changed to “Adopted”" in _text(response)
    proposed = MeasureStatus.objects.get(code="proposed")
    response = client.post(reverse("inventory:measure_transition", args=[measure.pk]),
                           {"status": proposed.pk, "reason": "Back", "version": measure.version + 1}, follow=True)
    assert "cannot move from “Adopted” to “Proposed”" in _text(response)


def test_members_and_visitors_cannot_change_statuses(client, mark, inventory):
    url = reverse("inventory:measure_transition", args=[inventory["water"].pk])
    assert client.post(url, {"reason": "x"}).status_code == 302  # to sign in
    client.force_login(mark)
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_an_agreement_page_lists_its_provisions_with_their_status(client, inventory):
    page = _text(client.get(inventory["programme"].get_absolute_url()))
    assert "Develop mechanisms to reach $10 billion mutual trade" in page and "2.1" in page and "Proposed" in page


def test_the_compliance_page_shows_published_rates(client, alice, inventory, parties):
    assessment = services.create_assessment(alice, measure=inventory["water"], party=parties["KZ"], period="2025",
                                            score=1)
    assert "No published assessments yet" in _text(client.get(reverse("inventory:compliance")))
    services.move_assessment(alice, assessment, "reviewed")
    services.move_assessment(alice, assessment, "published")
    page = _text(client.get(reverse("inventory:compliance"), {"by": "topic"}))
    assert "Water" in page and "100.0 %" in page


def test_the_api_creates_moves_and_refuses_like_the_pages(client, alice, mark, inventory, parties):
    created = client.post("/api/measures", {"title_en": "Open a joint trade house", "topics": ["trade"],
                                            "proposed_by_parties": ["KZ"], "weight": "2.5", "visibility": "public"},
                          content_type="application/json", **_auth(alice))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "proposed" and body["weight"] == "2.5" and body["topics"] == ["trade"]
    moved = client.post(f"/api/measures/{body['id']}/transition",
                        {"status": "adopted", "reason": "Agreed by the ministers", "version": body["version"]},
                        content_type="application/json", **_auth(alice))
    assert moved.status_code == 200 and moved.json()["status"] == "adopted"
    refused = client.post(f"/api/measures/{body['id']}/transition", {"status": "proposed", "reason": "Back"},
                          content_type="application/json", **_auth(alice))
    assert refused.status_code in (400, 422) and "can move to" in refused.content.decode()
    stale = client.patch(f"/api/measures/{body['id']}", {"title_en": "Old edit", "version": body["version"]},
                         content_type="application/json", **_auth(alice))
    assert stale.status_code == 409
    forbidden = client.post("/api/measures", {"title_en": "Members cannot"}, content_type="application/json",
                            **_auth(mark))
    assert forbidden.status_code == 403
    side = client.post(f"/api/measures/{body['id']}/side-status", {"party": "UZ", "status": "in_progress",
                                                                   "reason": "Started"},
                       content_type="application/json", **_auth(alice))
    assert side.json()["sides"] == [{"party": "UZ", "status": "in_progress", "evidence": ""}]
    workflow = client.get("/api/measure-statuses").json()
    assert {"code": "proposed"}.items() <= workflow[0].items() and "adopted" in workflow[0]["next"]


def test_the_api_merges_two_measures(client, alice, inventory):
    duplicate = services.create_measure(alice, title_en="Water and climate security", visibility="public")
    merged = client.post(f"/api/measures/{inventory['water'].pk}/merge", {"duplicate_id": duplicate.pk},
                         content_type="application/json", **_auth(alice))
    assert merged.status_code == 200
    assert client.get(f"/api/measures/{duplicate.pk}").status_code == 404
    assert client.get(duplicate.get_absolute_url()).url == inventory["water"].get_absolute_url()


def test_measures_and_agreements_are_found_by_the_platform_search(client, inventory):
    page = _text(client.get(reverse("web:search"), {"q": "вода"}))
    assert "Strengthen water and climate security cooperation" in page  # through its topic, in Russian
    page = _text(client.get(reverse("web:search"), {"q": "Alliance Programme"}))
    assert "Strategic Partnership and <mark>Alliance</mark> <mark>Programme</mark>" in page


def test_each_row_of_the_inventory_shows_the_status_both_sides_progress_and_access(client, alice, inventory, parties):
    """The rows (made in Python for speed) say what the template said: each side's own status under the
    overall one, the progress bar, the level, the dates, the access badge for signed-in readers only;
    titles are escaped and shown in the reader's language."""
    from kenes.inventory.models import MeasureStatus

    water = inventory["water"]
    adopted = MeasureStatus.objects.get(code="adopted")
    services.set_party_status(alice, water, parties["UZ"], adopted, reason="Decree signed")
    services.set_party_status(alice, water, parties["KZ"], MeasureStatus.objects.get(code="under_consideration"),
                              reason="In the ministry")
    hostile = services.create_measure(alice, title_en="<script>alert(1)</script> & water", title_ru="Вода",
                                      topics=[inventory["topics"]["water"]], visibility="public")
    url = reverse("inventory:measures")
    client.force_login(alice)
    page = _text(client.get(url, {"topic": "water"}))
    row = page[page.index(f'href="/inventory/{water.pk}/"'):]
    row = row[:row.index("</tr>")]
    assert row.index("KZ: Under consideration") < row.index("UZ: Adopted")
    assert '<progress max="100" value="0"' in row and "Expert council" in row and "Aug. 28, 2024" in row
    assert 'class="badge public"' in row
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; water" in page and "<script>alert" not in page
    russian = _text(client.get(url, {"topic": "water"}, HTTP_ACCEPT_LANGUAGE="ru"))
    assert f'<a href="/inventory/{hostile.pk}/">Вода</a>' in russian
    client.logout()
    public = _text(client.get(url, {"topic": "water"}))
    assert "Strengthen water" in public and 'class="badge' not in public


def test_the_dashboards_counts_follow_each_change_at_once(client, alice, inventory):
    """The counts are kept between dashboards, but a new measure, a status change or a deletion shows at once."""
    import re

    from kenes.core import services as core
    from kenes.inventory.models import MeasureStatus

    client.force_login(alice)

    def proposed() -> int:
        page = _text(client.get("/"))
        item = page[page.index("Measures “Proposed”"):]
        return int(re.search(r">\s*(\d+)\s*<", item).group(1))

    assert proposed() == 3
    assert proposed() == 3  # the kept figure
    services.create_measure(alice, title_en="Open a joint water laboratory", visibility="public")
    assert proposed() == 4
    services.transition(alice, inventory["water"], MeasureStatus.objects.get(code="under_consideration"),
                        reason="On the agenda")
    assert proposed() == 3
    core.delete(alice, inventory["trade"], reason="A duplicate")
    assert proposed() == 2


def _options(page: str, select_name: str) -> list[str]:
    import re

    select = re.search(rf'<select name="{select_name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, select_name
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))]


def test_the_status_forms_offer_the_workflows_moves_and_every_status_for_a_side(client, alice, inventory):
    from kenes.inventory.models import MeasureStatus

    client.force_login(alice)
    page = _text(client.get(inventory["water"].get_absolute_url()))  # proposed
    allowed = [status.name for status in MeasureStatus.objects.get(code="proposed").allowed_next()]
    assert allowed and _options(page, "status") == ["— choose —", *allowed]
    every = [status.name for status in MeasureStatus.objects.all()]
    assert _options(page, "side-status") == ["— choose —", *every]
    final = MeasureStatus.objects.filter(transitions_out__isnull=True).first()
    measure = inventory["trade"]
    measure.status = final
    measure.save(update_fields=["status"])
    page = _text(client.get(measure.get_absolute_url()))
    assert f"“{final.name}” is a final status." in page and 'name="status"' not in page
    assert _options(page, "side-status") == ["— choose —", *every]  # each side still reports its own
    with translation.override("ru"):
        page = _text(client.get(inventory["water"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru"))
    assert _options(page, "status")[0] == "— выберите —"


def test_the_timeline_shows_progress_updates_status_changes_with_who_and_assessments(
        client, alice, inventory, parties):
    from kenes.workplan import services as workplan

    measure = services.transition(alice, inventory["water"], "adopted", reason="Adopted at the third meeting")
    plan = workplan.create_plan(alice, title_en="Work plan 2025", visibility="public")
    item = workplan.create_item(alice, plan=plan, measure=measure, visibility="public")
    workplan.post_update(alice, item, text="Joint seminar on water data held", percent=35, party=parties["UZ"])
    client.force_login(alice)
    page = _text(client.get(measure.get_absolute_url()))
    assert "Progress update: 35 %" in page and "(UZ)" in page and "Joint seminar on water data held" in page
    assert item.get_absolute_url() in page
    assert "Adopted at the third meeting" in page and (alice.get_full_name() or alice.username) in page
    client.logout()
    page = _text(client.get(measure.get_absolute_url()))
    assert "Progress update: 35 %" in page and (alice.get_full_name() or alice.username) not in page


def test_a_measure_page_reads_no_more_for_more_evidence(client, alice, inventory):
    """Fifty quotes cost the page no more queries than one: the evidence is read in one go."""
    import hashlib

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kenes.documents.models import Document, Mention

    measure = inventory["water"]
    kind = ContentType.objects.get_for_model(measure)

    def quote(number: int) -> None:
        text = f"Report {number}: the sides will strengthen water and climate security cooperation."
        document = Document.objects.create(title=f"Report {number}", text=text, language="en", visibility="public",
                                           sha256=hashlib.sha256(text.encode()).hexdigest(),
                                           state=Document.State.REVIEWED)
        Mention.objects.create(document=document, kind="measure", label="water", spans=[[len("Report  ") + len(
            str(number)), len(text) - 1]], content_type=kind, object_id=measure.pk, decision=Mention.Decision.LINKED)

    client.force_login(alice)
    counts = []
    for quotes in (1, 50):
        while Mention.objects.filter(object_id=measure.pk).count() < quotes:
            quote(Mention.objects.count() + 1)
        with CaptureQueriesContext(connection) as captured:
            page = _text(client.get(measure.get_absolute_url()))
        counts.append(len(captured))
        assert page.count("the sides will strengthen water and climate security cooperation") == quotes
    assert counts[0] == counts[1]


def test_a_measure_page_asks_its_empty_sources_nothing_more(client, alice, inventory, monkeypatch):
    """Whether any part, timeline or link source has rows is one query: a source with none is never read,
    so more sources cost a bare measure's page nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kenes.inventory import services
    from kenes.inventory.models import Measure

    measure = inventory["water"]
    client.force_login(alice)
    client.get(measure.get_absolute_url())

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(measure.get_absolute_url()).status_code == 200
        return len(captured)

    before = count()

    def never(*args):
        raise AssertionError("a source without rows was read")

    def nothing(measure):
        return Measure._base_manager.filter(pk=-1)

    extra = [services.MeasureSource(never, nothing) for _ in range(3)]
    monkeypatch.setattr(services, "PART_SOURCES", [*services.PART_SOURCES, extra[0]])
    monkeypatch.setattr(services, "TIMELINE_SOURCES", [*services.TIMELINE_SOURCES, extra[1]])
    monkeypatch.setattr(services, "LINK_SOURCES", [*services.LINK_SOURCES, extra[2]])
    assert count() == before


def test_a_source_with_rows_is_read_even_when_the_reader_may_see_none_of_them(inventory):
    """The presence check runs before visibility: rows the reader may not see still make the source read
    (which then applies visibility), so nothing is skipped that should have been shown."""
    from kenes.inventory import services
    from kenes.inventory.models import Measure

    water = inventory["water"]
    child = Measure.objects.filter(pk=inventory["trade"].pk)
    child.update(parent=water, visibility="restricted")
    present = services.page_sources(water)
    assert services.PART_SOURCES[0] in present
    assert services.REPLACED_BY not in present
    Measure.objects.filter(pk=inventory["trade"].pk).update(parent=None, replaces=water)
    present = services.page_sources(water)
    assert services.PART_SOURCES[0] not in present and services.REPLACED_BY in present
