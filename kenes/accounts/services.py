"""The write path for accounts: creating users and API tokens."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.models import ApiToken, User, hash_token

SECRETARIAT_GROUP = "Secretariat"
# The apps whose records the secretariat manages in the Django admin as well as in the pages.
SECRETARIAT_APPS = ("core", "directory")


def sync_admin_access(user: User) -> None:
    """Keep the Django admin in step with the role: the secretariat in, everyone else out.

    Called whenever a role is set (demo accounts, the admin's user form); the admin
    site itself also checks the role, so a stale ``is_staff`` opens nothing.
    """
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    if not group.permissions.exists():
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS))
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


@transaction.atomic
def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the key, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name that says what it is for.")})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=key[6:14], key_hash=hash_token(key))
    return token, key


def user_for_token(key: str) -> User | None:
    """The active user a bearer key belongs to, recording when it was used."""
    if not key or not key.startswith("kenes_"):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def revoke_api_token(user: User, token_id: int) -> bool:
    deleted, _details = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0
