"""The expert pool: who is in it (the write path) and who knows about a subject (the ranking).

Writing: ``create_expert`` / ``update_expert`` put a person in the pool through
``kenes.core.services`` (secretariat only, version-checked, history). A person's
expertise topics and biography belong to the person (``Person.expertise``,
``Person.biography``), so the directory, the platform search and the pool read one list;
the expert form sets the topics through the directory's own write path.

Ranking: ``rank_experts(user, "water")`` orders people by what they declared *and* what
they did: declared expertise, their biography, statements at meetings, agenda items
they presented, measures they proposed and sentences of documents that name them. Each
person comes with the evidence that put them there, as snippets with the matched words
marked and a link to the meeting, measure or document.

Matching is the platform search's (``kenes.search.text``): the query folded across
scripts, Russian endings cut, each term the beginning of a word, so "water" finds
"Water diplomacy" and "вода" finds «водной». The search index decides which records are
worth reading (one indexed query per kind: a meeting's entry holds its agenda and its
statements, see ``kenes/council/search.py``); only those are folded here, word by word,
which also gives the snippet. Folding 50,000 statements on every search would take seconds.

Only what the reader may see counts: a statement is as visible as its meeting, measures
and documents by their own visibility, and the pool by both the profile's and the
person's. A hidden record neither lifts a person nor appears as evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kenes.core import services as core
from kenes.core.models import Topic
from kenes.core.translation import CONTENT_LANGUAGES, reader_language
from kenes.council.models import LANGUAGE_CODES, AgendaItem, ExpertProfile, Meeting, Speaker
from kenes.directory import services as directory
from kenes.directory.models import Party, Person
from kenes.documents.highlighting import span_id
from kenes.documents.models import Document, Mention
from kenes.extraction.segment import sentences
from kenes.inventory.models import Measure
from kenes.search import backends, registry
from kenes.search.highlight import excerpt, highlight
from kenes.search.models import SearchEntry
from kenes.search.text import folded_words, query_terms

EXPERT_FIELDS = core.editable_fields(ExpertProfile)
# Longer than any subject a person types; the platform search reads only the first eight words anyway.
MAX_QUERY = 1000


# --- the write path -----------------------------------------------------------------------------

def create_expert(actor, *, expertise: Iterable[Topic] | None = None, reason: str = "", **data) -> ExpertProfile:
    """Put a person in the pool; ``expertise``: the topics they can advise on (set on the person)."""
    with transaction.atomic():
        profile = core.create(actor, ExpertProfile, data, allowed=EXPERT_FIELDS, prepare=_check_person,
                              reason=reason or _("Added to the expert pool"))
        _set_expertise(actor, profile.person, expertise, reason)
    return profile


def update_expert(actor, profile: ExpertProfile, *, version: int | None = None,
                  expertise: Iterable[Topic] | None = None, reason: str = "", **data) -> ExpertProfile:
    person = data.get("person")
    if person is not None and person.pk != profile.person_id:
        raise ValidationError({"person": _("A profile stays with its person; add a new profile for someone else.")})
    with transaction.atomic():
        profile = core.update(actor, profile, data, allowed=EXPERT_FIELDS, version=version, reason=reason,
                              prepare=_check_person)
        _set_expertise(actor, profile.person, expertise, reason)
    return profile


def _check_person(profile: ExpertProfile) -> None:
    if profile.person_id and not profile.person.is_live:
        raise ValidationError({"person": _("This person was deleted or merged; choose the person again.")})


def _set_expertise(actor, person: Person, topics: Iterable[Topic] | None, reason: str) -> None:
    """The person's declared fields, through the directory's write path (one list for pool, directory, search).

    No version check of its own: the profile's, just passed, covers the form, and the list of
    topics is replaced as a whole, never merged half-way.
    """
    if topics is None:
        return
    topics = list(topics)
    if {topic.pk for topic in topics} == set(person.expertise.values_list("pk", flat=True)):
        return
    directory.update_person(actor, person, expertise=topics, reason=reason or _("Expertise set in the expert pool"))


# --- filters ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PoolFilters:
    """What narrows the pool. ``everyone``: the whole directory, not only the pool (secretariat)."""

    party: str = ""
    language: str = ""
    topic: str = ""
    everyone: bool = False


def pool_filters(*, party: str | None = "", language: str | None = "", topic: str | None = "",
                 everyone: bool = False) -> PoolFilters:
    """Filters from what a reader sent; an unknown party, language or topic is a ValidationError naming it."""
    party = (party or "").strip().upper()
    language = (language or "").strip().lower()
    topic = (topic or "").strip().lower()
    errors = {}
    if party and (len(party) != 2 or not Party.objects.filter(code=party).exists()):
        errors["party"] = _("No party has the code %(code)s.") % {"code": party[:20]}
    if language and language not in LANGUAGE_CODES:
        errors["language"] = _("Unknown language code: %(codes)s. Use two-letter codes such as en, ru, kk, uz.") % {
            "codes": language[:20]}
    if topic and not Topic.objects.filter(code=topic[:40]).exists():
        errors["topic"] = _("No topic has the code %(code)s.") % {"code": topic[:40]}
    if errors:
        raise ValidationError(errors)
    return PoolFilters(party=party, language=language, topic=topic, everyone=bool(everyone))


def _speaking(code: str) -> Q:
    # Languages are stored normalised ("en,ru,kk"): the code whole, at either end or between commas.
    return (Q(languages=code) | Q(languages__startswith=f"{code},") | Q(languages__endswith=f",{code}")
            | Q(languages__contains=f",{code},"))


def pool(user, filters: PoolFilters = PoolFilters()) -> QuerySet:
    """The people ranked: active pool members the user may see, or (secretariat) everyone in the directory.

    The pool by default because it is the list of people who agreed to advise the council, and
    what members search it for is whom to ask. Searching the whole directory is how the
    secretariat finds people to invite into the pool (officials and speakers who are not in it
    yet), so only the secretariat may ask for it.
    """
    people = Person.objects.visible_to(user)
    profiles = ExpertProfile.objects.visible_to(user)
    if filters.everyone:
        if not getattr(user, "is_secretariat", False):
            raise PermissionDenied(_("Only the secretariat can search everyone in the directory."))
    else:
        people = people.filter(expert_profile__in=profiles.filter(active=True))
    if filters.party:
        people = people.filter(party__code=filters.party)
    if filters.language:
        people = people.filter(expert_profile__in=profiles.filter(_speaking(filters.language)))
    if filters.topic:
        people = people.filter(expertise__code=filters.topic)
    return people


def profiles_of(user, people: Iterable[Person]) -> dict[int, ExpertProfile]:
    """The profiles (visible to ``user``) of these people, by person id, with their affiliation."""
    ids = [person.pk for person in people]
    profiles = ExpertProfile.objects.visible_to(user).filter(person_id__in=ids).select_related("affiliation")
    return {profile.person_id: profile for profile in profiles}


# --- evidence and ranking -----------------------------------------------------------------------

# How much one piece of evidence of each kind weighs when it holds every word of the query
# (a piece holding half of them counts half). Declared expertise weighs most: it is the claim the
# pool exists for, checked by the secretariat. Presenting an agenda item or proposing a measure is
# prepared work on the subject; a biography says what a career was about; a statement may be a
# passing remark; a sentence of a document naming the person is the weakest sign. The second piece
# of the same kind counts half, the third a third (``1/n``), so fifty remarks do not bury one
# declared expert, while a regular contributor still climbs.
WEIGHTS = {
    "expertise": 4.0,
    "presented": 3.0,
    "measure": 3.0,
    "biography": 2.5,
    "speech": 2.0,
    "document": 1.0,
}
KIND_LABELS = {
    "expertise": gettext_lazy("Declared expertise"),
    "presented": gettext_lazy("Presented an agenda item"),
    "measure": gettext_lazy("Proposed a measure"),
    "biography": gettext_lazy("Biography"),
    "speech": gettext_lazy("Statement at a meeting"),
    "document": gettext_lazy("Named in a document"),
}
# A statement that does not use the words but was made on an agenda item that does: on the subject, less surely.
ON_ITEM_ONLY = 0.5
# Documents read for quotes, newest first: a person named in more is well evidenced by these.
MAX_DOCUMENTS = 200
MAX_SPANS = 20
# Characters read around a name to find its sentence (the segmenter caps sentences at 1,500).
SENTENCE_WINDOW = 1500


@dataclass
class Evidence:
    """One reason a person ranks: what it is, the words (marked), where it is, and what it added."""

    kind: str
    text: str
    snippet: SafeString
    url: str
    source: str = ""
    date: str = ""
    share: float = 1.0  # the part of the query's words it holds
    weight: float = 0.0  # what it added to the score

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class RankedExpert:
    person: Person
    profile: ExpertProfile | None
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def latest(self) -> str:
        return max((item.date for item in self.evidence), default="")

    @property
    def why(self) -> list[tuple[str, int]]:
        """(kind label, how many) in the order of what weighed most: the one-line reason."""
        counts: dict[str, int] = {}
        for item in self.evidence:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return [(str(KIND_LABELS[kind]), count) for kind, count in counts.items()]


@dataclass
class _Search:
    """One ranking request: who asks, the folded terms, and the people that may rank (a subquery)."""

    user: object
    terms: list[str]
    people: QuerySet

    def share(self, texts: Iterable[str]) -> tuple[float, str]:
        """The best text's share of the terms (each the start of one of its folded words), and that text."""
        best, best_text = 0.0, ""
        for text in texts:
            if not text:
                continue
            words = folded_words(text)
            found = sum(1 for term in self.terms if any(word.startswith(term) for word in words))
            if found / len(self.terms) > best:
                best, best_text = found / len(self.terms), text
        return best, best_text

    def snippet(self, text: str) -> SafeString:
        return excerpt(text, self.terms)


