"""Russian rules (also used for Kazakh and Uzbek Cyrillic until they have their own).

Russian inflects titles, names and bodies: "министра торговли Айдара
Фамилиева", "второго заседания Высшего межгосударственного совета". Titles and
organisation heads match by their dictionary form (pymorphy3, loaded lazily);
names are reduced to the nominative.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kenes.extraction import lexicons, steps
from kenes.extraction.en import OrgMention, Tok, tokenize
from kenes.extraction.grammar_ru import INDICATORS, MEASURES, OCCASIONS  # noqa: F401 (the steps read them)
from kenes.extraction.names import (
    PersonMention,
    can_be_name_word,
    country_of,
    is_country,
    is_given_name,
    looks_like_surname,
    ru_nominative,
    safe_parse,
    title_country,
)

# Adjectives that make a lower-case noun a named body ("совместная межправительственная комиссия").
_BODY_ADJECTIVES = re.compile(r"^(?:совместн|межправительственн|межгосударственн|двусторонн|межпарламентск|"
                              r"рабоч|высш|деловой|делов|экспертн|координационн|консультативн|межведомственн|"
                              r"национальн|международн|евразийск|казахстанско|узбекско|узбекистанско)")


@lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    parses = safe_parse(word.lower())
    return parses[0].normal_form if parses else word.lower()


@lru_cache(maxsize=16384)
def _parses(word: str):
    return safe_parse(word.lower())


@lru_cache(maxsize=16384)
def _inflect(parse, wanted: frozenset):
    """pymorphy's inflection (slow: it rebuilds the lexeme), remembered for the recent words; None when
    there is no such form."""
    try:
        return parse.inflect(set(wanted))
    except ValueError:
        return None


def _case_of(word: str, wanted: set[str]) -> bool:
    return any(p.tag.case in wanted for p in _parses(word))


@lru_cache(maxsize=16384)
def _is_prep(word: str) -> bool:
    parses = _parses(word)
    return bool(parses) and ("PREP" in parses[0].tag or "CONJ" in parses[0].tag)


def _is_adj(word: str) -> bool:
    return any("ADJF" in p.tag or "PRTF" in p.tag for p in _parses(word)[:2])


@cache
def _titles() -> dict[str, str]:
    """First-word lemma → titles (nominative) starting with it, longest first."""
    out: dict[str, list[str]] = {}
    for t in lexicons.titles("ru"):
        out.setdefault(_lemma(t.split()[0]), []).append(t)
    return out


@cache
def _heads() -> frozenset[str]:
    return frozenset(h for h in lexicons.org_heads("ru") if " " not in h)


@cache
def _known_bodies() -> re.Pattern:
    """Cyrillic names of known bodies from the organisations lexicon, for bodies whose names are not Russian
    and do not decline like Russian ("Маджлиси намояндагон", "Жогорку Кенеш"); a Russian case ending
    may follow ("Мажилиса")."""
    forms = {f for e in lexicons.organizations() for f in [e["name"], *(e.get("aliases") or [])]
             if re.search("[а-яА-ЯёЁ]", f) and not f.isupper()}
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?:" + alts + r")(?:а|у|ом|е)?(?![\w\-])")


def _known_body_end(text: str, toks: list[Tok], j: int) -> int:
    """Index after a known body starting at toks[j] with what names it further: another known body, its
    parliament, "Республики Беларусь" (a chamber, then its parliament, then "Республики Беларусь"); j if none."""
    k = j
    while k < len(toks):
        m = _known_bodies().match(text, toks[k].start) if toks[k].cap else None
        if m:
            k = next((x for x in range(k, len(toks)) if toks[x].start >= m.end()), len(toks))
            continue
        if k > j and _lemma(toks[k].text) == "республика" and k + 1 < len(toks) and is_country(toks[k + 1].text):
            k += 2
            continue
        # "… Словацкой Республики": a country adjective before "Республики".
        if k > j and k + 1 < len(toks) and country_of(toks[k].text) and _lemma(toks[k + 1].text) == "республика":
            k += 2
            continue
        if k > j and toks[k].cap and _lemma(toks[k].text) in {"парламент", "палата"}:
            k += 1
            continue
        break
    return k


def _name_word(tok: Tok) -> bool:
    t = tok.text
    return (tok.cap and len(t) > 1 and can_be_name_word(t) and t.replace("-", "").isalpha()
            and not t.isupper() and not is_country(t))


def _person_signal(word: str) -> bool:
    if is_given_name(word) or looks_like_surname(word):
        return True
    return any(("Name" in p.tag or "Surn" in p.tag) and p.score >= 0.1 for p in _parses(word.split("-")[-1]))


_INITIAL = re.compile(r"[А-ЯЁ]\.(?:-[А-ЯЁ]\.)?")


def _adjective(word: str) -> bool:
    """«Почетным» of «… Ивана Петрова Почетным Знаком»: an adjective with a capital, not a third name
    (a surname or patronymic is a noun to the dictionary)."""
    parses = _parses(word)
    return bool(parses) and parses[0].tag.POS in {"ADJF", "PRTF"} and not any(
        ("Name" in p.tag or "Surn" in p.tag or "Patr" in p.tag) and p.score >= 0.1 for p in parses)


def _initials_name_at(toks: list[Tok], i: int) -> int:
    """"С.Жапаров", "А.Б. Иванов": one or two initials and a surname (a word the dictionary or its
    ending says is one), as the Russian press names people after a first full mention."""
    k = i
    while k < len(toks) and k - i < 2 and _INITIAL.fullmatch(toks[k].text):
        k += 1
    if k == i or k >= len(toks) or not _name_word(toks[k]) or toks[k].start - toks[k - 1].end > 1:
        return 0
    surname = toks[k].text
    if _lemma(surname) in _heads() or not (looks_like_surname(surname) or _person_signal(surname)):
        return 0
    return k - i + 1


def _name_at(toks: list[Tok], i: int, need_signal: bool) -> int:
    if i < len(toks) and toks[i].text[-1] == "." and _INITIAL.fullmatch(toks[i].text):  # (the dot: a quick no)
        return _initials_name_at(toks, i)
    n = 0
    while i + n < len(toks) and n < 3 and _name_word(toks[i + n]) and not (n == 2 and _adjective(toks[i + n].text)):
        n += 1
    if n < 2:
        return 0
    words = [t.text for t in toks[i : i + n]]
    if any(_lemma(w) in _heads() for w in words):
        return 0
    if need_signal and not (is_given_name(words[0]) or (_person_signal(words[0]) and _person_signal(words[-1]))):
        return 0
    return n


def _title_at(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """(title in the nominative, tokens used) when a title starts at toks[i]."""
    candidates = _titles().get(_lemma(toks[i].text))
    if not candidates:
        return None
    # "Первый заместитель директора": "первый" ranks any title the lexicon lacks in that form.
    if _lemma(toks[i].text) == "первый" and i + 1 < len(toks) and not any(
            t.split()[0] == "первый" and _title_matches(toks, i, t) for t in candidates):
        inner = _title_at(toks, i + 1)
        return ("первый " + inner[0], inner[1] + 1) if inner else None
    for title in candidates:
        if _title_matches(toks, i, title):
            return title, len(title.split())
    # "заместитель генерального директора": a deputy of any title, the title as written (genitive).
    if _lemma(toks[i].text) == "заместитель" and i + 1 < len(toks) and toks[i + 1].text.islower():
        inner = _title_at(toks, i + 1)
        if inner:
            return " ".join(["заместитель", *(t.text for t in toks[i + 1 : i + 1 + inner[1]])]), inner[1] + 1
    return None


def _title_matches(toks: list[Tok], i: int, title: str) -> bool:
    words = title.split()
    return i + len(words) <= len(toks) and all(_lemma(toks[i + k].text) == _lemma(w) for k, w in enumerate(words))


_QUOTES_OPEN = {"«", '"', "“", "„"}
_QUOTES_CLOSE = {"»", '"', "”", "“"}
# Legal forms written before a quoted company name: АО «Узбекские железные дороги».
_LEGAL_FORMS = {"АО", "АОО", "ОАО", "ЗАО", "ПАО", "ТОО", "ООО", "ГУП", "ГП", "РГП", "НАО", "ОАХК", "ГК", "НК",
                "АК", "ЧП", "ИП", "СП", "ГУ", "РГУ", "АООТ"}
# Lower-case nouns that name the kind of an organisation whose proper name follows in Latin letters
# or quotes: "технопарк Xyz Hub", "компания «КазМунайГаз»".
_KIND_NOUNS = {"компания", "технопарк", "холдинг", "оператор", "предприятие", "банк", "фонд", "корпорация",
               "агентство", "платформа", "акселератор", "хаб", "центр", "институт", "университет",
               "перевозчик", "концерн", "объединение", "ассоциация", "биржа", "палата"}
# Nouns of a region that a title governs: "аким Туркестанской области".
_REGION_NOUNS = {"область", "район", "город", "край", "округ", "регион", "вилоят", "туман"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-.&]*$")


def _latin_end(toks: list[Tok], j: int) -> int:
    """End of a run of Latin-script words starting with a capital ("Xyz Tech Lab"), j if none."""
    k = j
    while k < len(toks) and _LATIN_WORD.match(toks[k].text) and (k > j or toks[k].cap or toks[k].text.isupper()):
        k += 1
        # "Erasmus+": a plus glued to the word belongs to the name.
        if k < len(toks) and toks[k].text == "+" and toks[k].start == toks[k - 1].end:
            k += 1
    return k


def _quoted_end(toks: list[Tok], j: int) -> int:
    """End (after the closing quote) of a quoted name starting at toks[j], j if none."""
    if j >= len(toks) or toks[j].text not in _QUOTES_OPEN:
        return j
    for k in range(j + 1, min(len(toks), j + 10)):
        if toks[k].text in _QUOTES_CLOSE:
            return k + 1 if k > j + 1 else j
    return j


def _proper_org_at(toks: list[Tok], j: int) -> int:
    """A proper organisation name without a head word: legal form + quotes, quotes, Latin words."""
    if j < len(toks) and toks[j].text in _LEGAL_FORMS:
        q = _quoted_end(toks, j + 1)
        if q > j + 1:
            return q
        return _latin_end(toks, j + 1) if _latin_end(toks, j + 1) > j + 1 else j
    q = _quoted_end(toks, j)
    if q > j:
        return q
    return _latin_end(toks, j)


def _title_tail(text: str, toks: list[Tok], j: int):
    """What follows a title up to the name: portfolio, region, organisation, country.

    "заместитель министра сельского хозяйства Республики Беларусь", "аким Туркестанской области",
    "председатель комитета по туризму Республики Беларусь", "председатель правления Xyz Hub".
    Returns (tail words, organisation, country, index after the tail, proper-name span of the
    organisation when it has no head word (Latin, quoted, legal form), else None).
    """
    reading = _TailReading(text, toks, j)
    while reading.j < len(toks) and len(reading.tail) < 10:
        # The first step that takes the token wins; a name (None), or no step taking it, ends the tail.
        taken = next((result for step in _TAIL_STEPS if (result := step(reading)) is not False), None)
        if not taken:
            break
    tail = reading.tail
    while tail and tail[-1] in {",", "и"}:
        tail.pop()
    country = reading.country or (country_of(reading.org) if reading.org else None)
    return tail, reading.org, country, reading.j, reading.proper


class _TailReading:
    """Where the reading of a title's tail is: the words kept, the body and country found, the token."""

    def __init__(self, text: str, toks: list[Tok], j: int):
        self.text, self.toks, self.j = text, toks, j
        self.tail: list[str] = []
        self.org: str | None = None
        self.country: str | None = None
        self.proper: tuple[int, int] | None = None

    @property
    def tok(self) -> Tok:
        return self.toks[self.j]

    def next_is(self, test) -> bool:
        return self.j + 1 < len(self.toks) and bool(test(self.toks[self.j + 1]))


