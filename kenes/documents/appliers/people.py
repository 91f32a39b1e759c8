"""Accepting a person: a directory entry with the roles the document gives, or a known person completed.

Roles are written one a line as ``title — organisation`` in the review form; the
organisation is found by its exact name, alias or acronym among live organisations,
and a new person's role whose organisation is not in the directory is kept without
one (the reviewer is told, and the name as written goes into the role's note).
Linking a known person adds only roles whose organisation is found: a role without
it would most likely repeat one the person holds, written in another language.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.directory import services
from kenes.directory.models import Person, PersonAlias
from kenes.documents.appliers import register
from kenes.documents.appliers._directory import (
    as_written,
    find_organization,
    language_of,
    lines,
    new_spellings,
    party_for,
)
from kenes.extraction.translit import fold

SEPARATORS = (" — ", " | ", " – ")


def person_fields(mention) -> dict:
    values = mention.values or {}
    name = str(values.get("name") or mention.label)
    roles = []
    for role in values.get("roles") or []:
        title = str(role.get("title") or "").strip()
        organization = str(role.get("organization") or "").strip()
        if title:
            roles.append(f"{title}{SEPARATORS[0]}{organization}" if organization else title)
    return {
        "name": name,
        "aliases": "\n".join(as_written(mention, name, values.get("aliases") or [])),
        "roles": "\n".join(roles),
    }


def parse_roles(value) -> list[tuple[str, str]]:
    """[(title, organisation name)] from the form's lines."""
    roles = []
    for line in lines(value):
        title, organization = line, ""
        for separator in SEPARATORS:
            if separator in line:
                title, organization = (part.strip() for part in line.split(separator, 1))
                break
        if title:
            roles.append((title[:300], organization))
    return roles


def _add_roles(actor, mention, person: Person, roles, language: str, reason: str, *,
               without_organization: bool = True) -> list[str]:
    notes = []
    for title, organization_name in roles:
        organization = find_organization(organization_name) if organization_name else None
        if _has_role(person, title, organization):
            continue
        if organization_name and organization is None and not without_organization:
            # A known person most likely holds this role already, recorded in another language.
            notes.append(_("The role “%(title)s” at “%(name)s” was not added: that organisation is not in the "
                           "directory yet.") % {"title": title, "name": organization_name})
            continue
        data = {f"title_{language}": title, "organization": organization, "visibility": person.visibility}
        if organization_name and organization is None:
            data["note"] = (_("Organisation named in the source, not in the directory: %(name)s")
                            % {"name": organization_name})[:500]
            notes.append(_("The role “%(title)s” was added without its organisation: “%(name)s” is not in the "
                           "directory yet. Accept the organisation, then link it to the role on the person's page.")
                         % {"title": title, "name": organization_name})
        services.add_membership(actor, person, reason=reason, **data)
    return notes


def _has_role(person: Person, title: str, organization) -> bool:
    key = fold(title)
    for membership in person.memberships.filter(deleted_at__isnull=True):
        titles = {fold(getattr(membership, f"title_{code}") or "") for code in CONTENT_LANGUAGES}
        if key in titles and membership.organization_id == (organization.pk if organization else None):
            return True
    return False


def create_person(actor, mention, values: dict) -> Person:
    language = language_of(mention)
    reason = _("Accepted from %(document)s") % {"document": mention.document}
    person = services.create_person(
        actor, aliases=lines(values.get("aliases")), reason=reason,
        party=party_for((mention.values or {}).get("country")), visibility=mention.document.visibility,
        **{f"name_{language}": str(values.get("name") or "").strip()[:300]},
    )
    person._review_notes = _add_roles(actor, mention, person, parse_roles(values.get("roles")), language, reason)
    return person


def link_person(actor, mention, person: Person, values: dict) -> Person:
    """Complete a known person: the name in this language if missing, new spellings, missing roles."""
    language = language_of(mention)
    reason = _("Linked from %(document)s") % {"document": mention.document}
    name = str(values.get("name") or "").strip()[:300]
    data = {}
    spellings = [name, *lines(values.get("aliases"))]
    if name and not getattr(person, f"name_{language}"):
        data[f"name_{language}"] = name
        spellings.remove(name)
    if party_for((mention.values or {}).get("country")) and not person.party_id:
        data["party"] = party_for(mention.values["country"])
    fresh = new_spellings(person, PersonAlias, "person", [s for s in spellings if s])
    if data or fresh:
        current = list(person.aliases.values_list("name", flat=True))
        person = services.update_person(actor, person, aliases=[*current, *fresh], reason=reason, **data)
    person._review_notes = _add_roles(actor, mention, person, parse_roles(values.get("roles")), language, reason,
                                      without_organization=False)
    return person


register("person", model=Person, create=create_person, link=link_person, fields=person_fields)
