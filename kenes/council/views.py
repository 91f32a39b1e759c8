"""Council pages: meetings with their agenda, participants, decisions and minutes; events; composition.

Thin: they read with visibility applied and write through ``kenes.council.services``.
Parts of a meeting are edited on small pages of their own and saved as edits of the
meeting, so a form opened before someone else's change is refused with what changed.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core.services import Conflict
from kenes.core.translation import LANGUAGE_NAMES
from kenes.core.views import (
    handle_record_form,
    record_form_page,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_many, visible_related
from kenes.council import briefing, services
from kenes.council.forms import (
    AgendaItemForm,
    CirculateForm,
    CommentForm,
    DecisionForm,
    EventForm,
    MeetingForm,
    MinutesTextForm,
    ParticipationForm,
    ResolveForm,
    SpeakerFormSet,
    TermForm,
    WorkItemFromDecisionForm,
)
from kenes.council.lists import EVENT_COLUMNS, MEETING_COLUMNS
from kenes.council.models import AgendaItem, Decision, Event, Meeting, Minutes, MinutesComment, Term
from kenes.directory.models import Organization
from kenes.inventory import services as inventory
from kenes.web.lists import Listing, list_response


def _body_filter(value: str) -> int | None:
    # Anything that is not a plausible id matches nothing rather than everything.
    return int(value) if value.isdigit() and len(value) < 19 else (0 if value else None)


def _meeting(request, pk) -> Meeting:
    meeting = Meeting.objects.visible_to(request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def _save_part(request, form, save) -> bool:
    """Run ``save(version)`` for a valid part form; a conflict or refusal goes back onto the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.started_from)
    except Conflict as conflict:
        form.show_conflict(conflict)
        return False
    except ValidationError as exc:
        for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    messages.success(request, _("Changes saved."))
    return True


def _post_action(request, meeting, action, success: str):
    """A button on the meeting page (move, remove, make work item): done, or told why not."""
    try:
        action(request.POST.get("meeting_version"))
    except Conflict as conflict:
        messages.error(request, conflict.message + " " + _("Look at the page as it is now and try again."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(meeting)


# --- meetings -----------------------------------------------------------------------------------

def meeting_list(request):
    # "format" is the list's download format (kenes.web.lists), so the meeting's format is "meeting_format".
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "body", "year", "meeting_format", "status")}
    meetings = services.search_meetings(request.user, filters["q"], body=_body_filter(filters["body"]),
                                        year=filters["year"], meeting_format=filters["meeting_format"],
                                        status=filters["status"])
    listing = Listing(request, meetings, MEETING_COLUMNS, name="meetings", title=_("Meetings"))
    if response := listing.download():
        return response
    context = {
        "listing": listing, "page": listing.page, "filters": filters,
        "bodies": Organization.objects.visible_to(request.user).filter(
            pk__in=Meeting.objects.visible_to(request.user).values("body_id")),
        "years": services.years(request.user), "formats": Meeting.Format.choices,
        "statuses": Meeting.Status.choices,
        "composition_bodies": Organization.objects.visible_to(request.user).filter(
            pk__in=Term.objects.visible_to(request.user).values("body_id")),
    }
    return list_response(request, "council/_meeting_rows.html", "council/meeting_list.html", context)


def meeting_detail(request, pk):
    meeting, _moved = record_or_redirect(request, Meeting, pk)  # meetings are not merged: never moved
    user = request.user
    minutes = Minutes.objects.visible_to(user).filter(meeting=meeting).first()
    is_secretariat = user.is_authenticated and user.is_secretariat
    context = {
        "meeting": meeting,
        "body": visible_related(meeting.body, user),
        "participations": services.participations(meeting, user),
        "organizers": visible_many(meeting.organizers.all(), user),
        "documents": visible_many(meeting.documents.all(), user),
        "agenda": services.agenda(meeting, user),
        "decisions": services.decisions(meeting, user),
        "minutes": minutes,
        "previous": services.previous_meeting(meeting, user),
        "can_draft_minutes": is_secretariat and not Minutes.objects.filter(meeting=meeting).exists(),
        "agenda_form": AgendaItemForm(meeting=meeting, user=user) if is_secretariat else None,
        "role_form": ParticipationForm(meeting=meeting) if is_secretariat else None,
        "decision_form": DecisionForm(meeting=meeting, user=user) if is_secretariat else None,
        "can_brief": user.is_authenticated and user.is_council_member,
        "briefing_languages": [(code, LANGUAGE_NAMES[code]) for code in briefing.LANGUAGES],
        **record_page_context(request, meeting),
    }
    return render(request, "council/meeting_detail.html", context)