# Each step reads the current token: True when it took it (and moved on), False when it does not apply,
# None when the tail ends there.
def _known_body(r: _TailReading) -> bool:
    # "председателем", a known chamber of a known parliament, "Республики Беларусь", then a name.
    if r.org is None and r.tok.cap and (k := _known_body_end(r.text, r.toks, r.j)) > r.j:
        r.org = r.text[r.toks[r.j].start : r.toks[k - 1].end]
        r.proper = (r.toks[r.j].start, r.toks[k - 1].end)
        r.j = k
        return True
    return False


def _governed_place(r: _TailReading) -> bool:
    # "заместитель акима города Алматы": the name of the city or region the title governs.
    toks, j = r.toks, r.j
    if r.tail and _lemma(r.tail[-1]) in _REGION_NOUNS and r.tok.cap and r.tok.text.isalpha() \
            and (not _name_at(toks, j, need_signal=True) or _name_at(toks, j + 1, need_signal=True)):
        r.tail.append(r.tok.text)
        r.j += 1
        return True
    return False


def _bracketed_acronym(r: _TailReading) -> bool:
    # "ректор … университета (АБВГ) Имя Фамилиев": the acronym of the body just named.
    toks, j = r.toks, r.j
    if r.org is not None and r.tok.text == "(" and j + 2 < len(toks) and toks[j + 2].text == ")" \
            and sum(c.isupper() for c in toks[j + 1].text) >= 2:
        r.j += 3
        return True
    return False


