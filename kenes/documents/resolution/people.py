"""Which person in the directory a person mention may be: across scripts, inflection and short forms.

Scores, highest first:

- 0.97 the whole name equals a name or other spelling of the record once folded
  (0.95 when an ending had to be taken off: Токаева, Тоқаевтың);
- 0.90 the same surname and a compatible given name or initial (K. Tokayev);
- 0.75 the surname alone, and only one person has it ("President Tokayev");
- 0.70 a similar spelling (rapidfuzz ratio of the folded names ≥ 90);
- lower for a surname many people share, or a namesake with another given name.

Candidates are narrowed in the database by the folded surname (``search_key``);
only those few are compared in Python.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from kenes.directory.models import Person
from kenes.documents.resolution import register, register_many
from kenes.documents.resolution.names import (
    Reading,
    Token,
    is_cyrillic,
    is_patronymic_key,
    is_surname_key,
    name_tokens,
    person_readings,
)

EXACT = 0.97
GIVEN_NAME = 0.90
EXTRA_WORDS = 0.80
SURNAME_ONLY = 0.75
FUZZY = 0.70
FUZZY_SURNAME = 0.60
SHARED_SURNAME = 0.50
NAMESAKE = 0.40
INFLECTED = 0.02  # taken off a score that needed an ending removed first
OTHER_COUNTRY = 0.10
LIMIT = 300  # rows read per query: enough for any one surname, a guard against a one-letter key
MANY_LIMIT = 3000  # rows read for a whole document; more, and its mentions are looked up one by one
CHUNK = 100  # keys per query (SQLite limits how deep a condition may nest)


def _readings(mention) -> list[tuple[str, Reading]]:
    values = mention.values or {}
    lang = mention.document.language if mention.document_id else ""
    written = [values.get("name") or mention.label, *(values.get("aliases") or [])]
    readings = []
    for name in dict.fromkeys(n for n in written if n):
        readings += [(name, r) for r in person_readings(name, lang)]
    return readings


def _certain(found: dict) -> bool:
    return bool(found) and max(score for score, _ in found.values()) >= EXACT - INFLECTED


def _wider(keys: set[str]) -> set[str]:
    # Nothing certain: look wider, for spellings that differ by a letter or two.
    return _spellings({k[:3] for k in keys if len(k) >= 5})


def _ranked(found: dict) -> list[tuple[Person, float, str]]:
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[0].pk))
    return [(person, score, reason) for person, (score, reason) in ranked]


@register("person")
def find(mention) -> list[tuple[Person, float, str]]:
    readings = _readings(mention)
    if not readings:
        return []
    country = (mention.values or {}).get("country")
    keys = _surname_keys(r for _, r in readings)
    found = _score(readings, _candidates(_spellings(keys), prefix=False), country)
    if not _certain(found):
        more = _candidates(_wider(keys), prefix=True, exclude=found)
        found.update(_score(readings, more, country))
    return _ranked(found)


@register_many("person")
def find_many(mentions) -> dict[int, list[tuple[Person, float, str]]]:
    """``find`` for a document's person mentions: the directory read once for all their surnames
    (and once more for the wider look), each mention then scored against its own candidates."""
    wanted = {}
    for mention in mentions:
        readings = _readings(mention)
        if readings:
            wanted[mention.pk] = (mention, readings, _surname_keys(r for _, r in readings))
    results: dict[int, list] = {pk: [] for pk in (m.pk for m in mentions)}
    rows = _rows({k for _m, _r, keys in wanted.values() for k in _spellings(keys)})
    if rows is None:  # too many to read at once: one mention at a time
        return {m.pk: find(m) for m in mentions}
    found_by = {}
    for pk, (mention, readings, keys) in wanted.items():
        people = _among(rows, _spellings(keys), prefix=False)
        found_by[pk] = _score(readings, people, (mention.values or {}).get("country"))
    uncertain = [pk for pk, found in found_by.items() if not _certain(found)]
    wider = _rows({k for pk in uncertain for k in _wider(wanted[pk][2])})
    if wider is None:
        return {m.pk: find(m) for m in mentions}
    for pk in uncertain:
        mention, readings, keys = wanted[pk]
        more = _among(wider, _wider(keys), prefix=True, exclude=found_by[pk])
        found_by[pk].update(_score(readings, more, (mention.values or {}).get("country")))
    results.update({pk: _ranked(found) for pk, found in found_by.items()})
    return results


def _surname_keys(readings) -> set[str]:
    """The tokens that may be the surname: the last one, or the first of a name written surname first."""
    keys = set()
    for reading in readings:
        full = [t.key for t in reading.tokens if not t.initial]
        if full:
            keys.add(full[-1])
            keys.update(k for k in full[:-1] if is_surname_key(k))
    return {k for k in keys if len(k) >= 2}


def loose(key: str) -> str:
    # Latin writes the same sound y or i (Seitkaliyev / Seytkaliev, Aidar / Aydar): compare without it.
    return key.replace("y", "i")


def _spellings(keys: set[str]) -> set[str]:
    """The keys as the directory's search_key may spell them: with y or with i."""
    return keys | {k.replace("y", "i") for k in keys} | {k.replace("i", "y") for k in keys}


