"""Refuse requests carrying text no record can hold, before any view, form or API schema sees them.

PostgreSQL cannot store NUL, neither database takes a lone surrogate, a percent-escape that is
not UTF-8 was never typed by a person, and a filter longer than a page of text is not a filter.
One check here covers every app's pages and API alike: the answer is a 400 in the reader's
language, JSON ``{"detail": …}`` under /api/ and a page elsewhere.
"""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest, JsonResponse
from django.template import TemplateDoesNotExist, loader
from django.utils.translation import gettext as _

API_PREFIX = "/api/"  # where kenes/urls.py mounts the API
# Longer than any search term, filter or page number a person sends; the API and pages would
# otherwise fold and search a 10,000-character "name" on every request.
MAX_QUERY_VALUE = 1000
FORM_TYPES = ("application/x-www-form-urlencoded",)


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = _problem(request)
        if message:
            return _refuse(request, message)
        response = self.get_response(request)
        if response.status_code == 405 and request.path_info.startswith(API_PREFIX) \
                and not response.get("Content-Type", "").startswith("application/json"):
            # The API answers in JSON even when the method is wrong (PUT where PATCH is meant).
            allowed = response.get("Allow", "")
            answer = JsonResponse({"detail": _("This method is not allowed here; use %(methods)s.")
                                   % {"methods": allowed or "GET"}}, status=405)
            if allowed:
                answer["Allow"] = allowed
            return answer
        return response


def _problem(request) -> str | None:
    if "\x00" in request.path_info:
        return _("The address contains a character that is not allowed.")
    problem = _query_problem(request.META.get("QUERY_STRING", ""), MAX_QUERY_VALUE)
    if problem:
        return problem
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        return _query_problem(request.body.decode("latin-1"), None)
    if content_type == "application/json" or content_type.endswith("+json"):
        return _json_problem(request.body, strict=True)
    if request.path_info.startswith(API_PREFIX) and not content_type.startswith("multipart/"):
        # The API reads a JSON body whatever the Content-Type says; binary uploads are left alone.
        return _json_problem(request.body, strict=False)
    return None


def _query_problem(query: str, max_length: int | None) -> str | None:
    """NUL, broken UTF-8 or a lone surrogate in any name or value of ``a=1&b=2`` (WSGI gives it latin-1)."""
    try:
        raw = query.encode("latin-1")
    except UnicodeEncodeError:
        raw = query.encode("utf-8", "surrogatepass")  # already decoded by the server; recheck strictly
    for pair in raw.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                text = unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")  # refuses surrogates too
            except UnicodeDecodeError:
                return _("The request contains text that is not valid UTF-8.")
            if "\x00" in text:
                return _("The request contains a NUL character, which is not allowed.")
            if max_length is not None and len(text) > max_length:
                return _("A value in the address is longer than %(limit)d characters.") % {"limit": max_length}
    return None


def _json_problem(body: bytes, strict: bool) -> str | None:
    if not body:
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _("The request contains text that is not valid UTF-8.") if strict else None
    try:
        data = json.loads(text)
    except ValueError:
        return None  # not JSON at all: the API answers that itself
    except RecursionError:
        return _("The request body is nested too deeply.")
    pending = [data]
    while pending:  # a loop, not recursion: the body is nested as deep as the sender likes
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                return _("The request contains a NUL character, which is not allowed.")
            if not _is_utf8(value):
                return _("The request contains a broken character (a lone surrogate), which is not text.")
    return None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse(request, message: str):
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=400)
    try:
        template = loader.get_template("400.html")
    except TemplateDoesNotExist:
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return HttpResponseBadRequest(template.render({"message": message, "exception": message}, request))
