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

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

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
from kenes.search.highlight import excerpt
from kenes.search.models import SearchEntry
from kenes.search.text import WORD, folded_words, query_terms

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
    """The profiles (visible to ``user``) of these people, by person id, with what lists show of the affiliation."""
    ids = [person.pk for person in people]
    affiliation = ("id", "acronym", "visibility", "deleted_at", "merged_into",
                   *(f"name_{code}" for code in CONTENT_LANGUAGES))
    profiles = (ExpertProfile.objects.visible_to(user).filter(person_id__in=ids).select_related("affiliation")
                .only(*(field.name for field in ExpertProfile._meta.concrete_fields),
                      *(f"affiliation__{name}" for name in affiliation)))
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
MAX_DOCUMENTS = 100
MAX_SPANS = 20
# Characters read on each side of a name to find its sentence: more than real sentences run (a longer
# one is quoted in part).
SENTENCE_WINDOW = 400
# Mentions read, newest documents first: documents are the weakest evidence, and the newest thousand
# mentions of pool members in documents holding the words say enough.
MAX_MENTIONS = 1000


@dataclass
class Evidence:
    """One reason a person ranks: what it is, its words, where it is, and what it added to the score."""

    kind: str
    text: str
    url: str
    source: str = ""
    date: str = ""
    share: float = 1.0  # the part of the query's words it holds
    terms: list[str] = field(default_factory=list, repr=False)
    weight: float = 0.0  # what it added to the score

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @cached_property
    def snippet(self) -> SafeString:
        """About thirty words around the match, the matched words marked: made only for what is shown."""
        return excerpt(self.text, self.terms)


@dataclass
class RankedExpert:
    person: Person
    profile: ExpertProfile | None
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)  # the person's declared expertise

    @property
    def why(self) -> list[tuple[str, int]]:
        """(kind label, how many) in the order of what weighed most: the one-line reason."""
        counts: dict[str, int] = {}
        for item in self.evidence:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return [(str(KIND_LABELS[kind]), count) for kind, count in counts.items()]


@dataclass
class _Search:
    """One ranking request: who asks, the folded terms, the people that may rank (a subquery).

    Texts are matched word by word, as the snippets mark them (``kenes.search.text.word_matches``):
    each distinct word is folded once per request, and a text is then two set operations, so
    50,000 statements sharing a vocabulary cost far less than a fold each.
    """

    user: object
    terms: list[str]
    people: QuerySet
    # The same people's ids, read once: rows of agenda, speeches and proposals are kept by looking them up
    # here (a join with the pool's own subqueries made SQLite's plans ten times slower).
    ids: set[int] = field(default_factory=set)
    known: set[str] = field(default_factory=set)  # every word seen in this request
    matching: dict[str, frozenset] = field(default_factory=dict)  # the words that hold a term → those terms
    urls: dict[tuple, str] = field(default_factory=dict)

    def found(self, text: str) -> set[str]:
        """The terms that begin a folded word of ``text``."""
        words = set(WORD.findall(text))
        for word in words - self.known:
            parts = folded_words(word)
            if hit := frozenset(term for term in self.terms if any(part.startswith(term) for part in parts)):
                self.matching[word] = hit
        self.known |= words
        found: set[str] = set()
        for word in words & self.matching.keys():
            found |= self.matching[word]
        return found

    def share(self, texts: Iterable[str]) -> tuple[float, str]:
        """The best text's share of the query's terms, and that text (the first wins a tie)."""
        best, best_text = 0.0, ""
        for text in texts:
            if text and (share := len(self.found(text)) / len(self.terms)) > best:
                best, best_text = share, text
        return best, best_text

    def evidence(self, kind: str, text: str, url: str, **more) -> Evidence:
        return Evidence(kind, text, url, terms=self.terms, **more)

    def url(self, name: str, pk: int) -> str:
        """``reverse`` once per record: thousands of pieces of evidence point at a few hundred pages."""
        if (name, pk) not in self.urls:
            self.urls[name, pk] = reverse(name, args=[pk])
        return self.urls[name, pk]


def _languages() -> tuple[str, ...]:
    """The content languages, the reader's first: on a tie, the reader reads their own."""
    first = reader_language()
    return (first, *(code for code in CONTENT_LANGUAGES if code != first))


def _columns(name: str) -> list[str]:
    return [f"{name}_{code}" for code in _languages()]


