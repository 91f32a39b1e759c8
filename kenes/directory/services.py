"""The directory's write path: what may change; ``kenes.core.services`` says how.

Views, the API, the CLI and demo loading call these. Each passes the version
the editor started from, so a save over someone else's newer change is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from kenes.core import merging
from kenes.core import services as core
from kenes.core.models import visible_levels
from kenes.core.translation import CONTENT_LANGUAGES, reader_language
from kenes.directory.models import (
    Membership,
    Organization,
    OrganizationAlias,
    Party,
    Person,
    PersonAlias,
)
from kenes.extraction.translit import fold

ORGANIZATION_FIELDS = core.editable_fields(Organization)
PERSON_FIELDS = core.editable_fields(Person)
MEMBERSHIP_FIELDS = core.editable_fields(Membership, exclude=["person"])


@transaction.atomic
def create_organization(actor, *, aliases: Iterable[str] = (), reason: str = "", **data) -> Organization:
    org = core.create(actor, Organization, data, allowed=ORGANIZATION_FIELDS, reason=reason)
    if aliases:
        _set_aliases(actor, org, OrganizationAlias, "organization", aliases, reason or _("Created"))
        _refresh_search_key(org)
    return org


@transaction.atomic
def update_organization(actor, org: Organization, *, aliases: Iterable[str] | None = None,
                        version: int | None = None, reason: str = "", **data) -> Organization:
    return core.update(actor, org, data, allowed=ORGANIZATION_FIELDS, version=version, reason=reason,
                       prepare=_aliases_step(actor, OrganizationAlias, "organization", aliases, reason))


@transaction.atomic
def create_person(actor, *, aliases: Iterable[str] = (), expertise: Iterable = (), reason: str = "",
                  **data) -> Person:
    data["expertise"] = list(expertise)
    person = core.create(actor, Person, data, allowed=PERSON_FIELDS, reason=reason)
    if aliases:
        _set_aliases(actor, person, PersonAlias, "person", aliases, reason or _("Created"))
        _refresh_search_key(person)
    return person


@transaction.atomic
def update_person(actor, person: Person, *, aliases: Iterable[str] | None = None,
                  expertise: Iterable | None = None, version: int | None = None, reason: str = "",
                  **data) -> Person:
    if expertise is not None:
        data["expertise"] = list(expertise)
    return core.update(actor, person, data, allowed=PERSON_FIELDS, version=version, reason=reason,
                       prepare=_aliases_step(actor, PersonAlias, "person", aliases, reason))


def _aliases_step(actor, alias_model, owner_field, aliases, reason):
    """Set the other spellings inside the record's own save: one history entry, one version step."""
    if aliases is None:
        return None
    return lambda record: _set_aliases(actor, record, alias_model, owner_field, aliases, reason or _("Edited"))


def _refresh_search_key(record) -> None:
    """A new record's spellings exist only after its first save: fold them in without a second history entry."""
    record.update_derived_fields()
    type(record)._base_manager.filter(pk=record.pk).update(search_key=record.search_key)
    core.reindex(record)


def _set_aliases(actor, owner, alias_model, owner_field: str, aliases: Iterable[str], reason: str) -> bool:
    """Make the owner's other spellings exactly ``aliases``; True when something changed."""
    wanted = _clean_aliases(aliases)
    current = {alias.name: alias for alias in alias_model.objects.filter(**{owner_field: owner})}
    changed = False
    for name, alias in current.items():
        if name not in wanted:
            alias._history_user, alias._change_reason = actor, reason
            alias.delete()
            changed = True
    for name in wanted:
        if name not in current:
            core.save(alias_model(**{owner_field: owner, "name": name}), actor, reason)
            changed = True
    return changed


