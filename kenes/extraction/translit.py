"""Script folding so that names match across Cyrillic and Latin spellings.

``fold("Токаев") == fold("Tokaev")``; search keys and name matching use it.
Pure and cheap: it is called for every name the engine or the apps compare.
"""

from __future__ import annotations

import re
import unicodedata

# Russian, Kazakh and Uzbek Cyrillic letters to a plain Latin spelling.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i", "ў": "o", "ҳ": "h",
}
# Latin spellings that differ only by convention (Tokayev/Tokaev, Toqaev, Kassym/Kasym).
_LATIN_VARIANTS = [
    (re.compile(r"q"), "k"),
    # Yerkin/Еркин, Mirziyoyev/Мирзиёев: a glide before a vowel is spelled either way.
    (re.compile(r"y(?=[aeiou])"), ""),
    (re.compile(r"([a-z])\1"), r"\1"),
    (re.compile(r"x"), "kh"),
    (re.compile(r"j"), "zh"),
    (re.compile(r"ts?h"), "ch"),
]
_TO_LATIN = str.maketrans(_CYRILLIC_TO_LATIN)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Uzbek Latin writes oʻ/gʻ with a modifier letter; the same word also appears as o'/g' or o/g.
_APOSTROPHES = re.compile("[\u02bb\u02bc\u2018\u2019'`]")


def to_latin(text: str) -> str:
    """Lower-case Latin transliteration, diacritics and apostrophes dropped."""
    # Compose first so that й, ё, ў are mapped as letters, not as и/е/у plus a mark.
    text = unicodedata.normalize("NFC", _APOSTROPHES.sub("", text.casefold())).translate(_TO_LATIN)
    text = unicodedata.normalize("NFKD", text)
    # Marks dropped by a table of the few distinct characters a text has: a loop over every character
    # in Python made folding a long document (search index, near-duplicate signature) slower than reading it.
    marks = {ord(c): None for c in set(text) if unicodedata.combining(c)}
    return text.translate(marks) if marks else text


def fold(text: str) -> str:
    """A matching key: transliterated, spelling variants merged, words separated by one space."""
    latin = _NON_WORD.sub(" ", to_latin(text)).strip()
    for pattern, replacement in _LATIN_VARIANTS:
        latin = pattern.sub(replacement, latin)
    return latin


# --- Uzbek Latin to Cyrillic, for lexicon rows ------------------------------------------------
# Uzbek is written in both alphabets, often on the same site; a lexicon row written in Latin only
# ("rejalari", "koridori") must also match the Cyrillic text ("режалари", "коридори"). The lexicon
# loader makes the twin with this, so nobody keeps two spellings of each row by hand.
_UZ_PAIRS = {"o'": "ў", "g'": "ғ", "sh": "ш", "ch": "ч", "ya": "я", "yo": "ё", "yu": "ю", "ye": "е", "ts": "ц"}
_UZ_LETTERS = dict(zip("abdefghijklmnopqrstuvxyz'", "абдэфгҳижклмнопқрстувхйзъ", strict=True))
# Parts of a regular expression written in Latin letters that are syntax, not Uzbek: copied as they are.
_REGEX_SYNTAX = re.compile(r"\\.|\(\?(?:P<\w+>|<[=!]|[:=!])|\{\d*,?\d*\}|\[(?:\\.|[^\]])*\]")


def uzbek_cyrillic(text: str) -> str:
    """The Cyrillic spelling of Uzbek Latin ``text`` ("o'rinbosari" → "ўринбосари", "yo'li" → "йўли",
    "elchisi" → "элчиси"); regular-expression syntax in it (``\\w``, ``(?:``, ``{3,}``, classes) is kept.
    Apostrophes must already be one (``'``)."""
    out: list[str] = []
    i, word_start = 0, True
    while i < len(text):
        syntax = _REGEX_SYNTAX.match(text, i)
        if syntax:
            out.append(syntax.group())
            # After a space, boundary or group opening a word begins; after \w it goes on.
            word_start = syntax.group() not in (r"\w", r"\S", r"\W") and not syntax.group().startswith("{")
            i = syntax.end()
            continue
        char = text[i]
        lower = char.lower()
        pair = text[i:i + 2].lower()
        # "yo'li": y before o' is a consonant, not the letter ё.
        if pair in _UZ_PAIRS and not (pair == "yo" and text[i + 2:i + 3] == "'"):
            cyrillic, i = _UZ_PAIRS[pair], i + 2
            if pair == "ye" and not word_start:
                cyrillic = "е"
        elif lower in _UZ_LETTERS:
            cyrillic, i = _UZ_LETTERS[lower], i + 1
            # E is э where a word begins, е inside one ("elchisi" → "элчиси", "rejalari" → "режалари").
            if lower == "e" and not word_start:
                cyrillic = "е"
        else:
            out.append(char)
            word_start = not char.isalpha()
            i += 1
            continue
        out.append(cyrillic.upper() if char.isupper() else cyrillic)
        word_start = False
    return "".join(out)