def _versions(record, name: str) -> list[str]:
    """A translated field's texts, the reader's language first: on a tie, the reader reads their own."""
    first = reader_language()
    return [getattr(record, f"{name}_{code}", "") or "" for code in (first, *(c for c in CONTENT_LANGUAGES if c != first))]


def _indexed(model, terms: list[str]) -> Q:
    """Records of ``model`` whose search entry holds any of the terms: the cheap, indexed first sieve."""
    kind = registry.get(model).code
    condition = Q(pk__in=[])
    for term in terms:
        found = backends.record_ids_sql([term], kind)
        if found is None:  # a database without full-text search: the folded text, scanned
            condition |= Q(pk__in=SearchEntry.objects.filter(kind=kind, folded__contains=term).values("object_id"))
        else:
            condition |= Q(pk__in=RawSQL(*found))
    return condition


def _expertise(search: _Search) -> list[tuple[int, Evidence]]:
    matched = {}
    for topic in Topic.objects.all():
        names = [topic.name, *(getattr(topic, f"name_{code}") for code in CONTENT_LANGUAGES)]
        share, text = search.share(names)
        if share:
            shown = topic.name if text == topic.name else f"{topic.name} ({text})"
            matched[topic.pk] = (share, shown, topic.code)
    rows = Person.expertise.through.objects.filter(person_id__in=search.people, topic_id__in=list(matched))
    found = []
    for person_id, topic_id in rows.values_list("person_id", "topic_id"):
        share, shown, code = matched[topic_id]
        found.append((person_id, Evidence("expertise", shown, highlight(shown, search.terms),
                                          f"{reverse('council:experts')}?topic={code}", share=share)))
    return found


