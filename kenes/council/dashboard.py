"""What the council puts on the dashboard: the next meetings, and minutes waiting for the reader."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.council import services
from kenes.council.models import Minutes, MinutesComment
from kenes.web.dashboard import Panel, PanelItem, register_panel


@register_panel
def upcoming_meetings(request):
    meetings = list(services.upcoming(request.user, limit=4))
    if not meetings:
        return None
    return Panel(title=_("Next meetings"),
                 items=[PanelItem(f"{meeting.date} · {meeting.title}", None, meeting.get_absolute_url())
                        for meeting in meetings],
                 link=reverse("council:calendar"), link_text=_("Open the calendar"), order=12)


@register_panel
def minutes_waiting(request):
    """The secretariat: comments to resolve, its side's approval, publishing. A participant: minutes to comment on."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    visible = Minutes.objects.visible_to(user).select_related("meeting")
    items = []
    if user.is_secretariat:
        open_comments = MinutesComment.objects.filter(minutes__in=visible, resolution=MinutesComment.Resolution.OPEN)
        for minutes in visible.filter(pk__in=open_comments.values("minutes_id")).distinct()[:5]:
            count = open_comments.filter(minutes=minutes).count()
            items.append(PanelItem(_("Comments to resolve: %(meeting)s") % {"meeting": minutes.meeting}, count,
                                   minutes.get_absolute_url()))
        for minutes in visible.filter(state=Minutes.State.CIRCULATED)[:10]:
            if user.party_id in {party.pk for party in services.missing_approvals(minutes)}:
                items.append(PanelItem(_("Your side's approval: %(meeting)s") % {"meeting": minutes.meeting}, None,
                                       minutes.get_absolute_url()))
        items += [PanelItem(_("Ready to publish: %(meeting)s") % {"meeting": minutes.meeting}, None,
                            minutes.get_absolute_url())
                  for minutes in visible.filter(state=Minutes.State.APPROVED)[:5]]
    elif user.person_id:
        now = timezone.now()
        open_now = visible.filter(state=Minutes.State.CIRCULATED, meeting__participants=user.person_id).filter(
            Q(comment_deadline__isnull=True) | Q(comment_deadline__gte=now))
        items += [PanelItem(_("Minutes open for your comments: %(meeting)s") % {"meeting": minutes.meeting}, None,
                            minutes.get_absolute_url()) for minutes in open_now[:5]]
    if not items:
        return None
    return Panel(title=_("Minutes"), items=items[:8], link=reverse("council:meetings"),
                 link_text=_("All meetings"), order=14)
