"""Kazakh and Uzbek (Latin and Cyrillic): people, bodies, measures, meetings, agreements, projects and events.

Both languages put the title before the name and the case ending after it ("Қазақстан көлік министрі
Асқар Омаровтың", "Tojikiston energetika vaziri Jasur Karimovning"), and a body's
name ends on its head noun ("Сыртқы істер министрлігі", "Energetika vazirligi"). The rules are the same;
the words are data in ``lexicons/kk/`` and ``lexicons/uz/`` (titles, head nouns, case endings, surname
endings, stop words). Matching runs on a copy of the text with one apostrophe, of the same length, so
every offset is an offset into the text as given.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cached_property, lru_cache, wraps

from kenes.extraction import lexicons, provenance, steps
from kenes.extraction.en import OrgMention
from kenes.extraction.measures import _topics, content_words, item_start, list_items, stamp_measure
from kenes.extraction.names import PersonMention, country_of, is_country, is_given_name
from kenes.extraction.quick import AnyOf, lowered, needle_pattern, without_case
from kenes.extraction.schema import Agreement, Event, Measure, Meeting, Project
from kenes.extraction.spans import previous_sentence

# A word: letters, with inner apostrophes (Uzbek oʻ, gʻ, ta’minot) and hyphens (Қазақстан-Өзбекстан).
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_MAX_NAME_WORDS = 3


class Token:
    __slots__ = ("start", "end", "text", "low")

    def __init__(self, start: int, end: int, text: str):
        self.start, self.end, self.text, self.low = start, end, text, text.lower()

    @property
    def capital(self) -> bool:
        return self.text[0].isupper() and not self.text.isupper()


# "Өнеркәсіп және құрылыс министрлігі", "Tog'-kon va geologiya vazirligi": a body's remits joined inside its name.
_NAME_JOINS = frozenset({"және", "va", "ва", "hamda", "ҳамда"})
# "Қазақстан мен Өзбекстан", "Qozog'iston va O'zbekiston": the words joining two countries.
_PAIR_JOINS = _NAME_JOINS | {"мен", "пен", "бен"}
# "X nomidagi", «X атындағы», «X номидаги»: named after X.
_REPUBLIC = frozenset({"respublikasi", "respublikasining", "республикаси", "республикасининг", "республикасы",
                       "республикасының"})
_NAMED_AFTER = frozenset({"nomidagi", "номидаги", "атындағы", "атындагы"})


# Each kind of record (people, bodies, agreements, projects, events) reads the words of every sentence:
# made once per sentence and shared (read only), they cost a fifth of what they did.
@lru_cache(maxsize=4096)
def _tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    return tuple(Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end))


_MEMO_SIZE = 50_000


def _per_word(method):
    """A rule's answer for one word, kept: a document says the same words again and again, and the answer
    depends on the word and the language's lexicon alone. Kept per rules object, forgotten in one go
    once the words kept reach ``_MEMO_SIZE`` (a worker reads documents for days)."""
    slot = "_memo_" + method.__name__

    @wraps(method)
    def remembered(self, word):
        memo = self.__dict__.setdefault(slot, {})
        try:
            return memo[word]
        except KeyError:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            answer = memo[word] = method(self, word)
            return answer

    return remembered


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """Only spaces between two words: no punctuation, no line break."""
    gap = text[a.end : b.start]
    return bool(gap) and gap.strip(" \u00a0") == ""


# The Turkic steps of a language's list (kenes.extraction.steps): each sets one kind of record.
def _measures(doc, result) -> None:
    result.measures = doc.rules.find_measures(doc.text, doc.sentences, doc.people)


def _agreements(doc, result) -> None:
    result.agreements = doc.rules.find_agreements(doc.text, doc.sentences)


def _projects(doc, result) -> None:
    # Named assets add to the projects the quantities gave (which carry counts and values).
    result.projects += [p for p in doc.rules.find_projects(doc.text, doc.sentences)
                        if not any(a < p.spans[0][1] and p.spans[0][0] < b for q in result.projects for a, b in q.spans)]


def _events(doc, result) -> None:
    result.events = doc.rules.find_events(doc.text, doc.sentences)


def _meetings(doc, result) -> None:
    result.meetings = doc.rules.find_meetings(doc.text, doc.sentences, doc.published, doc.people)


class TurkicRules:
    """The steps of one Turkic language, configured by its lexicon folder."""

    # What the shared people and organisation steps read, as for Russian: Kazakh and Uzbek Cyrillic
    # write a woman's surname in -ова/-ева; the gazetteer's Russian title and Cyrillic name.
    FEMININE_SURNAME = re.compile(r"(?<=ов|ев|ёв|ин)а$")
    GAZETTEER_TITLE = "title_ru"
    GAZETTEER_SCRIPT = re.compile("[а-яА-Я]")
    # In Latin text, a known body's local name rather than its English one: Uzbek and Kazakh Latin write
    # o'/g' (any apostrophe), q and x.
    GAZETTEER_LATIN = re.compile("[ʻ‘'’`]|[qx]")

    def __init__(self, lang: str):
        self.lang = lang
        # The shared steps first; then the language's own records, read with its case endings.
        self.STEPS = (steps.organizations, steps.people, steps.indicators, _measures, _agreements, _projects,
                      _events, _meetings)
        # No quantity grammar of their own yet: the projects' noun phrases and named facilities are read
        # with Russian's (as they always were); the records carry this language's code.
        from kenes.extraction.grammar_ru import INDICATORS

        self.INDICATORS = dataclasses.replace(INDICATORS, lang=lang)

    # --- data -----------------------------------------------------------------------------

    @cached_property
    def _endings(self) -> tuple[str, ...]:
        return lexicons.words(self.lang, "case_endings.tsv")

    @cached_property
    def _surname_end(self) -> re.Pattern:
        alts = "|".join(re.escape(e) for e in lexicons.words(self.lang, "surname_endings.tsv"))
        return re.compile(r"(?:" + alts + r")$", re.I)

    @cached_property
    def _frames(self) -> frozenset[str]:
        return frozenset(lexicons.canon(w.lower()) for w in lexicons.words(self.lang, "frames.tsv"))

    @cached_property
    def _stop(self) -> frozenset[str]:
        return frozenset(w.lower() for w in lexicons.words(self.lang, "stop_words.tsv"))

    @cached_property
    def _title_before(self) -> re.Pattern:
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in lexicons.words(self.lang, "titles.tsv"))
        return re.compile(r"(?<![\w'])(?:" + alts + r")\s+$", re.I)

    @cached_property
    def _singular(self) -> dict[str, str]:
        """Plural titles to the singular each person holds ("басшылары" → "басшысы")."""
        return {row[0].lower(): row[1] for row in lexicons.rows(self.lang, "plural_titles.tsv")}

    @cached_property
    def _plural_title_before(self) -> re.Pattern:
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(self._singular, key=len, reverse=True))
        return re.compile(r"(?<![\w'])(?:" + (alts or "(?!)") + r")\s+$", re.I)

    @cached_property
    def _title_after(self) -> re.Pattern:
        """"Олжас Бектенов, ҚР Премьер-министрі:": a title after the name and a comma, up to three words
        (a country, a body) before it, and nothing after it but a mark or the end of the line."""
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in lexicons.words(self.lang, "titles.tsv"))
        return re.compile(r"[ \t]*,[ \t]*((?:[^\W\d_][\w'\-]*[ \t]+){0,3}?(?:" + alts + r"))(?=[ \t]*(?:[,:.(]|$))",
                          re.I | re.M)

    @cached_property
    def _title_opening(self) -> re.Pattern:
        titles = sorted(lexicons.words(self.lang, "titles.tsv"), key=len, reverse=True)
        alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
        return re.compile(r"(?:" + alts + r")(?![\w'])", re.I)

    @cached_property
    def _title_words(self) -> frozenset[str]:
        return frozenset(w for t in lexicons.words(self.lang, "titles.tsv") for w in t.split())

    @cached_property
    def _heads(self) -> tuple[str, ...]:
        return lexicons.words(self.lang, "org_heads.tsv")

    @cached_property
    def _head_words(self) -> frozenset[str]:
        return frozenset(h.split()[-1] for h in self._heads)

    @cached_property
    def _leads_required(self) -> dict[str, list[list[str]]]:
        """The head words that head a name only after their lead words (the "акционерлік" of "акционерлік
        қоғамы"), with those words."""
        alone = {h for h in self._heads if " " not in h}
        out: dict[str, list[list[str]]] = {}
        for h in self._heads:
            *lead, last = h.split()
            if lead and last not in alone:
                out.setdefault(last, []).append(lead)
        return out

    @cached_property
    def _body_cues(self) -> tuple[str, ...]:
        return lexicons.words(self.lang, "body_cues.tsv")

    @cached_property
    def _postpositions(self) -> frozenset[str]:
        return frozenset(lexicons.words(self.lang, "postpositions.tsv"))

    # --- words ----------------------------------------------------------------------------

    @_per_word
    def nominative(self, word: str) -> str:
        """A surname without its case ending: "Сұлтанбековтың" → "Сұлтанбеков", "Normatovning" → "Normatov"."""
        if self._surname_end.search(word):
            return word
        for ending in self._endings:
            stem = word[: -len(ending)]
            if word.lower().endswith(ending) and len(stem) >= 3 and self._surname_end.search(stem):
                return stem
        return word

    @_per_word
    def _inflected(self, low: str) -> bool:
        return any(low.endswith(e) and len(e) >= 2 and len(low) - len(e) >= 3 for e in self._endings)

    @cached_property
    def _ending_set(self) -> frozenset[str]:
        return frozenset(self._endings)

    @cached_property
    def _ending_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(e) for e in self._endings}))

    @_per_word
    def stems(self, low: str) -> tuple[str, ...]:
        """The word and what is left of it without each case ending it may carry, longest first;
        the possessive's "-сы" takes "-н-" before an ending ("комиссиясындағы")."""
        out = [low]
        for n in self._ending_lengths:
            if len(low) > n + 2 and low[-n:] in self._ending_set:
                stem = low[:-n]
                out.append(stem)
                if stem.endswith("н"):
                    out.append(stem[:-1])
        return tuple(out)

    @_per_word
    def head_at(self, low: str) -> str | None:
        """The head noun a word is, with or without a case ending after it ("комиссиясындағы")."""
        found = next((stem for stem in self.stems(low) if stem in self._head_words), None)
        if found is None and low.endswith(("ын", "ін")) and low[:-1] in self._head_words:
            return low[:-1]  # "кеңесін", "министрлігін": the possessive's accusative is a bare "-н"
        return found

    def _name_word(self, tok: Token) -> bool:
        return self._is_name_word(tok.text)

    @_per_word
    def _is_name_word(self, text: str) -> bool:
        low = text.lower()
        return (text[0].isupper() and not text.isupper() and len(text) >= 2 and low not in self._stop
                and low not in self._title_words and self.head_at(low) is None and not is_country(text)
                and not is_country(self.nominative(text)))

    # --- people ---------------------------------------------------------------------------

    def find_people(self, text: str, sentences: list[tuple[int, int]]) -> list[PersonMention]:
        flat = lexicons.canon(text)
        mentions: list[PersonMention] = []
        for s_start, s_end in sentences:
            toks = _tokens(flat, s_start, s_end)
            i, shared = 0, None  # shared: a plural title's role and where its list of names has got to
            while i < len(toks):
                n = self._name_run(flat, toks, i)
                if n:
                    mention = self._person(text, flat, s_start, toks[i : i + n])
                    if mention is not None:
                        shared = self._share_plural_title(text, flat, s_start, mention, shared)
                        mentions.append(mention)
                        i += n
                        continue
                i += 1
        return mentions

    def _share_plural_title(self, text: str, flat: str, s_start: int, mention: PersonMention, shared):
        """"Мемлекет басшылары A, B және C", "Bosh vazirlarining o'rinbosarlari A va B": each person of the
        list after a plural title holds it in the singular. Returns the role for the next name, if any."""
        if shared is not None and not mention.titles and self._list_gap.fullmatch(flat, shared[1], mention.start):
            mention.titles.append(shared[0])
            return shared[0], mention.end
        plural = self._plural_title_before.search(flat, max(s_start, mention.start - 60), mention.start)
        if plural is None:
            return None
        words = re.sub(r"\s+", " ", text[plural.start() : plural.end()].strip())
        role = (self._singular.get(words.lower(), words), self._body_of_title(text, flat, s_start, plural.start()))
        mention.titles[:] = [role]
        return role, mention.end

    def _roles_of(self, text: str, flat: str, s_start: int, title: re.Match) -> tuple[list, str | None]:
        """The roles a title before a name gives (with the body it names), and whose the title is."""
        titles = [(re.sub(r"\s+", " ", text[title.start() : title.end()].strip()),
                   self._body_of_title(text, flat, s_start, title.start()))]
        country = self._whose(flat[max(s_start, title.start() - 40) : title.start()])
        # "bosh vazirining o'rinbosari – investitsiyalar vaziri Name": the first of two titles
        dash = re.search(r"[ \t]+[–—-][ \t]+(?:[^\W\d_][\w'\-]*[ \t]+){0,4}$", flat[s_start : title.start()])
        first = self._title_before.search(flat, max(s_start, s_start + dash.start() - 60), s_start + dash.start() + 1) \
            if dash else None
        if first is not None:
            titles.insert(0, (re.sub(r"\s+", " ", text[first.start() : first.end()].strip()), None))
        return titles, country

    def _initialled(self, text: str, flat: str, s_start: int, run: list[Token], title) -> PersonMention:
        """A person named by an initial and a surname: the initial as written, the surname in the
        nominative, and the title before it if any."""
        surname = self.nominative(run[1].text)
        start, end = run[0].start, run[1].start + len(surname)
        titles, country = self._roles_of(text, flat, s_start, title) if title else ([], None)
        cues = [(title.start(), title.start() + len(title.group().rstrip()))] if title else [(run[1].start, end)]
        return PersonMention(start, end, [text[run[0].start : run[0].end] + ".", surname], titles, country,
                             text[start:end], "title_before_name" if title else "initial_and_surname", cues)

    @cached_property
    def _list_gap(self) -> re.Pattern:
        """What stands between two names of a list: a comma, a conjunction, or both."""
        return re.compile(r"\s*(?:,|,?\s*(?:" + "|".join(map(re.escape, self._list_joins)) + r"))\s*", re.I)

    def _alternation(self, name: str) -> str:
        """The regular expressions of ``<lang>/<name>`` (one a row) as one alternation; one that never matches
        for an empty file."""
        return "|".join(f"(?:{row[0]})" for row in lexicons.rows(self.lang, name)) or "(?!)"

    @cached_property
    def _list_joins(self) -> tuple[str, ...]:
        return tuple(w for w in lexicons.words(self.lang, "conjunctions.tsv") if len(w.split()) == 1)

    def _name_run(self, flat: str, toks: list[Token], i: int) -> int:
        if self._initial(flat, toks, i):
            return 2
        n = 0
        while i + n < len(toks) and n < _MAX_NAME_WORDS and self._name_word(toks[i + n]) and (
                n == 0 or _adjacent(flat, toks[i + n - 1], toks[i + n])):
            # "… Qosim-Jo'mart To'qayev Shavkat Mirziyoyevning …": after a given name and a surname, a
            # given name starts the next person.
            if n >= 2 and is_given_name(toks[i + n].text) and is_given_name(toks[i].text) \
                    and self._surname_end.search(self.nominative(toks[i + n - 1].text)):
                break
            # "Назарбаев Жээнбековті құттықтады": a surname, no given name, before another is one person
            # greeting the next, not a given name before a surname.
            if n == 1 and not is_given_name(toks[i].text) and self._surname_end.search(toks[i].text) \
                    and self._surname_end.search(self.nominative(toks[i + 1].text)):
                break
            n += 1
        return n

    def _initial(self, flat: str, toks: list[Token], i: int) -> bool:
        """"J.O'roqov", "Ye.Utembayev", «Қ.Тоқаев»: an initial (a capital, or a Latin digraph such as Sh,
        Ch, Ye), its dot, and a word that ends as a surname does."""
        tok = toks[i]
        if i + 1 >= len(toks) or not tok.text[0].isupper() or not (
                len(tok.text) == 1 or len(tok.text) == 2 and tok.text[1].islower() and tok.text.isascii()):
            return False
        nxt = toks[i + 1]
        return flat[tok.end : nxt.start] in {".", ". "} and self._name_word(nxt) \
            and bool(self._surname_end.search(self.nominative(nxt.text)))

    def _person(self, text: str, flat: str, s_start: int, run: list[Token]) -> PersonMention | None:
        title = self._title_before.search(flat, max(s_start, run[0].start - 60), run[0].start)
        if len(run) == 2 and flat[run[0].end : run[0].end + 1] == "." and len(run[0].text) <= 2:
            return self._initialled(text, flat, s_start, run, title)
        # Three capitalised words are a name with a patronymic only when the last is a surname.
        if len(run) == 3 and not self._surname_end.search(self.nominative(run[2].text)):
            run = run[:2]
        # "Uchrashuvda Familiyev": a capitalised word with a case ending is no given name.
        if len(run) >= 2 and not is_given_name(run[0].text) and self._inflected(run[0].low):
            run = run[1:]
        words = [t.text for t in run]
        words[-1] = self.nominative(words[-1])
        surname = bool(self._surname_end.search(words[-1]))
        if len(run) == 1 and not (title and surname):
            return None
        if len(run) >= 2 and not (surname or is_given_name(run[0].text) or title):
            return None
        titles, country = self._roles_of(text, flat, s_start, title) if title else ([], None)
        if not title and (after := self._title_after.match(flat, run[-1].end)):
            titles = [(re.sub(r"\s+", " ", text[after.start(1) : after.end(1)]), None)]
            country = self._whose(flat[after.start(1) : after.end(1)])
        # The evidence is the name as the nominative writes it: the surname without its case ending.
        start, end = run[0].start, run[-1].start + len(words[-1])
        if title:
            rule, cues = "title_before_name", [(title.start(), title.start() + len(title.group().rstrip()))]
        elif is_given_name(run[0].text):
            rule, cues = "given_name", [(run[0].start, run[0].end)]
        else:
            rule, cues = "surname_ending", [(run[-1].start, end)]
        return PersonMention(start, end, words, titles, country, text[start:end], rule, cues)

    @cached_property
    def _locatives(self) -> tuple[str, ...]:
        return lexicons.words(self.lang, "locative_endings.tsv")

    def _whose(self, before: str) -> str | None:
        """The country a title before a name belongs to: not one named in the locative, which says where
        ("Өзбекстанның Қазақстандағы елшісі" is Uzbekistan's ambassador)."""
        words = [w for w in before.split() if not (w.lower().endswith(self._locatives) and country_of(w))]
        return country_of(" ".join(words))

    def _body_of_title(self, text: str, flat: str, s_start: int, title_start: int) -> str | None:
        """The body a title belongs to when its name stands right before it, in the genitive or not
        ("институтының директоры", "vazirligi direktori"): the body's name in the nominative."""
        window = max(s_start, title_start - 160)
        before = [o for o in self.find_organizations(text, [(window, title_start)])
                  if not flat[o.end : title_start].strip()]
        if before:
            return before[-1].name
        # A body the gazetteer knows ("Strategik va mintaqalararo tadqiqotlar instituti direktori").
        pattern = lexicons.gazetteer_pattern("orgs")[0]
        known = [m for m in pattern.finditer(text, window, title_start) if not text[m.end() : title_start].strip()]
        return re.sub(r"\s+", " ", known[-1].group()) if known else None

    # --- organisations --------------------------------------------------------------------

    def find_organizations(self, text: str, sentences: list[tuple[int, int]]) -> list[OrgMention]:
        flat = lexicons.canon(text)
        found: list[OrgMention] = []
        for s_start, s_end in sentences:
            toks = _tokens(flat, s_start, s_end)
            for k, tok in enumerate(toks):
                head = self.head_at(tok.low)
                if head is None:
                    continue
                # "акционерлік қоғамы" heads a name; "қоғамы" alone is any society ("Қазақстан қоғамы")
                leads = self._leads_required.get(head)
                if leads and not any(k >= len(lead) and [t.low for t in toks[k - len(lead) : k]] == lead
                                     for lead in leads):
                    continue
                first = self._body_start(flat, toks, k)
                if first is None:
                    continue
                if k == first and tok.capital and found and found[-1].end == toks[k - 1].end \
                        and found[-1].start >= s_start and not flat[toks[k - 1].end : tok.start].strip():
                    # "ҚР Парламенті Мәжілісі": a body of the body named just before it, one name.
                    first = next(i for i in range(k) if toks[i].start == found[-1].start)
                    found.pop()
                begin = toks[first].start
                if flat[begin - 1 : begin] in ("«", "“", '"') and {"«": "»", "“": "”", '"': '"'}[flat[begin - 1]] \
                        in flat[begin:tok.start]:
                    begin -= 1  # a quoted name keeps its opening quote: «O'zbekiston-Qozog'iston» kengashi
                name = text[begin : tok.start] + text[tok.start : tok.start + len(head)]
                found.append(OrgMention(begin, tok.end, re.sub(r"\s+", " ", name), None, "head_noun",
                                        [(tok.start, tok.end)]))
        return found

    def _body_start(self, flat: str, toks: list[Token], k: int) -> int | None:
        """Index of the first word of the body whose head noun is ``toks[k]``, or None for a bare noun."""
        window = max(0, toks[k].start - 64)
        # (up to four common words may stand between: "«O'zbekiston-Qozog'iston» ishbilarmonlik kengashi",
        # "«X» xalqaro sanoat kooperatsiyasi markazi")
        window = max(0, toks[k].start - 110)
        quoted = re.search(r"[«“\"]([^«»“”\"\n]{2,60})[»”\"]\s+(?:[a-zа-яёқғүұәөһҳўңіʼ'\-]+\s+){0,4}$", flat[window : toks[k].start])
        if quoted:
            # "«Navbahor» zavodi", "«Қазақтелеком» компаниясы": the quoted name and its head.
            open_at = window + quoted.start(1)
            return next((i for i in range(k) if toks[i].start >= open_at), None)
        j = k
        while j > 0 and k - j < 6 and _adjacent(flat, toks[j - 1], toks[j]) and (
                toks[j - 1].low not in self._stop or toks[j - 1].low in _NAME_JOINS and j > 1 and toks[j - 2].capital
                and not is_country(toks[j - 2].text) and _adjacent(flat, toks[j - 2], toks[j - 1])) and not self._is_other_head(toks[j - 1]):
            j -= 1
        window = list(range(j, k))
        # Capitalised words, and abbreviations before the rest of a name ("ҚР Парламенті", "O'zR Senati").
        capitals = [i for i in window if toks[i].capital or "-" in toks[i].text and toks[i].text[0].isupper()
                    or toks[i].text.isupper() and 2 <= len(toks[i].text) <= 5 and i < k
                    and (toks[i].start == 0 or flat[toks[i].start - 1] not in "./@")]  # not "BAQ.KZ", a web address
        cues = [i for i in window if toks[i].low.startswith(self._body_cues)] if self._body_cues else []
        if cues:
            first = cues[0]
            # "savdo-iqtisodiy hamkorlik bo‘yicha hukumatlararo komissiya": the complement is named too.
            post = [i for i in window if i < first and toks[i].low in self._postpositions]
            if post:
                first = max(j, post[0] - 2)
                while first < post[0] and toks[first].capital and self._inflected(toks[first].low):
                    first += 1  # "Toshkentda …": where it met, not its name
            return first
        # "Омаров сыртқы істер министрлігі": a surname before a body's name is its spokesman; "Президенти Ism
        # Familiyev Иқтисодий ҳамкорлик ташкилоти": the person and their title before it are not the name either.
        # ("Islom Karimov nomidagi … universiteti": a body named after a person keeps the person)
        named = [i for i in capitals if i != k - 1 and self._surname_end.search(self.nominative(toks[i].text))
                 and not (i + 1 < k and toks[i + 1].low in _NAMED_AFTER)]
        capitals = [i for i in capitals if not named or i > named[-1]]
        # "Басқосуға ҚР Парламенті": a word with a case ending before the name says where or to what;
        # "Астанада Шанхай …": so does a known city in any case ending.
        # ("Министр Мәскеуге Еуразиялық экономикалық …": who went, and where to, stand before the name too)
        while len(capitals) > 1 and (self._oblique(toks[capitals[0]]) or self._place_in_case(toks[capitals[0]])
                                     or self._country_in_case(toks[capitals[0]])
                                     or any(toks[i].low in self._subjects for i in range(capitals[0] + 1, capitals[1]))):
            capitals.pop(0)
        # "Министр Сапаров кәсіпкерлерге кеңес берді": a word in the dative, locative … between a capital and the
        # head says to whom or where; the head is a common noun there, not a body's name.
        # ("Өз кезегінде Қызылорда облысының әкімдігі": capitals after the last such word may still name the body)
        oblique = [i for i in range(capitals[0] + 1, k) if self._oblique(toks[i], any_case=True)] if capitals else []
        if oblique:
            capitals = [i for i in capitals if i > oblique[-1]]
        if capitals:
            return capitals[0]
        # "Мәжілісі", "Energetika vazirligi": a head written with a capital names a body by itself; a bare noun
        # without the possessive ("Кеңес", "Kengash") may be a word or an era, not a body.
        head = self.head_at(toks[k].low) or ""
        return k if toks[k].capital and k > 0 and head[-1:] in ("ы", "і", "и", "i") else None

    @cached_property
    def _oblique_endings(self) -> tuple[str, ...]:
        return lexicons.words(self.lang, "oblique_endings.tsv")

    def _oblique(self, tok: Token, any_case: bool = False) -> bool:
        """A capitalised word (or, ``any_case``, any word) in the dative, ablative or instrumental, not a
        country's name."""
        return (tok.capital or any_case) and any(tok.low.endswith(e) and len(tok.low) - len(e) >= 3
                                                 for e in self._oblique_endings) \
            and not is_country(tok.text) and not is_country(self.nominative(tok.text)) \
            and lexicons.one_apostrophe(tok.low) not in lexicons.places()  # "Түркістан" ends like an ablative; it is a city

    def _country_in_case(self, tok: Token) -> bool:
        """A country's name with a case ending after it ("Беларуске", "Ресейден"), not as a name writes it."""
        return is_country(tok.text) and tok.text not in lexicons.country_names() and len(self.stems(tok.low)) > 1

    def _place_in_case(self, tok: Token) -> bool:
        """A known city with a case ending ("Астанада", "Toshkentda", "Бішкекке")."""
        low = lexicons.one_apostrophe(tok.low)
        return any(low.endswith(e) and low[: -len(e)] in lexicons.places() or
                   low.endswith("н" + e) and low[: -len(e) - 1] in lexicons.places()
                   for e in (*self._locatives, *self._oblique_endings))

    def _is_other_head(self, tok: Token) -> bool:
        return self.head_at(tok.low) is not None

    # --- measures -------------------------------------------------------------------------

    @cached_property
    def _measure_cues(self) -> list[tuple[str, re.Pattern]]:
        return [(row[0], lexicons.compiled(self.lang, "measure_cues.tsv",
                                           r"(?<![\w'])(?:" + row[1].replace(" ", r"\s+") + r")(?![\w'])", row))
                for row in lexicons.rows(self.lang, "measure_cues.tsv")]

    @cached_property
    def _measure_cues_without_case(self) -> list[tuple[str, re.Pattern]] | None:
        plain = without_case([rx for _stance, rx in self._measure_cues])
        return None if plain is None else [(c[0], rx) for c, rx in zip(self._measure_cues, plain, strict=True)]

    @cached_property
    def _cue_needles(self) -> list[re.Pattern | None]:
        """The opening letters of each measure cue, lower-cased (kenes.extraction.quick.needle_pattern)."""
        return [needle_pattern(rx) for _stance, rx in self._measure_cues]

    @cached_property
    def _any_measure_cue(self) -> AnyOf | None:
        """Every measure cue in one quick check: most sentences hold none."""
        return AnyOf.of((row[1].replace(" ", r"\s+") for row in lexicons.rows(self.lang, "measure_cues.tsv")),
                        lead=r"(?<![\w'])")

    @cached_property
    def _verbal_noun(self) -> re.Pattern:
        return re.compile(r"\w{2,}(?:" + self._alternation("verbal_nouns.tsv") + r")$", re.I)

    @cached_property
    def _subjects(self) -> frozenset[str]:
        return frozenset(w.lower() for w in lexicons.words(self.lang, "subjects.tsv"))

    @cached_property
    def _object(self) -> re.Pattern:
        return re.compile(r"\w{3,}(?:" + self._alternation("object_endings.tsv") + r")$", re.I)

    @cached_property
    def _joins(self) -> re.Pattern:
        words = "|".join(re.escape(w) for w in lexicons.words(self.lang, "conjunctions.tsv"))
        # (never the decimal comma of "10,7 млрд")
        return re.compile(r"(?<!\d),\s*(?:(?:" + words + r")\s+)?|,(?!\d)\s*(?:(?:" + words + r")\s+)?|\s+(?:"
                          + words + r")\s+", re.I)

    @cached_property
    def _reporting(self) -> re.Pattern:
        words = "|".join(re.escape(w) for w in lexicons.words(self.lang, "reporting.tsv"))
        return re.compile(r"(?<![\w'])(?:" + words + r")(?![\w'])", re.I)

    def find_meetings(self, text: str, sentences, published: str | None, people) -> list[Meeting]:
        return TurkicMeetings(self).find(text, sentences, published, people)

    def find_agreements(self, text: str, sentences) -> list[Agreement]:
        return TurkicAgreements(self).find(text, sentences)

    def find_projects(self, text: str, sentences) -> list[Project]:
        return [provenance.stamp(Project(name=name, status=status, count=self.count_in(name), spans=[span]),
                                 f"{self.lang}.projects.named_head", cues, set() if status else {"no_status"})
                for name, status, span, cues in TurkicNamedThings(self, "project").named(text, sentences)]

    def count_in(self, phrase: str) -> int | None:
        """How many a phrase counts in words ("ikkita gidroelektrostantsiya", "екі зауыт"), else None."""
        numbers = lexicons.number_words(self.lang)
        words = lexicons.canon(phrase.lower()).split()
        for k, word in enumerate(words):
            if k + 1 < len(words) and words[k + 1].startswith(lexicons.not_numbers_before(self.lang) or ("\0",)):
                continue  # "ikki tomonlama", "екі жақты": bilateral, not two of anything
            if (value := self._number_word(word, numbers)) is not None:
                return value
        return None

    @staticmethod
    def _number_word(word: str, numbers: dict[str, int]) -> int | None:
        """The value of a number word, as it is or counting ("ikkita", "екіта"), else None."""
        for form in (word, word[:-2] if word.endswith(("ta", "та")) else word):
            if form in numbers:
                return numbers[form]
        return None

    def find_events(self, text: str, sentences) -> list[Event]:
        return [provenance.stamp(Event(name=name, status=status, spans=[span]), f"{self.lang}.events.named_head", cues,
                                 set() if status else {"no_status"})
                for name, status, span, cues in TurkicNamedThings(self, "event").named(text, sentences)]

    def find_measures(self, text: str, sentences: list[tuple[int, int]], people) -> list[Measure]:
        flat = lexicons.canon(text)
        person_at = [(a, b, p.name) for p in people for a, b in p.spans]
        measures: list[Measure] = []
        # The cues are read in the lower-cased text when they can be (kenes.extraction.quick).
        cues, scanned, lower = self._measure_cues, flat, lowered(flat)
        if (plain := self._measure_cues_without_case) is not None and lower is not None:
            cues, scanned = plain, lower
        pending = None  # a cue whose actions were not in its sentence ("бірқатар шешімдер қабылданды.")
        for n, (s_start, s_end) in enumerate(sentences):
            among = self._among.match(flat, s_start, s_end)
            if pending is not None and among:
                # "… бірқатар шешімдер қабылданды. Соның ішінде A, B, C бар.": the actions are listed next
                spans = self._pieces(flat, among.end(), s_end, list_after=True)
                self._add_measures(text, flat, measures, spans, pending, True, [])
            pending = None
            if self._any_measure_cue is not None and not self._any_measure_cue.search(flat, s_start, s_end):
                continue  # no cue, no measure in this sentence
            # (of two cues at one word the longer reads more: "muhokama qilingan masalalar:" over "muhokama qilingan")
            # (a cue none of whose opening letters are in the sentence is not tried: kenes.extraction.quick)
            hits = sorted({(m.start(), m.end(), stance) for (stance, rx), starts in zip(cues, self._cue_needles, strict=True)
                           if starts is None or lower is None or starts.search(lower, s_start, s_end)
                           for m in rx.finditer(scanned, s_start, s_end)}, key=lambda h: (h[0], -h[1], h[2]))
            hits = [h for k, h in enumerate(hits) if not any(o[0] <= h[0] < o[1] for o in hits[:k])
                    and not self._attributive(flat, h[1], s_end)]
            clause = item_start(flat, s_start, s_end)
            for hit in hits:
                listed = bool(self._announces_list.match(flat, hit[1], s_end))
                spans = self._actions_of(flat, sentences, n, clause, hit, listed)
                proposers = sorted({name for a, b, name in person_at if s_start <= a < hit[0]})
                if not self._add_measures(text, flat, measures, spans, hit, listed, proposers):
                    pending = hit
                clause = hit[1]
        return measures

    def _actions_of(self, flat: str, sentences, n: int, clause: int, hit: tuple, listed: bool) -> list[tuple[int, int]]:
        """The spans of the actions a cue speaks of: the clause before it, or the list after its colon, in
        its sentence or as the marked items of a list below it ("… келісімге келді: A, ал B")."""
        t_start, t_end, _stance = hit
        s_end = sentences[n][1]
        if not listed:
            # "… Ташкентте бас қосып, A-да күш біріктіруге келісті": a converb and a comma close the clause before
            # ("өнеркәсіп, энергетика, туризм …": a noun that ends like a converb, in a list of nouns)
            breaks = [m.end() for m in self._clause_break.finditer(flat, clause, t_start)
                      if not self._list_goes_on.match(flat, m.end(), t_start)]
            return self._pieces(flat, breaks[-1] if breaks else clause, t_start)
        after = self._announces_list.match(flat, t_end, s_end).end()
        if flat[after:s_end].strip():
            return self._pieces(flat, after, s_end, list_after=True)
        return [piece for a, b in list_items(flat, sentences, n)
                for piece in self._pieces(flat, a, b, list_after=True) if not self._reported(flat, *piece)]

    def _add_measures(self, text: str, flat: str, measures: list[Measure], spans, hit: tuple, listed: bool,
                      proposers: list[str]) -> int:
        """Add a measure for each new action in ``spans``; how many were added."""
        added = 0
        for a, b in spans:
            if any(_same_action(flat[a:b], flat[x:y]) for m in _nearby(measures) for x, y in m.spans):
                continue  # a headline or a standfirst says it again
            if self._about_a_meeting(flat, a, b):
                continue  # "the visit is planned for May": a meeting to come, not an action
            for said, where in self._distributed(text, flat, a, b):
                measure = Measure(text=said, stance=hit[2], proposers=proposers, topics=_topics(said), spans=where)
                measures.append(stamp_measure(measure, self.lang, False, (hit[0], hit[1]), listed))
                added += 1
        return added

    def _distributed(self, text: str, flat: str, a: int, b: int) -> list[tuple[str, list[tuple[int, int]]]]:
        """"саяси, су-энергетикалық және мәдени-гуманитарлық ынтымақтастықтың …": qualifiers listed before one
        noun are one measure each, the qualifier with the noun in the nominative ("су-энергетикалық
        ынтымақтастық"); any other phrase is itself."""
        m = self._qualifier_list.match(flat, a, b) if lexicons.convention("split_fields") else None
        if m is None:
            return self._shared_head(text, flat, a, b) or [(text[a:b], [(a, b)])]
        noun = m.group("noun")
        stem = self.stems(noun.lower())[-1]
        # the noun without its case ending ("ынтымақтастықтың" → "ынтымақтастық"), then the rest of the phrase
        rest = noun[: len(stem)] + text[m.end("noun") : b]
        items = [x for x in re.finditer(r"[^\W\d_][\w'\-]*", m.group("items")) if x.group().lower() not in self._list_joins]
        if any(re.search(r"(?:лар|лер|тар|тер|дар|дер|lar|ler)$", x.group().lower()) for x in items):
            return [(text[a:b], [(a, b)])]  # "форумлар, семинарлар ва давра суҳбатлари": objects, not qualifiers
        return [(f"{x.group()} {rest}", [(m.start("items") + x.start(), m.start("items") + x.end()), (m.start("noun"), b)])
                for x in items]

    def _shared_head(self, text: str, flat: str, a: int, b: int) -> list[tuple[str, list[tuple[int, int]]]]:
        """"A маркази, B қувватлари ҳамда C мажмуалари қурилиши": things listed before one verbal noun are one
        action each, the thing with the noun ("B қувватлари қурилиши"); items of two words or more, split at
        commas and at a conjunction between two such items, never inside quotes ("“A” ва “B” меҳмонхоналари")."""
        words = flat[a:b].rsplit(None, 1)
        # (the noun in the possessive, whose are the things before it: "қурилиши", "qurilishi", "құрылысы"; a verbal
        # noun governing objects, "A, B va C-ni saqlash", is one action on several things)
        if len(words) < 2 or not self._verbal_noun.search(words[1].lower()) or "," not in words[0] \
                or not re.search(r"[иыіi]$", words[1].lower()) or re.search(r"(?:[дтн][ыі]|ni|ни)$", words[1].lower()):
            return []
        head = (b - len(words[1]), b)
        joins = "|".join(re.escape(j) for j in self._list_joins if " " not in j)
        cuts, start = [], a
        for m in re.finditer(rf",\s*(?:(?:{joins})\s+)?|\s(?:{joins})\s", flat[a : head[0]]):
            at = a + m.start()
            # (a conjunction joins two items of three words or more: "“A” ва “B” меҳмонхоналари" is one thing)
            least = 2 if "," in m.group() else 3
            if _inside_quotes(flat, at) or len(flat[start:at].split()) < least \
                    or len(flat[a + m.end() : head[0]].split()) < least:
                continue
            cuts.append((start, at))
            start = a + m.end()
        cuts.append((start, head[0]))
        items = [(s, s + len(flat[s:e].rstrip(" ,"))) for s, e in cuts]
        if len(items) < 2 or any(len(flat[s:e].split()) < 2 for s, e in items):
            return []
        return [(f"{text[s:e]} {text[head[0]:head[1]]}", [(s, e), head]) for s, e in items]

    @cached_property
    def _qualifier_list(self) -> re.Pattern:
        joins = "|".join(map(re.escape, self._list_joins))
        word = r"[^\W\d_][\w'\-]*"
        return re.compile(rf"(?P<items>{word}(?:\s*,\s*{word})+\s+(?:{joins})\s+{word})\s+(?P<noun>{word})", re.I)

    def _attributive(self, flat: str, cue_end: int, s_end: int) -> bool:
        """A cue in the participle ("rejalashtirilgan", "көзделген") before a noun describes that noun ("…
        rejalashtirilgan qo'shma loyihalar": the planned projects); it says nothing of an action before it.
        Before an auxiliary ("талқылаған болатын") or a mark it is the predicate."""
        if not re.search(r"(?:gan|ган|ған|ген|қан|кен)$", flat[max(0, cue_end - 3) : cue_end], re.I):
            return False
        nxt = re.match(r"[ \t]+([^\W\d_][\w'\-]*)", flat[cue_end:s_end])
        return bool(nxt) and nxt.group(1).lower() not in self._auxiliaries

    @cached_property
    def _list_goes_on(self) -> re.Pattern:
        """A word or two and another comma or "and": the word before the comma was an item of a list of
        nouns ("өнеркәсіп, энергетика және …"), not a converb closing a clause."""
        joins = "|".join(map(re.escape, self._list_joins))
        return re.compile(r"[^\W\d_][\w'\-]*(?:\s+[^\W\d_][\w'\-]*)?(?:\s*,|\s+(?:" + joins + r")\s)", re.I)

    @cached_property
    def _auxiliaries(self) -> frozenset[str]:
        return frozenset(w.lower() for w in lexicons.words(self.lang, "auxiliaries.tsv"))

    @cached_property
    def _clause_break(self) -> re.Pattern:
        alts = self._alternation("clause_breaks.tsv")
        opens = lexicons.phrases(self.lang, "clause_openers.tsv")
        return re.compile(r"\w{2,}(?:" + alts + r")\s*,\s*|(?<![\w'])(?:" + opens + r")(?![\w'])[\s,]*", re.I)

    @cached_property
    def _announces_list(self) -> re.Pattern:
        """What announces the list after a cue: a colon, or a dash after a goal ("Негізгі мақсатымыз – A және
        B"), with a word of among.tsv before it ("… ko'rib chiqildi, xususan: A, B va C")."""
        return re.compile(r"\s*(?:,\s*(?:" + self._among_words + r")\s*(?=:))?(?::|[–—](?=\s))", re.I)

    @cached_property
    def _among(self) -> re.Pattern:
        return re.compile(r"\s*(?:" + self._among_words + r")(?![\w'])[\s,:]*", re.I)

    @cached_property
    def _among_words(self) -> str:
        """The words of among.tsv ("соның ішінде", "xususan") as one alternation; one that never matches
        for a language without them."""
        return lexicons.phrases(self.lang, "among.tsv")

    @cached_property
    def _past(self) -> re.Pattern:
        return re.compile(r"\w{2,}(?:" + self._alternation("past_endings.tsv") + r")$", re.I)

    def _reported(self, flat: str, a: int, b: int) -> bool:
        """A list item that reports what happened ("chegaralar ochildi"), in a list of proposals."""
        words = flat[a:b].split()
        return bool(words) and bool(self._past.search(words[-1]))

    @cached_property
    def _meeting_noun(self) -> re.Pattern:
        return TurkicMeetings(self)._kinds["noun"]  # made once: asked for every phrase

    def _about_a_meeting(self, flat: str, a: int, b: int) -> bool:
        """The phrase names a meeting or a visit and no action ("tashrifi … aprel kunlariga"); holding or
        preparing one ("yig'ilishini o'tkazish") is an action and stays."""
        meeting_words = {m.group().lower() for m in self._meeting_noun.finditer(flat, a, b)}
        return bool(meeting_words) and not any(
            self._verbal_noun.search(w) for w in flat[a:b].lower().split() if w not in meeting_words)

    def _pieces(self, flat: str, a: int, b: int, list_after: bool = False) -> list[tuple[int, int]]:
        """The actions in ``flat[a:b]``: openers trimmed, coordinated actions split."""
        a = self._trim_openers(flat, a, b)
        report = self._reporting.search(flat, a, b)
        b = report.start() if report else b
        pieces, start = [], a
        for m in self._joins.finditer(flat, a, b):
            left = flat[start : m.start()].split()
            # Split only after an action ("… дамыту, … арттыру") or after an object marked as such when the
            # next one is too, never inside a plain list of objects ("көмір, қант және мақта").
            # (a comma and a conjunction, ", сондай-ақ …", ", shuningdek …", always open the next item)
            if left and (list_after or self._verbal_noun.search(left[-1]) or m.group().strip(", \t\n") and "," in m.group() or (
                    m.group().startswith(",") and self._object.search(left[-1])
                    and any(self._object.search(w) for w in flat[m.end() : b].split()))):
                pieces.append((start, m.start()))
                start = m.end()
        pieces.append((start, b))
        out = []
        for s, e in pieces:
            s = self._trim_openers(flat, s, e)
            while e > s and flat[e - 1] in " ,.;:!?\"'“”»«–—-\n":
                e -= 1
            # "… vaziyat yuzasidan [fikr almashildi]": what the words are about, without the postposition
            last = flat[s:e].rsplit(None, 1)
            if len(last) == 2 and last[1].lower() in self._about:
                e = s + len(last[0])
            if len(content_words(flat[s:e])) >= 2 and "\n" not in flat[s:e]:
                out.append((s, e))
        return out

    @cached_property
    def _about(self) -> frozenset[str]:
        return frozenset(lexicons.words(self.lang, "about_words.tsv"))

    def _trim_openers(self, flat: str, a: int, b: int) -> int:
        """Skip what opens a clause before its action: connectives, the subject ("тараптар", "ular"), a
        place or document the clause is set in ("Құжатта", "Uchrashuvda"), a frame closed by its
        postposition ("Sammit doirasida", "Сапар барысында")."""
        start = a
        head = _tokens(flat, a, min(b, a + 80))
        for k, tok in enumerate(head[:9]):
            # (further in, only a meeting's frame: "Түркіменстан Президентінің Қазақстанға мемлекеттік сапары аясында")
            if tok.low in self._frames and (k < 6 or self._meeting_noun.fullmatch(head[k - 1].low)):
                # ("Кездесу барысында": a meeting's noun ends like an action's, but the frame is a meeting's)
                if k + 1 < len(head) and not any(self._verbal_noun.search(t.low) and not self._meeting_noun.fullmatch(t.low)
                                                 for t in head[:k]):
                    a = tok.end
                break
        toks = _tokens(flat, a, min(b, a + 80))
        if len(toks) > 2 and self._meeting_noun.fullmatch(toks[0].low) and not self._verbal_noun.search(toks[1].low):
            a = toks[1].start  # "Кездесу A-ны … талқылауға арналды": the meeting is the subject, not the action
        # "Қазақстан мен Өзбекстан президенттері …", "Ikki davlat rahbarlari …": countries and a subject in
        # the possessive ("их президенты") are who acts, not the action.
        toks = _tokens(flat, a, min(b, a + 80))
        for k, tok in enumerate(toks[:6]):
            if tok.low in self._subjects or any(tok.low.startswith(w) and len(tok.low) - len(w) <= 2
                                                for w in self._subjects if len(w) >= 6):
                # ("Үкімет басшылары …", "Hukumat rahbarlari …": one word in the nominative says whose)
                if k and (all(is_country(t.text) or t.low in _PAIR_JOINS for t in toks[:k])
                          or k == 1 and toks[0].capital and not self._inflected(toks[0].low)
                          # ("Облыстар басшылары кеңесін құру": a body's name, "the Council of Heads of Provinces")
                          and not (k + 1 < len(toks) and self.head_at(toks[k + 1].low))) \
                        and not re.search(r"[.;:!?()«»\"“”]", flat[toks[0].start : tok.start]):
                    a = tok.end
                break
        # "Мемлекет басшысы … нығайтудың мәні зор екенін атап өтті": a title in the nominative is who speaks
        if (title := self._title_opening.match(flat, a, b)) is not None:
            a = title.end()
        after_name = False
        numbers = lexicons.number_words(self.lang)
        for tok in _tokens(flat, a, b):
            # (a country with a case ending belongs to the action: "Қазақстанның … шекарасы демаркацияланады";
            # so does a country's name as it is, "Қазақстан Республикасы Президенті …", which only looks inflected)
            # ("Afg'onistondagi vaziyat": a place in the attributive locative qualifies the noun after it)
            # (a number word is no opener, though it is no name either: "екі ел арасындағы сауда …", "Sakkizta bino")
            if self._number_word(tok.low, numbers) is not None:
                break
            opener = tok.low in self._stop or tok.low in self._subjects or (
                tok.capital and self._inflected(tok.low) and not self._verbal_noun.search(tok.low)
                and not tok.low.endswith(_ATTRIBUTIVE_LOCATIVE)
                and not (is_country(tok.text) and (a > start or tok.text in lexicons.country_names())))
            # "Mirziyoyev va Toqayev … masalalarini muhokama qildi": the people who act, and the word joining them
            named = tok.capital and bool(self._surname_end.search(self.nominative(tok.text))) and not is_country(tok.text)
            opener = opener or named or (tok.low in self._list_joins and after_name)
            after_name = named
            if not opener or re.search(r"[^\s,–—-]", flat[a : tok.start]):
                break
            a = tok.end
        while a < b and flat[a] in " ,–—-:\n":
            a += 1
        return a


