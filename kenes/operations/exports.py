"""Bulk exports that carry non-public records go into the security log (kenes.accounts.audit).

List downloads (CSV, XLSX) are recorded by kenes.web.lists when they hold restricted records. The
machine-readable exports — the IATI-style JSON of projects and of indicators, as pages and through
the API — are made to be passed on, so one that holds any internal or restricted record is recorded
with its counts; an export of public records only (what anonymous readers and the open-data files
get) is not. A meeting's briefing pack gathers its internal papers for members and the secretariat:
every pack downloaded is recorded.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from kenes.core.models import Visibility


def record_bulk_export(user, name: str, *querysets) -> None:
    """``querysets``: the records the export holds (each already limited to what ``user`` may see)."""
    counts: Counter = Counter()
    for queryset in querysets:
        counts.update(dict(queryset.exclude(visibility=Visibility.PUBLIC).order_by().values_list("visibility")
                           .annotate(count=Count("pk"))))
    if not counts:
        return
    from kenes.accounts import audit

    total = sum(queryset.count() for queryset in querysets)
    audit.record(audit.Kind.RESTRICTED_EXPORT, user=_account(user),
                 detail=f"{name}: {total} records, {counts[Visibility.INTERNAL]} internal, "
                        f"{counts[Visibility.RESTRICTED]} restricted")


def record_briefing_pack(user, meeting, language: str, file_format: str) -> None:
    from kenes.accounts import audit

    audit.record(audit.Kind.RESTRICTED_EXPORT, user=_account(user),
                 detail=f"briefing pack of meeting {meeting.pk} ({language}, {file_format})")


def _account(user):
    # The account itself, not the request's lazy wrapper (a foreign key takes only a real User).
    return getattr(user, "_wrapped", user)
