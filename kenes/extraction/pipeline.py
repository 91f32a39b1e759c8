"""The engine's entry point: one document's text in, one ExtractionResult out.

Pure: no Django, no I/O, no network. The CLI, the ingest service and the tests all
call :func:`extract`. Steps run in order, each a small function over the text and
what earlier steps found: language → sentences → people, organisations →
quantities and dates → measures, meetings, events, agreements, targets, figures,
projects.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache

from kenes.extraction import lexicons, provenance
from kenes.extraction.budget import CheckedSentences, Deadline, budget_for
from kenes.extraction.en import OrgMention
from kenes.extraction.language import detect
from kenes.extraction.names import PersonMention, cluster, country_of, head_country
from kenes.extraction.quick import AnyOf
from kenes.extraction.schema import ExtractionResult, Organization, Person, Role
from kenes.extraction.segment import sentences as split_sentences
from kenes.extraction.spans import Cover, GrowingSpans, whole_words
from kenes.extraction.translit import fold as _fold_uncached
from kenes.extraction.translit import to_latin

# Matching keys are computed for the same names again and again: remember the recent ones
# (bounded, so a worker's memory stays flat over thousands of documents).
fold = lru_cache(maxsize=32768)(_fold_uncached)

LANGUAGES = {"en", "ru", "kk", "uz"}


def extract(
    text: str,
    *,
    lang: str | None = None,
    published: str | None = None,
    source: str | None = None,
    time_budget: float | None | str = "default",
) -> ExtractionResult:
    """Extract every record from ``text``; spans index into ``text`` exactly as given.

    ``time_budget``: seconds after which extraction stops with :class:`~kenes.extraction.budget.OverBudget`;
    ``"default"`` gives a budget that grows with the text (:func:`~kenes.extraction.budget.budget_for`),
    ``None`` none at all.
    """
    deadline = Deadline(budget_for(text) if time_budget == "default" else time_budget)
    try:
        return _extract(text, lang, published, source, deadline)
    finally:
        _forget_document()


def _extract(text: str, lang, published, source, deadline: Deadline) -> ExtractionResult:
    from kenes.extraction.dates import guess_published

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    language = lang if lang in LANGUAGES else detect(text)
    result = ExtractionResult(source=source, language=language, published=published, text_sha256=digest)
    if language == "und" or not text.strip():
        return result
    rules = _rules(language)
    # Every step walks the sentences: walking them looks at the clock.
    spans = split_sentences(text, language)
    sents = CheckedSentences(spans, deadline)
    # The steps read the text with the line breaks that only wrap a sentence as spaces (same length, so
    # every span still indexes the text as given): a phrase broken over two lines is still one phrase.
    text = _unwrapped(text, spans)
    published = published or guess_published(text, language)
    result.published = published
    doc = Document(text, language, sents, published, rules)
    # The language's own list of steps (kenes.extraction.steps): each reads the document and what the
    # steps before it found, and sets its records on the result.
    for step in rules.STEPS:
        step(doc, result)
        deadline.check()
    provenance.complete(result, language)
    return result


def _unwrapped(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each line break inside a sentence made a space."""
    if "\n" not in text:
        return text
    parts, last = [], 0
    for start, end in spans:
        if text.find("\n", start, end) >= 0:
            parts += [text[last:start], text[start:end].replace("\n", " ")]
            last = end
    return "".join(parts) + text[last:] if parts else text


