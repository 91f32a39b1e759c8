"""Each request runs in its reader's time zone: pages, forms and ``|date`` show times where the reader is."""

from __future__ import annotations

import zoneinfo

from django.utils import timezone


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
