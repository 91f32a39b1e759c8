"""What readers see of progress: the indicator page, the dashboard bars, the discrepancy view, rates, lists,
downloads, the IATI export and the API, with each reader's visibility applied."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.indicators import services
from kenes.indicators.models import ConversionRate

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'tests')[1]}"}


@pytest.fixture
def trade(alice, parties):
    indicator = services.create_indicator(alice, name_en="Mutual trade turnover", unit="USD", visibility="public")
    target = services.create_target(alice, indicator=indicator, value=Decimal("10000000000"), deadline="2030",
                                    set_on="2023-09-22", occasion="Trade ministers' meeting", visibility="public",
                                    set_by_parties=[parties["KZ"], parties["UZ"]])
    figures = {"KZ": [("2021", "4300000000"), ("2022", "5000000000"), ("2024", "4000000000")],
               "UZ": [("2022", "4600000000"), ("2024", "4300000000"), ("2025", "4970000000"),
                      ("2025-01/2025-09", "3500000000")]}
    for code, rows in figures.items():
        for period, value in rows:
            services.create_observation(alice, indicator=indicator, period=period, value=Decimal(value),
                                        reporting_party=parties[code], visibility="public", source="statistics")
    # An internal figure: members see it, the public does not, and it changes Uzbekistan's latest year.
    services.create_observation(alice, indicator=indicator, period="2026", value=Decimal("6000000000"),
                                reporting_party=parties["UZ"], visibility="internal")
    return {"indicator": indicator, "target": target}


def test_the_indicator_page_shows_each_sides_progress_chart_and_projection(client, trade):
    page = client.get(trade["indicator"].get_absolute_url()).content.decode()
    assert "Progress toward 10 bn USD" in page and "by 2030" in page
    assert "Kazakhstan's figures" in page and "Uzbekistan's figures" in page
    # Uzbekistan: 4.97 bn in 2025 is 49.7 % of the target; 4.6 → 4.97 over three years is 2.6 % a year.
    assert "49.7 % of 10 bn" in page and "+2.6 %" in page and "in 2053 at this rate" in page
    # Kazakhstan: 4.3 → 4.0 bn over three years: falling, so "not at this rate"; 16.5 % a year needed by 2030.
    assert "not at this rate" in page and "+16.5 % a year" in page
    assert '<svg class="chart"' in page and 'role="img"' in page and "January–September 2025" in page
    assert "6,000,000,000" not in page  # the internal figure stays hidden from the public


def test_a_member_sees_the_internal_figure_counted(client, mark, trade):
    client.force_login(mark)
    page = client.get(trade["indicator"].get_absolute_url()).content.decode()
    assert "6,000,000,000" in page and "60.0 % of 10 bn" in page


def test_the_indicator_page_in_russian_reads_in_russian(client, trade):
    page = client.get(trade["indicator"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "млрд" in page and "Январь–Сентябрь 2025" in page


def test_the_dashboard_shows_each_current_target_as_progress_bars(client, trade):
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Mutual trade turnover" in page and "Target 10 bn USD" in page
    assert '<progress max="100" value="49"' in page and '<progress max="100" value="40"' in page


def test_the_discrepancy_view_lists_periods_above_the_threshold(client, trade):
    url = reverse("indicators:discrepancies")
    page = client.get(url).content.decode()
    # 2022: 5.0 vs 4.6 (8.7 %); 2024: 4.0 vs 4.3 (7.5 %).
    assert "8.7 %" in page and "7.5 %" in page
    page = client.get(url, {"threshold": "8"}).content.decode()
    assert "8.7 %" in page and "7.5 %" not in page
    page = client.get(url, {"threshold": "nonsense"}).content.decode()
    assert "7.5 %" in page  # a nonsense threshold falls back to 5 %


def test_the_figures_list_downloads_exactly_the_filtered_rows(client, trade):
    url = reverse("indicators:observations")
    csv = client.get(url, {"party": "UZ", "format": "csv"}).content.decode()
    assert "4970000000" in csv and "2025-01/2025-09" in csv and "5000000000" not in csv
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "2026" not in client.get(url, {"format": "csv"}).content.decode()
    targets = client.get(reverse("indicators:targets"), {"format": "csv"}).content.decode()
    assert "10000000000" in targets and "2023-09-22" in targets


def test_the_iati_export_holds_targets_and_both_sides_actuals_without_hidden_figures(client, trade):
    data = json.loads(client.get(reverse("indicators:iati")).content)
    indicator = data["result"][0]["indicator"][0]
    assert indicator["title"][0] == {"lang": "en", "text": "Mutual trade turnover"}
    assert indicator["target"][0]["value"] == "10000000000" and indicator["target"][0]["year"] == "2030"
    actuals = {(p["period-start"][:4], p["actual"]["dimension"]["value"]): p["actual"]["value"]
               for p in indicator["period"]}
    assert actuals[("2025", "UZ")] == "4970000000" and actuals[("2022", "KZ")] == "5000000000"
    assert ("2026", "UZ") not in actuals and len(actuals) == 6  # the part-year figure is not a year


def test_the_target_page_tells_where_and_by_whom_it_was_set_and_its_progress(client, trade):
    page = client.get(trade["target"].get_absolute_url()).content.decode()
    assert "Trade ministers&#x27; meeting" in page and "Kazakhstan" in page and "49.7 %" in page


def test_conversion_rates_are_kept_once_per_year_with_their_source(client, alice):
    client.force_login(alice)
    data = {"from_currency": "usd", "to_currency": "kzt", "period": "2024", "rate": "469.44",
            "source": "National Bank of Kazakhstan, annual average", "visibility": "public"}
    response = client.post(reverse("indicators:rate_create"), data)
    assert response.status_code == 302
    rate = ConversionRate.objects.get()
    assert (rate.from_currency, rate.to_currency, rate.rate) == ("USD", "KZT", Decimal("469.44"))
    response = client.post(reverse("indicators:rate_create"), data)
    assert response.status_code == 200 and "already on record" in response.content.decode()
    response = client.post(reverse("indicators:rate_create"), {**data, "to_currency": "USD", "period": "2023"})
    assert "not converted into itself" in response.content.decode()
    assert ConversionRate.objects.count() == 1
    assert "469.44" in client.get(reverse("indicators:rates")).content.decode()


def test_a_member_cannot_record_a_rate(client, mark):
    client.force_login(mark)
    assert client.get(reverse("indicators:rate_create")).status_code == 403


def test_the_api_gives_progress_discrepancies_and_rates(client, alice, trade):
    response = client.get(f"/api/indicators/{trade['indicator'].pk}/progress")
    assert response.status_code == 200
    sides = {side["party"]: side for side in response.json()[0]["sides"]}
    assert sides["UZ"]["latest_year"] == 2025 and sides["UZ"]["projected_year"] == 2053
    assert sides["KZ"]["not_at_this_rate"] and sides["KZ"]["share"] == "0.4"
    rows = client.get("/api/discrepancies", {"threshold": "8"}).json()["items"]
    assert [(row["period"], row["share"]) for row in rows] == [("2022", "0.087")]
    assert client.get("/api/discrepancies", {"threshold": "-1"}).status_code == 422
    created = client.post("/api/conversion-rates", {"from_currency": "USD", "to_currency": "UZS", "period": "2024",
                                                    "rate": "12650.5", "source": "Central Bank of Uzbekistan"},
                          content_type="application/json", **_auth(alice))
    assert created.status_code == 201 and created.json()["rate"] == "12650.5"
    refused = client.post("/api/conversion-rates", {"from_currency": "USD", "to_currency": "UZS", "period": "2024",
                                                    "rate": "1", "source": "x"}, content_type="application/json")
    assert refused.status_code in (401, 403)
    iati = client.get("/api/indicators/iati")
    assert iati.status_code == 200 and iati.json()["result"][0]["indicator"][0]["id"] == trade["indicator"].pk


def test_the_measure_page_lists_the_targets_linked_to_it(client, alice, inventory, trade):
    measure = inventory["trade"]
    services.update_target(alice, trade["target"], measures=[measure])
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Targets and projects" in page and "Mutual trade turnover: 10 bn USD · by 2030" in page
    services.update_target(alice, trade["target"], visibility="internal")
    assert "Mutual trade turnover: 10 bn" not in client.get(measure.get_absolute_url()).content.decode()
