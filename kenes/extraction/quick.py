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
    quicker there; None when one of them has a capital or an escape such as \\W in its source."""
    if any(p.pattern != p.pattern.lower() for p in patterns):
        return None
    return [re.compile(p.pattern, p.flags & ~re.IGNORECASE) for p in patterns]


# A numbered back-reference (\1) or a named one would point at another group once patterns are joined.
_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


class AnyOf:
    """A necessary condition for any of ``bodies`` (regular expressions) to match at a position."""

    def __init__(self, bodies: Iterable[str], lead: str = ""):
        # ``lead``: what every pattern asks before its body (a lookbehind that it starts a word), tried
        # once per position before the alternatives instead of entering each of them.
        source = lead + "(?:" + "|".join(f"(?:{body})" for body in bodies) + ")"
        # Lower-case bodies are searched in the lower-cased text; a body with a capital (or an escape
        # such as \W) keeps IGNORECASE on the text as it is.
        self._sensitive = source == source.lower()
        self._plain = re.compile(source, re.IGNORECASE)
        self._lower = re.compile(source) if self._sensitive else None

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        end = len(text) if end is None else end
        lower = lowered(text) if self._sensitive else None
        if lower is not None:
            return self._lower.search(lower, start, end) is not None
        return self._plain.search(text, start, end) is not None

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
