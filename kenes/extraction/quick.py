"""Quick checks: whether any of many patterns can match in a stretch of text, in one scan.

A step with forty cue patterns tried on every sentence spends its time failing. The check joins the
patterns' bodies (without the word-boundary tests around each, so it matches wherever one of them
does, and sometimes where none does) and searches the lower-cased text without IGNORECASE: a scan
then skips each alternative at its first letter, where IGNORECASE makes it enter every one (three to
ten times slower). A step tries its patterns one by one only where the check matches, which finds
exactly what trying them everywhere finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class last_text:  # noqa: N801 (used as a decorator)
    """``function(text)``, kept for the last text asked: every step of one document asks of the same
    text. Compared by identity and replaced as one pair, so threads never read one text's key with
    another's answer; ``forget()`` lets the text go between documents."""

    def __init__(self, function):
        self.function, self.last = function, (None, None)
        self.__doc__, self.__name__ = function.__doc__, function.__name__

    def __call__(self, text):
        last = self.last
        if last[0] is text:
            return last[1]
        answer = self.function(text)
        self.last = (text, answer)
        return answer

    def forget(self) -> None:
        self.last = (None, None)


def _look_alikes() -> dict[int, str]:
    """Letters IGNORECASE takes for another that lower() leaves as they are (dotless ı for i, long ſ for
    s, the old Cyrillic forms ᲀ…ᲈ for в д о с т ъ ѣ ꙋ): each written as the letter it stands for."""
    try:
        from re._casefix import _EXTRA_CASES  # the table the re module itself folds case with
    except ImportError:  # a Python without it: the letters as of 3.11–3.13
        _EXTRA_CASES = {0x69: (0x131,), 0x73: (0x17F,), **{0x1C80 + k: () for k in range(9)}}
    letters = {chr(code) for key, codes in _EXTRA_CASES.items() for code in (key, *codes)}
    return {ord(c): plain for c in letters if len(plain := c.upper().lower()) == 1 and plain != c}


_LOOK_ALIKES = _look_alikes()
_HAS_LOOK_ALIKE = re.compile("[" + "".join(re.escape(chr(code)) for code in _LOOK_ALIKES) + "]")


@last_text
def lowered(text: str) -> str | None:
    """``text`` in lower case, as IGNORECASE reads it; None when lower case changes its length (a dotted
    İ), so offsets would no longer hold."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    return lower.translate(_LOOK_ALIKES) if _HAS_LOOK_ALIKE.search(lower) else lower


def without_case(patterns: list[re.Pattern]) -> list[re.Pattern] | None:
    """The IGNORECASE ``patterns`` compiled for the lower-cased text (``lowered``), each three to ten times
    quicker there: their letters in lower case (a capital in an IGNORECASE pattern stands for both
    cases), their escapes (\\W, \\S) as they are. None when one of them is not IGNORECASE, or has
    what lower case would change the meaning of: an inline flag ("(?-i:"), a named group or a named
    character (group names are looked up as written)."""
    out = []
    for p in patterns:
        if not p.flags & re.IGNORECASE or _CASE_BOUND.search(p.pattern):
            return None
        out.append(re.compile(_ESCAPE_OR_TEXT.sub(_lower_text, p.pattern), p.flags & ~re.IGNORECASE))
    return out


class CaseFree:
    """An IGNORECASE pattern scanned in the lower-cased text (``lowered``) with ``without_case``'s form
    of it, and on the text as it is when that cannot be: the same matches, the quicker way. The matches'
    text is then in lower case: a caller wanting the words as written takes them from its own text."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        plain = without_case([pattern])
        self._lower = plain[0] if plain else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        pattern, scanned = self._scan(text)
        return pattern.finditer(scanned, start, len(text) if end is None else end)

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        pattern, scanned = self._scan(text)
        return pattern.search(scanned, start, len(text) if end is None else end)

    def _scan(self, text: str) -> tuple[re.Pattern, str]:
        lower = lowered(text) if self._lower is not None else None
        return (self._lower, lower) if lower is not None else (self.pattern, text)


# What lower-casing a pattern's source must leave alone: an escape and its letter ("\W", "\S").
_ESCAPE_OR_TEXT = re.compile(r"\\.|[^\\]+", re.S)
_CASE_BOUND = re.compile(r"\(\?[a-zA-Z-]+[:)]|\(\?P<|\\N\{")


def _lower_text(m: re.Match) -> str:
    return m.group() if m.group().startswith("\\") else m.group().lower()


# A numbered back-reference (\1) or a named one would point at another group once patterns are joined.
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


