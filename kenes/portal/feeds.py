"""Atom and RSS feeds of what is newly published: all kinds together or one, for all topics or one.

Built on django.contrib.syndication. The entries are the public records of the kinds the apps
register (``registry.PublishedKind``), newest first; an entry's date is when the record was first
recorded and its "updated" its last change (a record made public later shows its original date).
Titles and summaries in the reader's language.
"""

from __future__ import annotations

import heapq

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kenes.core.models import Topic
from kenes.portal.registry import published_kind, published_kinds

LIMIT = 50
FORMATS = {"atom": Atom1Feed, "rss": Rss201rev2Feed}


class PublishedFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        feed_format = kwargs.get("feed_format")
        if feed_format not in FORMATS:
            raise Http404
        self.feed_type = FORMATS[feed_format]
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, kind="all", feed_format="atom", code=None):
        topic = get_object_or_404(Topic, code=code) if code else None
        if kind == "all":
            kinds = [entry for entry in published_kinds() if entry.in_feeds]
        elif (entry := published_kind(kind)) is not None and entry.in_feeds:
            kinds = [entry]
        else:
            raise Http404
        return {"topic": topic, "kinds": kinds, "kind": kind}

    def title(self, obj):
        what = obj["kinds"][0].title if obj["kind"] != "all" else _("Newly published")
        if obj["topic"]:
            return _("Kenes: %(what)s — %(topic)s") % {"what": what, "topic": obj["topic"].name}
        return _("Kenes: %(what)s") % {"what": what}

    def link(self, obj):
        if obj["topic"]:
            return reverse("portal:topic", args=[obj["topic"].code])
        return reverse("portal:landing")

    def description(self, obj):
        return _("Public records of the Kazakhstan–Uzbekistan Expert Council, newest first.")

    def items(self, obj):
        streams = []
        for kind in obj["kinds"]:
            records = list(kind.records(obj["topic"])[:LIMIT])
            streams.append([(kind.published(record), kind.key, record.pk, kind, record) for record in records])
        merged = heapq.merge(*[sorted(stream, key=lambda row: (row[0], row[2]), reverse=True) for stream in streams],
                             key=lambda row: (row[0], row[2]), reverse=True)
        return [(kind, record) for _when, _key, _pk, kind, record in list(merged)[:LIMIT]]

    def item_title(self, item):
        kind, record = item
        return f"{kind.title}: {record}"

    def item_description(self, item):
        kind, record = item
        return str(kind.summary(record) or "")

    def item_link(self, item):
        kind, record = item
        return kind.link(record)

    def item_guid(self, item):
        kind, record = item
        return f"kenes:{kind.key}:{record.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        kind, record = item
        return kind.published(record)

    def item_updateddate(self, item):
        kind, record = item
        return kind.updated(record)

    def item_categories(self, item):
        kind, _record = item
        return [str(kind.title)]


def published_feed(request, **kwargs):
    """A fresh feed object per request: the format is set on it, and one shared object would let two
    threads' requests (one Atom, one RSS) swap formats."""
    return PublishedFeed()(request, **kwargs)
