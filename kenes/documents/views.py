"""Documents pages. Thin: they read with visibility applied and write through ``services.ingest``."""

from __future__ import annotations

import secrets

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kenes.core.views import require_secretariat
from kenes.core.visibility import visible_related
from kenes.directory.models import Party
from kenes.documents import services
from kenes.documents.forms import UploadForm
from kenes.documents.lists import DOCUMENT_COLUMNS, FILTERS, filter_documents, is_secretariat
from kenes.documents.models import Document
from kenes.web.lists import Listing

PENDING_STATES = (Document.State.QUEUED, Document.State.EXTRACTING)
# The outcomes of the last few uploads, kept in the session for the page after the redirect.
KEPT_BATCHES = 5
MAX_STATUS_IDS = 200


def document_list(request):
    filters = {key: request.GET.get(key, "").strip() for key in FILTERS}
    documents = filter_documents(request.user, **filters).prefetch_related("parties")
    listing = Listing(request, documents, DOCUMENT_COLUMNS, name="documents", title=_("Documents"))
    if response := listing.download():
        return response
    context = {
        "listing": listing, "page": listing.page, "filters": filters, "parties": Party.objects.all(),
        "language_choices": Document.Language.choices, "kind_choices": Document.Kind.choices,
        "state_choices": Document.State.choices,
        "is_secretariat": is_secretariat(request.user),
    }
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(request, "documents/_document_rows.html" if partial else "documents/document_list.html", context)
    # Caches must not serve the rows as the page, or the page as the rows.
    patch_vary_headers(response, ["HX-Request"])
    return response


def document_detail(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user).prefetch_related("parties"), pk=pk)
    secretariat = is_secretariat(request.user)
    context = {
        "document": document,
        "is_secretariat": secretariat,
        "original_of": visible_related(document.near_duplicate_of, request.user),
        "near_duplicates": document.near_duplicates.visible_to(request.user).order_by("pk"),
        "mentions": document.mentions.all() if secretariat else [],
    }
    return render(request, "documents/document_detail.html", context)


def document_original(request, pk):
    """The file as uploaded, for whoever may read the document; always a download, never shown as a page."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    if not document.original:
        raise Http404
    try:
        handle = document.original.open("rb")
    except OSError:
        raise Http404 from None  # the record names a file that is gone (e.g. after a partial restore)
    # An uploaded HTML page must never run in the platform's origin: a download, sandboxed, not sniffed.
    content_type = document.media_type if document.media_type in {"application/pdf", "text/plain"} \
        else "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=document.original_name or None,
                            content_type=content_type)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


# --- upload ----------------------------------------------------------------------------------

def _outcome_row(outcome) -> dict:
    return {
        "name": outcome.name, "status": outcome.status, "reason": outcome.reason,
        "document": outcome.document.pk if outcome.document is not None else None,
        "original": outcome.original.pk if outcome.original is not None else None,
    }


def _keep_batch(request, rows: list[dict]) -> str:
    key = secrets.token_urlsafe(8)
    batches = request.session.get("document_uploads", {})
    batches[key] = rows
    request.session["document_uploads"] = dict(list(batches.items())[-KEPT_BATCHES:])
    return key


def _ingest_uploads(request, form) -> list[dict]:
    metadata = form.metadata()
    limit = services.max_upload_bytes()
    rows = []
    uploads = form.cleaned_data["files"]
    for upload in uploads:
        if upload.size > limit:  # refused before it is read into memory
            rows.append({"name": upload.name, "status": "failed", "document": None, "original": None,
                         "reason": _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}})
            continue
        rows.append(_ingest_one(request, upload.read(), upload.name, metadata))
    text = form.cleaned_data["text"]
    if text.strip():
        rows.append(_ingest_one(request, text.encode("utf-8"), _("pasted text") + ".txt", metadata))
    return rows


def _actor(request):
    # The account itself, not the request's lazy wrapper: the write path looks at the type of what it links
    # (the search index asks the registry about ``uploaded_by``).
    user = request.user
    return getattr(user, "_wrapped", user)


def _ingest_one(request, data: bytes, name: str, metadata: dict) -> dict:
    try:
        return _outcome_row(services.ingest(_actor(request), data, name=name, **metadata))
    except ValidationError as exc:
        return {"name": name, "status": "failed", "document": None, "original": None,
                "reason": " ".join(exc.messages)}


@login_required
def upload(request):
    require_secretariat(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        key = _keep_batch(request, _ingest_uploads(request, form))
        return redirect(f"{reverse('documents:upload')}?batch={key}")
    rows = request.session.get("document_uploads", {}).get(request.GET.get("batch", ""), [])
    documents = _documents_by_id(request, [row[k] for row in rows for k in ("document", "original") if row[k]])
    outcomes = [{**row, "document": documents.get(row["document"]), "original": documents.get(row["original"])}
                for row in rows]
    new_ids = [row["document"] for row in rows if row["status"] == "new" and row["document"]]
    return render(request, "documents/upload.html", {
        "form": form, "outcomes": outcomes, **_status_context(request, new_ids),
    })


def _documents_by_id(request, ids) -> dict:
    return {d.pk: d for d in Document.objects.visible_to(request.user).filter(pk__in=ids)}


def _status_context(request, ids: list[int]) -> dict:
    documents = list(Document.objects.visible_to(request.user).filter(pk__in=ids).order_by("pk"))
    return {
        "status_documents": documents,
        "status_ids": ",".join(str(d.pk) for d in documents),
        "still_working": any(d.state in PENDING_STATES for d in documents),
    }


@login_required
def upload_status(request):
    """The state of the documents just uploaded: polled every two seconds while any is still being extracted."""
    require_secretariat(request)
    ids = [int(part) for part in request.GET.get("ids", "").split(",")[:MAX_STATUS_IDS]
           if part.isdigit() and len(part) < 19]
    return render(request, "documents/_upload_status.html", _status_context(request, ids))
