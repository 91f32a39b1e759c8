"""The columns of the projects list: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.core.visibility import visible_many
from kenes.indicators.models import format_value
from kenes.projects.models import ProjectStatus
from kenes.projects.services import by_display_name
from kenes.web.lists import Column, by_choice_order, signed_in


def _parties(project, user):
    return [party.code for party in project.parties.all()]


def _organizations(project, user):
    return [organization.display_name for organization in visible_many(project.organizations.all(), user)]


PROJECT_COLUMNS = [
    Column("name", _("Name"), "name", sort=by_display_name),
    Column("status", _("Status"), "get_status_display", sort=by_choice_order("status", ProjectStatus.choices)),
    Column("sector", _("Sector"), "sector.name", sort="sector__code"),
    Column("parties", _("Parties"), _parties),
    Column("value", _("Value"), lambda project, user: format_value(project.value), sort="value"),
    Column("currency", _("Currency"), "currency", sort="currency"),
    Column("start_date", _("Start"), "start_date", sort="start_date"),
    Column("end_date", _("End"), "end_date", sort="end_date", on_page=False),
    Column("location", _("Location"), "location", on_page=False),
    Column("organizations", _("Organisations"), _organizations, on_page=False),
    Column("description", _("Description"), "description", on_page=False),
    Column("source_url", _("Source address"), "source_url", on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
