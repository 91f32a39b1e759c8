"""Indicators, targets and observations: periods and units, revisions, pages per role, the API."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.indicators import services
from kenes.indicators.models import Observation, Target
from kenes.indicators.periods import is_full_year, validate_period

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


@pytest.fixture
def trade(alice, parties):
    indicator = services.create_indicator(alice, name_en="Mutual trade turnover", name_ru="Взаимный товарооборот",
                                          unit="USD", visibility="public")
    old = services.create_target(alice, indicator=indicator, value=Decimal("5000000000"), deadline="2020",
                                 visibility="public")
    target = services.create_target(alice, indicator=indicator, value=Decimal("10000000000"), visibility="public")
    services.update_target(alice, old, superseded_by=target)
    kz = services.create_observation(alice, indicator=indicator, period="2023", value=Decimal("4400000000"),
                                     reporting_party=parties["KZ"], visibility="public")
    uz = services.create_observation(alice, indicator=indicator, period="2023", value=Decimal("4180000000"),
                                     reporting_party=parties["UZ"], visibility="public")
    hidden = services.create_observation(alice, indicator=indicator, period="2024-01/2024-09",
                                         value=Decimal("3300000000.5"), reporting_party=parties["UZ"],
                                         visibility="internal")
    return {"indicator": indicator, "target": target, "old": old, "kz": kz, "uz": uz, "hidden": hidden}


@pytest.mark.parametrize("period", ["2023", "2023-07", "2023-Q3", "2023-01/2023-09", "2022-11/2023-02"])
def test_it_takes_years_months_quarters_and_part_year_ranges(period):
    validate_period(period)


@pytest.mark.parametrize("period", ["2023-09/2023-01", "2023-13", "2023-Q5", "2023-07-01", "23", "2023/2024", "Q1"])
def test_it_refuses_other_periods_and_backwards_ranges(period):
    with pytest.raises(ValidationError):
        validate_period(period)


def test_it_never_takes_part_of_a_year_for_the_year():
    assert is_full_year("2023") and is_full_year("2023-01/2023-12")
    assert not is_full_year("2023-01/2023-09") and not is_full_year("2023-Q4") and not is_full_year("2023-12")


def test_it_keeps_values_as_decimals_and_units_in_the_contracts_form(alice, trade):
    observation = Observation.objects.get(pk=trade["hidden"].pk)
    assert observation.value == Decimal("3300000000.5")
    indicator = services.create_indicator(alice, name_en="Share of rail", unit=" Percent ")
    assert indicator.unit == "percent"
    with pytest.raises(ValidationError):
        services.create_indicator(alice, name_en="Bad unit", unit="US$")
    with pytest.raises(ValidationError):
        services.create_observation(alice, indicator=indicator, period="2023", value="not a number")


def test_it_keeps_a_revised_figure_and_marks_it(alice, trade):
    revision = services.create_observation(alice, indicator=trade["indicator"], period="2023",
                                           value=Decimal("4450000000"), reporting_party=trade["kz"].reporting_party,
                                           revises=trade["kz"], visibility="public")
    trade["kz"].refresh_from_db()
    assert trade["kz"].is_revised and not revision.is_revised
    assert Observation.objects.filter(period="2023").count() == 3
    other = services.create_indicator(alice, name_en="Other", unit="USD")
    with pytest.raises(ValidationError):
        services.create_observation(alice, indicator=other, period="2023", value=1, revises=trade["uz"])


def test_it_shows_both_sides_figures_and_the_targets_on_the_indicator_page(client, mark, trade):
    page = client.get(trade["indicator"].get_absolute_url()).content.decode()
    assert "Kazakhstan" in page and "Uzbekistan" in page
    assert "4,400,000,000" in page and "4,180,000,000" in page
    assert "10,000,000,000" in page and "superseded" in page
    assert "3,300,000,000.5" not in page
    client.force_login(mark)
    assert "3,300,000,000.5" in client.get(trade["indicator"].get_absolute_url()).content.decode()


def test_it_shows_a_target_and_a_figure_on_their_own_pages(client, trade):
    page = client.get(trade["old"].get_absolute_url()).content.decode()
    assert "5,000,000,000" in page and trade["target"].get_absolute_url() in page
    page = client.get(trade["kz"].get_absolute_url()).content.decode()
    assert "4,400,000,000" in page and "2023" in page
    assert client.get(trade["hidden"].get_absolute_url()).status_code == 404


def test_it_lists_and_downloads_indicators(client, trade):
    url = reverse("indicators:indicators")
    assert "Mutual trade turnover" in client.get(url, {"q": "trade"}).content.decode()
    assert "Mutual trade turnover" in client.get(url, {"format": "csv"}).content.decode()


def test_it_creates_a_figure_from_the_form(client, alice, trade):
    client.force_login(alice)
    response = client.post(reverse("indicators:observation_create"), {
        "indicator": trade["indicator"].pk, "period": "2024-Q1", "value": "1100000000.25", "visibility": "public",
    })
    observation = Observation.objects.get(period="2024-Q1")
    assert response.status_code == 302 and observation.value == Decimal("1100000000.25")
    response = client.post(reverse("indicators:observation_create"), {
        "indicator": trade["indicator"].pk, "period": "2024-09/2024-01", "value": "1", "visibility": "public",
    })
    assert response.status_code == 200 and "ends before it starts" in response.content.decode()


def test_it_serves_values_as_decimal_strings_through_the_api(client, alice, trade):
    data = client.get(f"/api/targets/{trade['target'].pk}").json()
    assert data["value"] == "10000000000" and data["indicator_id"] == trade["indicator"].pk
    observations = client.get("/api/observations", {"indicator": trade["indicator"].pk}).json()
    assert observations["count"] == 2
    assert client.get("/api/observations", {"party": "uz"}).json()["count"] == 1
    auth = _auth(alice)
    response = client.post("/api/targets", {"indicator_id": trade["indicator"].pk, "value": "12000000000.5",
                                            "deadline": "2030", "visibility": "public"},
                           content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["value"] == "12000000000.5"
    assert Target.objects.get(pk=created["id"]).value == Decimal("12000000000.5")
    response = client.patch(f"/api/targets/{created['id']}", {"value": "1e400", "version": created["version"]},
                            content_type="application/json", **auth)
    assert response.status_code == 422
    response = client.post("/api/observations", {"indicator_id": trade["indicator"].pk, "value": "1",
                                                 "period": "2024-13"}, content_type="application/json", **auth)
    assert response.status_code == 422 and "period" in response.json()["errors"]


def test_it_answers_nothing_for_a_hidden_indicators_figures(client, alice, trade):
    hidden = services.create_indicator(alice, name_en="Secret flows", unit="USD", visibility="restricted")
    services.create_observation(alice, indicator=hidden, period="2023", value=1, visibility="public")
    assert client.get("/api/observations", {"indicator": hidden.pk}).json()["count"] == 0
    assert client.get(f"/api/indicators/{hidden.pk}").status_code == 404
