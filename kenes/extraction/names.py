"""Names of people: what looks like one, its nominative form, and coreference.

A document names a person in full once ("Name Surname") and then by short
forms ("Surname", "Mr. Surname", Russian "Токаева"). Mentions are grouped by
surname so that one person is one record with every span as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kenes.extraction import lexicons
from kenes.extraction.translit import fold

# Surname endings of the region and of Russian (Latin and Cyrillic spellings).
_SURNAME_END = re.compile(
    r"(?:ov|ev|yev|iev|yov|ova|eva|yeva|ovа|in|ina|yn|uly|ulu|kyzy|qizi|gizi|zoda|zade|enko|ko|uk|"
    r"sky|skiy|ski|dze|shvili|yan|ian|bayev|bekov|ayev|imov|edov|ov[’']?|"
    r"ов|ев|ёв|ова|ева|ёва|ин|ина|ын|улы|кызы|зода|заде|енко|ский|ская|дзе|швили|ян|ова|ева"
    r"|ова|ову|овым|ове|ева|еву|евым|еве|ёва|ина|ину|иным)$"
)
# Words that start with a capital but are never part of a person's name.
_NOT_NAME = {
    "The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "By", "With", "From", "To", "As",
    "This", "That", "These", "Those", "His", "Her", "Their", "Our", "Its", "It", "He", "She", "They",
    "We", "I", "Both", "Mr", "Mrs", "Ms", "Dr", "Prof", "Head", "State", "Republic", "President",
    "Minister", "Ministers", "Director", "Council", "Institute", "Ministry", "Agency", "News", "Center",
    "Centre", "University", "Forum", "Conference", "Program", "Programme", "Strategic", "Partnership",
    "Central", "Asia", "Asian", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Deputy", "Prime", "Foreign", "Affairs", "Trade",
    "Integration", "Investment", "Industry", "National", "International", "Joint", "Expert", "Experts",
    "Supreme", "Interstate", "Cabinet", "Government", "Parliament", "Senate", "Akorda", "Western",
    "Eastern", "North", "South", "West", "East", "Silk", "Road", "Kazinform", "Astana", "Tashkent",
    "Almaty", "Samarkand", "Bukhara", "Shymkent", "Turkistan", "Turkestan", "Khiva", "Navoi",
    "Президент", "Министр", "Глава", "Главы", "Совет", "Стороны", "Республика", "Республики",
    "Январь", "Ташкент", "Астана", "Алматы", "Самарканд", "Казахстан", "Узбекистан", "Центральная",
    "Азия", "Азии", "По", "В", "На", "Как", "Также", "Кроме", "Это", "Они", "Он", "Она", "Мы",
    # «председатель Кабинета Министров»: a body in the genitive after a title, not a person's name
    "Кабинет", "Кабинета", "Министров", "Министерства", "Правительства", "Администрации", "Совета", "Комитета",
}


@cache
def _folded_given_names() -> frozenset[str]:
    # One list serves both scripts: "Динара" folds to the key of "Dinara", "Бахтиёр" to "Bakhtiyor".
    # Latin "h" and "kh" both write Cyrillic "х" (Mehriniso / Мехринисо): fold them together.
    return frozenset(fold(n).replace("kh", "h") for n in lexicons.given_names())


@lru_cache(maxsize=16384)
def is_nominative_given_name(word: str) -> bool:
    """The word is a given name exactly as the lexicon writes it (in either script), so not inflected."""
    return word in lexicons.given_names() or fold(word.split("-")[-1]).replace("kh", "h") in _folded_given_names()


@lru_cache(maxsize=16384)
def is_given_name(word: str) -> bool:
    names = lexicons.given_names()
    if word in names or is_nominative_given_name(word):
        return True
    head = word.split("-")[0]
    if head in names:
        return True
    # Russian inflection of a given name: Шавката, Бахтиёру, Еркином.
    for ending in ("а", "у", "ом", "ем", "е", "ы", "ой", "ей", "я", "ю"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and any(is_nominative_given_name(stem + e) for e in ("", "а", "я")):
            return True
    return False


@lru_cache(maxsize=16384)
def looks_like_surname(word: str) -> bool:
    return len(word) >= 4 and bool(_SURNAME_END.search(word.lower().replace("’", "").replace("'", "")))


def can_be_name_word(word: str) -> bool:
    return word not in _NOT_NAME and not is_country(word)


@cache
def _country_words() -> re.Pattern:
    alts = "|".join(p.pattern for _, p in lexicons.countries())
    return re.compile(alts)


@lru_cache(maxsize=16384)
def is_country(word: str) -> bool:
    return bool(_country_words().fullmatch(word))


@lru_cache(maxsize=16384)
def country_of(phrase: str) -> str | None:
    for code, pattern in lexicons.countries():
        if pattern.search(phrase):
            return code
    return None


@cache
def _title_countries() -> dict[str, str]:
    # titles.tsv may give a third column: the country a title belongs to ("akim" → KZ, "хоким" → UZ).
    return {row[1]: row[2] for row in lexicons._rows("titles.tsv") if len(row) > 2}


@cache
def _head_countries() -> tuple[tuple[str, str], ...]:
    # org_heads.tsv may give a third column too: the country a kind of body belongs to ("акимат" → KZ).
    return tuple((row[1], row[2]) for row in lexicons._rows("org_heads.tsv") if len(row) > 2)


def head_country(name: str) -> str | None:
    """The country a body's kind alone implies: an akimat is Kazakh, a hokimiyat Uzbek."""
    low = name.lower()
    for head, code in _head_countries():
        if re.match(re.escape(head) + r"\w{0,3}\b", low) or re.search(r"\b" + re.escape(head) + r"\w{0,2}$", low):
            return code
    return None


