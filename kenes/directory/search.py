"""What the directory makes searchable: people and organisations (see kenes/search/registry.py).

A person's entry also holds their expertise and roles, so "water" or "вода" finds the experts.
Related records enter an entry only when whoever can find the record may also read them
(``levels_readable_with``): a public person's entry never holds a role in a restricted body.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kenes.core.models import Topic
from kenes.directory import models as directory_models
from kenes.directory.models import Membership, Organization, Person, PersonAlias
from kenes.search import registry
from kenes.search.index import is_searchable

LANGUAGES = ("en", "ru", "kk", "uz")


def person_names(person: Person) -> list[str]:
    return [*person.names(), *(alias.name for alias in person.aliases.all())]


def _role(membership: Membership, levels: list[str]) -> str:
    titles = registry.translations(membership, "title")
    org = membership.organization
    if org is not None and org.visibility in levels and is_searchable(org):
        titles += [*org.names(), org.acronym]
    return ", ".join(t for t in titles if t)


def person_text(person: Person) -> list[str]:
    levels = registry.levels_readable_with(person.visibility)
    expertise = [" / ".join(n for n in (t.name_en, t.name_ru, t.name_kk, t.name_uz) if n)
                 for t in person.expertise.all()]
    roles = [
        _role(membership, levels)
        for membership in person.memberships.filter(visibility__in=levels).select_related("organization")
        if is_searchable(membership)
        # A role in a body the reader may not see is left out whole: its title could name the body.
        and (membership.organization is None
             or (membership.organization.visibility in levels and is_searchable(membership.organization)))
    ]
    return [*registry.translations(person, "biography"), *expertise, *roles]


def organization_names(org: Organization) -> list[str]:
    aliases = getattr(org, "aliases", None)
    return [*org.names(), org.acronym, *(alias.name for alias in (aliases.all() if aliases is not None else []))]


def organization_text(org: Organization) -> list[str]:
    kinds = []
    for language in LANGUAGES:
        # The kind in every working language: «аналитический центр» finds think tanks too.
        with translation.override(language):
            kinds.append(str(org.get_kind_display()))
    return [*registry.translations(org, "description"), " / ".join(dict.fromkeys(kinds))]


def people_in(org: Organization):
    # No id (deleted for good): filtering on None would match every role without an organisation.
    if org.pk is None:
        return Person._base_manager.none()
    return Person._base_manager.filter(memberships__organization_id=org.pk).distinct()


def experts_in(topic: Topic):
    if topic.pk is None:
        return Person._base_manager.none()
    return Person._base_manager.filter(expertise__id=topic.pk).distinct()


registry.register(
    Person, kind=_("People"), title=person_names, body=person_text,
    queryset=lambda: Person._base_manager.prefetch_related("aliases", "expertise"),
)
registry.register(Organization, kind=_("Organisations"), title=organization_names, body=organization_text)

# A person's entry shows aliases, expertise and roles (with the organisation's name).
registry.register_related(PersonAlias, affects=lambda alias: Person._base_manager.filter(pk=alias.person_id))
registry.register_related(Membership, affects=lambda role: Person._base_manager.filter(pk=role.person_id))
registry.register_related(Organization, affects=people_in)
if hasattr(directory_models, "OrganizationAlias"):
    registry.register_related(directory_models.OrganizationAlias,
                              affects=lambda alias: Organization._base_manager.filter(pk=alias.organization_id))
registry.register_related(Topic, affects=experts_in)
