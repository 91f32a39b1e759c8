"""The work plan in the Django admin: read-only, with history (edits happen on the pages)."""

from django.contrib import admin

from kenes.core.admin import RecordAdmin
from kenes.workplan.models import WorkItem, WorkPlan


@admin.register(WorkPlan)
class WorkPlanAdmin(RecordAdmin):
    list_display = ("title_en", "title_ru", "body", "period_start", "period_end", "status", "visibility")
    list_filter = ("status", "visibility")
    list_select_related = ("body",)


@admin.register(WorkItem)
class WorkItemAdmin(RecordAdmin):
    list_display = ("measure", "plan", "due", "status", "progress", "visibility")
    list_filter = ("status", "visibility")
    list_select_related = ("measure", "plan")
