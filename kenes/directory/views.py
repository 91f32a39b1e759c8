"""Directory pages. Thin: they read with visibility applied and write through services."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core.models import Topic
from kenes.core.pagecache import kept_until_changed
from kenes.core.views import (
    handle_record_form,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_related
from kenes.directory import services
from kenes.directory.forms import MembershipForm, OrganizationForm, PersonForm
from kenes.directory.lists import ORGANIZATION_COLUMNS, PERSON_COLUMNS
from kenes.directory.models import Membership, Organization, Party, Person
from kenes.web.lists import Listing


def _visible_or_404(queryset, user, pk):
    return get_object_or_404(queryset.visible_to(user), pk=pk)


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
    org, moved = record_or_redirect(request, Organization, pk)
    if moved:
        return moved
    context = {
        "org": org,
        "parent": visible_related(org.parent, request.user),
        "children": org.children.visible_to(request.user),
        "memberships": services.visible_memberships(request.user, organization=org),
        "aliases": org.aliases.all(),
        **record_page_context(request, org),
    }
    return render(request, "directory/organization_detail.html", context)


@login_required
def organization_create(request):
    return _organization_form(request, None)


@login_required
def organization_edit(request, pk):
    require_secretariat(request)
    return _organization_form(request, get_object_or_404(Organization.objects.live(), pk=pk))


def _organization_form(request, org):
    require_secretariat(request)
    form = OrganizationForm(request.POST or None, instance=org)
    saved = handle_record_form(request, form, record=org, create=services.create_organization,
                               update=services.update_organization,
                               extra=lambda form: {"aliases": form.cleaned_data["aliases"]})
    if saved:
        return redirect(saved)
    return render(request, "directory/organization_form.html", {"form": form, "org": org})


@kept_until_changed
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
    person, moved = record_or_redirect(request, Person, pk)
    if moved:
        return moved
    is_secretariat = request.user.is_authenticated and request.user.is_secretariat
    context = {
        "person": person,
        "memberships": services.visible_memberships(request.user, person=person).order_by("-start_date"),
        "aliases": person.aliases.all(),
        "membership_form": MembershipForm() if is_secretariat else None,
        **record_page_context(request, person),
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
    require_secretariat(request)
    return _person_form(request, get_object_or_404(Person.objects.live(), pk=pk))


def _person_form_extra(form) -> dict:
    extra = {"aliases": form.cleaned_data["aliases"]}
    # The form has already put the upload on the instance; only a changed photo is written.
    if "photo" in form.changed_data:
        extra["photo"] = form.cleaned_data["photo"] or ""
    return extra


def _person_form(request, person):
    require_secretariat(request)
    form = PersonForm(request.POST or None, request.FILES or None, instance=person)
    if form.is_bound and form.is_valid() and "photo" not in form.changed_data:
        form.cleaned_data.pop("photo", None)
    saved = handle_record_form(request, form, record=person, create=services.create_person,
                               update=services.update_person, extra=_person_form_extra)
    if saved:
        return redirect(saved)
    return render(request, "directory/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def membership_create(request, pk):
    require_secretariat(request)
    person = get_object_or_404(Person.objects.live(), pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.add_membership(request.user, person, **form.model_data())
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
    require_secretariat(request)
    membership = get_object_or_404(Membership.objects.live().select_related("person"), pk=pk)
    form = MembershipForm(request.POST or None, instance=membership)
    saved = handle_record_form(request, form, record=membership, create=None, update=services.update_membership,
                               check_duplicates=False)
    if saved:
        return redirect(saved.person)
    return render(request, "directory/membership_form.html", {"form": form, "membership": membership})
