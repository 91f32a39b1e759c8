"""The work plan's write path: plans, items with who answers for them on each side, progress updates.

Progress updates may be posted by the secretariat and by council members whose
account is linked to the lead person or who belong to a responsible organisation
(``can_report``). Posting one sets the item's progress and rolls it up into the
measure (``kenes.inventory.services.refresh_progress``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.inventory import services as inventory
from kenes.workplan.models import ProgressUpdate, Responsibility, WorkItem, WorkPlan

PLAN_FIELDS = core.editable_fields(WorkPlan)
ITEM_FIELDS = core.editable_fields(WorkItem)


def create_plan(actor, *, reason: str = "", **data) -> WorkPlan:
    return core.create(actor, WorkPlan, data, allowed=PLAN_FIELDS, reason=reason)


def update_plan(actor, plan: WorkPlan, *, version: int | None = None, reason: str = "", **data) -> WorkPlan:
    return core.update(actor, plan, data, allowed=PLAN_FIELDS, version=version, reason=reason)


def _check_item(item: WorkItem) -> None:
    duplicate = WorkItem.objects.live().filter(plan_id=item.plan_id, measure_id=item.measure_id)
    if item.pk:
        duplicate = duplicate.exclude(pk=item.pk)
    if duplicate.exists():
        raise ValidationError({"measure": _("This measure is already in the work plan.")})


@transaction.atomic
def create_item(actor, *, responsibilities: list[dict] | None = None, reason: str = "", **data) -> WorkItem:
    """A measure adopted into a plan; ``responsibilities``: [{"party", "organization", "lead"}, …]."""
    item = core.create(actor, WorkItem, data, allowed=ITEM_FIELDS, reason=reason, prepare=_check_item)
    set_responsibilities(actor, item, responsibilities or [], reason=reason)
    _refresh(item)
    return item


@transaction.atomic
def update_item(actor, item: WorkItem, *, version: int | None = None, reason: str = "",
                responsibilities: list[dict] | None = None, **data) -> WorkItem:
    old_measure = item.measure_id
    item = core.update(actor, item, data, allowed=ITEM_FIELDS, version=version, reason=reason, prepare=_check_item)
    if responsibilities is not None:
        set_responsibilities(actor, item, responsibilities, reason=reason)
    _refresh(item)
    if old_measure != item.measure_id:
        inventory.refresh_progress(inventory.Measure._base_manager.get(pk=old_measure))
    return item


def set_responsibilities(actor, item: WorkItem, rows: list[dict], *, reason: str = "") -> None:
    """Who answers for the item on each side; a side not listed keeps what it had."""
    seen = set()
    for row in rows:
        party = row.get("party")
        if party is None:
            raise ValidationError({"responsibilities": _("Each responsibility names its side (party).")})
        if party.pk in seen:
            raise ValidationError({"responsibilities": _("%(party)s is named twice.") % {"party": party.code}})
        seen.add(party.pk)
        current = Responsibility.objects.filter(item=item, party=party).first() or Responsibility(item=item, party=party)
        current.organization, current.lead = row.get("organization"), row.get("lead")
        if current.organization is None and current.lead is None:
            if current.pk:
                current.delete()
            continue
        core.save(current, actor, reason or _("Responsibility set"), index=False)


def _refresh(item: WorkItem) -> None:
    if item.status == WorkItem.Status.DONE and item.progress != 100:
        WorkItem._base_manager.filter(pk=item.pk).update(progress=100)
        item.progress = 100
    inventory.refresh_progress(item.measure)


def can_report(user, item: WorkItem) -> bool:
    """The secretariat, or a council member linked to the lead or to a responsible organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_secretariat", False):
        return True
    person_id = getattr(user, "person_id", None)
    if not getattr(user, "is_council_member", False) or not person_id:
        return False
    from kenes.directory.models import Membership

    responsible = item.responsibilities.all()
    if any(row.lead_id == person_id for row in responsible):
        return True
    organizations = [row.organization_id for row in responsible if row.organization_id]
    return Membership.objects.live().filter(person_id=person_id, organization_id__in=organizations).exists()


@transaction.atomic
def post_update(actor, item: WorkItem, *, text: str, percent, evidence_url: str = "", party=None) -> ProgressUpdate:
    if not can_report(actor, item):
        raise PermissionDenied(_("Only the secretariat and the people responsible for this item can report on it."))
    current = core.lock(item)
    if not current.is_live:
        raise ValidationError(_("This work item was deleted."))
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise ValidationError({"percent": _("Give the percent done as a whole number from 0 to 100.")}) from None
    update = ProgressUpdate(item=current, text=(text or "").strip(), percent=percent,
                            evidence_url=(evidence_url or "").strip(), posted_by=actor,
                            party=party or getattr(actor, "party", None))
    if not update.text:
        raise ValidationError({"text": _("Say what was done.")})
    update.full_clean()
    update.save()
    current.progress = 100 if current.status == WorkItem.Status.DONE else percent
    current.last_update_at = update.posted_at
    if current.status == WorkItem.Status.NOT_STARTED and percent > 0:
        current.status = WorkItem.Status.IN_PROGRESS
    # The update is the change: the item's history records who reported it.
    core.save(current, actor, _("Progress update: %(percent)s %%") % {"percent": percent})
    inventory.refresh_progress(current.measure)
    return update


