"""An inventory to work on: topics, measures from the council's second meeting, an agreement."""

from __future__ import annotations

import pytest

from kenes.core.models import Topic
from kenes.inventory import services


@pytest.fixture
def inventory(alice, directory, parties):
    water = Topic.objects.get(code="water")
    trade = Topic.objects.get(code="trade")
    programme = services.create_agreement(
        alice, title_en="Strategic Partnership and Alliance Programme 2024–2034", kind="programme",
        status="signed", signed_on="2024-08", parties=list(parties.values()), visibility="public")
    water_measure = services.create_measure(
        alice, title_en="Strengthen water and climate security cooperation", level="expert_council",
        topics=[water], proposed_by_people=[directory["tokayev"]], proposed_by_parties=[parties["KZ"]],
        first_proposed_on="2024-08-28", occasion="Second meeting of the Expert Council", visibility="public")
    trade_measure = services.create_measure(
        alice, title_en="Develop mechanisms to reach $10 billion mutual trade", level="heads_of_state",
        topics=[trade], agreement=programme, provision="2.1", first_proposed_on="2024-08", visibility="public")
    internal = services.create_measure(alice, title_en="Internal note on transboundary water data",
                                       topics=[water], visibility="internal")
    return {"programme": programme, "water": water_measure, "trade": trade_measure, "internal": internal,
            "topics": {"water": water, "trade": trade}, **directory}
