"""The visible projects as IATI-style activities (JSON shaped after the IATI Activity Standard 2.03).

This is not a validated IATI XML file: it is JSON whose keys follow the standard's
element and attribute names, so a publisher can map it to XML without guessing. What
we fill, per activity:

- ``iati-identifier``: ``settings.KENES_IATI_PREFIX`` + "-" + the project's id. The prefix
  should be the secretariat's registered IATI organisation identifier; the default
  ``XX-KENES`` marks it as unregistered.
- ``title`` / ``description``: one ``narrative`` per language the project is written in,
  each with ``lang`` (the standard's ``xml:lang``).
- ``activity-status``: the ActivityStatus codelist — pipeline and planned → 1
  (Pipeline/identification), in progress → 2 (Implementation), implemented → 3
  (Finalisation: the project is done but we do not know that its accounts are closed; 4
  Closed is never claimed), cancelled → 5 (Cancelled).
- ``participating-org``: each organisation the reader may see, with its role code
  (OrganisationRole codelist): funder → 1 Funding, lead → 2 Accountable, partner and
  implementer → 4 Implementing (3 Extending is not used: we do not record it).
- ``recipient-country``: the project's parties (ISO 3166-1 codes, KZ, UZ), shared equally.
- ``activity-date``: start as type 1 (planned start) or 2 (actual start), end as 3 (planned
  end) or 4 (actual end): actual once the project is in progress or implemented for the
  start, implemented for the end. Partial dates are given as written ("2024", "2024-05").
- ``budget``: the value with ``currency`` and ``value-date`` (the start, else the day exported).
- ``sector``: the project's topic as a narrative with ``vocabulary`` 99 (reporting
  organisation's own), since our topics are not the DAC sector codes.
- ``related-documents``: the linked measures and agreements the reader may see, as
  ``document-link``-like entries with their address on this platform.

Not filled: ``reporting-org`` details beyond the prefix, ``transaction``, ``result`` /
``indicator``, ``location`` coordinates (the location is given as a narrative only),
``default-aid-type``, ``collaboration-type``, ``humanitarian``, ``policy-marker``,
``capital-spend``, ``contact-info`` and ``conditions``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.core.visibility import visible_many, visible_related
from kenes.indicators.models import format_value
from kenes.projects.models import Project, ProjectOrganization, ProjectStatus
from kenes.projects.services import roles_of

STATUS_CODES = {
    ProjectStatus.PIPELINE: "1",
    ProjectStatus.PLANNED: "1",
    ProjectStatus.IN_PROGRESS: "2",
    ProjectStatus.IMPLEMENTED: "3",
    ProjectStatus.CANCELLED: "5",
}
ROLE_CODES = {
    ProjectOrganization.Role.FUNDER: "1",
    ProjectOrganization.Role.LEAD: "2",
    ProjectOrganization.Role.PARTNER: "4",
    ProjectOrganization.Role.IMPLEMENTER: "4",
}
STARTED = {ProjectStatus.IN_PROGRESS, ProjectStatus.IMPLEMENTED}


def prefix() -> str:
    return getattr(settings, "KENES_IATI_PREFIX", "XX-KENES")


def _narratives(project: Project, name: str) -> list[dict]:
    return [{"text": text, "lang": code} for code in CONTENT_LANGUAGES
            if (text := (getattr(project, f"{name}_{code}") or "").strip())]


def _dates(project: Project) -> list[dict]:
    dates = []
    if project.start_date:
        dates.append({"type": "2" if project.status in STARTED else "1", "iso-date": project.start_date})
    if project.end_date:
        dates.append({"type": "4" if project.status == ProjectStatus.IMPLEMENTED else "3",
                      "iso-date": project.end_date})
    return dates


def _budget(project: Project) -> list[dict]:
    if project.value is None:
        return []
    value_date = project.start_date or timezone.localdate().isoformat()
    return [{"type": "1", "status": "1", "value": {"amount": format_value(project.value),
                                                   "currency": project.currency, "value-date": value_date}}]


def activity(project: Project, user, base_url: str = "") -> dict:
    """One project as an IATI-style activity, naming only the related records ``user`` may see."""
    parties = [party.code for party in project.parties.all()]
    share = format_value((Decimal(100) / len(parties)).quantize(Decimal("0.01"))) if parties else None
    sector = visible_related(project.sector, user)
    related = [*visible_many(project.measures.all(), user), *visible_many(project.agreements.all(), user)]
    return {
        "iati-identifier": f"{prefix()}-{project.pk}",
        "title": {"narrative": _narratives(project, "name")},
        "description": [{"type": "1", "narrative": narratives}] if (narratives := _narratives(project, "description"))
        else [],
        "activity-status": {"code": STATUS_CODES[project.status]},
        "participating-org": [{"role": ROLE_CODES[row.role], "ref": None,
                               "narrative": [{"text": row.organization.display_name}]}
                              for row in roles_of(project, user)],
        "recipient-country": [{"code": code, "percentage": share} for code in parties],
        "activity-date": _dates(project),
        "budget": _budget(project),
        "sector": [{"vocabulary": "99", "code": sector.code, "narrative": [{"text": sector.name_en}]}]
        if sector else [],
        "location": [{"name": {"narrative": [{"text": project.location}]}}] if project.location else [],
        "related-documents": [{"url": f"{base_url}{record.get_absolute_url()}", "title": str(record),
                               "kind": record._meta.model_name} for record in related],
    }


def activities(user, base_url: str = "") -> dict:
    """Every project ``user`` may see, as ``{"version", "generated-datetime", "iati-activities": [...]}``."""
    projects = (Project.objects.visible_to(user).select_related("sector")
                .prefetch_related("parties", "measures", "agreements").order_by("pk"))
    return {
        "version": "2.03",
        "generated-datetime": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "iati-activities": [activity(project, user, base_url) for project in projects],
    }
