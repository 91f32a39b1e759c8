"""The optional Prometheus metrics: off by default (404), loopback or token only, documents per state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kenes.documents import services as documents
from tests.documents.samples import ARTICLE

METRICS_MIDDLEWARE = "kenes.operations.metrics.MetricsMiddleware"


@pytest.fixture
def metrics_on(settings):
    settings.KENES_METRICS = True
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], METRICS_MIDDLEWARE, *settings.MIDDLEWARE[1:]]
    return settings


def test_metrics_are_off_by_default(client, settings):
    assert settings.KENES_METRICS is False and METRICS_MIDDLEWARE not in settings.MIDDLEWARE
    assert client.get("/metrics").status_code == 404


def test_metrics_report_documents_per_state_queue_depth_and_requests(client, alice, metrics_on):
    metrics_on.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    outcome = documents.ingest(alice, ARTICLE.encode(), name="article.txt", enqueue=False)
    assert documents.enqueue_extraction(outcome.document.pk)
    assert client.get(reverse("web:dashboard")).status_code == 200
    response = client.get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'kenes_documents{state="queued"} 1.0' in text
    assert 'kenes_documents{state="failed"} 0.0' in text
    assert "kenes_task_queue_depth 1.0" in text
    assert 'kenes_http_requests_total{method="GET",status="200",view="web:dashboard"}' in text
    assert 'kenes_http_request_duration_seconds_bucket{le="0.25",method="GET",view="web:dashboard"}' in text


def test_metrics_are_refused_from_elsewhere_and_through_a_proxy(client, metrics_on):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 403
    # A reverse proxy on this machine connects from loopback but says whom it forwards.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403


def test_with_a_token_only_its_bearer_may_read_them(client, db, metrics_on):
    metrics_on.KENES_METRICS_TOKEN = "a-long-random-metrics-token"
    assert client.get("/metrics").status_code == 403  # loopback is not enough any more
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    response = client.get("/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION="Bearer a-long-random-metrics-token")
    assert response.status_code == 200 and "kenes_documents" in response.content.decode()
