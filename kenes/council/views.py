"""Meeting pages. Thin: they read with visibility applied and write through services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kenes.core.views import (
    handle_record_form,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_many, visible_related
from kenes.council import services
from kenes.council.forms import MeetingForm
from kenes.council.lists import MEETING_COLUMNS
from kenes.council.models import Meeting
from kenes.directory.models import Organization
from kenes.web.lists import Listing


def _list_response(request, rows_template, page_template, context):
    """The rows alone for htmx's live filtering, the whole page otherwise."""
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(request, rows_template if partial else page_template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _body_filter(value: str) -> int | None:
    # Anything that is not a plausible id matches nothing rather than everything.
    return int(value) if value.isdigit() and len(value) < 19 else (0 if value else None)


def meeting_list(request):
    # "format" is the list's download format (kenes.web.lists), so the meeting's format is "meeting_format".
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "body", "year", "meeting_format")}
    meetings = services.search_meetings(request.user, filters["q"], body=_body_filter(filters["body"]),
                                        year=filters["year"], meeting_format=filters["meeting_format"])
    listing = Listing(request, meetings, MEETING_COLUMNS, name="meetings", title=_("Meetings"))
    if response := listing.download():
        return response
    context = {
        "listing": listing, "page": listing.page, "filters": filters,
        "bodies": Organization.objects.visible_to(request.user).filter(
            pk__in=Meeting.objects.visible_to(request.user).values("body_id")),
        "years": services.years(request.user), "formats": Meeting.Format.choices,
    }
    return _list_response(request, "council/_meeting_rows.html", "council/meeting_list.html", context)


def meeting_detail(request, pk):
    meeting, _moved = record_or_redirect(request, Meeting, pk)  # meetings are not merged yet: never moved
    context = {
        "meeting": meeting,
        "body": visible_related(meeting.body, request.user),
        "participants": visible_many(meeting.participants.all(), request.user),
        "organizers": visible_many(meeting.organizers.all(), request.user),
        **record_page_context(request, meeting),
    }
    return render(request, "council/meeting_detail.html", context)


@login_required
def meeting_create(request):
    return _meeting_form(request, None)


@login_required
def meeting_edit(request, pk):
    require_secretariat(request)
    return _meeting_form(request, get_object_or_404(Meeting.objects.live(), pk=pk))


def _meeting_form(request, meeting):
    require_secretariat(request)
    form = MeetingForm(request.POST or None, instance=meeting)
    saved = handle_record_form(request, form, record=meeting, create=services.create_meeting,
                               update=services.update_meeting)
    if saved:
        return redirect(saved)
    return render(request, "council/meeting_form.html", {"form": form, "meeting": meeting})
