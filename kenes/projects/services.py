"""The projects' write path: what may change; ``kenes.core.services`` says how.

An organisation's role in a project is kept in step with the project's organisations in the
same transaction (as a meeting's participants are): every organisation has exactly one role.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.core.translation import CONTENT_LANGUAGES, reader_language
from kenes.projects.models import PortfolioStatement, Project, ProjectOrganization, ProjectStatus

PROJECT_FIELDS = core.editable_fields(Project)
STATEMENT_FIELDS = core.editable_fields(PortfolioStatement)


@transaction.atomic
def create_project(actor, *, reason: str = "", roles: dict | None = None, **data) -> Project:
    """``roles``: {organisation: role} for organisations that are not simply partners."""
    project = core.create(actor, Project, data, allowed=PROJECT_FIELDS, reason=reason)
    _sync_roles(project, roles or {})
    return project


@transaction.atomic
def update_project(actor, project: Project, *, version: int | None = None, reason: str = "",
                   **data) -> Project:
    project = core.update(actor, project, data, allowed=PROJECT_FIELDS, version=version, reason=reason)
    _sync_roles(project, {})
    return project


def _sync_roles(project: Project, roles: dict) -> None:
    """One role row per organisation of the project: new ones added (as partners unless said), gone ones removed."""
    linked = set(project.organizations.values_list("pk", flat=True))
    ProjectOrganization.objects.filter(project=project).exclude(organization_id__in=linked).delete()
    known = set(ProjectOrganization.objects.filter(project=project).values_list("organization_id", flat=True))
    wanted = {getattr(organization, "pk", organization): role for organization, role in roles.items()}
    for pk in sorted(linked - known):
        role = wanted.get(pk) or ProjectOrganization.Role.PARTNER
        if role not in ProjectOrganization.Role.values:
            raise ValidationError({"organizations": _("Unknown role: %(role)s.") % {"role": role}})
        ProjectOrganization.objects.create(project=project, organization_id=pk, role=role)


@transaction.atomic
def set_role(actor, project: Project, organization, role: str, *, version: int | None = None) -> ProjectOrganization:
    """An organisation's role in a project; the organisation joins the project if it was not in it."""
    core.require_secretariat(actor)
    if role not in ProjectOrganization.Role.values:
        raise ValidationError({"role": _("Choose lead, partner, funder or implementer.")})
    current = core.lock(project)
    core.check_version(current, version)
    if not current.organizations.filter(pk=organization.pk).exists():
        organizations = [*current.organizations.all(), organization]
        current = core.update(actor, current, {"organizations": organizations}, allowed=["organizations"],
                              reason=_("%(organization)s joined as %(role)s") % {
                                  "organization": organization, "role": ProjectOrganization.Role(role).label})
        _sync_roles(current, {organization.pk: role})
    else:
        core.save(current, actor, _("%(organization)s is now %(role)s") % {
            "organization": organization, "role": ProjectOrganization.Role(role).label})
    row, _created = ProjectOrganization.objects.update_or_create(project=current, organization=organization,
                                                                 defaults={"role": role})
    return row


def create_statement(actor, *, reason: str = "", **data) -> PortfolioStatement:
    return core.create(actor, PortfolioStatement, data, allowed=STATEMENT_FIELDS, reason=reason)


def update_statement(actor, statement: PortfolioStatement, *, version: int | None = None, reason: str = "",
                     **data) -> PortfolioStatement:
    return core.update(actor, statement, data, allowed=STATEMENT_FIELDS, version=version, reason=reason)


# Reading.

def by_display_name(queryset):
    field = f"name_{reader_language()}"
    fallbacks = [NullIf(F(name), Value("")) for name in (field, *(f"name_{code}" for code in CONTENT_LANGUAGES))]
    return queryset.order_by(Coalesce(*fallbacks).asc(), "pk")


def search_projects(user, query: str = "", *, status: str = "", sector: str = "", party: str = ""):
    """The projects ``user`` may see, filtered by words of the name or description, status, sector and party."""
    projects = Project.objects.visible_to(user).select_related("sector")
    if query:
        condition = Q()
        for word in query.split()[:8]:
            either = Q()
            for code in CONTENT_LANGUAGES:
                either |= Q(**{f"name_{code}__icontains": word}) | Q(**{f"description_{code}__icontains": word})
            condition &= either
        projects = projects.filter(condition)
    if status in ProjectStatus.values:
        projects = projects.filter(status=status)
    if sector:
        projects = projects.filter(sector__code=sector)
    if party:
        projects = projects.filter(parties__code=party.upper()).distinct()
    return by_display_name(projects.prefetch_related("parties"))


def visible_statements(user):
    return PortfolioStatement.objects.visible_to(user).select_related("stated_by_person", "stated_by_organization")


def latest_statements(user) -> list[PortfolioStatement]:
    """The most recent dated statement for each status, in the order of the statuses (whole portfolio last)."""
    latest = {}
    for statement in visible_statements(user).exclude(stated_on="").order_by("-stated_on", "-pk"):
        latest.setdefault(statement.status, statement)
    order = [*ProjectStatus.values, ""]
    return [latest[status] for status in order if status in latest]


def roles_of(project: Project, user) -> list[ProjectOrganization]:
    """The organisations' roles the reader may see (a hidden organisation is not named)."""
    from kenes.directory.models import Organization

    visible = Organization.objects.visible_to(user).values("pk")
    return list(project.roles.filter(organization__in=visible).select_related("organization"))


def projects_of_measure(user, measure) -> list[dict]:
    """The projects implementing a measure, for its page (``kenes.inventory.services.LINK_SOURCES``)."""
    from django.utils.translation import gettext

    projects = Project.objects.visible_to(user).filter(measures=measure)
    return [{"kind": gettext("Project"), "label": f"{project} ({project.get_status_display()})",
             "url": project.get_absolute_url()} for project in by_display_name(projects)]


def _register_links() -> None:
    from kenes.inventory import services as inventory

    inventory.register_links(projects_of_measure, lambda measure: Project._base_manager.filter(measures=measure))


_register_links()
