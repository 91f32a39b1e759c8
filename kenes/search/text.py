"""Query words folded across scripts, with Russian endings cut, and matching them to words of a text.

The index holds every word folded (kenes.extraction.translit.fold: Токаев, Tokayev, Toqaev and
Тоқаев are all ``tokaev``). A query word is cut to its stem and matched as a prefix, so that
inflected Russian ("Токаева", "вода" → ``vod``) finds the indexed word ("tokaev", "vodne" from
«Водные»), and a half-typed word ("Tokay") finds the whole one.
"""

from __future__ import annotations

import re

from kenes.extraction.translit import fold

MAX_WORDS = 8
# Russian case and number endings as they look after folding (й → y; a glide y before a vowel is
# dropped, so «ая» is "a"). Longest first. Not -ov/-ev: those end surnames, not cases.
_ENDINGS = ("ykh", "ikh", "ymi", "imi", "ami", "ogo", "ego", "omu", "emu",
            "oy", "ey", "ay", "iy", "om", "em", "ym", "im",
            "a", "e", "i", "o", "u", "y")
_MIN_STEM = 3
# A word as the reader sees it: letters and digits, with the apostrophes of Uzbek Latin (Oʻzbekiston).
WORD = re.compile(r"[\w\u02bb\u02bc\u2018\u2019'`]+")


def stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def query_words(text: str) -> list[str]:
    """The folded words of a query, at most eight (a pasted paragraph is not a search)."""
    return fold(text or "").split()[:MAX_WORDS]


def query_terms(text: str) -> list[str]:
    """Stems to match as prefixes of indexed words; only [0-9a-z], safe in FTS5 and tsquery syntax."""
    return list(dict.fromkeys(stem(word) for word in query_words(text)))


def word_matches(word: str, terms: list[str], *, inside: bool = False) -> bool:
    """Whether an original word (any script) matches a term: as a prefix, or anywhere with ``inside``."""
    for part in fold(word).split():
        for term in terms:
            if (term in part) if inside else part.startswith(term):
                return True
    return False


def folded_words(text: str) -> list[str]:
    return fold(text).split()