def _condition(keys) -> Q:
    condition = Q()
    for key in keys:
        # search_key is folded words joined by spaces: match at the start of a word.
        condition |= Q(search_key__startswith=key) | Q(search_key__contains=" " + key)
    return condition


def _people(condition: Q):
    return Person.objects.live().filter(condition).select_related("party").prefetch_related("aliases").order_by("pk")


def _candidates(keys: set[str], *, prefix: bool, exclude=()) -> list[Person]:
    if not keys:
        return []
    queryset = _people(_condition(sorted(keys)[:12])).exclude(pk__in=[p.pk for p in exclude])
    people = list(queryset[:LIMIT])
    return people if prefix else [p for p in people if _has_word(p, keys)]


def _rows(keys: set[str]) -> list[Person] | None:
    """Every live person with a word starting with one of ``keys``, by id; None when too many."""
    # A key that starts with another adds nothing to the condition.
    starts = [k for k in sorted(keys) if not any(k != o and k.startswith(o) for o in keys)]
    if not starts:
        return []
    people = {}
    for i in range(0, len(starts), CHUNK):
        for person in _people(_condition(starts[i:i + CHUNK]))[:MANY_LIMIT + 1]:
            people[person.pk] = person
        if len(people) > MANY_LIMIT:
            return None
    return [people[pk] for pk in sorted(people)]


def _among(rows: list[Person], keys: set[str], *, prefix: bool, exclude=()) -> list[Person]:
    """What ``_candidates`` would read from the database, picked from ``rows`` (by id, all the matches)."""
    if not keys:
        return []
    keys_used = sorted(keys)[:12]
    skip = {p.pk for p in exclude}
    people = [p for p in rows if p.pk not in skip
              and any(p.search_key.startswith(k) or " " + k in p.search_key for k in keys_used)][:LIMIT]
    return people if prefix else [p for p in people if _has_word(p, keys)]


def _has_word(person: Person, keys: set[str]) -> bool:
    return bool({loose(w) for w in person.search_key.split()} & {loose(k) for k in keys})


def _record_names(person: Person) -> list[str]:
    return [str(n) for n in person.names()] + [a.name for a in person.aliases.all()]


def _score(readings: list[tuple[str, Reading]], people: list[Person], country) -> dict:
    surname_owners: dict[str, set[int]] = {}
    for person in people:
        for name in _record_names(person):
            for key in _record_surnames(name_tokens(name)):
                surname_owners.setdefault(key, set()).add(person.pk)
    found = {}
    for person in people:
        best = (0.0, "")
        for record_name in _record_names(person):
            record = name_tokens(record_name)
            for written, reading in readings:
                score, reason = _compare(reading, record, surname_owners)
                if score <= 0:
                    continue
                if reason == "exact":
                    reason = (_("same name in another script") if is_cyrillic(written) != is_cyrillic(record_name)
                              else _("same name"))
                    if reading.inflected:
                        reason = _("same name, in another grammatical case")
                if reading.inflected:
                    score -= INFLECTED
                if score > best[0]:
                    best = (score, reason)
        if best[0] <= 0:
            continue
        score, reason = best
        if country and person.party_id and person.party.code != country:
            score -= OTHER_COUNTRY
            reason = _("%(reason)s; another country") % {"reason": reason}
        found[person] = (round(score, 3), reason)
    return found


