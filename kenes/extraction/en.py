"""English rules: people with their titles, organisations, by pattern over capitalised words.

Titles, organisation head nouns, given names and countries come from the
lexicons; the rules here only know English word order ("the Director of X, Y",
"Minister of X of Country Y Z", "Y, Director of X", "President Y of Country").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

from kenes.extraction import lexicons, steps
from kenes.extraction.grammar_en import INDICATORS, MEASURES, OCCASIONS  # noqa: F401 (the steps read them)
from kenes.extraction.names import (
    PersonMention,
    can_be_name_word,
    country_of,
    is_country,
    is_given_name,
    looks_like_surname,
    title_country,
)
from kenes.extraction.spans import Slots

# Words keep a final dot only as initials ("K.", "K.-Zh.") or honorifics ("Mr."), never at a sentence end.
# Russian text is read with the same tokens: its initials are Cyrillic ("С.Жапаров", "А.Б. Иванов").
_TOKEN = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|St)\.|[A-ZА-ЯЁ]\.(?:-[A-ZА-ЯЁ]\.)?(?=\s*[A-ZА-ЯЁ])|[^\W_][\w’'\-]*|[^\w\s]")
_CONNECTORS = {"of", "for", "and", "the", "on", "in", "under", "at", "&", "de"}
_ORG_CONNECTORS = {"of", "for", "and", "the", "on", "in", "under", "&"}
_HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Mr", "Mrs", "Ms", "Dr"}
_PERSON_STOP_AFTER = re.compile(r"^\s*(?:[,;:.)]|$|(?:said|says|noted|stressed|added|emphasized|"
                                r"highlighted|underlined|proposed|suggested|and|of|who|in|at|on|during|"
                                r"also|has|had|was|is|will|told|met|held|signed|visited|called|expressed)\b)")


class Tok(NamedTuple):
    """A word or punctuation mark: a tuple, because tokens are made by the thousand per document."""

    text: str
    start: int
    end: int
    cap: bool  # starts with a capital letter


# People, organisations and their titles each read the same sentences: tokenize each once.
# The lists are shared, so callers must not change them (none does).
@lru_cache(maxsize=4096)
def tokenize(text: str, start: int, end: int) -> tuple[Tok, ...]:
    return tuple([Tok(word := m.group(), m.start(), m.end(), word[:1].isupper())
            for m in _TOKEN.finditer(text, start, end)])


@cache
def _title_alternation() -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in lexicons.titles("en"))


@cache
def _title_re() -> re.Pattern:
    return re.compile(r"(?<![\w\-])(?:" + _title_alternation() + r")(?![\w\-])", re.I)


@cache
def _titles_re() -> re.Pattern:
    """The titles, each also in the plural ("Presidents Name Surname and Name Surname"): group "plural"."""
    return re.compile(r"(?<![\w\-])(?:" + _title_alternation() + r")(?P<plural>s)?(?![\w\-])", re.I)


@cache
def _head_set() -> frozenset[str]:
    return frozenset(lexicons.org_heads("en"))


def _is_head(words: list[str]) -> bool:
    heads = _head_set()
    return any(w.lower().rstrip(".") in heads or w.lower().rstrip("s") in heads for w in words) or any(
        h in " ".join(words).lower() for h in heads if " " in h
    )


def _name_word(tok: Tok) -> bool:
    t = tok.text.rstrip(".")
    return (tok.cap and len(t) > 1 and can_be_name_word(t) and t.replace("-", "").replace("’", "").isalpha()
            and not t.isupper())


_INITIAL = re.compile(r"[A-Z]\.(?:-[A-Z]\.)?")


def _initial(tok: Tok) -> bool:
    # Most tokens are not initials: the cheap tests run before the pattern.
    return tok.cap and tok.text.endswith(".") and _INITIAL.fullmatch(tok.text) is not None


def _name_at(toks: list[Tok], i: int, need_signal: bool) -> int:
    """Length (in tokens) of a person's name starting at toks[i], 0 if none."""
    n = 0
    while i + n < len(toks) and n < 4 and (_name_word(toks[i + n]) or _initial(toks[i + n])):
        n += 1
    if n < 2:
        return 0
    words = [t.text for t in toks[i : i + n]]
    if need_signal and not (is_given_name(words[0]) or looks_like_surname(words[-1])):
        return 0
    if _is_head(words):
        return 0
    return n


_OF_BOTH = re.compile(r"(?:of|from)\s+(?:both|the\s+two|the\s+three|the\s+five|all\s+five)\s+(?:countries|sides|states|"
                      r"nations|republics)\b\s*(?=,)")


def _title_country(text: str, start: int) -> tuple[int, str | None]:
    """Extend a title leftwards over a country adjective or possessive ("Kazakh", "Uzbekistan’s")."""
    m = re.search(r"(?:(\b[A-Z][\w\-]*)(?:’s|'s)?\s+)$", text[max(0, start - 40) : start])
    if m and is_country(m.group(1)):
        return start, country_of(m.group(1))
    return start, None


def _modifiers_before(text: str, start: int) -> int:
    """Capitalised words glued before a title belong to it ("Climate Policy Minister")."""
    new = start
    for _ in range(3):
        m = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, new - 30) : new])
        if not m:
            break
        word = m.group(1)
        if is_country(word) or word in {"The", "A", "An", "And", "Of", "Both", "Former", "Acting"}:
            break
        new = new - len(m.group(0))
    return new


# No body's name is longer (the longest in the corpora has 19 words); a longer capitalised run is not one name.
_MAX_NAME_TOKENS = 24


def _head_within(toks: list[Tok], h: int, n: int) -> bool:
    """Whether a body's head noun comes within ``n`` capitalised words (or "and") from ``toks[h]``."""
    for x in range(h, min(len(toks), h + n)):
        if not (toks[x].cap or toks[x].text == "and"):
            return False
        if _is_head([toks[x].text]):
            return True
    return False