def title_country(title: str) -> str | None:
    """The country a title alone implies (an akim governs a Kazakh region, a hokim an Uzbek one)."""
    words = title.lower().split()
    table = _title_countries()
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in table:
            return table[" ".join(words[:n])]
    return None


# --- Russian nominative ---------------------------------------------------------------

@cache
def _morph():
    # Loaded on first Russian name only: the dictionaries take ~0.1 s and ~15 MB.
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


# The same words are parsed again and again (names, titles, bodies): remember the recent ones, bounded.
# Callers only read the list.
@lru_cache(maxsize=16384)
def safe_parse(word: str) -> list:
    """pymorphy3's parses, or none for a character its shape tables do not know (rare Unicode planes)."""
    try:
        return _morph().parse(word)
    except (KeyError, ValueError):
        return []


_RU_SURNAME_CASES = {
    "masc": [("ова", "ов"), ("ову", "ов"), ("овым", "ов"), ("ове", "ов"), ("ева", "ев"), ("еву", "ев"),
             ("евым", "ев"), ("еве", "ев"), ("ёва", "ёв"), ("ёву", "ёв"), ("ёвым", "ёв"), ("ина", "ин"),
             ("ину", "ин"), ("иным", "ин"), ("ине", "ин"), ("ого", "ий"), ("ому", "ий"), ("им", "ий")],
    "femn": [("овой", "ова"), ("ову", "ова"), ("евой", "ева"), ("еву", "ева"), ("ёвой", "ёва"), ("иной", "ина"),
             ("ину", "ина"), ("ской", "ская")],
}


