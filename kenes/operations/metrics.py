"""Optional Prometheus metrics at /metrics (``KENES_METRICS=1``; docs/operations.md).

- ``kenes_http_requests_total{method,view,status}`` and ``kenes_http_request_duration_seconds{method,view}``,
  counted by :class:`MetricsMiddleware` (``view``: the URL pattern's name, so the number of series stays
  bounded whatever paths are asked for);
- ``kenes_documents{state}``: documents per state, and ``kenes_task_queue_depth``: tasks waiting in
  the queue (the database queue's READY rows, or the RQ queue's length), read when scraped.

Under ``kenes serve`` the gunicorn workers share their counters through files in
``$KENES_DATA_DIR/metrics-<port>/`` (prometheus_client's multiprocess mode, set up by kenes.server),
so a scrape sees every worker's requests, not only those of the worker that answered it.

Who may read it: with ``KENES_METRICS_TOKEN`` set, whoever sends ``Authorization: Bearer <token>``;
without it, only a client on this machine connecting directly (loopback address and no
X-Forwarded-For, so a reverse proxy on the same machine does not open it to the world). When
metrics are off the address answers 404, as if it did not exist.
"""

from __future__ import annotations

import hmac
import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter("kenes_http_requests", "Requests answered", ["method", "view", "status"])
LATENCY = Histogram("kenes_http_request_duration_seconds", "Time to answer a request", ["method", "view"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
LOOPBACK = {"127.0.0.1", "::1"}
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class MetricsMiddleware:
    """Counts and times every request (installed by settings only when KENES_METRICS is on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name if match is not None else "") or "unresolved"
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(method, view, str(response.status_code)).inc()
        LATENCY.labels(method, view).observe(time.perf_counter() - started)
        return response


class StateCollector:
    """Documents per state and the queue's depth, counted at each scrape (cheap: two grouped counts)."""

    def collect(self):
        from django.db.models import Count

        from kenes.documents.models import Document

        documents = GaugeMetricFamily("kenes_documents", "Documents per state", labels=["state"])
        counted = dict(Document.objects.order_by().values_list("state").annotate(count=Count("pk")))
        for state in Document.State.values:
            documents.add_metric([state], counted.get(state, 0))
        yield documents
        depth = queue_depth()
        if depth is not None:
            yield GaugeMetricFamily("kenes_task_queue_depth", "Tasks waiting in the queue", value=depth)


def queue_depth() -> int | None:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db."):
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status="READY").count()
    if backend.startswith("django_tasks_rq."):
        import django_rq

        try:
            return sum(django_rq.get_queue(name).count for name in settings.RQ_QUEUES)
        except Exception:  # Redis unreachable: the depth is unknown, /readyz says why
            return None
    return None


def allowed(request) -> bool:
    token = getattr(settings, "KENES_METRICS_TOKEN", "")
    if token:
        scheme, _sep, given = request.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
    return request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META


def registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        combined = CollectorRegistry()
        multiprocess.MultiProcessCollector(combined)
    else:
        combined = CollectorRegistry()
        for collector in (REQUESTS, LATENCY):
            combined.register(collector)
    combined.register(StateCollector())
    return combined


@never_cache
def metrics(request):
    if not settings.KENES_METRICS:
        raise Http404
    if not allowed(request):
        return HttpResponseForbidden("metrics: only from this machine, or with the metrics token\n",
                                     content_type="text/plain; charset=utf-8")
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
