"""Council endpoints: meetings and their parts, minutes, events, composition.

Reads for everyone (visibility applied), writes for the secretariat (comments on minutes:
the meeting's participants too). Linked people, organisations and measures are lists of
ids; on output only those the reader may see (``visible_many``), so a hidden person's id
never appears. Parts of a meeting (agenda, roles, decisions) are changed with the
*meeting's* version, like on the pages: a stale one is a 409 naming who changed what.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import Field, StringConstraints

from kenes.api import TokenOrSession
from kenes.core.api_schemas import (
    IsoDate,
    IsoDateTime,
    RecordSchemas,
    StrictIn,
    Version,
    choice_filter,
    expected_version,
    linked_records,
)
from kenes.core.api_types import Id, Mapped, Text, paginated
from kenes.core.translation import CONTENT_LANGUAGES
from kenes.core.visibility import visible_many
from kenes.council import expert_api, services
from kenes.council.models import AgendaItem, Decision, Event, Meeting, Minutes, MinutesComment, Term
from kenes.directory.models import Organization, Person
from kenes.documents.models import Document
from kenes.inventory.models import Measure

router = Router(tags=["council"])
# The expert pool has its own module; its endpoints are mounted here, where the API finds the app's router.
router.add_router("", expert_api.router)

MeetingFormat, MeetingStatus = choice_filter(Meeting, "format"), choice_filter(Meeting, "status")
EventStatus, EventKind = choice_filter(Event, "status"), choice_filter(Event, "kind")
LINKED = {"participants": Person, "organizers": Organization, "documents": Document}
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Title = Annotated[str, StringConstraints(max_length=500)]


def _visible_ids(name):
    return lambda record, user: list(visible_many(getattr(record, name).all(), user).values_list("pk", flat=True))


MEETINGS = RecordSchemas(
    Meeting, fields=[name for name in services.MEETING_FIELDS if name not in LINKED],
    extra_in={name: (list[Id], []) for name in LINKED},
    extra_out={name: (list[int], _visible_ids(name)) for name in LINKED},
)
EVENT_LINKED = {"organizers": Organization, "measures": Measure}
EVENTS = RecordSchemas(
    Event, fields=[name for name in services.EVENT_FIELDS if name not in EVENT_LINKED],
    extra_in={name: (list[Id], []) for name in EVENT_LINKED},
    extra_out={name: (list[int], _visible_ids(name)) for name in EVENT_LINKED},
)
TERMS = RecordSchemas(Term, fields=services.TERM_FIELDS)


def _service_data(user, data: dict) -> dict:
    return {**MEETINGS.to_service(user, data), **linked_records(user, data, LINKED)}


def _meeting(request, meeting_id) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_id)


# --- meetings -----------------------------------------------------------------------------------

@router.get("/meetings", response=list[MEETINGS.Out], summary="Meetings")
@paginated(sort=("starts_at", "date", "ordinal"))
def list_meetings(request, q: Text = "", body: Id | None = None, year: Text = "", meeting_format: MeetingFormat = "",
                  status: MeetingStatus = ""):
    meetings = services.search_meetings(request.user, q, body=body, year=year, meeting_format=meeting_format,
                                        status=status)
    return meetings.prefetch_related("participants", "organizers", "documents").order_by("pk")


@router.get("/meetings/{meeting_id}", response=MEETINGS.Out, summary="One meeting")
def get_meeting(request, meeting_id: Id):
    return _meeting(request, meeting_id)


@router.post("/meetings", response={201: MEETINGS.Out}, summary="Create a meeting (secretariat)")
def create_meeting(request, payload: MEETINGS.In):
    return Status(201, services.create_meeting(request.user, **_service_data(request.user, payload.model_dump())))


@router.patch("/meetings/{meeting_id}", response=MEETINGS.Out,
              summary="Change a meeting (secretariat; 409 if it changed since your version)")
def update_meeting(request, meeting_id: Id, payload: MEETINGS.Patch):
    meeting = _meeting(request, meeting_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_meeting(request.user, meeting, version=expected_version(request, data),
                                   **_service_data(request.user, data))


# --- parts of a meeting -------------------------------------------------------------------------

class AgendaSpeakerOut(Schema):
    person_id: int
    summary_en: str
    summary_ru: str
    summary_kk: str
    summary_uz: str


class AgendaItemOut(Schema):
    id: int
    position: int
    title_en: str
    title_ru: str
    title_kk: str
    title_uz: str
    description_en: str
    description_ru: str
    description_kk: str
    description_uz: str
    duration_minutes: int | None
    presenters: list[int]
    measures: list[int]
    speakers: list[AgendaSpeakerOut]


class AgendaItemIn(StrictIn):
    version: Version | None = Field(None, description="The meeting's version you started from (or If-Match).")
    position: Annotated[int, Field(ge=1, le=1000)] | None = None
    title_en: Title = ""
    title_ru: Title = ""
    title_kk: Title = ""
    title_uz: Title = ""
    description_en: LongText = ""
    description_ru: LongText = ""
    description_kk: LongText = ""
    description_uz: LongText = ""
    duration_minutes: Annotated[int, Field(ge=0, le=1440)] | None = None
    presenters: list[Id] = []
    measures: list[Id] = []


class AgendaSpeakerIn(StrictIn):
    person_id: Id
    summary_en: LongText = ""
    summary_ru: LongText = ""
    summary_kk: LongText = ""
    summary_uz: LongText = ""


class AgendaSpeakersIn(StrictIn):
    version: Version | None = None
    speakers: Annotated[list[AgendaSpeakerIn], Field(max_length=60)]


class ParticipantRoleOut(Schema):
    person_id: int
    role: str


class ParticipantRoleIn(StrictIn):
    version: Version | None = None
    role: Literal["chair", "speaker", "attendee"]


class DecisionOut(Schema):
    id: int
    kind: str
    text_en: str
    text_ru: str
    text_kk: str
    text_uz: str
    agenda_item_id: int | None
    owner_id: int | None
    owner_organization_id: int | None
    due: datetime.date | None
    measure_id: int | None
    work_item_id: int | None


class DecisionIn(StrictIn):
    version: Version | None = None
    kind: Literal["decision", "action"] = "decision"
    text_en: LongText = ""
    text_ru: LongText = ""
    text_kk: LongText = ""
    text_uz: LongText = ""
    agenda_item_id: Id | None = None
    owner_id: Id | None = None
    owner_organization_id: Id | None = None
    due: IsoDate | None = None
    measure_id: Id | None = None


class DecisionToWorkItemIn(StrictIn):
    version: Version | None = None
    plan_id: Id | None = Field(None, description="Empty: the body's current work plan.")


def _agenda_out(row) -> dict:
    item = row["item"]
    data = {name: getattr(item, name) for name in AgendaItemOut.model_fields if hasattr(item, name)}
    data.update(id=item.pk, presenters=[p.pk for p in row["presenters"]], measures=[m.pk for m in row["measures"]],
                speakers=[{"person_id": s.person_id, **{f"summary_{c}": getattr(s, f"summary_{c}")
                                                        for c in CONTENT_LANGUAGES}} for s in row["speakers"]])
    return data


def _agenda_data(user, payload: dict) -> dict:
    data = {name: value for name, value in payload.items() if name not in {"version", "presenters", "measures"}}
    if data.get("position") is None:
        data.pop("position", None)
    data.update(linked_records(user, payload, {"presenters": Person, "measures": Measure}))
    return data


@router.get("/meetings/{meeting_id}/agenda", response=list[AgendaItemOut], summary="A meeting's agenda")
@paginated
def get_agenda(request, meeting_id: Id):
    return [_agenda_out(row) for row in services.agenda(_meeting(request, meeting_id), request.user)]


@router.post("/meetings/{meeting_id}/agenda", response={201: AgendaItemOut},
             summary="Add an agenda item (secretariat; the meeting's version)")
def add_agenda_item(request, meeting_id: Id, payload: AgendaItemIn):
    meeting = _meeting(request, meeting_id)
    data = payload.model_dump()
    item = services.add_agenda_item(request.user, meeting, version=expected_version(request, data),
                                    **_agenda_data(request.user, data))
    return Status(201, _agenda_out(_row(item, request.user)))


def _row(item: AgendaItem, user) -> dict:
    return next(row for row in services.agenda(item.meeting, user) if row["item"].pk == item.pk)


def _item(request, item_id) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item_id)
    _meeting(request, item.meeting_id)
    return item


@router.patch("/agenda/{item_id}", response=AgendaItemOut, summary="Change an agenda item (the meeting's version)")
def update_agenda_item(request, item_id: Id, payload: AgendaItemIn):
    item = _item(request, item_id)
    data = payload.model_dump(exclude_unset=True)
    item = services.update_agenda_item(request.user, item, version=expected_version(request, data),
                                       **_agenda_data(request.user, data))
    return _agenda_out(_row(item, request.user))


@router.delete("/agenda/{item_id}", response={204: None}, summary="Remove an agenda item (the meeting's version)")
def remove_agenda_item(request, item_id: Id, version: Version | None = None):
    item = _item(request, item_id)
    services.remove_agenda_item(request.user, item, version=expected_version(request, {"version": version}))
    return Status(204, None)


@router.put("/agenda/{item_id}/speakers", response=AgendaItemOut, summary="Set an item's list of speakers, in order")
def set_speakers(request, item_id: Id, payload: AgendaSpeakersIn):
    item = _item(request, item_id)
    data = payload.model_dump()
    people = linked_records(request.user, {"people": [row["person_id"] for row in data["speakers"]]},
                            {"people": Person}).get("people", [])
    by_id = {person.pk: person for person in people}
    rows = [{"person": by_id[row["person_id"]], **{k: v for k, v in row.items() if k.startswith("summary_")}}
            for row in data["speakers"]]
    services.set_speakers(request.user, item, rows, version=expected_version(request, data))
    return _agenda_out(_row(item, request.user))


@router.get("/meetings/{meeting_id}/participants", response=list[ParticipantRoleOut],
            summary="Who took part and in which role")
@paginated
def get_participants(request, meeting_id: Id):
    return [{"person_id": p.person_id, "role": p.role}
            for p in services.participations(_meeting(request, meeting_id), request.user)]


@router.put("/meetings/{meeting_id}/participants/{person_id}", response=ParticipantRoleOut,
            summary="Add a participant or change their role (the meeting's version)")
def set_role(request, meeting_id: Id, person_id: Id, payload: ParticipantRoleIn):
    meeting = _meeting(request, meeting_id)
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_id)
    data = payload.model_dump()
    participation = services.set_role(request.user, meeting, person, data["role"],
                                      version=expected_version(request, data))
    return {"person_id": participation.person_id, "role": participation.role}


@router.delete("/meetings/{meeting_id}/participants/{person_id}", response={204: None},
               summary="Take someone off the participants (the meeting's version)")
def remove_participant(request, meeting_id: Id, person_id: Id, version: Version | None = None):
    meeting = _meeting(request, meeting_id)
    person = get_object_or_404(meeting.participants.all(), pk=person_id)
    services.remove_participant(request.user, meeting, person, version=expected_version(request, {"version": version}))
    return Status(204, None)


def _decision_out(decision: Decision, user) -> dict:
    shown = next(d for d in services.decisions(decision.meeting, user) if d.pk == decision.pk)
    return {
        "id": shown.pk, "kind": shown.kind, **{f"text_{c}": getattr(shown, f"text_{c}") for c in CONTENT_LANGUAGES},
        "agenda_item_id": shown.agenda_item_id, "due": shown.due,
        "owner_id": shown.visible_owner.pk if shown.visible_owner else None,
        "owner_organization_id": shown.visible_organization.pk if shown.visible_organization else None,
        "measure_id": shown.visible_measure.pk if shown.visible_measure else None,
        "work_item_id": shown.visible_item.pk if shown.visible_item else None,
    }


def _decision_data(request, meeting: Meeting, payload: dict) -> dict:
    data = {name: value for name, value in payload.items()
            if name in {"kind", "due"} or name.startswith("text_")}
    lookups = {"owner_id": ("owner", Person), "owner_organization_id": ("owner_organization", Organization),
               "measure_id": ("measure", Measure)}
    for key, (name, model) in lookups.items():
        if key in payload:
            data[name] = None if payload[key] is None else get_object_or_404(
                model.objects.visible_to(request.user), pk=payload[key])
    if "agenda_item_id" in payload:
        data["agenda_item"] = None if payload["agenda_item_id"] is None else get_object_or_404(
            meeting.agenda_items.all(), pk=payload["agenda_item_id"])
    return data


@router.get("/meetings/{meeting_id}/decisions", response=list[DecisionOut], summary="A meeting's decisions")
@paginated
def get_decisions(request, meeting_id: Id):
    meeting = _meeting(request, meeting_id)
    return Mapped(meeting.decisions.all(), lambda decision: _decision_out(decision, request.user))


@router.post("/meetings/{meeting_id}/decisions", response={201: DecisionOut},
             summary="Record a decision or action item (the meeting's version)")
def add_decision(request, meeting_id: Id, payload: DecisionIn):
    meeting = _meeting(request, meeting_id)
    data = payload.model_dump()
    decision = services.add_decision(request.user, meeting, version=expected_version(request, data),
                                     **_decision_data(request, meeting, data))
    return Status(201, _decision_out(decision, request.user))


def _decision(request, decision_id) -> Decision:
    decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=decision_id)
    _meeting(request, decision.meeting_id)
    return decision


@router.patch("/decisions/{decision_id}", response=DecisionOut, summary="Change a decision (the meeting's version)")
def update_decision(request, decision_id: Id, payload: DecisionIn):
    decision = _decision(request, decision_id)
    data = payload.model_dump(exclude_unset=True)
    decision = services.update_decision(request.user, decision, version=expected_version(request, data),
                                        **_decision_data(request, decision.meeting, data))
    return _decision_out(decision, request.user)


@router.post("/decisions/{decision_id}/work-item", response={201: DecisionOut},
             summary="Make a decision a work item with its owner and due date (the meeting's version)")
def make_work_item(request, decision_id: Id, payload: DecisionToWorkItemIn):
    from kenes.workplan.models import WorkPlan

    decision = _decision(request, decision_id)
    data = payload.model_dump()
    plan = None if data["plan_id"] is None else get_object_or_404(
        WorkPlan.objects.visible_to(request.user), pk=data["plan_id"])
    services.make_work_item(request.user, decision, plan=plan, version=expected_version(request, data))
    return Status(201, _decision_out(Decision.objects.get(pk=decision.pk), request.user))


# --- minutes ------------------------------------------------------------------------------------

class MinutesOut(Schema):
    meeting_id: int
    state: str
    version: int
    text_number: int | None
    text_en: str
    text_ru: str
    text_kk: str
    text_uz: str
    comment_deadline: datetime.datetime | None
    published_at: datetime.datetime | None
    approved_by: list[str]
    waiting_for: list[str]


class MinutesDraftIn(StrictIn):
    language: Literal["en", "ru", "kk", "uz"] = "en"


class MinutesTextIn(StrictIn):
    version: Version | None = None
    note: Annotated[str, StringConstraints(max_length=500)] = ""
    text_en: LongText | None = None
    text_ru: LongText | None = None
    text_kk: LongText | None = None
    text_uz: LongText | None = None


class MinutesCirculateIn(StrictIn):
    version: Version | None = None
    comment_deadline: IsoDateTime


class MinutesStepIn(StrictIn):
    version: Version | None = None


class MinutesCommentIn(StrictIn):
    text: Annotated[str, StringConstraints(max_length=10_000)]


class MinutesCommentOut(Schema):
    id: int
    text: str
    author: str
    created_at: datetime.datetime
    on_version: int
    resolution: str
    resolution_note: str


class MinutesResolveIn(StrictIn):
    resolution: Literal["accepted", "declined", "noted"]
    note: Annotated[str, StringConstraints(max_length=2000)] = ""


def _minutes(request, meeting_id) -> Minutes:
    meeting = _meeting(request, meeting_id)
    return get_object_or_404(Minutes.objects.visible_to(request.user), meeting=meeting)


def _minutes_out(minutes: Minutes) -> dict:
    text = services.current_version(minutes)
    approved = minutes.approvals.filter(version=text).select_related("party") if text else []
    return {
        "meeting_id": minutes.meeting_id, "state": minutes.state, "version": minutes.version,
        "text_number": text.number if text else None,
        **{f"text_{c}": getattr(minutes, f"text_{c}") for c in CONTENT_LANGUAGES},
        "comment_deadline": minutes.comment_deadline, "published_at": minutes.published_at,
        "approved_by": [a.party.code for a in approved],
        "waiting_for": [p.code for p in services.missing_approvals(minutes)],
    }


@router.get("/meetings/{meeting_id}/minutes", response=MinutesOut, summary="A meeting's minutes")
def get_minutes(request, meeting_id: Id):
    return _minutes_out(_minutes(request, meeting_id))


@router.post("/meetings/{meeting_id}/minutes", response={201: MinutesOut},
             summary="Draft the minutes from the agenda, speakers and decisions (secretariat)")
def draft_minutes(request, meeting_id: Id, payload: MinutesDraftIn):
    minutes = services.draft_minutes(request.user, _meeting(request, meeting_id), language=payload.language)
    return Status(201, _minutes_out(minutes))


@router.patch("/meetings/{meeting_id}/minutes", response=MinutesOut,
              summary="Change the text (secretariat; a new version; refused once approved)")
def edit_minutes(request, meeting_id: Id, payload: MinutesTextIn):
    minutes = _minutes(request, meeting_id)
    data = payload.model_dump(exclude_unset=True)
    texts = {name: value for name, value in data.items() if name.startswith("text_") and value is not None}
    minutes = services.edit_minutes(request.user, minutes, version=expected_version(request, data),
                                    note=data.get("note", ""), **texts)
    return _minutes_out(minutes)


@router.post("/meetings/{meeting_id}/minutes/circulate", response=MinutesOut,
             summary="Circulate to the participants for comments until a deadline")
def circulate(request, meeting_id: Id, payload: MinutesCirculateIn):
    data = payload.model_dump()
    minutes = services.circulate(request.user, _minutes(request, meeting_id), deadline=data["comment_deadline"],
                                 version=expected_version(request, data))
    return _minutes_out(minutes)


@router.post("/meetings/{meeting_id}/minutes/approve", response=MinutesOut,
             summary="Approve the current text for your side (both sides lock it)")
def approve(request, meeting_id: Id, payload: MinutesStepIn):
    data = payload.model_dump()
    return _minutes_out(services.approve(request.user, _minutes(request, meeting_id),
                                         version=expected_version(request, data)))


@router.post("/meetings/{meeting_id}/minutes/publish", response=MinutesOut, summary="Publish approved minutes")
def publish(request, meeting_id: Id, payload: MinutesStepIn):
    data = payload.model_dump()
    return _minutes_out(services.publish(request.user, _minutes(request, meeting_id),
                                         version=expected_version(request, data)))


def _comment_out(remark: MinutesComment) -> dict:
    return {"id": remark.pk, "text": remark.text, "author": str(remark.author or ""), "created_at": remark.created_at,
            "on_version": remark.version.number, "resolution": remark.resolution,
            "resolution_note": remark.resolution_note}


participants_may_write = TokenOrSession(may_write=lambda user: bool(getattr(user, "is_council_member", False)))


@router.get("/meetings/{meeting_id}/minutes/comments", response=list[MinutesCommentOut],
            summary="Comments on the minutes (participants and the secretariat)")
@paginated
def get_comments(request, meeting_id: Id):
    minutes = _minutes(request, meeting_id)
    if not services.may_comment(request.user, minutes):
        return []
    return Mapped(minutes.comments.select_related("author", "version"), _comment_out)


@router.post("/meetings/{meeting_id}/minutes/comments", response={201: MinutesCommentOut}, auth=participants_may_write,
             summary="Comment on circulated minutes (the meeting's participants and the secretariat)")
def add_comment(request, meeting_id: Id, payload: MinutesCommentIn):
    return Status(201, _comment_out(services.comment(request.user, _minutes(request, meeting_id), payload.text)))


@router.post("/meetings/{meeting_id}/minutes/comments/{comment_id}/resolve", response=MinutesCommentOut,
             summary="Resolve a comment (secretariat)")
def resolve_comment(request, meeting_id: Id, comment_id: Id, payload: MinutesResolveIn):
    minutes = _minutes(request, meeting_id)
    remark = get_object_or_404(minutes.comments.all(), pk=comment_id)
    return _comment_out(services.resolve_comment(request.user, remark, payload.resolution, payload.note))


# --- events -------------------------------------------------------------------------------------

def _event_data(user, data: dict) -> dict:
    return {**EVENTS.to_service(user, data), **linked_records(user, data, EVENT_LINKED)}


@router.get("/events", response=list[EVENTS.Out], summary="Events")
@paginated(sort=("start_date", "end_date"))
def list_events(request, q: Text = "", year: Text = "", status: EventStatus = "", kind: EventKind = ""):
    events = services.search_events(request.user, q, year=year, status=status, kind=kind)
    return events.prefetch_related("organizers", "measures").order_by("pk")


@router.get("/events/{event_id}", response=EVENTS.Out, summary="One event")
def get_event(request, event_id: Id):
    return get_object_or_404(Event.objects.visible_to(request.user), pk=event_id)


@router.post("/events", response={201: EVENTS.Out}, summary="Create an event (secretariat)")
def create_event(request, payload: EVENTS.In):
    return Status(201, services.create_event(request.user, **_event_data(request.user, payload.model_dump())))


@router.patch("/events/{event_id}", response=EVENTS.Out, summary="Change an event (409 if it changed since)")
def update_event(request, event_id: Id, payload: EVENTS.Patch):
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=event_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_event(request.user, event, version=expected_version(request, data),
                                 **_event_data(request.user, data))


# --- composition --------------------------------------------------------------------------------

class CompositionSeatOut(Schema):
    term_id: int
    person_id: int
    party: str
    position: str
    start: datetime.date
    end: datetime.date | None
    alternate_for: int | None


@router.get("/bodies/{body_id}/composition", response=list[CompositionSeatOut],
            summary="Who holds a seat on a body on a day (today by default)")
def get_composition(request, body_id: Id, on: IsoDate | None = None):
    body = get_object_or_404(Organization.objects.visible_to(request.user), pk=body_id)
    return [{"term_id": t.pk, "person_id": t.person_id, "party": t.party.code, "position": t.position,
             "start": t.start, "end": t.end, "alternate_for": t.alternate_for_id}
            for side in services.composition(body, request.user, on) for t in side["terms"]]


@router.get("/terms", response=list[TERMS.Out], summary="Terms on bodies")
@paginated(sort=("start", "end"))
def list_terms(request, body: Id | None = None, person: Id | None = None):
    terms = Term.objects.visible_to(request.user).filter(person__in=Person.objects.visible_to(request.user))
    if body is not None:
        terms = terms.filter(body_id=body)
    if person is not None:
        terms = terms.filter(person_id=person)
    return terms.order_by("pk")


@router.get("/terms/{term_id}", response=TERMS.Out, summary="One term")
def get_term(request, term_id: Id):
    return get_object_or_404(Term.objects.visible_to(request.user), pk=term_id)


@router.post("/terms", response={201: TERMS.Out}, summary="Give someone a seat (secretariat)")
def create_term(request, payload: TERMS.In):
    return Status(201, services.create_term(request.user, **TERMS.to_service(request.user, payload.model_dump())))


@router.patch("/terms/{term_id}", response=TERMS.Out, summary="Change or end a term (409 if it changed since)")
def update_term(request, term_id: Id, payload: TERMS.Patch):
    term = get_object_or_404(Term.objects.visible_to(request.user), pk=term_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_term(request.user, term, version=expected_version(request, data),
                                **TERMS.to_service(request.user, data))

