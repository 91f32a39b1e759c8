"""The API is assembled from each installed Kenes app's ``api.py``: no central list to forget."""

import importlib
import importlib.util

import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db


def _apps_with_a_router():
    for config in apps.get_app_configs():
        if not config.name.startswith("kenes.") or importlib.util.find_spec(f"{config.name}.api") is None:
            continue
        router = getattr(importlib.import_module(f"{config.name}.api"), "router", None)
        if router is not None:
            yield config.name, router


def test_it_has_the_routes_of_every_kenes_app_with_an_api_module(client):
    found = list(_apps_with_a_router())
    assert "kenes.directory" in {name for name, _router in found}
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for name, router in found:
        for route in router.path_operations:
            assert "/api/v1" + route in paths, f"{name}: {route} is not in the API"
