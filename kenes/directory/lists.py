"""The columns of the directory's lists: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.directory.models import Organization
from kenes.directory.services import by_display_name
from kenes.web.lists import Column, by_choice_label, by_choice_order, if_visible, signed_in

VISIBILITY = Column("visibility", _("Visibility"), "get_visibility_display",
                    sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in)

ORGANIZATION_COLUMNS = [
    Column("name", _("Name"), "name", sort=by_display_name),
    Column("acronym", _("Acronym"), "acronym", on_page=False),
    # The page shows the parent under the name; the download gives it a column of its own.
    Column("parent", _("Parent organisation"), if_visible("parent"), on_page=False),
    Column("kind", _("Kind"), "get_kind_display", sort=by_choice_label("kind", Organization.Kind.choices)),
    Column("party", _("Party"), "party.code", sort="party__code"),
    Column("status", _("Status"), "get_status_display",
           sort=by_choice_label("status", Organization.Status.choices)),
    Column("founded", _("Founded"), "founded", on_page=False),
    Column("website", _("Website"), "website", on_page=False),
    VISIBILITY,
]

PERSON_COLUMNS = [
    Column("name", _("Name"), "name", sort=by_display_name),
    Column("party", _("Party"), "party.code", sort="party__code"),
    Column("expertise", _("Expertise"), lambda person, user: [topic.name for topic in person.expertise.all()]),
    VISIBILITY,
]
