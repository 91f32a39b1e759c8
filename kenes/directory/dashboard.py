"""What the directory asks of the secretariat on the dashboard (see kenes.web.dashboard)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kenes.directory.models import Organization, Person
from kenes.web.dashboard import Panel, PanelItem, register_panel


@register_panel
def directory_gaps(request):
    user = request.user
    if not getattr(user, "is_secretariat", False):
        return None
    people = reverse("directory:people")
    organizations = reverse("directory:organizations")
    return Panel(
        title=_("Directory"),
        items=[
            PanelItem(_("People without any role"), Person.objects.filter(memberships__isnull=True).count(), people),
            PanelItem(_("Organisations without a party"),
                      Organization.objects.filter(party__isnull=True).count(), organizations),
        ],
        link=people, link_text=_("Open the directory"),
    )
