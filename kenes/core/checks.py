"""System checks that keep every Kenes app on the one write path.

Registered in ``CoreConfig.ready``: ``manage.py check`` (and every ``runserver`` and
``migrate``) fails when an app registers a ModelAdmin that could write a record
past ``kenes.core.services``.
"""

from __future__ import annotations

from django.core import checks


def write_path_models() -> list[type]:
    """Records, and the rows that belong to one (a foreign key to a record, e.g. aliases).

    Both are written only by the services: a record's aliases are part of its version,
    its history and its search entry. Found from the models, so a new app is covered
    without being named.
    """
    from kenes.core.records import kenes_app_configs, record_models

    records = set(record_models())
    owned = {
        model for config in kenes_app_configs() for model in config.get_models()
        if any(field.many_to_one and field.related_model in records for field in model._meta.fields)
    }
    return [*records, *sorted(owned - records, key=lambda model: model._meta.label)]


def _can_write(model_admin, request) -> list[str]:
    """The writes ``model_admin`` (a ModelAdmin or an inline) would allow a superuser."""
    from django.contrib.admin.options import InlineModelAdmin

    # An inline's has_add_permission takes the parent object as well.
    add_args = (request, None) if isinstance(model_admin, InlineModelAdmin) else (request,)
    allowed = {
        "add": model_admin.has_add_permission(*add_args),
        "change": model_admin.has_change_permission(request, None),
        "delete": model_admin.has_delete_permission(request, None),
    }
    return [action for action, permitted in allowed.items() if permitted]


def _superuser_request():
    # The most powerful user there is: what a ModelAdmin allows them, it allows someone.
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(username="system-check", is_superuser=True, is_staff=True, is_active=True)
    return request


def check_admin_is_read_only(app_configs=None, site=None, **kwargs) -> list[checks.CheckMessage]:
    """No ModelAdmin (or inline) for a model on the write path may add, change or delete."""
    from django.contrib import admin

    site = site or admin.site
    governed = set(write_path_models())
    request = _superuser_request()
    errors = []
    for model, model_admin in site._registry.items():
        admins = [(model, model_admin)]
        admins += [(inline.model, inline(model, site)) for inline in model_admin.inlines]
        for shown, each in admins:
            if shown not in governed:
                continue
            allowed = _can_write(each, request)
            if allowed:
                errors.append(checks.Error(
                    f"{type(each).__name__} lets the admin {'/'.join(allowed)} {shown._meta.label} rows, "
                    "which would skip the version check, history reason and search index.",
                    hint="Derive it from kenes.core.admin.RecordAdmin (or ReadOnlyInline for an inline); "
                         "edits happen on the pages, through kenes.core.services.",
                    obj=each,
                    id="kenes.E001",
                ))
    return errors