def _biographies(search: _Search) -> list[tuple[int, Evidence]]:
    people = (Person.objects.filter(pk__in=search.people).filter(_indexed(Person, search.terms))
              .only("pk", *(f"biography_{code}" for code in CONTENT_LANGUAGES)))
    found = []
    for person in people:
        share, text = search.share(_versions(person, "biography"))
        if share:
            found.append((person.pk, Evidence("biography", text, search.snippet(text), person.get_absolute_url(),
                                              share=share)))
    return found


def _meetings(search: _Search) -> QuerySet:
    return Meeting.objects.visible_to(search.user).filter(_indexed(Meeting, search.terms))


def _speeches(search: _Search) -> list[tuple[int, Evidence]]:
    speeches = (Speaker.objects.filter(person_id__in=search.people, item__meeting__in=_meetings(search))
                .select_related("item__meeting"))
    found = []
    for speech in speeches:
        item = speech.item
        share, text = search.share(_versions(speech, "summary"))
        on_item, title = search.share(_versions(item, "title"))
        if not share and on_item:
            # Spoke on an item about the subject, though the gist recorded does not say it in so many words.
            share, text = on_item * ON_ITEM_ONLY, f"{title}: {speech.summary}".rstrip(": ")
        if share:
            found.append((speech.person_id, Evidence(
                "speech", text, search.snippet(text), item.get_absolute_url(),
                source=f"{item.meeting} — {item}", date=item.meeting.date, share=share)))
    return found