class AnyOf:
    """A necessary condition for any of ``bodies`` (regular expressions) to match at a position."""

    def __init__(self, bodies: Iterable[str], lead: str = ""):
        # ``lead``: what every pattern asks before its body (a lookbehind that it starts a word), tried
        # once per position before the alternatives instead of entering each of them.
        source = lead + "(?:" + "|".join(f"(?:{body})" for body in bodies) + ")"
        # The bodies are searched in the lower-cased text when they can be (``CaseFree``).
        self._pattern = CaseFree(re.compile(source, re.IGNORECASE))

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        return self._pattern.search(text, start, end) is not None

    @classmethod
    def of(cls, bodies: Iterable[str], lead: str = "") -> AnyOf | None:
        """The check, or None when the bodies cannot be joined (two name the same group): check nothing."""
        bodies = list(bodies)
        if any(_BACK_REFERENCE.search(body) for body in bodies):
            return None
        try:
            return cls(bodies, lead)
        except re.error:
            return None


# How far the needles of a pattern are followed: a few letters tell most patterns apart, and a pattern
# that opens with many alternatives is better checked by trying it than by dozens of needles.
_NEEDLE_LENGTH, _MOST_NEEDLES, _SHORTEST_NEEDLE = 6, 24, 3


def needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` begins with (in lower case when the pattern
    ignores case), read from its parsed form: a sentence containing none of them cannot hold a match,
    and ``str.find`` tells so many times quicker than a regular-expression scan. None when the
    pattern's opening is not made of letters that can be listed (a class such as \\w, a repeat that may
    be absent) or a needle would be too short to tell anything."""
    try:
        from re import _parser  # the parser of the re module itself (sre_parse before 3.11)
    except ImportError:  # pragma: no cover - older Pythons
        import sre_parse as _parser  # type: ignore[no-redef]
    try:
        found, _whole = _prefixes(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - a form the walk does not know: no needles, the pattern is tried
        return None
    if not found or min(len(s) for s in found) < _SHORTEST_NEEDLE:
        return None
    if pattern.flags & re.IGNORECASE:
        found = {s.lower() for s in found}
    # "shall" tells all that "shall also" does.
    return tuple(s for s in sorted(found) if not any(s != t and s.startswith(t) for t in found))


def _prefixes(items) -> tuple[set[str], bool]:
    """(the strings a match of ``items`` begins with, whether they are whole: the items were all
    letters, so what follows can lengthen them)."""
    from re._constants import (
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        SUBPATTERN,
    )

    out = {""}
    for k, (op, av) in enumerate(items):
        if all(len(s) >= _NEEDLE_LENGTH for s in out):
            return out, False
        if op in (ASSERT, ASSERT_NOT, AT):  # take no letters: "(?<![\w\-])", "\b"
            continue
        if op is LITERAL:
            out = {s + chr(av) for s in out}
            continue
        if op is IN and av and all(kind is LITERAL for kind, _ in av) and len(av) <= 4:
            out = {s + chr(c) for s in out for _, c in av}
            continue
        if op is SUBPATTERN:
            inner, whole = _prefixes(list(av[-1]))
        elif op is BRANCH:
            parts = [_prefixes(list(branch)) for branch in av[1]]
            inner = set().union(*(p[0] for p in parts))
            whole = all(p[1] for p in parts)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:  # at least once: its opening, then stop
            inner, whole = _prefixes(list(av[2]))[0], False
        elif op in (MAX_REPEAT, MIN_REPEAT):  # "(?:also )?discussed": its opening, or what follows it
            inner = _prefixes(list(av[2]))[0] | _prefixes(items[k + 1 :])[0]
            whole = False
        else:
            return out, False
        joined = {s + t for s in out for t in inner}
        if len(joined) > _MOST_NEEDLES:
            return out, False
        out = joined
        if not whole:
            return out, False
    return out, True


def needle_pattern(pattern: re.Pattern) -> re.Pattern | None:
    """``needles(pattern)`` as one pattern of plain strings (searched in the lower-cased text when
    ``pattern`` ignores case): one scan in C where a loop of ``str.find`` would be Python's."""
    found = needles(pattern)
    if found is None:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(found, key=lambda n: (-len(n), n))))


class Needled:
    """A pattern searched only where one of its needles is: a sentence without any of them is passed over
    after a few ``str.find``, where a scan of a long alternation enters each of its branches."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self._needles = needle_pattern(pattern)
        self._in_lower = bool(pattern.flags & re.IGNORECASE)  # needles() lowered them

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        haystack = (lowered(text) if self._in_lower else text) if self._needles is not None else None
        if haystack is not None and not self._needles.search(haystack, start, end):
            return None
        return self.pattern.search(text, start, end)
