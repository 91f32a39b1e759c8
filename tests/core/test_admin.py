"""The Django admin follows the platform's rules for every installed Kenes app, named nowhere.

The secretariat's group covers each app's models; records and the rows that belong to
them are view-only (writes go through kenes.core.services); everyone else stays out.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from kenes.accounts.models import User
from kenes.accounts.services import SECRETARIAT_GROUP, sync_admin_access, sync_secretariat_group
from kenes.core.admin import ReadOnlyInline, RecordAdmin
from kenes.core.checks import check_admin_is_read_only, write_path_models
from kenes.core.records import kenes_app_configs
from kenes.directory.models import Membership, Person, PersonAlias

pytestmark = pytest.mark.django_db


def kenes_registered():
    """Every (model, ModelAdmin) the admin site shows for a Kenes app."""
    labels = {config.label for config in kenes_app_configs()}
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in labels]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def alice_client(alice):
    sync_admin_access(alice)
    client = Client()
    client.force_login(alice)
    return client


def test_it_walks_more_than_one_app():
    # Guards the walk itself: an empty list would make every test below pass vacuously.
    labels = {config.label for config in kenes_app_configs()}
    assert {"core", "accounts", "directory"} <= labels
    assert {Person, Membership, PersonAlias} <= set(write_path_models())


@pytest.mark.parametrize("config", kenes_app_configs(), ids=lambda config: config.label)
def test_it_gives_the_secretariat_view_permission_on_every_model_of_every_kenes_app(alice, config):
    sync_admin_access(alice)
    for model in config.get_models():
        codename = f"view_{model._meta.model_name}"
        assert Group.objects.get(name=SECRETARIAT_GROUP).permissions.filter(
            content_type__app_label=config.label, codename=codename).exists(), model._meta.label
        assert User.objects.get(pk=alice.pk).has_perm(f"{config.label}.{codename}")


def test_it_gives_view_only_on_accounts_so_no_one_makes_themselves_superuser(alice):
    sync_admin_access(alice)
    fresh = User.objects.get(pk=alice.pk)
    assert fresh.has_perm("accounts.view_user")
    assert not fresh.has_perm("accounts.change_user")
    assert not fresh.has_perm("accounts.add_apitoken")


def test_it_resyncs_the_group_when_permissions_differ(alice):
    # As if the group had been made before an app was installed: its permissions appear on the next sync.
    group = sync_secretariat_group()
    group.permissions.remove(*Permission.objects.filter(content_type__app_label="directory"))
    assert not group.permissions.filter(content_type__app_label="directory").exists()
    sync_admin_access(alice)
    assert group.permissions.filter(content_type__app_label="directory", codename="view_person").exists()


def test_it_syncs_the_group_after_migrate():
    from django.core.management import call_command

    Group.objects.filter(name=SECRETARIAT_GROUP).delete()
    call_command("migrate", verbosity=0)
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    assert group.permissions.filter(content_type__app_label="directory", codename="view_membership").exists()


def test_it_lets_alice_open_every_kenes_changelist_and_record(alice_client, directory):
    registered = kenes_registered()
    assert registered
    for model, _model_admin in registered:
        assert alice_client.get(admin_url(model, "changelist")).status_code == 200, model._meta.label
        row = model._default_manager.first()
        if row is not None:
            assert alice_client.get(admin_url(model, "change", row.pk)).status_code == 200, model._meta.label
            if hasattr(model, "history"):
                assert alice_client.get(admin_url(model, "history", row.pk)).status_code == 200


def test_it_refuses_alice_every_write_to_records_in_the_admin(alice, alice_client, directory):
    from kenes.directory import services

    services.update_organization(alice, directory["kaziss"], aliases=["KISI"], version=directory["kaziss"].version)
    governed = [model for model, _model_admin in kenes_registered() if model in set(write_path_models())]
    assert {Person, Membership, PersonAlias} <= set(governed)
    for model in governed:
        label = model._meta.label
        count = model._default_manager.count()
        assert alice_client.post(admin_url(model, "add"), {}).status_code == 403, label
        row = model._default_manager.first()
        if row is None:
            continue
        assert alice_client.post(admin_url(model, "change", row.pk), {}).status_code == 403, label
        assert alice_client.post(admin_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403, label
        assert model._default_manager.count() == count, label
        assert alice_client.post(admin_url(model, "changelist"), {
            "action": "delete_selected", "_selected_action": [row.pk], "post": "yes"}).status_code in (200, 302)
        assert model._default_manager.count() == count, label


def test_it_refuses_a_revert_from_the_history_page(alice, alice_client, directory):
    from kenes.directory import services

    person = directory["tokayev"]
    first = person.history.earliest("history_date")
    services.update_person(alice, person, biography_en="Newer.", version=person.version)
    url = admin_url(Person, "simple_history", person.pk, first.history_id)
    assert alice_client.get(url).status_code == 200
    assert alice_client.post(url, {"name_en": "Reverted"}).status_code == 403
    person.refresh_from_db()
    assert person.name_en == "Kassym-Jomart Tokayev"
    assert person.biography_en == "Newer."


def test_it_keeps_rita_out_of_the_admin(rita, directory):
    sync_admin_access(rita)
    client = Client()
    client.force_login(rita)
    for url in ("/admin/", admin_url(Person, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_it_passes_the_check_for_the_registered_admins():
    assert check_admin_is_read_only() == []


def test_it_fails_the_check_for_a_record_admin_that_allows_change():
    site = AdminSite(name="throwaway")
    site.register(Person, admin.ModelAdmin)
    errors = check_admin_is_read_only(site=site)
    assert [error.id for error in errors] == ["kenes.E001"]
    assert "directory.Person" in errors[0].msg
    assert "add/change/delete" in errors[0].msg


def test_it_fails_the_check_for_an_editable_inline_of_a_record():
    class EditableAliases(admin.TabularInline):
        model = PersonAlias

    class PersonWithEditableAliases(RecordAdmin):
        inlines = [EditableAliases]

    site = AdminSite(name="throwaway")
    site.register(Person, PersonWithEditableAliases)
    errors = check_admin_is_read_only(site=site)
    assert len(errors) == 1
    assert "directory.PersonAlias" in errors[0].msg


def test_it_passes_the_check_for_read_only_admins_and_inlines():
    class Aliases(ReadOnlyInline):
        model = PersonAlias

    class People(RecordAdmin):
        inlines = [Aliases]

    site = AdminSite(name="throwaway")
    site.register(Person, People)
    assert check_admin_is_read_only(site=site) == []