_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіўҳ]", re.I)

_ATTRIBUTIVE_LOCATIVE = ("dagi", "tagi", "даги", "таги", "дағы", "дегі", "тағы", "тегі")


def _inside_quotes(flat: str, pos: int) -> bool:
    """Whether ``pos`` is inside a quoted name («Hamkorlik: yangi bosqich»), where a colon or a comma is
    part of the name rather than the end of a clause."""
    opened = max(flat.rfind("«", max(0, pos - 120), pos), flat.rfind("“", max(0, pos - 120), pos))
    if opened < 0 or re.search(r"[»”\n]", flat[opened:pos]):
        return _inside_straight_quotes(flat, pos)
    return bool(re.match(r"[^«“\n]{0,120}?[»”]", flat[pos : pos + 121]))


def _inside_straight_quotes(flat: str, pos: int) -> bool:
    """The same for '"', which opens and closes alike: inside when an odd number of them stand before
    ``pos`` on its line and one follows within the name's reach."""
    line = flat.rfind("\n", max(0, pos - 400), pos) + 1
    return flat.count('"', max(line, pos - 400), pos) % 2 == 1 and bool(re.match(r'[^"\n]{0,120}"', flat[pos : pos + 121]))


def _dated_by_later(meetings: list[Meeting]) -> list[Meeting]:
    """A headline's undated talks ("A Xo'jandda B bilan muzokaralar o'tkazdi") and the body's dated visit of the
    same people ("A 24-aprel kuni … tashrif buyurdi"): one meeting, the first named, the date the body gives."""
    out: list[Meeting] = []
    for m in sorted(meetings, key=lambda x: x.spans[0]):
        first = next((u for u in out if u.date is None and m.date is not None and set(m.participants) & set(u.participants)
                      and (set(m.participants) <= set(u.participants) or set(u.participants) <= set(m.participants))), None)
        if first is None:
            out.append(m)
            continue
        first.date = m.date
        first.spans = sorted({*first.spans, *m.spans})
    return out


