"""The engine's shape, as issue 14 asks it: languages are data and step lists, not branches.

Shared code never compares a language code with a literal ("lang == 'en'"): what differs by language
is in that language's module (kenes.extraction.en, ru, grammar_en, grammar_ru), its Turkic rules and
its lexicon folder. No function is longer than 60 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "kenes" / "extraction"
# Where one language's rules live: comparing its code there is not a branch of shared code.
LANGUAGE_MODULES = {"en.py", "ru.py", "grammar_en.py", "grammar_ru.py", "turkic.py"}
LANGUAGE_NAMES = {"lang", "language"}
MAX_LINES = 60


def _shared_modules():
    return [p for p in sorted(ENGINE.glob("*.py")) if p.name not in LANGUAGE_MODULES]


def _names(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.Attribute):
        return {node.attr}
    return set()


def _language_branches(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        says_language = any(_names(side) & LANGUAGE_NAMES for side in sides)
        literal = any(isinstance(side, ast.Constant) and isinstance(side.value, str) and len(side.value) == 2
                      for side in sides)
        literal_set = any(isinstance(side, (ast.Tuple, ast.Set, ast.List)) and side.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) and len(e.value) == 2 for e in side.elts)
            for side in sides)
        if says_language and (literal or literal_set):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_shared_code_has_no_branch_on_a_language_code():
    found = [line for path in _shared_modules() for line in _language_branches(path)]
    assert not found, "a language's rules belong in its module or lexicon folder:\n" + "\n".join(found)


def test_the_check_finds_a_branch(tmp_path):
    # The check itself: it must see the shapes it forbids, or it proves nothing.
    sample = tmp_path / "sample.py"
    sample.write_text("def f(lang, doc):\n    a = 1 if lang == 'en' else 2\n    b = doc.lang != 'ru'\n"
                      "    c = lang in ('kk', 'uz')\n    return a, b, c\n", encoding="utf-8")
    assert len(_language_branches(sample)) == 3


def _long_functions(folder: Path = ENGINE) -> set[tuple[str, str]]:
    found = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                    node.end_lineno - node.lineno + 1 > MAX_LINES:
                found.add((path.name, node.name))
    return found


def test_no_function_is_longer_than_60_lines():
    assert not _long_functions(), f"functions over {MAX_LINES} lines (split them into named steps)"


def test_the_length_check_finds_a_long_function(tmp_path):
    body = "".join(f"    x{n} = {n}\n" for n in range(MAX_LINES))
    (tmp_path / "long.py").write_text(f"def long():\n{body}    return 0\n", encoding="utf-8")
    assert _long_functions(tmp_path) == {("long.py", "long")}


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "uz"])
def test_every_language_lists_its_steps(lang):
    from kenes.extraction.pipeline import _rules

    rules = _rules(lang)
    assert rules.STEPS and all(callable(step) for step in rules.STEPS)
    for name in ("FEMININE_SURNAME", "GAZETTEER_TITLE", "GAZETTEER_SCRIPT", "INDICATORS"):
        assert hasattr(rules, name), f"{lang} does not say {name}"
