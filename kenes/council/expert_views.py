"""The expert pool's pages: the pool with its search, one expert, and the secretariat's forms.

Thin: ``kenes.council.experts`` ranks and writes. Without a query the pool is an ordinary
list (sortable, downloadable through ``kenes.web.lists``); with one it is the ranking, each
person with the evidence that put them there, downloadable as ranked.
"""

from __future__ import annotations

import tablib
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from kenes.core.models import Topic
from kenes.core.views import (
    handle_record_form,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_related
from kenes.council import experts
from kenes.council.expert_forms import ExpertProfileForm
from kenes.council.models import LANGUAGE_CODES, ExpertProfile
from kenes.directory.models import Party, Person
from kenes.directory.services import by_display_name
from kenes.web.lists import FORMATS, Column, Listing, as_text, list_response, safe_cell, signed_in

PER_PAGE = 25
FILTERS = ("q", "party", "language", "topic", "everyone")


def _is_secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def _profile(person, user):
    """The person's profile when the user may see it (people outside the pool have none)."""
    try:
        profile = person.expert_profile
    except ExpertProfile.DoesNotExist:
        return None
    return visible_related(profile, user)


def _profile_value(attribute):
    def value(person, user):
        profile = _profile(person, user)
        return getattr(profile, attribute) if profile is not None else None
    return value


def _affiliation(person, user):
    profile = _profile(person, user)
    organization = visible_related(profile.affiliation, user) if profile is not None else None
    return organization.display_name if organization is not None else None


COLUMNS = [
    Column("name", gettext_lazy("Name"), "name", sort=by_display_name),
    Column("party", gettext_lazy("Party"), "party.code", sort="party__code"),
    Column("affiliation", gettext_lazy("Affiliation"), _affiliation),
    Column("languages", gettext_lazy("Languages"), _profile_value("languages")),
    Column("expertise", gettext_lazy("Expertise"), lambda person, user: [t.name for t in person.expertise.all()]),
    Column("email", gettext_lazy("Email"), _profile_value("email"), only_for=_is_secretariat, on_page=False),
    Column("phone", gettext_lazy("Phone"), _profile_value("phone"), only_for=_is_secretariat, on_page=False),
    Column("visibility", gettext_lazy("Visibility"), "get_visibility_display", only_for=signed_in, on_page=False),
]


def _filters(request) -> dict:
    values = {key: request.GET.get(key, "").strip() for key in FILTERS}
    values["everyone"] = "1" if values["everyone"] and _is_secretariat(request.user) else ""
    return values


def _choices() -> dict:
    return {"parties": Party.objects.all(), "topics": Topic.objects.all(),
            "language_choices": [(code, language_name(code)) for code in LANGUAGE_CODES]}


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:  # a code Django has no name for (zh): the code itself
        return code


def expert_list(request):
    filters = _filters(request)
    context = {"filters": filters, "can_edit": _is_secretariat(request.user), **_choices()}
    try:
        arguments = experts.pool_filters(party=filters["party"], language=filters["language"],
                                         topic=filters["topic"], everyone=bool(filters["everyone"]))
        if not filters["q"]:
            return _pool_page(request, arguments, context)
        ranked = experts.rank_experts(request.user, filters["q"], party=arguments.party, language=arguments.language,
                                      topic=arguments.topic, everyone=arguments.everyone, limit=None)
    except ValidationError as exc:
        context.update(errors=[message for messages in exc.message_dict.values() for message in messages])
        response = list_response(request, "council/_expert_results.html", "council/expert_list.html",
                                 {**context, "ranked": True, "page": None})
        response.status_code = 400
        return response
    if request.GET.get("format") in FORMATS:
        return _download(request, ranked)
    page = Paginator(ranked, PER_PAGE).get_page(request.GET.get("page"))
    _prepare(page.object_list, request.user)
    context.update(ranked=True, page=page, downloads=_download_urls(request))
    return list_response(request, "council/_expert_results.html", "council/expert_list.html", context)


def _pool_page(request, filters, context):
    people = experts.pool(request.user, filters).select_related("party", "expert_profile__affiliation") \
        .prefetch_related("expertise")
    listing = Listing(request, people, COLUMNS, name="experts", title=_("Experts"), default_sort="name",
                      per_page=PER_PAGE)
    if response := listing.download():
        return response
    page = listing.page
    page.object_list = list(page.object_list)
    for person in page.object_list:
        # Only what the reader may see: a hidden profile or affiliation is not linked, nor named.
        person.shown_profile = _profile(person, request.user)
        person.shown_affiliation = _affiliation(person, request.user)
    context.update(listing=listing, page=page)
    return list_response(request, "council/_expert_rows.html", "council/expert_list.html", context)


def _prepare(ranked, user) -> None:
    """What each result shows beside its evidence: language names, the affiliation if the reader may see it."""
    for expert in ranked:
        profile = expert.profile
        expert.language_names = [language_name(code) for code in (profile.language_codes() if profile else [])]
        expert.shown_affiliation = visible_related(profile.affiliation, user) if profile else None


def _download_urls(request) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    urls = {}
    for file_format in FORMATS:
        query["format"] = file_format
        urls[file_format] = f"{request.path}?{query.urlencode()}"
    return urls


RANKED_HEADERS = [gettext_lazy("Rank"), gettext_lazy("Name"), gettext_lazy("Party"), gettext_lazy("Affiliation"),
                  gettext_lazy("Languages"), gettext_lazy("Expertise"), gettext_lazy("Score"), gettext_lazy("Why"),
                  gettext_lazy("Evidence")]


def _download(request, ranked) -> HttpResponse:
    """The ranking as a file: what the page shows, the evidence as text, contact for the secretariat only."""
    user = request.user
    contact = _is_secretariat(user)
    headers = [*RANKED_HEADERS, *([gettext_lazy("Email"), gettext_lazy("Phone")] if contact else [])]
    dataset = tablib.Dataset(headers=[safe_cell(str(header)) for header in headers], title=str(_("Experts")))
    for position, expert in enumerate(ranked, start=1):
        person, profile = expert.person, expert.profile
        organization = visible_related(profile.affiliation, user) if profile else None
        row = [str(position), person.name, person.party.code if person.party else "",
               organization.display_name if organization else "", profile.languages if profile else "",
               as_text([topic.name for topic in expert.topics]), f"{expert.score:g}",
               "; ".join(f"{label} ×{count}" for label, count in expert.why),
               " | ".join(f"{item.label}: {item.text} ({item.source or item.url})".replace(" ()", "")
                          for item in expert.evidence)]
        if contact:
            row += [profile.email if profile else "", profile.phone if profile else ""]
        dataset.append([safe_cell(as_text(value)) for value in row])
    file_format = request.GET["format"]
    body = ("\ufeff" + dataset.export("csv")).encode("utf-8") if file_format == "csv" else dataset.export("xlsx")
    response = HttpResponse(body, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="experts-{timezone.localdate().isoformat()}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response


def expert_detail(request, pk):
    profile, _moved = record_or_redirect(request, ExpertProfile, pk)  # profiles are not merged: never moved
    person = visible_related(profile.person, request.user)
    if person is None:
        # The profile is visible but its person is not: what the profile says, never who it is.
        return render(request, "council/expert_hidden.html", {
            "profile": profile, "affiliation": visible_related(profile.affiliation, request.user),
            "working_languages": [language_name(code) for code in profile.language_codes()],
            **record_page_context(request, profile)})
    query = request.GET.get("q", "").strip()[:experts.MAX_QUERY]
    why = []
    if query:
        found = experts.rank_experts(request.user, query, person=person, limit=1)
        why = found[0].evidence if found else []
    context = {
        "profile": profile, "person": person, "subject": query, "why": why,
        "affiliation": visible_related(profile.affiliation, request.user),
        "working_languages": [language_name(code) for code in profile.language_codes()],
        "expertise": list(person.expertise.all()),
        "show_contact": _is_secretariat(request.user), "can_edit": _is_secretariat(request.user),
        **experts.contributions(request.user, person),
        **record_page_context(request, profile),
    }
    return render(request, "council/expert_detail.html", context)


@login_required
def expert_create(request):
    require_secretariat(request)
    initial = {}
    if (person := request.GET.get("person", "")).isdigit() and len(person) < 19:
        initial = {"person": int(person)}
    return _expert_form(request, None, initial)


@login_required
def expert_edit(request, pk):
    require_secretariat(request)
    return _expert_form(request, get_object_or_404(ExpertProfile.objects.live(), pk=pk), {})


def _expert_form(request, profile, initial):
    form = ExpertProfileForm(request.POST or None, instance=profile, initial=initial)
    saved = handle_record_form(request, form, record=profile, create=experts.create_expert,
                               update=experts.update_expert, check_duplicates=False,
                               extra=lambda form: form.service_data())
    if saved:
        return redirect(saved)
    person = Person.objects.filter(pk=profile.person_id).first() if profile else None
    return render(request, "council/expert_form.html", {"form": form, "profile": profile, "person": person})