def _nearby(found: list) -> list:
    """The records a new one may repeat: the first few (a headline, a standfirst) and the last few. A
    bounded number, so that a document of endless repetitions costs linear time."""
    return found if len(found) <= 40 else found[:20] + found[-20:]


def _same_action(a: str, b: str, least: int = 3) -> bool:
    """Two phrases naming one thing: most content words of the shorter, up to their endings, recur."""
    x, y = sorted([content_words(a), content_words(b)], key=len)
    if len(x) < 2:
        return False
    shared = sum(1 for w in x if any(v[:5] == w[:5] for v in y))
    return shared >= least and shared / len(x) >= 0.7


class TurkicMeetings:
    """Meetings and visits reported as held, in a verb-final language: a meeting noun and a word saying
    it took place in one sentence. The title is the clause up to the noun, which names who met."""

    def __init__(self, rules: TurkicRules):
        self.rules = rules

    @cached_property
    def _kinds(self) -> dict[str, re.Pattern]:
        lang, out = self.rules.lang, {}
        for kind in ("noun", "held", "future", "online", "today", "many", "refers", "occasion", "received", "during",
                     "arrives"):
            alts = [lexicons.compiled(lang, "meetings.tsv", row[1], row).pattern
                    for row in lexicons.rows(lang, "meetings.tsv") if row[0] == kind] or [r"(?!)"]
            out[kind] = re.compile(r"(?<![\w'])(?:" + "|".join(f"(?:{a})" for a in alts).replace(" ", r"\s+")
                                   + r")(?![\w'])", re.I)
        return out

    def _nominative_noun(self, word: str) -> int:
        """How much of a meeting noun with a case ending is the noun itself: the shortest stem that is still
        a meeting noun ("uchrashuvdagi" → "uchrashuv")."""
        for stem in reversed(self.rules.stems(word.lower())):
            if len(stem) >= 5 and self._kinds["noun"].fullmatch(stem):
                return len(stem)
        return len(word)

    def _occasion(self, flat: str, s_start: int, s_end: int) -> re.Match | None:
        """A meeting as the occasion of what someone said or proposed there ("… uchrashuvida Prezident …
        taklif etdi", "Отырыста министр … атап өтті"): the meeting noun in the locative, then a past-tense
        verb of saying. The verb stands for the word saying it was held."""
        said = self._kinds["occasion"].search(flat, s_start, s_end)
        if said is None:
            return None
        nouns = [m for m in self._kinds["noun"].finditer(flat, s_start, said.start())
                 if m.group().lower().endswith(self.rules._locatives)]
        return said if nouns else None

    def _during(self, flat: str, s_start: int, s_end: int) -> re.Match | None:
        """A meeting as the frame of what the sentence reports ("… мемлекеттік сапары барысында … қол
        қойылды", "tashrifi doirasida"), or as the maker of a decision ("отырысының шешіміне сәйкес"): the word
        right after the meeting noun stands for the word saying it was held."""
        for word in self._kinds["during"].finditer(flat, s_start, s_end):
            before = [m for m in self._kinds["noun"].finditer(flat, s_start, word.start())]
            if before and not flat[before[-1].end() : word.start()].strip():
                return word
        return None

    def _arriving_today(self, flat: str, s_start: int, s_end: int) -> re.Match | None:
        """"Бүгін … ресми сапармен келеді": a visit that begins today is the occasion of the report, though
        the verb is a present-future (a visit said to come on another day is not held yet)."""
        if "arrives" not in self._kinds or not self._kinds["today"].search(flat, s_start, s_end):
            return None
        return self._kinds["arrives"].search(flat, s_start, s_end)

    def find(self, text: str, sentences, published: str | None, people) -> list[Meeting]:
        from kenes.extraction.indicators import find_dates
        from kenes.extraction.occasions import _dateline_end, weekday_before

        flat = lexicons.canon(text)
        dates = [d for d in find_dates(text, self.rules.lang, published) if d.kind != "deadline"]
        after_dateline = _dateline_end(text, sentences, dates)
        meetings: list[Meeting] = []
        for s_start, s_end in sentences:
            held = self._kinds["held"].search(flat, s_start, s_end) or self._occasion(flat, s_start, s_end) \
                or self._during(flat, s_start, s_end) or self._arriving_today(flat, s_start, s_end)
            if held is None:
                continue
            # The meeting the verb reports: the noun nearest before it ("сапары барысында … кездесті").
            nouns = [m for m in self._kinds["noun"].finditer(flat, s_start, s_end) if m.start() <= held.start()]
            noun = nouns[-1] if nouns else self._kinds["noun"].search(flat, held.end(), s_end)
            if noun is None:
                continue
            # "… dekabr oyida bo'lib o'tgan muzokaralari": a participle right before the noun says that
            # meeting was held, whatever the rest of the sentence plans.
            attributive = held.end() <= noun.start() and not flat[held.end() : noun.start()].strip()
            if not attributive and self._kinds["future"].search(flat, s_start, s_end):
                continue
            start = self._title_begins(flat, s_start, noun.start())
            if held.end() <= noun.start() and held.start() >= start and not attributive:
                # "… бүгін Алматыда өткен үкіметаралық комиссияның отырысында": the participle says it was
                # held; the meeting's name is what follows it.
                start = held.end() + len(flat[held.end() : noun.start()]) - len(flat[held.end() : noun.start()].lstrip())
            # The noun in the nominative ("uchrashuvdagi" → "uchrashuv", "отырысында" → "отырысы"), as a list of
            # meetings names it; the evidence ends there too.
            end = noun.start() + self._nominative_noun(flat[noun.start() : noun.end()])
            title = re.sub(r"\s+", " ", text[start:end]).strip(" ,")
            if self._kinds["refers"].match(title) and len(title.split()) == 2:
                continue  # "аталған кездесу", "mazkur uchrashuv": the meeting already reported, named again
            # (a date after both the noun and the word saying it was held dates something else: "Кездесу
            # барысында 2023 жылғы сауда көлемі …")
            date = next((d.value for d in dates if s_start <= d.start < max(noun.end(), held.end())
                         and d.start >= after_dateline), None)
            # "бүгін Алматыда өткен …", "… bugun bo'lib o'tdi": said next to the word that it was held, or in the title
            today = self._kinds["today"].search(flat, max(s_start, held.start() - 25), held.end()) \
                or self._kinds["today"].search(flat, start, noun.end()) \
                or held.re is self._kinds["arrives"]  # arriving today: "бүгін" anywhere in the sentence said so
            if date is None and published and len(published) == 10 and today:
                date = published  # held "today" (said next to the meeting): the day the report is dated
            date = date or weekday_before(flat[s_start:s_end], published)  # "Seshanba kuni …": the last Tuesday
            if any(m.date == date and (date is not None or _same_action(m.title, title, least=2)) for m in meetings) \
                    or (meetings and len(title.split()) == 1):
                continue  # one meeting, told again ("Келіссөздер …", "Tashrif doirasida …": the one reported)
            if self._kinds["many"].search(" ".join(flat[max(s_start, noun.start() - 40) : noun.start()].split()[-2:])):
                continue  # "бірнеше кездесу", "bir qator uchrashuvlar": several meetings, none named
            participants = [p.name for p in people if any(s_start <= a < s_end for a, _ in p.spans)]
            if len(title.split()) == 1 and not participants:
                title, participants = self._bare_named(title, sentences, s_start, people)
            # A telephone or video call is held at a distance: "online", the contract's only remote format.
            online = self._kinds["online"].search(flat, s_start, s_end)
            meeting = Meeting(title=title, date=date, format="online" if online else None, participants=participants,
                              spans=[(start, end)])
            meetings.append(provenance.stamp(meeting, f"{self.rules.lang}.meetings.held_noun",
                                             [noun.span(), held.span()], set() if date else {"undated"}))
        return _dated_by_later(meetings + self._received(text, flat, sentences, dates, people, meetings))


    @cached_property
    def _genitive(self) -> tuple[str, ...]:
        return lexicons.words(self.rules.lang, "genitive_endings.tsv")

    def _whose(self, flat: str, s_start: int, start: int) -> int:
        """Back over the names the openers' trim took, when they end in the genitive: "Түркіменстан Президентінің
        Қазақстанға мемлекеттік сапары" is whose visit it is, part of its title, not who acts."""
        toks = _tokens(flat, s_start, start)
        if not toks or not self._genitive or re.search(r"[^\s,–—-]", flat[toks[-1].end : start]):
            return start
        k = len(toks) - 1
        while k >= 0 and not (toks[k].capital and toks[k].low.endswith(self._genitive)):
            k -= 1
        if k < 0 or not all(t.capital for t in toks[k:]):
            return start
        first = k
        while first > 0 and toks[first - 1].capital and not re.search(r"[^\s–—-]", flat[toks[first - 1].end : toks[first].start]):
            first -= 1
        return toks[first].start

    def _title_begins(self, flat: str, s_start: int, noun_start: int) -> int:
        """Where a meeting's title starts: after the clause's openers and any aside ("Айта кетері, Тоқаев …"), but
        with whose meeting it is in the genitive ("Түркіменстан Президентінің … сапары")."""
        start = self._whose(flat, s_start, self.rules._trim_openers(flat, s_start, noun_start))
        for opener in self.rules._clause_break.finditer(flat, s_start, noun_start):
            start = max(start, opener.end())
        return start

    def _bare_named(self, noun: str, sentences, s_start: int, people) -> tuple[str, list[str]]:
        """"Кездесу барысында мемлекет басшылары …": a bare noun names the meeting of the two people the sentence
        before named ("A пен B кездесу"); (title, participants), the noun alone when they are not two."""
        before = previous_sentence(sentences, s_start)
        named = sorted((min(a for a, _b in p.spans if before[0] <= a < s_start), p.name) for p in people
                       if before and any(before[0] <= a < s_start for a, _b in p.spans))
        if len(named) != 2:
            return noun, []
        participants = [name for _at, name in named]
        return self._named_title(participants, noun.lower()), participants

    def _named_title(self, names: list[str], noun: str) -> str:
        """"A пен B кездесуі", "A va B uchrashuvi": two people and the language's word joining them, then the meeting's
        noun in the possessive (meetings.tsv "called" for the language's own word; else the noun as written)."""
        return " ".join(w for w in (names[0], self._word("join", "".join(names)), names[1], noun) if w)

    @cached_property
    def _naming_words(self) -> dict[str, list[str]]:
        """meetings.tsv's words that name a meeting by its people: "join" ("va", "мен") and "called" ("uchrashuvi")."""
        forms: dict[str, list[str]] = {}
        for row in lexicons.rows(self.rules.lang, "meetings.tsv"):
            if row[0] in {"join", "called"}:
                forms.setdefault(row[0], []).append(row[1])
        return forms

    def _word(self, kind: str, names: str) -> str:
        """The naming word of ``kind`` in the script of the names (a language written in two has it in both)."""
        options = self._naming_words.get(kind, [""])
        return next((w for w in options if bool(_CYRILLIC.search(w)) == bool(_CYRILLIC.search(names))), options[0])

    def _received(self, text: str, flat: str, sentences, dates, people, meetings: list[Meeting]) -> list[Meeting]:
        """"Vazir A vazir B-ni qabul qildi", "A B-ті қабылдады": one official receiving another is a meeting of
        the two, called by their names and the language's word for a meeting ("A va B uchrashuvi")."""
        if "called" not in self._naming_words:
            return []
        out = []
        for s_start, s_end in sentences:
            verb = self._kinds["received"].search(flat, s_start, s_end)
            if verb is None or self._kinds["future"].search(flat, s_start, s_end) \
                    or any(s_start <= a < s_end for m in meetings for a, _b in m.spans):
                continue
            named = sorted((min(a for a, _b in p.spans if s_start <= a < verb.start()), p.name) for p in people
                           if any(s_start <= a < verb.start() for a, _b in p.spans))
            if len(named) != 2:
                continue
            names = named[0][1] + named[1][1]
            title = f"{named[0][1]} {self._word('join', names)} {named[1][1]} {self._word('called', names)}".replace("  ", " ")
            date = next((d.value for d in dates if s_start <= d.start < s_end and d.kind in {"date", "month"}), None)
            meeting = Meeting(title=title, date=date, format="in_person",
                              participants=[name for _at, name in named], spans=[(named[0][0], verb.end())])
            out.append(provenance.stamp(meeting, f"{self.rules.lang}.meetings.received", [verb.span()],
                                        set() if date else {"undated"}))
        return out


