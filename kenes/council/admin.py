"""Meetings in the Django admin: read-only, with history (edits happen on the pages)."""

from django.contrib import admin

from kenes.core.admin import RecordAdmin
from kenes.council.models import Meeting


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin):
    list_display = ("title_en", "title_ru", "date", "body", "format", "visibility", "deleted_at")
    list_filter = ("format", "visibility")
    search_fields = ("title_en", "title_ru", "title_kk", "title_uz", "place")
    list_select_related = ("body",)
