"""Project and portfolio-statement endpoints: read for everyone (visibility applied), write for the secretariat.

Values travel as decimal strings (``"156000000"``): JSON numbers are floats in most clients,
and money is never a float. Organisations, measures and agreements the reader may not see
are left out of a project's lists, and a hidden organisation's role is not shown.
``GET /projects/iati`` gives the visible projects as IATI-style activities.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status

from kenes.core import services as core
from kenes.core.api_schemas import (
    RecordSchemas,
    StrictIn,
    choice_filter,
    expected_version,
    linked_records,
)
from kenes.core.api_types import Id, Text, paginated
from kenes.core.visibility import visible_many
from kenes.directory.models import Organization
from kenes.inventory.models import Agreement, Measure
from kenes.operations.exports import record_bulk_export
from kenes.projects import iati, services
from kenes.projects.models import PortfolioStatement, Project, ProjectOrganization

router = Router(tags=["projects"])
ProjectStatus = choice_filter(Project, "status")
StatementStatus = choice_filter(PortfolioStatement, "status")


def _roles(project, user) -> list[dict]:
    return [{"organization_id": row.organization_id, "role": row.role} for row in services.roles_of(project, user)]


# Links to other records travel as lists of ids, checked against what the caller may see.
LINKED = {"organizations": Organization, "measures": Measure, "agreements": Agreement}


def _ids(name):
    return lambda project, user: [record.pk for record in visible_many(getattr(project, name).all(), user)]


PROJECTS = RecordSchemas(
    Project, fields=[name for name in services.PROJECT_FIELDS if name not in LINKED],
    extra_in={name: (list[Id] | None, None) for name in LINKED},
    extra_out={"roles": (list[dict], _roles), **{name: (list[int], _ids(name)) for name in LINKED}})


def _project_data(user, data: dict) -> dict:
    return {**PROJECTS.to_service(user, data), **linked_records(user, data, LINKED)}
STATEMENTS = RecordSchemas(PortfolioStatement, fields=services.STATEMENT_FIELDS)


class RoleIn(StrictIn):
    role: Literal[tuple(ProjectOrganization.Role.values)]
    version: Id | None = None


@router.get("/projects", response=list[PROJECTS.Out], summary="Projects")
@paginated(sort=("name_en", "name_ru", "value", "start_date", "end_date"))
def list_projects(request, q: Text = "", status: ProjectStatus = "", sector: Text = "", party: Text = ""):
    return services.search_projects(request.user, q, status=status, sector=sector, party=party).order_by("pk")


@router.get("/projects/iati", summary="Visible projects as IATI-style activities (JSON)")
def projects_iati(request):
    record_bulk_export(request.user, "projects IATI JSON (API)", Project.objects.visible_to(request.user))
    return iati.activities(request.user, base_url=request.build_absolute_uri("/").rstrip("/"))


@router.get("/projects/{project_id}", response=PROJECTS.Out, summary="One project")
def get_project(request, project_id: Id):
    return get_object_or_404(Project.objects.visible_to(request.user), pk=project_id)


@router.post("/projects", response={201: PROJECTS.Out}, summary="Create a project (secretariat)")
def create_project(request, payload: PROJECTS.In):
    return Status(201, services.create_project(request.user, **_project_data(request.user, payload.model_dump())))


@router.patch("/projects/{project_id}", response=PROJECTS.Out,
              summary="Change a project (secretariat; 409 if it changed since your version)")
def update_project(request, project_id: Id, payload: PROJECTS.Patch):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_project(request.user, project, version=expected_version(request, data),
                                   **_project_data(request.user, data))


@router.delete("/projects/{project_id}", response={204: None},
               summary="Delete a project (secretariat; it can be restored on the pages)")
def delete_project(request, project_id: Id):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_id)
    core.delete(request.user, project, version=expected_version(request, {}, required=False))
    return Status(204, None)


@router.put("/projects/{project_id}/roles/{organization_id}", response=PROJECTS.Out,
            summary="Set an organisation's role in a project (secretariat; the project's version)")
def set_role(request, project_id: Id, organization_id: Id, payload: RoleIn):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=project_id)
    organization = Organization.objects.visible_to(request.user).filter(pk=organization_id).first()
    if organization is None:
        raise ValidationError({"organization_id": _("No organisation with the id %(id)s.") % {"id": organization_id}})
    data = payload.model_dump()
    services.set_role(request.user, project, organization, data["role"], version=expected_version(request, data))
    return Project._base_manager.get(pk=project.pk)


@router.get("/portfolio-statements", response=list[STATEMENTS.Out], summary="Portfolio statements")
@paginated(sort=("stated_on", "total_value", "project_count"))
def list_statements(request, status: StatementStatus = ""):
    statements = services.visible_statements(request.user)
    if status:
        statements = statements.filter(status=status)
    return statements.order_by("pk")


@router.get("/portfolio-statements/{statement_id}", response=STATEMENTS.Out, summary="One portfolio statement")
def get_statement(request, statement_id: Id):
    return get_object_or_404(services.visible_statements(request.user), pk=statement_id)


@router.post("/portfolio-statements", response={201: STATEMENTS.Out},
             summary="Create a portfolio statement (secretariat)")
def create_statement(request, payload: STATEMENTS.In):
    data = STATEMENTS.to_service(request.user, payload.model_dump())
    return Status(201, services.create_statement(request.user, **data))


@router.patch("/portfolio-statements/{statement_id}", response=STATEMENTS.Out,
              summary="Change a portfolio statement (secretariat; 409 if it changed since your version)")
def update_statement(request, statement_id: Id, payload: STATEMENTS.Patch):
    statement = get_object_or_404(services.visible_statements(request.user), pk=statement_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_statement(request.user, statement, version=expected_version(request, data),
                                     **STATEMENTS.to_service(request.user, data))


@router.delete("/portfolio-statements/{statement_id}", response={204: None},
               summary="Delete a portfolio statement (secretariat; it can be restored on the pages)")
def delete_statement(request, statement_id: Id):
    statement = get_object_or_404(services.visible_statements(request.user), pk=statement_id)
    core.delete(request.user, statement, version=expected_version(request, {}, required=False))
    return Status(204, None)
