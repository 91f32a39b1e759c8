"""Accepting an organisation: a new directory entry, or another spelling of a known one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kenes.directory import services
from kenes.directory.models import Organization, OrganizationAlias
from kenes.documents.appliers import register
from kenes.documents.appliers._directory import (
    as_written,
    language_of,
    lines,
    new_spellings,
    party_for,
)


def organization_fields(mention) -> dict:
    values = mention.values or {}
    name = str(values.get("name") or mention.label)
    return {
        "name": name,
        "acronym": str(values.get("acronym") or ""),
        "aliases": "\n".join(as_written(mention, name, [values.get("acronym") or ""]
                                        if values.get("acronym") else [])),
    }


def _acronym(value) -> str:
    return str(value or "").strip()[:40]


def create_organization(actor, mention, values: dict) -> Organization:
    language = language_of(mention)
    acronym = _acronym(values.get("acronym"))
    status = (mention.values or {}).get("status") or ""
    data = {
        f"name_{language}": str(values.get("name") or "").strip()[:300],
        "acronym": acronym,
        "party": party_for((mention.values or {}).get("country")),
        "visibility": mention.document.visibility,
    }
    if status in Organization.Status.values:
        data["status"] = status
    aliases = [a for a in lines(values.get("aliases")) if a != acronym]
    return services.create_organization(actor, aliases=aliases, reason=_("Accepted from %(document)s")
                                        % {"document": mention.document}, **data)


def link_organization(actor, mention, org: Organization, values: dict) -> Organization:
    """Complete a known organisation: its name in this language if missing, the acronym, new spellings."""
    language = language_of(mention)
    name = str(values.get("name") or "").strip()[:300]
    data = {}
    spellings = [name, *lines(values.get("aliases"))]
    if name and not getattr(org, f"name_{language}"):
        data[f"name_{language}"] = name
        spellings.remove(name)
    acronym = _acronym(values.get("acronym"))
    if acronym and not org.acronym:
        data["acronym"] = acronym
    elif acronym:
        spellings.append(acronym)
    fresh = new_spellings(org, OrganizationAlias, "organization", [s for s in spellings if s])
    if not data and not fresh:
        return org
    current = list(org.aliases.values_list("name", flat=True))
    return services.update_organization(actor, org, aliases=[*current, *fresh],
                                        reason=_("Linked from %(document)s") % {"document": mention.document},
                                        **data)


register("organization", model=Organization, create=create_organization, link=link_organization,
         fields=organization_fields)
