"""Directory pages. Thin: they read with visibility applied and write through services."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core.models import Topic, visible_levels
from kenes.directory import services
from kenes.directory.forms import MembershipForm, OrganizationForm, PersonForm
from kenes.directory.lists import ORGANIZATION_COLUMNS, PERSON_COLUMNS
from kenes.directory.models import Membership, Organization, Party, Person
from kenes.web.lists import Listing


def _require_editor(request) -> None:
    if not request.user.is_authenticated or not request.user.is_secretariat:
        raise PermissionDenied(_("Only the secretariat can change these records."))


def _visible_or_404(queryset, user, pk):
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def _page(request, queryset, per_page=25):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _apply_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _list_response(request, rows_template, page_template, context):
    """The rows alone for htmx's live filtering, the whole page otherwise (history restore too)."""
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(request, rows_template if partial else page_template, context)
    # Caches must not serve the rows as the page, or the page as the rows.
    patch_vary_headers(response, ["HX-Request"])
    return response


def organization_list(request):
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "party", "kind", "status")}
    organizations = services.search_organizations(
        request.user, filters["q"], party=filters["party"], kind=filters["kind"], status=filters["status"],
    )
    listing = Listing(request, organizations, ORGANIZATION_COLUMNS, name="organisations",
                      title=_("Organisations"), default_sort="name")
    if response := listing.download():
        return response
    context = {
        "listing": listing, "page": listing.page, "filters": filters, "parties": Party.objects.all(),
        "kinds": Organization.Kind.choices, "statuses": Organization.Status.choices,
    }
    return _list_response(request, "directory/_organization_rows.html", "directory/organization_list.html", context)


def organization_detail(request, pk):
    org = _visible_or_404(Organization.objects.select_related("party", "parent"), request.user, pk)
    levels = visible_levels(request.user)
    context = {
        "org": org,
        "parent": org.parent if org.parent and org.parent.visibility in levels else None,
        "children": org.children.visible_to(request.user),
        "memberships": services.visible_memberships(request.user, organization=org),
        "history": org.history.all()[:10] if request.user.is_authenticated and request.user.is_secretariat else [],
    }
    return render(request, "directory/organization_detail.html", context)


@login_required
def organization_create(request):
    return _organization_form(request, None)


@login_required
def organization_edit(request, pk):
    _require_editor(request)
    return _organization_form(request, get_object_or_404(Organization, pk=pk))


def _organization_form(request, org):
    _require_editor(request)
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            if org is None:
                org = services.create_organization(request.user, **data)
                messages.success(request, _("Organisation created."))
            else:
                org = services.update_organization(request.user, org, **data)
                messages.success(request, _("Changes saved."))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            return redirect(org)
    return render(request, "directory/organization_form.html", {"form": form, "org": org})


def person_list(request):
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "party", "expertise")}
    people = services.search_people(request.user, filters["q"], party=filters["party"], expertise=filters["expertise"])
    listing = Listing(request, people.prefetch_related("expertise"), PERSON_COLUMNS, name="people",
                      title=_("People"), default_sort="name")
    if response := listing.download():
        return response
    context = {
        "listing": listing, "page": listing.page, "filters": filters,
        "parties": Party.objects.all(), "topics": Topic.objects.all(),
    }
    return _list_response(request, "directory/_person_rows.html", "directory/person_list.html", context)


def person_detail(request, pk):
    person = _visible_or_404(Person.objects.select_related("party"), request.user, pk)
    context = {
        "person": person,
        "memberships": services.visible_memberships(request.user, person=person).order_by("-start_date"),
        "aliases": person.aliases.all(),
        "membership_form": MembershipForm() if request.user.is_authenticated and request.user.is_secretariat else None,
        "history": person.history.all()[:10] if request.user.is_authenticated and request.user.is_secretariat else [],
    }
    return render(request, "directory/person_detail.html", context)


def person_photo(request, pk):
    person = _visible_or_404(Person.objects, request.user, pk)
    if not person.photo:
        raise Http404
    content_type = mimetypes.guess_type(person.photo.name)[0] or "application/octet-stream"
    try:
        handle = person.photo.open("rb")
    except OSError:
        # The record names a file that is gone (e.g. after a partial restore).
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def person_create(request):
    return _person_form(request, None)


@login_required
def person_edit(request, pk):
    _require_editor(request)
    return _person_form(request, get_object_or_404(Person, pk=pk))


def _person_form(request, person):
    _require_editor(request)
    form = PersonForm(request.POST or None, request.FILES or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields if field != "expertise"}
        # The form has already put the upload on the instance; only a changed photo is written.
        if "photo" not in form.changed_data:
            data.pop("photo", None)
        elif data.get("photo") is False:
            data["photo"] = ""
        try:
            if person is None:
                person = services.create_person(request.user, aliases=form.alias_list(),
                                                expertise=form.cleaned_data["expertise"], **data)
                messages.success(request, _("Person created."))
            else:
                person = services.update_person(request.user, person, aliases=form.alias_list(),
                                                expertise=form.cleaned_data["expertise"], **data)
                messages.success(request, _("Changes saved."))
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            return redirect(person)
    return render(request, "directory/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def membership_create(request, pk):
    _require_editor(request)
    person = get_object_or_404(Person, pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.add_membership(request.user, person, **form.cleaned_data)
        except ValidationError as exc:
            _apply_form_errors(form, exc)
    if form.errors:
        if request.htmx:
            return render(request, "directory/_membership_form.html", {"person": person, "membership_form": form})
        messages.error(request, _("The role was not added: %(errors)s") % {"errors": "; ".join(
            str(e) for errors in form.errors.values() for e in errors)})
        return redirect(person)
    messages.success(request, _("Role added."))
    if request.htmx:
        response = render(request, "directory/_membership_form.html", {"person": person, "membership_form": MembershipForm()})
        response["HX-Refresh"] = "true"
        return response
    return redirect(person)


@login_required
def membership_edit(request, pk):
    _require_editor(request)
    membership = get_object_or_404(Membership.objects.select_related("person"), pk=pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_membership(request.user, membership, **form.cleaned_data)
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(membership.person)
    return render(request, "directory/membership_form.html", {"form": form, "membership": membership})


@login_required
@require_POST
def membership_delete(request, pk):
    _require_editor(request)
    membership = get_object_or_404(Membership, pk=pk)
    person = membership.person
    services.delete_membership(request.user, membership)
    messages.success(request, _("Role removed."))
    return redirect(person)
