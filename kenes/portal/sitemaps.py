"""The sitemap: the portal's own pages, then every public record's page, one section per published kind."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kenes.core.models import Topic
from kenes.portal.registry import published_kinds


class PortalSitemap(Sitemap):
    changefreq = "daily"
    i18n = False

    def items(self):
        return ["portal:landing", "portal:topics", "portal:data"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.order_by("code")

    def location(self, topic):
        return reverse("portal:topic", args=[topic.code])


class KindSitemap(Sitemap):
    """The public records of one kind; the kind's own rule decides what is public."""

    changefreq = "weekly"

    def __init__(self, kind):
        self.kind = kind

    def items(self):
        return self.kind.records(None).order_by("pk")

    def location(self, record):
        return self.kind.link(record)

    def lastmod(self, record):
        return self.kind.updated(record)


def sitemaps() -> dict:
    sections = {"portal": PortalSitemap(), "topics": TopicSitemap()}
    sections.update({kind.key: KindSitemap(kind) for kind in published_kinds() if kind.in_sitemap})
    return sections


class LazySitemaps(dict):
    """The sections, asked of the registry when the sitemap is first requested (not when the URLs load)."""

    def _fill(self):
        if not super().__len__():
            self.update(sitemaps())

    def __getitem__(self, key):
        self._fill()
        return super().__getitem__(key)

    def __contains__(self, key):
        self._fill()
        return super().__contains__(key)

    def items(self):
        self._fill()
        return super().items()

    def __iter__(self):
        self._fill()
        return super().__iter__()

    def __len__(self):
        self._fill()
        return super().__len__()
