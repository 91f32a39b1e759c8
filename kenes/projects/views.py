"""Project and portfolio pages. Thin: visibility applied on reading, services for writing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core.models import Topic
from kenes.core.services import Conflict
from kenes.core.views import (
    record_form_page,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_many, visible_related
from kenes.directory.models import Party
from kenes.operations.exports import record_bulk_export
from kenes.projects import charts, iati, services
from kenes.projects.forms import ProjectForm, RoleForm, StatementForm
from kenes.projects.lists import PROJECT_COLUMNS
from kenes.projects.models import PortfolioStatement, Project, ProjectStatus
from kenes.web.lists import Listing, list_response


def project_list(request):
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "status", "sector", "party")}
    projects = services.search_projects(request.user, filters["q"], status=filters["status"],
                                        sector=filters["sector"], party=filters["party"])
    listing = Listing(request, projects, PROJECT_COLUMNS, name="projects", title=_("Projects"), default_sort="name")
    if response := listing.download():
        return response
    context = {
        "listing": listing, "page": listing.page, "filters": filters, "statuses": ProjectStatus.choices,
        "sectors": Topic.objects.filter(projects__in=Project.objects.visible_to(request.user)).distinct(),
        "parties": Party.objects.all(),
    }
    return list_response(request, "projects/_project_rows.html", "projects/project_list.html", context)


def project_detail(request, pk):
    project, moved = record_or_redirect(request, Project, pk)
    if moved:
        return moved
    context = {
        "project": project,
        "roles": services.roles_of(project, request.user),
        "measures": visible_many(project.measures.all(), request.user),
        "agreements": visible_many(project.agreements.all(), request.user),
        "role_form": RoleForm(initial={"version": project.version}),
        **record_page_context(request, project),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
def project_create(request):
    return record_form_page(request, None, ProjectForm, "projects/project_form.html",
                            create=services.create_project, update=services.update_project)


@login_required
def project_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(Project.objects.live(), pk=pk), ProjectForm,
                            "projects/project_form.html", create=services.create_project,
                            update=services.update_project)


@login_required
@require_POST
def project_role(request, pk):
    require_secretariat(request)
    project = get_object_or_404(Project.objects.live(), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation and its role."))
        return redirect(project)
    try:
        services.set_role(request.user, project, form.cleaned_data["organization"], form.cleaned_data["role"],
                          version=form.cleaned_data["version"])
        messages.success(request, _("Role saved."))
    except Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(project)


def portfolio(request):
    statements = list(services.visible_statements(request.user).order_by("-stated_on", "status", "pk"))
    context = {
        "statements": statements,
        "latest": services.latest_statements(request.user),
        "undated": [statement for statement in statements if not statement.stated_on],
        **charts.portfolio_charts(statements),
    }
    return render(request, "projects/portfolio.html", context)


def statement_detail(request, pk):
    statement, _moved = record_or_redirect(request, PortfolioStatement, pk)  # statements are never merged
    context = {
        "statement": statement,
        "person": visible_related(statement.stated_by_person, request.user),
        "organization": visible_related(statement.stated_by_organization, request.user),
        **record_page_context(request, statement),
    }
    return render(request, "projects/statement_detail.html", context)


@login_required
def statement_create(request):
    return record_form_page(request, None, StatementForm, "projects/statement_form.html",
                            create=services.create_statement, update=services.update_statement)


@login_required
def statement_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(PortfolioStatement.objects.live(), pk=pk), StatementForm,
                            "projects/statement_form.html", create=services.create_statement,
                            update=services.update_statement)


def iati_export(request):
    """The visible projects as IATI-style JSON (see ``kenes.projects.iati`` for what is filled)."""
    data = iati.activities(request.user, base_url=request.build_absolute_uri("/").rstrip("/"))
    record_bulk_export(request.user, "projects IATI JSON", Project.objects.visible_to(request.user))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'inline; filename="kenes-projects-iati.json"'
    return response
