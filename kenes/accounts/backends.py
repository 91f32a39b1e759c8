"""Sign-in backend: Django's own, reading a signed-in user's party with the user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PartyModelBackend(ModelBackend):
    """As ``ModelBackend``, but every page's user comes with its party in the same query: the header
    names it ("Secretariat · Kazakhstan"), which otherwise cost each page of a user with a party a query."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("party").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
