"""The columns of the work plans list: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.web.lists import Column, by_choice_label, by_choice_order, if_visible, signed_in
from kenes.workplan.models import WorkPlan

PLAN_COLUMNS = [
    Column("title", _("Title"), "title", sort="title_en"),
    Column("body", _("Body"), if_visible("body", "display_name")),
    Column("period_start", _("From"), "period_start", sort="period_start"),
    Column("period_end", _("To"), "period_end", sort="period_end"),
    Column("status", _("Status"), "get_status_display", sort=by_choice_label("status", WorkPlan.Status.choices)),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
