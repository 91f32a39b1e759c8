"""Each request runs in its reader's time zone; a session owing its second factor reaches only the 2FA pages."""

from __future__ import annotations

import zoneinfo
from urllib.parse import urlencode

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_htmx.http import HttpResponseClientRedirect


class UserTimeZoneMiddleware:
    """Activates the signed-in user's zone; anonymous visitors get the site's (settings.TIME_ZONE).

    Deactivated again after the response: a worker thread serves many people, and the next
    one must not inherit this reader's zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = _user_zone(getattr(request, "user", None))
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def _user_zone(user) -> zoneinfo.ZoneInfo | None:
    name = getattr(user, "time_zone", "") if user is not None and user.is_authenticated else ""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A zone removed from the tz database since it was chosen: the site's zone rather than an error page.
        return None


class TwoFactorMiddleware:
    """A session that still owes its second factor reaches only the two-factor pages and sign-out.

    Everything else sends it to the code page (or, for a secretariat account with no authenticator
    yet, to set one up), then back where it was going. An API call with a token is let through:
    the token is the script's second factor. An API call on the unfinished session gets a JSON 401.
    """

    ALLOWED = frozenset({
        "login", "logout", "set_language", "healthz", "readyz",
        "accounts:two_factor", "accounts:two_factor_enrol",
        # The Django admin's own sign-in and sign-out pages.
        "admin:login", "admin:logout",
    })

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from kenes.accounts import two_factor

        match = request.resolver_match
        if match is None or match.view_name in self.ALLOWED:
            return None
        # The API answers at /api/v1/ and, for older clients, at /api/ (namespaces "api", "api-unversioned").
        is_api = bool(API_NAMESPACES.intersection(match.namespaces))
        if is_api and request.headers.get("Authorization"):
            return None
        if not two_factor.needs_verification(request.user):
            return None
        if is_api:
            return JsonResponse({"detail": gettext("Finish signing in with your two-factor code first.")},
                                status=401)
        return _to_two_factor(request, two_factor.has_device(request.user))


API_NAMESPACES = {"api", "api-unversioned"}


def _to_two_factor(request, has_device: bool):
    target = reverse("accounts:two_factor" if has_device else "accounts:two_factor_enrol")
    # Back to the page asked for afterwards; a form post cannot be replayed, so it leads to the start.
    if request.method == "GET" and not request.headers.get("HX-Request"):
        target += "?" + urlencode({"next": request.get_full_path()})
    if request.headers.get("HX-Request"):
        return HttpResponseClientRedirect(target)
    return HttpResponseRedirect(target)