def _portfolio(r: _TailReading) -> bool:
    # "проректор по международному сотрудничеству …": the portfolio is part of the title.
    toks, j = r.toks, r.j
    if r.tok.text == "по" and r.org is None and r.next_is(lambda t: t.text.islower()):
        k = j + 1
        while k < len(toks) and k - j <= 4 and toks[k].text.isalpha() and toks[k].text.islower() \
                and not _is_prep(toks[k].text):
            k += 1
        r.tail += [x.text for x in toks[j:k]]
        r.j = k
        return True
    # "заведующая кафедрой мировой экономики": what a head of a unit heads is in the instrumental.
    w = r.tok.text
    if not r.tail and r.org is None and w.islower() and w.isalpha() and _lemma(toks[j - 1].text) == "заведовать" \
            and _case_of(w, {"ablt"}):
        r.tail.append(w)
        r.j += 1
        return True
    return False


def _country_words(r: _TailReading) -> bool:
    toks, j, w = r.toks, r.j, r.tok.text
    if _lemma(w) == "республика" and r.next_is(lambda t: is_country(t.text)):
        r.country = r.country or country_of(toks[j + 1].text)
        r.j += 2
        return True
    if r.tok.cap and (is_country(w) or country_of(w)) and not (_adjective_before(w) and _head_after(toks, j)):
        r.country = r.country or country_of(w)
        r.j += 1
        if r.j < len(toks) and _lemma(toks[r.j].text) == "республика":
            r.j += 1
        return True
    # "посол Узбекистана в Таджикистане": the host country is not the envoy's.
    if w in {"в", "во"} and r.next_is(lambda t: t.cap and country_of(t.text)) and r.tail == []:
        r.j += 2
        return True
    # "Генеральный консул Республики Беларусь в Алматы": the city of the post, one word.
    if w in {"в", "во"} and r.country and r.next_is(lambda t: t.cap and t.text.isalpha()) \
            and not _name_at(toks, j + 1, need_signal=True):
        r.j += 2
        return True
    return False


