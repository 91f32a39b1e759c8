"""The interface translations: catalogues complete where promised, compiled, and wired to the language switch.

The .mo files are committed (a fresh machine may lack gettext), so these tests read the .po sources with a
tiny parser and check that each compiled catalogue next to them says the same thing.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

from tests.web.po import parse

LOCALE = Path(__file__).resolve().parents[2] / "kenes" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file that are still in use."""
    return [e for e in parse(path) if not e["obsolete"]]


def _messages(path: Path) -> list[dict]:
    return [e for e in parse_po(path) if e["msgid"]]


def _translated(entry: dict) -> bool:
    return all(entry["msgstr"]) and "fuzzy" not in entry.get("flags", set())


def _header(path: Path) -> dict[str, str]:
    header = next(e for e in parse_po(path) if e["msgid"] == "" and "msgctxt" not in e)
    return dict(line.split(": ", 1) for line in header["msgstr"][0].splitlines() if ": " in line)


def _catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def test_it_has_catalogues_to_check():
    assert {path.parts[-3] for path in CATALOGUES} >= {"ru", "kk", "uz"}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_has_an_up_to_date_compiled_catalogue_next_to_each_po(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run `kenes manage compilemessages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.info().get("plural-forms") == _header(po)["Plural-Forms"]
    stale = []
    for entry in _messages(po):
        if not _translated(entry):
            continue
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            for n in range(0, 200):
                want = entry["msgstr"][compiled.plural(n)]
                got = (compiled.npgettext(context, entry["msgid"], entry["msgid_plural"], n) if context is not None
                       else compiled.ngettext(entry["msgid"], entry["msgid_plural"], n))
                if got != want:
                    stale.append((entry["msgid"], n, got, want))
                    break
        else:
            want = entry["msgstr"][0]
            got = (compiled.pgettext(context, entry["msgid"]) if context is not None
                   else compiled.gettext(entry["msgid"]))
            if got != want:
                stale.append((entry["msgid"], got, want))
    assert not stale, f"{mo} is out of date; run `kenes manage compilemessages`: {stale[:5]}"


def test_it_translates_every_russian_message_and_leaves_none_fuzzy():
    po = _catalogue("ru")
    entries = _messages(po)
    assert len(entries) > 200
    assert [e["msgid"] for e in entries if not all(e["msgstr"])] == []
    assert [e["msgid"] for e in parse_po(po) if "fuzzy" in e.get("flags", set())] == []


@pytest.mark.parametrize(("language", "plural_forms"), [
    ("ru", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"),
    ("kk", "nplurals=2; plural=(n != 1);"),
    ("uz", "nplurals=2; plural=(n != 1);"),
])
def test_it_declares_the_language_plural_forms_and_utf8(language, plural_forms):
    header = _header(_catalogue(language))
    assert header["Language"] == language
    assert header["Plural-Forms"] == plural_forms
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    nplurals = int(plural_forms.split("nplurals=")[1].split(";")[0])
    for entry in _messages(_catalogue(language)):
        if "msgid_plural" in entry:
            assert len(entry["msgstr"]) == nplurals, entry["msgid"]


@pytest.mark.parametrize("language", ["kk", "uz"])
def test_it_has_kazakh_and_uzbek_catalogues_with_translations(language):
    po = _catalogue(language)
    assert po.exists() and po.with_suffix(".mo").exists()
    translated = [e for e in _messages(po) if _translated(e)]
    assert len(translated) >= 20
    assert any(e["msgid"] == "Directory" for e in translated)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.parts[-3])
def test_it_keeps_every_placeholder_of_the_english_text(po):
    wrong = []
    for entry in _messages(po):
        wanted = set(PLACEHOLDER.findall(entry["msgid"] + entry.get("msgid_plural", "")))
        for form in entry["msgstr"]:
            if form and set(PLACEHOLDER.findall(form)) != wanted:
                wrong.append((entry["msgid"], form))
    assert wrong == []


def test_it_writes_uzbek_with_the_official_modifier_letters():
    # Official Latin orthography: oʻ and gʻ with U+02BB, not an apostrophe, backquote or quotation mark.
    texts = " ".join(form for e in _messages(_catalogue("uz")) for form in e["msgstr"])
    assert "oʻ" in texts and "gʻ" in texts
    assert not re.search(r"[OoGg]['`‘’]", texts)


def test_it_keeps_the_russian_wording_other_tests_rely_on():
    russian = {e["msgid"]: e["msgstr"][0] for e in _messages(_catalogue("ru"))}
    assert russian["Only the secretariat can change these records."] == "Изменять эти записи может только секретариат."
    assert russian["Directory"] == "Справочник"
    assert russian["People"] == "Люди"
    assert russian["Roles over time"] == "Должности во времени"
    assert russian["Sign in"] == "Войти"


def test_it_switches_the_interface_to_russian_through_the_language_form(client, db):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    assert '<html lang="ru">' in page
    navigation = re.search(r"<nav\b.*?</nav>", page, re.S).group(0)
    assert "Справочник" in navigation and "Обзор" in navigation
    assert "Войти" in page
