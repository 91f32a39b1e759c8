"""Visibility through relations: the one helper pages, partials, exports and API schemas use.

A public person's role in a restricted organisation must not reveal that
organisation's name, nor its id. Whatever shows a related record asks here:
``visible_related(record.organization, user)`` gives the record or None, and
``visible_related_id`` the id or None.
"""

from __future__ import annotations


def visible_related(related, user):
    """``related`` when ``user`` may see it (visible, not deleted, not merged away), else None.

    Records without visibility (parties, topics: reference data) are always visible.
    """
    if related is None:
        return None
    if hasattr(related, "is_visible_to"):
        return related if related.is_visible_to(user) else None
    return related


def visible_related_id(related, user):
    related = visible_related(related, user)
    return related.pk if related is not None else None


def visible_many(queryset, user):
    """The visible part of a to-many relation (a queryset of records or of reference data)."""
    model = queryset.model
    if hasattr(model.objects, "visible_to") and hasattr(model, "visibility"):
        # The model's own rule, so merged-away records (and whatever it adds later) stay out too.
        return queryset.filter(pk__in=model.objects.visible_to(user).values("pk"))
    return queryset