def _body(r: _TailReading) -> bool:
    """The body the title is of: a proper name, an acronym, or a head noun with its adjectives."""
    if r.org is not None:
        return False
    text, toks, j, t = r.text, r.toks, r.j, r.tok
    w = t.text
    end = _proper_org_at(toks, j)
    if end > j and not (end == j + 1 and (is_country(w) or not t.cap)):
        r.org, r.proper, r.j = text[toks[j].start : toks[end - 1].end], (toks[j].start, toks[end - 1].end), end
        return True
    if w.isupper() and len(w) > 1 and w.isalpha():
        r.org, r.j = w, j + 1
        return True
    heads = _heads()
    head = j if t.cap and _lemma(w) in heads else None
    # "Российско-Словацкого Технического университета": up to three adjectives before the head.
    k = j
    while head is None and k < len(toks) and k - j < 3 and (toks[k].cap or k > j) and _adjective_before(toks[k].text):
        k += 1
        if k < len(toks) and _lemma(toks[k].text) in heads:
            head = k
    if head is not None:
        b = _org_end(toks, head, text)
        r.org = _nominative_org(toks, j, head, b, text)
        # "председатель Комитета по международным делам …": a committee's chair is named with
        # the committee in the title (the parent body or country after it is not).
        if _lemma(toks[head].text) == "комитет":
            c = head + 1
            while c < b and not (toks[c].cap and (country_of(toks[c].text) or _lemma(toks[c].text) in heads
                                                  or _lemma(toks[c].text) == "республика")) and toks[c].text != "при":
                c += 1
            r.tail += [x.text for x in toks[j:c]]
        # "… Республики Беларусь «Икс»": the body's own name in quotes closes it.
        q = _quoted_end(toks, b)
        if q > b:
            r.org += " " + text[toks[b].start : toks[q - 1].end]
        r.j = q
        return True
    # "правления технопарка Xyz Hub": the kind of body is not part of the title.
    if w.islower() and _lemma(w) in _KIND_NOUNS and _proper_org_at(toks, j + 1) > j + 1:
        r.j += 1
        return True
    return False


def _portfolio_words(r: _TailReading) -> bool:
    toks, j, w = r.toks, r.j, r.tok.text
    if r.tok.cap and _is_adj(w) and r.next_is(lambda t: _lemma(t.text) in _REGION_NOUNS):
        r.tail += [w, toks[j + 1].text]
        r.j += 2
        return True
    if r.org is None and w.islower() and w.isalpha() and _case_of(w, {"gent"}) and len(w) > 2:
        r.tail.append(w)
        r.j += 1
        return True
    # "цифрового развития, инноваций и аэрокосмической промышленности": an enumerated portfolio.
    if r.org is None and r.tail and w in {",", "и"} and r.next_is(
            lambda t: t.text.islower() and t.text.isalpha() and _case_of(t.text, {"gent"}) and len(t.text) > 2):
        r.tail.append(w)
        r.j += 1
        return True
    return False


def _stop_at_name(r: _TailReading) -> bool | None:
    """A name ends the tail."""
    return None if r.tok.cap and _name_at(r.toks, r.j, need_signal=True) else False


_TAIL_STEPS = (_known_body, _governed_place, _stop_at_name, _bracketed_acronym, _portfolio, _country_words, _body,
               _portfolio_words)


def _head_after(toks: list[Tok], j: int) -> bool:
    """"Казахского университета", "Российско-Словацкого Технического университета": capitalised adjectives
    from toks[j] lead to an organisation's head noun."""
    k = j
    while k < len(toks) and k - j < 3 and (toks[k].cap or k > j) and _adjective_before(toks[k].text):
        k += 1
        if k < len(toks) and _lemma(toks[k].text) in _heads():
            return True
    return False


def _join(words: list[str]) -> str:
    return " ".join(words).replace(" ,", ",")


_DASHES = {"—", "–", "-"}


