from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from kenes.api import api
from kenes.operations import views as operations
from kenes.portal import views as portal_views
from kenes.portal.sitemaps import LazySitemaps

urlpatterns = [
    # Probes for supervisors and load balancers (docs/operations.md).
    path("healthz", operations.healthz, name="healthz"),
    path("readyz", operations.readyz, name="readyz"),
    # Prometheus metrics when KENES_METRICS is on (404 otherwise): loopback only, or with KENES_METRICS_TOKEN.
    path("metrics", operations.metrics, name="metrics"),
    path("", include("kenes.web.urls")),
    path("directory/", include("kenes.directory.urls")),
    path("council/", include("kenes.council.urls")),
    path("inventory/", include("kenes.inventory.urls")),
    path("workplan/", include("kenes.workplan.urls")),
    path("indicators/", include("kenes.indicators.urls")),
    path("projects/", include("kenes.projects.urls")),
    path("fund/", include("kenes.fund.urls")),
    path("records/", include("kenes.core.urls")),
    path("documents/", include("kenes.documents.urls")),
    path("portal/", include("kenes.portal.urls")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": LazySitemaps(), "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": LazySitemaps()}, name="sitemap_section"),
    path("robots.txt", portal_views.robots, name="robots"),
    path("accounts/", include("kenes.accounts.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    # The first, unversioned addresses keep answering for the scripts written against them; the
    # OpenAPI document lists only /api/v1/ and the answers name it as the successor (docs/api.md).
    path("api/", (api.urls[0], "ninja", "api-unversioned")),
    path("admin/", admin.site.urls),
]

# Styled, translated error pages that say what happened and lead back.
handler404 = "kenes.web.views.page_not_found"
handler403 = "kenes.web.views.permission_denied"
handler500 = "kenes.web.views.server_error"
