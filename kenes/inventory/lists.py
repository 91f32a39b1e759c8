"""The columns of the inventory's lists: one declaration for the page, its sorting and its downloads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.models import Visibility
from kenes.core.visibility import visible_many
from kenes.inventory.models import Agreement, Measure
from kenes.web.lists import Column, by_choice_label, by_choice_order, if_visible, signed_in


def _topics(measure, user):
    return [topic.name for topic in measure.topics.all()]


def _proposers(measure, user):
    people = [person.name for person in visible_many(measure.proposed_by_people.all(), user)]
    organizations = [org.display_name for org in visible_many(measure.proposed_by_organizations.all(), user)]
    return [*people, *organizations, *(party.code for party in measure.proposed_by_parties.all())]


def _sides(measure, user):
    return [f"{row.party.code}: {row.status.name}" for row in measure.party_statuses.all()]


MEASURE_COLUMNS = [
    Column("title", _("Measure"), "title", sort="title_en"),
    Column("status", _("Status"), "status.name", sort="status__position"),
    Column("sides", _("Each side"), _sides, on_page=False),
    Column("progress", _("Progress, %"), "progress", sort="progress"),
    Column("topics", _("Topics"), _topics, on_page=False),
    Column("level", _("Level"), "get_level_display", sort=by_choice_label("level", Measure.Level.choices)),
    Column("proposers", _("Proposed by"), _proposers, on_page=False),
    Column("first_proposed_on", _("First proposed"), "first_proposed_on", sort="first_proposed_on"),
    Column("agreement", _("Agreement"), if_visible("agreement", "title"), on_page=False),
    Column("updated_at", _("Last change"), "updated_at", sort="updated_at"),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]

AGREEMENT_COLUMNS = [
    Column("signed_on", _("Signed"), "signed_on", sort="signed_on"),
    Column("title", _("Title"), "title", sort="title_en"),
    Column("kind", _("Kind"), "get_kind_display", sort=by_choice_label("kind", Agreement.Kind.choices)),
    Column("status", _("Status"), "get_status_display", sort=by_choice_label("status", Agreement.Status.choices)),
    Column("parties", _("Parties"), lambda agreement, user: [p.code for p in agreement.parties.all()]),
    Column("place", _("Place"), "place", on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
