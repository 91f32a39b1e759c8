"""Which organisation in the directory an organisation mention may be.

Scores, highest first:

- 0.97 the name equals a name or other spelling of the record once folded;
- 0.93 the same acronym (0.80 when several organisations use it);
- 0.90 another name of the same institution in the gazetteer of known institutions
  (``kenes/extraction/lexicons/organizations.jsonl``): КИСИ, KazISS and the Russian
  full name are one entry there, so each finds a record created under another;
- 0.88 the same words in another order; up to 0.75 for most content words in
  common (rapidfuzz ``token_set_ratio``), which a person should confirm.

Deleted and merged-away records are never proposed; visibility does not limit
resolution (the secretariat reviews).
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from kenes.directory.models import Organization
from kenes.documents.resolution import register, register_many
from kenes.extraction import lexicons
from kenes.extraction.translit import fold

EXACT = 0.97
ACRONYM = 0.93
SHARED_ACRONYM = 0.80
GAZETTEER = 0.90
REORDERED = 0.88
MOST_WORDS = 0.75
SOME_WORDS = 0.60
OTHER_COUNTRY = 0.10
LIMIT = 300
MANY_LIMIT = 3000  # rows read for a whole document; more, and its mentions are looked up one by one
CHUNK = 100  # conditions per query (SQLite limits how deep a condition may nest)
# Folded function words that say nothing about which institution a name is.
_FUNCTION_WORDS = frozenset("of for the and under at in on to a an pri i po na v s dlya ne ta va uchun hamda".split())
_ACRONYM = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіЎўҲҳ]{1,9}$")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, frozenset[str]]:
    """Folded name or acronym → every folded name and acronym of the same institution."""
    index: dict[str, set[str]] = {}
    for entry in lexicons.organizations():
        forms = {fold(f) for f in [entry.get("name"), entry.get("acronym"), *(entry.get("aliases") or [])] if f}
        forms.discard("")
        for form in forms:
            index.setdefault(form, set()).update(forms)
    return {form: frozenset(forms) for form, forms in index.items()}


def _content_words(key: str) -> list[str]:
    return [w for w in key.split() if w not in _FUNCTION_WORDS and len(w) >= 3]


def _keys(mention) -> tuple[str, str, set[str]] | None:
    """The folded name and acronym of the mention, and the other names the gazetteer knows for it."""
    values = mention.values or {}
    name = (values.get("name") or mention.label or "").strip()
    acronym = (values.get("acronym") or "").strip()
    if not acronym and _ACRONYM.match(name) and sum(c.isupper() for c in name) >= 2:
        acronym = name
    name_key, acronym_key = fold(name), fold(acronym)
    if not name_key and not acronym_key:
        return None
    known = set()
    for key in (name_key, acronym_key):
        known |= _gazetteer().get(key, frozenset())
    known -= {name_key, acronym_key}
    return name_key, acronym_key, known


@register("organization")
def find(mention) -> list[tuple[Organization, float, str]]:
    keys = _keys(mention)
    if keys is None:
        return []
    return _rank(mention, keys, _candidates(*keys))


@register_many("organization")
def find_many(mentions) -> dict[int, list[tuple[Organization, float, str]]]:
    """``find`` for a document's organisation mentions: the directory read once for all of them."""
    wanted = {m.pk: (m, keys) for m in mentions if (keys := _keys(m)) is not None}
    starts, pairs = set(), set()
    for _m, keys in wanted.values():
        words, long_name = _terms(*keys)
        starts |= words
        if long_name:
            pairs.add(long_name)
    # A term that starts with another adds nothing to the condition; nor does a pair holding such a term.
    starts = {k for k in starts if not any(k != o and k.startswith(o) for o in starts)}
    pairs = {p for p in pairs if not any(w.startswith(o) for w in p for o in starts)}
    conditions = [_word_start(k) for k in sorted(starts)] + [_both(p) for p in sorted(pairs)]
    rows: dict[int, Organization] = {}
    for i in range(0, len(conditions), CHUNK):
        condition = Q()
        for part in conditions[i:i + CHUNK]:
            condition |= part
        for org in _organizations(condition)[:MANY_LIMIT + 1]:
            rows[org.pk] = org
        if len(rows) > MANY_LIMIT:  # too many to read at once: one mention at a time
            return {m.pk: find(m) for m in mentions}
    ordered = [rows[pk] for pk in sorted(rows)]
    results: dict[int, list] = {m.pk: [] for m in mentions}
    for pk, (mention, keys) in wanted.items():
        words, long_name = _terms(*keys)
        candidates = [org for org in ordered if any(_starts_word(org, k) for k in words)
                      or (long_name and all(_starts_word(org, w) for w in long_name))][:LIMIT]
        results[pk] = _rank(mention, keys, candidates)
    return results


