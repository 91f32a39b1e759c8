"""Documents endpoints: read with visibility applied; upload (multipart or JSON text) for the secretariat.

Both ways in go through ``services.ingest``, so the API refuses exactly what the upload page and
``kenes ingest`` refuse: 201 with the new document, 200 with ``{"status": "duplicate", …}`` for the
same text again, 422 with the reason for a file that cannot be taken.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import StringConstraints, model_validator
from pydantic import ValidationError as PydanticValidationError

from kenes.core.api_schemas import StrictIn, choice_filter
from kenes.core.api_types import Id, Mapped, Text, paginated
from kenes.core.visibility import visible_related
from kenes.directory.models import Party
from kenes.documents import services
from kenes.documents.lists import filter_documents, is_secretariat
from kenes.documents.models import Document, Mention

router = Router(tags=["documents"])

Short = Annotated[str, StringConstraints(max_length=500)]
Code = Annotated[str, StringConstraints(max_length=20)]
Language = choice_filter(Document, "language")
Kind, State = choice_filter(Document, "kind"), choice_filter(Document, "state")


class DocumentFields(StrictIn):
    """What may come with a document, the same for a file and for pasted text."""


    title: Short = ""
    source_url: Annotated[str, StringConstraints(max_length=1000)] = ""
    published: Annotated[str, StringConstraints(max_length=10)] = ""
    kind: Literal["", *Document.Kind.values] = ""
    visibility: Literal["public", "internal", "restricted"] = "internal"
    language: Literal["", "en", "ru", "kk", "uz"] = ""
    parties: list[Code] = []


class DocumentTextIn(DocumentFields):
    text: Annotated[str, StringConstraints(max_length=20_000_000)]
    name: Annotated[str, StringConstraints(max_length=300)] = ""


class DocumentOut(Schema):
    """Built from a Document for the user of the request (a hidden original stays unnamed)."""

    @model_validator(mode="wrap")
    @classmethod
    def _from_document(cls, value, handler, info):
        if isinstance(value, Document):
            request = (info.context or {}).get("request")
            value = document_out(value, getattr(request, "user", None))
        return handler(value)

    id: int
    version: int
    title: str
    url: str
    original_name: str
    media_type: str
    language: Language
    published: str
    source_url: str
    kind: Kind
    parties: list[str]
    visibility: Literal["public", "internal", "restricted"]
    state: State
    failure_reason: str
    word_count: int
    near_duplicate_of: int | None
    similarity: float | None
    created_at: str


class DocumentDetailOut(DocumentOut):
    text: str
    near_duplicates: list[int]


class DuplicateOut(Schema):
    status: str
    detail: str
    document: DocumentOut


class RecordLink(Schema):
    kind: str
    id: int
    url: str | None


class MentionOut(Schema):
    id: int
    kind: str
    label: str
    spans: list[list[int]]
    quote: str
    decision: str
    record: RecordLink | None
    # How sure the engine was (0–1; null for mentions stored before it said) and the rule that found it.
    confidence: float | None
    rule: str


def document_out(document: Document, user) -> dict:
    original = visible_related(document.near_duplicate_of, user)
    return {
        "id": document.pk, "version": document.version, "title": document.title, "url": document.get_absolute_url(),
        "original_name": document.original_name, "media_type": document.media_type,
        "language": document.language, "published": document.published, "source_url": document.source_url,
        "kind": document.kind, "parties": [party.code for party in document.parties.all()],
        "visibility": document.visibility, "state": document.state, "failure_reason": document.failure_reason,
        "word_count": document.word_count,
        # A hidden original is never named, not even by its id.
        "near_duplicate_of": original.pk if original is not None else None,
        "similarity": document.similarity if original is not None else None,
        "created_at": document.created_at.isoformat(),
    }


def _mention_out(mention: Mention, user) -> dict:
    record = visible_related(mention.record, user) if mention.object_id else None
    link = None
    if record is not None:
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else None
        link = {"kind": record._meta.model_name, "id": record.pk, "url": url}
    return {"id": mention.pk, "kind": mention.kind, "label": mention.label, "spans": mention.spans,
            "quote": mention.quote, "decision": mention.decision, "record": link,
            "confidence": mention.confidence, "rule": mention.rule}


def _validated(schema, data):
    try:
        return schema.model_validate(data)
    except PydanticValidationError as exc:
        # The API's one error shape (kenes.api turns this into 422 {"detail", "errors"}).
        raise NinjaValidationError(exc.errors(include_url=False)) from None


def _parties(codes: list[str]) -> list[Party]:
    wanted = [code.strip().upper() for code in codes if code.strip()]
    found = {party.code: party for party in Party.objects.filter(code__in=wanted)}
    missing = sorted(set(wanted) - set(found))
    if missing:
        from django.core.exceptions import ValidationError

        raise ValidationError({"parties": [_("Unknown codes: %(codes)s") % {"codes": ", ".join(missing)}]})
    return list(found.values())


def _upload(request) -> tuple[bytes, str, DocumentFields]:
    """The document and its fields from a multipart form (``file``) or a JSON body (``text``)."""
    if (request.content_type or "").startswith("multipart/"):
        upload = request.FILES.get("file")
        if upload is None:
            raise NinjaValidationError([{"loc": ("file",), "type": "missing", "msg": "missing"}])
        fields = {key: request.POST.get(key) for key in request.POST if key != "parties"}
        if "parties" in request.POST:
            fields["parties"] = [code for value in request.POST.getlist("parties") for code in value.split(",")]
        payload = _validated(DocumentFields, fields)
        limit = services.max_upload_bytes()
        if upload.size > limit:  # refused before it is read into memory
            raise HttpError(422, _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
        return upload.read(), upload.name or "upload", payload
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, RecursionError):
        raise HttpError(400, "invalid json") from None  # kenes.api words it in the reader's language
    if not isinstance(data, dict):
        raise NinjaValidationError([{"loc": ("text",), "type": "missing", "msg": "missing"}])
    payload = _validated(DocumentTextIn, data)
    name = payload.name or (payload.title[:100] if payload.title else "") or "text"
    if not name.lower().endswith((".txt", ".text", ".md", ".html", ".htm")):
        name += ".txt"
    return payload.text.encode("utf-8"), name, payload


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": DocumentTextIn.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"},
                               **DocumentFields.model_json_schema()["properties"]},
            }},
        },
    },
}


@router.post("/documents", response={201: DocumentOut, 200: DuplicateOut},
             summary="Add a document: a file (multipart) or text (JSON) (secretariat)", openapi_extra=_UPLOAD_BODY)
def create_document(request):
    data, name, payload = _upload(request)
    fields = payload.model_dump(exclude={"text", "name"})
    parties = _parties(fields.pop("parties"))
    outcome = services.ingest(request.user, data, name=name, parties=parties, **fields)
    if outcome.status == "failed":
        raise HttpError(422, outcome.reason)
    if outcome.status == "duplicate":
        return Status(200, {"status": "duplicate", "detail": outcome.reason,
                            "document": document_out(outcome.document, request.user)})
    return Status(201, document_out(outcome.document, request.user))


@router.get("/documents", response=list[DocumentOut], summary="Documents")
@paginated(sort=("published", "title", "word_count", "created_at"))
def list_documents(request, q: Text = "", language: Language = "", kind: Kind = "", party: Text = "", state: State = "",
                   date_from: Text = "", date_to: Text = ""):
    documents = filter_documents(request.user, q=q, language=language, kind=kind, party=party, state=state,
                                 date_from=date_from, date_to=date_to)
    return documents.prefetch_related("parties").select_related("near_duplicate_of").order_by("pk")


@router.get("/documents/{document_id}", response=DocumentDetailOut, summary="One document, with its text")
def get_document(request, document_id: Id):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    return {**document_out(document, request.user), "text": document.text,
            "near_duplicates": list(document.near_duplicates.visible_to(request.user).order_by("pk")
                                    .values_list("pk", flat=True))}


@router.get("/documents/{document_id}/mentions", response=list[MentionOut],
            summary="What the engine found in a document, with its decisions (secretariat)")
@paginated
def list_mentions(request, document_id: Id):
    if not is_secretariat(request.user):
        raise PermissionDenied(_("Only the secretariat can see what the engine found."))
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    return Mapped(document.mentions.order_by("pk"), lambda mention: _mention_out(mention, request.user))
