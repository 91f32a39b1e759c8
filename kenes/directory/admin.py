from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from kenes.directory import services
from kenes.directory.models import Membership, Organization, Party, Person, PersonAlias


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_en", "name_ru")


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    autocomplete_fields = ("organization",)


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "name_ru", "acronym", "kind", "party", "status", "visibility")
    list_filter = ("kind", "party", "status", "visibility")
    search_fields = ("name_en", "name_ru", "name_kk", "name_uz", "acronym", "search_key")
    autocomplete_fields = ("parent",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        # Admin edits bypass the services; keep the cross-script search key right all the same.
        obj.search_key = services.organization_search_key(obj)
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name_en", "name_ru", "party", "visibility")
    list_filter = ("party", "visibility", "expertise")
    search_fields = ("name_en", "name_ru", "name_kk", "name_uz", "search_key")
    inlines = [AliasInline, MembershipInline]
    filter_horizontal = ("expertise",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person = form.instance
        key = services.person_search_key(person, person.aliases.values_list("name", flat=True))
        Person.objects.filter(pk=person.pk).update(search_key=key)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("person", "title", "organization", "start_date", "end_date", "visibility")
    list_filter = ("visibility", "on_behalf_of")
    search_fields = ("title", "person__name_en", "person__name_ru", "organization__name_en")
    autocomplete_fields = ("person", "organization")