def ru_case_of_name(tokens: list[str]) -> tuple[str, str]:
    """(gender, case) of a Russian name, read from its given name where there is one."""
    surname = tokens[-1].lower()
    female_surname = bool(re.search(r"(?:ова|ева|ёва|ина|ая)$", surname))
    if len(tokens) > 1 and re.search(r"(?:ов|ев|ёв|ин|ын)$", surname):
        return "masc", "nomn"
    # Endings that only an oblique case has, whatever the given name: "Фамилиевой" is a woman's
    # genitive/dative/instrumental, "Фамилиевым" a man's instrumental, even when the dictionary does
    # not know the given name ("Айгерим", "Бауыржан").
    if len(tokens) > 1 and re.search(r"(?:ов|ев|ёв|ин|ск)ой$", surname):
        for parse in safe_parse(tokens[0].split("-")[-1]):
            if "Name" in parse.tag and parse.tag.gender == "femn" and parse.tag.case != "nomn":
                return "femn", str(parse.tag.case)
        return "femn", "gent"
    if len(tokens) > 1 and re.search(r"(?:ов|ев|ёв|ин|ын)ым$", surname):
        return "masc", "ablt"
    # A given name written as the lexicon has it is in the nominative: "Динара Фамилиева" is a woman,
    # not "Динар Фамилиев" in the genitive; "Нодир Фамилиев" stays as it is.
    if len(tokens) > 1 and is_nominative_given_name(tokens[0]):
        return ("femn" if female_surname else "masc"), "nomn"
    # Surnames that never decline (-зода, -заде, -дзе, -швили, -ко, -ян for women) give no case;
    # a consonant-final given name before one is a woman's name, which does not decline either.
    if len(tokens) > 1 and re.search(r"(?:зода|заде|дзе|швили|ко|ян|иани|уулу|улы|кызы)$", surname) \
            and not re.search(r"[аяеиуюыоё]$|(?:ом|ем|ым)$", tokens[0].lower()):
        return "femn", "nomn"
    if len(tokens) > 1 and re.search(r"(?:ова|ева|ёва|ина|ову|еву|ину|овым|евым|иным)$", surname):
        # A masculine name in an oblique case: read the case from the given name's masculine parse.
        for parse in safe_parse(tokens[0].split("-")[-1]):
            if "Name" in parse.tag and parse.tag.gender == "masc" and parse.tag.case != "nomn":
                return "masc", str(parse.tag.case)
    for token in tokens[:-1] or tokens:
        word = token.split("-")[-1]
        for parse in safe_parse(word):
            # A plural reading (a given name in -з read as the genitive plural of a noun in -за) is never a person.
            if ("Name" in parse.tag or "Patr" in parse.tag) and parse.tag.number != "plur":
                return str(parse.tag.gender or "masc"), str(parse.tag.case or "nomn")
    return "masc", "nomn"


def ru_nominative(tokens: list[str]) -> list[str]:
    """Reduce an inflected Russian name ("Шавката Фамилиева") to the nominative ("Шавкат Фамилиев")."""
    gender, case = ru_case_of_name(tokens)
    if case == "nomn":
        return tokens
    out = []
    for i, token in enumerate(tokens):
        parts = token.split("-")
        last = parts[-1]
        new = last
        is_surname = i == len(tokens) - 1 and len(tokens) > 1
        if not is_surname:
            for parse in safe_parse(last):
                if ("Name" in parse.tag or "Patr" in parse.tag) and parse.tag.case == case \
                        and parse.tag.gender == gender and parse.tag.number != "plur":
                    form = parse.inflect({"nomn"})
                    if form:
                        new = form.word
                        break
            else:
                new = _strip_given_name_ending(last)
                # A given name the dictionary does not know: drop the unmistakable case ending
                # ("Бауыржаном" → "Бауыржан", "Сандуғаш" stays; "Гульзиной" → "Гульзина").
                if new == last and case == "ablt" and gender == "masc" and re.search(r"[^аеиоуыэюяй]ом$", last) \
                        and len(last) > 4:
                    new = last[:-2]
                elif new == last and gender == "femn" and case != "nomn" and re.search(r"[^аеиоуыэюя]ой$", last):
                    new = last[:-2] + "а"
        else:
            for ending, base in _RU_SURNAME_CASES.get(gender, []):
                if last.endswith(ending) and len(last) > len(ending) + 2:
                    new = last[: -len(ending)] + base
                    break
        new = new[:1].upper() + new[1:]
        out.append("-".join(parts[:-1] + [new]))
    return out


def _strip_given_name_ending(word: str) -> str:
    names = lexicons.given_names()
    for ending in ("ом", "ем", "а", "у", "е", "я", "ю"):
        if word.endswith(ending) and word[: -len(ending)].capitalize() in names:
            return word[: -len(ending)]
    return word