class _People:
    """The people one text names, found sentence by sentence (mentions never share a start)."""

    def __init__(self, text: str):
        self.text = text
        self.mentions: list[PersonMention] = []
        self.taken: set[int] = set()

    def add(self, toks, k, n, titles, country, rule, cues=()):
        start, end = toks[k].start, toks[k + n - 1].end
        if start in self.taken:
            for m in self.mentions:
                if m.start == start:
                    m.titles += [t for t in titles if t not in m.titles]
                    m.country = m.country or country
            return
        words = ru_nominative([t.text for t in toks[k : k + n]])
        self.mentions.append(PersonMention(start, end, words, list(titles), country, self.text[start:end], rule,
                                           list(cues)))
        self.taken.add(start)

    def titled(self, toks) -> set[int]:
        """The people the titles in a sentence name; returns the tokens read as titles (nobody's name)."""
        after_title = 0
        in_titles: set[int] = set()
        carried, carried_to = [], -1  # "заместитель председателя — министр … Name": the first of two titles
        for i in range(len(toks)):
            # "заместитель министра …": the inner "министра" is part of the title already read.
            found = _title_at(toks, i) if i >= after_title else None
            if not found:
                continue
            title, used = found
            tail, org, country, j, _ = _title_tail(self.text, toks, i + used)
            after_title = j
            in_titles.update(range(i, j))
            full = _join([title, *tail])
            country = country or title_country(full)
            cue = [(toks[i].start, toks[i + used - 1].end)]
            n = _name_at(toks, j, need_signal=False)
            held, carried = [t for t in carried if i == carried_to] + [(full, org)], []
            if not n and j + 1 < len(toks) and toks[j].text in _DASHES and _title_at(toks, j + 1):
                carried, carried_to = held, j + 1
                continue
            if not n:
                # "Name Surname, председатель комитета …": the title after the name.
                if i >= 3 and toks[i - 1].text == "," and _name_at(toks, i - 3, need_signal=False) == 2:
                    self.add(toks, i - 3, 2, [(full, org)], country, "name_then_title", cue)
                continue
            self.add(toks, j, n, held, country, "title_before_name", cue)
            # "президенты Name Surname и Name Surname": one plural title, two names.
            k = j + n
            if k + 1 < len(toks) and toks[k].text == "и" and _name_at(toks, k + 1, need_signal=False):
                self.add(toks, k + 1, _name_at(toks, k + 1, need_signal=False), [(full, org)], None,
                         "title_before_names", cue)
        return in_titles

    def untitled(self, toks, in_titles: set[int]) -> None:
        i = 0
        while i < len(toks):
            n = _name_at(toks, i, need_signal=True) if i not in in_titles else 0
            if n:
                # The word that made it a name: a known given name, else the surname's ending.
                w = toks[i] if is_given_name(toks[i].text) else toks[i + n - 1]
                self.add(toks, i, n, [], None, "given_name" if w is toks[i] else "surname_ending",
                         [(w.start, w.end)])
                i += n
            else:
                i += 1


def find_people(text: str, sentences: list[tuple[int, int]]) -> list[PersonMention]:
    people = _People(text)
    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        people.untitled(toks, people.titled(toks))
    return people.mentions


# --- organisations --------------------------------------------------------------------

_NOMINATIVE_SURNAME = re.compile(r"[а-яё](?:ов|ев|ёв|ин|ын|зода|заде|улы|уулу|кызы|швили|дзе|енко)$")
_GENERIC_BODY = {"рабочий", "совместный", "двусторонний", "новый", "данный", "этот", "наш", "такой"}
# "данная", "эта", "указанная" (pymorphy reads "данная" as a participle of "дать": matched as written)
_DEMONSTRATIVE = re.compile(r"(?:данн|указанн|эт|наш|так)(?:ый|ая|ое|ые|ого|ой|ом|ую|ых|им|и|а|о|у|от|ими)?")


def _org_end(toks: list[Tok], i: int, text: str = "") -> int:
    """Index after an organisation whose head noun is toks[i]: its genitive chain and "по"/"при"/"в сфере"
    complements ("Комитет по развитию туризма при правительстве Республики Беларусь")."""
    b = i + 1
    mode = "gent"  # the case the next word of the chain must be in
    while b < len(toks):
        # Each reader returns (what to do: "go" on, "end" after b, or "next" reader; b; mode).
        for read in (_org_end_before, _org_links, _org_words):
            action, b, mode = read(toks, i, b, mode, text)
            if action != "next":
                break
        if action != "go":
            break
    while b > i + 1 and toks[b - 1].text in {"и", ",", "по"}:
        b -= 1
    return b


