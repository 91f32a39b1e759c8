"""Merging two measures that are the same keeps every link, status change and assessment; undo puts them back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kenes.core import merging
from kenes.inventory import services
from kenes.inventory.models import Assessment, Measure, StatusChange

pytestmark = pytest.mark.django_db


def test_merge_and_undo_keep_every_link(alice, inventory, parties):
    kept = inventory["water"]
    duplicate = services.create_measure(alice, title_en="Water-climate security cooperation",
                                        description_en="As worded in the ministers' statement",
                                        topics=[inventory["topics"]["trade"]], visibility="public")
    part = services.create_measure(alice, title_en="Joint flood forecasting", parent=duplicate)
    services.transition(alice, part, "implemented", reason="Forecasts exchanged")
    services.set_party_status(alice, duplicate, parties["UZ"], "adopted", reason="Government resolution")
    assessment = services.create_assessment(alice, measure=duplicate, party=parties["UZ"], period="2025", score=0)
    changes = set(StatusChange.objects.filter(measure=duplicate).values_list("pk", flat=True))

    log = merging.merge(alice, kept, duplicate, reason="Same measure")

    kept.refresh_from_db()
    assert Measure._base_manager.get(pk=duplicate.pk).merged_into == kept
    assert set(kept.topics.values_list("code", flat=True)) == {"water", "trade"}
    assert kept.description_en == "As worded in the ministers' statement"
    assert Measure.objects.get(pk=part.pk).parent == kept
    assert kept.progress == Decimal("100.00")  # its one part is done
    assert Assessment.objects.get(pk=assessment.pk).measure == kept
    assert changes <= set(StatusChange.objects.filter(measure=kept).values_list("pk", flat=True))
    assert kept.party_statuses.get().party == parties["UZ"]

    merging.undo(alice, log)

    kept.refresh_from_db()
    duplicate = Measure.objects.get(pk=duplicate.pk)
    assert duplicate.merged_into is None
    assert Measure.objects.get(pk=part.pk).parent == duplicate
    assert set(kept.topics.values_list("code", flat=True)) == {"water"}
    assert Assessment.objects.get(pk=assessment.pk).measure == duplicate
    assert changes == set(StatusChange.objects.filter(measure=duplicate).values_list("pk", flat=True))
    assert duplicate.party_statuses.get().party == parties["UZ"]
    assert (kept.progress, duplicate.progress) == (Decimal("0"), Decimal("100.00"))
