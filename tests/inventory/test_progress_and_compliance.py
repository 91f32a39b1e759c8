"""Progress rolled up by weight (any depth, weights shown) and compliance rates, against hand-computed figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kenes.inventory import services
from kenes.inventory.services import Part, rolled_up

pytestmark = pytest.mark.django_db


def _part(weight, percent):
    return Part("part", Decimal(weight), Decimal(percent))


def test_roll_up_is_the_weighted_mean_of_the_parts():
    # (2 × 100 + 1 × 40 + 1 × 0) ÷ 4 = 60
    assert rolled_up([_part(2, 100), _part(1, 40), _part(1, 0)], done=False) == Decimal("60.00")
    # (1 × 50 + 2 × 25) ÷ 3 = 33.33…
    assert rolled_up([_part(1, 50), _part(2, 25)], done=False) == Decimal("33.33")


def test_without_parts_or_weight_the_status_decides():
    assert rolled_up([], done=True) == Decimal("100")
    assert rolled_up([], done=False) == Decimal("0")
    assert rolled_up([_part(0, 80)], done=False) == Decimal("0")


def test_progress_rolls_up_through_several_levels(alice):
    top = services.create_measure(alice, title_en="Transport corridors")
    road = services.create_measure(alice, title_en="New road route", parent=top, weight=Decimal("3"))
    rail = services.create_measure(alice, title_en="New rail route", parent=top, weight=Decimal("1"))
    station = services.create_measure(alice, title_en="Border station", parent=rail, weight=Decimal("1"))
    services.create_measure(alice, title_en="Rail timetable", parent=rail, weight=Decimal("1"))
    services.transition(alice, station, "implemented", reason="Opened")
    rail.refresh_from_db()
    top.refresh_from_db()
    assert rail.progress == Decimal("50.00")  # (1 × 100 + 1 × 0) ÷ 2
    assert top.progress == Decimal("12.50")  # (3 × 0 + 1 × 50) ÷ 4
    services.transition(alice, road, "implemented", reason="Opened")
    top.refresh_from_db()
    assert top.progress == Decimal("87.50")  # (3 × 100 + 1 × 50) ÷ 4
    # Moving a part elsewhere recomputes both the old and the new parent.
    station.refresh_from_db()
    services.update_measure(alice, station, version=station.version, parent=None)
    rail.refresh_from_db()
    assert rail.progress == Decimal("0.00")


def test_a_measure_cannot_be_part_of_itself(alice):
    outer = services.create_measure(alice, title_en="Outer")
    inner = services.create_measure(alice, title_en="Inner", parent=outer)
    with pytest.raises(ValidationError):
        services.update_measure(alice, outer, version=outer.version, parent=inner)


def _assess(actor, measure, party, period, score, publish=True):
    assessment = services.create_assessment(actor, measure=measure, party=party, period=period, score=score)
    if publish:
        services.move_assessment(actor, assessment, "reviewed")
        assessment = services.move_assessment(actor, assessment, "published")
    return assessment


def test_compliance_rates_by_party_and_period_are_the_mean_score(alice, inventory, parties):
    kz, uz = parties["KZ"], parties["UZ"]
    _assess(alice, inventory["water"], kz, "2024", 1)
    _assess(alice, inventory["trade"], kz, "2024", 0)
    _assess(alice, inventory["water"], kz, "2025-H1", 1)
    _assess(alice, inventory["water"], uz, "2024", -1)
    _assess(alice, inventory["trade"], uz, "2025-Q2", 1)
    _assess(alice, inventory["trade"], uz, "2025", -1, publish=False)  # a draft does not count

    by_party = {group: overall for group, _cells, overall in services.compliance_rates(alice, by="party")["rows"]}
    # KZ: (1 + 0 + 1) ÷ 3 = 0.67 → (0.667 + 1) ÷ 2 = 83.3 %; UZ: (−1 + 1) ÷ 2 = 0 → 50 %
    assert (by_party["KZ"].mean, by_party["KZ"].percent, by_party["KZ"].count) == (Decimal("0.67"), Decimal("83.3"), 3)
    assert (by_party["UZ"].mean, by_party["UZ"].percent) == (Decimal("0.00"), Decimal("50.0"))

    by_year = {group: (cells, overall) for group, cells, overall in services.compliance_rates(alice, by="period")["rows"]}
    cells_2024, overall_2024 = by_year["2024"]
    assert cells_2024["KZ"].percent == Decimal("75.0")  # (1 + 0) ÷ 2 = 0.5
    assert cells_2024["UZ"].percent == Decimal("0.0")
    assert overall_2024.count == 3 and overall_2024.mean == Decimal("0.00")
    assert by_year["2025"][1].percent == Decimal("100.0")


def test_compliance_rates_follow_every_change_at_once(alice, inventory, parties):
    # The counts are cached; a new published assessment and a deleted measure change them at once.
    from kenes.core import services as core

    kz = parties["KZ"]
    _assess(alice, inventory["water"], kz, "2024", 1)

    def kz_count():
        rows = {group: overall for group, _cells, overall in services.compliance_rates(alice, by="party")["rows"]}
        return rows["KZ"].count if "KZ" in rows else 0

    assert kz_count() == 1
    _assess(alice, inventory["trade"], kz, "2024", 0)
    assert kz_count() == 2
    inventory["trade"].refresh_from_db()
    core.delete(alice, inventory["trade"], reason="test")
    assert kz_count() == 1


def test_compliance_by_topic_and_level(alice, inventory, parties):
    _assess(alice, inventory["water"], parties["KZ"], "2024", 1)
    _assess(alice, inventory["trade"], parties["KZ"], "2024", -1)
    by_topic = {group: overall.percent for group, _c, overall in services.compliance_rates(alice, by="topic")["rows"]}
    assert by_topic == {"Water": Decimal("100.0"), "Trade": Decimal("0.0")}
    by_level = {group: overall.count for group, _c, overall in services.compliance_rates(alice, by="level")["rows"]}
    assert by_level == {"Expert council": 1, "Heads of state": 1}


def test_an_assessment_goes_draft_reviewed_published_and_no_step_skipped(alice, inventory, parties):
    assessment = services.create_assessment(alice, measure=inventory["water"], party=parties["KZ"], period="2024",
                                            score=1)
    with pytest.raises(ValidationError) as refused:
        services.move_assessment(alice, assessment, "published")
    assert "Reviewed" in " ".join(refused.value.messages)
    services.move_assessment(alice, assessment, "reviewed")
    published = services.move_assessment(alice, assessment, "published")
    with pytest.raises(ValidationError):
        services.update_assessment(alice, published, version=published.version, score=0)
    with pytest.raises(ValidationError):
        services.create_assessment(alice, measure=inventory["water"], party=parties["KZ"], period="last year", score=1)
    with pytest.raises(ValidationError):
        services.create_assessment(alice, measure=inventory["water"], party=parties["KZ"], period="2024", score=2)


def test_others_than_the_secretariat_see_published_assessments_only(alice, mark, inventory, parties):
    published = _assess(alice, inventory["water"], parties["KZ"], "2024", 1)
    draft = _assess(alice, inventory["water"], parties["UZ"], "2024", 0, publish=False)
    assert (published.visibility, draft.visibility) == ("public", "restricted")  # as open as the measure
    assert services.visible_assessments(alice).count() == 2
    assert services.visible_assessments(mark).count() == 1
    assert services.compliance_rates(mark, by="party")["columns"] == ["KZ"]
    withdrawn = services.move_assessment(alice, published, "reviewed")
    assert withdrawn.visibility == "restricted" and services.visible_assessments(mark).count() == 0