def _versions(record, name: str) -> list[str]:
    return [getattr(record, column, "") or "" for column in _columns(name)]


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
        share, text = search.share([topic.name, *(getattr(topic, f"name_{code}") for code in CONTENT_LANGUAGES)])
        if share:
            shown = topic.name if text == topic.name else f"{topic.name} ({text})"
            matched[topic.pk] = search.evidence("expertise", shown, f"{reverse('council:experts')}?topic={topic.code}",
                                                share=share)
    rows = Person.expertise.through.objects.filter(topic_id__in=list(matched)).values_list("person_id", "topic_id")
    # One Evidence per person: the score and the evidence list are per person.
    return [(person_id, dataclasses.replace(matched[topic_id])) for person_id, topic_id in rows
            if person_id in search.ids]


def _biographies(search: _Search) -> list[tuple[int, Evidence]]:
    people = (Person.objects.filter(pk__in=search.people).filter(_indexed(Person, search.terms))
              .only("pk", *_columns("biography")))
    found = []
    for person in people:
        share, text = search.share(_versions(person, "biography"))
        if share:
            found.append((person.pk, search.evidence("biography", text, person.get_absolute_url(), share=share)))
    return found


@dataclass
class _Agenda:
    """The agenda items of the meetings the user may see whose entry holds a term, read once per request."""

    # Rows of the agenda's parts are read by these meetings' ids, given as a list: beside the full-text
    # subquery SQLite planned a join ten times slower. A council holds meetings in hundreds, not tens of thousands.
    meetings: dict[int, Meeting]
    items: dict[int, tuple[int, list[str], list[str]]]  # item → (meeting, titles, descriptions)
    titles: dict[int, tuple[float, str]] = field(default_factory=dict)  # item → its title's share, the title
    names: dict[int, str] = field(default_factory=dict)  # meeting → its name

    def title(self, search: _Search, item_id: int) -> tuple[float, str]:
        """The item's title's share of the query (once per item, not per speaker), and the title matched."""
        if item_id not in self.titles:
            titles = self.items[item_id][1]
            share, title = search.share(titles)
            self.titles[item_id] = (share, title or next((t for t in titles if t), ""))
        return self.titles[item_id]

    def url(self, search: _Search, item_id: int) -> str:
        return f"{search.url('council:meeting', self.items[item_id][0])}#agenda-{item_id}"

    def meeting(self, item_id: int) -> Meeting:
        return self.meetings[self.items[item_id][0]]

    def source(self, item_id: int) -> str:
        """The meeting's name (in the reader's language), made once per meeting."""
        meeting_id = self.items[item_id][0]
        if meeting_id not in self.names:
            self.names[meeting_id] = str(self.meetings[meeting_id])
        return self.names[meeting_id]


def _agenda(search: _Search) -> _Agenda:
    meetings = Meeting.objects.visible_to(search.user).filter(_indexed(Meeting, search.terms))
    meetings = {meeting.pk: meeting for meeting in meetings.only("pk", "date", *_columns("title"))}
    items = AgendaItem.objects.filter(meeting_id__in=list(meetings)).values_list(
        "pk", "meeting_id", *_columns("title"), *_columns("description"))
    count = len(CONTENT_LANGUAGES)
    return _Agenda(
        meetings=meetings,
        items={pk: (meeting_id, texts[:count], texts[count:]) for pk, meeting_id, *texts in items})


def _speeches(search: _Search, agenda: _Agenda) -> list[tuple[int, Evidence]]:
    rows = Speaker.objects.filter(item__meeting_id__in=list(agenda.meetings)).order_by().values_list(
        "person_id", "item_id", *_columns("summary"))
    found = []
    for person_id, item_id, *summaries in rows:
        if person_id not in search.ids or item_id not in agenda.items:
            continue  # not ranked, or added since the agenda was read
        share, text = search.share(summaries)
        on_item, title = agenda.title(search, item_id)
        if not share and on_item:
            # Spoke on an item about the subject, though the gist recorded does not say it in so many words.
            said = next((summary for summary in summaries if summary), "")
            share, text = on_item * ON_ITEM_ONLY, f"{title}: {said}".rstrip(": ")
        if share:
            found.append((person_id, search.evidence(
                "speech", text, agenda.url(search, item_id), source=f"{agenda.source(item_id)} — {title}",
                date=agenda.meeting(item_id).date, share=share)))
    return found


