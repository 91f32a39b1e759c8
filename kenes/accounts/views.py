from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.accounts import services
from kenes.accounts.forms import TimeZoneForm


@login_required
def profile(request):
    # A new key is shown once: taken out of the session on the first page view after creation.
    new_key = request.session.pop("new_api_key", None)
    return render(request, "accounts/profile.html", {
        "tokens": request.user.api_tokens.all(), "new_key": new_key,
        "zone_form": TimeZoneForm(instance=request.user),
        "now_local": timezone.localtime().strftime("%H:%M"),
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
        _token, key = services.create_api_token(request.user, request.POST.get("name", ""))
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
