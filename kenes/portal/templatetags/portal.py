"""Metadata for the portal's pages: schema.org JSON-LD and Open Graph."""

from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As Django's json_script: nothing in the data can close the script element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict):
    """A ``<script type="application/ld+json">`` block: data, never run, so the CSP has nothing to refuse."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    from kenes.portal.views import absolute

    return absolute(context["request"], path)