def _org_chain(toks: list[Tok], i: int, stop_at_title: bool = True, allow_at: bool = False) -> int:
    """Index after a capitalised chain ("X Institute for Y Studies under the …")."""
    j = i
    last_good = i
    title_re = _title_re()
    connectors = _ORG_CONNECTORS | ({"at"} if allow_at else set())
    while j < len(toks) and j - i < _MAX_NAME_TOKENS:
        t = toks[j]
        if t.cap and t.text not in {"The"} or (t.text.isupper() and len(t.text) > 1):
            if stop_at_title and j > i and toks[j - 1].text == "and" and title_re.match(t.text):
                return last_good
            # The chain runs on into a person's name: "… of Kazakhstan Name Surname and …".
            if j > i and toks[j - 1].cap and _name_at(toks, j, need_signal=True) and not _is_head(
                    [x.text for x in toks[j : j + 4]]):
                return last_good
            j += 1
            last_good = j
            continue
        # "… Commission on X Cooperation in Baku in the first half": a lone city after "in" is where
        # something happens, not part of the name (a host country is: "Office in Kazakhstan").
        if t.text == "in" and j + 1 < len(toks) and toks[j + 1].cap and not is_country(toks[j + 1].text) and (
                j + 2 >= len(toks) or not (toks[j + 2].cap or toks[j + 2].text in connectors)):
            break
        if t.text in connectors and j + 1 < len(toks):
            # "… University of X and Name Surname": "and" before a person ends the name.
            if t.text == "and" and _name_at(toks, j + 1, need_signal=True):
                break
            # "the Ministry of Agriculture of X and the Ministry of Agriculture of Y": an "and" before
            # another body's head noun (with its own complement) joins two bodies, not two words of one.
            # "… Centre for Export Promotion and Tajikistan's X Bank": a country's possessive starts its own body.
            if t.text == "and" and j > i and re.search(r"['’]s$", toks[j + 1].text) \
                    and is_country(toks[j + 1].text[:-2]):
                break
            if t.text == "and" and j > i:
                h = j + 1 + (1 if toks[j + 1].text == "the" else 0)
                if h + 1 < len(toks) and toks[h].cap and _is_head([toks[h].text]) and (
                        toks[j + 1].text == "the" or toks[h + 1].text in {"of", "for", "on"}):
                    break
                # "… Committee on Television of X and the National Television and Radio Company of Y": "and the"
                # before capitalised words that reach a head noun starts another body.
                if toks[j + 1].text == "the" and h < len(toks) and toks[h].cap and _head_within(toks, h, 6):
                    break
            j += 1
            continue
        if t.text == "," and j + 1 < len(toks) and _list_continues(toks, j):
            j += 1
            continue
        break
    return last_good


def _list_continues(toks: list[Tok], comma: int) -> bool:
    """A comma inside a name: "Ministry of Investment, Industry and Trade"."""
    k = comma + 1
    if k < len(toks) and toks[k].text == "and":
        # ", and Name Surname, first deputy minister …": the next item is a person; ", and the
        # Uzbek delegation": a new clause, not the last item of a list inside a name.
        if k + 1 >= len(toks) or not toks[k + 1].cap:
            return False
        return not _name_at(toks, k + 1, need_signal=True)
    n = _name_at(toks, k, need_signal=True)
    if n and (k + n >= len(toks) or not toks[k + n].cap):
        return False
    # Within the next few capitalised words, an "and" (or ", and") closes the enumeration
    # ("on Trade, Economic, Technical and X Cooperation").
    for m in range(k, min(len(toks), k + 9)):
        if toks[m].text == "and":
            return not (m + 1 < len(toks) and _title_re().match(toks[m + 1].text))
        if not toks[m].cap and toks[m].text != ",":
            return False
    return False


def _split_trailing_name(toks: list[Tok], i: int, j: int) -> tuple[int, int]:
    """A chain may run on into the name ("… of Kazakhstan Name Surname"): return (chain_end, name_len)."""
    for n in (3, 2):
        k = j - n
        if k <= i:
            continue
        if not toks[k - 1].cap and toks[k - 1].text not in {")"}:
            continue
        if _name_at(toks, k, need_signal=True) == n:
            return k, n
    return j, 0


_STATE = re.compile(r"(?:the\s+)?(?:Republic\s+of\s+([A-Z][\w\-]+)|([A-Z][\w\-]+)\s+(?:Republic|Federation))")
_BASED = re.compile(r"^[A-Z][\w]*-based$")


