"""Meeting endpoints: read for everyone (visibility applied), write for the secretariat.

Participants and organisers are lists of ids; on output only those the reader may see
(``kenes.core.visibility.visible_many``), so a hidden person's id never appears.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from kenes.core.api_schemas import RecordSchemas, expected_version, linked_records
from kenes.core.api_types import Id, Text, paginated
from kenes.core.visibility import visible_many
from kenes.council import services
from kenes.council.models import Meeting
from kenes.directory.models import Organization, Person
from kenes.documents.models import Document

router = Router(tags=["council"])

LINKED = {"participants": Person, "organizers": Organization, "documents": Document}


def _visible_ids(name):
    return lambda meeting, user: list(visible_many(getattr(meeting, name).all(), user).values_list("pk", flat=True))


MEETINGS = RecordSchemas(
    Meeting, fields=[name for name in services.MEETING_FIELDS if name not in LINKED],
    extra_in={name: (list[Id], []) for name in LINKED},
    extra_out={name: (list[int], _visible_ids(name)) for name in LINKED},
)


def _service_data(user, data: dict) -> dict:
    return {**MEETINGS.to_service(user, data), **linked_records(user, data, LINKED)}


@router.get("/meetings", response=list[MEETINGS.Out], summary="Meetings")
@paginated
def list_meetings(request, q: Text = "", body: Id | None = None, year: Text = "", meeting_format: Text = ""):
    meetings = services.search_meetings(request.user, q, body=body, year=year, meeting_format=meeting_format)
    return meetings.prefetch_related("participants", "organizers", "documents").order_by("pk")


@router.get("/meetings/{meeting_id}", response=MEETINGS.Out, summary="One meeting")
def get_meeting(request, meeting_id: Id):
    return get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_id)


@router.post("/meetings", response={201: MEETINGS.Out}, summary="Create a meeting (secretariat)")
def create_meeting(request, payload: MEETINGS.In):
    return Status(201, services.create_meeting(request.user, **_service_data(request.user, payload.model_dump())))


@router.patch("/meetings/{meeting_id}", response=MEETINGS.Out,
              summary="Change a meeting (secretariat; 409 if it changed since your version)")
def update_meeting(request, meeting_id: Id, payload: MEETINGS.Patch):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=meeting_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_meeting(request.user, meeting, version=expected_version(request, data),
                                   **_service_data(request.user, data))