def _presented(search: _Search, agenda: _Agenda) -> list[tuple[int, Evidence]]:
    rows = AgendaItem.presenters.through.objects.filter(agendaitem__meeting_id__in=list(agenda.meetings)) \
        .values_list("person_id", "agendaitem_id")
    found = []
    for person_id, item_id in rows:
        if person_id not in search.ids or item_id not in agenda.items:
            continue  # not ranked, or added since the agenda was read
        _meeting, titles, descriptions = agenda.items[item_id]
        share, text = search.share([*titles, *descriptions])
        if share:
            found.append((person_id, search.evidence("presented", text, agenda.url(search, item_id),
                                                     source=agenda.source(item_id),
                                                     date=agenda.meeting(item_id).date, share=share)))
    return found


def _measures(search: _Search) -> list[tuple[int, Evidence]]:
    measures = Measure.objects.visible_to(search.user).filter(_indexed(Measure, search.terms))
    rows = [row for row in Measure.proposed_by_people.through.objects.filter(measure__in=measures)
            .select_related("measure") if row.person_id in search.ids]
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
            found.append((row.person_id, search.evidence("measure", text, measure.get_absolute_url(),
                                                         source=str(measure), date=measure.first_proposed_on,
                                                         share=share)))
    return found


def _documents(search: _Search) -> list[tuple[int, Evidence]]:
    merged = _merged_people()
    documents = Document.objects.visible_to(search.user).filter(_indexed(Document, search.terms))
    mentions = list(Mention.objects.filter(
        kind=Mention.Kind.PERSON, content_type=ContentType.objects.get_for_model(Person),
        decision__in=[Mention.Decision.ACCEPTED, Mention.Decision.LINKED], document__in=documents)
        .filter(Q(object_id__in=search.people) | Q(object_id__in=list(merged)))
        .order_by("-document__published", "-document_id").values_list("object_id", "document_id", "spans")
        [:MAX_MENTIONS])
    wanted = list(dict.fromkeys(document_id for _person, document_id, _spans in mentions))[:MAX_DOCUMENTS]
    texts = {document.pk: document for document in Document.objects.filter(pk__in=wanted).only(
        "pk", "title", "original_name", "text", "published", "language")}
    best: dict[tuple[int, int], Evidence] = {}
    for person_id, document_id, spans in mentions:
        document = texts.get(document_id)
        if document is None:
            continue
        key = (merged.get(person_id, person_id), document_id)
        for evidence in _quotes(search, document, spans):
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


