from django.http import Http404
from django.shortcuts import render

from kenes.directory import services as directory
from kenes.directory.models import Organization, Party, Person
from kenes.web.areas import AREAS_BY_SLUG


def dashboard(request):
    user = request.user
    context = {
        "parties": Party.objects.all(),
        "organization_count": Organization.objects.visible_to(user).count(),
        "person_count": Person.objects.visible_to(user).count(),
        "recent_people": Person.objects.visible_to(user).order_by("-updated_at")[:5],
        "recent_organizations": Organization.objects.visible_to(user).order_by("-updated_at")[:5],
    }
    return render(request, "web/dashboard.html", context)


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    organizations = people = []
    if query:
        organizations = directory.search_organizations(request.user, query)[:20]
        people = directory.search_people(request.user, query)[:20]
    return render(request, "web/search.html", {"query": query, "organizations": organizations, "people": people})


def area(request, slug):
    area = AREAS_BY_SLUG.get(slug)
    if area is None or area.url_name:
        raise Http404
    return render(request, "web/area.html", {"area": area})
