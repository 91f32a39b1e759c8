"""The columns of the council's lists: one declaration for each page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.core.visibility import visible_many
from kenes.council.models import Event, Meeting
from kenes.web.lists import Column, by_choice_label, by_choice_order, if_visible, signed_in

MEETING_COLUMNS = [
    Column("date", _("Date"), "date", sort="date"),
    Column("title", _("Title"), "title", sort="title_en"),
    Column("ordinal", _("Number"), "ordinal", on_page=False),
    Column("body", _("Body"), if_visible("body", "display_name")),
    Column("status", _("Status"), "get_status_display", sort=by_choice_order("status", Meeting.Status.choices)),
    Column("format", _("Format"), "get_format_display", sort=by_choice_label("format", Meeting.Format.choices)),
    Column("place", _("Place"), "place", sort="place"),
    Column("starts_at", _("Starts (UTC)"), lambda meeting, user: meeting.starts_at.isoformat() if meeting.starts_at
           else "", on_page=False),
    Column("organizers", _("Hosts"),
           lambda meeting, user: [org.display_name for org in visible_many(meeting.organizers.all(), user)],
           on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]

EVENT_COLUMNS = [
    Column("start_date", _("Dates"), "start_date", sort="start_date"),
    Column("end_date", _("Until"), "end_date", on_page=False),
    Column("title", _("Title"), "title", sort="title_en"),
    Column("kind", _("Kind"), "get_kind_display", sort=by_choice_label("kind", Event.Kind.choices)),
    Column("status", _("Status"), "get_status_display", sort=by_choice_order("status", Event.Status.choices)),
    Column("place", _("Place"), "place", sort="place"),
    Column("organizers", _("Organisers"),
           lambda event, user: [org.display_name for org in visible_many(event.organizers.all(), user)],
           on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
