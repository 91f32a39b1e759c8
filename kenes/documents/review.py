"""Review: the one write path for decisions on mentions (accept as new, link, reject, undo, in bulk).

Views, the API and the CLI call these. Each decision is one transaction: the
document is locked first (so two reviewers finishing the last two proposals at
once still leave it ``reviewed`` exactly once), then the mention; the record is
created or completed through its app's services (``appliers``), and the
mention's history says who decided what, and when.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.documents.appliers import APPLIERS
from kenes.documents.models import Document, Mention
from kenes.documents.resolution import CONFIDENT

# Organisations first: a person's role then finds the organisation accepted a moment before.
KIND_ORDER = ["organization", "person", "meeting", "measure", "target", "figure", "project", "event", "agreement"]
ACTIONS = ("accept", "reject", "undo")
# Proposals the engine is at least this sure of are ticked in advance on the review page, so that
# "Accept selected" takes them in one go; the reviewer still sees each and can untick it. The engine's
# confidence estimates the share of a rule's records that are right (lexicons/confidence.tsv). Of the
# records at 0.85 and up, benchmarks/confidence.py finds 0.96 kept over the dev corpus, and they are six
# in ten of all; from 0.6 to 0.85 about nine in ten, and below 0.6 barely half. Lower, and a bulk
# accept would create wrong records a reviewer must then find and delete; higher, and it would tick
# too few to save time.
PRESELECT_AT = 0.85


@dataclass
class Outcome:
    """What one decision did: the mention, the record it became (if any), and notes for the reviewer."""

    mention: Mention
    record: object | None = None
    notes: list[str] = field(default_factory=list)


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def review_order(mention: Mention) -> tuple:
    """Where a proposal stands in review: by kind (organisations before the people whose roles name them),
    then the ones the engine is surest of, then in the order found. The page, the next proposal after a
    decision and bulk decisions all follow it."""
    confidence = mention.confidence if mention.confidence is not None else -1.0
    return (kind_rank(mention.kind), -confidence, mention.pk)


def preselected(mention: Mention) -> bool:
    """Ticked in advance on the review page: the engine is confident enough (``PRESELECT_AT``)."""
    return mention.confidence is not None and mention.confidence >= PRESELECT_AT


def applier_for(mention: Mention):
    applier = APPLIERS.get(mention.kind)
    if applier is None:
        raise ValidationError(_("Proposals of this kind (%(kind)s) cannot be accepted yet; reject or skip them.")
                              % {"kind": mention.get_kind_display()})
    return applier


def proposed_record(mention: Mention):
    """The confident candidate, pre-selected in review (never linked without a person's decision)."""
    applier = APPLIERS.get(mention.kind)
    if applier is None:
        return None
    for candidate in mention.candidates.all():
        if candidate.score >= CONFIDENT:
            record = applier.model._base_manager.filter(pk=candidate.object_id).first()
            if record is not None and getattr(record, "is_live", True):
                return record
    return None


def starting_values(mention: Mention) -> dict:
    applier = APPLIERS.get(mention.kind)
    return dict(applier.fields(mention)) if applier else {}


def _values(mention: Mention, applier, values: dict | None) -> dict:
    start = dict(applier.fields(mention))
    if not values:
        return start
    unknown = set(values) - set(start)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    return {**start, **values}


def _locked(mention: Mention) -> tuple[Document, Mention]:
    document = Document.objects.select_for_update().get(pk=mention.document_id)
    current = Mention.objects.select_for_update().get(pk=mention.pk)
    return document, current


def _require_pending(mention: Mention) -> None:
    if mention.decision != Mention.Decision.PENDING:
        raise ValidationError(_("This proposal was already decided (%(decision)s); undo that decision first.")
                              % {"decision": mention.get_decision_display()})


def _record_decision(actor, mention: Mention, decision: str, record, reason: str) -> None:
    mention.decision = decision
    mention.decided_by = actor
    mention.decided_at = timezone.now()
    if record is not None:
        mention.content_type = ContentType.objects.get_for_model(type(record))
        mention.object_id = record.pk
    else:
        mention.content_type, mention.object_id = None, None
    # simple_history reads these: the mention's history says who decided and why.
    mention._history_user = actor
    mention._change_reason = reason
    mention.save()


def _update_document_state(actor, document: Document) -> None:
    pending = document.mentions.filter(decision=Mention.Decision.PENDING).exists()
    if not pending and document.state == Document.State.AWAITING_REVIEW:
        document.state = Document.State.REVIEWED
        core.save(document, actor, _("Every proposal decided"))
    elif pending and document.state == Document.State.REVIEWED:
        document.state = Document.State.AWAITING_REVIEW
        core.save(document, actor, _("A decision was undone"))


def _notes(record) -> list[str]:
    return list(getattr(record, "_review_notes", []) or [])


@transaction.atomic
def accept(actor, mention: Mention, values: dict | None = None) -> Outcome:
    """Accept the proposal as a new record, made through its app's services from ``values``."""
    core.require_secretariat(actor)
    document, mention = _locked(mention)
    _require_pending(mention)
    applier = applier_for(mention)
    record = applier.create(actor, mention, _values(mention, applier, values))
    _record_decision(actor, mention, Mention.Decision.ACCEPTED, record, _("Accepted as new: %(record)s")
                     % {"record": record})
    _update_document_state(actor, document)
    return Outcome(mention, record, _notes(record))


@transaction.atomic
def link(actor, mention: Mention, record, values: dict | None = None) -> Outcome:
    """The proposal is ``record``, already known: link it, and complete the record where it lacks something."""
    core.require_secretariat(actor)
    document, mention = _locked(mention)
    _require_pending(mention)
    applier = applier_for(mention)
    if not isinstance(record, applier.model):
        raise ValidationError(_("A %(kind)s can only be linked to a record of that kind.")
                              % {"kind": mention.get_kind_display()})
    record = core.lock(record)
    if not getattr(record, "is_live", True):
        raise ValidationError(_("That record was deleted or merged into another; choose another one."))
    record = applier.link(actor, mention, record, _values(mention, applier, values)) or record
    _record_decision(actor, mention, Mention.Decision.LINKED, record, _("Linked to %(record)s") % {"record": record})
    _update_document_state(actor, document)
    return Outcome(mention, record, _notes(record))


@transaction.atomic
def reject(actor, mention: Mention, reason: str = "") -> Outcome:
    core.require_secretariat(actor)
    document, mention = _locked(mention)
    _require_pending(mention)
    reason = (reason or "").strip()[:200]
    _record_decision(actor, mention, Mention.Decision.REJECTED, None,
                     _("Rejected: %(reason)s") % {"reason": reason} if reason else _("Rejected"))
    _update_document_state(actor, document)
    return Outcome(mention)


@transaction.atomic
def undo(actor, mention: Mention) -> Outcome:
    """Back to pending. A record created by accepting stays (other things may point at it by now)."""
    core.require_secretariat(actor)
    document, mention = _locked(mention)
    if mention.decision == Mention.Decision.PENDING:
        return Outcome(mention)
    record = mention.record
    previous = mention.get_decision_display()
    mention.decision = Mention.Decision.PENDING
    mention.decided_by, mention.decided_at = None, None
    mention.content_type, mention.object_id = None, None
    mention._history_user = actor
    mention._change_reason = _("Undone: %(decision)s") % {"decision": previous}
    mention.save()
    _update_document_state(actor, document)
    notes = [_("%(record)s stays in the platform; delete it from its page if it should go.") % {"record": record}
             ] if record is not None else []
    return Outcome(mention, record, notes)


def last_decision(document: Document, actor) -> Mention | None:
    """The decision ``actor`` made last in this document (what backspace undoes)."""
    return (document.mentions.exclude(decision=Mention.Decision.PENDING).filter(decided_by=actor)
            .order_by("-decided_at", "-pk").first())


@transaction.atomic
def bulk(actor, mentions: Iterable[Mention], action: str) -> list[Outcome]:
    """One action on many proposals, all or nothing. Accept links to the confident candidate where there is one.

    Already decided proposals are left as they are (another reviewer was quicker).
    """
    core.require_secretariat(actor)
    if action not in ACTIONS:
        raise ValidationError(_("Choose accept, reject or undo."))
    mentions = sorted(mentions, key=review_order)
    if action == "accept":
        cannot = [m for m in mentions if m.kind not in APPLIERS]
        if cannot:
            raise ValidationError(_("These cannot be accepted yet; reject or skip them: %(labels)s")
                                  % {"labels": "; ".join(m.label for m in cannot[:5])})
    outcomes = []
    for mention in mentions:
        current = Mention.objects.get(pk=mention.pk)
        if action == "undo":
            outcomes.append(undo(actor, current))
        elif current.decision != Mention.Decision.PENDING:
            continue
        elif action == "reject":
            outcomes.append(reject(actor, current))
        elif (record := proposed_record(current)) is not None:
            outcomes.append(link(actor, current, record))
        else:
            outcomes.append(accept(actor, current))
    return outcomes


def progress(document: Document) -> tuple[int, int]:
    """(decided, all) proposals of the document."""
    total = document.mentions.count()
    pending = document.mentions.filter(decision=Mention.Decision.PENDING).count()
    return total - pending, total
