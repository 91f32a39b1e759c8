"""From reviews to a published decision: the selection run, overrides with reasons, grants and money."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kenes.fund import services
from kenes.fund.models import Application, Call, Grant
from tests.fund.conftest import submitted


def reviewed_call(world, alice):
    """Three applications, each scored by two reviewers; the call closed for review."""
    org = world["org"]
    apps = [submitted(world, title_en="Water", requested_amount=Decimal("300000")),
            submitted(world, title_en="Energy", lead_organization=org["uz_inst"],
                      partner_organizations=[org["kz_lab"]], requested_amount=Decimal("250000")),
            submitted(world, title_en="Roads", lead_organization=org["kz_lab"], requested_amount=Decimal("100000"))]
    relevance, feasibility = world["criteria"]
    marks = {"aigerim": [(9, 5), (6, 3), (4, 2)], "bakhtiyor": [(8, 4), (7, 4), (3, 2)]}
    for key, rows in marks.items():
        for application, (r, f) in zip(apps, rows, strict=True):
            assignment = services.assign_reviewer(alice, application, world["people"][key])
            services.save_review(world["reviewers"][key], assignment, scores={relevance: r, feasibility: f},
                                 submit=True)
    call = services.set_call_state(alice, world["call"], "closed")
    return call, apps


def test_the_selection_takes_the_best_set_within_the_budget_and_explains_the_rest(world, alice):
    call, (water, energy, roads) = reviewed_call(world, alice)
    selection = services.run_selection(alice, call, budget=Decimal("560000"))
    chosen = {entry.application for entry in selection.entries.all() if entry.selected}
    assert chosen == {water, energy}
    assert selection.total_amount == Decimal("550000")
    left_out = selection.entries.get(application=roads)
    assert left_out.budget_needed == Decimal("90000")  # 10,000 left; it asks for 100,000
    assert left_out.score_needed is not None
    assert Call.objects.get(pk=call.pk).state == Call.State.DECIDED


def test_a_balance_constraint_moves_money_to_the_other_side(world, alice):
    call, (water, energy, roads) = reviewed_call(world, alice)
    selection = services.run_selection(alice, call, budget=Decimal("400000"), balance=Decimal(25))
    chosen = {entry.application for entry in selection.entries.all() if entry.selected}
    assert energy in chosen  # the only Uzbek lead
    assert chosen == {energy, roads}  # 100,000 of 350,000 is 28.6 % for the Kazakh side: at least 25 %


def test_an_override_needs_a_reason_and_the_decision_creates_grants(world, alice, rita):
    call, (water, energy, roads) = reviewed_call(world, alice)
    selection = services.run_selection(alice, call, budget=Decimal("560000"))
    entry = selection.entries.get(application=energy)
    with pytest.raises(ValidationError):
        services.override_entry(alice, entry, selected=False, reason="")
    entry = services.override_entry(alice, entry, selected=False, reason="The partner withdrew.",
                                    version=entry.version)
    assert entry.overridden
    services.publish_selection(alice, selection)
    assert list(Grant.objects.values_list("application__title_en", flat=True)) == ["Water"]
    project = Grant.objects.get().project
    assert (project.name_en, project.value, project.currency, project.visibility) == ("Water", Decimal("300000"),
                                                                                      "USD", "public")
    assert {role.organization: role.role for role in project.roles.all()} == {
        world["org"]["kz_uni"]: "lead", world["org"]["uz_uni"]: "partner", world["org"]["fund_body"]: "funder"}
    assert Application.objects.get(pk=energy.pk).state == Application.State.NOT_SELECTED
    assert list(services.published_decisions(rita)) == list(Grant.objects.all())
    assert water in services.applications_for(rita) and energy not in services.applications_for(rita)
    per_call, per_party = services.fund_money(world["fund"])
    assert per_call[0].committed == Decimal("300000") and per_call[0].remaining == Decimal("700000")
    with pytest.raises(ValidationError):
        services.publish_selection(alice, selection)


def test_payments_cannot_exceed_the_grant(world, alice):
    call, apps = reviewed_call(world, alice)
    services.publish_selection(alice, services.run_selection(alice, call))
    grant = Grant.objects.first()
    services.record_disbursement(alice, grant, amount=Decimal("100000"), paid_on="2025-03")
    with pytest.raises(ValidationError):
        services.record_disbursement(alice, grant, amount=grant.amount, paid_on="2025-04")
    per_call, _ = services.fund_money(world["fund"])
    assert per_call[0].disbursed == Decimal("100000")


def test_only_the_secretariat_runs_a_selection(world, alice, mark):
    call, apps = reviewed_call(world, alice)
    with pytest.raises(PermissionDenied):
        services.run_selection(mark, call)


def test_a_call_cannot_spend_more_than_its_fund(world, alice):
    with pytest.raises(ValidationError) as refused:
        services.create_call(alice, fund=world["fund"], title_en="Too big", budget=Decimal("4500000"),
                             opens_at=world["call"].opens_at, closes_at=world["call"].closes_at)
    assert "total budget" in str(refused.value)


def test_published_grants_are_open_data_as_iati_activities_and_a_table(world, alice, client):
    import csv
    import io
    import json

    from django.urls import reverse

    from kenes.fund import iati

    call, (water, energy, roads) = reviewed_call(world, alice)
    selection = services.run_selection(alice, call, budget=Decimal("560000"))

    def files():
        data = {}
        for name in ("fund-iati.json", "fund-decisions.csv"):
            response = client.get(reverse("portal:data_file", args=[name]))
            assert response.status_code == 200, name
            data[name] = b"".join(response.streaming_content).decode("utf-8-sig")
        return json.loads(data["fund-iati.json"]), data["fund-decisions.csv"]

    activities, table = files()
    assert activities["iati-activities"] == [] and "Water" not in table  # nothing before the decision is published

    services.publish_selection(alice, selection)
    grant = Grant.objects.get(application=water)
    services.record_disbursement(alice, grant, amount=Decimal("100000"), paid_on="2025-03", visibility="public")
    services.record_disbursement(alice, grant, amount=Decimal("50000"), paid_on="2025-04", visibility="restricted")
    activities, table = files()
    by_title = {a["title"]["narrative"][0]["text"]: a for a in activities["iati-activities"]}
    assert set(by_title) == {"Water", "Energy"}
    water_activity = by_title["Water"]
    assert water_activity["iati-identifier"] == f"{iati.prefix()}-FUND-{grant.pk}"
    assert {org["role"] for org in water_activity["participating-org"]} == {"1", "2", "4"}
    kinds = [(row["transaction-type"]["code"], row["value"]["amount"]) for row in water_activity["transaction"]]
    assert kinds == [("2", "300000"), ("3", "100000")]  # the commitment and the public payment only
    assert water_activity["related-activity"][0]["ref"] == f"{iati.prefix()}-{grant.project.pk}"
    assert "license" in activities and activities["generated"]
    rows = list(csv.DictReader(line for line in io.StringIO(table) if not line.startswith("#")))
    assert sorted(row["title"] for row in rows) == ["Energy", "Water"], rows[:1]
    assert "Roads" not in table
