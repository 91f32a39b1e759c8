"""The calendar page and the iCalendar feeds. Thin: kenes.council.calendar and .feeds do the work."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import quote_etag, urlencode
from django.utils.translation import gettext as _

from kenes.council import calendar, feeds
from kenes.council.timezones import city

# Apps fetch feeds every hour or so; a few minutes of caching costs nobody a stale meeting.
FEED_MAX_AGE = 15 * 60


def calendar_page(request):
    today = timezone.localdate()
    problem = None
    try:
        first = calendar.parse_month(request.GET.get("month"), today)
    except calendar.MonthError as error:
        problem, first = str(error), today.replace(day=1)
    month = calendar.build_month(request.user, first, today=today)
    context = {
        "month": month, "problem": problem, "this_month": calendar.month_key(today),
        "weekdays": [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in range(7)],
        "reader_city": city(timezone.get_current_timezone()),
    }
    # A month that is not a month is the reader's mistake (400), answered with this month's page.
    return render(request, "council/calendar.html", context, status=400 if problem else 200)


def _language(request) -> str:
    """?lang=ru when it names an interface language; otherwise the request's own."""
    wanted = (request.GET.get("lang") or "")[:8]
    return wanted if wanted in dict(settings.LANGUAGES) else translation.get_language()


def _base_url(request) -> str:
    return getattr(settings, "KENES_BASE_URL", "") or request.build_absolute_uri("/")


def _ics(request, body: bytes, *, language: str, personal: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Language"] = language
    response["Content-Disposition"] = 'inline; filename="kenes-calendar.ics"'
    patch_cache_control(response, max_age=FEED_MAX_AGE, **({"private": True} if personal else {"public": True}))
    patch_vary_headers(response, ["Accept-Language"])
    response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    if personal:
        # The address is the password: keep it out of search engines and other sites' logs.
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
    return get_conditional_response(request, etag=response["ETag"], response=response)


def feed_public(request):
    language = _language(request)
    with translation.override(language):
        name = _("Kenes: council meetings and events")
    body = feeds.build_calendar(None, base_url=_base_url(request), language=language, name=name)
    return _ics(request, body, language=language, personal=False)


def feed_personal(request, token):
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404(_("There is no calendar feed at this address; it may have been replaced."))
    language = _language(request)
    with translation.override(language):
        name = _("Kenes: council calendar of %(name)s") % {"name": user.get_full_name() or user.get_username()}
    body = feeds.build_calendar(user, base_url=_base_url(request), language=language, name=name)
    return _ics(request, body, language=language, personal=True)


def feed_address(request, route: str, *args) -> str:
    """The full address of a feed in the page's language, as a calendar app needs it."""
    path = reverse(route, args=args) + "?" + urlencode({"lang": translation.get_language()})
    return _base_url(request).rstrip("/") + path


@login_required
def feed_settings(request):
    if request.method == "POST":
        feeds.replace_token(request.user)
        messages.success(request, _("Your feed has a new address. The old one no longer works: "
                                    "replace it in your calendar app."))
        return redirect("council:feed_settings")
    feed = feeds.feed_for(request.user)
    return render(request, "council/calendar_feed.html", {
        "personal_url": feed_address(request, "council:feed_personal", feed.token),
        "public_url": feed_address(request, "council:feed_public"),
    })