def _strip_country_tail(phrase: str) -> tuple[str, str | None]:
    m = re.search(r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?([A-Z][\w\-]+)$", phrase)
    if m and is_country(m.group(1)):
        return phrase[: m.start()], country_of(m.group(1))
    # "of the Slovak Republic", "of the Russian Federation": a country named by its adjective.
    m = re.search(r"\s+of\s+(?:the\s+)?([A-Z][\w\-]+)\s+(?:Republic|Federation)$", phrase)
    if m and country_of(m.group(1)):
        return phrase[: m.start()], country_of(m.group(1))
    return phrase, None


def _roles_from_complement(title: str, phrase: str | None) -> tuple[str, str | None, str | None]:
    """(title, organization, country) from a title and what follows its "of"."""
    if not phrase:
        return title, None, None
    # "of the Republic of Uzbekistan", "of the Slovak Republic": the complement is only the country.
    state = _STATE.fullmatch(phrase)
    if state and country_of(state.group(1) or state.group(2)):
        return title, None, country_of(state.group(1) or state.group(2))
    core, country = _strip_country_tail(phrase)
    if _is_head(core.split()) or " at " in core:
        core, country = phrase, None
    if is_country(core) or is_country(core.removeprefix("the ").strip()):
        return title, None, country_of(core)
    if " at " in core:
        unit, org = core.split(" at ", 1)
        return f"{title} of {unit}", org.removeprefix("the "), country
    words = core.split()
    if _is_head(words) or (core.isupper() and len(core) > 1) or re.fullmatch(r"[A-Z][a-z]*[A-Z]+\w*", core):
        return title, core.removeprefix("the "), country or country_of(core)
    # A portfolio: "Minister of Culture", "Minister of Trade and Integration".
    return f"{title} of {core}", None, country


_ACRONYM_WORD = re.compile(r"[A-Z][A-Z&]{1,7}")


def find_people(text: str, sentences: list[tuple[int, int]]) -> list[PersonMention]:
    """People: names after a title ("Minister X Y"), with an honorific, a known given name or a surname's
    ending, or before a title ("X Y, Director of …")."""
    reader = _PeopleReader(text)
    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        reader.titled(toks, s_start, s_end)
        reader.untitled(toks, s_end)
    return reader.mentions


# "head" and "member" are also common words: only a capitalised or "the"-led one is a title.
_COMMON_TITLE_WORDS = {"head", "member", "chief", "expert", "manager", "secretary", "chair", "assistant", "founder",
                       "analyst", "researcher", "coordinator"}


class _PeopleReader:
    """The mentions found so far in one text, and the positions they hold (mentions never overlap)."""

    def __init__(self, text: str):
        self.text = text
        self.mentions: list[PersonMention] = []
        # Each taken position and the mention holding it: looking the holder up instead of scanning every
        # mention made repeated names quadratic.
        self.taken: dict[int, PersonMention] = {}

    def add(self, toks, k, n, titles, country, rule, cues=()):
        text, taken = self.text, self.taken
        start, end = toks[k].start, toks[k + n - 1].end
        if any(p in taken for p in range(start, end)):
            for m in [taken[start]] if start in taken else []:
                if m.start <= start < m.end:
                    for t in titles:
                        if t not in m.titles:
                            m.titles.append(t)
                    m.country = m.country or country
            return
        # A person's country follows from the organisation of a role when it names one country.
        for _, org in titles:
            if org and not country:
                found = {c for w in re.split(r"[\s\-]+", org) if (c := country_of(w))}
                country = found.pop() if len(found) == 1 else None
        # "Surnamov’s visit": the possessive is not part of the name.
        words = [re.sub(r"[’']s$", "", t.text) for t in toks[k : k + n]]
        self.mentions.append(PersonMention(start, end, words, list(titles), country, text[start:end], rule, list(cues)))
        taken.update(dict.fromkeys(range(start, end), self.mentions[-1]))

    def titled(self, toks, s_start: int, s_end: int) -> None:
        """The people each title in the sentence names."""
        text = self.text
        index = {t.start: n for n, t in enumerate(toks)}
        consumed = 0
        for m in _titles_re().finditer(text, s_start, s_end):
            # A title inside an organisation's name ("… under the President of …") is not a title.
            if m.start() not in index or m.start() < consumed:
                continue
            if re.search(r"\b(?:under|of|for)\s+(?:the\s+)?$", text[max(0, m.start() - 12) : m.start()]):
                continue
            ti = index[m.start()]
            if not toks[ti].cap and (ti == 0 or toks[ti - 1].text.lower() not in {"the", "a", "an", "as"}) \
                    and m.group().split()[0].lower() in _COMMON_TITLE_WORDS:
                continue
            consumed = self._title(m, toks, index, (s_start, s_end), consumed)

    def _title(self, m: re.Match, toks, index, sentence, consumed: int) -> int:
        """The roles one title gives (with its complements and a second title) and the name after them;
        returns how far the title's organisation reached."""
        text, s_end = self.text, sentence[1]
        ti = index[m.start()]
        te = ti + len(m.group().split())
        tstart = _modifiers_before(text, m.start())
        _, country = _title_country(text, tstart)
        plural = m.group("plural") is not None
        # Each of the people a plural title names holds the title in the singular.
        title = re.sub(r"\s+", " ", text[tstart : m.end("plural") - 1 if plural else m.end()])
        title = title[:1].upper() + title[1:]
        cue = [(tstart, m.end())]
        titles: list[tuple[str, str | None]] = []
        j = te
        while True:
            phrase = None
            if j < len(toks) and toks[j].text in {"of", "at", "for", "under"}:
                k = j + 1
                if k < len(toks) and toks[k].text in {"the"}:
                    k += 1
                end = _org_chain(toks, k, allow_at=True)
                # "Akim of Mangystau region": the region's kind, written in lower case, ends the place.
                if end > k and end < len(toks) and toks[end].text in _REGION_WORDS:
                    end += 1
                if end > k:
                    chain_end, name_len = _split_trailing_name(toks, k, end)
                    consumed = max(consumed, toks[chain_end - 1].end)
                    phrase = text[toks[j + 1].start : toks[chain_end - 1].end].removeprefix("the ")
                    if toks[j].text in {"at", "under"}:
                        t, org, c = title, phrase, None
                    else:
                        t, org, c = _roles_from_complement(title, phrase)
                    titles.append((t, org))
                    country = country or c
                    j = chain_end
                    if name_len:
                        self.add(toks, j, name_len, titles, country, "title_before_name", cue)
                        return consumed
                    # "Ambassador of X to [the Republic of] Y Name Surname": where the envoy is posted.
                    posted = re.match(r"to\s+(?:the\s+)?(?:Republic\s+of\s+)?([A-Z][\w\-]+)\s+",
                                      text[toks[j].start : s_end]) if j < len(toks) else None
                    if posted and is_country(posted.group(1)):
                        j = index.get(toks[j].start + posted.end(), j)
            if phrase is None:
                titles.append((title, None))
                # "the Vice Premiers of both countries, Name and Name": whose they are, then the names.
                if j < len(toks) and (both := _OF_BOTH.match(text, toks[j].start)):
                    j = index.get(both.end(), j)
            # Two titles for one person: "deputy prime minister and minister of X, Name", "Deputy Head –
            # Minister of X Name".
            if j + 1 < len(toks) and toks[j].text in {"and", "–", "—", "-"}:
                m2 = _title_re().match(text, toks[j + 1].start)
                if m2 and toks[j + 1].cap:
                    title = re.sub(r"\s+", " ", m2.group())
                    j = j + 1 + len(m2.group().split())
                    continue
            self._name_after_title(toks, index, (ti, tstart, j), titles, country, plural, cue, sentence)
            return consumed

    def _name_after_title(self, toks, index, at, titles, country, plural, cue, sentence) -> None:
        """The person (or the two people of a plural title) named after the titles; ``at``: the title's
        first token, where its modifiers start, and the token after the titles."""
        text, (s_start, s_end) = self.text, sentence
        ti, tstart, j = at
        # "X Y JSC was represented by its first deputy chairman": the body is
        # the last organisation named before "its" in the sentence.
        if ti > 0 and toks[ti - 1].text.lower() in {"its", "their"} and not any(o for _, o in titles):
            before = [o for o in find_organizations(text, [(s_start, toks[ti - 1].start)])
                      if s_start <= o.start and o.end <= toks[ti - 1].start]
            if before:
                last = max(before, key=lambda o: o.start)
                titles = [(t, last.name) for t, _ in titles]
        # "ABCD vice chairman Name Surname": a body's acronym right before the title is its body.
        tk = index.get(tstart)
        if tk and not any(o for _, o in titles) and _ACRONYM_WORD.fullmatch(toks[tk - 1].text) \
                and not is_country(toks[tk - 1].text):
            titles = [(t, toks[tk - 1].text) for t, _ in titles]
        k = j
        # "… Studies (ABC), Name Surname": the acronym in brackets sits between.
        if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")":
            k += 3
            j = k
        if k < len(toks) and toks[k].text == ",":
            k += 1
        # "President Name Surname of Kazakhstan": a country after the name.
        n = _name_at(toks, k, need_signal=False)
        rest = text[toks[k + n - 1].end : s_end]
        if n and (_PERSON_STOP_AFTER.match(rest) or re.match(r"\s+[a-z]", rest)):
            after = text[toks[k + n - 1].end : toks[k + n - 1].end + 30]
            c = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w\-]+)", after)
            if c and is_country(c.group(1)):
                country = country or country_of(c.group(1))
            # "Professor Name Surname, Director of …": a second title after the name.
            more, c2, more_cue = _apposition(text, toks, k + n, s_end)
            self.add(toks, k, n, titles + [t for t in more if t not in titles], country or c2,
                     "title_before_name", cue + more_cue)
            # "Presidents Name Surname and Name Surname": the plural title is both people's.
            k2 = k + n
            if plural and k2 + 1 < len(toks) and toks[k2].text == "and" and (
                    n2 := _name_at(toks, k2 + 1, need_signal=False)):
                self.add(toks, k2 + 1, n2, titles, None, "title_before_names", cue)
        elif k == j and k < len(toks) and _name_word(toks[k]) and toks[ti].cap and (
                k + 1 >= len(toks) or not toks[k + 1].cap):
            # "Minister Surname": a capitalised title then one capitalised word.
            self.add(toks, k, 1, titles, country, "title_before_surname", cue)

    def untitled(self, toks, s_end: int) -> None:
        """Names without a title before them, then "Name, [the] Title of X" appositions."""
        text = self.text
        i = 0
        while i < len(toks):
            if toks[i].text in _HONORIFICS and i + 1 < len(toks) and _name_word(toks[i + 1]):
                n = _name_at(toks, i + 1, need_signal=False) or 1
                # "Dr. Name Surname, senior research fellow at …": the apposition still applies.
                titles, country, cue = _apposition(text, toks, i + 1 + n, s_end)
                self.add(toks, i + 1, n, titles, country, "honorific", [(toks[i].start, toks[i].end), *cue])
                i += 1 + n
                continue
            n = _name_at(toks, i, need_signal=True)
            if n and (i == 0 or not toks[i - 1].cap or toks[i - 1].text in {"The"}):
                titles, country, cue = _apposition(text, toks, i + n, s_end)
                if titles:
                    self.add(toks, i, n, titles, country, "name_then_title", cue)
                else:
                    # The word that made it a name: a known given name, else the surname's ending.
                    w = toks[i] if is_given_name(toks[i].text) else toks[i + n - 1]
                    self.add(toks, i, n, titles, country,
                             "given_name" if w is toks[i] else "surname_ending", [(w.start, w.end)])
                i += n
                continue
            # "Name Surname, President of …", "Name Surname, programme director at …": a name the
            # given-name list does not know is still a name when a title follows it after a comma.
            n = _name_at(toks, i, need_signal=False)
            if n and n <= 3 and (i == 0 or not toks[i - 1].cap) and not any(
                    is_country(t.text) or t.text.endswith("-based") for t in toks[i : i + n]):
                titles, country, cue = _apposition(text, toks, i + n, s_end)
                if titles:
                    self.add(toks, i, n, titles, country, "name_then_title", cue)
                    i += n
                    continue
            i += 1


