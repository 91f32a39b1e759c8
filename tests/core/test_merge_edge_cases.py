"""Merge and undo edge cases: nothing lost, nothing leaked, old links lead on."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kenes.core import merging
from kenes.core.models import Topic
from kenes.directory import services

pytestmark = pytest.mark.django_db


def test_it_undoes_merges_into_one_record_in_reverse_order_only(alice, parties):
    """What two merges brought may overlap (both knew water): the earlier one waits for the later."""
    water = Topic.objects.get(code="water")
    kept = services.create_person(alice, name_en="Aigerim Saparova", visibility="public")
    first = services.create_person(alice, name_ru="Айгерим Сапарова", expertise=[water], visibility="public")
    second = services.create_person(alice, name_kk="Әйгерім Сапарова", expertise=[water], visibility="public")
    first_merge = merging.merge(alice, kept, first)
    second_merge = merging.merge(alice, kept, second)
    with pytest.raises(ValidationError, match="undo those merges first"):
        merging.undo(alice, first_merge)
    merging.undo(alice, second_merge)
    kept.refresh_from_db()
    assert kept.expertise.filter(code="water").exists()  # still there: the first merge brought it
    merging.undo(alice, first_merge)
    kept.refresh_from_db()
    assert not kept.expertise.filter(code="water").exists()


def test_it_moves_the_linked_account_to_the_person_kept_by_a_merge(alice, mark, parties):
    kept = services.create_person(alice, name_en="Yerkin Tukumov", visibility="public")
    duplicate = services.create_person(alice, name_ru="Еркин Тукумов", visibility="public")
    services.add_membership(alice, duplicate, title_en="Expert", visibility="public")
    mark.person = duplicate
    mark.save()
    merging.merge(alice, kept, duplicate)
    mark.refresh_from_db()
    # Otherwise the member's dashboard shows no entry and no roles (the roles moved, the link did not).
    assert mark.person_id == kept.pk


def test_it_leads_the_old_link_of_a_twice_merged_person_to_the_record_finally_kept(client, alice, parties):
    a = services.create_person(alice, name_en="Nurlan Abdrakhmanov", visibility="public")
    b = services.create_person(alice, name_ru="Нурлан Абдрахманов", visibility="public")
    z = services.create_person(alice, name_en="Nurlan Abdrakhmanov Jr", visibility="public")
    merging.merge(alice, a, b)
    merging.merge(alice, z, a)
    response = client.get(reverse("directory:person", args=[b.pk]))
    assert response.status_code == 302 and response["Location"].endswith(z.get_absolute_url())


def test_it_refuses_to_undo_a_merge_whose_kept_record_was_merged_again_until_that_is_undone(alice, parties):
    a = services.create_person(alice, name_en="Dilnoza Karimova", visibility="public")
    b = services.create_person(alice, name_ru="Дилноза Каримова", visibility="public")
    z = services.create_person(alice, name_en="Dilnoza Karimova (UZ)", visibility="public")
    role = services.add_membership(alice, b, title_en="Rector", visibility="public")
    first = merging.merge(alice, a, b)
    second = merging.merge(alice, z, a)
    with pytest.raises(ValidationError, match="undo that first"):
        merging.undo(alice, first)
    merging.undo(alice, second)
    merging.undo(alice, first)
    role.refresh_from_db()
    assert role.person_id == b.pk


def test_it_refuses_to_publish_a_restricted_duplicate_through_a_merge(client, alice, parties):
    public = services.create_person(alice, name_en="Timur Bekov", visibility="public")
    restricted = services.create_person(alice, name_ru="Тимур Беков", biography_en="Under investigation by the committee.",
                                        visibility="restricted")
    with pytest.raises(ValidationError, match="more people"):
        merging.merge(alice, public, restricted)
    assert "Under investigation" not in client.get(public.get_absolute_url()).content.decode()
    merging.merge(alice, restricted, public)  # the other way round publishes nothing
    restricted.refresh_from_db()
    assert restricted.name_en == "Timur Bekov"
