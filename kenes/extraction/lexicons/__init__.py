"""Lexicons of the extraction engine: plain data files a user can extend without code.

Each loader reads its file once, on first use (the CLI must start fast), and
returns immutable structures. Lines starting with ``#`` are comments.

A user adds entries without touching the installed package: put files with the
same names (``titles.tsv``, ``organizations.jsonl``, …) in a folder and point
``KENES_LEXICONS`` at it (several folders: separated by ``:``). Their lines are
read after the built-in ones.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

from kenes.extraction.quick import last_text
from kenes.extraction.translit import uzbek_cyrillic

HERE = Path(__file__).resolve().parent


class LexiconError(Exception):
    """A user's lexicon file is unreadable or malformed; the message names the file and line."""


def files(name: str) -> list[Path]:
    """The built-in lexicon file, then the user's files of the same name (KENES_LEXICONS)."""
    found = [HERE / name]
    for folder in os.environ.get("KENES_LEXICONS", "").split(os.pathsep):
        if folder.strip() and (Path(folder) / name).is_file():
            found.append(Path(folder) / name)
    return found


def _lines(name: str):
    for path in files(name):
        try:
            with open(path, encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    yield path, number, line.rstrip("\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"lexicon {path} cannot be read: {exc}") from None


def _rows(name: str) -> list[list[str]]:
    rows = []
    for _path, _number, line in _lines(name):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t") if cell.strip()])
    return rows


def _jsonl(name: str) -> list[dict]:
    records = []
    for path, number, line in _lines(name):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise LexiconError(f"lexicon {path} line {number}: not JSON ({exc.msg})") from None
    return records


@cache
def titles(lang: str) -> tuple[str, ...]:
    """Person titles of a language, longest first so that the longest title wins."""
    found = {row[1] for row in _rows("titles.tsv") if row[0] == lang}
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


@cache
def org_heads(lang: str) -> tuple[str, ...]:
    found = {row[1] for row in _rows("org_heads.tsv") if row[0] == lang}
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


@cache
def convention(name: str) -> bool:
    """Whether an annotation convention of conventions.tsv (name <TAB> yes/no) is on; a user's file
    (KENES_LEXICONS) given later overrides the built-in one."""
    found = [row[1].lower() for row in _rows("conventions.tsv") if row[0] == name and len(row) > 1]
    return bool(found) and found[-1] in {"yes", "true", "on", "1"}


@cache
def legal_forms(lang: str) -> tuple[str, ...]:
    """Company legal forms of a language (legal_forms.tsv: "АҚ", "ООО", "MChJ"), longest first."""
    found = {row[1] for row in _rows("legal_forms.tsv") if row[0] == lang and len(row) > 1}
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


@cache
def generic_bodies(lang: str) -> tuple[tuple[str, str], ...]:
    """(kind, word) of generic_bodies.tsv for a language: "government" heads and "generic" modifiers."""
    return tuple((row[1], canon(row[2]).lower()) for row in _rows("generic_bodies.tsv") if row[0] == lang)


@cache
def triggers(lang: str) -> tuple[tuple[str, str, str], ...]:
    """(stance, side, regex) for the measure triggers of a language, longest pattern first."""
    found = [(row[1], row[2], row[3]) for row in _rows("triggers.tsv") if row[0] == lang]
    return tuple(sorted(found, key=lambda t: -len(t[2])))


@cache
def weak_triggers(lang: str) -> frozenset[str]:
    """The patterns of ``triggers(lang)`` that a fifth column marks ``weak``: cues that often stand
    before something other than an action ("may", "focused on"); their measures rank lower in review."""
    return frozenset(row[3] for row in _rows("triggers.tsv") if row[0] == lang and len(row) > 4 and row[4] == "weak")


@cache
def topics() -> tuple[tuple[str, re.Pattern], ...]:
    """(topic, compiled keyword pattern): a stem matches a word starting with it, ``x$`` a whole word."""
    out = []
    for row in _rows("topics.tsv"):
        alts = []
        for kw in row[1:]:
            whole = kw.endswith("$")
            kw = re.escape(kw.rstrip("$").lower())
            alts.append(kw + (r"\b" if whole else ""))
        out.append((row[0], re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.I)))
    return tuple(out)


@cache
def countries() -> tuple[tuple[str, re.Pattern], ...]:
    """(ISO code, pattern of its names): ``Казахстан*`` matches any case ending."""
    out = []
    for row in _rows("countries.tsv"):
        alts = []
        for form in sorted(row[1:], key=len, reverse=True):
            parts = [re.escape(p.rstrip("*")) + (r"\w*" if p.endswith("*") else "") for p in form.split()]
            alts.append(r"\s+".join(parts))
        out.append((row[0], re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")))
    return tuple(out)


@cache
def country_names() -> frozenset[str]:
    """The countries' one-word names as written in the nominative ("Қазақстан", not "Қазақстанда")."""
    return frozenset(form.rstrip("*") for row in _rows("countries.tsv") for form in row[1:] if " " not in form)


@cache
def places() -> frozenset[str]:
    """Known cities' names in every script, in lower case, every apostrophe written as ``'``."""
    return frozenset(name.translate(_ONE_APOSTROPHE).lower() for row in _rows("places.tsv") for name in row[1:])


@cache
def given_names() -> frozenset[str]:
    names = set()
    for row in _rows("given_names.txt"):
        for cell in row:
            names.update(cell.split())
    return frozenset(names)


@cache
def organizations() -> tuple[dict, ...]:
    return tuple(_jsonl("organizations.jsonl"))


@cache
def people() -> tuple[dict, ...]:
    return tuple(_jsonl("people.jsonl"))


@cache
def gazetteer_pattern(kind: str) -> tuple[re.Pattern, dict[str, dict]]:
    """Every written form of the known people (``kind`` "people") or bodies ("orgs") in one pattern, and
    the entry each form names."""
    forms: dict[str, dict] = {}
    for entry in (people() if kind == "people" else organizations()):
        for form in [entry["name"], *(entry.get("aliases") or []), entry.get("acronym")]:
            if form:
                # one key per form with its apostrophes made one: Uzbek Latin writes o‘ as o', oʻ or o`
                forms[one_apostrophe(form)] = entry
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+").replace("'", _ANY_APOSTROPHE)
                    for f in sorted(forms, key=len, reverse=True))
    # Russian forms take case endings ("Токаева", "Высшего межгосударственного совета" is handled by rules).
    # Kazakh and Uzbek join a case ending to an acronym with a hyphen ("ЕАЭО-дан", "BMT-ning").
    # (the match ends before the hyphen: the acronym as written is the evidence)
    return re.compile(r"(?<![\w\-])(?:" + alts + r")(?:а|у|ым|ом|е)?"
                      r"(?:(?![\w\-])|(?<=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲ])(?=-[^\W\d_]{1,6}(?![\w\-])))"), forms


# --- per-language folders (``lexicons/<lang>/…``) ---------------------------------------------

# Uzbek Latin writes oʻ/gʻ and the tutuq belgisi with any of these; matching uses one of them.
APOSTROPHES = "\u02bb\u02bc\u2018\u2019`'"
_ANY_APOSTROPHE = "[" + re.escape(APOSTROPHES) + "]"
_ONE_APOSTROPHE = str.maketrans({c: "'" for c in APOSTROPHES})


@last_text  # each rule of a document asks for the same text: one translation of it, not one per rule
def canon(text: str) -> str:
    """The text with every apostrophe variant written as ``'``; same length, so offsets still hold."""
    return one_apostrophe(text)


def one_apostrophe(words: str) -> str:
    """``canon`` for a few words (a name, a form): not cached, so the document's own translation stays."""
    return words.translate(_ONE_APOSTROPHE) if any(mark in words for mark in _OTHER_APOSTROPHES) else words


_OTHER_APOSTROPHES = APOSTROPHES.replace("'", "")


# Languages written in Latin and Cyrillic alike, and the spelling of a Latin row in Cyrillic: a row with no
# Cyrillic in it is read twice, as written and spelled in Cyrillic, so a file keeps one spelling of each entry.
_SECOND_SCRIPT = {"uz": uzbek_cyrillic}
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _lang_rows(lang: str, name: str) -> list[tuple[str, ...]]:
    """The rows of ``<lang>/<name>`` (apostrophes made one), with each Latin-only row's Cyrillic twin
    after it for a language of ``_SECOND_SCRIPT``. A column holds words (not labels such as "agreed")
    when some row of the file writes it in Cyrillic; only its cells are spelled anew."""
    found = [tuple(canon(cell) for cell in row) for row in _rows(f"{lang}/{name}")]
    spell = _SECOND_SCRIPT.get(lang)
    if spell is None:
        return found
    cyrillic_rows = {row for row in found if any(_CYRILLIC.search(cell) for cell in row)}
    text_columns = {i for row in cyrillic_rows for i, cell in enumerate(row) if _CYRILLIC.search(cell)}
    if not text_columns and all(len(row) == 1 for row in found):
        text_columns = {0}  # a one-column list written in Latin only
    # A cell a Cyrillic row has as well ("not_before", a number) is a label, not a word of one script.
    shared = {cell for row in cyrillic_rows for cell in row}
    out: dict[tuple[str, ...], None] = {}
    for row in found:
        out[row] = None
        if row not in cyrillic_rows:
            out[tuple(spell(cell) if i in text_columns and cell not in shared else cell
                      for i, cell in enumerate(row))] = None
    return list(out)


@cache
def words(lang: str, name: str) -> tuple[str, ...]:
    """The entries of ``<lang>/<name>`` (first column; apostrophes made one), longest first."""
    found = {row[0] for row in _lang_rows(lang, name)}
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


def phrases(lang: str, name: str) -> str:
    """The entries of ``<lang>/<name>`` as one regular-expression alternation of the phrases as written (a space
    matches any run of spaces); one that never matches for a language without the file's entries."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words(lang, name)) or "(?!)"


@cache
def rows(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``<lang>/<name>`` as tuples of cells (apostrophes made one; Uzbek rows in both scripts)."""
    return tuple(_lang_rows(lang, name))


def compiled(lang: str, name: str, pattern: str, row: tuple[str, ...]) -> re.Pattern:
    """``pattern`` (built from a row of ``<lang>/<name>``) compiled, or a LexiconError naming the file
    and line of the row, so a user's broken regular expression is a clear one-line error."""
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        for path, number, line in _lines(f"{lang}/{name}"):
            if canon(line.strip()).split("\t")[-1].strip() == row[-1]:
                raise LexiconError(f"lexicon {path} line {number}: not a regular expression ({exc})") from None
        raise LexiconError(f"lexicon {lang}/{name}: not a regular expression ({exc})") from None


@cache
def number_words(lang: str) -> dict[str, int]:
    """``<lang>/number_words.tsv`` as word → value ("бес" → 5, "o'n" → 10); empty for a language without it."""
    if not any(path.is_file() for path in files(f"{lang}/number_words.tsv")):
        return {}
    return {row[0].lower(): int(row[1]) for row in rows(lang, "number_words.tsv")
            if len(row) > 1 and row[0] != "not_before"}


@cache
def not_numbers_before(lang: str) -> tuple[str, ...]:
    """Words before which a number word counts nothing (``not_before`` rows of ``number_words.tsv``:
    "ikki tomonlama", bilateral)."""
    if not any(path.is_file() for path in files(f"{lang}/number_words.tsv")):
        return ()
    return tuple(row[1].lower() for row in rows(lang, "number_words.tsv") if row[0] == "not_before" and len(row) > 1)


_NUMBER_DEFAULTS = {"comma": "decimal", "hyphen_endings": "yes"}


@cache
def number_writing(lang: str) -> dict[str, str]:
    """How ``lang`` writes numbers (``numbers.tsv``): what a comma before three digits is, and whether
    a case ending may follow a unit after a hyphen; the defaults for a language not listed."""
    found = dict(_NUMBER_DEFAULTS)
    for row in _rows("numbers.tsv"):
        if len(row) != 3 or row[1] not in _NUMBER_DEFAULTS:
            raise LexiconError(f"lexicon numbers.tsv: expected language, {' or '.join(_NUMBER_DEFAULTS)} and a "
                               f"value, got {row!r}")
        if row[0] == lang:
            found[row[1]] = row[2]
    return found


def _status_table(lang: str) -> tuple[tuple[str, str, str], ...]:
    """The rows (record, cue, pattern) of ``<lang>/status_cues.tsv``, checked; none for a language
    without the file. Read only by the cached loaders below, once for each cue they build."""
    name = f"{lang}/status_cues.tsv"
    if not any(path.is_file() for path in files(name)):
        return ()
    for row in (rows := _rows(name)):
        if len(row) != 3:
            raise LexiconError(f"lexicon {name}: expected record, cue and pattern, got {row!r}")
    return tuple(tuple(row) for row in rows)


def _status_pattern(lang: str, record: str, cue: str, source: str) -> re.Pattern:
    try:
        return re.compile(source, re.I)
    except re.error as exc:
        raise LexiconError(f"lexicon {lang}/status_cues.tsv: a {record} {cue} cue is not a regular expression "
                           f"({exc})") from None


@cache
def status_cue(lang: str, record: str, cue: str, shape: str = "{}") -> re.Pattern | None:
    """The status cue ``record``/``cue`` of ``<lang>/status_cues.tsv`` as one pattern (its rows in file
    order), put in ``shape`` where ``{}`` stands (what must come before or after it); None when the
    language has no such cue."""
    found = [f"(?:{pattern})" for r, c, pattern in _status_table(lang) if r == record and c == cue]
    if not found:
        return None
    return _status_pattern(lang, record, cue, shape.replace("{}", "(?:" + "|".join(found) + ")"))


@cache
def status_rows(lang: str, record: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The rows of ``record`` in ``<lang>/status_cues.tsv`` as (status, pattern), in file order (the first
    that matches gives the status); none for a language without them."""
    return tuple((cue, _status_pattern(lang, record, cue, pattern))
                 for r, cue, pattern in _status_table(lang) if r == record)
