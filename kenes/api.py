"""The REST API: assembles each app's router; token auth for scripts, session for the browser.

Visibility rules are the same as on pages: every read goes through ``visible_to``.
Errors are JSON ``{"detail": …}`` in the language of the request's Accept-Language.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from kenes.accounts.services import TokenExpired, user_for_token
from kenes.core import api_http
from kenes.core.openapi import DocumentedAPI
from kenes.core.services import Conflict

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


SECRETARIAT_ONLY = gettext_lazy("Only the secretariat can change these records.")
READ_ONLY_TOKEN = gettext_lazy("This API token may only read. Create a token with the read-and-write scope "
                               "on your account page to change records.")


class ExpiredToken(AuthenticationError):
    """A 401 whose message says the token expired, so its owner makes a new one rather than hunt for a typo."""


def _is_secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


class TokenOrSession(HttpBearer):
    """A bearer token when given (401 if it is wrong); otherwise the browser session, read-only.

    Session writes are refused so that no cross-site form can write through the API:
    scripts and integrations write with a token. A write by someone ``may_write`` refuses is
    a 403 here, before the body is parsed or any record looked up, so a stranger learns
    nothing from the answer. The services check the role again; a router whose writes are
    open to more roles passes its own ``TokenOrSession(may_write=…)`` as its ``auth``.
    An expired token is a 401 that says so; a read-scope token's write is a 403.
    """

    def __init__(self, may_write=_is_secretariat, refusal=SECRETARIAT_ONLY):
        super().__init__()
        self.may_write, self.refusal = may_write, refusal

    def __call__(self, request):
        user = self._user(request)
        if request.method not in SAFE_METHODS:
            if not self.may_write(user):
                raise PermissionDenied(str(self.refusal))
            token = getattr(user, "api_token", None)
            if token is not None and not token.may_write:
                raise PermissionDenied(str(READ_ONLY_TOKEN))
        return user

    def _user(self, request):
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _sep, key = header.partition(" ")
            try:
                user = user_for_token(key.strip()) if scheme.lower() == "bearer" else None
            except TokenExpired as exc:
                raise ExpiredToken(message=_("This API token expired on %(date)s. Create a new one on your "
                                             "account page.") % {"date": f"{exc.token.expires_at:%Y-%m-%d}"}) from None
            if user is None:
                raise AuthenticationError
            request.user = user
            return user
        if request.method not in SAFE_METHODS:
            from django.contrib.auth.models import AnonymousUser

            request.user = AnonymousUser()
        return request.user

    def authenticate(self, request, token):  # pragma: no cover - __call__ does the work
        return user_for_token(token)


api = DocumentedAPI(  # its OpenAPI document adds who may call, the errors and examples
    title="Kenes API",
    version="1",
    description="Parties, organisations, people and their roles. Anonymous callers see public "
                "records; send `Authorization: Bearer <token>` (create one on your account page) "
                "to see what your role allows and, for the secretariat, to write.",
    auth=TokenOrSession(),
    throttle=api_http.AnonymousRateLimit(),  # anonymous callers: KENES_API_ANON_RATE per address
    urls_namespace="api",
)
api_http.install(api)  # its 429 in the reader's language


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    detail = str(exc) if isinstance(exc, ExpiredToken) else _("The API token is missing, wrong or revoked.")
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="kenes"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    if _without_credentials(request):
        # Neither a token nor a signed-in session: what is missing is a token (401), not a role (403).
        return _unauthenticated(request, exc)
    message = str(exc) or _("You are not allowed to do this.")
    return api.create_response(request, {"detail": message}, status=403)


def _without_credentials(request) -> bool:
    from django.contrib.auth import SESSION_KEY

    return not request.headers.get("Authorization") and SESSION_KEY not in getattr(request, "session", {})


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": _("The data is not valid."), "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    # The same shape as model errors: {"field": ["message", …]}, the field being the last
    # part of pydantic's location (body → payload → name_en).
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        field = location[-1] if location else "__all__"
        errors.setdefault(field, []).append(_input_message(error))
    return api.create_response(request, {"detail": _("The request is not valid."), "errors": errors}, status=422)


def _input_message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return _("This field is not known.")
    if kind == "missing":
        return _("This field is required.")
    if kind in {"enum", "literal_error"}:
        return _("This value is not one of the allowed choices.")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        context = error.get("ctx", {})
        low, high = context.get("ge", context.get("gt")), context.get("le", context.get("lt"))
        if low is not None and high is None:
            return _("This number must be at least %(low)s.") % {"low": low}
        if high is not None and low is None:
            return _("This number must be at most %(high)s.") % {"high": high}
        return _("This number is out of range.")
    if kind in {"string_too_long", "too_long"}:
        return _("This value is too long.")
    if kind.startswith(("int_", "string_", "bool_", "list_", "float_")):
        return _("This value has the wrong type.")
    return _("This value is not valid.")


@api.exception_handler(HttpError)
def _http_error(request, exc):
    message = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc)
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(DataError)
def _data_error(request, exc):
    # The schemas bound every value first (kenes.core.api_types); this is the last guard, not a 500.
    return api.create_response(request, {"detail": _("A value is too large or not valid for the database; nothing was saved.")},
                               status=400)


@api.exception_handler(Conflict)
def _stale_version(request, exc):
    # A lost update refused: who changed the record, when, and what differs (docs/api.md, "Versions").
    response = api.create_response(request, exc.as_dict(), status=409)
    response["ETag"] = f'"{exc.current_version}"'
    return response


@api.exception_handler(IntegrityError)
def _conflict(request, exc):
    # The services validate first; this is the last guard (e.g. two writes racing), not a 500.
    return api.create_response(request, {"detail": _("The change conflicts with existing data; nothing was saved.")},
                               status=409)


def _add_routers() -> None:
    """Every installed Kenes app's ``api.py`` that defines ``router``: the next app needs no edit here."""
    import importlib
    import importlib.util

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("kenes."):
            continue
        module_name = f"{config.name}.api"
        if importlib.util.find_spec(module_name) is None:
            continue
        router = getattr(importlib.import_module(module_name), "router", None)
        if router is not None:
            api.add_router("/", router)
    # Last, so it only answers what no app does: an unknown address under /api/ is a JSON 404 too.
    unknown = Router()

    @unknown.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None,
                           include_in_schema=False)
    def not_found(request, rest: str):
        raise Http404

    api.add_router("/", unknown)


_add_routers()
