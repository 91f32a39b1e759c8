"""The review page: the text with its evidence highlighted, the proposals beside it, decisions posted as forms.

Thin: every decision goes through ``kenes.documents.review``. Works without
JavaScript (each button posts its form and the page comes back at the next
proposal); ``review.js`` adds the Prodigy keys and htmx the search inside a proposal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kenes.core.models import visible_levels
from kenes.core.views import require_secretariat
from kenes.documents import review
from kenes.documents.appliers import APPLIERS
from kenes.documents.highlighting import highlight_text, span_id
from kenes.documents.models import Document, Mention
from kenes.documents.resolution import CONFIDENT
from kenes.extraction.translit import fold

FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "acronym": gettext_lazy("Acronym"),
    "aliases": gettext_lazy("Other spellings (one a line)"),
    "roles": gettext_lazy("Roles (title — organisation, one a line)"),
    "title": gettext_lazy("Title"),
    "date": gettext_lazy("Date"),
    "indicator": gettext_lazy("Indicator"),
    "value": gettext_lazy("Value"),
    "unit": gettext_lazy("Unit"),
    "period": gettext_lazy("Period"),
    "deadline": gettext_lazy("Deadline"),
}
MULTILINE = {"aliases", "roles"}
RECENT = 10
SEARCH_LIMIT = 10


@dataclass
class Choice:
    record: object
    score: float | None
    reason: str = ""
    selected: bool = False


@dataclass
class Field:
    key: str
    label: str
    value: str
    multiline: bool


@dataclass
class Proposal:
    mention: Mention
    choices: list[Choice] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    can_accept: bool = False
    anchors: list[str] = field(default_factory=list)
    preselected: bool = False  # ticked for "Accept selected": the engine is confident (review.PRESELECT_AT)

    @property
    def first_anchor(self) -> str:
        return self.anchors[0] if self.anchors else ""

    @property
    def new_selected(self) -> bool:
        return not any(choice.selected for choice in self.choices)


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(str(item) for item in value)
    return str(value)


def _from_text(default, text: str):
    """The form's text back into the shape the applier gave (lists one a line, numbers as numbers)."""
    text = (text or "").strip()
    if isinstance(default, (list, tuple)):
        return [line.strip() for line in text.splitlines() if line.strip()]
    if isinstance(default, bool):
        return text.lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int) and text:
        try:
            return int(text)
        except ValueError:
            raise ValidationError(_("%(text)s is not a whole number.") % {"text": text}) from None
    if default is None and not text:
        return None
    return text


def _choices(mention: Mention) -> list[Choice]:
    applier = APPLIERS.get(mention.kind)
    if applier is None:
        return []
    choices, selected = [], False
    for candidate in mention.candidates.all():
        record = applier.model._base_manager.filter(pk=candidate.object_id).first()
        if record is None or not getattr(record, "is_live", True):
            continue
        pick = not selected and candidate.score >= CONFIDENT
        selected = selected or pick
        choices.append(Choice(record, candidate.score, candidate.reason, pick))
    return choices


def _proposal(mention: Mention) -> Proposal:
    applier = APPLIERS.get(mention.kind)
    fields = []
    if applier is not None:
        for key, value in applier.fields(mention).items():
            text = _as_text(value)
            fields.append(Field(key, str(FIELD_LABELS.get(key, key.replace("_", " ").capitalize())), text,
                                key in MULTILINE or "\n" in text or isinstance(value, (list, tuple))))
    return Proposal(mention, _choices(mention), fields, applier is not None,
                    [span_id(a, b) for a, b in mention.spans or []],
                    preselected=applier is not None and review.preselected(mention))


def _document(request, pk) -> Document:
    require_secretariat(request)
    return get_object_or_404(Document.objects.live(), pk=pk)


def _mention(document: Document, mention_pk) -> Mention:
    return get_object_or_404(Mention, pk=mention_pk, document=document)


