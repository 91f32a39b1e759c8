"""What the work plan puts on the dashboard: overdue and stalled items, and a member's own items."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kenes.web.dashboard import Panel, PanelItem, register_panel
from kenes.workplan import services
from kenes.workplan.models import WorkItem


@register_panel
def work_plan_attention(request):
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    attention = services.attention(user)
    overdue, stalled = attention["overdue"], attention["stalled"]
    items = [PanelItem(_("Overdue: %(measure)s") % {"measure": services.item_label(item, user)}, item.progress, item.get_absolute_url())
             for item in overdue[:5]]
    items += [PanelItem(_("Stalled: %(measure)s") % {"measure": services.item_label(item, user)}, item.progress, item.get_absolute_url())
              for item in stalled[:3]]
    if not items:
        return None
    return Panel(title=_("Work plan: needs attention"), items=items, link=reverse("workplan:digest"),
                 link_text=_("All overdue and stalled items (%(count)s)") % {"count": overdue.count() + stalled.count()},
                 order=20)


@register_panel
def my_work_items(request):
    """A member's items: those they lead or their organisation answers for, with progress to report."""
    user = request.user
    person_id = getattr(user, "person_id", None)
    if not getattr(user, "is_authenticated", False) or not person_id:
        return None
    from kenes.directory.models import Membership

    organizations = Membership.objects.live().filter(person_id=person_id).values("organization_id")
    mine = (WorkItem.objects.visible_to(user).exclude(status__in=[WorkItem.Status.DONE, WorkItem.Status.DROPPED])
            .filter(responsibilities__lead_id=person_id) | WorkItem.objects.visible_to(user).exclude(
            status__in=[WorkItem.Status.DONE, WorkItem.Status.DROPPED]).filter(
            responsibilities__organization_id__in=organizations)).distinct().select_related("measure")[:8]
    if not mine:
        return None
    return Panel(title=_("My work items"),
                 items=[PanelItem(services.item_label(item, user), item.progress, item.get_absolute_url())
                        for item in mine],
                 link=reverse("workplan:plans"), link_text=_("Open the work plans"), order=15)


@register_panel
def recent_progress(request):
    """The latest progress reported on items the reader may see: what moved this week."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    from django.db.models import Exists, OuterRef

    from kenes.workplan.models import ProgressUpdate, WorkPlan

    items = WorkItem.objects.visible_to(user).filter(plan__in=WorkPlan.objects.visible_to(user))
    # Newest first, each checked against its own item; items and measures fetched for the five only.
    # ("item in (every visible item)", or a join to the items, made the database read all the work
    # items before the few updates: 33 ms with 20,000 items.)
    updates = (ProgressUpdate.objects.filter(Exists(items.filter(pk=OuterRef("item_id"))))
               .prefetch_related("item__measure")[:5])
    if not updates:
        return None
    return Panel(title=_("Latest progress"),
                 items=[PanelItem(f"{services.item_label(update.item, user)} — {update.text[:80]}", update.percent,
                                  update.item.get_absolute_url()) for update in updates],
                 link=reverse("workplan:plans"), link_text=_("Open the work plans"), order=25)
