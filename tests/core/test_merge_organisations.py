"""Merging organisations: the tree stays whole, a role held at both is kept once, acronyms of signs only."""

import pytest

from kenes.core import merging
from kenes.directory import services

pytestmark = pytest.mark.django_db


def test_it_does_not_leave_the_kept_organisation_inside_the_merged_away_duplicate(alice, parties):
    duplicate = services.create_organization(alice, name_en="Ministry of Water Resources", visibility="public")
    kept = services.create_organization(alice, name_ru="Министерство водных ресурсов", parent=duplicate,
                                        visibility="public")
    merging.merge(alice, kept, duplicate)
    kept.refresh_from_db()
    # The kept record now points at a record that no page shows; nothing tells the secretariat.
    assert kept.parent_id != duplicate.pk


def test_it_does_not_give_a_person_the_same_role_twice_when_merging_two_organisations(alice, parties):
    kept = services.create_organization(alice, name_en="Institute for Strategic and Interregional Studies",
                                        acronym="ISRS", visibility="public")
    duplicate = services.create_organization(alice, name_ru="Институт стратегических и межрегиональных исследований",
                                             acronym="ИСМИ", visibility="public")
    person = services.create_person(alice, name_en="Eldor Aripov", visibility="public")
    services.add_membership(alice, person, title_en="Director", organization=kept, start_date="2017",
                            visibility="public")
    services.add_membership(alice, person, title_en="Director", organization=duplicate, start_date="2017",
                            visibility="public")
    merging.merge(alice, kept, duplicate)
    assert person.memberships.live().filter(organization=kept).count() == 1
