"""The documents' write path: ingest (checks, hash, near-duplicates, storage), extraction results, claims.

Every way in — ``kenes ingest``, the upload page, the API — calls ``ingest``;
workers call ``claim`` and ``run_extraction``. A file that is refused leaves
nothing behind: the checks come before any row or file is written.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import struct
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.core.dates import validate_partial_date
from kenes.core.models import visible_levels
from kenes.documents.models import Candidate, Document, DocumentBand, Mention, MinHashSignature
from kenes.extraction.schema import SCHEMA_VERSION
from kenes.extraction.translit import fold

try:
    ENGINE_VERSION = f"{SCHEMA_VERSION} {version('kenes')}"
except PackageNotFoundError:  # running from a checkout that was never installed
    ENGINE_VERSION = SCHEMA_VERSION

# Near-duplicates: word 5-gram shingles, a 128-value MinHash in 64 bands of 2 rows (a truncated
# copy shares only a third of the shingles with its original, so the bands must be narrow). Two documents
# sharing one band are compared; one that contains at least this share of the other is a copy
# (a truncated copy contains all of itself in the original, so containment, not Jaccard).
SHINGLE = 5
PERMUTATIONS = 128
BANDS = 64
NEAR_DUPLICATE_CONTAINMENT = 0.7
MAX_ATTEMPTS = 3
logger = logging.getLogger(__name__)


@dataclass
class IngestOutcome:
    """What became of one file: new, duplicate, near_duplicate or failed (with the reason)."""

    name: str
    status: str
    document: Document | None = None
    original: Document | None = None
    reason: str = ""
    similarity: float | None = None
    details: dict = field(default_factory=dict)


def max_upload_bytes() -> int:
    return getattr(settings, "KENES_MAX_UPLOAD_MB", 50) * 1024 * 1024


def ingest(actor, data: bytes, *, name: str, title: str = "", source_url: str = "", published: str = "",
           kind: str = "", visibility: str = "internal", parties=(), language: str = "",
           enqueue: bool = True) -> IngestOutcome:
    """One document in. Refusals come back as ``failed`` with a reason; nothing is written for them."""
    from kenes.extraction.normalize import DocumentError, read_document

    core.require_secretariat(actor)
    limit = max_upload_bytes()
    if len(data) > limit:
        return IngestOutcome(name, "failed", reason=_("The file is larger than %(limit)s MB.")
                             % {"limit": limit // (1024 * 1024)})
    try:
        normalised = read_document(None, data=data, name=name or "upload.txt", max_bytes=limit)
    except DocumentError as exc:
        return IngestOutcome(name, "failed", reason=_readable_reason(str(exc)))
    text = normalised.text
    if not text.strip():
        return IngestOutcome(name, "failed", reason=_("The document has no text to read."))
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    existing = Document.objects.filter(sha256=digest).first()
    if existing is not None:
        return IngestOutcome(name, "duplicate", document=existing, original=existing,
                             reason=_("The same text is already here: %(title)s") % {"title": existing})
    metadata = _checked_metadata(title=title, source_url=source_url, published=published, kind=kind,
                                 visibility=visibility, language=language)
    signature, shingles = _signature(text)
    queue: dict[str, bool] = {}
    try:
        document, original, similarity = _store(actor, data, name, text, digest, normalised.media_type, metadata,
                                                signature, shingles, parties, queue if enqueue else None)
    except StorageFull:
        return IngestOutcome(name, "failed", reason=_("There is not enough space to store the file; nothing was "
                                                      "kept. Tell the administrator that the disk is full."))
    if original:
        return IngestOutcome(name, "near_duplicate", document=document, original=original, similarity=similarity,
                             reason=_("Repeats %(title)s (%(share)s%% of it is there)")
                             % {"title": original, "share": round(similarity * 100)})
    if queue.get("reached") is False:
        # Stored and queued in the database; a worker's duty enqueues it again once the queue answers.
        return IngestOutcome(name, "new", document=document, reason=_(
            "Stored, but the task queue cannot be reached: the document waits as queued and is read "
            "once the queue is back."))
    return IngestOutcome(name, "new", document=document)


class StorageFull(Exception):
    """The original could not be written (disk full, quota); the partial file is already removed."""


def _store(actor, data, name, text, digest, media_type, metadata, signature, shingles, parties, queue):
    """The document, its original, signature and bands in one transaction; a failed file write undoes the row."""
    from kenes.extraction.language import detect

    with transaction.atomic():
        original, similarity = _near_duplicate(signature, shingles)
        document = Document(
            sha256=digest, text=text, media_type=media_type, original_name=name[:300],
            word_count=len(text.split()), near_duplicate_of=original, similarity=similarity,
            language=metadata.pop("language") or detect(text), uploaded_by=actor if getattr(actor, "pk", None) else None,
            title=metadata.pop("title") or _first_line(text), **metadata,
        )
        # A near-duplicate is linked to its original instead of producing a second set of records.
        document.state = Document.State.REVIEWED if original else Document.State.QUEUED
        core.save(document, actor, _("Ingested"), many={"parties": list(parties)})
        _save_original(document, name, data)
        MinHashSignature.objects.create(document=document, values=_pack(signature), shingles=shingles)
        DocumentBand.objects.bulk_create(DocumentBand(document=document, band=band) for band in _bands(signature))
        if queue is not None and not original:
            transaction.on_commit(lambda: queue.update(reached=enqueue_extraction(document.pk)))
    return document, original, similarity


def _save_original(document: Document, name: str, data: bytes) -> None:
    """Write the original; on a full disk remove what was half-written and raise StorageFull (the row rolls back)."""
    field = document.original
    target = field.storage.get_available_name(field.field.generate_filename(document, _safe_name(name)))
    try:
        stored = field.storage.save(target, ContentFile(data))
    except OSError as exc:
        # Django's storage leaves a partial file behind when a write fails: an orphan no record points to.
        if field.storage.exists(target) and not Document._base_manager.filter(original=target).exists():
            field.storage.delete(target)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise StorageFull from exc
        raise
    field.name = stored
    Document.objects.filter(pk=document.pk).update(original=stored)


# The extraction library speaks English to the command line; a reader gets these in their language.
_REASONS = (
    ("looks binary", lambda: _("The file looks binary (a program, an image or an archive), not a document.")),
    ("is not UTF-8", lambda: _("The text is not in UTF-8; save it as UTF-8 and upload it again.")),
    ("is not a PDF", lambda: _("The file is named as a PDF but is not one.")),
    ("PDF is truncated", lambda: _("The PDF is incomplete (it was cut off); upload the whole file.")),
    ("PDF is encrypted", lambda: _("The PDF is protected with a password; upload an unprotected copy.")),
    ("no text layer", lambda: _("The PDF has no text (a scan?); run text recognition (OCR) on it first.")),
    ("no pages", lambda: _("The PDF has no pages.")),
    ("not a readable PDF", lambda: _("The PDF is damaged and cannot be read.")),
    ("not a readable DOCX", lambda: _("The Word file is damaged and cannot be read.")),
    ("over the limit", lambda: _("The file is too large.")),
)


def _readable_reason(message: str) -> str:
    for marker, reason in _REASONS:
        if marker in message:
            return reason()
    return _("The file cannot be read: %(reason)s") % {"reason": message}


def _checked_metadata(**values) -> dict:
    errors = {}
    if values["published"]:
        try:
            validate_partial_date(values["published"])
        except ValidationError as exc:
            errors["published"] = exc.messages
    if values["kind"] and values["kind"] not in Document.Kind.values:
        errors["kind"] = [_("Choose one of: %(kinds)s") % {"kinds": ", ".join(Document.Kind.values)}]
    if values["visibility"] not in {"public", "internal", "restricted"}:
        errors["visibility"] = [_("Choose public, internal or restricted.")]
    if values["language"] and values["language"] not in Document.Language.values:
        errors["language"] = [_("Choose en, ru, kk or uz.")]
    if errors:
        raise ValidationError(errors)
    values["kind"] = values["kind"] or Document.Kind.OTHER
    values["title"] = (values["title"] or "").strip()[:500]
    return values


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _safe_name(name: str) -> str:
    base = (name or "document").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in base).strip("._") or "document"
    return cleaned[-120:]


# Near-duplicates.

def _signature(text: str) -> tuple[list[int], int]:
    from datasketch import MinHash

    words = fold(text).split()
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in minhash.hashvalues], len(shingles)


def _bands(signature: list[int]) -> list[int]:
    rows = PERMUTATIONS // BANDS
    bands = []
    for index in range(BANDS):
        chunk = struct.pack(f">I{rows}Q", index, *signature[index * rows:(index + 1) * rows])
        # A signed 63-bit number: fits BigIntegerField on both databases.
        bands.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big") >> 1)
    return bands


def _pack(signature: list[int]) -> bytes:
    return struct.pack(f">{len(signature)}Q", *signature)


def _unpack(data: bytes) -> list[int]:
    data = bytes(data)
    return list(struct.unpack(f">{len(data) // 8}Q", data))


def _near_duplicate(signature: list[int], shingles: int) -> tuple[Document | None, float | None]:
    """The earliest live document that contains most of this one, with how much (containment)."""
    candidates = (DocumentBand.objects.filter(band__in=_bands(signature))
                  .values_list("document_id", flat=True).distinct()[:50])
    best, best_share = None, 0.0
    # Only what the comparison needs: a candidate's text is long and never read here.
    for stored in (MinHashSignature.objects.filter(document_id__in=list(candidates)).select_related("document")
                   .only("values", "shingles", "document__deleted_at", "document__near_duplicate_of", "document__title",
                         "document__original_name")):
        if stored.document.deleted_at is not None:
            continue
        other = _unpack(stored.values)
        jaccard = sum(1 for a, b in zip(signature, other, strict=False) if a == b) / len(signature)
        # |A∩B| from Jaccard and the two set sizes, then the share of the new document that is in the other.
        intersection = jaccard * (shingles + stored.shingles) / (1 + jaccard)
        # The share of the NEW document found in the stored one: a truncated copy arriving after
        # the full article is a copy; the full article arriving after its truncated copy is not.
        share = min(1.0, intersection / max(1, shingles))
        original = stored.document.near_duplicate_of or stored.document
        if share >= NEAR_DUPLICATE_CONTAINMENT and (share > best_share or (
                share == best_share and best is not None and original.pk < best.pk)):
            best, best_share = original, share
    return best, (round(best_share, 3) if best else None)


# Background extraction.

def enqueue_extraction(document_id: int) -> bool:
    """Queue the document's extraction; False when the task queue (Redis) cannot be reached.

    The document stays *queued* in the database either way: the workers' duty
    (kenes.documents.workers.requeue_orphans) enqueues it again once the queue answers.
    """
    from redis.exceptions import RedisError

    from kenes.documents.tasks import extract_document
    from kenes.operations.logs import current_request_id

    try:
        # The request that queued it travels with the task, so the worker's log lines carry its id.
        extract_document.enqueue(document_id, request_id=current_request_id() or "")
    except RedisError as exc:
        logger.warning("document %s stays queued in the database: the task queue cannot be reached (%s)",
                       document_id, exc)
        return False
    return True


def claim(document_id: int, worker: str, *, again: bool = False) -> Document | None:
    """Take a queued document for one worker (a conditional UPDATE: two workers never both win).

    ``again``: an extracted document, for re-extraction by the current engine (kenes reextract).
    """
    states = ([Document.State.AWAITING_REVIEW, Document.State.REVIEWED, Document.State.FAILED] if again
              else [Document.State.QUEUED])
    taken = Document.objects.filter(pk=document_id, state__in=states).update(
        state=Document.State.EXTRACTING, claimed_by=worker[:100], claimed_at=timezone.now(),
        attempts=1 if again else F("attempts") + 1,
    )
    return Document.objects.get(pk=document_id) if taken else None


def run_extraction(document: Document, worker: str) -> None:
    """Extract outside any transaction, then write the mentions, then their candidates, each in one short
    transaction while this worker still holds the document: a worker killed midway leaves it extracting."""
    from kenes.documents import resolution
    from kenes.extraction.pipeline import extract

    result = extract(document.text, lang=document.language if document.language != "und" else None,
                     published=document.published or None, source=document.original_name or None)
    with transaction.atomic():
        if (current := _still_claimed(document, worker)) is None:
            return
        created = write_mentions(current, result)
    # Resolution reads the directory and the inventory between two short writes, not inside one: on SQLite
    # a write transaction holds the one write lock every other worker and every upload waits for. A worker
    # stopped in between leaves the document extracting; it is released and extracted again (its pending
    # mentions are replaced then).
    candidates = resolution.candidates_for(created)
    with transaction.atomic():
        if (current := _still_claimed(document, worker)) is None:
            return
        Candidate.objects.bulk_create(candidates)
        current.state = Document.State.AWAITING_REVIEW
        current.engine_version = ENGINE_VERSION
        current.extracted_at = timezone.now()
        current.claimed_by, current.claimed_at, current.failure_reason = "", None, ""
        if not current.published and result.published:
            current.published = result.published
        # Extraction changes the state and dates, not the title, text or visibility the index shows.
        core.save(current, None, _("Extracted"), index=False)


def _still_claimed(document: Document, worker: str) -> Document | None:
    """The document, locked, while this worker still holds it; None once it was released and taken again
    by another worker meanwhile (whose result wins)."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    if current.state != Document.State.EXTRACTING or current.claimed_by != worker[:100]:
        return None
    return current