def _org_end_before(toks: list[Tok], i: int, b: int, mode: str, text: str):
    """A known parent body, a person's name, or the person a body is named after ends the chain."""
    w = toks[b].text
    # "Палаты представителей Национального собрания Республики Беларусь": a known body names the parent.
    if text and toks[b].cap and (k := _known_body_end(text, toks, b)) > b:
        return "end", k, mode
    # The chain never runs into a person's name: "… Министерства спорта Беларуси Анна Фамилиева".
    if toks[b].cap and _name_at(toks, b, need_signal=True):
        return "end", b, mode
    # "… Беларуси Иван Фамилиев": a nominative surname after a capitalised word is a person,
    # whatever the given name; a body's genitive chain never ends that way.
    if toks[b].cap and b + 1 < len(toks) and toks[b + 1].cap and _name_word(toks[b]) \
            and _NOMINATIVE_SURNAME.search(toks[b + 1].text) and not country_of(toks[b].text):
        return "end", b, mode
    # "университет … имени Мухаммада аль-Хорезми": the person a body is named after.
    if _lemma(w) == "имя" and w.islower() and b + 1 < len(toks) and toks[b + 1].cap:
        b += 1
        first = b
        while b < len(toks) and b - first < 3 and (toks[b].cap or "-" in toks[b].text
                                                   and toks[b].text.split("-")[-1][:1].isupper()):
            # "… имени Садриддина Айни Фарход Рахимзода": the person named next is not the honouree.
            if b > first and b + 1 < len(toks) and toks[b + 1].cap and _NOMINATIVE_SURNAME.search(toks[b + 1].text):
                break
            b += 1
        return "end", b, mode
    return "next", b, mode


def _org_links(toks: list[Tok], i: int, b: int, mode: str, text: str):
    """The words that link a complement: «по», «с», «при», «в сфере», «между», «Республики», commas, «и»."""
    w = toks[b].text
    if w == "по" and mode == "gent":
        return "go", b + 1, "datv"
    # "центр по борьбе с туберкулёзом": a "с"-phrase completes the remit.
    if w in {"с", "со"} and mode in {"datv", "gent2"} and b + 1 < len(toks) and toks[b + 1].text.isalpha() \
            and _case_of(toks[b + 1].text, {"ablt"}):
        return "go", b + 2, mode
    if w == "при" and b + 1 < len(toks) and toks[b + 1].cap and _case_of(toks[b + 1].text, {"loct"}):
        return "go", b + 2, "gent2"
    if w in {"в", "во"} and b + 2 < len(toks) and _lemma(toks[b + 1].text) in {"сфера", "область"} \
            and b > i + 1 and toks[b + 2].text.isalpha() and _case_of(toks[b + 2].text, {"gent"}):
        return "go", b + 2, "gent2"
    if w == "между" and b + 3 < len(toks) and country_of(toks[b + 1].text) and toks[b + 2].text == "и" \
            and country_of(toks[b + 3].text):
        return "end", b + 4, mode
    # "между Республикой Беларусь и Республикой Молдова".
    if w == "между" and b + 5 < len(toks) and _lemma(toks[b + 1].text) == "республика" \
            and is_country(toks[b + 2].text) and toks[b + 3].text == "и" \
            and _lemma(toks[b + 4].text) == "республика" and is_country(toks[b + 5].text):
        return "end", b + 6, mode
    # "Республики Беларусь": the country's name keeps the nominative after "Республика".
    if toks[b].cap and is_country(w) and _lemma(toks[b - 1].text) == "республика":
        return "go", b + 1, mode
    if w == "," and b + 1 < len(toks) and b > i + 1 and toks[b + 1].text.islower() \
            and toks[b + 1].text.isalpha() and _case_of(toks[b + 1].text, {"gent"}) and mode != "datv" \
            and len(toks[b + 1].text) > 2:
        return "go", b + 1, mode
    # "Комитет по международным делам, обороне и безопасности": an enumerated remit after "по"
    # goes on through commas while its items stay in the dative and an "и" closes the list.
    if w == "," and mode == "datv" and b + 1 < len(toks) and toks[b + 1].text.isalpha() \
            and toks[b + 1].text.islower() and _case_of(toks[b + 1].text, {"datv"}) \
            and any(x.text == "и" for x in toks[b + 2 : b + 8]):
        return "go", b + 1, mode
    if w == "и" and b + 1 < len(toks) and b > i + 1:
        # "… палатой Туркменистана и Национальной палатой …": a capitalised word after "и" that is
        # not a country starts the next body.
        if toks[b + 1].cap and not is_country(toks[b + 1].text):
            return "end", b, mode
        return "go", b + 1, mode
    return "next", b, mode


def _org_words(toks: list[Tok], i: int, b: int, mode: str, text: str):
    """A word of the chain: in the case the chain is in; a preposition or a short word ends it."""
    w = toks[b].text
    if len(w) < 3 and w != "и":
        return "end", b, mode
    # "… по экономическому сотрудничеству под председательством": a preposition ends the name.
    if _is_prep(w):
        return "end", b, mode
    # "по торгово-экономическому сотрудничеству": a compound adjective by its last part.
    if "-" in w and w.replace("-", "").isalpha() and mode == "datv" and _case_of(w.split("-")[-1], {"datv"}):
        return "go", b + 1, mode
    if w.isalpha() and (_case_of(w, {mode}) or (mode == "datv" and _case_of(w, {"gent"}))):
        if mode == "datv" and _case_of(w, {"gent"}) and not _case_of(w, {"datv"}):
            mode = "gent2"
        return "go", b + 1, mode
    if mode == "gent2" and w.isalpha() and _case_of(w, {"gent"}):
        return "go", b + 1, mode
    return "end", b, mode


