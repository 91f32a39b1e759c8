"""Indicators, targets and observations in the Django admin: read-only, with history."""

from django.contrib import admin

from kenes.core.admin import RecordAdmin
from kenes.indicators.models import Indicator, Observation, Target


@admin.register(Indicator)
class IndicatorAdmin(RecordAdmin):
    list_display = ("name_en", "name_ru", "unit", "direction", "visibility", "deleted_at")
    list_filter = ("direction", "visibility")
    search_fields = ("name_en", "name_ru", "name_kk", "name_uz", "unit")


@admin.register(Target)
class TargetAdmin(RecordAdmin):
    list_display = ("indicator", "value", "unit", "qualifier", "deadline", "visibility", "deleted_at")
    list_filter = ("qualifier", "visibility")
    list_select_related = ("indicator",)


@admin.register(Observation)
class ObservationAdmin(RecordAdmin):
    list_display = ("indicator", "period", "value", "unit", "reporting_party", "is_revised", "visibility",
                    "deleted_at")
    list_filter = ("reporting_party", "is_revised", "visibility")
    list_select_related = ("indicator", "reporting_party")
