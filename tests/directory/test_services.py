import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kenes.directory import services
from kenes.directory.models import Organization

pytestmark = pytest.mark.django_db


def test_it_refuses_writes_from_anyone_but_the_secretariat(mark, rita):
    for user in (mark, rita, None):
        with pytest.raises(PermissionDenied):
            services.create_organization(user, name_en="Should Not Exist")
    assert not Organization.objects.exists()


def test_it_requires_a_name_in_at_least_one_language(alice):
    with pytest.raises(ValidationError):
        services.create_organization(alice, acronym="X")
    assert not Organization.objects.exists()


def test_it_rejects_impossible_partial_dates(alice):
    for bad in ("2024-13", "2023-02-29", "24-08-2024", "August 2024"):
        with pytest.raises(ValidationError):
            services.create_organization(alice, name_en="Dated", founded=bad)
    org = services.create_organization(alice, name_en="Dated", founded="2024-02-29")
    assert org.founded == "2024-02-29"


def test_it_refuses_a_role_that_ends_before_it_starts(alice, directory):
    with pytest.raises(ValidationError):
        services.add_membership(alice, directory["tokayev"], title_en="Chair", start_date="2024-05", end_date="2023")


def test_it_refuses_an_organisation_inside_itself(alice, directory):
    with pytest.raises(ValidationError):
        services.update_organization(alice, directory["kaziss"], parent=directory["working_group"])


def test_it_records_who_changed_what_and_why(alice, directory):
    org = services.update_organization(alice, directory["kaziss"], acronym="KISI", reason="Russian acronym")
    latest = org.history.first()
    assert latest.history_user == alice
    assert latest.history_change_reason == "Russian acronym"
    assert latest.acronym == "KISI"
    assert org.history.count() == 2


def test_it_finds_people_across_scripts_and_spellings(alice, directory):
    for query in ("Токаев", "tokayev", "Toqaev", "касым жомарт"):
        found = services.search_people(alice, query)
        assert list(found) == [directory["tokayev"]], query


def test_it_finds_organisations_by_acronym(alice, directory):
    assert list(services.search_organizations(alice, "kaziss")) == [directory["kaziss"]]


def test_it_keeps_aliases_in_the_search_after_an_edit(alice, directory):
    services.update_person(alice, directory["tokayev"], aliases=["Tokaev K.-J."])
    assert list(services.search_people(alice, "tokaev k")) == [directory["tokayev"]]
    assert list(directory["tokayev"].aliases.values_list("name", flat=True)) == ["Tokaev K.-J."]
