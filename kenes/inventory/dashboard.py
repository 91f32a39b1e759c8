"""What the inventory asks of the secretariat on the dashboard: measures waiting for a decision."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kenes.core.caching import until_changed
from kenes.inventory.models import Assessment, Measure, MeasureStatus
from kenes.web.dashboard import Panel, PanelItem, register_panel


@register_panel
def inventory_queue(request):
    user = request.user
    if not getattr(user, "is_secretariat", False):
        return None
    measures = reverse("inventory:measures")
    statuses = list(MeasureStatus.objects.filter(is_closed=False).order_by("position")[:4])
    # One pass over the measures for the four counts (four counts, or one GROUP BY, cost twice as much),
    # kept until a measure changes: the pass reads every measure (100,000: 20 ms) on each dashboard.
    counts = until_changed("inventory:queue", (Measure,), [status.pk for status in statuses], lambda: (
        Measure.objects.live().aggregate(**{f"s{status.pk}": Count("pk", filter=Q(status=status))
                                            for status in statuses})))
    items = [PanelItem(_("Measures “%(status)s”") % {"status": status.name}, counts[f"s{status.pk}"],
                       f"{measures}?{urlencode({'status': status.code})}") for status in statuses]
    drafts = Assessment.objects.live().exclude(state=Assessment.State.PUBLISHED).count()
    items.append(PanelItem(_("Assessments not yet published"), drafts, reverse("inventory:compliance")))
    return Panel(title=_("Inventory of measures"), items=items, link=measures, link_text=_("Open the inventory"),
                 order=30)
