"""The two-factor pages: set up an authenticator app, type a code after the password, recovery codes."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kenes.accounts import two_factor
from kenes.accounts.two_factor import Refused


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


@never_cache
@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    user = request.user
    if not two_factor.needs_verification(user):
        return redirect(_next_url(request))
    if not two_factor.has_device(user):
        return redirect(_with_next("accounts:two_factor_enrol", request))
    error = None
    if request.method == "POST":
        try:
            left = two_factor.verify(request, request.POST.get("code", ""))
        except Refused as exc:
            error = str(exc)
        else:
            if left is not None:
                messages.warning(request, ngettext(
                    "You signed in with a recovery code; %(count)d is left. Make new ones on your account page.",
                    "You signed in with a recovery code; %(count)d are left. Make new ones on your account page.",
                    left) % {"count": left})
            return redirect(_next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"error": error, "next": _next_url(request)})


@never_cache
@login_required
def enrol(request):
    """Set up an authenticator app: scan (or type) the secret, confirm with its first code."""
    user = request.user
    if two_factor.has_device(user):
        if two_factor.needs_verification(user):
            return redirect(_with_next("accounts:two_factor", request))
        messages.info(request, _("Two-factor sign-in is already on for your account."))
        return redirect("accounts:profile")
    error = None
    if request.method == "POST":
        try:
            codes = two_factor.confirm_enrolment(request, request.POST.get("code", ""))
        except Refused as exc:
            error = str(exc)
        else:
            # Shown once, on the next page; a reload of that page does not show them again.
            request.session["recovery_codes"] = codes
            request.session["two_factor_next"] = _next_url(request)
            return redirect("accounts:recovery_codes")
    device = two_factor.pending_device(user)
    return render(request, "accounts/two_factor_enrol.html", {
        "error": error, "next": _next_url(request), "qr": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device), "required": two_factor.is_required(user),
    })


@never_cache
@login_required
def recovery_codes(request):
    """The recovery codes, once: after enrolment, or after asking for new ones (POST)."""
    if request.method == "POST":
        try:
            request.session["recovery_codes"] = two_factor.replace_recovery_codes(request.user)
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("accounts:profile")
        return redirect("accounts:recovery_codes")
    codes = request.session.pop("recovery_codes", None)
    next_url = request.session.pop("two_factor_next", None) or reverse("accounts:profile")
    if not codes:
        messages.info(request, _("Recovery codes are shown only once. Make new ones if you have lost them."))
        return redirect("accounts:profile")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})


@login_required
@require_POST
def turn_off(request):
    """The account holder turns two-factor sign-in off (or, where it is required, starts again with a new app)."""
    try:
        two_factor.turn_off(request.user, request.POST.get("code", ""))
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect(reverse("accounts:profile") + "#two-factor")
    if two_factor.is_required(request.user):
        messages.success(request, _("Your old authenticator app no longer works. Set up the new one now."))
        return redirect("accounts:two_factor_enrol")
    messages.success(request, _("Two-factor sign-in is off; you sign in with your password alone."))
    return redirect("accounts:profile")
