from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class KenesAdminSite(AdminSite):
    """The Django admin, for the secretariat only: staff status alone is not enough.

    A user whose role changes away from secretariat loses the admin at once,
    even if ``is_staff`` was left on.
    """

    site_header = _("Kenes administration")
    site_title = _("Kenes administration")

    def has_permission(self, request):
        return super().has_permission(request) and getattr(request.user, "is_secretariat", False)


class KenesAdminConfig(AdminConfig):
    default_site = "kenes.web.admin_site.KenesAdminSite"
