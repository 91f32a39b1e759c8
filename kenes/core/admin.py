"""The Django admin for Kenes: a window onto the records, not a second way to write them.

Every write to a record goes through ``kenes.core.services`` (version check, history
with who and why, search index). The admin would bypass all three, so the models on
that write path are shown here read-only; ``kenes.core.checks`` refuses an admin
registration that forgets this.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from kenes.core.models import Merge, Topic


class NoWrites:
    """No add, change or delete, whatever permissions the user holds (admins and inlines alike)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWrites, admin.ModelAdmin):
    """View only: no add, change or delete, whatever permissions the user holds.

    The write methods refuse as well, so a view that forgets to ask for permission
    (as simple_history's "revert" does) still cannot save.
    """

    def save_model(self, request, obj, form, change):
        raise PermissionDenied

    def save_related(self, request, form, formsets, change):
        raise PermissionDenied

    def delete_model(self, request, obj):
        raise PermissionDenied

    def delete_queryset(self, request, queryset):
        raise PermissionDenied


class RecordAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """A domain record (or the reference data it points to) in the admin: view and history only.

    Edits happen on the pages ("View on site" leads there), which go through
    ``kenes.core.services``, so versions, history reasons and the search index stay
    right. The admin is for looking things up: lists, filters, the full history.
    """

    # Django 6's default, so read-only URL fields render without a deprecation warning.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history's revert saves the old version with save_model(), past the services.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyInline(NoWrites, admin.TabularInline):
    """Rows that belong to a record (aliases, roles), listed on its admin page and never edited there."""

    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Topic)
class TopicAdmin(RecordAdmin):
    """Reference data seeded by a migration: the extraction contract depends on its codes."""

    list_display = ("code", "name_en", "name_ru", "name_kk", "name_uz")
    search_fields = ("code", "name_en", "name_ru", "name_kk", "name_uz")


@admin.register(Merge)
class MergeAdmin(ReadOnlyAdmin):
    """The log of merges; merging and undoing happen on the records' pages."""

    list_display = ("__str__", "content_type", "merged_by", "merged_at", "undone_by", "undone_at")
    list_filter = ("content_type", "merged_at", "undone_at")
    search_fields = ("reason",)
    list_select_related = ("content_type", "merged_by", "undone_by")
