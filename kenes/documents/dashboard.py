"""The secretariat's review queue on the dashboard (see kenes.web.dashboard)."""

from django.db.models import Count, Q
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
    waiting = (Document.objects.live().filter(state=Document.State.AWAITING_REVIEW)
               .annotate(pending=Count("mentions", filter=Q(mentions__decision=Mention.Decision.PENDING)))
               .order_by("created_at"))
    items = [PanelItem(str(document), document.pending, reverse("documents:review", args=[document.pk]))
             for document in waiting[:SHOWN]]
    more = waiting.count() - len(items)
    if more > 0:
        items.append(PanelItem(_("More documents awaiting review"), more, reverse("documents:documents")))
    failed = Document.objects.live().filter(state=Document.State.FAILED).count()
    if failed:
        items.append(PanelItem(_("Documents that failed"), failed, reverse("documents:documents")))
    if not items:
        items.append(PanelItem(_("Documents awaiting review"), 0, reverse("documents:documents")))
    return Panel(title=_("Review queue"), items=items, link=reverse("documents:documents"),
                 link_text=_("Open the documents"), order=10)