def find_organizations(text: str, sentences: list[tuple[int, int]]) -> list[OrgMention]:
    found: list[OrgMention] = []
    heads = _heads()
    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        inside = 0  # end of the last organisation: a head inside it is a nested one
        # A title's organisation without a head word: "председатель правления Xyz Hub Иван Фамилиев".
        for i in range(len(toks)):
            if (title := _title_at(toks, i)) and (proper := _title_tail(text, toks, i + title[1])[4]):
                found.append(OrgMention(proper[0], proper[1], text[proper[0] : proper[1]], None, "title_organization",
                                        [(toks[i].start, toks[i + title[1] - 1].end)]))
        i = 0
        while i < len(toks):
            t = toks[i]
            if (named := _name_after_kind(text, toks, i)) is not None:
                found.append(named[0])
                inside = max(inside, named[1])
                i = named[1]
                continue
            lemma = _lemma(t.text) if t.text.isalpha() else ""
            # "рабочая группа", "группа дружбы": a group is a body only with the word that says which.
            group = lemma == "группа" and (i > 0 and _lemma(toks[i - 1].text) == "рабочий" or (
                i + 1 < len(toks) and _lemma(toks[i + 1].text) == "дружба"))
            if lemma not in heads and not group or (i < inside and not t.cap):
                i += 1
                continue
            a = i
            while a > 0 and i - a < 3 and a > inside and _adjective_before(toks[a - 1].text):
                a -= 1
            b = _org_end(toks, i, text)
            # "палата «…»", "Совет «Xyz Asia»": a quoted or Latin name right after the head.
            q = _quoted_end(toks, b)
            b = q if q > b else b
            words = [x.text for x in toks[a:b]]
            cap = toks[a].cap and a > 0 or (toks[a].cap and toks[a].text.lower() != lemma and a < i)
            named = cap or toks[i].cap or any(_BODY_ADJECTIVES.match(w.lower()) for w in words[: i - a + 1])
            # ("Данная компания" opening a sentence: a demonstrative's capital is the sentence's, not a name's)
            generic = not any(x.cap for x in toks[a:b] if not _DEMONSTRATIVE.fullmatch(x.text.lower())) \
                and b == i + 1 and all(_lemma(x.text) in _GENERIC_BODY or _DEMONSTRATIVE.fullmatch(x.text.lower())
                                       for x in toks[a:i])
            # "Университеты Беларуси и Молдовы …" opening a sentence: a plural head is a kind, not a name.
            if a == i == 0 and all(p.tag.number == "plur" for p in _parses(t.text) if "NOUN" in p.tag):
                named = False
            if len(words) >= 2 and named and not generic:
                start, end = toks[a].start, toks[b - 1].end
                # "Евразийской экономической комиссии (ЕЭК)": an acronym in brackets, in capitals. The span
                # takes it in, so the evidence shows a form of the name even when the case changed.
                acr = _ACRONYM.match(text, end)
                acronym = acr.group(1) if acr and sum(c.isupper() for c in acr.group(1)) >= 2 else None
                cues = [(t.start, t.end)] + ([acr.span(1)] if acronym else [])
                found.append(OrgMention(start, acr.end() if acronym else end, _nominative_org(toks, a, i, b, text),
                                        acronym, "head_noun", cues))
                inside = max(inside, b)
            # Go on inside the name: "Комитет … Министерства туризма и спорта Казахстана" names two bodies.
            i += 1
    found += [o for o in _regional_bodies(text) if not any(f.start <= o.start < f.end for f in found)]
    return found


def _name_after_kind(text: str, toks: list[Tok], i: int) -> tuple[OrgMention, int] | None:
    """A proper name after a legal form («АО "Икс"»), or after a word that says what kind of body it is
    («компания Xyz»): the mention and the token after it."""
    t = toks[i]
    if not (t.text in _LEGAL_FORMS or (t.text.isalpha() and t.text.islower() and _lemma(t.text) in _KIND_NOUNS)):
        return None
    k = i if t.text in _LEGAL_FORMS else i + 1
    end = _proper_org_at(toks, k)
    if end <= k or (end == k + 1 and is_country(toks[k].text)):
        return None
    a = i if t.text in _LEGAL_FORMS else k
    return OrgMention(toks[a].start, toks[end - 1].end, text[toks[a].start : toks[end - 1].end], None,
                      "legal_form" if t.text in _LEGAL_FORMS else "kind_noun_before_name", [(t.start, t.end)]), end


_ACRONYM = re.compile(r"\s*\(([А-ЯЁA-Z][А-ЯЁA-Zа-яёa-z]{1,9})\)")
# A region's executive body, written in lower case: "хокимият Ташкентской области", "акимата города Шымкент".
_REGIONAL_BODY = re.compile(
    r"(?<![\w\-])([Аа]кимат|[Хх]окимият|[Хх]окимият|[Мм]эри)(а|у|ом|е|ы|ей|ю|и|я)?\s+"
    r"((?:[А-ЯЁ][а-яё\-]+(?:ой|ого)\s+(?:области|района|округа)|(?:города|области|района)\s+[А-ЯЁ][а-яё\-]+))")