def _sentence(text: str, start: int, end: int, language: str) -> str:
    """The sentence around ``text[start:end]``, by the extraction's segmenter; a short window is tried first."""
    for reach in (SENTENCE_WINDOW // 4, SENTENCE_WINDOW):
        low = max(0, start - reach)
        window = text[low:end + reach]
        for begin, finish in sentences(window, language):
            if begin <= start - low < finish:
                # Cut by the window's edge (and the text goes on): look again with the longer reach.
                cut = (begin == 0 and low > 0) or (finish == len(window) and end + reach < len(text))
                if not cut or reach == SENTENCE_WINDOW:
                    return window[begin:finish]
                break
    return text[start:end]


def _quotes(search: _Search, document, spans) -> Iterable[Evidence]:
    """The sentences of ``document`` that name the person and hold the query's words."""
    text = document.text or ""
    reviewer = getattr(search.user, "is_secretariat", False)
    page = search.url("documents:review" if reviewer else "documents:text", document.pk)
    for start, end in (spans or [])[:MAX_SPANS]:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        if not search.found(text[max(0, start - SENTENCE_WINDOW):end + SENTENCE_WINDOW]):
            continue  # no word of the query near the name: no sentence to look for
        sentence = _sentence(text, start, end, document.language or "en")
        share, _text = search.share([sentence])
        if share:
            yield search.evidence("document", sentence, f"{page}#{span_id(start, end)}", source=str(document),
                                  date=document.published, share=share)


def _collect(search: _Search) -> dict[int, list[Evidence]]:
    """Every piece of evidence of every kind, by person: a few queries per kind, none per person."""
    agenda = _agenda(search)
    found: dict[int, list[Evidence]] = defaultdict(list)
    for pieces in (_expertise(search), _biographies(search), _speeches(search, agenda), _presented(search, agenda),
                   _measures(search), _documents(search)):
        for person_id, item in pieces:
            found[person_id].append(item)
    return found


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


@dataclass
class _Row:
    """A ranked person before their record is read: enough to order them."""

    person_id: int
    name: str
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def latest(self) -> str:
        return max((item.date for item in self.evidence), default="")


def _order(rows: list[_Row]) -> None:
    """Best score first; ties: more evidence, then more recent evidence, then by name (stable sorts, last key first)."""
    rows.sort(key=lambda row: (row.name.casefold(), row.person_id))
    rows.sort(key=lambda row: row.latest, reverse=True)
    rows.sort(key=lambda row: (-row.score, -len(row.evidence)))


class Ranking(Sequence):
    """The people ranked, best first, as a sequence: their records are read for the part asked for.

    A subject many people share ("water" in a pool of 2,000) is ranked on the evidence alone;
    a person's record, profile and topics are read in three queries for the page shown (or
    for all of them, when the whole ranking is iterated, as downloads do).
    """

    def __init__(self, user, people: QuerySet, rows: list[_Row]):
        self.user, self.people, self.rows = user, people, rows
        self._read: dict[int, RankedExpert] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._experts(self.rows[index])
        return self._experts([self.rows[index]])[0]

    def __iter__(self):
        return iter(self._experts(self.rows))

    def _experts(self, rows: list[_Row]) -> list[RankedExpert]:
        wanted = [row.person_id for row in rows if row.person_id not in self._read]
        if wanted:
            people = list(_shown(self.people.filter(pk__in=wanted)))
            profiles, topics = profiles_of(self.user, people), _topics_of(people)
            by_id = {row.person_id: row for row in rows}
            for person in people:
                row = by_id[person.pk]
                self._read[person.pk] = RankedExpert(person, profiles.get(person.pk), row.score, row.evidence,
                                                     topics[person.pk])
        # Someone hidden or deleted since the ranking was made is left out.
        return [self._read[row.person_id] for row in rows if row.person_id in self._read]


def _names(people: QuerySet) -> dict[int, str]:
    """Each person's name in the reader's language (or the first they have), for ordering ties."""
    columns = _columns("name")
    return {pk: next((name for name in names if name), "") for pk, *names in people.values_list("pk", *columns)}


def rank_experts(user, query: str, *, party: str | None = None, language: str | None = None,
                 topic: str | None = None, everyone: bool = False, person: Person | None = None,
                 limit: int | None = 50) -> Ranking:
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
        names = _names(people)
        ordered = directory.by_display_name(people).values_list("pk", flat=True)
        return Ranking(user, people, [_Row(pk, names.get(pk, "")) for pk in ordered[:limit]])
    evidence = _collect(_Search(user, terms, people.values("pk"), set(people.values_list("pk", flat=True))))
    names = _names(people.filter(pk__in=list(evidence)))
    rows = [_Row(pk, name, _score(evidence[pk]), evidence[pk]) for pk, name in names.items()]
    _order(rows)
    return Ranking(user, people, rows[:limit] if limit is not None else rows)


def _shown(people: QuerySet) -> QuerySet:
    """What a result shows of a person: names, party, and what links need (not the biography, nor the photo)."""
    return people.select_related("party").only(
        "pk", "party", "visibility", "deleted_at", "merged_into", *(f"name_{code}" for code in CONTENT_LANGUAGES))


def _topics_of(people: list[Person]) -> dict[int, list[Topic]]:
    """Each person's declared topics, in two small queries for any number of people."""
    topics = {topic.pk: topic for topic in Topic.objects.all()}
    found: dict[int, list[Topic]] = defaultdict(list)
    rows = Person.expertise.through.objects.filter(person_id__in=[person.pk for person in people])
    for person_id, topic_id in rows.order_by("topic__code").values_list("person_id", "topic_id"):
        found[person_id].append(topics[topic_id])
    return found


# --- one expert's page --------------------------------------------------------------------------

MAX_CONTRIBUTIONS = 100


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


__all__ = ["EXPERT_FIELDS", "KIND_LABELS", "WEIGHTS", "Evidence", "PoolFilters", "RankedExpert", "Ranking",
           "contributions", "create_expert", "pool", "pool_filters", "profiles_of", "rank_experts",
           "update_expert"]
