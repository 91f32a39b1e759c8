"""Projects and portfolio statements: validation, pages per role, list and downloads, chart, API, IATI export."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from kenes.accounts.services import create_api_token
from kenes.projects import services
from kenes.projects.models import PortfolioStatement, Project, ProjectOrganization

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


def _login(client, user):
    if user is not None:
        client.force_login(user)
    return client


# --- the write path -----------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "field", "words"), [
    ({"value": Decimal("5"), "currency": "USX"}, "currency", "not an ISO 4217"),
    ({"value": Decimal("-1"), "currency": "USD"}, "value", "negative"),
    ({"value": Decimal("5")}, "currency", "currency"),
    ({"start_date": "2025", "end_date": "2024-06"}, "end_date", "before the start"),
    ({"name_en": ""}, "name_en", "at least one language"),
])
def test_it_refuses_a_bad_project_with_a_clear_message_and_saves_nothing(alice, data, field, words):
    with pytest.raises(ValidationError) as refused:
        services.create_project(alice, **{"name_en": "Plant", **data})
    assert words in " ".join(refused.value.message_dict[field])
    assert not Project.objects.exists()


def test_it_keeps_values_as_decimals_and_currency_codes_in_capitals(alice):
    project = services.create_project(alice, name_en="Plant", value="54200000.50", currency=" kzt ")
    project.refresh_from_db()
    assert project.value == Decimal("54200000.50") and project.currency == "KZT"


def test_only_the_secretariat_writes(mark):
    with pytest.raises(PermissionDenied):
        services.create_project(mark, name_en="Plant")
    with pytest.raises(PermissionDenied):
        services.create_statement(mark, status="implemented", project_count=3)


def test_a_statement_needs_a_count_or_a_value_and_one_per_status_and_date(alice):
    with pytest.raises(ValidationError) as refused:
        services.create_statement(alice, stated_on="2024", status="implemented")
    assert "neither" in " ".join(refused.value.message_dict["project_count"])
    services.create_statement(alice, stated_on="2024", status="implemented", project_count=12)
    with pytest.raises(ValidationError) as twice:
        services.create_statement(alice, stated_on="2024", status="implemented", total_value=Decimal("1"),
                                  currency="USD")
    assert "already a statement" in " ".join(twice.value.message_dict["stated_on"])
    # Another status on the same date is another fact.
    services.create_statement(alice, stated_on="2024", status="pipeline", project_count=21)
    with pytest.raises(ValidationError):
        services.create_statement(alice, stated_on="2023", status="pipeline", total_value=Decimal("1"),
                                  currency="EUROS")
    assert PortfolioStatement.objects.count() == 2


def test_a_deleted_statement_leaves_its_date_free(alice):
    from kenes.core import services as core

    first = services.create_statement(alice, stated_on="2024", status="implemented", project_count=12)
    core.delete(alice, first)
    services.create_statement(alice, stated_on="2024", status="implemented", project_count=13)
    assert PortfolioStatement.objects.live().get().project_count == 13


def test_each_organisation_has_one_role_and_roles_follow_the_organisations(alice, portfolio):
    icic = portfolio["icic"]
    roles = {row.organization.name_en: row.role for row in icic.roles.all()}
    assert roles == {"Steppe Steel Works": "lead", "Hidden Holding Ltd": "partner"}
    services.set_role(alice, icic, portfolio["secret_partner"], "funder", version=icic.version)
    assert icic.roles.get(organization=portfolio["secret_partner"]).role == "funder"
    icic.refresh_from_db()
    services.update_project(alice, icic, organizations=[portfolio["builder"]], version=icic.version)
    assert list(ProjectOrganization.objects.filter(project=icic).values_list("role", flat=True)) == ["lead"]


# --- pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "seen", "unseen"), [
    (None, ["Central Asia"], ["Aerated concrete plant", "Secret smelter"]),
    ("mark", ["Central Asia", "Aerated concrete plant"], ["Secret smelter"]),
    ("alice", ["Central Asia", "Aerated concrete plant", "Secret smelter"], []),
])
def test_the_list_shows_each_role_what_it_may_see(client, request, portfolio, role, seen, unseen):
    html = _login(client, request.getfixturevalue(role) if role else None).get(reverse("projects:projects")) \
        .content.decode()
    for name in seen:
        assert name in html
    for name in unseen:
        assert name not in html


def test_the_list_filters_by_status_sector_party_and_words(client, alice, portfolio):
    client.force_login(alice)
    url = reverse("projects:projects")
    assert "Secret smelter" in client.get(url, {"status": "pipeline"}).content.decode()
    assert "Central Asia" not in client.get(url, {"status": "pipeline"}).content.decode()
    by_sector = client.get(url, {"sector": "industry"}).content.decode()
    assert "Central Asia" in by_sector and "Aerated" not in by_sector
    by_party = client.get(url, {"party": "kz"}).content.decode()
    assert "Central Asia" in by_party and "Aerated" not in by_party
    assert "Secret smelter" in client.get(url, {"q": "restricted deal"}).content.decode()
    assert "Central Asia" in client.get(url, {"q": "кооперации"}).content.decode()


def test_the_downloads_hold_exactly_the_filtered_visible_rows(client, mark, portfolio):
    client.force_login(mark)
    response = client.get(reverse("projects:projects"), {"format": "csv", "party": "UZ"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == ["Aerated concrete plant", 'International Center for Industrial Cooperation "Central Asia"']
    header = rows[0]
    icic = next(row for row in rows if row[0].startswith("International"))
    assert icic[header.index("Value")] == "156000000" and icic[header.index("Currency")] == "USD"
    assert "Hidden Holding" not in response.content.decode("utf-8-sig")  # a restricted partner is not named
    xlsx = client.get(reverse("projects:projects"), {"format": "xlsx", "status": "implemented"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == ["Aerated concrete plant"]


def test_the_project_page_names_only_visible_partners_measures_and_agreements(client, mark, portfolio):
    html = client.get(portfolio["icic"].get_absolute_url()).content.decode()
    assert "Steppe Steel Works" in html and "Lead" in html
    assert "Hidden Holding" not in html
    assert "Internal note on transboundary water data" not in html
    assert "mechanisms to reach $10 billion" in html and "Strategic Partnership and Alliance Programme" in html
    assert "156,000,000" in html or "156 000 000" in html or "156000000" in html
    member = _login(client, mark).get(portfolio["icic"].get_absolute_url()).content.decode()
    assert "Internal note on transboundary water data" in member and "Hidden Holding" not in member


def test_hidden_projects_and_statements_answer_404(client, mark, portfolio):
    assert client.get(portfolio["plant"].get_absolute_url()).status_code == 404
    client.force_login(mark)
    assert client.get(portfolio["secret"].get_absolute_url()).status_code == 404
    assert client.get(portfolio["hidden"].get_absolute_url()).status_code == 404
    assert client.get(portfolio["plant"].get_absolute_url()).status_code == 200


def test_only_the_secretariat_opens_the_forms(client, mark, alice, portfolio):
    client.force_login(mark)
    assert client.get(reverse("projects:project_create")).status_code == 403
    assert client.get(reverse("projects:statement_edit", args=[portfolio["later"].pk])).status_code == 403
    client.force_login(alice)
    assert client.get(reverse("projects:project_edit", args=[portfolio["icic"].pk])).status_code == 200


def test_the_secretariat_creates_a_project_and_a_statement_through_the_forms(client, alice, parties):
    client.force_login(alice)
    response = client.post(reverse("projects:project_create"), {
        "name_en": "Steel blank plant", "status": "in_progress", "value": "40000000", "currency": "USD",
        "parties": [parties["KZ"].pk], "visibility": "public", "confirm_new": "1"})
    project = Project.objects.get(name_en="Steel blank plant")
    assert response.status_code == 302 and project.value == Decimal("40000000")
    bad = client.post(reverse("projects:statement_create"), {"status": "implemented", "visibility": "public"})
    assert bad.status_code == 200 and "neither" in bad.content.decode()
    client.post(reverse("projects:statement_create"), {
        "stated_on": "2024-08-07", "status": "implemented", "project_count": "11", "total_value": "144000000",
        "currency": "USD", "visibility": "public"})
    assert PortfolioStatement.objects.get().project_count == 11


def test_a_stale_edit_is_refused_and_the_editor_sees_what_changed(client, alice, bob, portfolio):
    icic = portfolio["icic"]
    started = icic.version
    services.update_project(bob, icic, location="Saryagash district", version=started)
    client.force_login(alice)
    response = client.post(reverse("projects:project_edit", args=[icic.pk]), {
        "name_en": icic.name_en, "status": "implemented", "visibility": "public", "version": started,
        "currency": "USD", "value": "156000000"})
    assert response.status_code == 200 and "Saryagash district" in response.content.decode()
    icic.refresh_from_db()
    assert icic.status == "in_progress"


# --- portfolio page and chart -------------------------------------------------------------------

def test_the_portfolio_page_plots_the_statements_with_a_table_beside(client, portfolio):
    html = client.get(reverse("projects:portfolio")).content.decode()
    assert 'role="img"' in html and "<title id=\"portfolio-count-title\">" in html and "<desc" in html
    # The plotted values are in the chart's description and the points' titles, and in the table.
    assert "2024-08-07: 11" in html and "2024-08-07: 46" in html
    assert "more than 8000000000 USD" in html
    assert "polyline" in html and "<table>" in html
    assert "987" not in html  # a restricted statement is neither plotted nor listed for visitors


def test_the_chart_leaves_out_undated_statements_and_other_currencies(alice):
    from kenes.projects import charts

    undated = services.create_statement(alice, stated_on="", status="implemented", project_count=12,
                                        total_value=Decimal("156000000"), currency="USD")
    dated = services.create_statement(alice, stated_on="2024", status="implemented", project_count=11,
                                      total_value=Decimal("144000000"), currency="USD")
    tenge = services.create_statement(alice, stated_on="2025", status="implemented", project_count=13,
                                      total_value=Decimal("9000000000"), currency="KZT")
    drawn = charts.portfolio_charts([undated, dated, tenge])
    assert drawn["currency"] == "USD" and drawn["other_currencies"] == ["KZT"]
    assert "2024: 11" in drawn["count_svg"] and "2025: 13" in drawn["count_svg"] and ": 12" not in drawn["count_svg"]
    assert "144000000 USD" in drawn["value_svg"] and "9000000000" not in drawn["value_svg"]
    assert charts.svg_chart([], title="x", chart_id="x") == ""


def test_the_dashboard_shows_the_latest_statement_per_status(client, mark, portfolio):
    html = _login(client, mark).get(reverse("web:dashboard")).content.decode()
    assert "11 implemented · 144 million USD" in html
    assert "pipeline · more than 8 billion USD" in html
    assert "987" not in html


def test_the_projects_area_leads_to_the_list(client):
    from kenes.web.areas import AREAS_BY_SLUG

    assert AREAS_BY_SLUG["projects"].url_name == "projects:projects"
    assert client.get(reverse("projects:projects")).status_code == 200


# --- API --------------------------------------------------------------------------------------

def test_the_api_reads_with_visibility_and_decimals_as_strings(client, mark, portfolio):
    anonymous = client.get("/api/projects").json()
    assert [item["name_en"] for item in anonymous["items"]] == [portfolio["icic"].name_en]
    icic = anonymous["items"][0]
    assert icic["value"] == "156000000" and icic["currency"] == "USD" and icic["sector"] == "industry"
    assert icic["parties"] == ["KZ", "UZ"]
    assert portfolio["secret_partner"].pk not in icic["organizations"]
    assert icic["roles"] == [{"organization_id": portfolio["builder"].pk, "role": "lead"}]
    assert portfolio["internal"].pk not in icic["measures"]
    assert client.get(f"/api/projects/{portfolio['plant'].pk}").status_code == 404
    member = client.get("/api/projects?status=implemented", **_auth(mark)).json()
    assert [item["name_en"] for item in member["items"]] == ["Aerated concrete plant"]
    statements = client.get("/api/portfolio-statements").json()["items"]
    assert {s["total_value"] for s in statements} == {"144000000", "2300000000", "8000000000"}
    assert client.get(f"/api/portfolio-statements/{portfolio['hidden'].pk}", **_auth(mark)).status_code == 404


def test_the_api_writes_for_the_secretariat_and_refuses_a_stale_version(client, alice, mark, portfolio):
    created = client.post("/api/projects", {"name_en": "Car assembly plant", "value": "3800000", "currency": "USD",
                                            "status": "implemented", "parties": ["KZ"]},
                          content_type="application/json", **_auth(alice))
    assert created.status_code == 201 and created.json()["value"] == "3800000"
    project_id, version = created.json()["id"], created.json()["version"]
    bad = client.post("/api/projects", {"name_en": "X", "value": "1", "currency": "ABC"},
                      content_type="application/json", **_auth(alice))
    assert bad.status_code == 422 and "ISO 4217" in bad.content.decode()
    refused = client.post("/api/projects", {"name_en": "Y"}, content_type="application/json", **_auth(mark))
    assert refused.status_code == 403
    ok = client.patch(f"/api/projects/{project_id}", {"location": "Almaty region", "version": version},
                      content_type="application/json", **_auth(alice))
    assert ok.status_code == 200 and ok.json()["version"] == version + 1
    stale = client.patch(f"/api/projects/{project_id}", {"location": "Elsewhere", "version": version},
                         content_type="application/json", **_auth(alice))
    assert stale.status_code == 409
    assert Project.objects.get(pk=project_id).location == "Almaty region"
    role = client.put(f"/api/projects/{project_id}/roles/{portfolio['builder'].pk}",
                      {"role": "funder", "version": version + 1}, content_type="application/json", **_auth(alice))
    assert role.status_code == 200 and role.json()["roles"] == [
        {"organization_id": portfolio["builder"].pk, "role": "funder"}]
    statement = client.post("/api/portfolio-statements", {"stated_on": "2019-06-22", "status": "planned",
                                                          "total_value": "1500000000", "currency": "USD",
                                                          "qualifier": "more_than"},
                            content_type="application/json", **_auth(alice))
    assert statement.status_code == 201 and statement.json()["total_value"] == "1500000000"
    empty = client.post("/api/portfolio-statements", {"status": "planned", "stated_on": "2020"},
                        content_type="application/json", **_auth(alice))
    assert empty.status_code == 422 and "neither" in empty.content.decode()


# --- IATI-style export ----------------------------------------------------------------------------

def test_the_iati_export_gives_the_visible_projects_with_their_codes(client, portfolio, settings):
    settings.KENES_IATI_PREFIX = "XM-DAC-KENES"
    data = json.loads(client.get(reverse("projects:iati")).content)
    activities = data["iati-activities"]
    assert [a["iati-identifier"] for a in activities] == [f"XM-DAC-KENES-{portfolio['icic'].pk}"]
    icic = activities[0]
    assert {"text": "Международный центр промышленной кооперации «Центральная Азия»", "lang": "ru"} in \
        icic["title"]["narrative"]
    assert icic["activity-status"] == {"code": "2"}
    assert icic["participating-org"] == [{"role": "2", "ref": None, "narrative": [{"text": "Steppe Steel Works"}]}]
    assert [c["code"] for c in icic["recipient-country"]] == ["KZ", "UZ"]
    assert icic["recipient-country"][0]["percentage"] == "50"
    assert icic["activity-date"] == [{"type": "2", "iso-date": "2023-12"}, {"type": "3", "iso-date": "2026"}]
    assert icic["budget"][0]["value"] == {"amount": "156000000", "currency": "USD", "value-date": "2023-12"}
    assert icic["sector"][0]["code"] == "industry"
    titles = [link["title"] for link in icic["related-documents"]]
    assert "Internal note on transboundary water data" not in titles
    text = json.dumps(data, ensure_ascii=False)
    assert "Secret smelter" not in text and "Hidden Holding" not in text and "Aerated" not in text


def test_the_iati_api_gives_the_secretariat_every_project(client, alice, portfolio):
    data = client.get("/api/projects/iati", **_auth(alice)).json()
    statuses = {a["title"]["narrative"][0]["text"]: a["activity-status"]["code"] for a in data["iati-activities"]}
    assert statuses == {portfolio["icic"].name_en: "2", "Aerated concrete plant": "3", "Secret smelter": "1"}


def test_projects_join_the_platform_search(client, portfolio):
    results = client.get("/api/search", {"q": "кооперации"}).json()
    titles = [r["title"] for group in results["groups"] for r in group["results"]]
    assert any("Central Asia" in title or "Центральная Азия" in title for title in titles)
    hidden = client.get("/api/search", {"q": "smelter"}).json()
    assert hidden["count"] == 0


def test_the_secretariat_sets_a_role_on_the_project_page(client, alice, mark, portfolio):
    icic = portfolio["icic"]
    url = reverse("projects:project_role", args=[icic.pk])
    client.force_login(mark)
    assert client.post(url, {"organization": portfolio["builder"].pk, "role": "funder",
                             "version": icic.version}).status_code == 403
    client.force_login(alice)
    client.post(url, {"organization": portfolio["builder"].pk, "role": "funder", "version": icic.version})
    assert icic.roles.get(organization=portfolio["builder"]).role == "funder"
    stale = client.post(url, {"organization": portfolio["builder"].pk, "role": "lead", "version": icic.version},
                        follow=True)
    assert icic.roles.get(organization=portfolio["builder"]).role == "funder"
    assert "after you opened it" in stale.content.decode()


def test_merging_a_duplicate_project_moves_its_partners_and_can_be_undone(alice, portfolio):
    from kenes.core import merging

    duplicate = services.create_project(alice, name_en="ICIC Central Asia", organizations=[portfolio["builder"]],
                                        visibility="public")
    from kenes.directory import services as directory_services

    funder = directory_services.create_organization(alice, name_en="Joint Investment Fund", kind="company",
                                                    visibility="public")
    services.set_role(alice, duplicate, funder, "funder", version=duplicate.version)
    log = merging.merge(alice, portfolio["icic"], duplicate, reason="same centre")
    roles = {row.organization.name_en: row.role for row in portfolio["icic"].roles.all()}
    assert roles["Joint Investment Fund"] == "funder" and roles["Steppe Steel Works"] == "lead"
    merging.undo(alice, log, reason="not the same")
    assert not portfolio["icic"].roles.filter(organization=funder).exists()
