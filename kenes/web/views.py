import sys

from django.http import Http404, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from kenes.core.pagecache import kept_until_changed
from kenes.core.visibility import visible_related
from kenes.directory.models import Organization, Party, Person
from kenes.directory.services import visible_memberships
from kenes.operations import faults
from kenes.web.areas import AREAS_BY_SLUG
from kenes.web.dashboard import panels_for


@kept_until_changed
def dashboard(request):
    """One page per role: the secretariat's work queue, a member's own side, the public record."""
    user = request.user
    context = {
        "parties": Party.objects.all(),
        "organization_count": Organization.objects.visible_to(user).count(),
        "person_count": Person.objects.visible_to(user).count(),
        "recent_people": Person.objects.visible_to(user).order_by("-updated_at")[:5],
        "recent_organizations": Organization.objects.visible_to(user).order_by("-updated_at")[:5],
        "is_secretariat": getattr(user, "is_secretariat", False),
        "is_member": getattr(user, "is_council_member", False) and not getattr(user, "is_secretariat", False),
        "panels": panels_for(request),
    }
    if context["is_member"] and user.party_id:
        context["party_people_count"] = Person.objects.visible_to(user).filter(party_id=user.party_id).count()
    if context["is_member"] and user.person_id:
        # The roles of the directory entry the secretariat linked this account to.
        context["own_person"] = visible_related(user.person, user)
        context["own_roles"] = visible_memberships(user, person_id=user.person_id).order_by("-start_date")
    return render(request, "web/dashboard.html", context)


def area(request, slug):
    area = AREAS_BY_SLUG.get(slug)
    if area is None or area.url_name:
        raise Http404
    return render(request, "web/area.html", {"area": area})


# Error pages. Each explains what happened and leads back; see kenes/urls.py (handler404 …).

def page_not_found(request, exception=None):
    return render(request, "404.html", {"signed_in": request.user.is_authenticated}, status=404)


def permission_denied(request, exception=None):
    # A PermissionDenied raised with a message says which role the page needs: show it.
    reason = str(exception) if exception is not None and exception.args else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def server_error(request):
    # Called inside the except that caught the error: a lost database is a 503 to retry (kenes.operations.faults).
    if faults.is_database_outage(sys.exc_info()[1]):
        return faults.unavailable(request)
    # No request context: the database or a context processor may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
