"""Duplicates warned about, merged with nothing lost, merges undone; deletes restored."""

import pytest
from django.urls import reverse

from kenes.core import merging
from kenes.core import services as core
from kenes.core.models import Merge, Topic
from kenes.directory import services
from kenes.directory.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(alice, directory, parties):
    """The same man entered again from a Russian press release."""
    twin = services.create_person(alice, name_ru="Токаев Касым-Жомарт", name_kk="Қасым-Жомарт Тоқаев",
                                  biography_ru="Президент Казахстана.", aliases=["Тоқаев"],
                                  expertise=[Topic.objects.get(code="security")], party=parties["KZ"],
                                  visibility="public")
    services.add_membership(alice, twin, title_ru="Президент", visibility="public")
    return twin


def test_it_warns_about_a_duplicate_organisation_before_saving(client, alice, directory):
    client.force_login(alice)
    response = client.post(reverse("directory:organization_create"),
                           {"name_en": "KAZAKHSTAN INSTITUTE FOR STRATEGIC STUDIES", "kind": "think_tank",
                            "visibility": "public"})
    assert response.status_code == 200
    assert directory["kaziss"].get_absolute_url() in response.content.decode()
    assert Organization.objects.filter(name_en__iexact="kazakhstan institute for strategic studies").count() == 1
    saved = client.post(reverse("directory:organization_create"),
                        {"name_en": "KAZAKHSTAN INSTITUTE FOR STRATEGIC STUDIES", "kind": "think_tank",
                         "visibility": "public", "confirm_new": "1"})
    assert saved.status_code == 302


def test_it_finds_a_duplicate_by_acronym_and_across_scripts(alice, directory):
    by_acronym = Organization(name_en="Another name entirely", acronym="kaziss")
    assert merging.possible_duplicates(by_acronym) == [directory["kaziss"]]
    cyrillic = Person(name_ru="Касым-Жомарт Токаев")
    assert merging.possible_duplicates(cyrillic) == [directory["tokayev"]]


def test_it_merges_a_duplicate_person_keeping_everything_and_undoes_it(alice, directory, twin):
    kept = directory["tokayev"]
    roles_before = set(kept.memberships.values_list("pk", flat=True))
    log = merging.merge(alice, kept, twin)
    kept.refresh_from_db()
    twin.refresh_from_db()

    assert twin.merged_into == kept and not Person.objects.visible_to(alice).filter(pk=twin.pk).exists()
    assert kept.name_kk == "Қасым-Жомарт Тоқаев" and kept.biography_ru == "Президент Казахстана."
    assert "Токаев Касым-Жомарт" in kept.aliases.values_list("name", flat=True)  # its name became a spelling
    assert "Тоқаев" in kept.aliases.values_list("name", flat=True)  # its alias moved
    assert kept.expertise.filter(code="security").exists()
    assert kept.memberships.filter(title_ru="Президент").exists()
    assert twin.history.first().history_change_reason.startswith("Merged")

    merging.undo(alice, log)
    kept.refresh_from_db()
    twin.refresh_from_db()
    assert twin.merged_into is None and twin.is_live
    assert set(kept.memberships.values_list("pk", flat=True)) == roles_before
    assert twin.memberships.filter(title_ru="Президент").exists()
    assert kept.name_kk == "" and kept.biography_ru == ""
    assert set(kept.aliases.values_list("name", flat=True)) == {"Toqaev"}
    assert not kept.expertise.filter(code="security").exists()
    assert Merge.objects.get(pk=log.pk).undone_at is not None


def test_it_sends_the_old_link_of_a_merged_record_to_the_one_kept(client, alice, directory, twin):
    merging.merge(alice, directory["tokayev"], twin)
    response = client.get(reverse("directory:person", args=[twin.pk]))
    assert response.status_code == 302 and response["Location"] == directory["tokayev"].get_absolute_url()


def test_it_merges_and_unmerges_through_the_pages(client, alice, directory, twin):
    client.force_login(alice)
    kept = directory["tokayev"]
    url = reverse("core:merge", args=["directory.person", kept.pk])
    assert twin.get_absolute_url() in client.get(url).content.decode()  # offered as a possible duplicate
    comparison = client.get(url, {"other": twin.pk}).content.decode()
    assert "Президент Казахстана." in comparison
    response = client.post(url, {"other": twin.pk}, follow=True)
    assert "Undo" in response.content.decode()
    log = Merge.objects.get()
    client.post(reverse("core:undo_merge", args=[log.pk]))
    twin.refresh_from_db()
    assert twin.merged_into is None


def test_it_refuses_merges_to_others_than_the_secretariat(client, mark, alice, directory, twin):
    client.force_login(mark)
    url = reverse("core:merge", args=["directory.person", directory["tokayev"].pk])
    assert client.post(url, {"other": twin.pk}).status_code == 403
    twin.refresh_from_db()
    assert twin.merged_into is None


def test_it_deletes_a_role_after_confirmation_and_restores_it(client, alice, directory):
    client.force_login(alice)
    role = directory["tokayev"].memberships.get(title_en="Honorary Chair")
    url = reverse("core:delete", args=["directory.membership", role.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Honorary Chair" in confirm.content.decode()
    response = client.post(url, {"version": role.version, "next": directory["tokayev"].get_absolute_url()},
                           follow=True)
    page = response.content.decode()
    assert "Deleted: " in page and "Undo" in page
    assert "Honorary Chair" not in page.split("Roles over time")[1].split("</table>")[0]
    assert not Membership.objects.visible_to(alice).filter(pk=role.pk).exists()
    listed = client.get(f"/api/memberships?person={directory['tokayev'].pk}").json()["items"]
    assert role.pk not in [item["id"] for item in listed]
    bin_page = client.get(reverse("core:deleted")).content.decode()
    assert "Honorary Chair" in bin_page
    client.post(reverse("core:restore", args=["directory.membership", role.pk]))
    assert Membership.objects.visible_to(alice).filter(pk=role.pk).exists()


def test_it_hides_a_deleted_person_everywhere_but_the_bin(client, alice, directory):
    person = directory["tokayev"]
    core.delete(alice, person)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert client.get(f"/api/people/{person.pk}").status_code == 404
    assert "Tokayev" not in client.get(reverse("directory:people")).content.decode()
    core.restore(alice, person)
    assert client.get(person.get_absolute_url()).status_code == 200


def test_it_shows_which_fields_changed_in_the_history(client, alice, directory):
    client.force_login(alice)
    org = directory["kaziss"]
    services.update_organization(alice, org, status="operational")
    page = client.get(org.get_absolute_url()).content.decode()
    assert "Operational" in page or "operational" in page
    assert "<del>" in page and "<ins>" in page