def _presented(search: _Search) -> list[tuple[int, Evidence]]:
    rows = (AgendaItem.presenters.through.objects
            .filter(person_id__in=search.people, agendaitem__meeting__in=_meetings(search))
            .select_related("agendaitem__meeting"))
    found = []
    for row in rows:
        item = row.agendaitem
        share, text = search.share([*_versions(item, "title"), *_versions(item, "description")])
        if share:
            found.append((row.person_id, Evidence("presented", text, search.snippet(text), item.get_absolute_url(),
                                                  source=str(item.meeting), date=item.meeting.date, share=share)))
    return found


def _measures(search: _Search) -> list[tuple[int, Evidence]]:
    measures = Measure.objects.visible_to(search.user).filter(_indexed(Measure, search.terms))
    rows = list(Measure.proposed_by_people.through.objects.filter(person_id__in=search.people, measure__in=measures)
                .select_related("measure"))
    topics = defaultdict(list)
    for row in Measure.topics.through.objects.filter(measure_id__in={row.measure_id for row in rows}) \
            .select_related("topic"):
        topics[row.measure_id].append(row.topic)
    found = []
    for row in rows:
        measure = row.measure
        share, text = search.share([*_versions(measure, "title"), *_versions(measure, "description")])
        for topic in topics[measure.pk]:
            # Filed under a topic the query names ("water"), though its title says "Syr Darya basin".
            by_topic, _name = search.share([topic.name, *(getattr(topic, f"name_{c}") for c in CONTENT_LANGUAGES)])
            if by_topic > share:
                share, text = by_topic, f"{measure.title} ({topic.name})"
        if share:
            found.append((row.person_id, Evidence("measure", text, search.snippet(text), measure.get_absolute_url(),
                                                  source=str(measure), date=measure.first_proposed_on, share=share)))
    return found


def _documents(search: _Search) -> list[tuple[int, Evidence]]:
    merged = _merged_people()
    documents = Document.objects.visible_to(search.user).filter(_indexed(Document, search.terms))
    mentions = list(Mention.objects.filter(
        kind=Mention.Kind.PERSON, content_type=ContentType.objects.get_for_model(Person),
        decision__in=[Mention.Decision.ACCEPTED, Mention.Decision.LINKED], document__in=documents)
        .filter(Q(object_id__in=search.people) | Q(object_id__in=list(merged)))
        .order_by("-document__published", "-document_id").values_list("object_id", "document_id", "spans")[:2000])
    wanted = list(dict.fromkeys(document_id for _person, document_id, _spans in mentions))[:MAX_DOCUMENTS]
    texts = {document.pk: document for document in Document.objects.filter(pk__in=wanted).only(
        "pk", "title", "original_name", "text", "published", "language")}
    best: dict[tuple[int, int], Evidence] = {}
    for person_id, document_id, spans in mentions:
        document = texts.get(document_id)
        if document is None:
            continue
        person_id = merged.get(person_id, person_id)
        for evidence in _quotes(search, document, spans):
            key = (person_id, document_id)
            if key not in best or evidence.share > best[key].share:
                best[key] = evidence
    return [(person_id, evidence) for (person_id, _document), evidence in best.items()]


def _merged_people() -> dict[int, int]:
    """Merged-away people and the person each was finally merged into: their mentions count for that person."""
    into = dict(Person._base_manager.filter(merged_into__isnull=False).values_list("pk", "merged_into_id"))
    final = {}
    for pk in into:
        target, hops = into[pk], 0
        while target in into and hops < 10:
            target, hops = into[target], hops + 1
        final[pk] = target
    return final


def _quotes(search: _Search, document, spans) -> Iterable[Evidence]:
    """The sentences of ``document`` that name the person and hold the query's words."""
    text = document.text or ""
    reviewer = getattr(search.user, "is_secretariat", False)
    page = reverse("documents:review" if reviewer else "documents:text", args=[document.pk])
    for start, end in (spans or [])[:MAX_SPANS]:
        if not (0 <= start < end <= len(text)):
            continue
        low = max(0, start - SENTENCE_WINDOW)
        window = text[low:end + SENTENCE_WINDOW]
        sentence = next((window[s:e] for s, e in sentences(window, document.language or "en")
                         if s <= start - low < e), text[start:end])
        share, _text = search.share([sentence])
        if share:
            yield Evidence("document", sentence, search.snippet(sentence), f"{page}#{span_id(start, end)}",
                           source=str(document), date=document.published, share=share)