# --- coreference ---------------------------------------------------------------------

@dataclass
class PersonMention:
    start: int
    end: int
    tokens: list[str]  # the name as written, reduced to the nominative
    titles: list[tuple[str, str | None]] = field(default_factory=list)  # (title, organization)
    country: str | None = None
    surface: str = ""
    rule: str = ""  # the pattern that found it ("title_before_name"), for the record's provenance
    cues: list[tuple[int, int]] = field(default_factory=list)  # the words that set the pattern off


@dataclass
class PersonCluster:
    names: list[list[str]]
    spans: list[tuple[int, int]]
    titles: list[tuple[str, str | None]]
    country: str | None
    rules: list[str] = field(default_factory=list)
    cues: list[tuple[int, int]] = field(default_factory=list)
    # The first names of its full names, folded: who else with the surname is the same person. Kept as
    # names are added (recomputing them for each mention was quadratic in a long document).
    firsts: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        # The fullest form, preferring the first written when two have the same length.
        # An initial ("С.", "Ye.") counts for less than the given name it stands for.
        best = max(self.names, key=lambda n: (len(n), sum(len(w) > 3 or not w.endswith(".") for w in n),
                                              -self.names.index(n)))
        return " ".join(best)

    @property
    def aliases(self) -> list[str]:
        name = self.name
        seen, out = {fold(name)}, []
        for n in self.names:
            s = " ".join(n)
            if fold(s) not in seen:
                seen.add(fold(s))
                out.append(s)
        return out


def surname_key(word: str) -> str:
    # "Мирзиёев" is also written "Мирзиеев" (ё after и written е) and "Mirziyoyev": one surname, so the
    # vowel after i is one e in the key (mirzioev, mirzieev → mirziev)
    key = re.sub(r"ie+(?=[a-z])", "ie", re.sub(r"(?<=i)o(?=[a-z])", "e", fold(word)))
    # Russian oblique cases of a surname end in a/u/ym/e after ov/ev/in.
    return re.sub(r"(ov|ev|in|yn)(a|u|ym|e|oy|oi)$", r"\1", key)


def _same_first(a: str, b: str) -> bool:
    """Two folded first names that can be one person's: equal, one the start of the other's first three
    letters, or an initial ("s", "ye") and a name it begins."""
    if a == b or b.startswith(a[:3]):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) <= 2 and long_.startswith(short)


def cluster(mentions: list[PersonMention]) -> list[PersonCluster]:
    """Group mentions into people: full names first, then short forms join the full name they shorten."""
    clusters: list[PersonCluster] = []
    # Every person of a surname, in the order found: namesakes (father and son) are two people, and
    # each later mention of either joins the right one.
    by_surname: dict[str, list[PersonCluster]] = {}
    ordered = sorted(mentions, key=lambda m: (-len(m.tokens), m.start))
    for m in ordered:
        key = surname_key(m.tokens[-1])
        same = by_surname.get(key, [])
        target = same[0] if same else None
        if target is None and len(m.tokens) == 1:
            # "Surnamov" may shorten "Name Surnamow": the full name written with another spelling of the surname.
            for k, c in by_surname.items():
                if k.startswith(key[:5]) and abs(len(k) - len(key)) <= 2 and len(key) >= 5:
                    target = c[0]
                    break
        if target is not None and len(m.tokens) > 1:
            # Two different full names with one surname are two people (father and son, namesakes).
            first = fold(m.tokens[0])
            target = next((c for c in same if not c.firsts or any(_same_first(first, f) for f in c.firsts)), None)
        if target is None:
            target = PersonCluster([], [], [], None)
            clusters.append(target)
            by_surname.setdefault(key, []).append(target)
        target.names.append(m.tokens)
        if len(m.tokens) > 1:
            target.firsts.add(fold(m.tokens[0]))
        target.spans.append((m.start, m.end))
        if m.rule:
            target.rules.append(m.rule)
        target.cues += m.cues
        for t in m.titles:
            if t not in target.titles:
                target.titles.append(t)
        target.country = target.country or m.country
    return clusters