@login_required
def meeting_create(request):
    return _meeting_form(request, None)


@login_required
def meeting_edit(request, pk):
    require_secretariat(request)
    return _meeting_form(request, get_object_or_404(Meeting.objects.live(), pk=pk))


def _meeting_form(request, meeting):
    require_secretariat(request)
    form = MeetingForm(request.POST or None, instance=meeting)
    saved = handle_record_form(request, form, record=meeting, create=services.create_meeting,
                               update=services.update_meeting)
    if saved:
        return redirect(saved)
    return render(request, "council/meeting_form.html", {"form": form, "meeting": meeting})


# --- the agenda ---------------------------------------------------------------------------------

@login_required
def agenda_item_add(request, pk):
    require_secretariat(request)
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST or None, meeting=meeting, user=request.user)
    if _save_part(request, form, lambda version: services.add_agenda_item(
            request.user, meeting, version=version, **form.model_data())):
        return redirect(f"{meeting.get_absolute_url()}#agenda")
    return render(request, "council/part_form.html", {
        "form": form, "meeting": meeting, "title": _("Add an agenda item")})


@login_required
def agenda_item_edit(request, pk):
    require_secretariat(request)
    item = get_object_or_404(AgendaItem, pk=pk)
    meeting = _meeting(request, item.meeting_id)
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting, user=request.user)
    if _save_part(request, form, lambda version: services.update_agenda_item(
            request.user, item, version=version, **form.model_data())):
        return redirect(f"{meeting.get_absolute_url()}#agenda-{item.pk}")
    return render(request, "council/part_form.html", {
        "form": form, "meeting": meeting, "title": _("Edit agenda item")})


@login_required
@require_POST
def agenda_item_move(request, pk):
    require_secretariat(request)
    item = get_object_or_404(AgendaItem, pk=pk)
    meeting = _meeting(request, item.meeting_id)
    step = -1 if request.POST.get("direction") == "up" else 1
    return _post_action(request, meeting, lambda version: services.move_agenda_item(
        request.user, item, item.position + step, version=version), _("Agenda reordered."))


@login_required
@require_POST
def agenda_item_remove(request, pk):
    require_secretariat(request)
    item = get_object_or_404(AgendaItem, pk=pk)
    meeting = _meeting(request, item.meeting_id)
    return _post_action(request, meeting, lambda version: services.remove_agenda_item(
        request.user, item, version=version), _("Agenda item removed."))


@login_required
def agenda_from_measures(request, pk):
    """Pick measures from the inventory; each becomes an agenda item linked to it."""
    require_secretariat(request)
    meeting = _meeting(request, pk)
    query = request.GET.get("q", "").strip()[:200]
    measures = inventory.search_measures(request.user, {"q": query}).order_by("-updated_at")[:50]
    if request.method == "POST":
        chosen = inventory.search_measures(request.user, {}).filter(
            pk__in=[value for value in request.POST.getlist("measures") if value.isdigit() and len(value) < 19])
        if not chosen:
            messages.error(request, _("Tick at least one measure."))
        else:
            try:
                added = services.agenda_from_measures(request.user, meeting, list(chosen),
                                                      version=request.POST.get("meeting_version"))
            except Conflict as conflict:
                messages.error(request, conflict.message)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(count)s agenda items added.") % {"count": len(added)})
                return redirect(f"{meeting.get_absolute_url()}#agenda")
    linked = set(meeting.agenda_items.values_list("measures", flat=True))
    return render(request, "council/agenda_from_measures.html", {
        "meeting": meeting, "measures": measures, "query": query, "linked": linked})


