"""Users and their roles: secretariat (per party), council member, reader."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def default_time_zone() -> str:
    """The site's zone (settings.TIME_ZONE), read when an account is made rather than frozen in a migration."""
    return settings.TIME_ZONE


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("%(zone)s is not a time zone; choose one from the list."),
                              params={"zone": value}, code="unknown_time_zone") from None


class User(AbstractUser):
    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        MEMBER = "member", _("Council member")
        READER = "reader", _("Reader")

    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.READER,
        help_text=_("Secretariat: sees and edits everything. Council member: sees internal records. "
                    "Reader: sees public records only."),
    )
    party = models.ForeignKey(
        "directory.Party",
        verbose_name=_("party"),
        null=True, blank=True,
        # A party is never deleted while people work for it.
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("The side this user works for (each party has its own secretariat)."),
    )

    person = models.OneToOneField(
        "directory.Person",
        verbose_name=_("directory entry"),
        null=True, blank=True,
        # The account outlives a directory entry that is removed; the link just goes.
        on_delete=models.SET_NULL,
        related_name="account",
        help_text=_("The person this account belongs to: their roles and work items show on their dashboard."),
    )

    time_zone = models.CharField(
        _("time zone"), max_length=64, default=default_time_zone, validators=[validate_time_zone],
        help_text=_("Times of meetings are shown in this zone, with the meeting's own zone beside them."),
    )

    # Who gave whom which role, and when; passwords and sign-in times stay out of it.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_secretariat(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == self.Role.SECRETARIAT)

    @property
    def is_council_member(self) -> bool:
        return self.is_active and (self.is_secretariat or self.role == self.Role.MEMBER)


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token for scripts; only its hash is kept, the key is shown once.

    Every token expires (``KENES_TOKEN_MAX_DAYS`` at most) and has a scope: a read token's
    writes are refused. All of a user's tokens are revoked when their password changes or
    their role is lowered (kenes.accounts.signals).
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        User, verbose_name=_("user"),
        # A token dies with its user.
        on_delete=models.CASCADE, related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What the token is for, e.g. 'statistics import script'."))
    prefix = models.CharField(_("prefix"), max_length=8, editable=False,
                              help_text=_("The first characters of the key, to tell tokens apart."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Written at most once a minute (services.LAST_USED_EVERY): a busy script must not write on every call.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True,
                                        help_text=_("Updated at most once a minute."))
    expires_at = models.DateTimeField(_("expires"), help_text=_("After this moment the token is refused."))
    # Write as the default: what every token could do before scopes existed (the forms offer read first).
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices, default=Scope.WRITE)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    def is_expired(self, now=None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @classmethod
    def new_key(cls) -> str:
        return "kenes_" + secrets.token_urlsafe(32)


class SecurityEvent(models.Model):
    """What a security reviewer asks about: who signed in or failed to, from where, and what changed in access.

    Written by kenes.accounts.audit only, never edited; not a Record (no visibility, versions or
    history: the log is itself the history). Kept ``KENES_AUDIT_RETENTION_DAYS`` days.
    """

    class Kind(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out")
        SIGN_OUT = "sign_out", _("Signed out")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        ROLE_CHANGED = "role_changed", _("Role or access changed")
        PERMISSIONS_CHANGED = "permissions_changed", _("Permissions changed")
        RESTRICTED_EXPORT = "restricted_export", _("Restricted records downloaded")
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Two-factor sign-in set up")
        TWO_FACTOR_FAILED = "two_factor_failed", _("Two-factor code refused")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        TWO_FACTOR_REMOVED = "two_factor_removed", _("Two-factor sign-in removed")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        User, verbose_name=_("account"), null=True, blank=True,
        # The event outlives the account; the username below still says whose it was.
        on_delete=models.SET_NULL, related_name="security_events",
    )
    username = models.CharField(_("username"), max_length=150, blank=True,
                                help_text=_("As typed for a failed sign-in; the account's name otherwise."))
    actor = models.ForeignKey(
        User, verbose_name=_("done by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    request_id = models.CharField(_("request id"), max_length=128, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
