"""Directory endpoints: read for everyone (visibility applied), write for the secretariat."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import ConfigDict

from kenes.core.models import Topic, Visibility, visible_levels
from kenes.directory import services
from kenes.directory.models import Organization, Party, Person

router = Router(tags=["directory"])


class PartyOut(Schema):
    code: str
    name_en: str
    name_ru: str
    name_kk: str
    name_uz: str


class OrganizationOut(Schema):
    id: int
    name_en: str
    name_ru: str
    name_kk: str
    name_uz: str
    acronym: str
    kind: str
    party: str | None = Field(None, alias="party.code")
    parent_id: int | None = None
    status: str
    founded: str
    website: str
    description: str
    visibility: str

    @staticmethod
    def resolve_parent_id(org, context) -> int | None:
        # A hidden parent is not even named by its id.
        parent = org.parent
        if parent is None or parent.visibility not in visible_levels(context["request"].user):
            return None
        return parent.pk


class MembershipOut(Schema):
    id: int
    person_id: int
    organization_id: int | None
    title: str
    start_date: str
    end_date: str
    on_behalf_of: str | None = Field(None, alias="on_behalf_of.code")
    note: str
    visibility: str


class PersonOut(Schema):
    id: int
    name_en: str
    name_ru: str
    name_kk: str
    name_uz: str
    aliases: list[str]
    party: str | None = Field(None, alias="party.code")
    biography: str
    expertise: list[str]
    visibility: str

    @staticmethod
    def resolve_aliases(person) -> list[str]:
        return [alias.name for alias in person.aliases.all()]

    @staticmethod
    def resolve_expertise(person) -> list[str]:
        return [topic.code for topic in person.expertise.all()]


class OrganizationIn(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    name_en: str = ""
    name_ru: str = ""
    name_kk: str = ""
    name_uz: str = ""
    acronym: str = ""
    kind: str = Organization.Kind.OTHER
    party: str | None = None
    parent_id: int | None = None
    status: str = ""
    founded: str = ""
    website: str = ""
    description: str = ""
    visibility: Visibility = Visibility.INTERNAL


class OrganizationPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    name_en: str | None = None
    name_ru: str | None = None
    name_kk: str | None = None
    name_uz: str | None = None
    acronym: str | None = None
    kind: str | None = None
    party: str | None = None
    parent_id: int | None = None
    status: str | None = None
    founded: str | None = None
    website: str | None = None
    description: str | None = None
    visibility: Visibility | None = None


class PersonIn(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    name_en: str = ""
    name_ru: str = ""
    name_kk: str = ""
    name_uz: str = ""
    aliases: list[str] = []
    party: str | None = None
    biography: str = ""
    expertise: list[str] = []
    visibility: Visibility = Visibility.INTERNAL


class PersonPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    name_en: str | None = None
    name_ru: str | None = None
    name_kk: str | None = None
    name_uz: str | None = None
    aliases: list[str] | None = None
    party: str | None = None
    biography: str | None = None
    expertise: list[str] | None = None
    visibility: Visibility | None = None


class MembershipIn(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    person_id: int
    organization_id: int | None = None
    title: str
    start_date: str = ""
    end_date: str = ""
    on_behalf_of: str | None = None
    note: str = ""
    visibility: Visibility = Visibility.INTERNAL


class MembershipPatch(Schema):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not silently ignored

    organization_id: int | None = None
    title: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    on_behalf_of: str | None = None
    note: str | None = None
    visibility: Visibility | None = None


def _party(code: str | None) -> Party | None:
    if not code:
        return None
    party = Party.objects.filter(code=code.upper()).first()
    if party is None:
        raise ValidationError({"party": _("No party with the code %(code)s.") % {"code": code}})
    return party


def _topics(codes: list[str]) -> list[Topic]:
    topics = list(Topic.objects.filter(code__in=codes))
    missing = set(codes) - {t.code for t in topics}
    if missing:
        raise ValidationError({"expertise": _("Unknown topics: %(codes)s") % {"codes": ", ".join(sorted(missing))}})
    return topics


def _organization_data(user, payload: dict) -> dict:
    data = dict(payload)
    if "party" in data:
        data["party"] = _party(data["party"])
    if "parent_id" in data:
        data["parent"] = _organization(user, data.pop("parent_id"), "parent_id")
    return data


def _organization(user, org_id: int | None, field: str) -> Organization | None:
    if not org_id:
        return None
    org = Organization.objects.visible_to(user).filter(pk=org_id).first()
    if org is None:
        raise ValidationError({field: _("No organisation with the id %(id)s.") % {"id": org_id}})
    return org


@router.get("/parties", response=list[PartyOut], summary="Parties to the partnership")
def list_parties(request):
    return Party.objects.all()


@router.get("/organizations", response=list[OrganizationOut], summary="Organisations")
@paginate(LimitOffsetPagination)
def list_organizations(request, q: str = "", party: str = "", kind: str = "", status: str = ""):
    return services.search_organizations(request.user, q, party=party, kind=kind, status=status).order_by("pk")


@router.get("/organizations/{org_id}", response=OrganizationOut, summary="One organisation")
def get_organization(request, org_id: int):
    return get_object_or_404(Organization.objects.visible_to(request.user).select_related("party"), pk=org_id)


@router.post("/organizations", response={201: OrganizationOut}, summary="Create an organisation (secretariat)")
def create_organization(request, payload: OrganizationIn):
    data = _organization_data(request.user, payload.model_dump())
    return Status(201, services.create_organization(request.user, **data))


@router.patch("/organizations/{org_id}", response=OrganizationOut, summary="Change an organisation (secretariat)")
def update_organization(request, org_id: int, payload: OrganizationPatch):
    org = get_object_or_404(Organization.objects.visible_to(request.user), pk=org_id)
    data = _organization_data(request.user, payload.model_dump(exclude_unset=True))
    return services.update_organization(request.user, org, **data)


@router.get("/people", response=list[PersonOut], summary="People")
@paginate(LimitOffsetPagination)
def list_people(request, q: str = "", party: str = "", expertise: str = "", organization: int | None = None):
    people = services.search_people(request.user, q, party=party, expertise=expertise, organization=organization)
    return people.prefetch_related("aliases", "expertise").order_by("pk")


@router.get("/people/{person_id}", response=PersonOut, summary="One person")
def get_person(request, person_id: int):
    return get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)


@router.post("/people", response={201: PersonOut}, summary="Create a person (secretariat)")
def create_person(request, payload: PersonIn):
    data = payload.model_dump()
    aliases, expertise = data.pop("aliases"), _topics(data.pop("expertise"))
    data["party"] = _party(data["party"])
    return Status(201, services.create_person(request.user, aliases=aliases, expertise=expertise, **data))


@router.patch("/people/{person_id}", response=PersonOut, summary="Change a person (secretariat)")
def update_person(request, person_id: int, payload: PersonPatch):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    data = payload.model_dump(exclude_unset=True)
    aliases = data.pop("aliases", None)
    expertise = data.pop("expertise", None)
    if "party" in data:
        data["party"] = _party(data["party"])
    return services.update_person(
        request.user, person, aliases=aliases,
        expertise=_topics(expertise) if expertise is not None else None, **data,
    )


@router.get("/memberships", response=list[MembershipOut], summary="Roles of people in organisations")
@paginate(LimitOffsetPagination)
def list_memberships(request, person: int | None = None, organization: int | None = None, current: bool = False):
    filters = {}
    if person:
        filters["person_id"] = person
    if organization:
        filters["organization_id"] = organization
    memberships = services.visible_memberships(request.user, **filters)
    if current:
        memberships = memberships.filter(end_date="")
    return memberships.order_by("pk")


@router.post("/memberships", response={201: MembershipOut}, summary="Add a role (secretariat)")
def create_membership(request, payload: MembershipIn):
    data = payload.model_dump()
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=data.pop("person_id"))
    data["organization"] = _organization(request.user, data.pop("organization_id"), "organization_id")
    data["on_behalf_of"] = _party(data["on_behalf_of"])
    return Status(201, services.add_membership(request.user, person, **data))


@router.patch("/memberships/{membership_id}", response=MembershipOut, summary="Change a role (secretariat)")
def update_membership(request, membership_id: int, payload: MembershipPatch):
    membership = get_object_or_404(services.visible_memberships(request.user), pk=membership_id)
    data = payload.model_dump(exclude_unset=True)
    if "organization_id" in data:
        data["organization"] = _organization(request.user, data.pop("organization_id"), "organization_id")
    if "on_behalf_of" in data:
        data["on_behalf_of"] = _party(data["on_behalf_of"])
    return services.update_membership(request.user, membership, **data)


@router.delete("/memberships/{membership_id}", response={204: None}, summary="Remove a role (secretariat)")
def delete_membership(request, membership_id: int):
    membership = get_object_or_404(services.visible_memberships(request.user), pk=membership_id)
    services.delete_membership(request.user, membership)
    return Status(204, None)



