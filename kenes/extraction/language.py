"""Language identification for en, ru, kk and uz.

Common detectors know no Uzbek, so this is a small rule of its own: the script
decides between Cyrillic and Latin, then letters only one language uses and its
most frequent words decide which language it is.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
# Letters of Kazakh Cyrillic that Russian and Uzbek do not use (қ ғ are shared with Uzbek).
_KK_LETTERS = re.compile(r"[әңөұүһіӘҢӨҰҮҺІ]")
# Uzbek Cyrillic: ў and ҳ are Uzbek only; қ ғ are shared with Kazakh.
_UZ_CYR_LETTERS = re.compile(r"[ўҳЎҲ]")
_KK_UZ_SHARED = re.compile(r"[қғҚҒ]")
# Uzbek Latin: oʻ gʻ (with modifier letter, turned comma or apostrophe), sh/ch digraphs are too common.
_UZ_LAT_LETTERS = re.compile(r"[oOgG][\u02bb\u02bc\u2018\u2019'`](?=[a-z])")
_WORDS = re.compile(r"[^\W\d_]+(?:[\u02bb\u02bc\u2018\u2019'`][^\W\d_]+)?")

_FREQUENT = {
    "en": {"the", "of", "and", "to", "in", "a", "is", "was", "for", "on", "with", "that", "by", "as"},
    "uz_lat": {"va", "bilan", "uchun", "bu", "ham", "hamda", "boʻyicha", "bo'yicha", "yil", "yilda",
               "oʻrtasida", "o'rtasida", "qilish", "boʻlgan", "bo'lgan", "esa", "ikki", "davlat", "mamlakat"},
    "ru": {"и", "в", "на", "с", "по", "что", "не", "для", "от", "о", "из", "к", "года", "также"},
    "kk": {"және", "мен", "бен", "үшін", "бойынша", "жылы", "екі", "арасындағы", "деп", "бұл", "осы"},
    "uz_cyr": {"ва", "билан", "учун", "бўйича", "йил", "йилда", "ўртасида", "ҳамда", "бу", "ҳам"},
}


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language (en, ru, kk, uz), or "und" when it has too few letters."""
    sample = text[:20000]
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr + lat < 20:
        return "und"
    words = [w.lower() for w in _WORDS.findall(sample)]
    if cyr >= lat:
        kk = len(_KK_LETTERS.findall(sample)) * 3 + 5 * sum(w in _FREQUENT["kk"] for w in words)
        uz = len(_UZ_CYR_LETTERS.findall(sample)) * 3 + 5 * sum(w in _FREQUENT["uz_cyr"] for w in words)
        shared = len(_KK_UZ_SHARED.findall(sample))
        ru = 2 * sum(w in _FREQUENT["ru"] for w in words)
        # Russian text quoting a Kazakh or Uzbek name has a few such letters; a whole text has many.
        threshold = max(6, cyr // 200)
        if kk + shared >= threshold and kk >= uz and kk > ru * 0.5:
            return "kk"
        if uz + shared >= threshold and uz > kk and uz > ru * 0.5:
            return "uz"
        return "ru"
    en = sum(w in _FREQUENT["en"] for w in words)
    uz = sum(w in _FREQUENT["uz_lat"] for w in words) + 2 * len(_UZ_LAT_LETTERS.findall(sample))
    return "uz" if uz > en else "en"