def fail(document_id: int, reason: str, worker: str | None = None, *, final: bool = False) -> bool:
    """Give a claimed document back to the queue, or mark it failed after MAX_ATTEMPTS (at once when
    ``final``: another attempt would fail the same way).

    Only while it is still being extracted (by ``worker`` when given): a worker that finished
    meanwhile keeps its result. Returns whether the document was given back or failed.
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return False
    claimed = Document.objects.filter(pk=document_id, state=Document.State.EXTRACTING,
                                      claimed_by=document.claimed_by if worker is None else worker[:100])
    reason = (reason.strip().splitlines() or [""])[0]
    if final or document.attempts >= MAX_ATTEMPTS:
        return bool(claimed.update(
            state=Document.State.FAILED, claimed_by="", claimed_at=None,
            failure_reason=_("%(reason)s (after %(attempts)s attempts)") % {"reason": reason,
                                                                           "attempts": document.attempts}))
    if not claimed.update(state=Document.State.QUEUED, claimed_by="", claimed_at=None, failure_reason=reason):
        return False
    transaction.on_commit(lambda: enqueue_extraction(document_id))
    return True


def release_stale_claims(older_than_seconds: int = 300) -> int:
    """Documents whose worker died mid-extraction go back to the queue (or fail after the last attempt)."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    stale = list(Document.objects.filter(state=Document.State.EXTRACTING, claimed_at__lt=cutoff)
                 .values_list("pk", "claimed_by"))
    return sum(fail(pk, _("The worker stopped while extracting."), worker) for pk, worker in stale)


