"""The fund's API: permissions by role, bad input refused, decisions public."""

from decimal import Decimal

from kenes.accounts.services import create_api_token
from kenes.fund import services
from tests.fund.conftest import draft, submitted


def bearer(user):
    _token, key = create_api_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_applicants_see_only_their_own_and_the_secretariat_all(client, world, alice):
    mine = submitted(world)
    other = services.create_application(alice, call=world["call"], title_en="Someone else's")
    ids = [item["id"] for item in client.get("/api/fund/applications", **bearer(world["applicant"])).json()["items"]]
    assert ids == [mine.pk]
    ids = [item["id"] for item in client.get("/api/fund/applications", **bearer(alice)).json()["items"]]
    assert ids == [mine.pk, other.pk]
    assert client.get(f"/api/fund/applications/{other.pk}", **bearer(world["applicant"])).status_code == 404
    assert client.get("/api/fund/applications").json()["items"] == []


def test_applying_and_submitting_through_the_api_gives_the_reasons(client, world):
    headers = bearer(world["applicant"])
    response = client.post("/api/fund/applications", {
        "call_id": world["call"].pk, "title_en": "Bridges", "summary_en": "Demo",
        "lead_organization_id": world["org"]["kz_uni"].pk, "requested_amount": "999999"},
        content_type="application/json", **headers)
    assert response.status_code == 422 and "at most" in str(response.json()["errors"])
    created = client.post("/api/fund/applications", {
        "call_id": world["call"].pk, "title_en": "Bridges", "summary_en": "Demo",
        "lead_organization_id": world["org"]["kz_uni"].pk, "requested_amount": "1000",
        "duration_months": 6}, content_type="application/json", **headers)
    assert created.status_code == 201 and created.json()["requested_amount"] == "1000"
    refused = client.post(f"/api/fund/applications/{created.json()['id']}/submit", {},
                          content_type="application/json", **headers)
    assert refused.status_code == 422 and "other side" in str(refused.json()["errors"])


def test_a_reviewer_scores_through_the_api_and_a_stranger_cannot(client, world, alice):
    application = submitted(world)
    assignment = services.assign_reviewer(alice, application, world["people"]["aigerim"])
    relevance, feasibility = world["criteria"]
    body = {"scores": [{"criterion_id": relevance.pk, "value": "7"}, {"criterion_id": feasibility.pk, "value": "9"}]}
    url = f"/api/fund/assignments/{assignment.pk}/review"
    out_of_scale = client.post(url, body, content_type="application/json", **bearer(world["reviewers"]["aigerim"]))
    assert out_of_scale.status_code == 422
    assert client.post(url, body, content_type="application/json",
                       **bearer(world["reviewers"]["bakhtiyor"])).status_code == 404
    body["scores"][1]["value"] = "4"
    body["submit"] = True
    saved = client.post(url, body, content_type="application/json", **bearer(world["reviewers"]["aigerim"]))
    assert saved.status_code == 200 and saved.json()["state"] == "submitted"
    assert len(client.get("/api/fund/reviews", **bearer(world["reviewers"]["aigerim"])).json()["items"]) == 1
    assert client.get("/api/fund/reviews", **bearer(world["reviewers"]["bakhtiyor"])).json()["items"] == []


def test_selection_is_the_secretariats_and_decisions_are_public(client, world, alice):
    application = submitted(world)
    relevance, feasibility = world["criteria"]
    for key in ("aigerim", "bakhtiyor"):
        assignment = services.assign_reviewer(alice, application, world["people"][key])
        services.save_review(world["reviewers"][key], assignment, scores={relevance: 6, feasibility: 3}, submit=True)
    services.set_call_state(alice, world["call"], "closed")
    url = f"/api/fund/calls/{world['call'].pk}/selection"
    assert client.post(url, {}, content_type="application/json", **bearer(world["applicant"])).status_code == 403
    run = client.post(url, {"budget": "500000"}, content_type="application/json", **bearer(alice))
    assert run.status_code == 201 and run.json()["entries"][0]["selected"]
    assert client.get("/api/fund/decisions").json()["items"] == []
    services.publish_selection(alice, world["call"].selections.get())
    decisions = client.get("/api/fund/decisions").json()["items"]
    assert [(d["title"], d["amount"]) for d in decisions] == [("Drip irrigation for the Syr Darya basin", "200000")]


def test_drafts_are_not_listed_to_the_public_and_amounts_are_strings(client, world):
    draft(world, requested_amount=Decimal("12345.50"))
    calls = client.get("/api/fund/calls").json()["items"]
    assert calls[0]["budget"] == "1000000" and calls[0]["criteria"][0]["scale_max"] == 10


def test_an_applicant_cannot_name_an_organisation_they_may_not_see(client, world, alice):
    from kenes.directory import services as directory
    from kenes.fund.models import Application

    hidden = directory.create_organization(alice, name_en="Restricted Oversight Board", visibility="restricted")
    response = client.post("/api/fund/applications", {
        "call_id": world["call"].pk, "title_en": "Probe", "summary_en": "Demo",
        "lead_organization_id": hidden.pk, "requested_amount": "1000", "duration_months": 6},
        content_type="application/json", **bearer(world["applicant"]))
    # The same answer as for an organisation that does not exist: its existence is not confirmed.
    assert response.status_code == 404
    assert not Application.objects.filter(title_en="Probe").exists()
