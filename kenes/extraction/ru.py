"""Russian rules (also used for Kazakh and Uzbek Cyrillic until they have their own).

Russian inflects titles, names and bodies: "президента Узбекистана Шавката
Мирзиёева", "второго заседания Высшего межгосударственного совета". Titles and
organisation heads match by their dictionary form (pymorphy3, loaded lazily);
names are reduced to the nominative.
"""

from __future__ import annotations

import re
from functools import cache

from kenes.extraction import lexicons
from kenes.extraction.en import OrgMention, Tok, tokenize
from kenes.extraction.names import (
    PersonMention,
    _morph,
    can_be_name_word,
    country_of,
    is_country,
    is_given_name,
    looks_like_surname,
    ru_nominative,
)

# Adjectives that make a lower-case noun a named body ("совместная межправительственная комиссия").
_BODY_ADJECTIVES = re.compile(r"^(?:совместн|межправительственн|межгосударственн|двусторонн|межпарламентск|"
                              r"рабоч|высш|деловой|делов|экспертн|координационн|консультативн|межведомственн|"
                              r"национальн|международн|евразийск|казахстанско|узбекско|узбекистанско)")


@cache
def _lemma(word: str) -> str:
    return _morph().parse(word.lower())[0].normal_form


@cache
def _parses(word: str):
    return _morph().parse(word.lower())


def _case_of(word: str, wanted: set[str]) -> bool:
    return any(p.tag.case in wanted for p in _parses(word))


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


def _name_word(tok: Tok) -> bool:
    t = tok.text
    return (tok.cap and len(t) > 1 and can_be_name_word(t) and t.replace("-", "").isalpha()
            and not t.isupper() and not is_country(t))


def _person_signal(word: str) -> bool:
    if is_given_name(word) or looks_like_surname(word):
        return True
    return any(("Name" in p.tag or "Surn" in p.tag) and p.score >= 0.1 for p in _parses(word.split("-")[-1]))


def _name_at(toks: list[Tok], i: int, need_signal: bool) -> int:
    n = 0
    while i + n < len(toks) and n < 3 and _name_word(toks[i + n]):
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
    for title in candidates:
        words = title.split()
        if i + len(words) <= len(toks) and all(
            _lemma(toks[i + k].text) == _lemma(w) for k, w in enumerate(words)
        ):
            return title, len(words)
    return None


def find_people(text: str, sentences: list[tuple[int, int]]) -> list[PersonMention]:
    mentions: list[PersonMention] = []
    taken: set[int] = set()

    def add(toks, k, n, titles, country):
        start, end = toks[k].start, toks[k + n - 1].end
        if start in taken:
            return
        words = ru_nominative([t.text for t in toks[k : k + n]])
        mentions.append(PersonMention(start, end, words, list(titles), country, text[start:end]))
        taken.add(start)

    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        for i in range(len(toks)):
            found = _title_at(toks, i)
            if not found:
                continue
            title, used = found
            j = i + used
            tail, org, country = [], None, None
            # What follows a title up to the name: "иностранных дел Узбекистана", "КИСИ".
            while j < len(toks) and len(tail) < 6:
                t = toks[j]
                if _name_at(toks, j, need_signal=True):
                    break
                if is_country(t.text) or (t.text[:1].isupper() and country_of(t.text)):
                    country = country or country_of(t.text)
                elif t.text.isupper() and len(t.text) > 1:
                    org = t.text
                elif t.text.islower() and t.text.isalpha() and _case_of(t.text, {"gent"}) and not org:
                    tail.append(t.text)
                else:
                    break
                j += 1
            n = _name_at(toks, j, need_signal=False)
            if not n:
                continue
            full = title + (" " + " ".join(tail) if tail else "")
            add(toks, j, n, [(full, org)], country)
            # "президенты Касым-Жомарт Токаев и Шавкат Мирзиёев": one plural title, two names.
            k = j + n
            if k + 1 < len(toks) and toks[k].text == "и" and _name_at(toks, k + 1, need_signal=False):
                add(toks, k + 1, _name_at(toks, k + 1, need_signal=False), [(full, org)], None)
        i = 0
        while i < len(toks):
            n = _name_at(toks, i, need_signal=True)
            if n:
                add(toks, i, n, [], None)
                i += n
            else:
                i += 1
    return mentions


# --- organisations --------------------------------------------------------------------

def find_organizations(text: str, sentences: list[tuple[int, int]]) -> list[OrgMention]:
    found: list[OrgMention] = []
    heads = _heads()
    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        i = 0
        while i < len(toks):
            t = toks[i]
            lemma = _lemma(t.text) if t.text.isalpha() else ""
            group = lemma == "группа" and i > 0 and _lemma(toks[i - 1].text) == "рабочий"
            if lemma not in heads and not group:
                i += 1
                continue
            a = i
            while a > 0 and i - a < 3 and toks[a - 1].text.isalpha() and _is_adj(toks[a - 1].text) \
                    and not toks[a - 1].text.lower().startswith(("этот", "котор", "так", "друг", "эт")):
                a -= 1
            b = i + 1
            # Genitive chain ("глав регионов Казахстана и Узбекистана") or "по"-phrase.
            mode = "gent"
            while b < len(toks):
                w = toks[b].text
                if w == "по" and mode == "gent":
                    mode = "datv"
                    b += 1
                    continue
                if w == "и" and b + 1 < len(toks) and b > i + 1:
                    b += 1
                    continue
                if len(w) < 3 and w != "и":
                    break
                if w.isalpha() and (_case_of(w, {mode}) or (mode == "datv" and _case_of(w, {"gent"}))):
                    if mode == "datv" and _case_of(w, {"gent"}) and not _case_of(w, {"datv"}):
                        mode = "gent2"
                    b += 1
                    continue
                if mode == "gent2" and w.isalpha() and _case_of(w, {"gent"}):
                    b += 1
                    continue
                break
            while b > i + 1 and toks[b - 1].text == "и":
                b -= 1
            words = [x.text for x in toks[a:b]]
            cap = toks[a].cap and a > 0 or (toks[a].cap and toks[a].text.lower() != lemma and a < i)
            named = cap or toks[i].cap or any(_BODY_ADJECTIVES.match(w.lower()) for w in words[: i - a + 1])
            if len(words) >= 2 and named:
                start, end = toks[a].start, toks[b - 1].end
                found.append(OrgMention(start, end, _nominative_org(toks, a, i, b, text)))
            i = max(b, i + 1)
    return found


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
            try:
                f = p.inflect(want)
            except ValueError:
                f = None
            # pymorphy may change the stem ("высшего" → "высочайший"): keep only same-stem forms.
            if f and f.word[: max(3, len(w) - 3)] == w.lower()[: max(3, len(w) - 3)]:
                form = f.word
                break
        form = form or w
        if w[:1].isupper():
            form = form[:1].upper() + form[1:]
        out.append(form)
    rest = text[toks[head].end : toks[b - 1].end] if b - 1 > head else ""
    return " ".join(out) + rest