def _review_url(document: Document, anchor: str = "") -> str:
    url = reverse("documents:review", args=[document.pk])
    return f"{url}#{anchor}" if anchor else url


def _next_pending_url(document: Document, after: Mention | None = None) -> str:
    pending = list(document.mentions.filter(decision=Mention.Decision.PENDING))
    pending.sort(key=review.review_order)
    if after is not None:
        key = review.review_order(after)
        later = [m for m in pending if review.review_order(m) > key]
        pending = later or pending
    return _review_url(document, f"mention-{pending[0].pk}" if pending else "progress")


def _say(request, outcome: review.Outcome, text: str) -> None:
    messages.success(request, text)
    for note in outcome.notes:
        messages.warning(request, note)


@require_GET
def review_page(request, pk):
    document = _document(request, pk)
    mentions = list(document.mentions.prefetch_related("candidates").select_related("decided_by"))
    mentions.sort(key=review.review_order)
    groups: dict[str, list[Proposal]] = {}
    for mention in mentions:
        if mention.decision == Mention.Decision.PENDING:
            groups.setdefault(mention.kind, []).append(_proposal(mention))
    labels = dict(Mention.Kind.choices)
    decided, total = review.progress(document)
    recent = sorted((m for m in mentions if m.decision != Mention.Decision.PENDING),
                    key=lambda m: (m.decided_at is not None, m.decided_at, m.pk), reverse=True)[:RECENT]
    search_for, query, results = request.GET.get("search", ""), request.GET.get("q", "").strip()[:200], []
    if search_for.isdigit() and query:
        searched = next((m for m in mentions if m.pk == int(search_for)), None)
        results = _search(request.user, searched, query) if searched else []
    kinds = list(dict.fromkeys(m.kind for m in mentions))
    return render(request, "documents/review.html", {
        "document": document,
        "text_html": highlight_text(document.text, mentions),
        "groups": [(kind, labels.get(kind, kind), proposals) for kind, proposals in groups.items()],
        "legend": [(kind, labels.get(kind, kind)) for kind in kinds],
        "decided": decided, "total": total, "recent": recent,
        "search_for": int(search_for) if search_for.isdigit() else None, "query": query, "results": results,
        "accepting": sorted(APPLIERS),
    })


def _search(user, mention: Mention, query: str) -> list:
    """Records of the mention's kind matching every word of ``query`` (folded across scripts), visible to ``user``."""
    applier = APPLIERS.get(mention.kind) if mention else None
    words = fold(query).split()[:8]
    if applier is None or not words:
        return []
    model = applier.model
    records = model.objects.visible_to(user) if hasattr(model.objects, "visible_to") else model.objects.all()
    if any(f.name == "search_key" for f in model._meta.fields):
        for word in words:
            records = records.filter(search_key__contains=word)
        return list(records[:SEARCH_LIMIT])
    from django.contrib.contenttypes.models import ContentType

    from kenes.search.models import SearchEntry

    entries = SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                         visibility__in=visible_levels(user))
    for word in words:
        entries = entries.filter(folded__contains=word)
    ids = list(entries.values_list("object_id", flat=True)[:SEARCH_LIMIT])
    return list(records.filter(pk__in=ids))


@require_GET
def search(request, pk, mention_pk):
    """Other records the proposal may be: the radio buttons of the proposal's form (htmx), or the page again."""
    document = _document(request, pk)
    mention = _mention(document, mention_pk)
    query = request.GET.get("q", "").strip()[:200]
    if not request.htmx:
        url = reverse("documents:review", args=[document.pk])
        from urllib.parse import urlencode

        return HttpResponseRedirect(f"{url}?{urlencode({'search': mention.pk, 'q': query})}#mention-{mention.pk}")
    return render(request, "documents/_review_search_results.html", {
        "mention": mention, "query": query, "results": _search(request.user, mention, query) if query else [],
    })