def _rank(mention, keys, candidates) -> list[tuple[Organization, float, str]]:
    name_key, acronym_key, known = keys
    found = {}
    for org in candidates:
        score, reason = _compare(org, name_key, acronym_key, known)
        if score <= 0:
            continue
        found[org] = [score, reason]
    if acronym_key:
        sharing = [org for org, (score, _r) in found.items() if score == ACRONYM]
        if len(sharing) > 1:
            for org in sharing:
                found[org] = [SHARED_ACRONYM, _("same acronym; %(count)s organisations use it") % {"count": len(sharing)}]
    country = (mention.values or {}).get("country")
    for org, pair in found.items():
        if country and org.party_id and org.party.code != country:
            pair[0] -= OTHER_COUNTRY
            pair[1] = _("%(reason)s; another country") % {"reason": pair[1]}
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0].pk))
    return [(org, round(score, 3), reason) for org, (score, reason) in ranked]


def _word_start(key: str) -> Q:
    # search_key is folded names joined by spaces: match at the start of a word.
    return Q(search_key__startswith=key) | Q(search_key__contains=" " + key)


def _starts_word(org: Organization, key: str) -> bool:
    """``_word_start`` in Python."""
    return org.search_key.startswith(key) or " " + key in org.search_key


def _both(words) -> Q:
    both = Q()
    for word in words:
        both &= _word_start(word)
    return both


def _terms(name_key: str, acronym_key: str, known: set[str]) -> tuple[set[str], tuple[str, ...]]:
    """What a candidate's search_key must hold: a word starting with one of the names, or for a long
    name the beginnings (five letters, so that Russian case endings do not matter) of its two
    longest content words."""
    words = set(sorted({name_key, acronym_key, *known} - {""})[:20])
    content = _content_words(name_key)
    long_name = tuple(w[:5] for w in sorted(content, key=len, reverse=True)[:2]) if len(content) >= 3 else ()
    return words, long_name


def _organizations(condition: Q):
    queryset = Organization.objects.live().filter(condition)
    return queryset.select_related("party").prefetch_related("aliases").order_by("pk")


def _candidates(name_key: str, acronym_key: str, known: set[str]) -> list[Organization]:
    words, long_name = _terms(name_key, acronym_key, known)
    condition = Q()
    for key in sorted(words):
        condition |= _word_start(key)
    if long_name:
        condition |= _both(long_name)
    return list(_organizations(condition)[:LIMIT])


def _compare(org: Organization, name_key: str, acronym_key: str, known: set[str]) -> tuple[float, str]:
    names = [str(n) for n in org.names()] + [a.name for a in org.aliases.all()]
    name_keys = {fold(n) for n in names} - {""}
    record_acronym = fold(org.acronym) if org.acronym else ""
    if name_key and name_key in name_keys:
        return EXACT, _("same name")
    if acronym_key and (acronym_key == record_acronym or acronym_key in name_keys):
        return ACRONYM, _("same acronym")
    if name_key and name_key == record_acronym:
        return ACRONYM, _("same acronym")
    if known & (name_keys | {record_acronym}):
        return GAZETTEER, _("another name or acronym of the same institution (list of known institutions)")
    if len(_content_words(name_key)) < 3:
        return 0.0, ""
    best = (0.0, "")
    for key in name_keys:
        if len(_content_words(key)) < 2:
            continue
        if fuzz.token_sort_ratio(name_key, key) >= 95:
            return REORDERED, _("the same words in another order")
        ratio = fuzz.token_set_ratio(" ".join(_content_words(name_key)), " ".join(_content_words(key)))
        if ratio >= 90 and best[0] < MOST_WORDS:
            best = (MOST_WORDS, _("most words of the name in common"))
        elif ratio >= 80 and best[0] < SOME_WORDS:
            best = (SOME_WORDS, _("many words of the name in common"))
    return best