# "2024–2034 жылдарға арналған …", "2034 yilgacha bo'lgan … dasturi": the years a document's title opens
# with are words of the title, though not words of the tokenizer; the words before them are not.
_YEARS = re.compile(r"(?<![\w.,])(?:(?:19|20)\d\d\s*[-–—]\s*)?(?:19|20)\d\d(?=[\s-]*[^\W\d_])")


def _years_opening(flat: str, start: int, head: int, title_start: int) -> int:
    m = _YEARS.search(flat, start, head)
    return m.start() if m else title_start


class TurkicAgreements:
    """Agreements, treaties, protocols and roadmaps by their head noun; the title is the phrase that ends
    on it ("… көлік қатынасы туралы келісім", "… suv resurslari bo'yicha yo'l xaritasi")."""

    def __init__(self, rules: TurkicRules):
        self.rules = rules

    @cached_property
    def _heads(self) -> tuple[str, ...]:
        rows = lexicons.rows(self.rules.lang, "agreements.tsv")
        return tuple(sorted({row[1] for row in rows if row[0] == "head"}, key=len, reverse=True))

    @cached_property
    def _statuses(self) -> list[tuple[str, re.Pattern]]:
        lang = self.rules.lang
        return [(row[1], lexicons.compiled(lang, "agreements.tsv", r"(?<![\w'])(?:" + row[2].replace(" ", r"\s+") + ")", row))
                for row in lexicons.rows(lang, "agreements.tsv") if row[0] == "status"]

    @cached_property
    def _not_documents(self) -> list[re.Pattern]:
        lang = self.rules.lang
        return [lexicons.compiled(lang, "agreements.tsv", row[1], row)
                for row in lexicons.rows(lang, "agreements.tsv") if row[0] == "not"]

    @cached_property
    def _links(self) -> frozenset[str]:
        return frozenset(lexicons.words(self.rules.lang, "title_links.tsv"))

    def find(self, text: str, sentences) -> list[Agreement]:
        return [provenance.stamp(Agreement(title=title, status=status, spans=[span]),
                                 f"{self.rules.lang}.agreements.head_noun", cues, set() if status else {"no_status"})
                for title, status, span, cues in self.candidates(text, sentences)]

    def candidates(self, text: str, sentences) -> list[tuple[str, str | None, tuple[int, int], list]]:
        """(title, status, span, cue spans) of each phrase ending on a head noun, a repeated one once; the
        cues are the head noun and the word that gave the status."""
        flat = lexicons.canon(text)
        found: list[tuple[str, str | None, tuple[int, int], list]] = []
        for s_start, s_end in sentences:
            toks = _tokens(flat, s_start, s_end)
            for k, _tok in enumerate(toks):
                head = self._head_at(flat, toks, k)
                if head is None or any(rx.match(flat, toks[k].start) for rx in self._not_documents):
                    continue
                longer = self._head_at(flat, toks, k + 1) if k + 1 < len(toks) else None
                if longer is not None and len(longer.split()) > 1:
                    continue  # "темір жолы" of "темір жолы желісі": the longer head names it
                if k + 1 < len(toks) and self.rules.head_at(toks[k + 1].low) and _adjacent(flat, toks[k], toks[k + 1]):
                    continue  # "… шарты ұйымы": the document's noun names a body, the body's noun after it
                first = self._title_start(flat, toks, k - len(head.split()) + 1)
                end = toks[k].start + len(head.split()[-1])
                begin = _years_opening(flat, toks[first - 1].end if first else s_start, toks[k].start, toks[first].start)
                title = re.sub(r"\s+", " ", text[begin:end])
                if len(content_words(title)) < 2 or any(_same_action(title, f[0]) for f in _nearby(found)):
                    continue
                said = next(((st, m) for st, rx in self._statuses if (m := rx.search(flat, toks[k].start, s_end))), None) or \
                    next(((st, m) for st, rx in self._statuses if (m := rx.search(flat, s_start, s_end))), None)
                status = said[0] if said else None
                cues = [(toks[k - len(head.split()) + 1].start, end)] + ([said[1].span()] if said else [])
                found.append((title, status, (begin, end), cues))
        return found

    @cached_property
    def _by_last_word(self) -> dict[str, list[tuple[str, list[str]]]]:
        out: dict[str, list[tuple[str, list[str]]]] = {}
        for head in self._heads:
            *lead, last = head.split()
            out.setdefault(last, []).append((head, lead))
        return out

    def _head_at(self, flat: str, toks: list[Token], k: int) -> str | None:
        low = toks[k].low
        # ("бағдарламасын", "келісімін": the possessive's accusative is a bare "-н", as in RulesOf.head_at)
        bare = (low[:-1],) if low.endswith(("ын", "ін")) else ()
        for stem in self.rules.stems(low) + bare:
            for head, lead in self._by_last_word.get(stem, ()):
                if k >= len(lead) and [t.low for t in toks[k - len(lead) : k]] == lead:
                    return head
        return None

    def _title_start(self, flat: str, toks: list[Token], k: int) -> int:
        """The first word of the title: back over the words tied to the head (no punctuation but quotes
        and dashes), at most eight, stopping at a clause opener or a finite verb's subject."""
        j = k
        while j > 0 and k - j < 8 and (not re.search(r"[,.;:!?()\n]", flat[toks[j - 1].end : toks[j].start])
                                        or _inside_quotes(flat, toks[j].start)) \
                and (toks[j - 1].low not in self.rules._stop or toks[j - 1].low in self._links) \
                and toks[j - 1].low not in self.rules._frames:  # "Uchrashuv yakunida …": the frame is not the title
            j -= 1
        while j < k and toks[j].capital and self.rules._inflected(toks[j].low) and not is_country(toks[j].text):
            j += 1  # "Душанбеде …": where, not what
        return j


