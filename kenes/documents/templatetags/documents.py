"""Template tags for evidence: ``{% load documents %}{% evidence_for record as sources %}``.

Record pages in other apps show their sources through this tag, so those apps'
views (and Python) never import the documents app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.urls import reverse

from kenes.documents.highlighting import span_id
from kenes.documents.services import evidence_for as _evidence_for

register = template.Library()


@dataclass
class Quote:
    text: str
    url: str


@dataclass
class Source:
    document: object
    quotes: list[Quote] = field(default_factory=list)


@register.simple_tag(takes_context=True)
def evidence_for(context, record):
    """The documents (visible to the reader) supporting ``record``, each with its quotes and links to the spans."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if record is None or getattr(record, "pk", None) is None:
        return []
    reviewer = bool(getattr(user, "is_authenticated", False) and getattr(user, "is_secretariat", False))
    sources: dict[int, Source] = {}
    for mention in _evidence_for(record, user):
        document = mention.document
        source = sources.setdefault(document.pk, Source(document))
        base = reverse("documents:review" if reviewer else "documents:text", args=[document.pk])
        text = document.text or ""
        for start, end in mention.spans or []:
            if 0 <= start < end <= len(text):
                quote = text[start:end]
                source.quotes.append(Quote(quote, f"{base}#{span_id(start, end)}"))
    return list(sources.values())
