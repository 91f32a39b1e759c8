from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kenes.web.areas import AREAS


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    current: bool


def _area_url(area) -> str:
    return reverse(area.url_name) if area.url_name else reverse("web:area", args=[area.slug])


def _area_prefix(area, url: str) -> str:
    # A built area owns everything under its first path segment (/directory/people/ is the directory).
    if area.url_name:
        return "/" + url.strip("/").split("/")[0] + "/"
    return url


def nav_items(path: str) -> list[NavItem]:
    home = reverse("web:dashboard")
    items = [NavItem(_("Dashboard"), home, path == home)]
    for area in AREAS:
        url = _area_url(area)
        items.append(NavItem(area.title, url, path.startswith(_area_prefix(area, url))))
    return items


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "areas": AREAS,
        "nav_items": nav_items(request.path),
        "can_edit": bool(user and getattr(user, "is_secretariat", False)),
    }
