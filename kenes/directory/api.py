"""Directory endpoints: read for everyone (visibility applied), write for the secretariat.

The schemas come from the models (``kenes.core.api_schemas``): the field lists
are the services' own, so a field added to a model appears here by itself.
"""

from __future__ import annotations

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import StringConstraints

from kenes.core.api_schemas import RecordSchemas, choice_filter, expected_version
from kenes.core.api_types import Id, Text, paginated
from kenes.core.pagecache import api_kept_until_changed
from kenes.directory import services
from kenes.directory.models import Membership, Organization, Party, Person

router = Router(tags=["directory"])

OrgKind, OrgStatus = choice_filter(Organization, "kind"), choice_filter(Organization, "status")
Aliases = list[Annotated[str, StringConstraints(max_length=1000)]]


def _aliases(record, user) -> list[str]:
    return [alias.name for alias in record.aliases.all()]


ORGANIZATIONS = RecordSchemas(
    Organization, fields=services.ORGANIZATION_FIELDS,
    extra_in={"aliases": (Aliases, [])}, extra_out={"aliases": (list[str], _aliases)},
)
PEOPLE = RecordSchemas(
    Person, fields=[name for name in services.PERSON_FIELDS if name != "photo"],
    extra_in={"aliases": (Aliases, [])}, extra_out={"aliases": (list[str], _aliases)},
)
MEMBERSHIPS = RecordSchemas(Membership, fields=["person", *services.MEMBERSHIP_FIELDS], required=("person",))


class PartyOut(Schema):
    code: str
    name_en: str
    name_ru: str
    name_kk: str
    name_uz: str


@router.get("/parties", response=list[PartyOut], summary="Parties to the partnership")
def list_parties(request):
    return Party.objects.all()


@router.get("/organizations", response=list[ORGANIZATIONS.Out], summary="Organisations")
@paginated(sort={"name_en": "name_en", "name_ru": "name_ru", "acronym": "acronym", "founded": "founded",
                 "party": "party__code"})
def list_organizations(request, q: Text = "", party: Text = "", kind: OrgKind = "", status: OrgStatus = ""):
    orgs = services.search_organizations(request.user, q, party=party, kind=kind, status=status)
    return orgs.prefetch_related("aliases").order_by("pk")


@router.get("/organizations/{org_id}", response=ORGANIZATIONS.Out, summary="One organisation")
def get_organization(request, org_id: Id):
    return get_object_or_404(Organization.objects.visible_to(request.user).select_related("party"), pk=org_id)


@router.post("/organizations", response={201: ORGANIZATIONS.Out}, summary="Create an organisation (secretariat)")
def create_organization(request, payload: ORGANIZATIONS.In):
    data = payload.model_dump()
    aliases = data.pop("aliases")
    org = services.create_organization(request.user, aliases=aliases, **ORGANIZATIONS.to_service(request.user, data))
    return Status(201, org)


@router.patch("/organizations/{org_id}", response=ORGANIZATIONS.Out,
              summary="Change an organisation (secretariat; 409 if it changed since your version)")
def update_organization(request, org_id: Id, payload: ORGANIZATIONS.Patch):
    org = get_object_or_404(Organization.objects.visible_to(request.user), pk=org_id)
    data = payload.model_dump(exclude_unset=True)
    aliases = data.pop("aliases", None)
    return services.update_organization(request.user, org, aliases=aliases, version=expected_version(request, data),
                                        **ORGANIZATIONS.to_service(request.user, data))


@router.get("/people", response=list[PEOPLE.Out], summary="People")
@decorate_view(api_kept_until_changed)
@paginated(sort={"name_en": "name_en", "name_ru": "name_ru", "party": "party__code"})
def list_people(request, q: Text = "", party: Text = "", expertise: Text = "", organization: Id | None = None):
    people = services.search_people(request.user, q, party=party, expertise=expertise, organization=organization)
    return people.prefetch_related("aliases", "expertise").order_by("pk")


@router.get("/people/{person_id}", response=PEOPLE.Out, summary="One person")
def get_person(request, person_id: Id):
    return get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)


@router.post("/people", response={201: PEOPLE.Out}, summary="Create a person (secretariat)")
def create_person(request, payload: PEOPLE.In):
    data = payload.model_dump()
    aliases = data.pop("aliases")
    fields = PEOPLE.to_service(request.user, data)
    expertise = fields.pop("expertise", [])
    return Status(201, services.create_person(request.user, aliases=aliases, expertise=expertise, **fields))


@router.patch("/people/{person_id}", response=PEOPLE.Out,
              summary="Change a person (secretariat; 409 if it changed since your version)")
def update_person(request, person_id: Id, payload: PEOPLE.Patch):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    data = payload.model_dump(exclude_unset=True)
    aliases = data.pop("aliases", None)
    fields = PEOPLE.to_service(request.user, data)
    return services.update_person(request.user, person, aliases=aliases, expertise=fields.pop("expertise", None),
                                  version=expected_version(request, data), **fields)


@router.get("/memberships", response=list[MEMBERSHIPS.Out], summary="Roles of people in organisations")
@paginated(sort=("start_date", "end_date"))
def list_memberships(request, person: Id | None = None, organization: Id | None = None, current: bool = False):
    filters = {}
    if person:
        filters["person_id"] = person
    if organization:
        filters["organization_id"] = organization
    memberships = services.visible_memberships(request.user, **filters)
    if current:
        memberships = memberships.filter(end_date="")
    return memberships.order_by("pk")


@router.post("/memberships", response={201: MEMBERSHIPS.Out}, summary="Add a role (secretariat)")
def create_membership(request, payload: MEMBERSHIPS.In):
    data = MEMBERSHIPS.to_service(request.user, payload.model_dump())
    person = data.pop("person")
    return Status(201, services.add_membership(request.user, person, **data))


@router.patch("/memberships/{membership_id}", response=MEMBERSHIPS.Out,
              summary="Change a role (secretariat; 409 if it changed since your version)")
def update_membership(request, membership_id: Id, payload: MEMBERSHIPS.Patch):
    membership = get_object_or_404(services.visible_memberships(request.user), pk=membership_id)
    data = payload.model_dump(exclude_unset=True)
    fields = MEMBERSHIPS.to_service(request.user, data)
    fields.pop("person", None)  # a role stays with its person
    return services.update_membership(request.user, membership, version=expected_version(request, data), **fields)


@router.delete("/memberships/{membership_id}", response={204: None},
               summary="Remove a role (secretariat; it can be restored on the pages)")
def delete_membership(request, membership_id: Id):
    membership = get_object_or_404(services.visible_memberships(request.user), pk=membership_id)
    services.delete_membership(request.user, membership, version=expected_version(request, {}, required=False))
    return Status(204, None)