_REGION_WORDS = {"region", "oblast", "province", "district", "velayat", "viloyat", "city"}
# A region's executive body: "akimat of Mangystau region", "Tashkent region hokimiyat".
_REGIONAL_BODY = re.compile(
    r"\b(?:[Aa]kimat|[Hh]okimiyat|[Kk]hokimiyat|[Hh]okimiat)\s+of\s+(?:the\s+)?[A-Z][\w\-]+(?:\s+(?:[Rr]egion|[Oo]blast|"
    r"[Pp]rovince|[Dd]istrict|[Cc]ity|[Vv]elayat|[Vv]iloyat))?|\b(?!(?:The|A|An|This|That|Its|Their)\s)[A-Z][\w\-]+\s+(?:[Rr]egion(?:al)?\s+|[Cc]ity\s+)?"
    r"(?:[Aa]kimat|[Hh]okimiyat|[Kk]hokimiyat)\b")
_UNIT_NOUNS = {"department", "division", "office", "mission", "branch", "unit", "section", "directorate",
               "representation", "bureau", "center", "centre", "faculty", "school", "laboratory", "service"}
_BOARD = re.compile(r"(?:(?:Management|Supervisory|Executive|Governing|Editorial)\s+)?Board(?:\s+of\s+Directors)?$")


def _apposition(text: str, toks: list[Tok], j: int, s_end: int) -> tuple[list, str | None, list]:
    """ "Name, [a|the] [First] Title [of|for|at …]": the title and organisation after a name, the
    country, and the title's span (the cue)."""
    if j + 1 >= len(toks) or toks[j].text != ",":
        return [], None, []
    k = j + 1
    if toks[k].text in {"the", "The", "a", "an"}:
        k += 1
    if k >= len(toks):
        return [], None, []
    # "first vice minister", "senior advisor", "acting head": up to two modifiers before the title.
    m = None
    for skip in range(3):
        if k + skip >= len(toks):
            break
        m = _title_re().match(text, toks[k + skip].start)
        if m:
            break
        w = toks[k + skip].text
        if not (w.istitle() or w.lower() in {"first", "acting", "senior", "former", "chief"}) or w in {"and", "And"}:
            return [], None, []
    if not m:
        return [], None, []
    title = re.sub(r"\s+", " ", text[toks[k].start : m.end()])
    title = title[:1].upper() + title[1:]
    te = next((x for x in range(k, len(toks)) if toks[x].start >= m.end()), len(toks))
    titles, country = _complement(text, toks, te, title, s_end)
    # "its first deputy chairman": the organisation is the sentence's subject.
    return titles, country or title_country(title), [(toks[k].start, m.end())]


