"""Sentence segmentation: spans of sentences, per language.

A full stop ends a sentence unless it closes an abbreviation ("Mr.", "Jan.",
"г.", "т.е.") or an initial ("К.-Ж. Токаев", "K. Tokayev"). Line breaks end a
sentence too: headlines and list items stand on their own lines.

No sentence is longer than :data:`MAX_SENTENCE`: a longer stretch without a
boundary (a table flattened into one line, a hostile run of words) is cut at the
last clause mark or space before the limit. The rules look back and forth within
a sentence, so an unbounded sentence would make their work grow with the square
of the document; real sentences are far shorter (the longest in the dev corpus
and the regression samples is under 800 characters).
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence (lower case, without the dot).
_ABBREVIATIONS = {
    "en": {"mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "e.g", "i.e", "inc", "ltd",
           "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "gen", "gov", "sen", "rep", "amb", "dept", "approx", "est", "u.s", "u.k", "a.m", "p.m",
           "jr", "sr", "mln", "bln", "bn", "mn"},
    "ru": {"г", "гг", "т.е", "т.д", "т.п", "т.к", "им", "ул", "д", "др", "пр", "проф", "акад", "млн",
           "млрд", "трлн", "тыс", "руб", "долл", "см", "напр", "стр", "обл", "р-н", "с", "н.э", "ок",
           "янв", "февр", "апр", "авг", "сент", "окт", "нояб", "дек", "чел", "кв", "км", "ч",
           "и.о", "врио", "зам", "т.н"},  # «и.о. Министра»: acting minister
}
_ABBREVIATIONS["kk"] = _ABBREVIATIONS["ru"] | {"ж", "жж"}
_ABBREVIATIONS["uz"] = _ABBREVIATIONS["ru"] | {"y", "yy", "mlrd", "mln"}

# A candidate boundary: terminal punctuation (with closing quotes/brackets) then space.
# Possessive, and only from the start of a run of marks: a long run ("!!!!…") not followed by
# a space would otherwise be tried again from each of its characters (quadratic).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'»”’)\]]*+(?=\s)|\n")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.\-]*)\.?$")
_NEXT_START = re.compile(r"\s*([\"'«“(\[]*)(\S)")

MAX_SENTENCE = 1500
# Where to cut an over-long sentence, best first: after a semicolon, a comma, any space.
_CUTS = (re.compile(r";\s"), re.compile(r",\s"), re.compile(r"\s"))


def sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, whitespace trimmed, none empty."""
    abbreviations = _ABBREVIATIONS.get(lang, _ABBREVIATIONS["en"])
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group() != "\n" and not _ends_sentence(text, m, abbreviations):
            continue
        if m.group() == "\n" and _wrapped(text, m.start()):
            continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


# A line that ends mid-clause: on a comma, or on a short lower-case word ("of", "the", "and", "on").
_OPEN_LINE_END = re.compile(r"(?:,|(?<![^\W\d_])[^\W\d_A-ZА-ЯЁ]{1,3})[ \t]*$")


def _wrapped(text: str, at: int) -> bool:
    """Whether the line break at ``at`` only wraps a sentence (text hard-wrapped at a fixed width, as
    wire copy and text taken from a PDF are): the next line goes on in lower case, or the line ends
    mid-clause. A blank line, or a line ending on a mark (a list's ";" or ":"), still ends a sentence."""
    nxt = _NEXT_LINE.match(text, at + 1)
    if nxt is None:
        return False
    line = text[max(text.rfind("\n", 0, at) + 1, at - 200) : at]
    if not line.strip() or line.rstrip()[-1:] in ";:.!?…":
        return False
    return nxt.group(1).islower() or bool(_OPEN_LINE_END.search(line))


_NEXT_LINE = re.compile(r"[ \t]*([^\W\d_])")


def _ends_sentence(text: str, m: re.Match, abbreviations: set[str]) -> bool:
    if not m.group().startswith(".") or len(m.group()) > 1:
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
    nxt = _NEXT_START.match(text, m.end())
    next_char = nxt.group(2) if nxt else ""
    # "1. Создание …": the number of a list item, not the end of a sentence.
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start : m.start()].strip().isdigit():
        return False
    if before:
        word = before.group(1)
        # Initials: one capital letter ("K." / "К.-Ж.") before a capitalised word.
        if re.fullmatch(r"(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.?-?)+", word) and len(word.replace(".", "").replace("-", "")) <= 2:
            return False
        if word.lower().rstrip(".") in abbreviations:
            # "… in 2024 г. Next sentence" still ends when a capital follows an abbreviation of a unit.
            return next_char.isupper() and word.lower() in {"etc", "г", "гг", "т.д", "т.п", "млн", "млрд"}
    # A lower-case continuation is not a new sentence ("approx. five", "2.5 times").
    return not (next_char and next_char.islower())


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start <= MAX_SENTENCE:
            if start < end:
                spans.append((start, end))
            return
        cut = _cut(text, start, start + MAX_SENTENCE)
        spans.append((start, cut))
        start = cut


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence: after the last clause mark or space in the
    second half of ``text[start:limit]``, or at ``limit`` itself when there is none."""
    floor = start + (limit - start) // 2
    for mark in _CUTS:
        last = None
        for found in mark.finditer(text, floor, limit):
            last = found
        if last is not None:
            # After the semicolon or comma; at the space itself.
            return last.start() + (0 if mark is _CUTS[-1] else 1)
    return limit
