"""The expert pool: who ranks for a subject and why, what each reader may see, the pages, the API, the write path.

The data mirrors the demo's council: Dilnoza Karimova declared water as her field, Bakhyt
Sarsenov spoke on water at the council's second meeting without declaring it, Nurlan Abenov
works on trade and transport. Meetings get their agenda the way the council's services give
it (the agenda rows, then the meeting saved, which refreshes its search entry).
"""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from kenes.accounts.services import create_api_token
from kenes.core import services as core
from kenes.core.models import Topic
from kenes.core.services import Conflict
from kenes.council import experts
from kenes.council import services as council
from kenes.council.models import AgendaItem, ExpertProfile, Meeting
from kenes.directory import services as directory
from kenes.documents import services as documents
from kenes.documents.models import Mention
from kenes.inventory import services as inventory

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


def agenda_item(alice, meeting, title: dict, *, presenters=(), speakers=()) -> AgendaItem:
    """An agenda item with its speakers ``[(person, {"summary_en": …}), …]``, then the meeting saved."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    item = council.add_agenda_item(alice, meeting, version=meeting.version, presenters=list(presenters), **title)
    if speakers:
        meeting = Meeting.objects.get(pk=meeting.pk)
        council.set_speakers(alice, item, [{"person": person, **said} for person, said in speakers],
                             version=meeting.version)
    return item


@pytest.fixture
def pool(alice, parties):
    topics = {code: Topic.objects.get(code=code) for code in ("water", "trade", "transport")}
    karimova = directory.create_person(
        alice, name_en="Dilnoza Karimova", party=parties["UZ"], visibility="public",
        biography_en="Hydrologist; twenty years on water allocation in the Syr Darya basin.")
    sarsenov = directory.create_person(alice, name_en="Bakhyt Sarsenov", party=parties["KZ"], visibility="public",
                                       biography_en="Economist at the Kazakhstan Institute for Strategic Studies.")
    abenov = directory.create_person(alice, name_en="Nurlan Abenov", party=parties["KZ"], visibility="public")
    outsider = directory.create_person(alice, name_en="Olga Outsider", party=parties["KZ"], visibility="public")
    profiles = {
        "karimova": experts.create_expert(alice, person=karimova, languages="uz,ru,en", expertise=[topics["water"]],
                                          email="dilnoza@example.org", phone="+998 71 000 00 00",
                                          note="Available from May", visibility="public"),
        "sarsenov": experts.create_expert(alice, person=sarsenov, languages="kk,ru", email="bakhyt@example.kz",
                                          visibility="public"),
        "abenov": experts.create_expert(alice, person=abenov, languages="en,ru",
                                        expertise=[topics["trade"], topics["transport"]], visibility="public"),
    }
    meeting = council.create_meeting(alice, title_en="Second meeting of the Expert Council", date="2024-08-28",
                                     visibility="public")
    water_item = agenda_item(alice, meeting, {"title_en": "Water diplomacy in Central Asia"}, speakers=[
        (sarsenov, {"summary_en": "Proposed joint monitoring of water use in the Syr Darya basin.",
                    "summary_ru": "Предложил совместный мониторинг водопользования в бассейне Сырдарьи."})])
    agenda_item(alice, meeting, {"title_en": "Trade and transport"}, presenters=[abenov], speakers=[
        (abenov, {"summary_ru": "Предложил развивать транспортные коридоры через Афганистан."})])
    people = {"karimova": karimova, "sarsenov": sarsenov, "abenov": abenov, "outsider": outsider}
    return {"meeting": meeting, "water_item": water_item, "topics": topics, "people": people, **profiles}


def names(user, query: str, **filters) -> list[str]:
    return [expert.person.name for expert in experts.rank_experts(user, query, **filters)]


def kinds(user, query: str, person) -> list[str]:
    found = experts.rank_experts(user, query, person=person)
    return [item.kind for item in found[0].evidence] if found else []


# --- ranking ------------------------------------------------------------------------------------

def test_it_ranks_declared_expertise_first_then_statements_and_leaves_out_the_unrelated(rita, pool):
    ranked = experts.rank_experts(rita, "water")
    assert [expert.person.name for expert in ranked] == ["Dilnoza Karimova", "Bakhyt Sarsenov"]
    first, second = ranked
    assert {item.kind for item in first.evidence} == {"expertise", "biography"}
    assert first.score > second.score > 0
    (said,) = second.evidence
    assert said.kind == "speech"
    assert "<mark>water</mark>" in said.snippet
    assert said.url == pool["water_item"].get_absolute_url()
    assert said.source == "Second meeting of the Expert Council — Water diplomacy in Central Asia"


def test_it_finds_the_same_people_in_every_script_and_form_of_the_word(rita, pool):
    for query in ("Water", "вода", "водные ресурсы", "suv"):
        assert names(rita, query)[0] == "Dilnoza Karimova", query
    # Russian: the statement says «водопользования», the query «вода».
    assert "Bakhyt Sarsenov" in names(rita, "вода")


def test_it_finds_a_russian_statement_with_a_russian_query(rita, pool):
    ranked = experts.rank_experts(rita, "транспортные коридоры")
    assert [expert.person.name for expert in ranked] == ["Nurlan Abenov"]
    speech = next(item for item in ranked[0].evidence if item.kind == "speech")
    assert "<mark>транспортные</mark> <mark>коридоры</mark>" in speech.snippet
    assert "Afghanistan" not in names(rita, "water") and names(rita, "Афганистан") == ["Nurlan Abenov"]


def test_statements_lift_a_person_and_more_evidence_lifts_more(alice, rita, pool):
    before = experts.rank_experts(rita, "water")[1].score
    later = council.create_meeting(alice, title_en="Third meeting", date="2025-03-01", visibility="public")
    agenda_item(alice, later, {"title_en": "Water", "description_en": "Shared rivers."},
                presenters=[pool["people"]["sarsenov"]])
    lifted = experts.rank_experts(rita, "water")
    sarsenov = next(expert for expert in lifted if expert.person == pool["people"]["sarsenov"])
    assert sarsenov.score > before
    assert [item.kind for item in sarsenov.evidence] == ["presented", "speech"]


def test_a_hidden_meeting_or_measure_gives_no_lift_and_no_evidence(alice, mark, rita, pool):
    closed = council.create_meeting(alice, title_en="Closed session", date="2025-01-10", visibility="internal")
    agenda_item(alice, closed, {"title_en": "Reservoirs"}, speakers=[
        (pool["people"]["abenov"], {"summary_en": "Water releases from the Toktogul reservoir."})])
    inventory.create_measure(alice, title_en="Joint water data exchange", proposed_by_people=[pool["people"]["abenov"]],
                             visibility="restricted")
    assert "Nurlan Abenov" not in names(rita, "water")
    assert "Nurlan Abenov" not in names(AnonymousUser(), "water")
    assert kinds(mark, "water", pool["people"]["abenov"]) == ["speech"]
    assert sorted(kinds(alice, "water", pool["people"]["abenov"])) == ["measure", "speech"]
    # And the words of the hidden records never reach a reader, not even in someone else's evidence.
    everything = " ".join(item.text for expert in experts.rank_experts(rita, "water") for item in expert.evidence)
    assert "Toktogul" not in everything and "data exchange" not in everything


def test_a_deleted_meeting_no_longer_counts(alice, rita, pool):
    core.delete(alice, pool["meeting"])
    assert names(rita, "water") == ["Dilnoza Karimova"]


def test_it_quotes_the_sentence_of_a_document_that_names_the_person(alice, mark, rita, pool):
    text = ("Tashkent, 3 March 2025. The forum opened with greetings. "
            "Bakhyt Sarsenov called for a regional exchange of water data. Lunch followed.")
    for visibility, name in (("public", "public.txt"), ("restricted", "restricted.txt")):
        document = documents.ingest(alice, (text + f" ({visibility})").encode(), name=name, language="en",
                                    visibility=visibility, enqueue=False).document
        start = document.text.index("Bakhyt Sarsenov")
        Mention.objects.create(document=document, kind="person", label="Bakhyt Sarsenov",
                               spans=[[start, start + len("Bakhyt Sarsenov")]], decision="linked",
                               content_type=ContentType.objects.get_for_model(pool["people"]["sarsenov"]),
                               object_id=pool["people"]["sarsenov"].pk, fingerprint=documents.fingerprint("person", "x"))
    found = experts.rank_experts(rita, "water data", person=pool["people"]["sarsenov"])[0]
    (quote,) = [item for item in found.evidence if item.kind == "document"]
    assert quote.text == "Bakhyt Sarsenov called for a regional exchange of water data."
    assert "/text/#span-" in quote.url
    assert len([item for item in experts.rank_experts(alice, "water data", person=pool["people"]["sarsenov"])[0].evidence
                if item.kind == "document"]) == 2
    # The document does not name the subject in the person's sentence: no evidence from it.
    assert "document" not in kinds(rita, "lunch", pool["people"]["sarsenov"])


def test_it_ranks_pool_members_only_unless_the_secretariat_asks_for_everyone(alice, mark, pool):
    agenda_item(alice, pool["meeting"], {"title_en": "Rivers"}, speakers=[
        (pool["people"]["outsider"], {"summary_en": "Water quality monitoring."})])
    assert "Olga Outsider" not in names(alice, "water")
    assert "Olga Outsider" in names(alice, "water", everyone=True)
    with pytest.raises(PermissionDenied):
        experts.rank_experts(mark, "water", everyone=True)
    experts.update_expert(alice, pool["sarsenov"], version=pool["sarsenov"].version, active=False)
    assert "Bakhyt Sarsenov" not in names(alice, "water")


def test_filters_narrow_the_ranking(rita, pool):
    assert names(rita, "water", party="kz") == ["Bakhyt Sarsenov"]
    assert names(rita, "water", language="uz") == ["Dilnoza Karimova"]
    assert names(rita, "", topic="trade") == ["Nurlan Abenov"]


def test_bad_input_gets_a_clear_answer(rita, pool):
    # No query: the pool by name, nobody left out, no evidence.
    assert names(rita, "") == names(rita, "   ") == ["Bakhyt Sarsenov", "Dilnoza Karimova", "Nurlan Abenov"]
    assert names(rita, "?!…") == names(rita, "")
    assert names(rita, "water " * 2000)[0] == "Dilnoza Karimova"
    with pytest.raises(ValidationError) as party:
        experts.rank_experts(rita, "water", party="XX")
    assert "XX" in str(party.value)
    with pytest.raises(ValidationError):
        experts.rank_experts(rita, "water", language="klingon")
    with pytest.raises(ValidationError):
        experts.rank_experts(rita, "water", topic="no-such-topic")


# --- the write path -----------------------------------------------------------------------------

def test_only_the_secretariat_writes_and_a_stale_edit_is_refused(alice, mark, pool):
    profile = pool["sarsenov"]
    with pytest.raises(PermissionDenied):
        experts.update_expert(mark, profile, version=profile.version, phone="1")
    started = profile.version
    experts.update_expert(alice, profile, version=started, phone="+7 717 000 00 00")
    with pytest.raises(Conflict):
        experts.update_expert(alice, profile, version=started, phone="+7 000")
    profile.refresh_from_db()
    assert profile.phone == "+7 717 000 00 00"
    assert profile.history.first().history_user == alice


def test_the_expertise_chosen_for_an_expert_is_the_persons(alice, pool):
    experts.update_expert(alice, pool["sarsenov"], version=pool["sarsenov"].version,
                          expertise=[pool["topics"]["water"]])
    assert list(pool["people"]["sarsenov"].expertise.values_list("code", flat=True)) == ["water"]
    with pytest.raises(ValidationError):
        experts.create_expert(alice, person=pool["people"]["sarsenov"])  # one profile per person
    with pytest.raises(ValidationError):
        experts.update_expert(alice, pool["sarsenov"], version=pool["sarsenov"].version + 1,
                              person=pool["people"]["outsider"])
    with pytest.raises(ValidationError):
        experts.create_expert(alice, person=pool["people"]["outsider"], languages="en,xx")


# --- pages --------------------------------------------------------------------------------------

def test_the_pool_page_ranks_with_evidence_and_marks_the_words(client, rita, pool):
    client.force_login(rita)
    page = client.get("/council/experts/", {"q": "water"}).content.decode()
    assert page.index("Dilnoza Karimova") < page.index("Bakhyt Sarsenov")
    assert "Nurlan Abenov" not in page
    assert "<mark>water</mark>" in page and pool["water_item"].get_absolute_url() in page
    assert "dilnoza@example.org" not in page


def test_the_pool_page_lists_everyone_without_a_query_and_downloads(client, alice, pool):
    client.force_login(alice)
    page = client.get("/council/experts/").content.decode()
    assert all(name in page for name in ("Dilnoza Karimova", "Bakhyt Sarsenov", "Nurlan Abenov"))
    listed = client.get("/council/experts/", {"format": "csv"}).content.decode("utf-8-sig")
    assert "dilnoza@example.org" in listed
    ranked = client.get("/council/experts/", {"q": "water", "format": "csv"}).content.decode("utf-8-sig")
    assert ranked.splitlines()[1].startswith("1,Dilnoza Karimova") and "Statement at a meeting" in ranked


def test_bad_input_on_the_page_is_a_message_not_a_traceback(client, rita, pool):
    client.force_login(rita)
    unknown = client.get("/council/experts/", {"q": "water", "party": "XX"})
    assert unknown.status_code == 400 and "No party has the code XX." in unknown.content.decode()
    assert client.get("/council/experts/", {"q": "w" * 10_000}).status_code == 400
    assert client.get("/council/experts/", {"q": "water", "everyone": "1"}).status_code == 200  # ignored for her


def test_contact_is_shown_to_the_secretariat_only(client, alice, mark, pool):
    url = pool["karimova"].get_absolute_url()
    for user in (None, mark):
        if user:
            client.force_login(user)
        page = client.get(url).content.decode()
        assert "Dilnoza Karimova" in page and "Water" in page
        assert "dilnoza@example.org" not in page and "+998" not in page and "Available from May" not in page
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "dilnoza@example.org" in page and "+998 71 000 00 00" in page and "Available from May" in page


def test_the_expert_page_says_why_they_rank_and_shows_their_contributions(client, rita, pool):
    client.force_login(rita)
    page = client.get(pool["sarsenov"].get_absolute_url(), {"q": "вода"}).content.decode()
    assert "<mark>водопользования</mark>" in page
    assert "Water diplomacy in Central Asia" in page


def test_a_hidden_profile_has_no_page_and_a_hidden_persons_profile_does_not_name_them(client, alice, rita, pool):
    experts.update_expert(alice, pool["abenov"], version=pool["abenov"].version, visibility="internal")
    client.force_login(rita)
    assert client.get(pool["abenov"].get_absolute_url()).status_code == 404
    directory.update_person(alice, pool["sarsenov"].person, visibility="restricted")
    page = client.get(pool["sarsenov"].get_absolute_url())
    assert page.status_code == 200 and "Bakhyt Sarsenov" not in page.content.decode()
    assert "bakhyt@example.kz" not in page.content.decode()
    assert "Bakhyt Sarsenov" not in client.get("/council/experts/").content.decode()


def test_the_secretariat_adds_an_expert_with_the_form_and_a_stale_form_is_refused(client, alice, mark, pool):
    client.force_login(mark)
    assert client.get("/council/experts/new/").status_code == 403
    client.force_login(alice)
    water = pool["topics"]["water"]
    response = client.post("/council/experts/new/", {"person": pool["people"]["outsider"].pk, "languages": "ru, en",
                                                     "expertise": [water.pk], "active": "on",
                                                     "visibility": "internal"})
    profile = ExpertProfile.objects.get(person=pool["people"]["outsider"])
    assert response.status_code == 302 and response["Location"] == profile.get_absolute_url()
    assert profile.languages == "ru,en" and list(pool["people"]["outsider"].expertise.all()) == [water]
    edit = f"/council/experts/{profile.pk}/edit/"
    form = {"languages": "ru", "active": "on", "visibility": "internal", "version": profile.version}
    assert client.post(edit, form).status_code == 302
    stale = client.post(edit, {**form, "languages": "kk"})
    assert stale.status_code == 200 and "changed this record" in stale.content.decode()
    profile.refresh_from_db()
    assert profile.languages == "ru"


# --- the API ------------------------------------------------------------------------------------

def test_the_api_ranks_with_evidence_and_hides_contact_from_members(client, alice, mark, pool):
    answer = client.get("/api/experts", {"q": "water"}, **_auth(mark)).json()
    assert [hit["name"] for hit in answer["items"]] == ["Dilnoza Karimova", "Bakhyt Sarsenov"]
    assert answer["items"][1]["evidence"][0]["kind"] == "speech"
    assert "water" in answer["items"][1]["evidence"][0]["text"]
    assert all(hit["contact"] is None for hit in answer["items"])
    one = client.get(f"/api/experts/{pool['karimova'].pk}", **_auth(mark)).json()
    assert one["contact"] is None and one["expertise"] == ["water"] and "dilnoza" not in json.dumps(one)
    mine = client.get(f"/api/experts/{pool['karimova'].pk}", **_auth(alice)).json()
    assert mine["contact"] == {"email": "dilnoza@example.org", "phone": "+998 71 000 00 00",
                               "note": "Available from May"}


def test_the_api_writes_for_the_secretariat_with_versions(client, alice, mark, pool):
    body = {"person_id": pool["people"]["outsider"].pk, "languages": "en", "expertise": ["water"], "email": "olga@example.org"}
    refused = client.post("/api/experts", body, content_type="application/json", **_auth(mark))
    assert refused.status_code == 403
    created = client.post("/api/experts", body, content_type="application/json", **_auth(alice))
    assert created.status_code == 201, created.content
    expert = created.json()
    assert expert["contact"]["email"] == "olga@example.org" and expert["expertise"] == ["water"]
    url = f"/api/experts/{expert['id']}"
    changed = client.patch(url, {"phone": "1", "version": expert["version"]}, content_type="application/json",
                           **_auth(alice))
    assert changed.status_code == 200
    stale = client.patch(url, {"phone": "2", "version": expert["version"]}, content_type="application/json",
                         **_auth(alice))
    assert stale.status_code == 409
    unknown = client.patch(url, {"expertise": ["nothing"], "version": changed.json()["version"]},
                           content_type="application/json", **_auth(alice))
    assert unknown.status_code == 422 and "nothing" in unknown.content.decode()


def test_the_api_answers_bad_input_with_a_message(client, rita, pool):
    assert client.get("/api/experts", {"q": "water", "party": "XX"}, **_auth(rita)).status_code == 422
    assert client.get("/api/experts", {"q": "x" * 10_000}, **_auth(rita)).status_code == 400
    assert client.get("/api/experts", {"everyone": "true"}, **_auth(rita)).status_code == 403
    assert client.get("/api/experts/999999", **_auth(rita)).status_code == 404


# --- search -------------------------------------------------------------------------------------

def test_the_platform_search_finds_a_meeting_by_its_agenda_and_what_was_said(alice, rita, pool):
    from kenes.search.query import search

    def meetings(user, text):
        return [result.title for group in search(user, text).groups if group.kind == "meeting"
                for result in group.results]

    assert meetings(rita, "водопользования") == ["Second meeting of the Expert Council"]
    assert meetings(rita, "Water diplomacy") == ["Second meeting of the Expert Council"]
    closed = council.create_meeting(alice, title_en="Closed session", visibility="internal")
    agenda_item(alice, closed, {"title_en": "Reservoirs"}, speakers=[
        (pool["people"]["abenov"], {"summary_en": "Toktogul releases."})])
    assert meetings(rita, "Toktogul") == []
    assert meetings(alice, "Toktogul") == ["Closed session"]


def test_the_pool_page_answers_htmx_with_the_results_alone(client, rita, pool):
    client.force_login(rita)
    partial = client.get("/council/experts/", {"q": "water"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "Dilnoza Karimova" in partial


def test_searching_the_demo_pool_for_water_puts_the_water_people_first(db):
    from kenes.accounts.models import User
    from kenes.search.highlight import matched_words
    from kenes.web.demo import load_demo

    load_demo()
    ranked = list(experts.rank_experts(User.objects.get(username="reader"), "water", limit=None))
    # The declared water expert who also spoke on water diplomacy first; then the one who proposed the
    # water-climate priority; every piece of evidence shown for them concerns water.
    assert [expert.person.name for expert in ranked[:2]] == ["Javlon Vakhabov", "Yerkin Tukumov"]
    assert all(matched_words(item.text, ["water"]) for expert in ranked[:2] for item in expert.evidence)
    assert "Umid Abidzhodzhayev" not in [expert.person.name for expert in ranked[:2]]
