"""Bulk exports holding non-public records are security events; public-only ones are not (kenes.operations.exports)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from kenes.accounts.models import SecurityEvent
from kenes.accounts.services import create_api_token
from kenes.council import services as council
from kenes.indicators import services as indicators
from kenes.projects import services as projects

Kind = SecurityEvent.Kind


def _exports():
    return list(SecurityEvent.objects.filter(kind=Kind.RESTRICTED_EXPORT).order_by("pk"))


@pytest.fixture
def records(alice, parties):
    trade = indicators.create_indicator(alice, name_en="Mutual trade turnover", unit="USD", visibility="public")
    indicators.create_observation(alice, indicator=trade, period="2024", value=Decimal("4000000000"),
                                  reporting_party=parties["KZ"], visibility="public", source="statistics")
    indicators.create_observation(alice, indicator=trade, period="2025", value=Decimal("6000000000"),
                                  reporting_party=parties["UZ"], visibility="restricted")
    projects.create_project(alice, name_en="Joint plant", visibility="public")
    projects.create_project(alice, name_en="Border crossing", visibility="internal")


def test_iati_exports_with_hidden_records_are_recorded_with_their_counts(client, alice, mark, records):
    client.force_login(alice)
    assert client.get(reverse("indicators:iati")).status_code == 200
    assert client.get(reverse("projects:iati")).status_code == 200
    indicator_export, project_export = _exports()
    assert indicator_export.user == alice and indicator_export.detail == (
        "indicators IATI JSON: 3 records, 0 internal, 1 restricted")
    assert project_export.detail == "projects IATI JSON: 2 records, 1 internal, 0 restricted"
    # Through the API with a token, as a script would take them.
    _token, key = create_api_token(mark, "exports")
    client.logout()
    assert client.get("/api/projects/iati", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert client.get("/api/indicators/iati", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    api_export = _exports()[2]
    assert api_export.user == mark and api_export.detail == "projects IATI JSON (API): 2 records, 1 internal, 0 restricted"
    # The member sees no restricted figure: the indicators export holds only public records for him.
    assert len(_exports()) == 3


def test_public_only_exports_are_not_recorded(client, records):
    assert client.get(reverse("projects:iati")).status_code == 200
    assert client.get(reverse("indicators:iati")).status_code == 200
    assert client.get("/api/projects/iati").status_code == 200
    assert _exports() == []


def test_every_briefing_pack_downloaded_is_recorded(client, alice, mark):
    meeting = council.create_meeting(alice, title_en="Second meeting", date="2025-06-10", visibility="public")
    client.force_login(mark)
    response = client.get(reverse("council:briefing", args=[meeting.pk]) + "?lang=en&format=docx")
    assert response.status_code == 200
    (event,) = _exports()
    assert event.user == mark and event.detail == f"briefing pack of meeting {meeting.pk} (en, docx)"
    assert client.get(reverse("council:briefing", args=[meeting.pk]) + "?lang=de").status_code == 400
    assert len(_exports()) == 1  # a refused request exports nothing
