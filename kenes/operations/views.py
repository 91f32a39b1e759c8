"""Probes for supervisors and load balancers: plain text, no sign-in, never cached."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from kenes.operations import health


@never_cache
def healthz(request):
    """The process is alive and answers (touches nothing else: a slow database must not get it restarted)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def metrics(request):
    """Prometheus metrics (kenes.operations.metrics), imported only when asked for: off by default."""
    from kenes.operations.metrics import metrics as view

    return view(request)


@never_cache
def readyz(request):
    results = health.checks()
    failing = [check.name for check in results if not check.ok]
    head = f"not ready: {', '.join(failing)} failing" if failing else "ready"
    body = "\n".join([head, *(check.line() for check in results)]) + "\n"
    return HttpResponse(body, status=503 if failing else 200, content_type="text/plain; charset=utf-8")