def queued_without_task() -> list[int]:
    """Queued documents, oldest first: a worker started after an outage re-enqueues them."""
    return list(Document.objects.filter(state=Document.State.QUEUED).order_by("pk").values_list("pk", flat=True))


# Mentions.

KINDS = ("people", "organizations", "meetings", "measures", "targets", "figures", "projects", "events", "agreements")
KIND_OF = {"people": "person", "organizations": "organization", "meetings": "meeting", "measures": "measure",
           "targets": "target", "figures": "figure", "projects": "project", "events": "event",
           "agreements": "agreement"}


def mention_label(kind: str, values: dict) -> str:
    """The engine's own label of a record (``kenes extract --explain`` shows the same)."""
    from kenes.extraction.explain import label

    return label(kind, values)


def fingerprint(kind: str, label: str) -> str:
    return hashlib.sha1(f"{kind}:{fold(label)}".encode()).hexdigest()


def store_mentions(document: Document, result) -> list[Mention]:
    """Replace the document's undecided mentions with the engine's findings, each with its candidates;
    decisions are kept.

    A finding whose fingerprint matches a decided mention is that mention again
    (its spans refreshed), so re-extraction proposes only what is new or changed.
    """
    from kenes.documents import resolution

    created = write_mentions(document, result)
    resolution.propose_many(created, new=True)
    return created


