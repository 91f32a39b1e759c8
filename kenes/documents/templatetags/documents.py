"""Template tags for evidence: ``{% load documents %}{% evidence_for record as sources %}``.

Record pages in other apps show their sources through this tag, so those apps'
views (and Python) never import the documents app.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from kenes.core.dates import display_partial_date
from kenes.core.links import path_for
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
    bases: dict[int, str] = {}
    quote_path = path_for("documents:review" if reviewer else "documents:text")
    # The columns drawn here only: a mention and its document are 42 columns, and making 50 of each
    # cost the measure page 2 ms.
    mentions = _evidence_for(record, user).only("spans", "document__title", "document__original_name",
                                                "document__published", "document__text")
    for mention in mentions:
        document = mention.document
        if document.pk not in sources:
            sources[document.pk] = Source(document)
            bases[document.pk] = quote_path(document.pk)
        source, base = sources[document.pk], bases[document.pk]
        text = document.text or ""
        for start, end in mention.spans or []:
            if 0 <= start < end <= len(text):
                quote = text[start:end]
                source.quotes.append(Quote(quote, f"{base}#{span_id(start, end)}"))
    return list(sources.values())


QUOTE_LENGTH = 300


def _shortened(text: str) -> str:
    # Truncator only for the quotes it would shorten: made for each of 50 short quotes it cost 1 ms a page.
    # (It composes the text, NFC, whether it shortens it or not; so does this.)
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= QUOTE_LENGTH else Truncator(text).chars(QUOTE_LENGTH)


@register.filter
def source_items(sources) -> str:
    """The ``<li>`` of each source and its quotes, made in Python: a page of 50 quotes took the
    template language 3 ms (a record page's budget is 50 ms in all, issue 8)."""
    items, document_path = [], path_for("documents:document")
    for source in sources:
        document = source.document
        published = (format_html(' <span class="muted">{}</span>', display_partial_date(document.published))
                     if document.published else "")
        quotes = format_html_join("", '<blockquote><a href="{}">“{}”</a></blockquote>',
                                  ((quote.url, _shortened(quote.text)) for quote in source.quotes))
        items.append(format_html('<li><a href="{}"><strong>{}</strong></a>{}\n      {}\n    </li>',
                                 document_path(document.pk), document, published, quotes))
    return mark_safe("\n    ".join(items))
