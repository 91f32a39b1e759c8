"""Names as keys: what an inflected, transliterated name as written may stand for.

A document writes a person's name in its own script and grammar: Токаева and
Токаеву in Russian, Тоқаевтың and Тоқаевқа in Kazakh, Aripovning in Uzbek,
"President Tokayev" or "K. Tokayev" anywhere. ``person_readings`` turns what was
written into the nominative forms it may stand for, each a tuple of folded
tokens (``kenes.extraction.translit.fold``), so that resolution compares keys,
not spellings. Readings are generous (an ambiguous "Алиева" is both a woman's
name and a man's in the genitive); the directory decides which one exists.

Everything here runs once per mention inside the worker: the analyser is loaded
once and every cache is bounded, so a long run does not grow.
"""

from __future__ import annotations

import itertools
import os
import re
from functools import lru_cache
from typing import NamedTuple

from kenes.extraction import lexicons
from kenes.extraction.translit import fold

LANGUAGES = ("en", "ru", "kk", "uz")
# Courtesy words that may stand before a name and are never part of it (titles come from the lexicon).
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "madam", "h.e.",
    "г-н", "г-жа", "господин", "госпожа", "д-р", "проф",
    "мырза", "ханым", "janob", "xonim", "жаноб", "хоним",
})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.I)
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w.]+$")
_POSSESSIVE = re.compile(r"[’']s$", re.I)
# Folded endings of surnames of the region and of Russian: a name written surname first
# ("Токаев Касым-Жомарт", "Алиевой Динары") is recognised by them.
_SURNAME_KEY_END = re.compile(r"(?:ov|ev|in|yn|ova|eva|ina|yna|uly|ulu|kyzy|kizi|zoda|zade|enko|sky|skaya|"
                              r"skii|dze|shvili|yan|ian)$")
_PATRONYMIC_KEY_END = re.compile(r"(?:vich|vna|ichna|ovich|evich|ovna|evna|ogli|ugli|kyzy|kizi)$")

_VOWELS = set("аәеёиоөуұүыіэюя")
_NASALS = set("мнң")
_VOICED = set("жзлрйу")


class Token(NamedTuple):
    key: str  # folded
    initial: bool  # "K." or "Ж.": only the first letters of a given name are known


class Reading(NamedTuple):
    tokens: tuple[Token, ...]
    inflected: bool  # an ending had to be taken off to reach it


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def is_surname_key(key: str) -> bool:
    return len(key) >= 4 and bool(_SURNAME_KEY_END.search(key))


def is_patronymic_key(key: str) -> bool:
    return len(key) >= 6 and bool(_PATRONYMIC_KEY_END.search(key))


# --- titles -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    found = {title.lower() for lang in LANGUAGES for title in lexicons.titles(lang)}
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


def strip_titles(name: str) -> str:
    """"President Tokayev" → "Tokayev": titles and courtesy words before a name are not the name."""
    words = name.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        low = " ".join(words).lower()
        if words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in HONORIFICS:
            words, changed = words[1:], True
            continue
        for title in _titles():
            if low.startswith(title + " ") and len(title.split()) < len(words):
                words, changed = words[len(title.split()):], True
                break
    return " ".join(words)


# --- words to tokens --------------------------------------------------------------------

def _is_initial(part: str) -> bool:
    letters = re.sub(r"[^\w]", "", part)
    return bool(letters) and (len(letters) == 1 or (part.endswith(".") and len(letters) <= 3))


def word_tokens(word: str) -> tuple[Token, ...]:
    """One written word as folded tokens; "Kassym-Jomart" is two, "K.-J." two initials."""
    out = []
    for part in re.split(r"[-‐‑–]", word):
        if not part.strip("."):
            continue
        initial = _is_initial(part)
        for key in fold(part).split():
            out.append(Token(key, initial))
    return tuple(out)


def _words(name: str) -> list[str]:
    words = []
    for raw in strip_titles(" ".join(name.split())).split():
        word = _EDGE_PUNCTUATION.sub("", raw)
        if word:
            words.append(word)
    return words


def name_tokens(name: str) -> tuple[Token, ...]:
    """A name exactly as given (a directory record's name or alias), as folded tokens."""
    return tuple(token for word in _words(name) for token in word_tokens(word))


# --- Russian: pymorphy3 ------------------------------------------------------------------

@lru_cache(maxsize=1)
def _morph():
    # Loaded on the first Russian name only: the dictionaries take ~0.1 s and ~15 MB.
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