def _quote(plural: str, text: str, spans: list[list[int]]) -> str:
    """The words a mention is read from. A measure taken to one of several fields has its action's words and
    the field's ("cooperation in" … "energy"): both, in order; other records quote their first mention (a
    person's later mentions repeat the name)."""
    parts = spans if plural == "measures" else spans[:1]
    return " … ".join(text[a:b].strip() for a, b in sorted(parts))[:2000]


def write_mentions(document: Document, result) -> list[Mention]:
    """``store_mentions`` without the candidates: the pending mentions written, which it returns (saved)."""
    decided = {m.fingerprint: m for m in document.mentions.exclude(decision=Mention.Decision.PENDING)}
    document.mentions.filter(decision=Mention.Decision.PENDING).delete()
    created = []
    text = document.text
    for plural in KINDS:
        kind = KIND_OF[plural]
        for record in getattr(result, plural, []) or []:
            values = record.model_dump(exclude={"spans"}, mode="json")
            spans = [[int(a), int(b)] for a, b in record.spans if 0 <= a < b <= len(text)]
            if not spans:
                continue
            label = mention_label(kind, values)
            print_ = fingerprint(kind, label)
            if print_ in decided:
                old = decided[print_]
                if old.spans != spans:
                    Mention.objects.filter(pk=old.pk).update(spans=spans, quote=_quote(plural, text, spans))
                continue
            created.append(Mention(
                document=document, kind=kind, label=label, values=values, spans=spans,
                quote=_quote(plural, text, spans), fingerprint=print_,
                rule=(values.get("rule") or "")[:100], confidence=values.get("confidence"),
            ))
    Mention.objects.bulk_create(created)
    # The pending mentions are now exactly those just created (none has candidates yet); a database that
    # does not give back the new ids has them read again.
    if all(m.pk for m in created):
        return created
    return list(document.mentions.filter(decision=Mention.Decision.PENDING))


def evidence_for(record, user):
    """The mentions that support ``record`` in documents ``user`` may read, newest document first."""
    from django.contrib.contenttypes.models import ContentType

    # A merge keeps the mentions where they were: the records merged into this one count as its evidence.
    ids, frontier = [record.pk], [record.pk]
    if hasattr(record, "merged_into_id"):
        for _hop in range(10):
            frontier = list(type(record)._base_manager.filter(merged_into_id__in=frontier).order_by()
                            .values_list("pk", flat=True))
            if not frontier:
                break
            ids += frontier
    return (Mention.objects.filter(content_type=ContentType.objects.get_for_model(type(record)), object_id__in=ids,
                                   decision__in=[Mention.Decision.ACCEPTED, Mention.Decision.LINKED])
            # The document's visibility through the join: "document IN (every visible document)" made
            # SQLite list all 10,000 documents of the benchmark for a page of 50 quotes (3 ms).
            .filter(document__deleted_at__isnull=True, document__visibility__in=visible_levels(user))
            .select_related("document").order_by("-document__published", "-document__created_at"))


__all__ = ["Candidate", "IngestOutcome", "claim", "evidence_for", "fail", "ingest", "release_stale_claims",
           "run_extraction", "store_mentions"]
