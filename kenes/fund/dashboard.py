"""What the fund puts on the dashboard: the secretariat's review queue, a reviewer's assignments."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.fund import services
from kenes.fund.models import Application, Call, Review
from kenes.web.dashboard import Panel, PanelItem, register_panel


@register_panel
def fund_review_queue(request):
    """The secretariat: applications short of reviewers, and reviews past their due date."""
    user = request.user
    if not services.is_secretariat(user):
        return None
    calls = Call.objects.live().filter(state__in=[Call.State.OPEN, Call.State.CLOSED, Call.State.REVIEWING])
    items = []
    for call in calls[:5]:
        short = (call.applications.live().filter(state=Application.State.SUBMITTED)
                 .annotate(reviewers=Count("assignments", filter=Q(assignments__deleted_at__isnull=True)))
                 .filter(reviewers__lt=call.reviewers_per_application).count())
        if short:
            items.append(PanelItem(_("Waiting for reviewers: %(call)s") % {"call": call.title}, short,
                                   reverse("fund:call_applications", args=[call.pk])))
        if call.review_due_at and call.review_due_at < timezone.now():
            overdue = (call.applications.live().filter(assignments__deleted_at__isnull=True)
                       .exclude(assignments__review__state=Review.State.SUBMITTED).count())
            if overdue:
                items.append(PanelItem(_("Reviews overdue: %(call)s") % {"call": call.title}, overdue,
                                       reverse("fund:call_reviews", args=[call.pk])))
    if not items:
        return None
    return Panel(title=_("Joint fund"), items=items, link=reverse("fund:home"), link_text=_("Open the fund"), order=16)


@register_panel
def my_fund_reviews(request):
    """A reviewer: the applications assigned to them that they have not submitted yet."""
    assignments = services.assignments_of(request.user).exclude(review__state=Review.State.SUBMITTED)
    items = [PanelItem(str(assignment.application), None, reverse("fund:review", args=[assignment.pk]))
             for assignment in assignments[:6]]
    if not items:
        return None
    return Panel(title=_("Applications to review"), items=items, link=reverse("fund:assignments"),
                 link_text=_("All my reviews"), order=11)