# --- what needs attention -------------------------------------------------------------------------

STALLED_AFTER_DAYS = 60


def attention(user, today: datetime.date | None = None):
    """Open items the user may see that are overdue, stalled, or silent for ``STALLED_AFTER_DAYS``."""
    today = today or timezone.localdate()
    items = (WorkItem.objects.visible_to(user).exclude(status__in=[WorkItem.Status.DONE, WorkItem.Status.DROPPED])
             .filter(plan__in=WorkPlan.objects.visible_to(user)).select_related("measure", "plan"))
    overdue = items.filter(due__lt=today)
    silent_since = timezone.now() - datetime.timedelta(days=STALLED_AFTER_DAYS)
    stalled = items.filter(status=WorkItem.Status.STALLED) | items.filter(
        status=WorkItem.Status.IN_PROGRESS, last_update_at__lt=silent_since)
    # Both sides of the "or" filter the same items (no join that repeats a row): no DISTINCT, which kept
    # the database from stopping at the first few.
    return {"overdue": overdue.order_by("due", "pk"), "stalled": stalled.order_by("pk")}


def parts_from_items(measure) -> list[inventory.Part]:
    items = WorkItem.objects.live().filter(measure=measure).select_related("plan").order_by("pk")
    return [inventory.Part(_("Work item in %(plan)s") % {"plan": item.plan}, item.weight, Decimal(item.progress),
                           item.get_absolute_url(), item, named=(item.plan,)) for item in items]


def item_label(item: WorkItem, user) -> str:
    """What a work item is called for ``user``: its measure's title, unless the measure is hidden from them."""
    from kenes.core.visibility import visible_related

    measure = visible_related(item.measure, user)
    return str(measure) if measure is not None else _("Work item %(number)s") % {"number": item.pk}


inventory.register_parts(parts_from_items, lambda measure: WorkItem._base_manager.filter(measure=measure))


def updates_on_timeline(user, measure) -> list[dict]:
    items = WorkItem.objects.visible_to(user).filter(measure=measure, plan__in=WorkPlan.objects.visible_to(user))
    # What the timeline shows: the percent, the text, the side and a link to the item (not the item's or
    # the poster's other columns).
    updates = (ProgressUpdate.objects.filter(item__in=items).select_related("item", "party")
               .only("posted_at", "percent", "text", "item__id", "party__code"))
    return [{"when": update.posted_at, "kind": "progress", "update": update} for update in updates]


inventory.register_timeline(updates_on_timeline,
                            lambda measure: ProgressUpdate._base_manager.filter(item__measure=measure))


def digest_text(user, today: datetime.date | None = None) -> str:
    """The weekly digest as plain text for ``user``: overdue and stalled items, each with its address."""
    from django.conf import settings

    found = attention(user, today)
    base = getattr(settings, "KENES_BASE_URL", "").rstrip("/")
    lines = [_("Work plan: overdue and stalled items"), ""]
    for title, items in ((_("Overdue"), found["overdue"]), (_("Stalled"), found["stalled"])):
        lines.append(f"{title} ({items.count()})")
        for item in items[:100]:
            due = item.due.isoformat() if item.due else "—"
            lines.append(f"- {item_label(item, user)} · {due} · {item.progress} % · {base}{item.get_absolute_url()}")
        lines.append("")
    return "\n".join(lines)


def send_digest(today: datetime.date | None = None) -> int:
    """Email the digest to every active secretariat account with an address; returns how many were sent.

    Through Django's email backend (``EMAIL_*`` settings); an account with nothing to report gets nothing.
    """
    from django.core.mail import send_mail
    from django.utils import translation

    from kenes.accounts.models import User

    sent = 0
    for user in User.objects.filter(is_active=True, role=User.Role.SECRETARIAT).exclude(email=""):
        found = attention(user, today)
        if not (found["overdue"].exists() or found["stalled"].exists()):
            continue
        with translation.override(getattr(user, "language", None) or "en"):
            sent += send_mail(_("Kenes weekly digest: overdue and stalled work"), digest_text(user, today),
                              None, [user.email], fail_silently=False)
    return sent