@login_required
def speakers_edit(request, pk):
    require_secretariat(request)
    item = get_object_or_404(AgendaItem, pk=pk)
    meeting = _meeting(request, item.meeting_id)
    initial = [{"person": s.person, "summary_en": s.summary_en, "summary_ru": s.summary_ru}
               for s in item.speakers.select_related("person")]
    formset = SpeakerFormSet(request.POST or None, initial=initial, prefix="speakers")
    version = request.POST.get("meeting_version") if request.method == "POST" else meeting.version
    error = None
    if request.method == "POST" and formset.is_valid():
        rows = [form.cleaned_data for form in formset.forms
                if form.cleaned_data.get("person") and not form.cleaned_data.get("DELETE")]
        try:
            services.set_speakers(request.user, item, rows, version=version)
        except Conflict as conflict:
            error, version = conflict.message, conflict.current_version
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(f"{meeting.get_absolute_url()}#agenda-{item.pk}")
    return render(request, "council/speakers_form.html", {
        "formset": formset, "item": item, "meeting": meeting, "meeting_version": version, "error": error})


# --- participants -------------------------------------------------------------------------------

@login_required
@require_POST
def participant_set(request, pk):
    require_secretariat(request)
    meeting = _meeting(request, pk)
    form = ParticipationForm(request.POST, meeting=meeting)
    if _save_part(request, form, lambda version: services.set_role(
            request.user, meeting, form.cleaned_data["person"], form.cleaned_data["role"], version=version)):
        return redirect(f"{meeting.get_absolute_url()}#participants")
    return render(request, "council/part_form.html", {
        "form": form, "meeting": meeting, "title": _("Participant and role")})


@login_required
@require_POST
def participant_remove(request, pk, person_pk):
    require_secretariat(request)
    meeting = _meeting(request, pk)
    person = get_object_or_404(meeting.participants.all(), pk=person_pk)
    return _post_action(request, meeting, lambda version: services.remove_participant(
        request.user, meeting, person, version=version), _("Participant removed."))


# --- decisions ----------------------------------------------------------------------------------

@login_required
def decision_add(request, pk):
    require_secretariat(request)
    meeting = _meeting(request, pk)
    form = DecisionForm(request.POST or None, meeting=meeting, user=request.user)
    if _save_part(request, form, lambda version: services.add_decision(
            request.user, meeting, version=version, **form.model_data())):
        return redirect(f"{meeting.get_absolute_url()}#decisions")
    return render(request, "council/part_form.html", {"form": form, "meeting": meeting, "title": _("Record a decision")})


@login_required
def decision_edit(request, pk):
    require_secretariat(request)
    decision = get_object_or_404(Decision, pk=pk)
    meeting = _meeting(request, decision.meeting_id)
    form = DecisionForm(request.POST or None, instance=decision, meeting=meeting, user=request.user)
    if _save_part(request, form, lambda version: services.update_decision(
            request.user, decision, version=version, **form.model_data())):
        return redirect(f"{meeting.get_absolute_url()}#decision-{decision.pk}")
    return render(request, "council/part_form.html", {"form": form, "meeting": meeting, "title": _("Edit decision")})


@login_required
@require_POST
def decision_remove(request, pk):
    require_secretariat(request)
    decision = get_object_or_404(Decision, pk=pk)
    meeting = _meeting(request, decision.meeting_id)
    return _post_action(request, meeting, lambda version: services.remove_decision(
        request.user, decision, version=version), _("Decision removed."))


@login_required
def decision_work_item(request, pk):
    """One step from a decision to a work item: choose the plan (the body's current one is offered)."""
    require_secretariat(request)
    decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=pk)
    meeting = _meeting(request, decision.meeting_id)
    plan = services.default_plan(meeting)
    form = WorkItemFromDecisionForm(request.POST or None, initial={
        "plan": plan.pk if plan else None, "meeting_version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.make_work_item(request.user, decision, plan=form.cleaned_data["plan"],
                                           version=form.cleaned_data["meeting_version"])
        except Conflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("The decision is now a work item."))
            return redirect(item)
    return render(request, "council/decision_work_item.html", {
        "form": form, "decision": decision, "meeting": meeting})


# --- minutes ------------------------------------------------------------------------------------

def _minutes(request, pk) -> Minutes:
    """Minutes the reader may see. Their meeting may be less visible than they are: then the page
    shows the minutes without naming the meeting (``shown_meeting`` is None)."""
    # Through the meeting's own key: an id past the database's integers then matches nothing instead of failing.
    minutes = (Minutes.objects.visible_to(request.user).select_related("meeting")
               .filter(meeting__in=Meeting._base_manager.filter(pk=pk)).first())
    if minutes is None:
        raise Http404
    minutes.shown_meeting = visible_related(minutes.meeting, request.user)
    return minutes


