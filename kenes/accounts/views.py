from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kenes.accounts import services, two_factor
from kenes.accounts.forms import TimeZoneForm
from kenes.accounts.models import ApiToken, SecurityEvent
from kenes.core.views import require_secretariat
from kenes.web.lists import Column, Listing, by_choice_label

EVENT_COLUMNS = [
    Column("at", gettext_lazy("When"), "at", sort="at"),
    Column("kind", gettext_lazy("Event"), "get_kind_display", sort=by_choice_label("kind", SecurityEvent.Kind.choices)),
    Column("username", gettext_lazy("Account"), "username", sort="username"),
    Column("actor", gettext_lazy("Done by"), "actor.username", sort="actor__username"),
    Column("ip_address", gettext_lazy("Address"), "ip_address", sort="ip_address"),
    Column("detail", gettext_lazy("Detail"), "detail"),
    Column("user_agent", gettext_lazy("Browser"), "user_agent", on_page=False),
    Column("request_id", gettext_lazy("Request id"), "request_id", on_page=False),
]


@login_required
def profile(request):
    # A new key is shown once: taken out of the session on the first page view after creation.
    new_key = request.session.pop("new_api_key", None)
    return render(request, "accounts/profile.html", {
        "tokens": request.user.api_tokens.all(), "new_key": new_key, "now": timezone.now(),
        "token_scopes": ApiToken.Scope.choices, "token_days": services.default_token_days(),
        "token_max_days": settings.KENES_TOKEN_MAX_DAYS,
        "zone_form": TimeZoneForm(instance=request.user),
        "now_local": timezone.localtime().strftime("%H:%M"),
        "two_factor": two_factor.status(request.user),
    })


@login_required
@require_POST
def set_time_zone(request):
    try:
        services.set_time_zone(request.user, request.POST.get("time_zone", ""))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("Times are now shown in your new time zone."))
    return redirect("accounts:profile")


@login_required
@require_POST
def create_token(request):
    try:
        _token, key = services.create_api_token(
            request.user, request.POST.get("name", ""),
            scope=request.POST.get("scope", ApiToken.Scope.READ), days=request.POST.get("days"))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect("accounts:profile")
    # Redirect after the POST, so reloading the page does not create a second token.
    request.session["new_api_key"] = key
    return redirect("accounts:profile")


@login_required
@require_POST
def revoke_token(request, token_id):
    if services.revoke_api_token(request.user, token_id):
        messages.success(request, _("The token was revoked; scripts using it can no longer sign in."))
    return redirect("accounts:profile")


@login_required
def security_events(request):
    """The security audit log, for the secretariat: filter by event, account and address; download."""
    require_secretariat(request)
    filters = {key: request.GET.get(key, "").strip()[:150] for key in ("kind", "q")}
    events = SecurityEvent.objects.select_related("actor")
    if filters["kind"] in SecurityEvent.Kind.values:
        events = events.filter(kind=filters["kind"])
    if filters["q"]:
        events = events.filter(Q(username__icontains=filters["q"]) | Q(ip_address__startswith=filters["q"])
                               if _looks_like_address(filters["q"]) else Q(username__icontains=filters["q"]))
    listing = Listing(request, events, EVENT_COLUMNS, name="security-events", title=_("Security events"),
                      default_sort="-at")
    if response := listing.download():
        return response
    context = {"listing": listing, "page": listing.page, "filters": filters, "kinds": SecurityEvent.Kind.choices,
               "retention_days": settings.KENES_AUDIT_RETENTION_DAYS}
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(request, "accounts/_security_event_rows.html" if partial else "accounts/security_events.html",
                      context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _looks_like_address(text: str) -> bool:
    # ip_address is a database inet column on PostgreSQL: only address-like text may be compared with it.
    return all(char in "0123456789abcdefABCDEF.:" for char in text)