def _portfolio(toks: list[Tok], te: int, title: str) -> tuple[str, int]:
    """"Vice-Rector for X Affairs": a capitalised portfolio after "for" belongs to the title."""
    if te + 1 < len(toks) and toks[te].text == "for" and toks[te + 1].cap:
        end = te + 1
        while end < len(toks) and (toks[end].cap or (toks[end].text == "and" and end + 1 < len(toks)
                                                      and toks[end + 1].cap)):
            end += 1
        words = [t.text for t in toks[te + 1 : end]]
        if not _is_head(words):
            return f"{title} for {' '.join(words)}", end
    return title, te


def _complement(text: str, toks: list[Tok], te: int, title: str, s_end: int) -> tuple[list, str | None]:
    """Read what follows a title: "for X Affairs at Y", "of the Board of X",
    "of the international cooperation department of X", "of the X resident mission", "of X of Country"."""
    title, te = _portfolio(toks, te, title)
    if te >= len(toks) or toks[te].text not in {"of", "at"}:
        return [(title, None)], None
    start = te + 1 + (1 if te + 1 < len(toks) and toks[te + 1].text == "the" else 0)
    if start >= len(toks):
        return [(title, None)], None
    # "of the international cooperation department of the Ministry …": a unit of the organisation.
    if not toks[start].cap:
        u = start
        while u < len(toks) and toks[u].text.isalpha() and toks[u].text.islower() and u - start < 5 \
                and toks[u].text not in _FUNCTION_WORDS:
            u += 1
        if u > start and toks[u - 1].text in _UNIT_NOUNS and u + 1 < len(toks) and toks[u].text in {"of", "at"}:
            unit = " ".join(t.text for t in toks[start:u])
            inner, c = _complement(text, toks, u, f"{title} of the {unit}", s_end)
            return inner, c
        return [(title, None)], None
    # "of the Turkmen state railway agency Xyzyollary": [country] descriptor, then the name;
    # "of the Bishkek-based analytical platform X Foresight": a "-based" place is a descriptor too.
    d = start + (1 if is_country(toks[start].text) or _BASED.search(toks[start].text) else 0)
    u = d
    while u < len(toks) and toks[u].text.isalpha() and toks[u].text.islower() and u - d < 4:
        u += 1
    if u > d and u < len(toks) and toks[u].cap and toks[u - 1].text in _DESCRIPTORS:
        n = _org_chain(toks, u)
        name = text[toks[u].start : toks[n - 1].end] if n > u else toks[u].text
        return [(title, name)], country_of(toks[start].text) or country_of(name)
    end = _org_chain(toks, start)
    if end <= start:
        return [(title, None)], None
    end, _ = _split_trailing_name(toks, start, end)
    # "deputy governor of X velayat of Turkmenistan": a region, then the country it belongs to.
    if end < len(toks) and toks[end].text in _REGION_WORDS:
        region = text[toks[start].start : toks[end].end]
        c = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w\-]+)", text[toks[end].end : toks[end].end + 40])
        return [(f"{title} of {region}", None)], (country_of(c.group(1)) if c and is_country(c.group(1)) else None)
    phrase = text[toks[start].start : toks[end - 1].end]
    # "of the management board of X": the board is part of the title.
    b = re.match(r"((?:(?:Management|Supervisory|Executive|Governing)\s+)?Board(?:\s+of\s+Directors)?)"
                 r"\s+of\s+(?:the\s+)?(.+)$", phrase)
    if b:
        return [(f"{title} of the {b.group(1)}", b.group(2))], country_of(b.group(2))
    # "of the X Bank resident mission": the unit comes after the organisation.
    u = end
    while u < len(toks) and toks[u].text.isalpha() and toks[u].text.islower() and u - end < 3 \
            and toks[u].text not in _FUNCTION_WORDS:
        u += 1
    if u > end and toks[u - 1].text in _UNIT_NOUNS:
        unit = " ".join(t.text for t in toks[end:u])
        return [(f"{title} of the {unit}", phrase)], None
    if toks[te].text == "at":
        return [(title, phrase)], country_of(phrase) if not _is_head(phrase.split()) else None
    t, org, c = _roles_from_complement(title, phrase)
    return [(t, org)], c


# Lower-case words that say what kind of body the proper name after them is.
_DESCRIPTORS = {"company", "agency", "enterprise", "operator", "carrier", "corporation", "holding", "bank",
                "fund", "firm", "startup", "platform", "hub", "technopark", "exchange", "concern", "railway",
                "railways", "airline", "producer", "developer", "utility", "monopoly", "regulator",
                # "the joint venture Xyz Auto", "garment factory Xyz Textile"
                "venture", "facility", "factory", "manufacturer", "automaker", "carmaker", "subsidiary"}
_FUNCTION_WORDS = {"of", "at", "in", "for", "on", "and", "the", "a", "an", "to", "with", "by", "from", "under"}


# --- organisations --------------------------------------------------------------------

@dataclass
class OrgMention:
    start: int
    end: int
    name: str
    acronym: str | None = None
    rule: str = ""  # the pattern that found it ("head_noun"), for the record's provenance
    cues: list[tuple[int, int]] = field(default_factory=list)  # the words that set the pattern off


@cache
def _lower_ministry() -> re.Pattern:
    remit = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in lexicons.words("en", "remits.tsv"))
    remits = rf"(?:{remit})(?:(?:,\s*|\s+and\s+|,\s+and\s+)(?:{remit}))*"
    return re.compile(rf"(?<![\w\-])(?P<head>ministry|agency|committee)\s+(?:of|for)\s+(?:the\s+)?{remits}"
                      rf"(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?P<country>[A-Z][a-z]+))?(?![\w\-])")


_LOWER_BODY = re.compile(
    r"\b(?:(?:joint|bilateral|intergovernmental|inter-governmental|interstate|interparliamentary|"
    r"interagency|inter-agency|interdepartmental|expert|business|coordinating|advisory|permanent)\s+){1,3}"
    r"(?:commission|council|working group|committee|board)"
    r"(?:\s+(?:on|for)\s+(?:[a-z][a-z\-]+)(?:\s+(?:and\s+)?[a-z][a-z\-]+){0,3}?"
    r"(?=\s*[,.;:)]|\s+(?:in|at|was|were|is|has|had|will|which|that|to|of)\b))?"
)


