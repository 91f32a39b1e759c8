"""The Russian, Kazakh and Uzbek catalogues: every message translated, nothing fuzzy or obsolete, and each
translation faithful to the English in what the program relies on (placeholders, HTML tags, line breaks, script).

The .po text is read directly (no gettext tools needed), so these checks run the same on any machine;
test_i18n.py checks that the compiled .mo files say the same thing as the .po sources.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.web.po import parse

LOCALE = Path(__file__).resolve().parents[2] / "kenes" / "locale"
LANGUAGES = ["ru", "kk", "uz"]
NPLURALS = {"ru": 3, "kk": 2, "uz": 2}

PERCENT = re.compile(r"%(?:\((\w+)\))?[#0 +-]*\d*(?:\.\d+)?([sdifr%])")
BRACES = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def messages(language: str) -> list[dict]:
    return [e for e in parse(catalogue(language)) if e["msgid"] and not e["obsolete"]]


def _label(entry: dict) -> str:
    return entry["msgid"][:80]


def _placeholders(text: str) -> Counter:
    return Counter(f"%({name}){kind}" if name else f"%{kind}" for name, kind in PERCENT.findall(text) if kind != "%")


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_has_a_catalogue_with_messages(language):
    po = catalogue(language)
    assert po.exists(), po
    assert po.with_suffix(".mo").exists(), f"{po.with_suffix('.mo')} is missing: run `make messages`"
    assert len(messages(language)) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_translates_every_message(language):
    untranslated = [_label(e) for e in messages(language) if not all(e["msgstr"])]
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_leaves_nothing_fuzzy_or_obsolete(language):
    entries = parse(catalogue(language))
    assert [_label(e) for e in entries if "fuzzy" in e["flags"]] == []
    assert [_label(e) for e in entries if e["obsolete"]] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_gives_every_plural_message_the_language_forms(language):
    wrong = [(_label(e), len(e["msgstr"])) for e in messages(language)
             if "msgid_plural" in e and len(e["msgstr"]) != NPLURALS[language]]
    assert wrong == []
    assert [_label(e) for e in messages(language) if "msgid_plural" not in e and len(e["msgstr"]) != 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_every_placeholder_of_the_english(language):
    wrong = []
    for entry in messages(language):
        if "msgid_plural" in entry:
            # Each plural form names the same values as the English (the singular may spell out "one").
            want = set(_placeholders(entry["msgid"] + entry["msgid_plural"]))
            wrong.extend((_label(entry), form) for form in entry["msgstr"] if set(_placeholders(form)) != want)
        else:
            want = _placeholders(entry["msgid"])
            wrong.extend((_label(entry), form) for form in entry["msgstr"] if _placeholders(form) != want)
        if "python-brace-format" in entry["flags"]:
            names = Counter(BRACES.findall(entry["msgid"]))
            wrong.extend((_label(entry), form) for form in entry["msgstr"] if Counter(BRACES.findall(form)) != names)
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_every_html_tag_of_the_english(language):
    wrong = []
    for entry in messages(language):
        tags = Counter(TAG.findall(entry["msgid"]))
        wrong.extend((_label(entry), form) for form in entry["msgstr"] if Counter(TAG.findall(form)) != tags)
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_starts_and_ends_each_translation_like_the_english(language):
    # What msgfmt --check requires: a leading or trailing newline kept or left out alike.
    wrong = []
    for entry in messages(language):
        english = entry["msgid"]
        for form in entry["msgstr"]:
            if english.startswith("\n") != form.startswith("\n") or english.endswith("\n") != form.endswith("\n"):
                wrong.append(_label(entry))
    assert wrong == []


def test_it_writes_russian_and_kazakh_in_cyrillic():
    for language in ("ru", "kk"):
        latin_only = [_label(e) for e in messages(language)
                      if any(form.casefold() != e["msgid"].casefold() and re.search(r"[A-Za-z]{3}", form) and not CYRILLIC.search(form)
                             for form in e["msgstr"])]
        assert latin_only == [], language
    kazakh = "".join(form for e in messages("kk") for form in e["msgstr"])
    assert len(KAZAKH_LETTERS & set(kazakh)) >= 6


def test_it_writes_uzbek_in_latin_with_cyrillic_only_where_the_english_quotes_it():
    # "Токаев finds Tokayev" keeps its Cyrillic example; anything else in Cyrillic is a slip of script.
    wrong = []
    for entry in messages("uz"):
        quoted = set(CYRILLIC_WORD.findall(entry["msgid"] + entry.get("msgid_plural", "")))
        for form in entry["msgstr"]:
            extra = set(CYRILLIC_WORD.findall(form)) - quoted
            if extra:
                wrong.append((_label(entry), sorted(extra)))
    assert wrong == []


def test_it_uses_the_uzbek_modifier_letter_turned_comma_for_o_and_g():
    texts = " ".join(form for e in messages("uz") for form in e["msgstr"])
    assert "oʻ" in texts and "gʻ" in texts  # U+02BB
    assert not re.search(r"[OoGg]['`‘’ʼ]", texts), re.search(r".{20}[OoGg]['`‘’ʼ].{20}", texts)
