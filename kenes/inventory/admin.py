"""The inventory in the Django admin. Measures, agreements and assessments are read-only with history
(they change on the pages, through the write path); the workflow is reference data the secretariat
configures here: statuses and the transitions allowed between them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kenes.core.admin import RecordAdmin
from kenes.inventory.models import Agreement, Assessment, Measure, MeasureStatus, StatusTransition


class TransitionInline(admin.TabularInline):
    model = StatusTransition
    fk_name = "from_status"
    extra = 1


@admin.register(MeasureStatus)
class MeasureStatusAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_en", "name_ru", "position", "is_initial", "is_done", "is_closed")
    list_editable = ("position",)
    inlines = [TransitionInline]


@admin.register(Measure)
class MeasureAdmin(RecordAdmin):
    list_display = ("title_en", "title_ru", "status", "level", "first_proposed_on", "visibility", "deleted_at")
    list_filter = ("status", "level", "kind", "visibility")
    search_fields = ("title_en", "title_ru", "title_kk", "title_uz")
    list_select_related = ("status",)


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = ("title_en", "title_ru", "kind", "status", "signed_on", "visibility", "deleted_at")
    list_filter = ("kind", "status", "visibility")
    search_fields = ("title_en", "title_ru", "title_kk", "title_uz")


@admin.register(Assessment)
class AssessmentAdmin(RecordAdmin):
    list_display = ("measure", "party", "period", "score", "state", "visibility")
    list_filter = ("state", "score", "party", "visibility")
    list_select_related = ("measure", "party")