_POSSESSIVE = re.compile(r"(?<![\w\-])([A-Z][a-z]+)([’']s)(?![\w’'])")


def find_organizations(text: str, sentences: list[tuple[int, int]]) -> list[OrgMention]:
    """Bodies: capitalised names around a head noun, lower-case bodies named by their remit, regional
    executives, company names by their shape, UN bodies, and proper names the lexicon knows as bodies."""
    found: list[OrgMention] = []
    heads = _head_set()
    # "the Energy Ministry’s press service": the possessive is no part of the name (blanked, so every
    # position stays where it is).
    # ("People’s Bank" keeps its name: only a head noun's possessive is blanked)
    text = _POSSESSIVE.sub(lambda m: m.group(1) + " " * len(m.group(2)) if m.group(1).lower() in heads else m.group(), text)
    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        i = 0
        while i < len(toks):
            more, i = _body_at(text, toks, i, heads)
            # "the Russian Federation" is a country whose name ends on a head noun, not a body.
            found += [o for o in more if not is_country(re.sub(r"^(?:the|The)\s+", "", o.name))]
    for m in _LOWER_BODY.finditer(text):
        found.append(OrgMention(m.start(), m.end(), m.group(), None, "lower_case_body", _cue(_BODY_NOUN, m)))
    for m in _lower_ministry().finditer(text):
        # "the ministry of energy of Kazakhstan": named by its remit (lexicons/remits.tsv) though in lower case.
        if m.group("country") and not is_country(m.group("country")):
            continue
        if not any(o.start <= m.start("head") < o.end for o in found):
            found.append(OrgMention(m.start(), m.end(), m.group(), None, "lower_case_ministry",
                                    [m.span("head")]))
    regional = [m for m in _REGIONAL_BODY.finditer(text)]
    found = [o for o in found if not any(m.start() <= o.start < m.end() for m in regional)]
    for m in regional:
        found.append(OrgMention(m.start(), m.end(), m.group(), None, "regional_body", _cue(_REGIONAL_NOUN, m)))
    for m in _PLAIN_BODY.finditer(text):
        if not any(o.start <= m.start() < o.end for o in found):
            found.append(OrgMention(m.start(), m.end(), m.group(), None, "remit_body", _cue(_BODY_NOUN, m)))
    found = _with_companies(text, found)
    # "UN Women", "UN Habitat": a UN body named by one word after the acronym is a body of its own.
    for m in _UN_BODY.finditer(text):
        if not any(o.start <= m.start() < o.end for o in found):
            found.append(OrgMention(m.start(), m.end(), m.group(), None, "un_body", [(m.start(), m.start() + 2)]))
    found += _proper_organizations(text, sentences, found)
    return found


def _body_at(text: str, toks: list[Tok], i: int, heads) -> tuple[list[OrgMention], int]:
    """The body whose head noun is token ``i`` ("X Institute of Y", "the Ministries of A and of B"), if it
    is one; and the token to go on from."""
    found: list[OrgMention] = []
    t = toks[i]
    low = t.text.lower().rstrip(".")
    is_head = t.cap and (low in heads or (low.endswith("s") and low[:-1] in heads and low != "ministers")
                         or (low.endswith("ies") and low[:-3] + "y" in heads))
    two = i + 1 < len(toks) and f"{low} {toks[i + 1].text.lower()}" in heads and toks[i + 1].cap
    # "Cabinet of Ministers": a three-word head.
    three = t.cap and i + 2 < len(toks) and toks[i + 2].cap \
        and f"{low} {toks[i + 1].text} {toks[i + 2].text.lower()}" in heads
    if not (is_head or two or three):
        return [], i + 1
    a = _left_edge(toks, i)
    b = _right_edge(toks, i, a, i + (3 if three else 2 if two else 1))
    name_start, name_end = toks[a].start, toks[b - 1].end
    name = text[name_start:name_end]
    # "Chairperson of the Board of Xyzvodkhoz": a board is a part of the body it governs.
    board = re.match(r"(?:(?:Management|Supervisory|Executive|Governing)\s+)?Board(?:\s+of\s+Directors)?"
                     r"\s+of\s+(?:the\s+)?", name)
    if board and board.end() < len(name):
        name_start += board.end()
        name = name[board.end():]
    acronym = None
    m = re.match(r"\s*\(([A-Z][A-Za-z]{1,9})\)", text[name_end : name_end + 14])
    # An acronym is written in capitals ("IGC", "KazISS"); "(Stockholm)" is a place.
    if m and sum(c.isupper() for c in m.group(1)) < 2:
        m = None
    if m:
        acronym = m.group(1)
    words = name.split()
    # "the Ministries of Energy and of X Resources": coordinated bodies under one plural head.
    plural = _PLURAL_BODIES.fullmatch(name)
    if plural and a == i:
        head = plural.group(1)
        head = head[:-3] + "y" if head.endswith("ies") else head[:-1]
        for part in (plural.group(2), plural.group(3)):
            found.append(OrgMention(name_start, name_end, f"{head} of {part}", None, "plural_head",
                                    [(toks[i].start, toks[i].end)]))
        return found, b
    if len(words) >= 2 or acronym or (board and not is_country(name)):
        head_end = toks[i + (3 if three else 2 if two else 1) - 1].end
        cues = [(toks[i].start, head_end)]
        if acronym:
            # m matched the text after the name: its offsets count from name_end.
            cues.append((name_end + m.start(1), name_end + m.end(1)))
        found.append(OrgMention(name_start, name_end, name, acronym,
                                "legal_form" if toks[i].text in _LEGAL_SUFFIXES else "head_noun", cues))
    return found, b


def _left_edge(toks: list[Tok], i: int) -> int:
    """The first token of a body's name whose head is token ``i``."""
    # Left: capitalised modifiers ("X Institute", "Information and Analysis Centre").
    a = i
    # Bounded: a run of capitalised words ("LLP LLP …") would otherwise be walked again for each head.
    while a > 0 and i - a < _MAX_NAME_TOKENS:
        p = toks[a - 1]
        if re.search(r"['’]s$", p.text) and is_country(p.text[:-2]):
            break  # "Tajikistan's Orion Bank": whose bank it is, not part of its name
        # "X-based Y Group": where a body is based is not part of its name.
        if p.cap and p.text not in {"The", "A", "An"} and not _title_re().fullmatch(p.text) \
                and not _BASED.search(p.text) \
                and not (a - 1 == 0 and p.text in {"In", "At", "On", "By", "As"}):
            a -= 1
        elif p.text == "and" and a > 1 and toks[a - 2].cap and toks[a - 2].text != "The":
            a -= 1
        else:
            break
    while a < i and toks[a].text == "and":
        a += 1
    # "Erasmus+ national office": a plus glued to the word before is part of the name.
    if a > 1 and toks[a - 1].text == "+" and toks[a - 1].start == toks[a - 2].end and toks[a - 2].cap:
        a -= 2
    return a


