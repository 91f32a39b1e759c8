"""Projects and portfolio statements in the Django admin: read-only, with history."""

from django.contrib import admin

from kenes.core.admin import RecordAdmin
from kenes.projects.models import PortfolioStatement, Project


@admin.register(Project)
class ProjectAdmin(RecordAdmin):
    list_display = ("name_en", "name_ru", "status", "value", "currency", "start_date", "visibility", "deleted_at")
    list_filter = ("status", "visibility")
    search_fields = ("name_en", "name_ru", "name_kk", "name_uz")


@admin.register(PortfolioStatement)
class PortfolioStatementAdmin(RecordAdmin):
    list_display = ("stated_on", "status", "project_count", "total_value", "currency", "qualifier", "visibility",
                    "deleted_at")
    list_filter = ("status", "visibility")