def _forget_document() -> None:
    """Drop what the steps remembered about this document (its tokens, dates, quantities): a worker
    extracting thousands of documents must not keep the last ones alive."""
    import sys

    from kenes.extraction import quick, spans

    spans.forget()
    quick.lowered.forget()
    lexicons.canon.forget()
    for module, name in (("kenes.extraction.en", "tokenize"), ("kenes.extraction.ru", "tokenize"),
                         ("kenes.extraction.dates", "_find_dates"), ("kenes.extraction.dates", "_matches"),
                         ("kenes.extraction.indicators", "find_dates"),
                         ("kenes.extraction.money", "_find_quantities"), ("kenes.extraction.turkic", "_tokens")):
        cached = getattr(sys.modules.get(module), name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


class Document:
    """What the steps share: the text, its sentences, and the records found so far."""

    def __init__(self, text: str, lang: str, sentences: list[tuple[int, int]], published: str | None, rules=None):
        self.text = text
        self.lang = lang
        self.rules = rules  # the language's module (or Turkic rules): its steps, patterns and finders
        self.sentences = sentences
        self.published = published
        self.people: list[Person] = []
        self.orgs: list[Organization] = []
        self.person_spans: list[tuple[int, int, Person]] = []
        self._words: set[str] | None = None
        self._lower: str | None = None

    @property
    def lower(self) -> str:
        """The text in lower case, made once (each known person's title is looked for in it)."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def has_word(self, form: str) -> bool:
        """Whether ``form`` stands in the text as a whole word (not inside a longer one)."""
        if not _WORD_RUN.fullmatch(form):
            return re.search(r"(?<![\w\-])" + re.escape(form) + r"(?![\w\-])", self.text) is not None
        if self._words is None:
            # One pass, kept for the document: a search of the whole text per question was quadratic.
            self._words = set(_WORD_RUN.findall(self.text))
        return form in self._words


_LATIN = re.compile("[A-Za-z]")  # a name written in Latin letters (gazetteer names by script)
_WORD_RUN = re.compile(r"[\w\-]+")


def _rules(language: str):
    """A language's steps and finders: its own module, or the Turkic rules read from its lexicon folder."""
    if language in _TURKIC:
        return _turkic_rules(language)
    from importlib import import_module

    return import_module(f"kenes.extraction.{language}")


# Languages whose people and bodies are found by the shared Turkic rules over lexicons/<lang>/.
_TURKIC = {"kk", "uz"}


@cache
def _turkic_rules(language: str):
    from kenes.extraction.turkic import TurkicRules

    return TurkicRules(language)


# --- people ---------------------------------------------------------------------------

def find_people(doc: Document) -> list[Person]:
    """People: the language's finder and the gazetteer, clustered into one record per person, with the
    later mentions by surname alone and the roles their titles give."""
    in_orgs = Cover([s for o in doc.orgs for s in o.spans])
    mentions, forms = _person_mentions(doc, in_orgs)
    clusters = cluster(mentions)
    _add_surname_mentions(doc, clusters, in_orgs)
    return [person for c in clusters if (person := _person(doc, c, forms)) is not None]


def _person_mentions(doc: Document, in_orgs: Cover) -> tuple[list[PersonMention], dict]:
    """The language finder's mentions (none inside a body's name unless titled), then the gazetteer's
    names the finder missed; and the gazetteer's forms."""
    mentions: list[PersonMention] = doc.rules.find_people(doc.text, doc.sentences)
    mentions = [m for m in mentions if not in_orgs.contains(m.start, m.end) or m.titles]
    pattern, forms = lexicons.gazetteer_pattern("people")
    taken = Cover((m.start, m.end) for m in mentions)
    for m in pattern.finditer(doc.text):
        if taken.overlaps(m.start(), m.end()):
            continue
        words = re.sub(r"(?<=[ву])(а|у|ым|ом|е)$", "", m.group()).split()
        mentions.append(PersonMention(m.start(), m.end(), words, [], None, m.group(), "gazetteer",
                                      [(m.start(), m.end())]))
    return mentions, forms


def _add_surname_mentions(doc: Document, clusters, in_orgs: Cover) -> None:
    """Later short forms: the surname alone ("Surnamov", "Токаева") is the same person."""
    surnames = []
    for c in clusters:
        full = max(c.names, key=len)
        if len(full) < 2:
            continue
        surname = full[-1]
        # The nominative surname's stem: a woman's "Фамилиева" is also "Фамилиевой"; "Фамилизода" does
        # not decline.
        feminine = doc.rules.FEMININE_SURNAME
        surnames.append((c, surname, feminine.sub("", surname) if feminine is not None else surname))
    # One pass over the text for all surnames (a search per person was quadratic in long documents).
    where = whole_words(doc.text, [stem for _c, _s, stem in surnames], r"(?:а|у|ым|ом|е|ой|ою)?")
    for c, surname, stem in surnames:
        own = Cover(c.spans)
        short = False
        for start, end in where[stem]:
            if not own.covers(start) and not in_orgs.covers(start):
                c.spans.append((start, end))
                short = True
        # A later mention by surname alone is one of the person's names.
        if short and [surname] not in c.names:
            c.names.append([surname])


def _person(doc: Document, c, forms: dict) -> Person | None:
    """The record of one cluster of mentions; None for a lone untitled word the gazetteer does not know."""
    entry = None
    for n in c.names:
        written = " ".join(n)
        for form, e in forms.items():
            if fold(form) == fold(written):
                entry = e
    if len(max(c.names, key=len)) < 2 and not c.titles and entry is None:
        return None
    titles = list(c.titles)
    country = c.country
    if entry is not None:
        country = country or entry.get("country")
        gazetteer_title = entry.get(doc.rules.GAZETTEER_TITLE)
        if not titles and gazetteer_title and _title_in_text(doc, entry):
            titles.append((gazetteer_title, None))
    roles = []
    for title, org in titles:
        org = _expand_acronym(org, doc.orgs, doc.text)
        if org is None:
            title, org = _split_known_body(title, doc.orgs)
        role = Role(title=title, organization=org)
        if role not in roles:
            roles.append(role)
    person = Person(name=c.name, aliases=c.aliases, country=country, roles=roles, spans=sorted(set(c.spans)))
    return _stamp_person(person, c, doc.lang, entry is not None)


def _stamp_person(person: Person, c, lang: str, known: bool) -> Person:
    """The person's rule is the surest of its mentions' (a later surname alone adds no rule of its own)."""
    rules = [f"{lang}.people.{r}" for r in c.rules] or [f"{lang}.people.surname_only"]
    rule = max(rules, key=provenance.base)
    signals = {"known_person"} if known and not rule.endswith(".gazetteer") else set()
    if person.roles:
        signals.add("has_role")
    if len(person.spans) > 1:
        signals.add("repeated")
    if " " not in person.name:
        signals.add("one_word_name")
    return provenance.stamp(person, rule, c.cues, signals)


def _split_known_body(title: str, orgs: list[Organization]) -> tuple[str, str | None]:
    """"Chief executive officer of Xyz" when "Xyz GmbH" is a body of the text: the title and
    the body, not one long title."""
    m = re.match(r"(.+?)\s+(?:of|at)\s+(?:the\s+)?([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})$", title)
    if m:
        for o in orgs:
            if o.name == m.group(2) or (o.name.startswith(m.group(2) + " ")
                                        and _LEGAL_FORM_TAIL.fullmatch(fold(o.name)[len(fold(m.group(2))):])):
                return m.group(1), o.name
    return title, None


def _title_in_text(doc: Document, entry: dict) -> bool:
    words = {entry.get("title", "").lower(), entry.get("title_ru", "").lower(), "head of state",
             "глава государства", "главы государств"}
    return any(w and w in doc.lower for w in words)


def _expand_acronym(org: str | None, orgs: list[Organization], text: str = "") -> str | None:
    """A role's "Director of KazISS" names the institute by its acronym: give the name."""
    if not org:
        return org
    for o in orgs:
        if o.acronym and org == o.acronym:
            # The core name, without "under the President of …", when the text itself also uses it alone.
            core = re.split(r"\s+(?:under|при)\s+", o.name)[0]
            if core != o.name and text and re.search(re.escape(core) + r"(?!\s+(?:under|при)\b)", text):
                return core
            return o.name
    return org


# --- organisations --------------------------------------------------------------------



_LEGAL_FORM_TAIL = re.compile(r"\s+(?:jsc|ojsc|cjsc|ll?c|ll?p|plc|gmbh|ag|inc|ltd|co ltd|ao|too|ooo|oo)")


def find_organizations(doc: Document) -> list[Organization]:
    """Bodies: the language finder's mentions merged into one record per body, then the gazetteer's
    known names and acronyms, each record with its status and country."""
    records: list[dict] = []
    found = doc.rules.find_organizations(doc.text, doc.sentences)
    # (a company the language's finder named already, "АО «Казахтелеком»", keeps that name)
    found += [c for c in _companies(doc) if not any(m.start < c.end and c.start < m.end for m in found)]
    for m in found:
        r = _same_body(records, m.name, m.acronym)
        if r is None:
            r = {"name": m.name, "acronym": m.acronym, "spans": [], "keys": set(), "country": None,
                 "status": None, "rules": [], "cues": []}
            records.append(r)
        elif len(m.name) > len(r["name"]):
            r["keys"].add(fold(r["name"]))
            r["name"] = m.name
        r["acronym"] = r["acronym"] or m.acronym
        r["keys"].add(fold(m.name))
        r["spans"].append((m.start, m.end))
        r["rules"].append(m.rule or "pattern")
        r["cues"] += m.cues
        r["status"] = r["status"] or _status_before(doc, m.start) or _status_after(doc, m.end)
    _add_known_bodies(doc, records)
    _status_by_anaphora(doc, records)
    return [_organization(doc, r) for r in records if not _no_named_body(r["name"], doc.lang)]


@cache
def _legal_form_pattern(lang: str) -> re.Pattern | None:
    forms = "|".join(re.escape(f) for f in lexicons.legal_forms(lang))
    if not forms:
        return None
    quoted = r"[«“\"](?P<{}>[^«»“”\"\n]{{2,60}})[»”\"]"
    # (case matters: "АҚ" is a legal form, "ақ" a word)
    return re.compile(rf"(?<![\w])(?:{forms})\s*{quoted.format('after')}|{quoted.format('before')}\s*(?:{forms})(?![\w])")


def _companies(doc: Document) -> list[OrgMention]:
    """Companies by their legal form: «Аралтұз» АҚ, ООО «Ромашка», "Navbahor" MChJ, named by what the
    quotes hold."""
    pattern = _legal_form_pattern(doc.lang)
    if pattern is None or not any(q in doc.text for q in "«“\""):
        return []
    out = []
    for m in pattern.finditer(doc.text):
        group = "after" if m.group("after") is not None else "before"
        name = m.group(group).strip()
        if not re.search(r"[^\W\d_]", name):
            continue
        out.append(OrgMention(m.start(group), m.end(group), name, None, "legal_form", [m.span()]))
    return out


@cache
def _generic_body_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """lexicons/generic_bodies.tsv: the heads that name a country's government, and the words that make
    a body nobody in particular ("relevant ministries")."""
    rows = lexicons.generic_bodies(lang)
    return (frozenset(w for kind, w in rows if kind == "government"),
            frozenset(w for kind, w in rows if kind == "generic"))


@cache
def _head_words(lang: str) -> frozenset[str]:
    heads = set(lexicons.org_heads(lang))
    if (lexicons.HERE / lang / "org_heads.tsv").is_file():
        heads |= set(lexicons.words(lang, "org_heads.tsv"))
    return frozenset(lexicons.canon(h).lower() for h in heads)


def _no_named_body(name: str, lang: str) -> bool:
    """A head noun alone ("Kengashi"), a country's government ("Qirg'iziston Hukumati", "the Government of
    X": the country itself, which is no organisation), or a body nobody in particular
    ("Tojikistonning tegishli vazirlik")."""
    governments, generic = _generic_body_words(lang)
    written = re.findall(r"[^\W\d_][\w'\-]*", lexicons.canon(name))
    words = [w.lower() for w in written]
    if len(words) == 1 and not name.isupper() and words[0] in _head_words(lang):
        return True
    rest = [w.lower() for w in written if not country_of(w)]
    if rest and rest[-1] in governments and all(w in governments or w in generic for w in rest):
        return True
    # "Ikki mamlakatning tegishli vazirlik": nothing after the generic word is a name
    if any(w in generic and all(x.islower() for x in written[k + 1 :]) for k, w in enumerate(words)):
        return True
    return len(words) <= 2 and name.islower()  # "международные организации": a kind of body, in lower case



def _same_body(records: list[dict], name: str, acronym: str | None) -> dict | None:
    """The record a mention names again, if any."""
    key = fold(name)
    for r in records:
        if key == fold(r["name"]) or (acronym and acronym == r["acronym"]) or key in r["keys"]:
            return r
        short, long_ = sorted([key, fold(r["name"])], key=len)
        if long_.startswith(short) and len(short.split()) >= 3:
            return r
        # "the Water Board" after the "Kazakh-Uzbek Water Board": the head phrase alone, later.
        if long_.endswith(" " + short) and len(short.split()) >= 2 and key == short:
            return r
        # "X Y LLP" and later "X Y": one company with and without its legal form.
        if long_.startswith(short + " ") and _LEGAL_FORM_TAIL.fullmatch(long_[len(short):]):
            return r
    return None


def _add_known_bodies(doc: Document, records: list[dict]) -> None:
    """The gazetteer's names and acronyms: added to the record they name, or a record of their own."""
    pattern, forms = lexicons.gazetteer_pattern("orgs")
    # Every span found so far, by position: checking each known name against every span was quadratic.
    spans = GrowingSpans()
    for r in records:
        for a, b in r["spans"]:
            spans.add(a, b, r)
    order = {f: n for n, f in enumerate(forms)}
    for m in pattern.finditer(doc.text):
        form = _form_written(m.group(), order)
        entry = forms[form]
        # The acronym as the text writes it ("ЕАЭС", not "EAEU"): the evidence must show it.
        written_acronym = m.group() if form == entry.get("acronym") or (form.isupper() and " " not in form) else None
        r = None
        for cand in records:
            if cand["acronym"] and cand["acronym"] == entry.get("acronym"):
                r = cand
            elif any(fold(f) in cand["keys"] or fold(f) == fold(cand["name"])
                     for f in [entry["name"], *(entry.get("aliases") or [])]):
                r = cand
        # A known name inside a longer one already found ("Маджлиси намояндагон" in the commission's
        # name) is part of that name, not a mention of its own.
        holding = spans.holding(m.start(), m.end())
        if any(b - a > m.end() - m.start() and x is not r for a, b, x in holding) or (r is None and holding):
            continue
        if r is None:
            r = {"name": _gazetteer_name(doc, entry, form, m.group()), "acronym": written_acronym or _acronym_in_text(doc, entry), "spans": [],
                 "keys": set(), "country": entry.get("country"), "status": None, "rules": [], "cues": []}
            records.append(r)
        r["rules"].append("gazetteer")
        r["cues"].append((m.start(), m.end()))
        r["acronym"] = r["acronym"] or written_acronym or _acronym_in_text(doc, entry)
        r["country"] = r["country"] or entry.get("country")
        if (m.start(), m.end()) not in r["spans"]:
            r["spans"].append((m.start(), m.end()))
            spans.add(m.start(), m.end(), r)


def _gazetteer_name(doc: Document, entry: dict, form: str, written: str) -> str:
    """The name a known body takes: as the text writes it in full, else in the language's script.

    A gazetteer entry carries its names in several languages; the one the text itself used is the
    one a reader of that text expects (Uzbek Latin text: "Shanxay hamkorlik tashkiloti", not the
    Russian alias). Only an acronym in the text leaves the choice to the language's script."""
    names = [entry["name"], *(entry.get("aliases") or [])]
    full = [n for n in names if " " in n.strip() and n != n.upper()]  # not "ShHT", "ШОС": acronyms
    if form in {lexicons.one_apostrophe(n) for n in full}:
        return re.sub(r"\s+", " ", written)[: len(form)]  # the form with the text's own apostrophes
    in_text = next((n for n in full if n.lower() in doc.lower), None)
    if in_text is not None:
        return in_text
    script = doc.rules.GAZETTEER_SCRIPT
    if script is None:
        return entry["name"]
    # An acronym in the other script (Uzbek Latin "MDH") asks for the local name in that script.
    if not script.search(written):
        latin = [n for n in full[1:] if _LATIN.search(n) and not script.search(n)]
        local = getattr(doc.rules, "GAZETTEER_LATIN", None)
        return next((n for n in latin if local is None or local.search(n)), latin[0] if latin else entry["name"])
    return next((n for n in full[1:] if script.search(n)), entry["name"])


def _organization(doc: Document, r: dict) -> Organization:
    # A name reduced to the nominative must still be recognisable in its evidence; if the
    # inflection changed too much ("совместную" → "совместная"), keep the words as written.
    written = doc.text[r["spans"][0][0] : r["spans"][0][1]]
    # Any mention may carry the evidence: a nominative one elsewhere vouches for the name.
    every = " ".join(doc.text[a:b] for a, b in sorted(r["spans"]))
    if not _shares_words(r["name"], every) and not _shares_words(r["name"], written) and not r["acronym"]:
        r["name"] = written
    country = r["country"] or _org_country(r["name"]) or head_country(r["name"])
    org = Organization(name=r["name"], acronym=r["acronym"], country=country, status=r["status"],
                       spans=sorted(set(r["spans"])))
    return _stamp_organization(org, r, doc.lang)


def _stamp_organization(org: Organization, r: dict, lang: str) -> Organization:
    rule = max((f"{lang}.organizations.{x}" for x in r["rules"]), key=provenance.base)
    signals = set()
    if "gazetteer" in r["rules"] and not rule.endswith(".gazetteer"):
        signals.add("known_body")
    if org.acronym:
        signals.add("acronym")
    if len(org.spans) > 1:
        signals.add("repeated")
    return provenance.stamp(org, rule, r["cues"], signals)


def _status_by_anaphora(doc: Document, records: list[dict]) -> None:
    """"… the council was established in June": a body's head noun alone, when only one body has it, takes
    the status the sentence states."""
    heads: dict[str, list[dict]] = {}
    for r in records:
        words = r["name"].split()
        if len(words) >= 2 and words[-1].isalpha():
            heads.setdefault(words[-1].lower(), []).append(r)
    wanted = [(head, rs[0]) for head, rs in heads.items() if len(rs) == 1 and not rs[0]["status"]]
    if not wanted:
        return
    # Each word's first "<word> was established" in one scan of the text (a scan per head noun, with a
    # pattern made for it, cost 0.5 ms each).
    first: dict[str, re.Match] = {}
    for m in _ESTABLISHED_WORD.finditer(doc.text):
        first.setdefault(m.group("head"), m)
    for head, record in wanted:
        m = first.get(head)
        if m and not any(a <= m.start() < b for x in records for a, b in x["spans"]):
            record["status"] = "established"


# "the council was established", "этот совет был создан": a word (case as written), then the verb.
_ESTABLISHED_WORD = re.compile(
    r"(?<![\w\-])(?:[Tt]he\s+|[Ээ]тот\s+|[Дд]анный\s+)?(?P<head>[^\W\d_]+)\s+(?:was|has\s+been|был[аио]?)\s+"
    r"(?:officially\s+|официально\s+)?(?:established|created|founded|set\s+up|учрежд[её]н\w*|создан\w*|"
    r"образован\w*)\b")


_ENDINGS = ("а", "у", "ым", "ом", "е")


def _form_written(written: str, order: dict[str, int]) -> str:
    """The gazetteer form the text wrote: the first (in gazetteer order) that is the written words, spaced
    alike, perhaps with a case ending."""
    spaced = lexicons.one_apostrophe(re.sub(r"\s+", " ", written))
    candidates = [spaced] + [spaced[: -len(e)] for e in _ENDINGS if spaced.endswith(e)]
    return min((c for c in candidates if c in order), key=order.__getitem__)


def _acronym_in_text(doc: Document, entry: dict) -> str | None:
    """The entry's acronym in a form the text uses (Latin "EAEU" or Cyrillic "ЕАЭС"), else None."""
    for form in [entry.get("acronym"), *(entry.get("aliases") or [])]:
        if form and (form == entry.get("acronym") or form.isupper()) and " " not in form and doc.has_word(form):
            return form
    return None


def _shares_words(name: str, written: str) -> bool:
    """The contract's evidence rule: at least half of the name's words (3+ letters) appear in the
    evidence, a word matching another that differs only by a short ending ("совета" ~ "совет")."""
    def same(w: str, x: str) -> bool:
        if w == x:
            return True
        n = len(w) if len(w) < len(x) else len(x)
        common = next((k for k in range(n) if w[k] != x[k]), n)
        return n >= 4 and common >= max(4, max(len(w), len(x)) - 2)

    # Plain transliteration, not the matching key: its spelling merges ("ya" → "a") would hide endings.
    words = [w for w in re.split(r"[^0-9a-z]+", to_latin(name)) if len(w) >= 3]
    seen = [x for x in re.split(r"[^0-9a-z]+", to_latin(written)) if x]
    hits = sum(1 for w in words if any(same(w, x) for x in seen))
    return not words or hits >= (len(words) + 1) // 2


def _org_country(name: str) -> str | None:
    # "Kazakhstan-Uzbekistan X Council" belongs to both: no single country.
    if re.search(r"\w+-\w+", name) and len({country_of(p) for p in re.split(r"[-\s]", name) if country_of(p)}) > 1:
        return None
    return country_of(name)


# What the text says right after a body's name: "X, established in 2019,", "X was set up", "X действует".


def _status_after(doc: Document, end: int) -> str | None:
    """The status the words right after a body's name give it (lexicons/<lang>/status_cues.tsv)."""
    window = doc.text[end : end + 60]
    for status, pattern in lexicons.status_rows(doc.lang, "organization_after"):
        if pattern.search(window):
            return status
    return None


@cache
def status_hint(lang: str) -> AnyOf | None:
    """A word each of a language's organization_before cues needs (its "organization hint" rows): most
    windows hold none of them and are done with in one quick scan instead of eight searches ending at
    every one of their 160 characters. (tests/extraction/test_organizations.py checks that every window
    a pattern reads holds one.)"""
    hint = lexicons.status_cue(lang, "organization", "hint")
    return AnyOf([hint.pattern]) if hint is not None else None


def _status_before(doc: Document, start: int) -> str | None:
    """The status the words before a body's name give it (lexicons/<lang>/status_cues.tsv)."""
    window = doc.text[max(0, start - 160) : start]
    hint = status_hint(doc.lang)
    if hint is None or not hint.search(window):
        return None
    for status, pattern in lexicons.status_rows(doc.lang, "organization_before"):
        if pattern.search(window):
            return status
    return None