def _right_edge(toks: list[Tok], i: int, a: int, b: int) -> int:
    """The token after a body's name: its complements, legal form and host country after the head
    (which ends before ``b``)."""
    # Right: "of/for/on/under [the] Capitalised chain", repeatedly.
    while b < len(toks) and toks[b].text in {"of", "for", "on", "under"}:
        k = b + 1
        if k < len(toks) and toks[k].text == "the":
            k += 1
        end = _org_chain(toks, k, stop_at_title=True)
        if end <= k:
            break
        end, _ = _split_trailing_name(toks, k, end)
        # "… Council of X Ministers" but not "… Council at KazISS": stop at "at".
        for x in range(k, end):
            if toks[x].text == "at":
                end = x
                break
        b = end
    # "X Y JSC", "JSC Kazakhtelecom": the legal form belongs to the name.
    if b < len(toks) and toks[b].text in _LEGAL_SUFFIXES:
        b += 1
    elif toks[i].text in _LEGAL_SUFFIXES and b == i + 1 and a == i:
        b = max(b, _org_chain(toks, i + 1, stop_at_title=True))
    # "X Office in Kazakhstan": an office or mission is named by its host country.
    if toks[b - 1].text.lower() in {"office", "mission", "representation", "branch"} and b + 1 < len(toks) \
            and toks[b].text == "in" and is_country(toks[b + 1].text):
        b += 2
    return b


