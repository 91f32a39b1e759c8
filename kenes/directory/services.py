"""The one write path for the directory: views, API, CLI and demo loading call these.

Each function checks the actor may write, validates, writes inside a
transaction and leaves a history entry with the reason given.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kenes.accounts.services import require_secretariat
from kenes.core.models import MultilingualName, Topic, visible_levels
from kenes.directory.models import Membership, Organization, Party, Person, PersonAlias
from kenes.extraction.translit import fold

ORGANIZATION_FIELDS = {
    "name_en", "name_ru", "name_kk", "name_uz", "acronym", "kind", "party", "parent",
    "status", "founded", "website", "description", "visibility",
}
PERSON_FIELDS = {"name_en", "name_ru", "name_kk", "name_uz", "party", "photo", "biography", "visibility"}
MEMBERSHIP_FIELDS = {"organization", "title", "start_date", "end_date", "on_behalf_of", "note", "visibility"}


def _assign(instance, data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if value is None and isinstance(field, (models.CharField, models.TextField)) and not field.null:
            # "No value" for a text column is the empty text; NULL would break the NOT NULL constraint.
            value = ""
        if isinstance(value, str):
            value = value.strip()
        setattr(instance, name, value)


def _save(instance, actor, reason: str) -> None:
    instance.full_clean()
    # simple_history reads these when it writes the history row: who, and why.
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()


def organization_search_key(org: Organization) -> str:
    return " ".join(fold(n) for n in [*org.names(), org.acronym] if n)


def person_search_key(person: Person, aliases: Iterable[str] = ()) -> str:
    return " ".join(fold(n) for n in [*person.names(), *aliases] if n)


@transaction.atomic
def create_organization(actor, *, reason: str = "", **data) -> Organization:
    require_secretariat(actor)
    org = Organization()
    _assign(org, data, ORGANIZATION_FIELDS)
    org.search_key = organization_search_key(org)
    _save(org, actor, reason or _("Created"))
    return org


@transaction.atomic
def update_organization(actor, org: Organization, *, reason: str = "", **data) -> Organization:
    require_secretariat(actor)
    org = Organization.objects.select_for_update().get(pk=org.pk)
    _assign(org, data, ORGANIZATION_FIELDS)
    org.search_key = organization_search_key(org)
    _save(org, actor, reason or _("Edited"))
    return org


@transaction.atomic
def create_person(actor, *, aliases: Iterable[str] = (), expertise: Iterable[Topic] = (),
                  reason: str = "", **data) -> Person:
    require_secretariat(actor)
    person = Person()
    _assign(person, data, PERSON_FIELDS)
    aliases = _clean_aliases(aliases)
    person.search_key = person_search_key(person, aliases)
    _save(person, actor, reason or _("Created"))
    for alias in aliases:
        _save(PersonAlias(person=person, name=alias), actor, reason or _("Created"))
    if expertise:
        person.expertise.set(expertise)
    return person


@transaction.atomic
def update_person(actor, person: Person, *, aliases: Iterable[str] | None = None,
                  expertise: Iterable[Topic] | None = None, reason: str = "", **data) -> Person:
    require_secretariat(actor)
    person = Person.objects.select_for_update().get(pk=person.pk)
    _assign(person, data, PERSON_FIELDS)
    if aliases is not None:
        wanted = _clean_aliases(aliases)
        person.aliases.exclude(name__in=wanted).delete()
        existing = set(person.aliases.values_list("name", flat=True))
        for alias in wanted:
            if alias not in existing:
                _save(PersonAlias(person=person, name=alias), actor, reason or _("Edited"))
    person.search_key = person_search_key(person, person.aliases.values_list("name", flat=True))
    _save(person, actor, reason or _("Edited"))
    if expertise is not None:
        person.expertise.set(expertise)
    return person


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


@transaction.atomic
def add_membership(actor, person: Person, *, reason: str = "", **data) -> Membership:
    require_secretariat(actor)
    membership = Membership(person=person)
    _assign(membership, data, MEMBERSHIP_FIELDS)
    _save(membership, actor, reason or _("Role added"))
    return membership


@transaction.atomic
def update_membership(actor, membership: Membership, *, reason: str = "", **data) -> Membership:
    require_secretariat(actor)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _assign(membership, data, MEMBERSHIP_FIELDS)
    _save(membership, actor, reason or _("Role edited"))
    return membership


@transaction.atomic
def delete_membership(actor, membership: Membership, *, reason: str = "") -> None:
    require_secretariat(actor)
    membership._history_user = actor
    membership._change_reason = reason or _("Role removed")
    membership.delete()


def upsert_party(actor, code: str, **names) -> Party:
    require_secretariat(actor)
    party = Party.objects.filter(code=code).first() or Party(code=code)
    _assign(party, names, {"name_en", "name_ru", "name_kk", "name_uz"})
    _save(party, actor, _("Reference data"))
    return party


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
    language = (get_language() or "en")[:2]
    field = f"name_{language}" if language in MultilingualName.NAME_LANGUAGES else "name_en"
    fallbacks = [NullIf(F(name), Value("")) for name in (field, "name_en", "name_ru", "name_kk", "name_uz")]
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
            memberships__organization__visibility__in=levels,
        )
    return by_display_name(people.distinct())


def visible_memberships(user, **filters):
    """Memberships the user may see: the role itself and both ends must be visible."""
    levels = visible_levels(user)
    return (
        Membership.objects.filter(visibility__in=levels, person__visibility__in=levels, **filters)
        .filter(Q(organization__isnull=True) | Q(organization__visibility__in=levels))
        .select_related("person", "organization", "on_behalf_of")
    )