def _regional_bodies(text: str) -> list[OrgMention]:
    out = []
    for m in _REGIONAL_BODY.finditer(text):
        head = m.group(1) + ("я" if m.group(1).lower() == "мэри" else "")
        out.append(OrgMention(m.start(), m.end(), f"{head} {m.group(3)}", None, "regional_body", [m.span(1)]))
    return out


def _adjective_before(word: str) -> bool:
    if not word.replace("-", "").isalpha() or word.lower().startswith(("этот", "котор", "так", "друг", "эт")):
        return False
    # "казахстанско-узбекской": a compound adjective is an adjective by its last part.
    return _is_adj(word) or ("-" in word and _is_adj(word.split("-")[-1]))


# Adjective endings by the gender/number of the head, for when the dictionary changes the stem
# ("высшего" → "высочайший"): the ending alone is replaced.
_ADJ_ENDINGS = {
    "masc": [("ого", "ый"), ("его", "ий"), ("ому", "ый"), ("ему", "ий"), ("ым", "ый"), ("им", "ий"),
             ("ом", "ый"), ("ем", "ий")],
    "femn": [("ой", "ая"), ("ей", "яя"), ("ую", "ая"), ("юю", "яя")],
    "neut": [("ого", "ое"), ("его", "ее"), ("ому", "ое"), ("ему", "ее"), ("ым", "ое"), ("им", "ее")],
    "plur": [("ых", "ые"), ("их", "ие"), ("ым", "ые"), ("им", "ие"), ("ыми", "ые"), ("ими", "ие")],
}


def _adj_by_ending(word: str, gender: str | None, number: str) -> str:
    low = word.lower()
    for ending, new in _ADJ_ENDINGS["plur" if number == "plur" else (gender or "masc")]:
        if low.endswith(ending):
            stem = low[: -len(ending)]
            # After г, к, х, ж, ш, ч, щ Russian writes и: "высший", "русский".
            if new == "ый" and stem[-1:] in "гкхжшчщ":
                new = "ий"
            if new == "ая" and ending == "ей" and stem[-1:] in "жшчщ":
                new = "ая"
            return stem + new
    return low
def _nominative_org(toks: list[Tok], a: int, head: int, b: int, text: str) -> str:
    """"второго заседания Высшего межгосударственного совета" → "Высший межгосударственный совет"."""
    head_parse = next((p for p in _parses(toks[head].text) if "NOUN" in p.tag), _parses(toks[head].text)[0])
    number = head_parse.tag.number or "sing"
    gender = head_parse.tag.gender
    out = []
    for k in range(a, head + 1):
        w = toks[k].text
        parses = _parses(w)
        want = {"nomn", number} if k == head else {"nomn", number} | ({gender} if gender and number == "sing" else set())
        form = None
        for p in parses:
            if (k == head and "NOUN" not in p.tag) or (k != head and "ADJF" not in p.tag and "PRTF" not in p.tag):
                continue
            f = _inflect(p, frozenset(want))
            # pymorphy may change the stem ("высшего" → "высочайший"): keep only same-stem forms.
            if f and f.word[: max(3, len(w) - 3)] == w.lower()[: max(3, len(w) - 3)]:
                form = f.word
                break
        if form is None and k != head and w.isalpha():
            form = _adj_by_ending(w, gender, number)
        form = form or w
        if w.isupper() and len(w) > 1 and form.lower() == w.lower():
            form = w  # an acronym stays in capitals ("МИД")
        elif w[:1].isupper():
            form = form[:1].upper() + form[1:]
        # "Кыргызско-Российского" → "Кыргызско-Российский": capitals after a hyphen stay.
        if "-" in w and form.count("-") == w.count("-"):
            form = "-".join(f[:1].upper() + f[1:] if o[:1].isupper() else f
                            for f, o in zip(form.split("-"), w.split("-"), strict=True))
        out.append(form)
    rest = text[toks[head].end : toks[b - 1].end] if b - 1 > head else ""
    return " ".join(out) + rest


# What the shared people and organisation steps read for Russian: a woman's surname in -ова/-ина is
# also met as «Фамилиевой»; the gazetteer's Russian title, and its mixed-case Cyrillic name.
FEMININE_SURNAME = re.compile(r"(?<=ов|ев|ёв|ин)а$")
GAZETTEER_TITLE = "title_ru"
GAZETTEER_SCRIPT = re.compile("[а-яА-Я]")


# --- the steps of Russian (kenes.extraction.steps), in order -------------------------------
STEPS = (steps.organizations, steps.people, steps.indicators, steps.measures, steps.occasions,
         steps.agreed_subjects)
