"""No phrase of a document in the engine's code: rules are general, names are data (issue 14).

Collects every capitalised multi-word phrase — two or more words in a row that each start with a capital
letter, and every shorter run of two or more inside a longer one — from every text in tests/extraction/
and in the shared dev corpus (../shared/corpus/dev), and fails when one of them occurs in
kenes/extraction/*.py: in a rule, in a regular expression (where ``\\s+`` stands for a space) or in a
comment. A real institution or office-holder the engine should know belongs in a gazetteer under
kenes/extraction/lexicons/; an example in a comment can be made up.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "kenes" / "extraction"
TESTS = ROOT / "tests" / "extraction"
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
# Longer phrases hold these too: a code phrase of more words than this still shows as one of its parts.
LONGEST = 8

_WORD = re.compile(r"[^\W_][\w'’‘ʻ`\-]*")
_SPACES = re.compile(r"[ \t\u00a0]+")
# How a regular expression writes the space between two words, and an escaped hyphen.
_REGEX_SPACE = re.compile(r"\\s[+*]?|\\ |\[ \]|\(\?:\s*\)")


def phrases(text: str) -> set[str]:
    """Every run of two to LONGEST capitalised words separated only by spaces, and its shorter runs."""
    found: set[str] = set()
    run: list[str] = []
    last_end = None

    def close():
        for i in range(len(run)):
            for j in range(i + 2, min(len(run), i + LONGEST) + 1):
                found.add(" ".join(run[i:j]))

    for m in _WORD.finditer(text):
        word = m.group().rstrip("'’‘ʻ`-")
        joined = last_end is not None and _SPACES.fullmatch(text[last_end : m.start()])
        if not joined:
            close()
            run = []
        if word[:1].isupper():
            run.append(word)
        else:
            close()
            run = []
        last_end = m.end()
    close()
    return found


def code_text(source: str) -> str:
    """The source as prose: regular-expression spaces and escaped hyphens written plainly, a comment or
    docstring wrapped over lines read as one line."""
    source = _REGEX_SPACE.sub(" ", source).replace("\\-", "-")
    return re.sub(r"\s*\n\s*(?:#\s*)?", " ", source)


def _texts() -> list[Path]:
    texts = sorted(TESTS.rglob("*.txt"))
    if CORPUS.is_dir():
        texts += sorted(CORPUS.glob("*.txt"))
    elif os.environ.get("KENES_NO_SKIPS") == "1":
        pytest.fail(f"the shared dev corpus is missing ({CORPUS}): this check must read it in CI")
    else:
        pytest.skip(f"the shared dev corpus is not here ({CORPUS})")
    return texts


def test_it_finds_the_phrases_it_is_meant_to_find():
    assert phrases("the Ministry of Foreign Affairs of the Kyrgyz Republic, Deputy Prime Minister X.") == {
        "Foreign Affairs", "Kyrgyz Republic", "Deputy Prime", "Prime Minister", "Deputy Prime Minister",
        "Minister X", "Prime Minister X", "Deputy Prime Minister X"}
    assert phrases("Председатель Комитета по туризму") == {"Председатель Комитета"}
    assert "Foreign Affairs" in phrases(code_text('r"Foreign\\s+Affairs"'))
    assert "Foreign Affairs" in phrases(code_text("# the Foreign\n    # Affairs of"))


def test_no_phrase_of_a_document_is_in_the_engines_code():
    texts = _texts()
    assert len(texts) >= 30, "too few texts to check against"
    seen: dict[str, str] = {}
    for path in texts:
        for phrase in phrases(path.read_text(encoding="utf-8")):
            seen.setdefault(phrase, path.name)
    found = []
    for module in sorted(ENGINE.glob("*.py")):
        for phrase in sorted(phrases(code_text(module.read_text(encoding="utf-8"))) & seen.keys()):
            found.append(f"{module.name}: {phrase!r} (from {seen[phrase]})")
    assert found == [], "phrases of documents in the engine's code:\n" + "\n".join(found)
