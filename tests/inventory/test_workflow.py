"""The measures' workflow: moves it allows, refusals that name the allowed ones, each side's status, races."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kenes.core.services import Conflict
from kenes.inventory import services
from kenes.inventory.models import MeasureStatus, StatusChange

pytestmark = pytest.mark.django_db


def test_it_starts_a_new_measure_in_the_initial_status_with_a_timeline_entry(alice, inventory):
    measure = inventory["water"]
    assert measure.status.code == "proposed"
    first = StatusChange.objects.get(measure=measure)
    assert first.from_status is None and first.to_status.code == "proposed" and first.changed_by == alice


def test_it_moves_along_the_workflow_with_who_why_and_evidence(alice, inventory):
    measure = services.transition(alice, inventory["water"], "adopted", reason="Adopted at the third meeting",
                                  evidence="Minutes of the third meeting")
    assert measure.status.code == "adopted"
    change = measure.status_changes.first()
    assert (change.from_status.code, change.to_status.code) == ("proposed", "adopted")
    assert change.reason == "Adopted at the third meeting" and change.evidence == "Minutes of the third meeting"
    assert measure.history.first().history_change_reason == "Adopted at the third meeting"


def test_it_refuses_a_move_the_workflow_does_not_allow_and_names_the_allowed_ones(alice, inventory):
    measure = services.transition(alice, inventory["water"], "implemented", reason="Done")
    with pytest.raises(ValidationError) as refused:
        services.transition(alice, measure, "in_progress", reason="Reopened")
    assert "final status" in " ".join(refused.value.messages)
    dropped = services.transition(alice, inventory["trade"], "dropped", reason="No support")
    with pytest.raises(ValidationError) as refused:
        services.transition(alice, dropped, "adopted", reason="Try again")
    message = " ".join(refused.value.messages)
    assert "“Dropped” to “Adopted”" in message and "“Proposed”" in message
    dropped.refresh_from_db()
    assert dropped.status.code == "dropped"


def test_it_follows_a_workflow_the_secretariat_changed(alice, inventory):
    proposed, implemented = MeasureStatus.objects.get(code="proposed"), MeasureStatus.objects.get(code="implemented")
    proposed.transitions_out.filter(to_status=implemented).delete()
    with pytest.raises(ValidationError):
        services.transition(alice, inventory["water"], "implemented", reason="Skipping steps")


def test_it_asks_for_a_reason_and_refuses_unknown_statuses(alice, inventory):
    with pytest.raises(ValidationError):
        services.transition(alice, inventory["water"], "adopted", reason="  ")
    with pytest.raises(ValidationError) as refused:
        services.transition(alice, inventory["water"], "approved-ish", reason="x")
    assert "proposed" in " ".join(refused.value.messages)


def test_it_lets_only_the_secretariat_move_a_status(mark, inventory):
    with pytest.raises(PermissionDenied):
        services.transition(mark, inventory["water"], "adopted", reason="Members cannot")


def test_it_keeps_each_sides_own_status_beside_the_overall_one(alice, bob, inventory, parties):
    measure = inventory["water"]
    services.set_party_status(alice, measure, parties["KZ"], "implemented", reason="Decree signed",
                              evidence="Government decree No. 1")
    services.set_party_status(bob, measure, parties["UZ"], "under_consideration", reason="Draft law in parliament")
    sides = {row.party.code: row.status.code for row in measure.party_statuses.all()}
    assert sides == {"KZ": "implemented", "UZ": "under_consideration"}
    measure.refresh_from_db()
    assert measure.status.code == "proposed"  # the overall status is its own decision
    assert measure.status_changes.filter(party=parties["KZ"]).get().evidence == "Government decree No. 1"
    with pytest.raises(ValidationError):
        services.set_party_status(alice, measure, parties["KZ"], "proposed", reason="Back")


def test_a_transition_and_an_edit_racing_never_both_apply_silently(alice, bob, inventory):
    measure = inventory["water"]
    started = measure.version  # both opened the measure at this version
    services.transition(alice, measure, "adopted", reason="Adopted", version=started)
    with pytest.raises(Conflict):
        services.update_measure(bob, measure, version=started, title_en="Bob's wording")
    measure.refresh_from_db()
    assert measure.title_en == "Strengthen water and climate security cooperation"
    later = measure.version
    services.update_measure(bob, measure, version=later, title_en="Bob's wording")
    with pytest.raises(Conflict):
        services.transition(alice, measure, "in_progress", reason="Started", version=later)
    measure.refresh_from_db()
    assert measure.status.code == "adopted"
