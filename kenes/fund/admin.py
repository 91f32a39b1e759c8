"""The fund in the Django admin: read-only, with history (writes go through the fund's pages and services)."""

from django.contrib import admin

from kenes.core.admin import RecordAdmin
from kenes.fund.models import Application, Call, Fund, Grant, Review, Selection


@admin.register(Fund)
class FundAdmin(RecordAdmin):
    list_display = ("name_en", "currency", "total_budget", "visibility", "deleted_at")
    search_fields = ("name_en", "name_ru")


@admin.register(Call)
class CallAdmin(RecordAdmin):
    list_display = ("title_en", "fund", "state", "budget", "closes_at", "visibility", "deleted_at")
    list_filter = ("state", "visibility")


@admin.register(Application)
class ApplicationAdmin(RecordAdmin):
    list_display = ("title_en", "call", "lead_party", "requested_amount", "state", "reviews_submitted", "deleted_at")
    list_filter = ("state", "lead_party")
    list_select_related = ("call", "lead_party")


@admin.register(Review)
class ReviewAdmin(RecordAdmin):
    list_display = ("assignment", "state", "submitted_at", "deleted_at")
    list_filter = ("state",)


@admin.register(Selection)
class SelectionAdmin(RecordAdmin):
    list_display = ("call", "budget", "balance_percent", "total_amount", "total_score", "published_at")


@admin.register(Grant)
class GrantAdmin(RecordAdmin):
    list_display = ("application", "amount", "visibility", "deleted_at")
