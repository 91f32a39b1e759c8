"""What the landing page shows: the partnership at a glance, read as the public reads it.

The counts by status and topic walk every public measure; they are cached under the data
version (``opendata.data_version``: counts and latest changes of the published records), so a
hundred thousand measures cost one cheap version query per page until something changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from kenes.portal.registry import PUBLIC

LATEST = 5


@dataclass(frozen=True)
class Tally:
    code: str
    name: str
    count: int


def _measure_tallies() -> dict:
    from kenes.core.models import Topic
    from kenes.inventory.models import Measure, MeasureStatus

    public = Measure.objects.visible_to(PUBLIC)
    by_status = dict(public.order_by().values_list("status").annotate(n=Count("pk")))
    # Grouped over the join (not "measure in (public measures)"): one pass over the measures.
    by_topic = dict(public.filter(topics__isnull=False).order_by().values_list("topics").annotate(n=Count("pk")))
    return {
        "total": sum(by_status.values()),
        "statuses": [(status.pk, status.code, by_status.get(status.pk, 0)) for status in MeasureStatus.objects.all()],
        "topics": [(topic.pk, topic.code, by_topic.get(topic.pk, 0)) for topic in Topic.objects.all()],
    }


def measure_tallies() -> dict:
    """Public measures by status and by topic (names in the reader's language, counts cached)."""
    from kenes.core.models import Topic
    from kenes.inventory.models import MeasureStatus
    from kenes.portal.opendata import data_version

    key = f"portal:tallies:{data_version()}"
    raw = cache.get(key)
    if raw is None:
        raw = _measure_tallies()
        cache.set(key, raw, 3600)
    statuses = {status.pk: status for status in MeasureStatus.objects.all()}
    topics = {topic.pk: topic for topic in Topic.objects.all()}
    return {
        "total": raw["total"],
        "statuses": [Tally(code, statuses[pk].name, count) for pk, code, count in raw["statuses"] if pk in statuses],
        "topics": sorted((Tally(code, topics[pk].name, count) for pk, code, count in raw["topics"] if pk in topics),
                         key=lambda tally: (-tally.count, tally.name)),
    }


def meetings() -> dict:
    from kenes.council.models import Meeting

    today = timezone.localdate().isoformat()
    public = Meeting.objects.visible_to(PUBLIC).exclude(status=Meeting.Status.CANCELLED).select_related("body")
    return {
        "last": public.filter(date__lt=today).exclude(date="").order_by("-date", "-pk").first(),
        "next": public.filter(date__gte=today).order_by("date", "pk").first(),
    }


def upcoming_events() -> list:
    from kenes.council.models import Event

    today = timezone.localdate().isoformat()
    return list(Event.objects.visible_to(PUBLIC).filter(start_date__gte=today)
                .exclude(status=Event.Status.CANCELLED).order_by("start_date", "pk")[:LATEST])


def latest_documents() -> list:
    from kenes.documents.models import Document

    return list(Document.objects.visible_to(PUBLIC).order_by("-created_at", "-pk")
                .only("pk", "title", "original_name", "published", "kind", "created_at")[:LATEST])


def targets() -> list:
    from kenes.indicators.services import current_targets_progress

    return current_targets_progress(PUBLIC, limit=3)


def landing() -> dict:
    """Everything of the landing page; a part whose app is not installed is simply absent."""
    context = {}
    if apps.is_installed("kenes.indicators"):
        context["targets"] = targets()
    if apps.is_installed("kenes.inventory"):
        context["tallies"] = measure_tallies()
    if apps.is_installed("kenes.council"):
        context["meetings"] = meetings()
        context["events"] = upcoming_events()
    if apps.is_installed("kenes.documents"):
        context["documents"] = latest_documents()
    return context