def _edited_values(request, mention: Mention) -> dict | None:
    start = review.starting_values(mention)
    changed = {}
    for key, default in start.items():
        name = f"field-{mention.pk}-{key}"
        if name not in request.POST:
            continue
        value = _from_text(default, request.POST[name])
        if _as_text(value).strip() != _as_text(default).strip():
            changed[key] = value
    return changed or None


def _chosen_record(request, mention: Mention):
    choice = request.POST.get(f"record-{mention.pk}", "")
    if not choice or choice == "new":
        return None
    applier = review.applier_for(mention)
    if not choice.isdigit():
        raise ValidationError(_("Choose a record from the list."))
    record = applier.model.objects.visible_to(request.user).filter(pk=int(choice)).first()
    if record is None:
        raise ValidationError(_("That record is not there any more; choose another one."))
    return record


@require_POST
def decide(request, pk, mention_pk):
    document = _document(request, pk)
    mention = _mention(document, mention_pk)
    action = request.POST.get("action", "")
    try:
        if action == "reject":
            outcome = review.reject(request.user, mention, request.POST.get("reason", ""))
            _say(request, outcome, _("Rejected: %(label)s") % {"label": mention.label})
        elif action in {"accept", "link"}:
            values = _edited_values(request, mention)
            record = _chosen_record(request, mention) if action == "link" else None
            if action == "link" and record is None:
                raise ValidationError(_("Choose the record to link to, or accept the proposal as new."))
            if record is not None:
                outcome = review.link(request.user, mention, record, values)
                _say(request, outcome, _("Linked to %(record)s") % {"record": outcome.record})
            else:
                outcome = review.accept(request.user, mention, values)
                _say(request, outcome, _("Created %(record)s") % {"record": outcome.record})
        else:
            raise ValidationError(_("Choose accept, link or reject."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return HttpResponseRedirect(_review_url(document, f"mention-{mention.pk}"))
    return HttpResponseRedirect(_next_pending_url(document, mention))


@require_POST
def undo(request, pk, mention_pk):
    document = _document(request, pk)
    mention = _mention(document, mention_pk)
    outcome = review.undo(request.user, mention)
    _say(request, outcome, _("Back to review: %(label)s") % {"label": mention.label})
    return HttpResponseRedirect(_review_url(document, f"mention-{mention.pk}"))


@require_POST
def undo_last(request, pk):
    document = _document(request, pk)
    mention = review.last_decision(document, request.user)
    if mention is None:
        messages.info(request, _("You have made no decision here to undo."))
        return HttpResponseRedirect(_review_url(document))
    return undo(request, pk, mention.pk)


@require_POST
def bulk(request, pk):
    document = _document(request, pk)
    action = request.POST.get("action", "")
    ids = [int(v) for v in request.POST.getlist("mentions") if v.isdigit()][:1000]
    chosen = list(document.mentions.filter(pk__in=ids))
    if not chosen:
        messages.error(request, _("Tick the proposals to decide first."))
        return HttpResponseRedirect(_review_url(document))
    try:
        outcomes = review.bulk(request.user, chosen, action)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return HttpResponseRedirect(_review_url(document))
    messages.success(request, _("%(count)s proposals decided.") % {"count": len(outcomes)})
    for outcome in outcomes:
        for note in outcome.notes:
            messages.warning(request, note)
    return HttpResponseRedirect(_next_pending_url(document))


@require_GET
def document_text(request, pk):
    """The text with the evidence of accepted records highlighted, for everyone who may read the document."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    evidence = document.mentions.filter(decision__in=[Mention.Decision.ACCEPTED, Mention.Decision.LINKED])
    if not document.text:
        raise Http404
    kinds = list(dict.fromkeys(evidence.values_list("kind", flat=True)))
    labels = dict(Mention.Kind.choices)
    return render(request, "documents/document_text.html", {
        "document": document, "text_html": highlight_text(document.text, evidence),
        "legend": [(kind, labels.get(kind, kind)) for kind in kinds],
        "can_review": request.user.is_authenticated and request.user.is_secretariat,
    })
