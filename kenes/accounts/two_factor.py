"""Two-factor sign-in: an authenticator app (TOTP) and ten one-time recovery codes, on django-otp.

Who must pass it: secretariat accounts when ``KENES_REQUIRE_2FA`` is on, and anyone who has set it
up. Until a session has, kenes.accounts.middleware.TwoFactorMiddleware lets it reach only the
two-factor pages and sign-out. API calls with a token are not asked: the token is the second factor.

Wrong codes are throttled by django-otp (each failure doubles the wait: 1, 2, 4 … seconds) and
recorded as security events, as are enrolment, each recovery code used and every removal.
"""

from __future__ import annotations

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kenes.accounts import audit
from kenes.accounts.models import User

Kind = audit.Kind
RECOVERY_CODES = 10
# Six digits from the app; a recovery code is eight letters and digits (StaticToken.random_token).
APP_CODE = re.compile(r"^\d{6}$")


class Refused(Exception):
    """A code not accepted; the message is for the person typing it."""


def is_required(user) -> bool:
    return bool(settings.KENES_REQUIRE_2FA) and getattr(user, "is_secretariat", False)


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def needs_verification(user) -> bool:
    """A signed-in session that must pass the second factor before it may do anything else."""
    if not getattr(user, "is_authenticated", False) or is_verified(user):
        return False
    return is_required(user) or has_device(user)


def status(user) -> dict:
    """What the account page shows: on or off, since when, recovery codes left, and whether it is required."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    codes_left = StaticToken.objects.filter(device__user=user).count() if device else 0
    return {"on": device is not None, "since": device.created_at if device else None,
            "codes_left": codes_left, "required": is_required(user)}


# Enrolment ----------------------------------------------------------------------------------------

def pending_device(user: User) -> TOTPDevice:
    """The secret being set up: kept (unconfirmed) until a code from it is typed, so a reload shows the same one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[index:index + 4] for index in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    import segno

    # Drawn here as inline SVG: the secret never leaves the server for a QR service.
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, title=_("QR code"))


def confirm_enrolment(request, code: str) -> list[str]:
    """The first code from the app confirms the device; returns the recovery codes, shown once."""
    user = request.user
    if has_device(user):
        raise Refused(_("Two-factor sign-in is already set up for this account."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise Refused(_("The setup expired; scan the new code below and try again."))
    _check_code(user, device, _clean(code), "setting up")
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.confirmed = True
        codes = _new_recovery_codes(user)
    otp_login(request, device)
    audit.record(Kind.TWO_FACTOR_ENROLLED, user=user, actor=user)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    # The same device with new codes: a session that signed in with a recovery code stays verified.
    device = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(
        user=user, name="recovery codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def replace_recovery_codes(user: User) -> list[str]:
    """A fresh set of ten; the old ones stop working at once."""
    if not has_device(user):
        raise Refused(_("Set up two-factor sign-in first."))
    with transaction.atomic():
        codes = _new_recovery_codes(user)
    audit.record(Kind.TWO_FACTOR_ENROLLED, user=user, detail="new recovery codes; the old ones no longer work")
    return codes


# Verification -------------------------------------------------------------------------------------

def verify(request, code: str) -> int | None:
    """Passes the session's second factor with an app code or a recovery code.

    Returns how many recovery codes are left when one was used (``None`` for an app code).
    """
    user, code = request.user, _clean(code)
    if APP_CODE.match(code):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    else:
        device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not code:
        audit.record(Kind.TWO_FACTOR_FAILED, user=user, detail="no such code")
        raise Refused(_("That code is not right."))
    device = _check_code(user, device, code, "signing in")
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        audit.record(Kind.RECOVERY_CODE_USED, user=user, actor=user,
                     detail=f"{left} recovery code{'s' if left != 1 else ''} left")
        return left
    return None


def _check_code(user: User, device, code: str, while_doing: str):
    allowed, info = device.verify_is_allowed()
    if not allowed:
        audit.record(Kind.TWO_FACTOR_FAILED, user=user, detail=f"{while_doing}: too many wrong codes, waiting")
        raise Refused(_wait_message((info or {}).get("locked_until") or timezone.now()))
    # django-otp's verify_token locks the device row, so two tries at once cannot both count as one.
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        audit.record(Kind.TWO_FACTOR_FAILED, user=user, detail=f"{while_doing}: wrong code")
        raise Refused(_("That code is not right. Type the code your app shows now, and check that the "
                        "phone's clock is right."))
    return verified


def _wait_message(until) -> str:
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
    if seconds < 120:
        return ngettext("Too many wrong codes: wait %(count)d second and try again.",
                        "Too many wrong codes: wait %(count)d seconds and try again.", seconds) % {"count": seconds}
    minutes = (seconds + 59) // 60
    return ngettext("Too many wrong codes: wait %(count)d minute and try again.",
                    "Too many wrong codes: wait %(count)d minutes and try again.", minutes) % {"count": minutes}


def _clean(code: str) -> str:
    # People copy codes with spaces or dashes ("123 456", "abcd-efgh").
    return re.sub(r"[\s-]", "", str(code or ""))[:32].lower()


# Removal ------------------------------------------------------------------------------------------

def turn_off(user: User, code: str) -> bool:
    """The holder turns it off, proving it with a current code (a session left open is not enough)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return False
    code = _clean(code)
    if not APP_CODE.match(code):
        device = StaticDevice.objects.filter(user=user, confirmed=True).first() or device
    _check_code(user, device, code, "turning off")
    return remove(user, actor=user, detail="turned off by the account holder")


def remove(user: User, *, actor: User | None = None, detail: str = "") -> bool:
    """Turns two-factor sign-in off for ``user`` (their own choice, or a reset by the secretariat)."""
    had_device = has_device(user)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    if had_device:
        audit.record(Kind.TWO_FACTOR_REMOVED, user=user, actor=actor, detail=detail)
    return had_device