def _with_companies(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """The mentions with company names by their shape added; a company wins over a mention across it."""
    # Company names by their shape: "X Y Co., Ltd.", "\"Xyzazot\" JSC", "JSC \"Uzbekneftegaz\"",
    # the agroholding "X Y". They win over a mention that cuts across them.
    # Only the mentions overlapping a company are touched, found through a position index (comparing
    # every company with every mention was quadratic).
    slots = Slots(found)
    for a, b, mark in _company_spans(text):
        near = slots.overlapping(a, b)
        if any(slots.slots[k].start <= a and b <= slots.slots[k].end for k in near):
            continue
        for k in near:
            o = slots.slots[k]
            slots.put(k, None)
            if a <= o.start and b < o.end:
                # "JSC and X Y Group": the rest after the company is the next body.
                rest = re.match(r"[\s,]*(?:(?:and|with|or)\s+)?(?:the\s+)?(?=[A-Z])", text[b : o.end])
                if rest and b + rest.end() < o.end:
                    # The rest keeps the rule that found the whole; its cue, if it lay in the company, is the rest.
                    cues = [c for c in o.cues if c[0] >= b + rest.end()] or [(b + rest.end(), o.end)]
                    slots.put(k, OrgMention(b + rest.end(), o.end, text[b + rest.end() : o.end], o.acronym,
                                            o.rule, cues))
        slots.append(OrgMention(a, b, re.sub(r"\s+", " ", text[a:b]), None, "company_shape", [mark]))
    return slots.filled()


_PLURAL_BODIES = re.compile(r"([A-Z][a-z]+(?:ies|s))\s+(?:of|for)\s+(?:the\s+)?([A-Z][^,]*?),?\s+and\s+(?:of\s+|for\s+)?(?:the\s+)?"
                            r"([A-Z].*)")
_LEGAL_SUFFIXES = {"JSC", "OJSC", "CJSC", "LLC", "LLP", "PLC", "Ltd", "Ltd.", "Inc", "Inc.", "AG", "GmbH", "NC",
                   "JV", "SE"}
# "a working group on water-saving technologies": a body named only by its remit.
_PLAIN_BODY = re.compile(
    r"\b(?:working group|task force|subcommittee|sub-commission|subcommission)\s+(?:on|for)\s+"
    r"(?:[a-z][a-z\-]+)(?:\s+(?:and\s+)?[a-z][a-z\-]+){0,3}?(?=\s*[,.;:)]|\s+(?:in|at|was|were|is|has|had|will|"
    r"which|that|to|of|by|under|with)\b)")
_UN_BODY = re.compile(r"\bUN[ \-](?!(?:Secretary|General|Security|Charter|Special|Resident|Assistant|Deputy|Member|"
                      r"Summit|Conference|Convention|Agenda|Day|Week|Year|Decade|Headquarters|Office|Mission)\b)"
                      r"[A-Z][a-z]+\b(?![\s\-]+[A-Z])")
_Q = r"[\"“«]"
_QE = r"[\"”»]"
_LEGAL = r"(?:JSC|OJSC|CJSC|LLC|LLP|PLC|Ltd\.?|Inc\.?|GmbH|AG)"
_CO_LTD = re.compile(r"(?:[A-Z][\w&’'\-]*\s+){1,6}Co\.,?\s+Ltd\.?")
_LEGAL_WORD = re.compile(r"\b(?:JSC|OJSC|CJSC|LLC|LLP|PLC|GmbH)\b")
_SUFFIXED = re.compile(r"(?<![\w\-’'])(?!(?:The|A|An|In|On|At|And|For|With|By|From|Under|Between)\s)"
                       r"(?:[A-Z](?![\w\-]*-based\b)[\w&\-]*\s+){1,4}(?:JSC|OJSC|CJSC|LLC|LLP|PLC|GmbH)(?![\w\-])")
_QUOTED = re.compile(_Q + r"[A-Z][^\"“”«»\n]{1,40}" + _QE)
_LEGAL_AFTER = re.compile(r"\s+" + _LEGAL + r"(?!\w)")
_LEGAL_BEFORE = re.compile(r"(?<!\w)" + _LEGAL + r"\s+$")
_KIND_BEFORE = re.compile(r"(?:holding|company|cluster|enterprise|corporation|concern|farm|factory|plant)\s+$")


def _company_spans(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """Spans of company names by their shape, each with the span of the mark that gave it away (a legal
    form, a kind of company before quotes); each kind found by a scan that only runs when its mark is there."""
    spans = []
    if "Ltd" in text:
        spans += [(*m.span(), (m.start() + m.group().rfind("Co."), m.end())) for m in _CO_LTD.finditer(text)]
    if _LEGAL_WORD.search(text):
        spans += [(*m.span(), (m.end() - len(m.group().split()[-1]), m.end())) for m in _SUFFIXED.finditer(text)]
    for m in _QUOTED.finditer(text):
        a, b = m.span()
        if (after := _LEGAL_AFTER.match(text, b)):
            spans.append((a, after.end(), (after.start() + len(after.group()) - len(after.group().lstrip()), after.end())))
        elif (before := _LEGAL_BEFORE.search(text, max(0, a - 8), a)):
            spans.append((before.start(), b, (before.start(), before.start() + len(before.group().rstrip()))))
        elif (kind := _KIND_BEFORE.search(text, max(0, a - 14), a)):
            spans.append((a + 1, b - 1, (kind.start(), kind.start() + len(kind.group().rstrip()))))
    out: list[tuple[int, int, tuple[int, int]]] = []
    for a, b, mark in sorted(spans):
        if not out or a >= out[-1][1]:
            out.append((a, b, mark))
    return out


# The body noun of a lower-case body ("joint commission", "working group on …") and of a regional
# executive ("akimat", "hokimiyat"): the cue words of those rules.
_BODY_NOUN = re.compile(r"\b(?:commission|council|working group|committee|board|task force|subcommittee|"
                        r"sub-commission|subcommission)\b", re.I)
_REGIONAL_NOUN = re.compile(r"\b(?:akimat|hokimiyat|khokimiyat|hokimiat)\b", re.I)


def _cue(noun: re.Pattern, m: re.Match) -> list[tuple[int, int]]:
    """The span of the first ``noun`` inside the match ``m``, as a cue; none if it is not there."""
    found = noun.search(m.string, m.start(), m.end())
    return [found.span()] if found else []


# ("XyzHoldingKZ", "UZXyz": a country's letters may open or close a brand)
_CAMEL = re.compile(r"(?:[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z]{2,3}[A-Z][a-z]{2,}(?:[A-Z][a-z]+)*)(?:[A-Z]{2,3})?$")


def _proper_organizations(text: str, sentences: list[tuple[int, int]], found: list[OrgMention]) -> list[OrgMention]:
    """Organisations without a head noun: "agency Xyzyollary", "Alpha Beta Gamma (ABG)",
    "KazMunayGas, the national oil company", a CamelCase brand ("UzDaily")."""
    out: list[OrgMention] = []

    def covered(a: int, b: int) -> bool:
        return any(o.start < b and a < o.end for o in found + out)

    def emit(toks, a, b, rule, cue: Tok, acronym=None):
        start, end = toks[a].start, toks[b - 1].end
        if not covered(start, end):
            out.append(OrgMention(start, end, text[start:end], acronym, rule, [(cue.start, cue.end)]))

    for s_start, s_end in sentences:
        toks = tokenize(text, s_start, s_end)
        for i, t in enumerate(toks):
            # A descriptor right before a capitalised name: "the state railway agency Xyzyollary".
            # ("railway Kazakhstan-Turkmenistan-Iran": countries joined by dashes are the route, not a name)
            if t.text in _DESCRIPTORS and i + 1 < len(toks) and toks[i + 1].cap and not is_country(toks[i + 1].text) \
                    and not all(is_country(w) for w in re.split(r"[-–—]", toks[i + 1].text)) \
                    and toks[i + 1].text not in _NOT_ORG_AFTER_DESCRIPTOR and not _name_at(toks, i + 1, need_signal=True):
                emit(toks, i + 1, max(i + 2, _org_chain(toks, i + 1)), "descriptor_before_name", t)
            # "Alpha Beta Gamma (ABG)": a capitalised chain whose initials spell the acronym after it.
            if t.text == "(" and i + 2 < len(toks) and toks[i + 2].text == ")" and toks[i + 1].text.isupper() \
                    and 2 <= len(toks[i + 1].text) <= 8:
                acr = toks[i + 1].text
                a = i
                while a > 0 and (toks[a - 1].cap or toks[a - 1].text in _ORG_CONNECTORS) and i - a < 8:
                    a -= 1
                while a < i and not toks[a].cap:
                    a += 1
                initials = "".join(x.text[0] for x in toks[a:i] if x.cap)
                if i - a >= 2 and initials.upper() == acr and not _name_at(toks, a, need_signal=True):
                    emit(toks, a, i, "initials_spell_acronym", toks[i + 1], acr)
            # "KazMunayGas, the national oil company": an apposition says what the name is.
            if t.cap and i + 2 < len(toks) and toks[i + 1].text == "," and toks[i + 2].text == "the":
                k = i + 3
                while k < len(toks) and k - i < 8 and toks[k].text not in {",", "."} and toks[k].text not in _DESCRIPTORS:
                    k += 1
                if k < len(toks) and toks[k].text in _DESCRIPTORS:
                    a = i
                    while a > 0 and toks[a - 1].cap:
                        a -= 1
                    if not is_country(t.text) and not _name_at(toks, a, need_signal=True):
                        emit(toks, a, i + 1, "descriptor_apposition", toks[k])
            # A CamelCase brand standing alone: "UzDaily", "KazMunayGas".
            if _CAMEL.match(t.text) and not (i > 0 and toks[i - 1].cap and toks[i - 1].text not in {"The"}) \
                    and not (i + 1 < len(toks) and toks[i + 1].cap):
                emit(toks, i, i + 1, "camel_case_brand", t)
    return out


_NOT_ORG_AFTER_DESCRIPTOR = {"The", "In", "On", "At", "For", "And", "January", "February", "March", "April", "May",
                             "June", "July", "August", "September", "October", "November", "December"}


# What the shared people and organisation steps read for English: no feminine surnames to fold, the
# gazetteer's English title and name.
FEMININE_SURNAME = None
GAZETTEER_TITLE = "title"
GAZETTEER_SCRIPT = None


# --- the steps of English (kenes.extraction.steps), in order -------------------------------
STEPS = (steps.organizations, steps.people, steps.indicators, steps.measures, steps.occasions,
         steps.agreed_subjects)
