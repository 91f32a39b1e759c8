"""The columns of the fund's lists and downloads: applications, reviews, published decisions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.core.visibility import visible_related
from kenes.fund.models import Application
from kenes.indicators.models import format_value
from kenes.web.lists import Column, by_choice_label


def _organization(path: str):
    def value(record, user):
        organization = visible_related(_follow(record, path), user)
        return str(organization) if organization else ""
    return value


def _follow(record, path: str):
    for name in path.split("."):
        record = getattr(record, name, None) if record is not None else None
    return record


def _partners(record, user) -> str:
    return "; ".join(str(o) for o in record.partner_organizations.all() if visible_related(o, user))


def _money(path: str):
    return lambda record, user: format_value(_follow(record, path))


APPLICATION_COLUMNS = [
    Column("number", _("No."), "pk", sort="pk"),
    Column("title", _("Project title"), "title", sort="title_en"),
    Column("lead", _("Lead organisation"), _organization("lead_organization")),
    Column("party", _("Lead party"), "lead_party.code", sort="lead_party__code"),
    Column("partners", _("Partners"), _partners, on_page=False),
    Column("amount", _("Requested"), _money("requested_amount"), sort="requested_amount"),
    Column("duration", _("Months"), "duration_months", sort="duration_months", on_page=False),
    Column("state", _("State"), "get_state_display", sort=by_choice_label("state", Application.State.choices)),
    Column("reviews", _("Reviews in"), "reviews_submitted", sort="reviews_submitted"),
    Column("summary", _("Summary"), "summary", on_page=False),
]

REVIEW_COLUMNS = [
    Column("application", _("Application"), "assignment.application.pk", sort="assignment__application_id"),
    Column("title", _("Project title"), "assignment.application.title"),
    Column("reviewer", _("Reviewer"), _organization("assignment.reviewer")),  # a person, shown only if visible
    Column("state", _("State"), "get_state_display", sort="state"),
    Column("submitted", _("Submitted"), "submitted_at", sort="submitted_at"),
    Column("scores", _("Scores"), lambda review, user: "; ".join(
        f"{score.criterion}: {format_value(score.value)}" for score in review.scores.all())),
    Column("comment", _("Overall comment"), "comment", on_page=False),
]

DECISION_COLUMNS = [
    Column("call", _("Call"), lambda grant, user: (call.title if (call := visible_related(grant.application.call, user))
                                                   else ""), sort="application__call__title_en"),
    Column("title", _("Project"), "application.title", sort="application__title_en"),
    Column("lead", _("Lead organisation"), _organization("application.lead_organization")),
    Column("party", _("Lead party"), "application.lead_party.code", sort="application__lead_party__code"),
    Column("amount", _("Amount"), _money("amount"), sort="amount"),
    Column("currency", _("Currency"), "application.call.fund.currency"),
]
