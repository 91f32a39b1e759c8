"""The write path for accounts: creating users and API tokens (two-factor sign-in: kenes.accounts.two_factor)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kenes.accounts import audit
from kenes.accounts.models import ApiToken, User, hash_token, validate_time_zone

SECRETARIAT_GROUP = "Secretariat"


def secretariat_permissions(using: str = DEFAULT_DB_ALIAS):
    """Every permission of every installed Kenes app, found by walking the apps (no list to keep).

    An app whose config says ``secretariat_view_only`` (accounts) gives view permissions
    only: changing users in the admin would let a secretariat account make itself superuser.
    Domain records are read-only in the admin whatever the group holds (``kenes.core.admin``).
    """
    from django.contrib.auth.models import Permission

    from kenes.core.records import kenes_app_configs

    configs = kenes_app_configs()
    view_only = [config.label for config in configs if getattr(config, "secretariat_view_only", False)]
    return (Permission.objects.db_manager(using)
            .filter(content_type__app_label__in=[config.label for config in configs])
            .filter(~Q(content_type__app_label__in=view_only) | Q(codename__startswith="view_")))


def sync_secretariat_group(using: str = DEFAULT_DB_ALIAS):
    """The "Secretariat" group with exactly ``secretariat_permissions()``, written only when they differ.

    Run at every role change and after every ``migrate``, so an app installed later
    appears in the admin without anyone touching the group.
    """
    from django.contrib.auth.models import Group

    group, _created = Group.objects.db_manager(using).get_or_create(name=SECRETARIAT_GROUP)
    wanted = set(secretariat_permissions(using).values_list("pk", flat=True))
    if set(group.permissions.values_list("pk", flat=True)) != wanted:
        group.permissions.set(wanted)
    return group


def sync_admin_access(user: User) -> None:
    """Keep the Django admin in step with the role: the secretariat in, everyone else out.

    Called whenever a role is set (demo accounts, the admin's user form); the admin
    site itself also checks the role, so a stale ``is_staff`` opens nothing.
    """
    group = sync_secretariat_group()
    if user.is_superuser:
        return
    is_secretariat = user.role == User.Role.SECRETARIAT
    if user.is_staff != is_secretariat:
        user.is_staff = is_secretariat
        user.save(update_fields=["is_staff"])
    if is_secretariat:
        user.groups.add(group)
    else:
        user.groups.remove(group)


def require_secretariat(actor) -> None:
    """Every write to council records goes through here first."""
    if actor is None or not getattr(actor, "is_secretariat", False):
        raise PermissionDenied(_("Only the secretariat can change these records."))


# A token's last use is written at most this often: a script calling many times a minute writes once.
LAST_USED_EVERY = timedelta(minutes=1)
DEFAULT_TOKEN_DAYS = 90


class TokenExpired(Exception):
    """A known key whose token has expired: the API says so instead of "wrong token"."""

    def __init__(self, token: ApiToken):
        super().__init__(f"token {token} expired at {token.expires_at:%Y-%m-%d %H:%M}")
        self.token = token


def default_token_days() -> int:
    return min(DEFAULT_TOKEN_DAYS, settings.KENES_TOKEN_MAX_DAYS)


def _token_days(days) -> int:
    if days in (None, ""):
        return default_token_days()
    limit = settings.KENES_TOKEN_MAX_DAYS
    try:
        days = int(str(days).strip())
    except ValueError:
        days = 0
    if not 1 <= days <= limit:
        # A plural: Russian says "до 21 дня" but "до 365 дней".
        raise ValidationError({"days": ngettext("A token lasts from 1 to %(limit)d day.",
                                                "A token lasts from 1 to %(limit)d days.", limit) % {"limit": limit}})
    return days


@transaction.atomic
def create_api_token(user: User, name: str, *, scope: str = ApiToken.Scope.WRITE,
                     days: int | str | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``, lasting ``days`` (90 by default); returns it with the key, never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name that says what it is for.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose whether the token may only read or also write.")})
    expires_at = timezone.now() + timedelta(days=_token_days(days))
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[6:14], key_hash=hash_token(key),
                                    scope=scope, expires_at=expires_at)
    audit.record(audit.Kind.TOKEN_CREATED, user=user,
                 detail=f"{token}: {scope}, expires {expires_at:%Y-%m-%d}")
    return token, key


def user_for_token(key: str) -> User | None:
    """The active user a bearer key belongs to, with the token as ``user.api_token`` (its scope decides writes).

    ``None`` for an unknown key; :class:`TokenExpired` for a known one past its expiry. The last use
    is written at most once a minute, and only when stale, so most calls write nothing.
    """
    if not key or not key.startswith("kenes_"):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.is_expired(now):
        raise TokenExpired(token)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        # Conditional, so two workers answering the same script at once write once.
        (ApiToken.objects.filter(pk=token.pk)
         .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY))
         .update(last_used_at=now))
    user = token.user
    user.api_token = token
    return user


def set_time_zone(user: User, zone: str) -> User:
    """The zone ``user`` reads times in; a name the tz database does not know is refused."""
    zone = (zone or "").strip()
    validate_time_zone(zone)
    user.time_zone = zone
    user.save(update_fields=["time_zone"])
    return user


@transaction.atomic
def revoke_api_token(user: User, token_id: int) -> bool:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        return False
    token.delete()
    audit.record(audit.Kind.TOKEN_REVOKED, user=user, detail=str(token))
    return True


def revoke_all_api_tokens(user: User, reason: str) -> int:
    """Every token of ``user`` revoked (password changed, role lowered), one security event each."""
    tokens = list(ApiToken.objects.filter(user=user))
    ApiToken.objects.filter(pk__in=[token.pk for token in tokens]).delete()
    for token in tokens:
        audit.record(audit.Kind.TOKEN_REVOKED, user=user, detail=f"{token}: {reason}")
    return len(tokens)
