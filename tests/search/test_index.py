import pytest
from django.core.management import call_command
from django.utils import timezone

from kenes.core import services as core
from kenes.core.models import Topic
from kenes.directory import services
from kenes.directory.models import Party
from kenes.search import index, registry
from kenes.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_it_discovers_the_directorys_searchables():
    assert {s.code for s in registry.searchables()} >= {"person", "organization"}
    assert str(registry.by_code("person").kind) == "People"


def test_it_writes_one_entry_per_record_with_names_text_and_folded_key(alice, water):
    person = services.create_person(alice, name_en="Kassym-Jomart Tokayev", name_ru="Касым-Жомарт Токаев",
                                    aliases=["Toqaev"], expertise=[water], visibility="public")
    index.update(person)
    index.update(person)
    entry = SearchEntry.objects.get(kind="person", object_id=person.pk)
    assert entry.names == ["Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "Toqaev"]
    assert "Water / Водные ресурсы / Су ресурстары / Suv resurslari" in entry.parts
    assert "tokaev" in entry.folded.split() and "vodne" in entry.folded.split()
    assert entry.visibility == "public" and entry.url == person.get_absolute_url()


def test_it_ignores_models_nobody_registered(alice):
    party = Party.objects.create(code="TJ", name_en="Tajikistan")
    assert index.update(party) is None
    assert not SearchEntry.objects.filter(object_id=party.pk, kind="party").exists()


def test_it_removes_soft_deleted_and_merged_records(alice, indexed):
    person = indexed["tokayev"]
    person.deleted_at = timezone.now()
    index.update(person)
    assert not SearchEntry.objects.filter(kind="person", object_id=person.pk).exists()
    person.deleted_at = None
    index.update(person)
    assert SearchEntry.objects.filter(kind="person", object_id=person.pk).exists()
    insider = indexed["insider"]
    insider.merged_into_id = person.pk
    index.update(insider)
    assert not SearchEntry.objects.filter(kind="person", object_id=insider.pk).exists()


def test_it_removes_an_entry_and_refreshes_the_people_who_showed_it(alice, indexed):
    index.remove(indexed["tokayev"])
    assert not SearchEntry.objects.filter(kind="person", object_id=indexed["tokayev"].pk).exists()
    index.update(indexed["tokayev"])
    membership = indexed["tokayev"].memberships.get(title_en="Honorary Chair")
    membership.deleted_at = timezone.now()
    membership.save()
    index.update(membership)
    assert "Honorary Chair" not in SearchEntry.objects.get(kind="person", object_id=indexed["tokayev"].pk).body


def test_it_refreshes_experts_when_a_topic_is_renamed(alice, experts, water):
    Topic.objects.filter(pk=water.pk).update(name_en="Water resources")
    index.update(Topic.objects.get(pk=water.pk))
    entry = SearchEntry.objects.get(kind="person", object_id=experts["by_expertise"].pk)
    assert entry.body.startswith("Water resources /")


def test_it_rebuilds_everything_from_the_command(indexed, capsys):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "6 entries" in capsys.readouterr().out
    assert SearchEntry.objects.count() == 6  # three people and three organisations


def test_it_uses_the_databases_full_text_index(indexed):
    from django.db import connection

    from kenes.search import backends

    found = backends.full_text(["tokaev"], levels=["public"], kinds=None)
    if connection.vendor in ("sqlite", "postgresql"):
        assert [pk for pk, _score in found] == [
            SearchEntry.objects.get(kind="person", object_id=indexed["tokayev"].pk).pk]
    # A fragment inside a word is not a word prefix: that is the fallback's job.
    assert backends.full_text(["kaev"], levels=["public"], kinds=None) in ([], None)


def test_it_is_kept_in_step_by_the_write_path(alice, water):
    from django.contrib.auth.models import AnonymousUser

    from tests.search.conftest import people

    person = services.create_person(alice, name_en="Aigerim Bekova", visibility="public", expertise=[water])
    assert people(AnonymousUser(), "Bekova") == ["Aigerim Bekova"]
    assert people(AnonymousUser(), "вода") == ["Aigerim Bekova"]
    person = services.update_person(alice, person, name_en="Aigerim Bekova-Sultan", version=person.version)
    assert people(AnonymousUser(), "Sultan") == ["Aigerim Bekova-Sultan"]
    services.add_membership(alice, person, title_en="Senior Hydrologist", visibility="public")
    assert people(AnonymousUser(), "hydrologist") == ["Aigerim Bekova-Sultan"]
    person = services.delete_record(alice, person)
    assert people(AnonymousUser(), "Bekova") == []
    core.restore(alice, person)
    assert people(AnonymousUser(), "Bekova") == ["Aigerim Bekova-Sultan"]