def _clean_aliases(aliases: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for alias in aliases:
        alias = (alias or "").strip()
        if len(alias) > 300:
            raise ValidationError({"aliases": _("An alias is longer than 300 characters: %(start)s…")
                                   % {"start": alias[:40]}})
        if alias:
            seen.setdefault(alias, None)
    return list(seen)


def add_membership(actor, person: Person, *, reason: str = "", **data) -> Membership:
    data["person"] = person
    return core.create(actor, Membership, data, allowed=[*MEMBERSHIP_FIELDS, "person"],
                       reason=reason or _("Role added"))


def update_membership(actor, membership: Membership, *, version: int | None = None, reason: str = "",
                      **data) -> Membership:
    return core.update(actor, membership, data, allowed=MEMBERSHIP_FIELDS, version=version,
                       reason=reason or _("Role edited"))


def delete_membership(actor, membership: Membership, *, version: int | None = None, reason: str = "") -> Membership:
    return core.delete(actor, membership, version=version, reason=reason or _("Role removed"))


def delete_record(actor, record, *, version: int | None = None, reason: str = ""):
    return core.delete(actor, record, version=version, reason=reason)


def upsert_party(actor, code: str, **names) -> Party:
    party = Party.objects.filter(code=code).first()
    if party is None:
        return core.create(actor, Party, {"code": code, **names}, allowed=["code", *_name_fields()],
                           reason=_("Reference data"))
    return core.update(actor, party, names, allowed=_name_fields(), reason=_("Reference data"))


def _name_fields() -> list[str]:
    return [f"name_{code}" for code in CONTENT_LANGUAGES]


# Merging: a person's or an organisation's other names become other spellings of the record kept.

def _keep_names_as_aliases(alias_model, owner_field):
    def on_merge(kept, duplicate, actor, reason) -> dict:
        known = {fold(name) for name in kept.names()} | {
            fold(name) for name in alias_model.objects.filter(**{owner_field: kept}).values_list("name", flat=True)}
        created = []
        acronym = getattr(duplicate, "acronym", "")
        if acronym:
            known.add(fold(getattr(kept, "acronym", "")))
        spellings = [*duplicate.names(), *([acronym] if acronym else [])]
        for name in spellings:
            if fold(name) not in known:
                alias = alias_model(**{owner_field: kept, "name": name, "language": getattr(name, "language", "")})
                core.save(alias, actor, reason)
                created.append(alias.pk)
                known.add(fold(name))
        return {"aliases_created": created}

    def on_undo(kept, duplicate, moved, actor, reason) -> None:
        for alias in alias_model.objects.filter(pk__in=moved.get("aliases_created", []), **{owner_field: kept}):
            alias._history_user, alias._change_reason = actor, reason
            alias.delete()

    return on_merge, on_undo


_on_merge, _on_undo = _keep_names_as_aliases(PersonAlias, "person")
merging.register(Person, on_merge=_on_merge, on_undo=_on_undo)
_on_merge, _on_undo = _keep_names_as_aliases(OrganizationAlias, "organization")
merging.register(Organization, on_merge=_on_merge, on_undo=_on_undo)


# Reading.

def search_filter(query: str) -> Q | None:
    """A filter matching every word of the query, folded across scripts (Токаев finds Tokayev)."""
    words = fold(query or "").split()
    if not words:
        return None
    condition = Q()
    for word in words[:8]:
        condition &= Q(search_key__contains=word)
    return condition


def by_display_name(queryset):
    """Alphabetical in the reader's language: a Russian reader sees Russian names in order."""
    field = f"name_{reader_language()}"
    fallbacks = [NullIf(F(name), Value("")) for name in (field, *_name_fields())]
    return queryset.order_by(Coalesce(*fallbacks).asc(), "pk")


def search_organizations(user, query: str = "", *, party: str = "", kind: str = "", status: str = ""):
    orgs = Organization.objects.visible_to(user).select_related("party", "parent")
    if (condition := search_filter(query)) is not None:
        orgs = orgs.filter(condition)
    if party:
        orgs = orgs.filter(party__code=party.upper())
    if kind:
        orgs = orgs.filter(kind=kind)
    if status:
        orgs = orgs.filter(status=status)
    return by_display_name(orgs)


def search_people(user, query: str = "", *, party: str = "", expertise: str = "", organization: int | None = None):
    people = Person.objects.visible_to(user).select_related("party")
    if (condition := search_filter(query)) is not None:
        people = people.filter(condition)
    if party:
        people = people.filter(party__code=party.upper())
    if expertise:
        people = people.filter(expertise__code=expertise)
    if organization:
        levels = visible_levels(user)
        # Only through roles and organisations the user may see: otherwise the answer
        # would tell who belongs to a hidden body.
        people = people.filter(
            memberships__organization_id=organization,
            memberships__visibility__in=levels,
            memberships__deleted_at__isnull=True,
            memberships__organization__visibility__in=levels,
            memberships__organization__deleted_at__isnull=True,
            memberships__organization__merged_into__isnull=True,
        )
    return by_display_name(people.distinct())


def visible_memberships(user, **filters):
    """Memberships the user may see: the role itself and both ends must be visible."""
    levels = visible_levels(user)
    return (
        Membership.objects.visible_to(user)
        .filter(person__visibility__in=levels, person__deleted_at__isnull=True, person__merged_into__isnull=True,
                **filters)
        .filter(Q(organization__isnull=True) | Q(organization__visibility__in=levels,
                                                 organization__deleted_at__isnull=True,
                                                 organization__merged_into__isnull=True))
        .select_related("person", "organization", "on_behalf_of")
    )


# Exact finders: a role, a responsibility or a participant must not silently land on a similar name.

def find_organization(name: str) -> Organization | None:
    """A live organisation whose name (any language), alias or acronym is exactly ``name``, folded; else None."""
    key = fold(name or "")
    if not key:
        return None
    for org in Organization.objects.live().filter(search_key__contains=key).prefetch_related("aliases")[:50]:
        spellings = [*org.names(), org.acronym, *(alias.name for alias in org.aliases.all())]
        if any(fold(spelling) == key for spelling in spellings if spelling):
            return org
    return None


def find_person(name: str) -> Person | None:
    """A live person whose name (any language) or alias is exactly ``name``, folded; else None."""
    key = fold(name or "")
    if not key:
        return None
    for person in Person.objects.live().filter(search_key__contains=key).prefetch_related("aliases")[:50]:
        if any(fold(spelling) == key for spelling in [*person.names(), *(a.name for a in person.aliases.all())]):
            return person
    return None
