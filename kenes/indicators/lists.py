"""The columns of the indicators list: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.indicators.models import Indicator
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