COLLECTORS = (_expertise, _biographies, _speeches, _presented, _measures, _documents)


def _score(evidence: list[Evidence]) -> float:
    """Each kind's pieces, best first, count ``weight × share / n``; the evidence is left in that order."""
    by_kind: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_kind[item.kind].append(item)
    total = 0.0
    for kind, items in by_kind.items():
        items.sort(key=lambda item: item.date, reverse=True)
        items.sort(key=lambda item: item.share, reverse=True)
        for position, item in enumerate(items, start=1):
            item.weight = WEIGHTS[kind] * item.share / position
            total += item.weight
    evidence.sort(key=lambda item: item.date, reverse=True)
    evidence.sort(key=lambda item: item.weight, reverse=True)
    return round(total, 3)


def _order(ranked: list[RankedExpert]) -> None:
    """Best score first; ties: more evidence, then more recent evidence, then by name (stable sorts, last key first)."""
    ranked.sort(key=lambda expert: (folded_words(expert.person.name) or [""], expert.person.pk))
    ranked.sort(key=lambda expert: expert.latest, reverse=True)
    ranked.sort(key=lambda expert: (-expert.score, -len(expert.evidence)))


def rank_experts(user, query: str, *, party: str | None = None, language: str | None = None,
                 topic: str | None = None, everyone: bool = False, person: Person | None = None,
                 limit: int | None = 50) -> list[RankedExpert]:
    """People of the pool ranked by how much their declared expertise and their contributions concern ``query``.

    Only people with evidence are returned, best first, each with every piece of it (the
    strongest first). Without a query (or one without a word): the pool in name order, no
    evidence. ``person``: that person alone (their page's "why"). Bad filters raise ValidationError.
    """
    filters = pool_filters(party=party, language=language, topic=topic, everyone=everyone)
    people = pool(user, filters)
    if person is not None:
        people = people.filter(pk=person.pk)
    terms = query_terms((query or "")[:MAX_QUERY])
    if not terms:
        listed = list(directory.by_display_name(people.select_related("party").prefetch_related("expertise"))
                      [:limit])
        profiles = profiles_of(user, listed)
        return [RankedExpert(person, profiles.get(person.pk)) for person in listed]
    search = _Search(user, terms, people.values("pk"))
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for collect in COLLECTORS:
        for person_id, item in collect(search):
            evidence[person_id].append(item)
    found = list(people.filter(pk__in=list(evidence)).select_related("party").prefetch_related("expertise"))
    profiles = profiles_of(user, found)
    ranked = [RankedExpert(person, profiles.get(person.pk), _score(evidence[person.pk]), evidence[person.pk])
              for person in found]
    _order(ranked)
    return ranked[:limit] if limit is not None else ranked


# --- one expert's page --------------------------------------------------------------------------

MAX_CONTRIBUTIONS = 100
MARKS = re.compile(r"</?mark>")


def contributions(user, person: Person) -> dict:
    """What the person said, presented and proposed, in records the user may see (newest first)."""
    meetings = Meeting.objects.visible_to(user)
    return {
        "speeches": list(Speaker.objects.filter(person=person, item__meeting__in=meetings)
                         .select_related("item__meeting").order_by("-item__meeting__date", "-pk")[:MAX_CONTRIBUTIONS]),
        "presented": list(AgendaItem.objects.filter(presenters=person, meeting__in=meetings)
                          .select_related("meeting").order_by("-meeting__date", "-pk")[:MAX_CONTRIBUTIONS]),
        "measures": list(Measure.objects.visible_to(user).filter(proposed_by_people=person)
                         .order_by("-first_proposed_on", "-pk")[:MAX_CONTRIBUTIONS]),
    }


def plain(snippet: SafeString) -> str:
    """A snippet without its marks, for downloads and the API."""
    return unescape(MARKS.sub("", str(snippet)))


__all__ = ["EXPERT_FIELDS", "KIND_LABELS", "WEIGHTS", "Evidence", "PoolFilters", "RankedExpert", "contributions",
           "create_expert", "plain", "pool", "pool_filters", "profiles_of", "rank_experts",
           "update_expert"]
