"""The platform's URLs with the expert pool's API in front, as kenes/council/api.py will mount it.

Until ``kenes/council/api.py`` adds ``router.add_router("", expert_api.router)``, the tests reach
the endpoints through this API, built like the platform's: the same authentication and the
same error answers (401, 403, 404, 409, 422 in the request's language).
"""

from django.urls import path
from ninja import NinjaAPI

from kenes.api import TokenOrSession
from kenes.api import api as platform_api
from kenes.council.expert_api import build_router
from kenes.urls import urlpatterns as platform_urlpatterns

api = NinjaAPI(title="Kenes API (expert pool tests)", auth=TokenOrSession(), urls_namespace="expert-api-tests")
for exception, handler in platform_api._exception_handlers.items():
    api.add_exception_handler(exception, handler)
api.add_router("/", build_router())

urlpatterns = [path("api/", api.urls), *platform_urlpatterns]