_CASE_ALIASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct", "voct": "nomn"}
# Surname endings of the oblique cases, by the gender of the person (used when the analyser
# does not know the surname): Тукумову → Тукумов for a man, Бекболатовой → Бекболатова for a woman.
_RU_SURNAME_ENDINGS = {
    "masc": (("ова", "ов"), ("ову", "ов"), ("овым", "ов"), ("ове", "ов"), ("ева", "ев"), ("еву", "ев"),
             ("евым", "ев"), ("еве", "ев"), ("ёва", "ёв"), ("ёву", "ёв"), ("ёвым", "ёв"), ("ина", "ин"),
             ("ину", "ин"), ("иным", "ин"), ("ине", "ин"), ("ского", "ский"), ("скому", "ский"),
             ("ским", "ский")),
    "femn": (("овой", "ова"), ("ову", "ова"), ("евой", "ева"), ("еву", "ева"), ("ёвой", "ёва"),
             ("иной", "ина"), ("ину", "ина"), ("ской", "ская"), ("скую", "ская")),
}
# Given names the dictionary does not know: a man's consonant-final name takes these endings.
_RU_GIVEN_ENDINGS = {"masc": ("а", "у", "ом", "ем", "е"), "femn": ()}


_OBLIQUE = frozenset({"gent", "datv", "accs", "ablt", "loct"})


@lru_cache(maxsize=8192)
def ru_options(word: str) -> tuple[tuple[str, str | None, frozenset | None], ...]:
    """(nominative, gender, cases it was written in) readings of one Russian name word.

    The word as written comes first: with the genders it is a nominative for, or with no
    gender and case at all when the analyser cannot tell. Only the last part of a
    hyphenated given name declines ("Касым-Жомарта").
    """
    head, _, last = word.rpartition("-")
    prefix = head + "-" if head else ""
    low = last.lower()
    found: dict[tuple[str, str | None], set[str]] = {}

    def add(form: str, gender, cases) -> None:
        found.setdefault((form, gender), set()).update(cases)

    try:
        parses = _morph().parse(last)
    except (KeyError, ValueError):  # a character the analyser's tables do not know
        parses = []
    for parse in parses:
        tag = parse.tag
        if tag.number == "plur" or tag.POS not in {"NOUN", "ADJF"} or tag.gender == "neut":
            continue
        case = _CASE_ALIASES.get(str(tag.case), str(tag.case))
        gender = tag.gender if tag.gender in {"masc", "femn"} else None
        if case == "nomn":
            add(low, gender, {"nomn"})
            continue
        nominative = parse.inflect({"nomn", "sing"} | ({gender} if gender and tag.POS == "ADJF" else set()))
        if not nominative or len(nominative.word) < 3:
            continue
        known = bool({"Name", "Surn", "Patr"} & set(str(tag).replace(" ", ",").split(",")))
        # A guess for a word the dictionary does not know must keep its stem ("Жомарта" → "Жомарт",
        # not "Жомарот").
        if not known and len(os.path.commonprefix([nominative.word, low])) < len(nominative.word) - 1:
            continue
        add(nominative.word, gender, {case})
    for gender, endings in _RU_SURNAME_ENDINGS.items():
        for ending, base in endings:
            if low.endswith(ending) and len(low) > len(ending) + 2:
                add(low[: -len(ending)] + base, gender, _OBLIQUE)
                break
    for gender, endings in _RU_GIVEN_ENDINGS.items():
        for ending in endings:
            stem = low[: -len(ending)]
            if low.endswith(ending) and len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-1] not in "йь":
                add(stem, gender, _OBLIQUE)
                break
    options = [] if any(form == low for form, _ in found) else [(word, None, None)]
    for (form, gender), cases in found.items():
        written = word if form == low else prefix + form[:1].upper() + form[1:]
        options.append((written, gender, frozenset(cases)))
    # As written first, then the dictionary's readings.
    options.sort(key=lambda o: o[0] != word)
    return tuple(options)


def _ru_readings(words: list[str]) -> list[tuple[list[str], bool]]:
    per_word = [ru_options(w) if is_cyrillic(w) else ((w, None, None),) for w in words]
    out = []
    for combo in itertools.islice(itertools.product(*per_word), 64):
        genders = {g for _, g, _ in combo if g}
        case_sets = [c for _, _, c in combo if c]
        # One person has one gender, and the whole name stands in one case.
        if len(genders) > 1 or (case_sets and not frozenset.intersection(*case_sets)):
            continue
        forms = [form for form, _, _ in combo]
        out.append((forms, forms != words))
    return out


# --- Kazakh and Uzbek: endings on the name's last word ---------------------------------------------

def _sound_class(letter: str) -> str:
    letter = letter.lower()
    if letter in _VOWELS:
        return "V"
    if letter in _NASALS:
        return "N"
    if letter in _VOICED:
        return "Z"
    return "S"


