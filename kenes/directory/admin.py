"""The directory in the Django admin: read-only, with history (edits happen on the pages)."""

from django.contrib import admin

from kenes.core.admin import ReadOnlyInline, RecordAdmin
from kenes.directory.models import (
    Membership,
    Organization,
    OrganizationAlias,
    Party,
    Person,
    PersonAlias,
)

NAME_FIELDS = ("name_en", "name_ru", "name_kk", "name_uz")


@admin.register(Party)
class PartyAdmin(RecordAdmin):
    """Reference data: changed only through ``kenes.directory.services.upsert_party``."""

    list_display = ("code", "name_en", "name_ru")
    search_fields = ("code", *NAME_FIELDS)


class OrganizationAliasInline(ReadOnlyInline):
    model = OrganizationAlias


class PersonAliasInline(ReadOnlyInline):
    model = PersonAlias


class PersonMembershipInline(ReadOnlyInline):
    model = Membership
    fk_name = "person"
    fields = ("title_en", "title_ru", "organization", "start_date", "end_date", "visibility", "deleted_at")
    readonly_fields = fields


@admin.register(Organization)
class OrganizationAdmin(RecordAdmin):
    list_display = ("name_en", "name_ru", "acronym", "kind", "party", "status", "visibility", "deleted_at")
    list_filter = ("kind", "party", "status", "visibility")
    search_fields = (*NAME_FIELDS, "acronym", "search_key")
    list_select_related = ("party",)
    inlines = [OrganizationAliasInline]


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    list_display = ("name_en", "name_ru", "party", "visibility", "deleted_at")
    list_filter = ("party", "visibility", "expertise")
    search_fields = (*NAME_FIELDS, "search_key")
    list_select_related = ("party",)
    inlines = [PersonAliasInline, PersonMembershipInline]


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    list_display = ("person", "title_en", "organization", "start_date", "end_date", "visibility", "deleted_at")
    list_filter = ("visibility", "on_behalf_of")
    search_fields = ("title_en", "title_ru", "person__name_en", "person__name_ru", "organization__name_en")
    list_select_related = ("person", "organization")


@admin.register(PersonAlias)
class PersonAliasAdmin(RecordAdmin):
    list_display = ("name", "language", "person")
    list_filter = ("language",)
    search_fields = ("name", "person__name_en", "person__name_ru")
    list_select_related = ("person",)


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(RecordAdmin):
    list_display = ("name", "language", "organization")
    list_filter = ("language",)
    search_fields = ("name", "organization__name_en", "organization__name_ru")
    list_select_related = ("organization",)
