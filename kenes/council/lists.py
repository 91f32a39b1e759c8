"""The columns of the meetings list: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.core.visibility import visible_many
from kenes.council.models import Meeting
from kenes.web.lists import Column, by_choice_label, by_choice_order, if_visible, signed_in

MEETING_COLUMNS = [
    Column("date", _("Date"), "date", sort="date"),
    Column("title", _("Title"), "title", sort="title_en"),
    Column("ordinal", _("Number"), "ordinal", on_page=False),
    Column("body", _("Body"), if_visible("body", "display_name")),
    Column("format", _("Format"), "get_format_display", sort=by_choice_label("format", Meeting.Format.choices)),
    Column("place", _("Place"), "place", sort="place"),
    Column("organizers", _("Organisers"),
           lambda meeting, user: [org.display_name for org in visible_many(meeting.organizers.all(), user)],
           on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
