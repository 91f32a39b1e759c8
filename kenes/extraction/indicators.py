"""Targets, figures and projects: quantities (from money.py) read in their sentence.

A quantity is a *target* when the sentence aims at it ("increase trade to $10
billion", "увеличить до $10 млрд"), a *project* statement when it counts or
values projects, otherwise a *figure* for the period the same clause names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kenes.extraction.dates import find_dates as _find_dates
from kenes.extraction.money import find_quantities, format_decimal
from kenes.extraction.schema import Figure, Project, Target


@lru_cache(maxsize=2)
def find_dates(text: str, lang: str, published: str | None):
    """Dates of a document, found once for the steps that need them (figures, meetings, events)."""
    return tuple(_find_dates(text, lang, published))


# Counted things that are records of their own (agreements) or not indicators at all.
_NOT_FIGURES = {"agreements", "contracts", "documents", "memoranda", "years", "days", "months", "people",
                "times_optional"}
_TARGET_BEFORE = re.compile(
    r"(?:\b(?:to|up to|by|of|at|reaching|reach|до|на)\s*$)", re.I)
_TARGET_VERB = re.compile(
    r"\b(?:increas\w*|boost\w*|elevat\w*|rais\w*|reach(?:ing)?|bring\w*|doubl\w*|expand\w*|goal|target\w*|"
    r"aim\w*|увеличи\w*|увеличени\w*|довести|доведени\w*|нарасти\w*|нарастить|достичь|достижени\w*|"
    r"цел\w*|задач\w*)\b", re.I)
_PAST_FIGURE = re.compile(r"\b(?:reached|amounted|totaled|totalled|stood|was|were|grew|has grown|достиг\w*|"
                          r"составил\w*|вырос\w*|увеличившись|увеличился|увеличилась)\b", re.I)
_PROJECT = re.compile(r"\b(?:projects?|проект\w*|портфел\w*)\b", re.I)
_COMPARISON = re.compile(r"(?:compared\s+(?:to|with)|сравнени\w+\s+с|по\s+сравнению\s+с|than)\b[^,;]{0,40}$", re.I)
_INDICATOR = re.compile(
    r"(?:mutual\s+)?(?:trade\s+turnover|trade|exports?|imports?|investments?|sales|товарооборот\w*|"
    r"экспорт\w*|импорт\w*|инвестици\w*|торгов\w+\s+оборот\w*)"
    r"(?:\s+(?:between\s+(?:the\s+two\s+(?:countries|states)|[A-Z]\w+\s+and\s+[A-Z]\w+)|"
    r"между\s+(?:странами|[А-Я]\w+\s+и\s+[А-Я]\w+)|to\s+[A-Z]\w+))?", re.I)
_STATUS = [
    ("pipeline", re.compile(r"pipeline|портфел\w*|prepared|подготовил\w*", re.I)),
    ("in_progress", re.compile(r"being implemented|under way|underway|under construction|реализуются|"
                               r"реализуется|в стадии реализации", re.I)),
    ("implemented", re.compile(r"implementation of|implemented|completed|launched|established|реализован\w*|"
                               r"запущен\w*|введен\w*", re.I)),
    ("planned", re.compile(r"plann\w*|upcoming|will|future|construction of|по реализации|планиру\w*|"
                           r"намечен\w*|строительств\w*", re.I)),
]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, a = [], start
    for m in re.finditer(r"[,;]\s", text[start:end]):
        out.append((a, start + m.start()))
        a = start + m.end()
    out.append((a, end))
    return out


def find(text: str, lang: str, sentences: list[tuple[int, int]], published: str | None, orgs) -> dict:
    quantities = find_quantities(text, lang)
    dates = [d for d in find_dates(text, lang, published)]
    targets, figures, projects = [], [], []
    sentence_of = {}
    for q in quantities:
        for s in sentences:
            if s[0] <= q.start < s[1]:
                sentence_of[q] = s
                break
    used: set[int] = set()
    previous_kind: dict[tuple[int, int], tuple[str, int]] = {}
    for idx, q in enumerate(quantities):
        if idx in used or q not in sentence_of:
            continue
        s_start, s_end = sentence_of[q]
        left = text[max(s_start, q.start - 120) : q.start]
        near_left = text[max(s_start, q.start - 30) : q.start]
        clause = next((c for c in _clauses(text, s_start, s_end) if c[0] <= q.start <= c[1]), (s_start, s_end))
        value = format_decimal(q.value)
        unit = q.unit
        # Projects: "12 joint projects worth $156 million", "портфель … на сумму свыше $8 млрд".
        if unit == "projects" or (q.is_money and _PROJECT.search(text[max(clause[0], q.start - 80) : q.start])):
            count, money = (int(q.value), None) if unit == "projects" else (None, q)
            if count is not None and idx + 1 < len(quantities):
                nxt = quantities[idx + 1]
                if nxt.is_money and nxt.start - q.end < 40 and nxt.start < s_end:
                    money = nxt
                    used.add(idx + 1)
            around = text[s_start:s_end]
            near = text[q.start : min(s_end, (money.end if money else q.end) + 40)]
            status = _project_status(near) or _project_status(text[max(s_start, q.start - 80) : q.start]) \
                or _project_status(around)
            desc_m = re.search(r"((?:joint|совместн\w+)?\s*(?:\w+\s+)?(?:projects|проект\w*|портфел\w*(?:\s+\w+){0,2}))",
                               text[max(s_start, q.start - 60) : min(s_end, q.end + 30)], re.I)
            end = money.end if money else q.end
            projects.append(Project(
                description=desc_m.group(1).strip() if desc_m else None, count=count,
                value=format_decimal(money.value) if money else None, unit=money.unit if money else None,
                qualifier=money.qualifier if money else q.qualifier, status=status, spans=[(q.start, end)]))
            continue
        if unit in _NOT_FIGURES:
            continue
        stripped = re.sub(r"\s+$", "", near_left)
        is_target = bool(_TARGET_BEFORE.search(stripped + " ") or _TARGET_BEFORE.search(stripped)) and bool(
            _TARGET_VERB.search(left)) and not _PAST_FIGURE.search(text[max(s_start, q.start - 40) : q.start])
        # "up to 5 billion and then 10 billion": the second amount continues the first.
        prev = previous_kind.get((s_start, s_end))
        if prev and re.fullmatch(r"\s*(?:,|and|and then|then|или|и|а затем|затем|,\s*а)?\s*(?:then\s*)?",
                                 text[prev[1] : q.start]):
            is_target = prev[0] == "target"
        if lang == "en" and re.search(r"\bof\s*$", stripped) and not re.search(r"goal\s+of\s+reaching|goal\s+of", left):
            is_target = False
        indicator = _indicator(text, clause[0], q.start) or _indicator(text, s_start, q.start)
        if is_target:
            deadline = next((d.value for d in dates if s_start <= d.start < s_end and d.kind == "deadline"), None)
            targets.append(Target(indicator=indicator, value=value, unit=unit, qualifier=q.qualifier,
                                  deadline=deadline, spans=[(q.start, q.end)]))
            previous_kind[(s_start, s_end)] = ("target", q.end)
        else:
            period = _period(text, dates, clause, (s_start, s_end), q)
            figures.append(Figure(indicator=indicator, value=value, unit=unit, period=period,
                                  qualifier=q.qualifier, spans=[(q.start, q.end)]))
            previous_kind[(s_start, s_end)] = ("figure", q.end)
    projects += _named_projects(text, orgs)
    return {"targets": targets, "figures": figures, "projects": projects}


def _project_status(text: str) -> str | None:
    for status, pattern in _STATUS:
        if pattern.search(text):
            return status
    return None


def _indicator(text: str, start: int, end: int) -> str | None:
    found = list(_INDICATOR.finditer(text, start, end))
    return re.sub(r"\s+", " ", found[-1].group()) if found else None


def _period(text, dates, clause, sentence, q) -> str | None:
    def usable(d):
        return d.kind != "deadline" and not _COMPARISON.search(text[max(sentence[0], d.start - 45) : d.start])

    # "for 2021 ($3.9 billion)": a period right before the bracketed amount is its own.
    adjacent = [d for d in dates if 0 <= q.start - d.end <= 3 and d.kind != "deadline"]
    if adjacent:
        return adjacent[-1].value
    in_clause = [d for d in dates if clause[0] <= d.start < clause[1] and usable(d)]
    if in_clause:
        return min(in_clause, key=lambda d: abs(d.start - q.start)).value
    before = [d for d in dates if sentence[0] <= d.start < clause[0] and usable(d)]
    if before:
        return before[-1].value
    return None


_NAMED_PROJECT_BEFORE = re.compile(r"(?:construction|building|launch|creation)\s+of\s+(?:the\s+)?$|"
                                   r"строительств\w+\s+$", re.I)
_NAMED_PROJECT_AFTER = re.compile(r"^[\s\"“”«»–-]*(?:[A-Z][\w\s]{0,20}?)?[\"”»]?\s*(?:industrial zone|project|"
                                  r"индустриальн\w+ зон\w+|проект\w*)\b", re.I)


def _named_projects(text: str, orgs) -> list[Project]:
    out = []
    for org in orgs:
        for start, end in org.spans:
            before = text[max(0, start - 40) : start]
            after = text[end : end + 40]
            if _NAMED_PROJECT_BEFORE.search(before) or _NAMED_PROJECT_AFTER.match(after):
                status = "planned" if re.search(r"upcoming|planned|future|will", before + text[end:end + 80], re.I) \
                    else "implemented" if re.search(r"established|launched|opened|created", text[end:end + 80], re.I) \
                    else None
                out.append(Project(name=org.name, status=status, spans=[(start, end)]))
                break
    return out