def _record_surnames(tokens) -> set[str]:
    full = [loose(t.key) for t in tokens if not t.initial]
    keys = set(full[-1:])
    if len(full) > 1 and is_surname_key(full[0]):
        keys.add(full[0])
    return keys


def _compare(reading: Reading, record, surname_owners) -> tuple[float, str]:
    """How well one reading of the mention fits one of the record's names."""
    mine = [Token(loose(t.key), t.initial) for t in reading.tokens]
    theirs = [Token(loose(t.key), t.initial) for t in record]
    if not mine or not theirs:
        return 0.0, ""
    if sorted(mine) == sorted(theirs) and not any(t.initial for t in mine):
        return EXACT, "exact"
    surnames = _record_surnames(record)
    for i, token in enumerate(mine):
        if token.initial or token.key not in surnames:
            continue
        if 0 < i < len(mine) - 1 and sorted(mine[: i + 1]) == sorted(theirs):
            # The whole name, then words the engine read with it ("… Tokayev Astana").
            return GIVEN_NAME, _("the same name, followed by other words")
        rest_mine = list(mine)
        rest_mine.remove(token)
        rest_theirs = [t for t in theirs if t.key != token.key]
        return _given_names(rest_mine, rest_theirs, surname_owners.get(token.key, set()))
    return _fuzzy(mine, theirs, surnames)


def _given_names(mine, theirs, owners: set[int]) -> tuple[float, str]:
    """The surname matched: what the other words say (given names, initials, patronymics)."""
    mine = [t for t in mine if t.initial or not is_patronymic_key(t.key)]
    if not mine:
        if len(owners) <= 1:
            return SURNAME_ONLY, _("surname only; the only person with it")
        return SHARED_SURNAME, _("surname only; %(count)s people have it") % {"count": len(owners)}
    available = [t.key for t in theirs]
    matched_full = matched_initial = unmatched = 0
    for token in mine:
        hit = next((k for k in available if (k.startswith(token.key) if token.initial else k == token.key)), None)
        if hit is None and not token.initial:
            hit = next((k for k in available if len(k) >= 4 and fuzz.ratio(k, token.key) >= 90), None)
        if hit is None:
            unmatched += 1
            continue
        available.remove(hit)
        if token.initial:
            matched_initial += 1
        else:
            matched_full += 1
    if not theirs:
        return SURNAME_ONLY, _("same surname; the record has no given name")
    if not matched_full and not matched_initial:
        return NAMESAKE, _("same surname, different given name")
    if unmatched:
        return EXTRA_WORDS, _("surname and given name, with other words around them")
    if matched_full:
        return GIVEN_NAME, _("surname and given name")
    return GIVEN_NAME, _("surname and initial")


def _fuzzy(mine, theirs, surnames) -> tuple[float, str]:
    full = [t.key for t in mine if not t.initial]
    if not full:
        return 0.0, ""
    if len(full) > 1 and fuzz.ratio(" ".join(full), " ".join(t.key for t in theirs)) >= 90:
        return FUZZY, _("similar spelling")
    if len(full) > 1 and fuzz.ratio(" ".join(reversed(full)), " ".join(t.key for t in theirs)) >= 90:
        return FUZZY, _("similar spelling")
    if len(full) == 1 and len(full[0]) >= 5 and any(fuzz.ratio(full[0], s) >= 90 for s in surnames):
        return FUZZY_SURNAME, _("similar surname")
    return 0.0, ""