def minutes_detail(request, pk):
    minutes = _minutes(request, pk)
    user = request.user
    is_secretariat = user.is_authenticated and user.is_secretariat
    version = services.current_version(minutes)
    open_for_comments = (minutes.state == Minutes.State.CIRCULATED
                         and (minutes.comment_deadline is None or timezone.now() <= minutes.comment_deadline))
    approvals = list(minutes.approvals.filter(version=version).select_related("party", "approved_by"))
    missing = services.missing_approvals(minutes)
    comments = minutes.comments.select_related("author", "resolved_by", "version") \
        if services.may_comment(user, minutes) else MinutesComment.objects.none()
    context = {
        "minutes": minutes, "meeting": minutes.shown_meeting, "meeting_id": minutes.meeting_id, "version": version,
        "versions": minutes.versions.select_related("created_by") if is_secretariat else [],
        "comments": comments,
        "approvals": approvals,
        "missing": missing,
        "can_comment": open_for_comments and services.may_comment(user, minutes),
        "comment_form": CommentForm(),
        "resolve_form": ResolveForm(),
        "is_secretariat": is_secretariat,
        # The user's side may approve while it is among those still missing for the current text.
        "can_approve": is_secretariat and minutes.state == Minutes.State.CIRCULATED and user.party_id and
        user.party_id in {party.pk for party in missing},
        "circulate_form": CirculateForm(initial={
            "version": minutes.version,
            "comment_deadline": (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:00")}),
        **record_page_context(request, minutes),
    }
    return render(request, "council/minutes_detail.html", context)


@login_required
@require_POST
def minutes_draft(request, pk):
    require_secretariat(request)
    meeting = _meeting(request, pk)
    language = request.POST.get("language") or request.LANGUAGE_CODE[:2]
    try:
        services.draft_minutes(request.user, meeting, language=language)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(meeting)
    messages.success(request, _("Minutes drafted from the agenda, speakers and decisions."))
    return redirect("council:minutes", pk=meeting.pk)


@login_required
def minutes_edit(request, pk):
    require_secretariat(request)
    minutes = _minutes(request, pk)
    if minutes.is_locked:
        messages.error(request, _("The minutes are locked."))
        return redirect(minutes)
    form = MinutesTextForm(request.POST or None, initial={
        "version": minutes.version, **{f"text_{code}": getattr(minutes, f"text_{code}")
                                       for code in ("en", "ru", "kk", "uz")}})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_minutes(request.user, minutes, version=data["version"], note=data["note"],
                                  **{name: value for name, value in data.items() if name.startswith("text_")})
        except Conflict as conflict:
            form.add_error(None, conflict.message)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, _("Changes saved."))
            return redirect(minutes)
    return render(request, "council/minutes_form.html", {"form": form, "minutes": minutes,
                                                         "meeting": minutes.shown_meeting,
                                                         "meeting_id": minutes.meeting_id})


@login_required
@require_POST
def minutes_action(request, pk, action):
    """Circulate, approve or publish: one button each, refused with the reason when it is not time."""
    require_secretariat(request)
    minutes = _minutes(request, pk)
    version = request.POST.get("version")
    try:
        if action == "circulate":
            form = CirculateForm(request.POST)
            if not form.is_valid():
                raise ValidationError(" ".join(e for errors in form.errors.values() for e in errors))
            services.circulate(request.user, minutes, deadline=form.cleaned_data["comment_deadline"], version=version)
            messages.success(request, _("The minutes were circulated to the participants."))
        elif action == "approve":
            minutes = services.approve(request.user, minutes, version=version)
            messages.success(request, _("Approved by both sides: the minutes are locked.")
                             if minutes.state == Minutes.State.APPROVED else _("Your side's approval is recorded."))
        elif action == "publish":
            services.publish(request.user, minutes, version=version)
            messages.success(request, _("The minutes are published."))
        else:
            raise Http404
    except Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(minutes)


@login_required
@require_POST
def minutes_comment(request, pk):
    minutes = _minutes(request, pk)
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write the comment (at most 10,000 characters)."))
        services.comment(request.user, minutes, form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your comment was sent to the secretariat."))
    return redirect(f"{minutes.get_absolute_url()}#comments")


@login_required
@require_POST
def minutes_resolve(request, pk, comment_pk):
    require_secretariat(request)
    minutes = _minutes(request, pk)
    remark = get_object_or_404(MinutesComment, pk=comment_pk, minutes=minutes)
    form = ResolveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose accepted, declined or noted."))
        services.resolve_comment(request.user, remark, form.cleaned_data["resolution"], form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Comment resolved."))
    return redirect(f"{minutes.get_absolute_url()}#comments")


def minutes_version(request, pk, number):
    minutes = _minutes(request, pk)
    require_secretariat(request)
    version = get_object_or_404(minutes.versions, number=number)
    return render(request, "council/minutes_version.html", {"minutes": minutes, "version": version,
                                                            "meeting": minutes.shown_meeting,
                                                            "meeting_id": minutes.meeting_id})


# --- events -------------------------------------------------------------------------------------

def event_list(request):
    filters = {key: request.GET.get(key, "").strip() for key in ("q", "year", "status", "kind")}
    events = services.search_events(request.user, filters["q"], year=filters["year"], status=filters["status"],
                                    kind=filters["kind"])
    listing = Listing(request, events, EVENT_COLUMNS, name="events", title=_("Events"))
    if response := listing.download():
        return response
    return list_response(request, "council/_event_rows.html", "council/event_list.html", {
        "listing": listing, "page": listing.page, "filters": filters,
        "statuses": Event.Status.choices, "kinds": Event.Kind.choices})


def event_detail(request, pk):
    event, _moved = record_or_redirect(request, Event, pk)
    return render(request, "council/event_detail.html", {
        "event": event,
        "organizers": visible_many(event.organizers.all(), request.user),
        "measures": visible_many(event.measures.all(), request.user),
        **record_page_context(request, event),
    })


@login_required
def event_create(request):
    return record_form_page(request, None, EventForm, "council/event_form.html",
                            create=services.create_event, update=services.update_event)


@login_required
def event_edit(request, pk):
    return record_form_page(request, get_object_or_404(Event.objects.live(), pk=pk), EventForm,
                            "council/event_form.html", create=services.create_event, update=services.update_event)


# --- composition --------------------------------------------------------------------------------

def composition(request, pk):
    body, moved = record_or_redirect(request, Organization, pk)
    if moved:
        return moved  # a merged body: its page, where the kept body's composition is linked
    day = timezone.localdate()
    raw_day = request.GET.get("on", "").strip()
    if raw_day:
        try:
            day = datetime.date.fromisoformat(raw_day)
        except ValueError:
            messages.error(request, _("“%(day)s” is not a date; showing today.") % {"day": raw_day[:20]})
    return render(request, "council/composition.html", {
        "body": body, "day": day, "sides": services.composition(body, request.user, day),
        "history": services.term_history(body, request.user),
        "is_secretariat": request.user.is_authenticated and request.user.is_secretariat,
    })


def term_detail(request, pk):
    term, _moved = record_or_redirect(request, Term, pk)
    user = request.user
    main = visible_related(term.alternate_for, user)
    alternates = [t for t in term.alternates.filter(deleted_at__isnull=True) if t.is_visible_to(user)]
    return render(request, "council/term_detail.html", {
        "term": term, "body": visible_related(term.body, user), "person": visible_related(term.person, user),
        # A seat is shown by its holder's name only where the reader may see that person.
        "main_term": main, "main_person": visible_related(main.person, user) if main else None,
        "alternates": [(t, visible_related(t.person, user)) for t in alternates],
        **record_page_context(request, term),
    })


@login_required
def term_create(request, pk):
    require_secretariat(request)
    body = get_object_or_404(Organization.objects.live(), pk=pk)
    form = TermForm(request.POST or None, body=body)
    saved = handle_record_form(request, form, create=services.create_term, update=services.update_term,
                               check_duplicates=False)
    if saved:
        return redirect("council:composition", pk=saved.body_id)
    return render(request, "council/term_form.html", {"form": form, "body": body, "record": None})


@login_required
def term_edit(request, pk):
    require_secretariat(request)
    term = get_object_or_404(Term.objects.live(), pk=pk)
    form = TermForm(request.POST or None, instance=term, body=term.body)
    saved = handle_record_form(request, form, record=term, create=services.create_term, update=services.update_term)
    if saved:
        return redirect("council:composition", pk=saved.body_id)
    return render(request, "council/term_form.html", {"form": form, "body": term.body, "record": term})