# Kazakh case endings and the sounds they follow (vowel, nasal, voiced, voiceless): the ending
# agrees with its stem, so "Тоқаевтың" is "Тоқаев" + genitive, while an ending that does not fit
# the sound before it is part of the name. The possessive forms (-на, -нда, -ндан) follow a
# "his/her" and never a name, so they are not taken off.
_KK_ENDINGS = [
    ("ның", "VN"), ("нің", "VN"), ("дың", "Z"), ("дің", "Z"), ("тың", "S"), ("тің", "S"),
    ("ға", "VZN"), ("ге", "VZN"), ("қа", "S"), ("ке", "S"),
    ("ны", "V"), ("ні", "V"), ("ды", "ZN"), ("ді", "ZN"), ("ты", "S"), ("ті", "S"),
    ("мен", "VZN"), ("бен", "ZN"), ("пен", "S"),
    ("да", "VZN"), ("де", "VZN"), ("та", "S"), ("те", "S"),
    ("нан", "N"), ("нен", "N"), ("дан", "VZ"), ("ден", "VZ"), ("тан", "S"), ("тен", "S"),
    ("дағы", "VZN"), ("дегі", "VZN"), ("тағы", "S"), ("тегі", "S"),
]
# Kazakh in the Latin alphabet of 2021 (Toqaevtyń, Toqaevqa): the same endings, checked by length only.
_KK_LATIN_ENDINGS = ["tyń", "tiń", "dyń", "diń", "nyń", "niń", "qa", "ke", "ǵa", "ge", "ty", "ti", "dy", "di",
                     "ny", "ni", "men", "ben", "pen", "da", "de", "ta", "te", "dan", "den", "tan", "ten",
                     "nan", "nen"]
_UZ_ENDINGS = ["ning", "niki", "dagi", "dan", "ni", "ga", "ka", "qa", "da", "нинг", "ники", "даги", "дан",
               "ни", "га", "ка", "қа", "да"]


def _plausible_stem(stem: str) -> bool:
    letters = re.sub(r"[^\w]", "", stem)
    return len(letters) >= 3 and any(c.lower() in _VOWELS or c.lower() in "aeiouy" for c in letters)


@lru_cache(maxsize=8192)
def kk_stems(word: str) -> tuple[str, ...]:
    low = word.lower()
    out = []
    if is_cyrillic(word):
        for ending, follows in sorted(_KK_ENDINGS, key=lambda e: -len(e[0])):
            stem = word[: -len(ending)]
            if low.endswith(ending) and _plausible_stem(stem) and _sound_class(stem[-1]) in follows:
                out.append(stem)
    else:
        for ending in sorted(_KK_LATIN_ENDINGS, key=len, reverse=True):
            stem = word[: -len(ending)]
            if low.endswith(ending) and _plausible_stem(stem) and len(stem) >= 4:
                out.append(stem)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=8192)
def uz_stems(word: str) -> tuple[str, ...]:
    low = word.lower()
    out = []
    for ending in sorted(_UZ_ENDINGS, key=len, reverse=True):
        stem = word[: -len(ending)]
        # Uzbek endings do not change the stem; keep only stems long enough to still be a name.
        if low.endswith(ending) and _plausible_stem(stem) and len(stem) >= 4:
            out.append(stem)
    return tuple(dict.fromkeys(out))


def _ending_readings(words: list[str], stems) -> list[tuple[list[str], bool]]:
    # The ending is on the last word of the name; the engine sometimes reads a word more after it
    # ("… Тоқаевтың Қазақстан-Өзбекстан"), so each word is tried.
    return [(words[:i] + [stem] + words[i + 1:], True) for i, word in enumerate(words) for stem in stems(word)]


# --- readings -------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def person_readings(name: str, lang: str = "") -> tuple[Reading, ...]:
    """The nominative forms a person's name as written may stand for, as written first.

    ``lang`` is the document's language; when it is unknown every language's endings are tried.
    """
    words = _words(name)
    if not words:
        return ()
    unknown = lang not in LANGUAGES
    candidates: list[tuple[list[str], bool]] = [(words, False)]
    last = words[-1]
    if _POSSESSIVE.search(last):
        candidates.append((words[:-1] + [_POSSESSIVE.sub("", last)], True))
    if (lang == "ru" or unknown) and any(is_cyrillic(w) for w in words):
        candidates += _ru_readings(words)
    if lang == "kk" or unknown or _KAZAKH_LETTERS.search(last):
        candidates += _ending_readings(words, kk_stems)
    if lang == "uz" or unknown:
        candidates += _ending_readings(words, uz_stems)
    readings: dict[tuple[Token, ...], Reading] = {}
    for forms, inflected in candidates:
        tokens = tuple(token for word in forms for token in word_tokens(word))
        if tokens and (tokens not in readings or (readings[tokens].inflected and not inflected)):
            readings[tokens] = Reading(tokens, inflected)
    return tuple(sorted(readings.values(), key=lambda r: r.inflected))
