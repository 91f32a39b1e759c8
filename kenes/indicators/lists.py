"""The columns of the indicator, figure and target lists: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.core.visibility import visible_related
from kenes.indicators.models import Indicator, format_value
from kenes.indicators.services import by_display_name
from kenes.web.lists import Column, by_choice_label, by_choice_order, signed_in

INDICATOR_COLUMNS = [
    Column("name", _("Name"), "name", sort=by_display_name),
    Column("unit", _("Unit"), "unit", sort="unit"),
    Column("direction", _("Direction"), "get_direction_display",
           sort=by_choice_label("direction", Indicator.Direction.choices)),
    Column("definition", _("Definition"), "definition", on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]


def _value(record, user) -> str:
    return format_value(record.value)


def _indicator(record, user):
    indicator = visible_related(record.indicator, user)
    return indicator.name if indicator else ""


OBSERVATION_COLUMNS = [
    Column("indicator", _("Indicator"), _indicator, on_page=False),
    Column("period", _("Period"), "period", sort="period"),
    Column("party", _("Reported by"), "reporting_party.code", sort="reporting_party__code"),
    Column("value", _("Value"), _value, sort="value"),
    Column("unit", _("Unit"), "effective_unit"),
    Column("qualifier", _("Qualifier"), "get_qualifier_display", on_page=False),
    Column("full_year", _("Full year"), "is_full_year", on_page=False),
    Column("revised", _("Revised"), "is_revised"),
    Column("source", _("Source"), "source", on_page=False),
    Column("source_url", _("Source address"), "source_url", on_page=False),
    Column("evidence", _("Evidence quote"), "evidence", on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]

TARGET_COLUMNS = [
    Column("indicator", _("Indicator"), _indicator),
    Column("value", _("Value"), _value, sort="value"),
    Column("unit", _("Unit"), "effective_unit"),
    Column("qualifier", _("Qualifier"), "get_qualifier_display", on_page=False),
    Column("deadline", _("Deadline"), "deadline", sort="deadline"),
    Column("set_on", _("Set on"), "set_on", sort="set_on"),
    Column("occasion", _("Occasion"), "occasion", on_page=False),
    Column("superseded", _("Superseded"), lambda target, user: target.superseded_by_id is not None),
    Column("source_url", _("Source address"), "source_url", on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
