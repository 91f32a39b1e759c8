"""Snippets with the matched words in <mark>, HTML-escaped.

The match is on folded text, so each original word is folded on its own and compared with the
query's terms: «Токаева» is marked for "Tokayev" although the letters differ.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kenes.search.text import WORD, word_matches

SNIPPET_WORDS = 30
WORDS_BEFORE = 8


def matched_words(text: str, terms: list[str], *, inside: bool = False) -> int:
    return sum(1 for word in WORD.finditer(text) if word_matches(word.group(), terms, inside=inside))


def highlight(text: str, terms: list[str], *, inside: bool = False) -> SafeString:
    """The whole text, escaped, with each matching word wrapped in <mark>."""
    pieces, position = [], 0
    for word in WORD.finditer(text):
        if word_matches(word.group(), terms, inside=inside):
            pieces.append(escape(text[position:word.start()]))
            pieces.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def excerpt(text: str, terms: list[str], *, inside: bool = False) -> SafeString:
    """About thirty words around the first match (or from the start), highlighted, with … where cut."""
    words = list(WORD.finditer(text))
    if not words:
        return mark_safe(escape(text))
    first = next((i for i, w in enumerate(words) if word_matches(w.group(), terms, inside=inside)), 0)
    start = max(0, first - WORDS_BEFORE)
    end = min(len(words), start + SNIPPET_WORDS)
    begin_at = 0 if start == 0 else words[start].start()
    end_at = len(text) if end == len(words) else words[end - 1].end()
    html = highlight(text[begin_at:end_at], terms, inside=inside)
    return mark_safe(("… " if begin_at else "") + html + (" …" if end_at < len(text) else ""))