class TurkicNamedThings(TurkicAgreements):
    """Projects and events: a head noun ("GES", "темір жолы", "forumi") after a proper name — a word with a
    capital, in quotes or with a number — which starts the record's name."""

    def __init__(self, rules: TurkicRules, kind: str):
        super().__init__(rules)
        self.kind = kind

    @cached_property
    def _heads(self) -> tuple[str, ...]:
        rows = lexicons.rows(self.rules.lang, "named_things.tsv")
        return tuple(sorted({row[1].lower() for row in rows if row[0] == self.kind and len(row) == 2}, key=len, reverse=True))

    @cached_property
    def _statuses(self) -> list[tuple[str, re.Pattern]]:
        lang = self.rules.lang
        return [(row[1], lexicons.compiled(lang, "named_things.tsv", r"(?<![\w'])(?:" + row[2].replace(" ", r"\s+") + ")", row))
                for row in lexicons.rows(lang, "named_things.tsv") if row[0] == self.kind and len(row) == 3]

    @cached_property
    def _not_documents(self) -> list[re.Pattern]:
        return []

    @cached_property
    def _dedicated(self) -> frozenset[str]:
        rows = lexicons.rows(self.rules.lang, "named_things.tsv")
        return frozenset(row[1].lower() for row in rows if row[0] == "dedicated" and self.kind == "event")

    @staticmethod
    def _proper_run(flat: str, toks: list[Token]) -> int | None:
        """Where the proper name before the head starts: the last run of words with a capital, in quotes or
        with a number ("Qozog'iston – Tojikiston", "«Арал-Шалқар»", "Yashil-2"), at most
        three common words before the head ("“Навоий-Бухоро” эркин савдо")."""
        def proper(i: int) -> bool:
            t = toks[i]
            # "qozoq-o'zbek biznes-forumi": the two peoples' names, written in lower case, name it too.
            return t.capital or t.text.isupper() or flat[t.start - 1 : t.start] in ("«", "“", '"') \
                or bool(re.match(r"-?\d", flat[t.end : t.end + 2])) \
                or "-" in t.text and any(country_of(w[:1].upper() + w[1:]) for w in t.text.split("-") if len(w) > 2)
        last = next((i for i in range(len(toks) - 1, max(-1, len(toks) - 5), -1) if proper(i)), None)
        if last is None:
            return None
        i = last
        while i > 0 and proper(i - 1) and (not re.search(r"[,.;:!?()\n]", flat[toks[i - 1].end : toks[i].start])
                                           or _inside_quotes(flat, toks[i].start)):
            i -= 1
        return toks[i].start

    def _after_people(self, flat: str, start: int, end: int) -> int:
        """Past the titles and names of people that open the phrase ("Vazir Ism Familiyev …")."""
        rules = self.rules
        toks = _tokens(flat, start, end)
        # (the country a title belongs to, and the word "republic", stand before the title and open it too)
        titled = any(t.low in rules._title_words for t in toks[:4])
        for tok in toks:
            if not (tok.low in rules._title_words or (tok.capital and (
                    is_given_name(tok.text) or rules._surname_end.search(rules.nominative(tok.text))))
                    or titled and (is_country(tok.text) or tok.low in _REPUBLIC)):
                break
            start = tok.end
        return start

    def named(self, text: str, sentences) -> list[tuple[str, str | None, tuple[int, int], list]]:
        """(name, status, span, cue spans) of every named project or event."""
        out: list[tuple[str, str | None, tuple[int, int], list]] = []
        flat = lexicons.canon(text)
        for _title, status, (start, end), cues in self.candidates(text, sentences):
            start = self._after_people(flat, start, end)
            toks = _tokens(flat, start, end)
            first = self._proper_run(flat, toks[:-1])
            if first is None and any(t.low in self._dedicated for t in toks):
                first = toks[0].start  # "… 30 yilligiga bag'ishlangan xalqaro forum": named by what it marks
            if first is None:
                continue
            if _inside_quotes(flat, first):
                # «Шымкент – Арыс» жаңа автожолы: every word inside the quotes names it
                first = max(flat.rfind(q, max(0, first - 120), first) for q in ("«", "“", '"')) + 1
            start = first - 1 if flat[first - 1 : first] in ("«", "“", '"') else first
            name = text[start:end].strip()
            if any(_same_action(name, n, least=2) for n, _, _, _ in _nearby(out)):
                continue
            out.append((name, status, (start, end), cues))
        return out
