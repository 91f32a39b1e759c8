"""Security events from Django's, django-axes's and the model's own signals (kenes.accounts.audit)."""

from __future__ import annotations

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import update_last_login
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils import timezone

from kenes.accounts import audit
from kenes.accounts.models import User

Kind = audit.Kind
# Access-giving fields; is_staff follows the role (services.sync_admin_access), so it would only repeat it.
WATCHED = {"role": "role", "party_id": "party", "is_superuser": "superuser", "is_active": "active"}


def signed_in(sender, request, user, **kwargs):
    audit.record(Kind.SIGN_IN, user=user, request=request, actor=user)


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record(Kind.SIGN_OUT, user=user, request=request, actor=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    account = User.objects.filter(username=username).first() if username else None
    audit.record(Kind.SIGN_IN_FAILED, user=account, username=username, request=request)


def locked_out(sender, request, username, ip_address, **kwargs):
    account = User.objects.filter(username=username).first() if username else None
    audit.record(Kind.LOCKED_OUT, user=account, username=username or "", request=request,
                 detail="too many failed sign-ins: locked for a while")


def record_last_login(sender, user, **kwargs):
    """Django's update_last_login saves the user, which added a history row per sign-in: an UPDATE does not."""
    user.last_login = timezone.now()
    type(user)._base_manager.filter(pk=user.pk).update(last_login=user.last_login)


def _describe(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "—" if value in (None, "") else str(value)


def before_user_saved(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or not instance.pk:
        return
    before = sender._base_manager.filter(pk=instance.pk).values(*WATCHED).first()
    if before is None:
        return
    changes = [f"{label}: {_describe(before[field])} → {_describe(getattr(instance, field))}"
               for field, label in WATCHED.items() if before[field] != getattr(instance, field)]
    # Kept on the instance until it is saved: recorded only if the save goes through.
    instance._kenes_access_changes = changes
    # set_password() leaves _password set until the save (any path: password page, admin, changepassword);
    # a hash upgraded at sign-in clears it first, so it revokes nothing.
    instance._kenes_password_changed = getattr(instance, "_password", None) is not None
    instance._kenes_access_lowered = _rank(before["role"], before["is_superuser"]) > _rank(
        instance.role, instance.is_superuser)


def _rank(role: str, is_superuser: bool) -> int:
    """Secretariat (or superuser) above council member above reader: lowering it revokes the API tokens."""
    if is_superuser:
        return 3
    return {User.Role.SECRETARIAT: 2, User.Role.MEMBER: 1}.get(role, 0)


def after_user_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    changes = instance.__dict__.pop("_kenes_access_changes", [])
    if changes:
        audit.record(Kind.ROLE_CHANGED, user=instance, detail="; ".join(changes))
    password_changed = instance.__dict__.pop("_kenes_password_changed", False)
    lowered = instance.__dict__.pop("_kenes_access_lowered", False)
    if password_changed:
        audit.record(Kind.PASSWORD_CHANGED, user=instance)
    # A token outliving the password (or the role) it was made under would keep a stolen or old access open.
    if password_changed or lowered:
        from kenes.accounts.services import revoke_all_api_tokens

        revoke_all_api_tokens(instance, "password changed" if password_changed else "role lowered")


def permissions_changed(sender, instance, action, model, pk_set, reverse=False, **kwargs):
    from kenes.accounts.services import SECRETARIAT_GROUP

    if reverse or action not in {"post_add", "post_remove", "post_clear"} or not isinstance(instance, User):
        return
    names = [str(item) for item in model._base_manager.filter(pk__in=pk_set or [])]
    # The Secretariat group follows the role, whose change is already recorded.
    names = [name for name in names if name != SECRETARIAT_GROUP]
    if not names and action != "post_clear":
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "all removed"}[action]
    audit.record(Kind.PERMISSIONS_CHANGED, user=instance,
                 detail=f"{model._meta.verbose_name_plural} {verb}: {', '.join(sorted(names)) or '—'}")


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    user_logged_in.connect(record_last_login, dispatch_uid="kenes.accounts.last_login")
    user_logged_in.connect(signed_in, dispatch_uid="kenes.accounts.audit.sign_in")
    user_logged_out.connect(signed_out, dispatch_uid="kenes.accounts.audit.sign_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="kenes.accounts.audit.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="kenes.accounts.audit.locked_out")
    pre_save.connect(before_user_saved, sender=User, dispatch_uid="kenes.accounts.audit.before_save")
    post_save.connect(after_user_saved, sender=User, dispatch_uid="kenes.accounts.audit.after_save")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(permissions_changed, sender=through,
                            dispatch_uid=f"kenes.accounts.audit.{through._meta.label}")
