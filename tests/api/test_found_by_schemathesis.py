"""Server errors and lax readings schemathesis found in the API (tests/api/test_schemathesis.py), one by one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kenes.accounts.services import create_api_token

pytestmark = pytest.mark.django_db


def _api(path: str) -> str:
    return reverse("api:openapi-json").rsplit("/", 1)[0] + path


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'regression')[1]}"}


def test_a_patch_with_a_null_list_leaves_the_links_as_they_are(client, alice, inventory):
    # Once a server error: null for a list of codes in a PATCH.
    measure = inventory["water"]
    url = _api(f"/measures/{measure.pk}")
    response = client.patch(url, {"version": measure.version, "topics": None, "title_en": "Water security"},
                            content_type="application/json", **_auth(alice))
    assert response.status_code == 200, response.content
    assert response.json()["topics"] == ["water"] and response.json()["title_en"] == "Water security"


def test_a_conversion_rate_takes_a_new_value(client, alice):
    # Once a server error: the service took the field ``rate`` for the record being changed.
    from kenes.indicators import services

    rate = services.create_rate(alice, from_currency="USD", to_currency="KZT", period="2023",
                                rate=Decimal("456.31"), source="National Bank of Kazakhstan", visibility="public")
    response = client.patch(_api(f"/conversion-rates/{rate.pk}"), {"version": rate.version, "rate": "470.5"},
                            content_type="application/json", **_auth(alice))
    assert response.status_code == 200, response.content
    assert response.json()["rate"] == "470.5"


@pytest.mark.parametrize(("on", "status"), [("2024-08-28", 200), ("0", 422), ("1724803200", 422)])
def test_a_date_parameter_is_a_date_not_a_unix_time(client, directory, on, status):
    # Once taken for 1970-01-01: the document says format date, and a number is refused.
    url = _api(f"/bodies/{directory['kaziss'].pk}/composition")
    assert client.get(url, {"on": on}).status_code == status
