"""The joint fund's published grants as IATI-style activities (JSON after the IATI Activity Standard 2.03).

The same shape as the projects' file (``kenes.projects.iati``): element and attribute names of the
standard, so a publisher can map it to XML without guessing. A grant is an activity of the fund:

- ``iati-identifier``: ``KENES_IATI_PREFIX`` + "-FUND-" + the grant's id (the projects' ids have no
  "FUND", so the two files never share an identifier);
- ``title`` / ``description``: the application's title and summary, one ``narrative`` per language;
- ``activity-status``: 2 (Implementation) — a published grant is being carried out; we do not record
  its end;
- ``participating-org``: the fund's managing bodies as 1 Funding, the lead organisation as
  2 Accountable, the partners as 4 Implementing (only those the reader may see);
- ``recipient-country``: the lead party and the partners' parties (KZ, UZ), shared equally;
- ``budget``: the amount awarded in the fund's currency;
- ``transaction``: the commitment (type 2) on the day the decision was published, and each public
  disbursement (type 3) on the day it was paid;
- ``sector``: the application's topics, vocabulary 99 (ours, not the DAC codes);
- ``related-activity``: the portfolio project the grant became (type 2, child), when it is visible;
- ``fund``: the call and the fund by name (not an IATI element: where the money comes from).

Only published decisions are in it (``services.published_decisions``): a draft selection, a
rejected application or a restricted disbursement never is.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from kenes.core.visibility import visible_many, visible_related
from kenes.fund import services
from kenes.fund.models import Disbursement, Grant
from kenes.indicators.models import format_value
from kenes.projects.iati import _narratives, prefix  # one narrative per language, as for projects


def _organizations(grant: Grant, user) -> list[dict]:
    application = grant.application
    rows = [("1", organization) for organization in visible_many(application.call.fund.managing_organizations.all(),
                                                                   user)]
    if lead := visible_related(application.lead_organization, user):
        rows.append(("2", lead))
    rows += [("4", organization) for organization in visible_many(application.partner_organizations.all(), user)]
    return [{"role": role, "ref": None, "narrative": [{"text": organization.display_name}]}
            for role, organization in rows]


def _countries(grant: Grant) -> list[dict]:
    application = grant.application
    codes = {application.lead_party.code} if application.lead_party_id else set()
    codes |= {organization.party.code for organization in application.partner_organizations.all()
              if organization.party_id}
    share = format_value((Decimal(100) / len(codes)).quantize(Decimal("0.01"))) if codes else None
    return [{"code": code, "percentage": share} for code in sorted(codes)]


def _transactions(grant: Grant, user) -> list[dict]:
    currency = grant.application.call.fund.currency
    published = grant.application.call.selections.filter(published_at__isnull=False).order_by("-published_at").first()
    rows = [{"transaction-type": {"code": "2"},
             "transaction-date": {"iso-date": published.published_at.date().isoformat() if published else ""},
             "value": {"amount": format_value(grant.amount), "currency": currency}}]
    payments = Disbursement.objects.visible_to(user).filter(grant=grant).order_by("paid_on", "pk")
    rows += [{"transaction-type": {"code": "3"}, "transaction-date": {"iso-date": payment.paid_on},
              "value": {"amount": format_value(payment.amount), "currency": currency},
              "description": {"narrative": [{"text": payment.note}]} if payment.note else None}
             for payment in payments]
    return rows


def activity(grant: Grant, user, base_url: str = "") -> dict:
    """One published grant as an IATI-style activity, naming only the records ``user`` may see."""
    application = grant.application
    project = visible_related(grant.project, user)
    return {
        "iati-identifier": f"{prefix()}-FUND-{grant.pk}",
        "title": {"narrative": _narratives(application, "title")},
        "description": [{"type": "1", "narrative": narratives}]
        if (narratives := _narratives(application, "summary")) else [],
        "activity-status": {"code": "2"},
        "participating-org": _organizations(grant, user),
        "recipient-country": _countries(grant),
        "budget": [{"type": "1", "status": "2", "value": {"amount": format_value(grant.amount),
                                                           "currency": application.call.fund.currency}}],
        "transaction": _transactions(grant, user),
        "sector": [{"vocabulary": "99", "code": topic.code, "narrative": [{"text": topic.name_en}]}
                   for topic in application.topics.all()],
        "related-activity": [{"type": "2", "ref": f"{prefix()}-{project.pk}",
                              "url": f"{base_url}{project.get_absolute_url()}"}] if project else [],
        "fund": {"call": str(application.call.title), "fund": str(application.call.fund)},
    }


def activities(user, base_url: str = "") -> dict:
    """Every published grant ``user`` may see: ``{"version", "generated-datetime", "iati-activities"}``."""
    grants = (services.published_decisions(user).select_related("project", "application__call__fund")
              .prefetch_related("application__partner_organizations__party", "application__topics",
                                "application__call__fund__managing_organizations").order_by("pk"))
    return {
        "version": "2.03",
        "generated-datetime": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "iati-activities": [activity(grant, user, base_url) for grant in grants],
    }
