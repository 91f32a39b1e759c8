"""What the directory asks of the secretariat on the dashboard (see kenes.web.dashboard)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kenes.directory.models import Membership, Organization, Person
from kenes.web.dashboard import Panel, PanelItem, register_panel


@register_panel
def directory_gaps(request):
    user = request.user
    if not getattr(user, "is_secretariat", False):
        return None
    people = reverse("directory:people")
    organizations = reverse("directory:organizations")
    # Deleted and merged-away records are not gaps: count only what lists show.
    with_roles = Membership.objects.live().values("person_id")
    return Panel(
        title=_("Directory"),
        items=[
            PanelItem(_("People without any role"), Person.objects.live().exclude(pk__in=with_roles).count(), people),
            PanelItem(_("Organisations without a party"),
                      Organization.objects.live().filter(party__isnull=True).count(), organizations),
        ],
        link=people, link_text=_("Open the directory"),
    )
