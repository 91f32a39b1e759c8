"""The secretariat's review queue on the dashboard (see kenes.web.dashboard)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from kenes.documents.models import Document, Mention
from kenes.web.dashboard import Panel, PanelItem, register_panel

SHOWN = 8


@register_panel
def review_queue(request):
    user = request.user
    if not getattr(user, "is_secretariat", False):
        return None
    waiting = Document.objects.live().filter(state=Document.State.AWAITING_REVIEW)
    shown = list(waiting.order_by("created_at", "pk")[:SHOWN])
    # The proposals left to decide, counted for the documents shown only (counted with every waiting
    # document, then cut to eight, they cost the dashboard 6 ms with 10,000 documents waiting).
    pending = dict(Mention.objects.filter(document__in=[document.pk for document in shown],
                                          decision=Mention.Decision.PENDING)
                   .order_by().values("document").annotate(count=Count("pk")).values_list("document", "count"))
    items = [PanelItem(str(document), pending.get(document.pk, 0), reverse("documents:review", args=[document.pk]))
             for document in shown]
    more = (waiting.count() - len(items)) if len(shown) == SHOWN else 0
    if more > 0:
        items.append(PanelItem(_("More documents awaiting review"), more, reverse("documents:documents")))
    failed = Document.objects.live().filter(state=Document.State.FAILED).count()
    if failed:
        items.append(PanelItem(_("Documents that failed"), failed, reverse("documents:documents")))
    if not items:
        items.append(PanelItem(_("Documents awaiting review"), 0, reverse("documents:documents")))
    return Panel(title=_("Review queue"), items=items, link=reverse("documents:documents"),
                 link_text=_("Open the documents"), order=10)
