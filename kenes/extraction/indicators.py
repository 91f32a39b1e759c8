"""Targets, figures and projects: quantities (from money.py) read in their sentence.

A quantity is a *target* when the sentence aims at it ("increase trade to $10
billion", "увеличить до $10 млрд"), a *project* statement when it counts or
values projects, otherwise a *figure* for the period the same clause names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from kenes.extraction import lexicons, provenance
from kenes.extraction.dates import find_dates as _find_dates
from kenes.extraction.money import find_quantities, format_decimal
from kenes.extraction.quick import CaseFree
from kenes.extraction.schema import Figure, Project, Target
from kenes.extraction.spans import SentenceIndex, ending_in, previous_sentence, starting_in


@lru_cache(maxsize=2)
@dataclass(frozen=True)
class Grammar:
    """What the quantity rules read for one language: its grammar module's ``INDICATORS``
    (kenes.extraction.grammar_en, grammar_ru; the Turkic rules take Russian's under their own code)."""

    lang: str
    of_amount_is_no_goal: bool  # "a volume of $5 billion" describes, unless a goal is named ("goal of …")
    phrase_stop: frozenset[str]  # words a project's noun phrase does not reach back over
    verb_ending: re.Pattern | None  # a word ending like a verb ends the noun phrase too
    plant_names_decline: bool  # «Иксовской ГЭС» → «Иксовская ГЭС»: a plant's name in the nominative
    asset: re.Pattern  # a named facility ("the Kambarata-1 HPP", «Камбаратинская ГЭС-1»)
    read_asset: Callable[[str, re.Match], tuple[int, int, str, str | None] | None]


def find_dates(text: str, lang: str, published: str | None):
    """Dates of a document, found once for the steps that need them (figures, meetings, events)."""
    return tuple(_find_dates(text, lang, published))


# Counted things that are records of their own (agreements) or not indicators at all.
_NOT_FIGURES = {"agreements", "contracts", "documents", "memoranda", "years", "days", "months",
                "times_optional"}
# An amount given as the cost of one thing ("the X railway line, estimated at USD 750 million",
# "ГЭС стоимостью свыше 300 млн долларов", "фонд объёмом 100 млн долларов") values a project.
_COST = re.compile(
    # "X HPP-2, the cost of which is estimated at $5.7 billion"
    r"(?:the\s+(?:total\s+|estimated\s+)?(?:cost|value)\s+of\s+which|whose\s+(?:total\s+)?(?:cost|value))\s+"
    r"(?:is|was|will\s+be)\s+(?:estimated|put|valued|set)\s+at\s+$|"
    r"(?:(?:whose|its|with\s+a|at\s+a|the)\s+)?(?:total\s+|estimated\s+)?(?:cost|value|price)\s+(?:is\s+|was\s+|of\s+)?"
    r"(?:(?:estimated|put|set)\s+at\s+)?$|"
    r"(?:estimated|valued|priced|put)\s+at\s+$|\b(?:costing|worth)\s+$|"
    # "reconstruction of the X substation, investing KZT 18.4 billion"
    r",\s*(?:investing|at\s+a\s+cost\s+of)\s+$|"
    # "совместную лабораторию, на оснащение которой вуз выделит 120 млн тенге"
    r",\s*на\s+(?:\w+\s+){1,2}?котор\w+(?:\s+\S+){0,3}?\s+(?:выдел\w+|направ\w+|инвестир\w+|влож\w+|"
    r"потрат\w+|затрат\w+)(?:\s+\S+)?\s+$|"
    r"(?<![^\W\d_])(?:(?:общей\s+|ориентировочной\s+)?стоимост\w*(?:\s+\w+){0,2}?|"
    r"(?:стоимость|объ[её]м\s+инвестиций)(?:\s+\S+){0,4}?\s+оценива\w+\s+в|"
    r"оценива\w+\s+в|объ[её]мом|размером|with\s+(?:a\s+)?capital\s+of|capitali[sz]ed\s+at)\s+$",
    re.I)
# A goal for a quantity not introduced by "to"/"до": "drip irrigation on 50,000 hectares … by 2027".
_GOAL_CUE = re.compile(r"\b(?:plans?|planned|planning|goal|aims?|aimed|target\w*|intends?|will|is\s+to|are\s+to|"
                       r"планиру\w*|цел[ьи]|задач\w*|намерен\w*|будет|будут|предстоит)\b", re.I)
_TARGET_BEFORE = re.compile(
    # («рубеж в 10 млрд долларов поставлен»: a milestone set is a goal)
    r"(?:\b(?:to|up to|by|of|at|reaching|reach|до|на)\s*$)|(?<![^\W\d_])(?:рубеж\w*|планк\w*)\s+в\s*$", re.I)
_TARGET_VERB = re.compile(
    r"\b(?:increas\w*|boost\w*|elevat\w*|rais\w*|reach(?:ing)?|bring\w*|doubl\w*|expand\w*|goal|target\w*|"
    r"aim\w*|увеличи\w*|увеличени\w*|довести|доведени\w*|нарасти\w*|нарастить|достичь|достижени\w*|"
    r"цел\w*|задач\w*|рубеж\w*|планк\w*)\b", re.I)
_PAST_FIGURE = re.compile(r"\b(?:reached|amounted|totaled|totalled|stood|was|were|grew|has grown|increased|rose|"
                          r"climbed|exceeded|surpassed|достиг\w*|составил\w*|вырос\w*|увеличившись|увеличил\w*|превысил\w*|"
                          r"преодол\w*|перешагну\w*)\b",
                          re.I)
# The rise the participle clause ", reaching $X" completes, in the clause just before it.
_PAST_RISE = re.compile(r"\b(?:increased|grew|rose|climbed|expanded|doubled|went\s+up|увеличил\w*|вырос\w*|возрос\w*)\b",
                        re.I)
_LAST_PERIOD = re.compile(r"\s*(?:last|in\s+the\s+past|в\s+прошлом|за\s+прошлый)\s+\w+|"
                          # "…, reaching $2.5 billion in the first eight months of the year": a period gone by
                          r"\s*(?:in|over|during|for)\s+(?:the\s+)?first\s+(?:\w+\s+)?(?:months?|quarters?|half)|"
                          r"\s*(?:за|в)\s+(?:первы[ейх]|первом)\s+(?:\w+\s+)?(?:месяц\w*|квартал\w*|полугоди\w*)", re.I)
# A quantity said in the future, as a plan or an expectation, is a goal, not a reported figure:
# "the plant will employ 1,200 people", "the forum is expected to gather 250 companies",
# "рассчитываем привлечь не менее 60 млрд тенге", "будет создано 1 200 рабочих мест".
_FUTURE = re.compile(
    r"\b(?:will|would|shall|(?:is|are)\s+(?:expected|projected|planned|scheduled|set|due|going)\s+to|"
    r"(?:is|are)\s+to\s+be|to\s+be\s+(?:built|created|launched|commissioned|opened)|expects?|expected|"
    r"plans?\s+to|planned|planning|aims?\s+to|intends?\s+to|forecast\w*|projected|envisag\w+|upcoming)\b|"
    r"(?<![^\W\d_])(?:планиру\w*|запланирован\w*|ожида\w+|рассчитыва\w+|составит|составят|будет|будут|"
    r"станет|станут|предполага\w+|предусматрива\w+|намечен\w*|прогнозиру\w+|позволит|позволят|создаст|"
    r"обеспечит|планы?|намерен\w*|"
    # "к апрелю Казахстан должен получить 11 млрд кубометров": what is due is to come
    r"долж(?:ен|на|но|ны)(?=\s+[а-яё]+ть\b))(?![^\W\d_])", re.I)
# Past-tense reporting between the future word and the quantity keeps it a figure
# ("it was planned … ; so far 40 companies joined").
_PAST_CLAUSE = re.compile(r"\b(?:has|have|had)\s+(?:already\s+)?\w+ed\b|\balready\b|(?<![^\W\d_])уже(?![^\W\d_])",
                          re.I)
_PROJECT = re.compile(r"\b(?:projects?|проект\w*|портфел\w*|loyiha\w*|лойиҳа\w*|portfel\w*)\b", re.I)
_COMPARISON = re.compile(r"(?:(?:compared\s+(?:to|with)|сравнени\w+\s+с|по\s+сравнению\s+с|than)\b[^,;]{0,40}|"
                         r"\b(?:same|corresponding|previous)\s+period\s+(?:of|in|last)\s+|"
                         r"(?<![^\W\d_])(?:аналогичн|соответствующ)\w+\s+период\w*\s+)$", re.I)
# "2017 yilning ushbu davriga nisbatan", "2023 жылмен салыстырғанда": in Kazakh and Uzbek the word saying a
# period is the comparison comes after it.
_COMPARED_AFTER = re.compile(r"[^\W\d_]*(?:\s+[^\W\d_]+){0,3}\s+(?:nisbatan|solishtirganda|нисбатан|солиштирганда|"
                             r"салыстырғанда|қарағанда)(?![^\W\d_])", re.I)
# "USD 392.7 million in the first quarter of 2025": a period right after the amount is its own.
_PERIOD_AFTER = re.compile(r"\s*,?\s*(?:\(|in|for|during|over|as\s+of|at\s+the\s+end\s+of|by\s+the\s+end\s+of|"
                           r"за|в|во|по\s+итогам|на\s+конец)?\s*(?:the\s+)?\Z", re.I)
_INDICATOR = re.compile(
    r"(?:mutual\s+)?(?:trade\s+turnover|trade|exports?|imports?|investments?|sales|товарооборот\w*|"
    r"экспорт\w*|импорт\w*|инвестици\w*|торгов\w+\s+оборот\w*|"
    # Kazakh and Uzbek (in any case form: "тауар айналымын", "tovar aylanmasini")
    r"тауар\s+айналым\w*|сауда\s+айналым\w*|сауда\s+көлем\w*|tovar\s+aylanma\w*|savdo\s+aylanma\w*|"
    r"savdo\s+hajm\w*|товар\s+айланма\w*|савдо\s+ҳажм\w*|товар\s+айирбошлаш\w*|eksport\w*|import\w*|"
    r"investitsiya\w*)"
    r"(?:\s+(?:between\s+(?:the\s+two\s+(?:countries|states)|[A-Z]\w+\s+and\s+[A-Z]\w+)|"
    r"между\s+(?:странами|[А-Я]\w+\s+и\s+[А-Я]\w+)|to\s+[A-Z]\w+))?", re.I)
_INDICATOR_CASE_FREE = CaseFree(_INDICATOR)


_LOAN = re.compile(r"\b(?:loans?|credits?|credit\s+line|lend\w*|co-?financ\w+)\b|(?<![^\W\d_])(?:кредит\w*|за[её]м\w*|"
                   r"займ\w*|софинансир\w+)", re.I)


_UNNAMED = re.compile(r"(?:the\s+)?(?:it|its|his|her|their|whose|project|plant|station|его|е[её]|их|проект\w*|"
                      r"станци\w*|(?:re)?construction|moderni[sz]ation|upgrade|expansion|reconstruction|"
                      r"строительств\w*|реконструкци\w*|модернизаци\w*)", re.I)


def _asset_of(project: Project, assets: list[Project], start: int, end: int) -> Project | None:
    """The named facility an unnamed costed phrase ("its cost", "стоимость проекта") points back to."""
    if project.name or not _UNNAMED.fullmatch((project.description or "").strip()):
        return None
    near = [p for p in assets if any(start <= a < end for a, _ in p.spans) and p.value is None]
    if not near and not re.fullmatch(r"(?:the\s+)?(?:it|its|his|her|their|whose|его|е[её]|их)",
                                     (project.description or "").strip(), re.I):
        # "The modernisation … cost KZT 9.6 billion": the work on the facility the paragraph is about.
        near = [p for p in assets if any(start - 600 <= a < end for a, _ in p.spans) and p.value is None]
    return near[-1] if near else None


def _value_to(owner: Project, valued: Project) -> None:
    """The value an unnamed phrase gave ("its cost", «стоимость проекта») belongs to the facility it points back to."""
    owner.value, owner.unit, owner.qualifier = valued.value, valued.unit, valued.qualifier
    owner.spans.append(valued.spans[0])
    owner.cues += valued.cues


def _previous_end(sentences, s_start: int) -> int:
    earlier = previous_sentence(sentences, s_start)
    return earlier[1] if earlier else s_start


@cache
def _goal_after_pattern(lang: str) -> re.Pattern | None:
    """The language's cues that follow a goal's quantity (verb-final languages), from lexicons/<lang>/."""
    if not lexicons.files(f"{lang}/target_cues.tsv")[0].is_file():
        return None
    rows = lexicons.rows(lang, "target_cues.tsv")
    alts = [lexicons.compiled(lang, "target_cues.tsv", row[0], row).pattern for row in rows]
    return re.compile(r"(?<![\w'])(?:" + "|".join(f"(?:{a})" for a in alts) + r")(?![\w'])", re.I) if alts else None


def _goal_after(lang: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the goal cue after a quantity, or None. Matched on the stretch with one apostrophe (the
    same length, so the offsets hold), never the whole text: a document has many quantities."""
    pattern = _goal_after_pattern(lang)
    found = pattern.search(lexicons.canon(text[start:end])) if pattern else None
    return (start + found.start(), start + found.end()) if found else None


def _sentences_between(sentences, end: int, start: int) -> int:
    """How many sentences lie wholly between one that ends at ``end`` and one that starts at ``start``:
    a list's lead-in ("By country, the figures were:") sits between a period and the list it covers.
    Sentences are sorted and do not overlap: found by bisection, and counted only up to two (the caller
    asks "at most one"), so a long document costs no more per figure."""
    index, count = bisect_left(sentences, (end, -1)), 0
    while index < len(sentences) and sentences[index][1] <= start and count < 2:
        count, index = count + 1, index + 1
    return count


def _previous_start(sentences, s_start: int) -> int:
    earlier = previous_sentence(sentences, s_start)
    return earlier[0] if earlier else s_start


_HOPE = re.compile(r"\b(?:hop\w*|expect\w*|sought|seek\w*|wish\w*|надеял\w*|рассчитыва\w*|поставил\w*|"
                   r"set|tasks?|instructed|поруч\w*)\b", re.I)


def _reached_before(text: str, dates, q, sentence: tuple[int, int], published: str | None) -> bool:
    """The amount is followed by a year (or a date) before the year of publication, and the sentence names
    no deadline: an aim verb ("to reach") then tells what was reached then."""
    if not published or not published[:4].isdigit():
        return False
    if any(d.kind == "deadline" for d in starting_in(dates, *sentence)):
        return False
    if _GOAL_CUE.search(text, *sentence) or _HOPE.search(text, *sentence):
        return False  # "set the goal to bring trade to $10 bn in 2022", "had hoped to reach …": a goal, then
    after = [d for d in starting_in(dates, q.end, min(sentence[1], q.end + 12)) if d.value[:4].isdigit()]
    return bool(after) and int(after[0].value[:4]) < int(published[:4])


def _future(text: str, clause: tuple[int, int], q) -> bool:
    """The quantity's clause speaks of the future or of a plan, and reports nothing done."""
    words = text[clause[0] : clause[1]]
    if not _FUTURE.search(words):
        return False
    before = text[clause[0] : q.start]
    return not _PAST_FIGURE.search(before) and not _PAST_CLAUSE.search(words)


def _plan_date(dates, clause, sentence, q) -> str | None:
    usable = [d for d in dates if d.kind != "deadline" and d.value[:4].isdigit()]
    for a, b in (clause, sentence):
        found = [d for d in usable if a <= d.start < b]
        if found:
            value = min(found, key=lambda d: abs(d.start - q.start)).value
            # A period ("July–September 2026") is done by its last month.
            return value.split("/")[-1]
    return None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, a = [], start
    for m in re.finditer(r"[,;]\s", text[start:end]):
        out.append((a, start + m.start()))
        a = start + m.end()
    out.append((a, end))
    return out


def find(text: str, g: Grammar, sentences: list[tuple[int, int]], published: str | None, orgs) -> dict:
    """Targets, figures and projects: each quantity with what the words around it say of it."""
    return _Reading(text, g, sentences, published).run(orgs)


class _Reading:
    """One document's quantities read in order; what one says can depend on the one before it (a target
    continued, a figure's period, the money of a counted set of projects)."""

    def __init__(self, text: str, g: Grammar, sentences, published: str | None):
        self.text, self.g, self.sentences, self.published = text, g, sentences, published
        self.quantities = find_quantities(text, g.lang)
        self.dates = list(find_dates(text, g.lang, published))
        self.targets: list[Target] = []
        self.figures: list[Figure] = []
        self.projects: list[Project] = []
        # The sentence of each quantity by position (a scan of the sentences per quantity was quadratic).
        self.index = SentenceIndex(sentences)
        self.sentence_of = {}
        for q in self.quantities:
            k = self.index.at(q.start)
            if k is not None:
                self.sentence_of[q] = sentences[k]
        self.used: set[int] = set()
        self.assets = _named_assets(text, g, sentences)
        self.last_figure: tuple[int, str] | None = None
        self.previous_kind: dict[tuple[int, int], tuple[str, int]] = {}

    def run(self, orgs) -> dict:
        for idx, q in enumerate(self.quantities):
            if idx in self.used or q not in self.sentence_of:
                continue
            sentence = self.sentence_of[q]
            clause = next((c for c in _clauses(self.text, *sentence) if c[0] <= q.start <= c[1]), sentence)
            if self._costed(q, sentence, clause) or self._bracketed(q, sentence) or self._lent(q, sentence) \
                    or self._counted(idx, q, sentence, clause) or q.unit in _NOT_FIGURES:
                continue
            self._target_or_figure(q, sentence, clause)
        return self._finished(orgs)

    def _costed(self, q, sentence, clause) -> bool:
        """"the plant, worth $300 million": a project with its cost (or the cost of one named before)."""
        text, (s_start, s_end) = self.text, sentence
        cost = _COST.search(text[max(s_start, q.start - 60) : q.start]) if q.is_money else None
        if cost and re.search(r"worth\s+$", cost.group()) and (re.search(
                r"\b(?:agreements?|contracts?|deals?|(?:im|ex)port\w*|trade\w*|sold|sales|suppl\w+|shipped|goods)\b",
                text[max(s_start, q.start - 40) : q.start], re.I) or re.search(
                # "exports … across 195 commodities worth $260 million", "documents worth $300 million were signed":
                # the goods or papers just before "worth" are what it totals.
                r"\b(?:commodit\w+|items?|documents?)\s+worth\s+(?:\S+\s+)?$", text[max(s_start, q.start - 60) : q.start],
                re.I)):
            # "agreements worth USD 3.6 billion were signed": the deals' total is a figure.
            cost = None
        if not cost or _PROJECT.search(text[max(clause[0], q.start - 80) : q.start]):
            return False
        cost_at = max(s_start, q.start - 60)
        project = _costed_project(text, self.sentences, sentence, cost_at + cost.start(), q, self.g)
        if project is None:
            return False
        provenance.stamp(project, f"{self.g.lang}.projects.costed",
                         [_stripped(text, cost_at + cost.start(), cost_at + cost.end())],
                         set() if project.name else {"unnamed"})
        owner = _asset_of(project, self.assets, _previous_start(self.sentences, s_start), s_end)
        if owner is not None:
            # "…строительство Иксовской ГЭС. Его стоимость оценивается в 2,4 млрд": the
            # value belongs to the plant named just before.
            _value_to(owner, project)
        else:
            self.projects.append(project)
        return True

    def _bracketed(self, q, sentence) -> bool:
        bracket = _bracketed_project(self.text, self.dates, sentence, q) if q.is_money else None
        if bracket is None:
            return False
        head = _BRACKET_HEAD.search(self.text, bracket.spans[0][0], q.start)
        self.projects.append(provenance.stamp(bracket, f"{self.g.lang}.projects.bracketed_value",
                                              [head.span()] if head else []))
        return True

    def _lent(self, q, sentence) -> bool:
        """"The bank will lend $300 million for the X HPP": the loan finances a project already on record;
        it is neither a project of its own nor a figure."""
        s_start, s_end = sentence
        prev_start = _previous_start(self.sentences, s_start)
        return bool(q.is_money and _LOAN.search(self.text[max(s_start, q.start - 50) : min(s_end, q.end + 40)])) \
            and any(a < s_end and b > prev_start for p in self.projects + self.assets for a, b in p.spans)

    def _counted(self, idx, q, sentence, clause) -> bool:
        """Projects: "12 joint projects worth $156 million", «портфель … на сумму свыше $8 млрд»."""
        text, (s_start, s_end) = self.text, sentence
        if not (q.unit == "projects" or (q.is_money and _PROJECT.search(text[max(clause[0], q.start - 80) : q.start]))):
            return False
        count, money = (int(q.value), None) if q.unit == "projects" else (None, q)
        if count is not None and idx + 1 < len(self.quantities):
            nxt = self.quantities[idx + 1]
            gap = text[q.end : nxt.start]
            # "шесть проектов в сфере агропромышленного комплекса на общую сумму 85 млн": a longer
            # gap is fine when it ends on the word that gives the value.
            if nxt.is_money and nxt.start < s_end and ";" not in gap and (len(gap) < 40 or len(gap) < 100 and re.search(
                    r"(?:worth|totall?ing|valued\s+at|amounting\s+to|на\s+(?:общую\s+)?сумму|общей\s+стоимостью|"
                    r"стоимостью|(?:for|with|of)\s+a\s+total\s+(?:amount|value|sum|cost)\s+of)"
                    r"(?:\s+(?:of|a\s+total\s+of|около|свыше|более|порядка|about|around|over|more\s+than))?\s*$", gap, re.I)):
                money = nxt
                self.used.add(idx + 1)
        if count is not None and money is None and idx > 0 and (prev := self.quantities[idx - 1]).is_money \
                and prev.start >= s_start and idx - 1 not in self.used \
                and re.fullmatch(r"\s*(?:(?:dan|дан|ден|тан|тен)?\s*(?:ortiq|ko['‘ʻ’]proq|ортиқ|астам|артық)\s+)?"
                                 r"(?:болатын|bo'lgan|bo‘lgan|boʻlgan|бўлган|[\w\-]+(?:ған|ген|қан|кен))?\s*",
                                 text[prev.end : q.start]) \
                and re.search(r"(?:құны|qiymati|қиймати|hajmi|ҳажми|көлемі|cost|стоимост\w*|сумм\w*)\s*(?:\S+\s*)?$",
                              text[max(s_start, prev.start - 25) : prev.start], re.I):
            # "Жалпы құны 3,1 млрд доллар болатын 69 жоба": the value stands before the count, as its attribute.
            money = prev
            self.figures = [f for f in self.figures if f.spans[0] != (prev.start, prev.end)]
            self.targets = [t for t in self.targets if t.spans[0] != (prev.start, prev.end)]
        status = self._counted_status(q, money, sentence)
        # ("Стоимость проекта", "the cost of the project": the cost word is no kind of project)
        desc_m = re.search(r"((?:joint|совместн\w+)?\s*(?:(?!(?:в|на|во|in|into|for|to|the|a|of|cost|value|"
                           r"стоимост\w*|сумм\w*|цен\w*)\b)(?<![\w'‘ʻ’])[\w'‘ʻ’]+\s+)?"
                           r"(?:projects|проект\w*|портфел\w*(?:\s+\w+){0,2}|"
                           r"(?:loyiha|лойиҳа|жоба)\w*(?:\s+(?:portfel|портфел)\w*)?))",
                           text[max(s_start, q.start - 60) : min(s_end, q.end + 30)], re.I)
        start, end = min(q.start, money.start) if money else q.start, max(q.end, money.end) if money else q.end
        description = desc_m.group(1).strip() if desc_m else None
        if count is None and (description is None or re.fullmatch(r"(?:project|проект)\w*", description, re.I)):
            # "инвестиций в проект оценивается в …": the project is what the sentence before set up.
            description = _object_before(text, self.sentences, s_start) or description
        project = Project(
            description=description, count=count,
            value=format_decimal(money.value) if money else None, unit=money.unit if money else None,
            qualifier=money.qualifier if money else q.qualifier, status=status, spans=[(start, end)])
        noun = _PROJECT.search(text, max(s_start, q.start - 80), min(s_end, end + 30))
        provenance.stamp(project, f"{self.g.lang}.projects.{'counted' if count is not None else 'valued'}",
                         [noun.span()] if noun else [], set() if status else {"no_status"})
        owner = _asset_of(Project(description=desc_m.group(1).strip() if desc_m else None, spans=project.spans),
                          self.assets, _previous_start(self.sentences, s_start), s_end) if count is None else None
        if owner is not None and money is not None:
            _value_to(owner, project)  # "… строительство Иксовской ГЭС-2. Стоимость проекта …": the plant's value
        else:
            self.projects.append(project)
        return True

    def _counted_status(self, q, money, sentence) -> str | None:
        text, (s_start, s_end) = self.text, sentence
        near = text[q.start : min(s_end, (money.end if money else q.end) + 40)]
        status = _project_status(near, self.g) or _project_status(text[max(s_start, q.start - 80) : q.start], self.g) \
            or _project_status(text[s_start:s_end], self.g)
        if status is None:
            # "…оценивается в 1,2 трлн сумов. Центр планируется ввести в эксплуатацию в 2027 году."
            k = bisect_left(self.index.starts, s_end)
            following = text[slice(*self.sentences[k])] if k < len(self.sentences) else ""
            status = "planned" if re.search(r"планиру\w*|намечен\w*|\bplann\w*|\bwill\b", following, re.I) else None
        return status

    def _target_or_figure(self, q, sentence, clause) -> None:
        text, s_start = self.text, sentence[0]
        left = text[max(s_start, q.start - 120) : q.start]
        is_target, why, cue = self._why_target(q, sentence, clause, left)
        indicator = _indicator(text, clause[0], q.start) or _indicator(text, s_start, q.start)
        if is_target:
            self._add_target(q, sentence, clause, indicator, why, cue)
        else:
            self._add_figure(q, sentence, clause, indicator)

    def _why_target(self, q, sentence, clause, left):
        """(whether the quantity is a goal, the rule that says so, the cue words)."""
        text, (s_start, s_end) = self.text, sentence
        stripped = re.sub(r"\s+$", "", text[max(s_start, q.start - 30) : q.start])
        if q.qualifier == "up_to" and re.fullmatch(r"(?:up\s+)?to|до", text[q.start : q.number_start].strip(), re.I) \
                and _TARGET_VERB.search(left):
            # "увеличение квоты для студентов … до 500 мест": the growth word is too far back for
            # money.py to drop the bound, but "до" still names where the quota should get to.
            stripped = (stripped + " " + text[q.start : q.number_start]).strip()
        is_target = bool(_TARGET_BEFORE.search(stripped + " ") or _TARGET_BEFORE.search(stripped)) and bool(
            _TARGET_VERB.search(left)) and not _PAST_FIGURE.search(text[max(s_start, q.start - 40) : q.start])
        # "up to 5 billion and then 10 billion": the second amount continues the first.
        prev = self.previous_kind.get(sentence)
        continued = False
        if prev and re.fullmatch(r"\s*(?:,|and|and then|then|или|и|а затем|затем|,\s*а)?\s*(?:then\s*)?",
                                 text[prev[1] : q.start]):
            is_target = prev[0] == "target"
            continued = True
        if self.g.of_amount_is_no_goal and re.search(r"\bof\s*$", stripped) \
                and not re.search(r"goal\s+of\s+reaching|goal\s+of", left):
            is_target = False
        # Why it is a target (the rule) and the words that said so (the cue).
        why, cue = ("aim_verb", _TARGET_VERB.search(text, max(s_start, q.start - 120), q.start)) if is_target else (None, None)
        if continued and is_target:
            why = "continues_target"
        # (", with trade reaching $X": the absolute clause reports a state, as the participle clause does)
        reaching = re.search(r"(?:^|[,;])([^,;]*),\s*(?:with\s+(?:[\w\-]+\s+){1,4})?(?:reaching|достигнув|составив)\s*$",
                             text[s_start : q.start])
        if is_target and not continued and reaching and (
                _PAST_RISE.search(reaching.group(1)) or _LAST_PERIOD.match(text, q.end, s_end)):
            # "trade increased by 26%, reaching $1.6 billion", "…, reaching $300 million last year": what the
            # growth came to, a reported figure.
            is_target, why, cue = False, None, None
        if is_target and not continued and _reached_before(text, self.dates, q, sentence, self.published):
            # "turnover to reach 5 billion dollars in 2022", written in 2023: what was reached, not a goal.
            is_target, why, cue = False, None, None
        if not is_target and not _PAST_FIGURE.search(text[max(s_start, q.start - 40) : q.start]):
            # "… on 50,000 hectares in border districts by 2027" in a sentence that states a plan.
            deadline_after = any(d.kind == "deadline" for d in starting_in(self.dates, q.end, min(clause[1], q.end + 80)))
            is_target = deadline_after and bool(_GOAL_CUE.search(text[s_start:s_end]))
            if is_target:
                why, cue = "goal_with_deadline", _GOAL_CUE.search(text, s_start, s_end)
        if not is_target and _future(text, clause, q):
            is_target = True
            why, cue = "future_clause", _FUTURE.search(text, *clause)
        if not is_target and (goal := _goal_after(self.g.lang, text, q.end, clause[1])):
            is_target = True
            why, cue = "goal_cue_after", goal
        return is_target, why, cue

    def _add_target(self, q, sentence, clause, indicator, why, cue) -> None:
        s_start, s_end = sentence
        deadline = next((d.value for d in starting_in(self.dates, s_start, s_end) if d.kind == "deadline"), None)
        if deadline is None and _future(self.text, clause, q):
            # "запланирован на конец 2026 года": the date the plan names is its deadline.
            deadline = _plan_date(self.dates, clause, sentence, q)
        target = Target(indicator=indicator, value=format_decimal(q.value), unit=q.unit, qualifier=q.qualifier,
                        deadline=deadline, spans=[(q.start, q.end)])
        signals = {"deadline"} if deadline else set()
        if indicator is None:
            signals.add("no_indicator")
        cue_span = cue if isinstance(cue, tuple) else cue.span() if cue else None
        self.targets.append(provenance.stamp(target, f"{self.g.lang}.targets.{why or 'aim_verb'}",
                                             [_stripped(self.text, *cue_span)] if cue_span else [], signals))
        self.previous_kind[sentence] = ("target", q.end)

    def _add_figure(self, q, sentence, clause, indicator) -> None:
        s_start, s_end = sentence
        period = _period(self.text, self.dates, clause, sentence, q)
        if period is None and self.last_figure and not starting_in(self.dates, self.last_figure[0], s_end) \
                and _sentences_between(self.sentences, self.last_figure[0], s_start) <= 1:
            # "… in January–September trade reached $1.3 bn. Exports came to $0.9 bn, imports …":
            # a list of figures goes on in the period the sentence before set.
            period = self.last_figure[1]
        if period is not None:
            self.last_figure = (s_end, period)
        figure = Figure(indicator=indicator, value=format_decimal(q.value), unit=q.unit, period=period,
                        qualifier=q.qualifier, spans=[(q.start, q.end)])
        verb = _PAST_FIGURE.search(self.text, max(s_start, q.start - 120), q.start)
        signals = set() if period else {"no_period"}
        if indicator is None:
            signals.add("no_indicator")
        # Without a reporting verb, the amount itself is what made the record.
        self.figures.append(provenance.stamp(figure, f"{self.g.lang}.figures.{'reported_verb' if verb else 'quantity'}",
                                             [verb.span() if verb else (q.start, q.end)], signals))
        self.previous_kind[sentence] = ("figure", q.end)

    def _finished(self, orgs) -> dict:
        figures = _distinct_figures(self.figures, self.projects)
        # A headline and the body value the same deals twice ("Deals worth $3.8 billion …").
        projects = [p for k, p in enumerate(self.projects)
                    if not (p.name is None and p.count is None and p.value is not None and any(
                        o.value == p.value and o.unit == p.unit and o.count is None for o in self.projects[k + 1 :]))]
        # A named body already valued above ("центра … стоимостью …") is one project, not two.
        for p in _named_projects(self.text, orgs, self.g.lang):
            if not any(a <= p.spans[0][0] < b for q in projects for a, b in q.spans) and not _named_valued(p, projects):
                projects.append(p)
        for p in self.assets:
            if not any(_same_project(p, q) for q in projects) and not _named_valued(p, projects):
                projects.append(p)
        projects += [p for p in _listed_projects(self.text, self.g, self.sentences) + _purpose_projects(self.text, self.g)
                     if not any(a < p.spans[0][1] and p.spans[0][0] < b for q in projects for a, b in q.spans)]
        return {"targets": _distinct_targets(self.targets), "figures": figures, "projects": projects}


# "a joint container terminal in Angren ($180 million)": an amount in brackets after a facility or
# a deal is what that thing is worth; after an indicator or a date it is a figure.
_BRACKET_HEAD = re.compile(
    r"\b(?:plant|factory|terminal|station|farm|park|cent(?:re|er)|hub|railway|road|bridge|pipeline|mine|"
    r"agreement|contract|deal|project|facility|complex)s?\b|(?<![^\W\d_])(?:завод\w*|терминал\w*|центр\w*|"
    r"станци\w*|проект\w*|соглашени\w*|контракт\w*|комплекс\w*|фабрик\w*)", re.I)


def _bracketed_project(text, dates, sentence, q) -> Project | None:
    before = text[sentence[0] : q.start]
    if not re.search(r"\(\s*$", before) or not re.match(r"\s*\)", text[q.end : q.end + 3]):
        return None
    open_at = sentence[0] + before.rindex("(")
    lead = text[sentence[0] : open_at]
    lead = lead[max(lead.rfind(";"), lead.rfind("\n"), lead.rfind(":")) + 1 :]
    if not _BRACKET_HEAD.search(lead[-120:]) or _INDICATOR.search(lead[-50:]) \
            or any(0 <= open_at - d.end <= 3 for d in dates):
        return None
    phrase = re.sub(r"^[\s\-–—•*]*(?:(?:an?|the|and)\s+)?", "", lead).strip(" ,;:")
    words = phrase.split()
    if not words or len(words) > 24:
        return None
    status = "implemented" if re.search(r"\b(?:completed|commissioned|opened)\b", lead, re.I) else "planned"
    return Project(name=None, description=phrase, count=None, value=format_decimal(q.value), unit=q.unit,
                   qualifier=q.qualifier, status=status, spans=[(open_at - len(lead) + lead.index(words[0]), q.end)])


@cache
def _among_opener(lang: str) -> re.Pattern | None:
    """A sentence opened by the language's among.tsv ("Among them are", "Среди них –"), then its list."""
    if not lexicons.files(f"{lang}/among.tsv")[0].is_file():
        return None
    return re.compile(r"[\s\"«“]*(?:" + lexicons.phrases(lang, "among.tsv") + r")\b\s*[:–—-]?\s*", re.I)


_LIST_ITEM_BREAK = re.compile(r"\s*(?:[,;]\s*(?:(?:and|а\s+также|и)\s+)?|\s(?:and|и|а\s+также|va|ва|және|мен)\s)\s*")


@cache
def _purpose_pattern(lang: str) -> re.Pattern | None:
    """"a major project to transport gas to China": a project named by what it is to do (English)."""
    if not all(lexicons.files(f"{lang}/{name}")[0].is_file() for name in ("purpose_projects.tsv", "action_verbs.tsv")):
        return None
    verbs = "|".join(re.escape(v) for v in lexicons.words(lang, "action_verbs.tsv") if " " not in v)
    rows = lexicons.rows(lang, "purpose_projects.tsv")
    verbs += "".join(f"|{re.escape(word)}" for kind, word in rows if kind == "verb")
    leads = "|".join(f"(?:{lead})" for lead, _name in rows if lead != "verb")
    names = "|".join(f"(?:{name})" for lead, name in rows if lead != "verb")
    # (the name runs to the end of the phrase: a stop, a bracket, a new clause)
    return re.compile(r"\b(?:" + leads + r")(?P<name>(?:" + names + r")\s+(?:" + verbs + r")\s+[^.,;:()\n]{3,80}?)"
                      r"(?=\s*[.,;:()\n]|\s+(?:and|which|that|since|through|by)\b)", re.I)


def _purpose_projects(text: str, g: Grammar) -> list[Project]:
    pattern = _purpose_pattern(g.lang)
    if pattern is None:
        return []
    return [provenance.stamp(Project(name=m.group("name"), status=_project_status(text[m.start() : m.end() + 60], g),
                                     spans=[m.span("name")]), f"{g.lang}.projects.purpose", [m.span("name")])
            for m in pattern.finditer(text)]


def _quotation_end(text: str, start: int, end: int) -> int:
    """Where a quotation the list stands in closes (a closing mark not opened after ``start``), else ``end``."""
    depth, straight = 0, False
    for i in range(start, end):
        c = text[i]
        if c in "«“":
            depth += 1
        elif c in "»”":
            if depth == 0:
                return i
            depth -= 1
        elif c == '"':
            if not straight and (i == start or text[i - 1].isspace()):
                straight = True  # opens a quoted name inside the list
            elif straight:
                straight = False
            else:
                return i
    return end


def _listed_projects(text: str, g: Grammar, sentences) -> list[Project]:
    """"A number of large railway projects will help … Among them are A, B and C.": each item is a project."""
    opener = _among_opener(g.lang)
    if opener is None:
        return []
    found = []
    for k, (a, b) in enumerate(sentences):
        m = opener.match(text, a, b)
        if m is None or k == 0 or not _PROJECT.search(text, *sentences[k - 1]):
            continue
        body_end = _quotation_end(text, m.end(), b)
        body_end = m.end() + len(text[m.end() : body_end].rstrip(" .,;\n"))
        status = _project_status(text[sentences[k - 1][0] : b], g)
        at = m.end()
        for piece in [*_LIST_ITEM_BREAK.finditer(text, m.end(), body_end), None]:
            end = piece.start() if piece else body_end
            item = text[at:end]
            lead = re.match(r"(?:the|a|an)\s+", item, re.I)
            start = at + (lead.end() if lead else 0)
            if 1 <= len(text[start:end].split()) <= 10:
                found.append(provenance.stamp(Project(name=text[start:end], status=status, spans=[(start, end)]),
                                              f"{g.lang}.projects.listed", [m.span()], {"unnamed"}))
            at = piece.end() if piece else end
    return found


def _named_valued(named: Project, projects: list[Project]) -> bool:
    """"… the construction of the Vakhsh HPP-2. The cost of the project is …": the project valued without a name
    is the one the sentence before set up (its description), and that is this named one; it takes the name."""
    valued = next((q for q in projects if q.name is None and q.count is None and q.value and q.description
                   and named.name and named.name.casefold() in q.description.casefold()), None)
    if valued is None:
        return False
    valued.name, valued.status = named.name, valued.status or named.status
    valued.spans = sorted({*valued.spans, *named.spans})
    return True


def _same_project(new: Project, known: Project) -> bool:
    """The facility is already a record: its span overlaps one, or the names share their words."""
    a, b = new.spans[0]
    if any(x < b and a < y for x, y in known.spans):
        return True
    # Only the proper words: "Яванская ГЭС" and "Фондарьинская ГЭС" are two plants.
    words = {w.casefold() for w in re.findall(r"\w{3,}", new.name or "") if w[:1].isupper() and not w.isupper()}
    other = {w.casefold() for w in re.findall(r"\w{3,}", known.name or "") if w[:1].isupper() and not w.isupper()}
    return bool(words and other) and len(words & other) / min(len(words), len(other)) >= 0.5


def _distinct_targets(targets: list[Target]) -> list[Target]:
    """One target per goal: a headline, the body and a quote name the same "$2 bn in trade" again."""
    return _distinct(targets, "deadline")


def _distinct_figures(figures: list[Figure], projects: list[Project]) -> list[Figure]:
    """One figure per reported quantity: a headline repeats the body's number ("… вырос на 7,4%"),
    and a project's value is the project's, not a figure of its own."""
    valued = {(p.value, p.unit) for p in projects if p.value}
    return _distinct([f for f in figures if (f.value, f.unit) not in valued], "period")


def _distinct(records: list, detail: str) -> list:
    """The records without the twins of one said before: the same value and unit, and the same ``detail``
    (a figure's period, a target's deadline) unless one of them leaves it unsaid; the one that says it wins."""
    out: list = []
    for r in records:
        mine = getattr(r, detail)
        twin = next((o for o in out if (o.value, o.unit) == (r.value, r.unit)
                     and (getattr(o, detail) is None or mine is None or getattr(o, detail) == mine)), None)
        if twin is None:
            out.append(r)
        elif getattr(twin, detail) is None and mine is not None:
            out[out.index(twin)] = r
    return out


PHRASE_STOP_EN = {"and", "or", "of", "for", "on", "to", "with", "by", "from", "that", "which", "the", "a", "an", "its",
               "their", "was", "were", "is", "are", "be", "finance", "financing", "build", "building", "fund",
               "funding", "support", "proposed", "discussed", "said", "also", "construction", "reconstruction",
               "modernisation", "modernization", "creation", "launch"}
PHRASE_STOP_RU = {"был", "была", "было", "были", "будет", "будут", "там", "где", "здесь", "уже", "года", "году",
               "открыт", "открыта", "запущен", "запущена", "построен", "построена", "введен", "введена",
               "и", "о", "об", "на", "по", "для", "с", "со", "к", "от", "из", "за", "что", "который", "которая",
               "также", "строительство", "строительства", "строительстве", "создание", "создании",
               "создания", "реконструкции", "реконструкция", "модернизации"}


def _noun_phrase_before(text: str, start: int, end: int, g: Grammar) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end`` (commas and spaces before it skipped), at most six words."""
    segment = text[start:end].rstrip(" ,–—-")
    words = list(re.finditer(r"[^\s,;:()]+", segment))
    keep: list[re.Match] = []
    stop = g.phrase_stop
    for k in range(len(words) - 1, -1, -1):
        w = words[k].group()
        low = w.lower().strip("«»\"“”")
        following = words[k + 1].group() if k + 1 < len(words) else ""
        if low in {"in", "near", "at", "в", "во", "под"} and following[:1].isupper():
            keep.insert(0, words[k])  # "a dry port near Xyzabad", "центр в Оше"
            continue
        # A head noun that is also a verb or an action word ("investment fund", "The modernisation").
        if low in stop and not (not keep and low in {"fund", "modernisation", "modernization", "reconstruction",
                                                      "construction", "реконструкция", "модернизация"}) \
                or len(keep) >= 6 or (g.verb_ending is not None and g.verb_ending.search(low)) \
                or segment[words[k].end() : (words[k + 1].start() if k + 1 < len(words) else len(segment))].strip():
            break
        keep.insert(0, words[k])
    if not keep:
        return None
    return start + keep[0].start(), start + keep[-1].end()


# ", financed from the republican budget," between a project and its cost is an aside.
_ASIDE = re.compile(r",\s*(?:financed|funded|paid|implemented|carried\s+out|built|built\s+by|"
                    r"профинансированн\w+|финансируем\w+|реализуем\w+|реализованн\w+)\b[^,;]{0,80},\s*$", re.I)


def _costed_project(text, sentences, sentence, cue_start, q, g: Grammar) -> Project | None:
    aside = _ASIDE.search(text, sentence[0], cue_start)
    if aside:
        cue_start = aside.start()
    np_span = _noun_phrase_before(text, sentence[0], cue_start, g)
    if np_span is None:
        return None
    phrase = text[np_span[0] : np_span[1]]
    if re.fullmatch(r"(?:the\s+)?(?:project|проект\w*)", phrase, re.I):
        phrase = _object_before(text, sentences, sentence[0]) or phrase
    words = phrase.split()
    # A capital after the sentence's first word, or a code like "HPP-1", names the project.
    named = any(w[:1].isupper() or re.search(r"[A-ZА-Я]{2}", w) for w in words[1 if np_span[0] == sentence[0] else 0:]) \
        and any(w[:1].isupper() for w in words)
    description = " ".join(w for w in words if not w[:1].isupper() and not re.search(r"\d", w)) or None
    sentence_text = text[sentence[0] : sentence[1]]
    # One project's cost is quoted while it is being prepared: planned unless the text says more.
    status = ("implemented" if re.search(r"(?<!to be )(?:completed|commissioned|opened|inaugurated)|"
                                         r"введен\w*\s+в\s+эксплуатац|завершен|был\w?\s+(?:открыт|запущен|построен)",
                                         sentence_text, re.I)
              else "in_progress" if re.search(r"being implemented|under construction|реализуется|строится", sentence_text, re.I)
              else "planned")
    if named and g.plant_names_decline:
        # "строительство Иксовской ГЭС стоимостью …": the plant's name in the nominative.
        phrase = re.sub(r"(?<=[а-яё]{3})(?:ой|ую)(?=\s+(?:ГЭС|ТЭС|ТЭЦ|АЭС|СЭС|ВЭС)\b)", "ая", phrase)
    return Project(name=phrase if named else None, description=description if named else phrase, count=None,
                   value=format_decimal(q.value), unit=q.unit, qualifier=q.qualifier, status=status,
                   spans=[(np_span[0], q.end)])


def _object_before(text: str, sentences, s_start: int) -> str | None:
    """What the previous sentence sets up ("договорились о создании совместного центра …")."""
    previous = previous_sentence(sentences, s_start)
    if previous is None:
        return None
    a, b = previous
    m = re.search(r"(?:создани\w*|строительств\w*|creation\s+of|construction\s+of|establish\w*)\s+(?:the\s+|a\s+|an\s+)?"
                  r"((?:[^\s,.;:()]+\s*){1,12}?)(?=[,.;:()]|$)", text[a:b], re.I)
    return m.group(1).strip() if m else None


# A project's statuses, tried in this order (the language's lexicons/<lang>/status_cues.tsv).
_PROJECT_STATUSES = ("pipeline", "in_progress", "implemented", "planned")


def _project_status(text: str, g: Grammar) -> str | None:
    for status in _PROJECT_STATUSES:
        pattern = lexicons.status_cue(g.lang, "project", status)
        if pattern is not None and pattern.search(text):
            return status
    return None


def _indicator(text: str, start: int, end: int) -> str | None:
    # Looked for in the lower-cased text (kenes.extraction.quick), the words taken as written.
    found = list(_INDICATOR_CASE_FREE.finditer(text, start, end))
    return re.sub(r"\s+", " ", text[found[-1].start() : found[-1].end()]) if found else None


def _period(text, dates, clause, sentence, q) -> str | None:
    def usable(d):
        return d.kind != "deadline" and not _COMPARISON.search(text[max(sentence[0], d.start - 45) : d.start]) \
            and not _COMPARED_AFTER.match(text, d.end, min(sentence[1], d.end + 40))

    # "for 2021 ($3.9 billion)": a period right before the bracketed amount is its own.
    # The dates are sorted by position: look only where the conditions can hold (a scan of all the
    # dates for each quantity was quadratic in long documents).
    adjacent = [d for d in ending_in(dates, q.start - 3, q.start) if 0 <= q.start - d.end <= 3 and d.kind != "deadline"]
    if adjacent:
        return adjacent[-1].value
    following = next((d for d in starting_in(dates, q.end, min(clause[1], q.end + 30))), None)
    if following is not None and following.kind != "deadline" and _PERIOD_AFTER.match(text[q.end : following.start]):
        return following.value
    in_clause = [d for d in starting_in(dates, clause[0], clause[1]) if usable(d)]
    if in_clause:
        return min(in_clause, key=lambda d: abs(d.start - q.start)).value
    before = [d for d in starting_in(dates, sentence[0], clause[0]) if usable(d)]
    if before:
        return before[-1].value
    # "By the end of 2025, freight totalled 32.3 million tons": a reported figure has no deadline; the
    # date a deadline's words give, before the amount in its sentence, is the figure's period.
    by = [d for d in starting_in(dates, sentence[0], q.start) if d.kind == "deadline"
          and not _COMPARISON.search(text[max(sentence[0], d.start - 45) : d.start])]
    return by[-1].value if by else None


_NAMED_PROJECT_BEFORE = re.compile(r"(?:construction|building|launch|creation)\s+of\s+(?:the\s+)?$|"
                                   r"строительств\w+\s+$", re.I)
_NAMED_PROJECT_AFTER = re.compile(r"^[\s\"“”«»–-]*(?:[A-Z][\w\s]{0,20}?)?[\"”»]?\s*(?:industrial zone|project|"
                                  r"индустриальн\w+ зон\w+|проект\w*)\b|"
                                  # "X markazini qurish", "X орталығының құрылысы": built, in a verb-final language
                                  r"^\w{0,5}\s+(?:qurish\w*|qurilish\w*|quril(?:adi|moqda)|құрылыс\w*|салу\w*|салын\w*|"
                                  r"қуриш\w*|қурилиш\w*)", re.I)


def _named_projects(text: str, orgs, lang: str) -> list[Project]:
    out = []
    for org in orgs:
        for start, end in org.spans:
            before = text[max(0, start - 40) : start]
            after = text[end : end + 40]
            if _NAMED_PROJECT_BEFORE.search(before) or _NAMED_PROJECT_AFTER.match(after):
                status = "planned" if re.search(r"upcoming|planned|future|will", before + text[end:end + 80], re.I) \
                    else "implemented" if re.search(r"established|launched|opened|created", text[end:end + 80], re.I) \
                    else None
                cue = _NAMED_PROJECT_BEFORE.search(before) or _NAMED_PROJECT_AFTER.match(after)
                where = max(0, start - 40) if cue.re is _NAMED_PROJECT_BEFORE else end
                project = Project(name=org.name, status=status, spans=[(start, end)])
                out.append(provenance.stamp(project, f"{lang}.projects.named_body", [_stripped(text, where + cue.start(), where + cue.end())]))
                break
    return out


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the spaces and quotes at its ends: a cue as the reader sees it."""
    while start < end and text[start] in " \t\n\"“”«»–-,":
        start += 1
    while end > start and text[end - 1] in " \t\n\"“”«»–-,":
        end -= 1
    return start, end


# --- named infrastructure projects ----------------------------------------------------
# "the X hydropower plant", "X HPP-2", "the "Y" cross-border trade and
# logistics zone", "Иксовской ГЭС", "индустриальной зоны «Игрек»": a proper name on a kind of
# facility is a project even without a figure.
_EN_HEADS = (r"hydro(?:power|electric)(?:\s+power)?\s+(?:plant|station)|(?:thermal|solar|wind|nuclear)\s+power\s+"
             r"(?:plant|station)|power\s+(?:plant|station)|solar\s+(?:plant|park)|wind\s+(?:farm|park)|"
             r"(?:HPP|TPP|CHP|NPP)(?:-\d+)?|railway(?:\s+line)?|railroad|rail\s+link|highway|motorway|bypass|"
             r"(?:transport\s+)?corridor|(?:transport\s+)?route|(?:gas\s+|oil\s+)?pipeline|"
             r"(?:industrial|free\s+economic|special\s+economic|economic|logistics)\s+zone|zone|"
             r"logistics\s+(?:hub|cent(?:re|er)|complex)|hub|terminal|dry\s+port|bridge|tunnel|canal|reservoir|"
             r"dam|transmission\s+line|ferry\s+line|plant|factory|mine|checkpoint|border\s+crossing|"
             r"(?:oil|gas|gas\s+condensate|oil\s+and\s+gas|coal|copper|gold|uranium)\s+(?:field|deposit)")
_EN_NAME_TOKEN = r"(?:[\"“«][^\"”»\n]{2,40}[\"”»]|[A-Z][\w.]*(?:[-–][\w]+)*)"
_EN_SKIP = {"the", "a", "an", "this", "that", "these", "its", "their", "in", "on", "at", "for", "of", "and",
            "by", "new", "both", "our", "his", "her", "all", "each", "one", "two", "three", "first", "second",
            "to", "with", "from", "as", "it", "they", "he", "she", "we", "is", "was", "will"}
_EN_MOD_STOP = {"to", "the", "a", "an", "of", "on", "in", "at", "for", "with", "by", "from", "is", "are", "was",
                "were", "will", "would", "has", "have", "had", "be", "been", "that", "which", "this", "these",
                "its", "their", "build", "construct", "launch", "open", "as", "or", "also", "new"}
ASSET_EN = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_EN_NAME_TOKEN}\s+){{1,4}}?)(?P<mods>(?:[a-z][\w-]*\s+){{0,4}}?)"
    rf"(?P<head>(?i:{_EN_HEADS}))(?![\w-])|"
    # "X HPP-2" is written name first; "HPP X-2" is rare enough to leave.
    rf"(?<![\w-])(?P<name2>{_EN_NAME_TOKEN})\s+(?P<head2>(?:HPP|TPP|CHP|NPP)-\d+)(?![\w-])|"
    # "the transnational railway Kazakhstan–Turkmenistan–Iran": the countries it joins, after the head
    rf"(?<![\w-])(?P<mods3>(?:[a-z][\w-]*\s+){{0,2}}?)(?P<head3>railway|railroad|highway|motorway|(?:gas\s+|oil\s+)?pipeline|"
    rf"(?:transport\s+)?corridor|route)\s+(?P<name3>[A-Z][a-z]+(?:\s?[-–—]\s?[A-Z][a-z]+)+)(?![\w-])")
_RU_HEADS = (r"(?:ГЭС|ТЭС|ТЭЦ|АЭС|СЭС|ВЭС|МЦПС|СЭЗ)(?:-\d+)?|железн\w+\s+дорог\w*|железнодорожн\w+\s+(?:лини\w+|"
             r"магистрал\w+)|автомобильн\w+\s+дорог\w*|автодорог\w*|индустриальн\w+\s+(?:зон\w+|парк\w*)|"
             r"(?:свободн\w+\s+)?экономическ\w+\s+зон\w+|(?:торгово-)?логистическ\w+\s+(?:центр\w*|хаб\w*|"
             r"комплекс\w*)|транспортн\w+\s+коридор\w*|газопровод\w*|канал\w*|водохранилищ\w*|завод\w*|терминал\w*")
ASSET_RU = re.compile(
    # "Иксовской ГЭС", "Игрековская ГЭС-2": a proper adjective before the facility
    # ("Иксово-Игрековской ГЭС": a name of two words joined by a hyphen declines in its last one)
    rf"(?<![\w-])(?P<adj>(?:[А-ЯЁ][а-яё]+-)?[А-ЯЁ][а-яё]+(?:ск|инск|ов|ев|ин)[а-яё]{{1,3}})\s+(?P<head>{_RU_HEADS})(?![\w-])|"
    # "ГЭС «Камбарата-1»", "индустриальной зоны «Достук»", "железной дороги Китай – Кыргызстан – Узбекистан"
    rf"(?<![\w-])(?P<head2>{_RU_HEADS})\s+(?P<name>[«\"“][^»\"”\n]{{2,40}}[»\"”]|"
    rf"[А-ЯЁ][\w]*(?:-\d+)?(?:\s*[-–—]\s*[А-ЯЁ][\w]*)*)")
_RU_NOMINATIVE = {"зоны": "зона", "зоне": "зона", "зону": "зона", "зоной": "зона", "дороги": "дорога",
                  "дороге": "дорога", "дорогу": "дорога", "дорогой": "дорога", "линии": "линия", "линию": "линия",
                  "линией": "линия", "магистрали": "магистраль", "автодороги": "автодорога", "автодороге": "автодорога",
                  "автодорогу": "автодорога", "автодорогой": "автодорога"}
# A facility's statuses, in the order that breaks a tie (lexicons/<lang>/status_cues.tsv, record "asset").
_ASSET_STATUSES = ("in_progress", "implemented", "planned")


# A facility is a project only when the text builds, launches or develops it; one merely used
# ("water releases from the X reservoir", "units at the Y plant") is not.
_ASSET_CUE_BEFORE = re.compile(
    r"(?:construct\w*|build\w*|launch\w*|commission\w*|creat\w+|develop\w*|moderni[sz]\w+|reconstruct\w*|"
    r"expan\w+|upgrad\w+|financ\w+|implement\w*|establish\w*|open\w*)(?:\s+(?:of|on|for))?\s+(?:the\s+|a\s+|an\s+|new\s+)*$|"
    r"work\s+(?:continues|continued|is\s+under\s?way|is\s+ongoing|is\s+in\s+progress)\s+on\s+(?:the\s+)?$|"
    # "the project for the construction of the X railway", "joined the project of the Y corridor"
    r"\bprojects?\s+(?:of|for)\s+(?:the\s+)?(?:construction\s+of\s+(?:the\s+|a\s+)?)?$|"
    r"(?<![^\W\d_])(?:строительств\w*|построй\w*|постро\w+|создани\w*|созда\w+|запуск\w*|запуст\w+|ввод\w*|"
    r"откры\w+|"
    r"реконструкци\w*|модернизаци\w*|расширени\w*|финансировани\w*|реализаци\w*|реализов\w+|"
    # "реализовывать проект автодороги X": a project by name is one the text develops
    r"проект\w*)\s+(?:\w+\s+){0,2}$", re.I)
_LISTED_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|as well as|и|а также)\s+(?:the\s+)?|\s*,\s*(?:the\s+)?", re.I)
_ASSET_CUE_AFTER = re.compile(
    r"^[\s\"”»]*(?:,\s*)?(?:project|проект\w*|(?:which\s+)?(?:is|was|will\s+be|are|were|has\s+been)\s+"
    r"(?:being\s+)?(?:built|constructed|launched|commissioned|opened|under\s+construction|put\s+into)|"
    r"(?:будет|была|был|было)?\s*(?:построен\w*|строится|введен\w*|введён\w*|запущен\w*))", re.I)


def _asset_status(text: str, g: Grammar, sentence: tuple[int, int], start: int, end: int) -> str:
    """The status word nearest the name in its sentence; a facility only named is planned."""
    best: tuple[int, int, str] | None = None
    for rank, status in enumerate(_ASSET_STATUSES):
        pattern = lexicons.status_cue(g.lang, "asset", status)
        if pattern is None:
            continue
        for m in pattern.finditer(text, max(sentence[0], start - 70), start):
            key = (start - m.end(), rank, status)
            best = min(best, key) if best else key
        for m in pattern.finditer(text, end, min(sentence[1], end + 50)):
            key = (m.start() - end + 20, rank, status)  # a word after the name counts a little less
            best = min(best, key) if best else key
    return best[2] if best else "planned"


def _named_assets(text: str, g: Grammar, sentences) -> list[Project]:
    out: list[Project] = []
    seen: set[str] = set()
    for sentence in sentences:
        for m in g.asset.finditer(text, sentence[0], sentence[1]):
            if (found := g.read_asset(text, m)) is None:
                continue
            start, end, name, description = found
            # ("the construction of the X railway and the Y HPP-1": one listed after a facility built is built too)
            listed = bool(out) and out[-1].spans[-1][1] <= start and sentence[0] <= out[-1].spans[-1][0] \
                and bool(_LISTED_AFTER.fullmatch(text, out[-1].spans[-1][1], start))
            if not listed and not _ASSET_CUE_BEFORE.search(text[max(sentence[0], start - 50) : start]) \
                    and not _ASSET_CUE_AFTER.match(text[end : end + 40]):
                continue
            key = re.sub(r"[^\w]+", " ", name.casefold()).strip()
            if key in seen:
                # A later mention is evidence too (and lets "its cost" find the plant it follows).
                next(p for p in out if p.name and re.sub(r"[^\w]+", " ", p.name.casefold()).strip() == key
                     ).spans.append((start, end))
                continue
            seen.add(key)
            project = Project(name=re.sub(r"\s+", " ", name).strip(), description=description,
                              status=_asset_status(text, g, sentence, start, end), spans=[(start, end)])
            head = next(m.span(g) for g in ("head", "head2", "head3") if g in m.re.groupindex and m.group(g))
            out.append(provenance.stamp(project, f"{g.lang}.projects.named_facility", [head]))
    return out


def read_asset_en(text: str, m: re.Match) -> tuple[int, int, str, str | None] | None:
    """Start, end, name and description of a facility the English pattern found; None when it names none."""
    from kenes.extraction.names import country_of

    if m.group("name3"):
        if not all(country_of(w) for w in re.split(r"\s?[-–—]\s?", m.group("name3"))):
            return None
        mods = m.group("mods3").split()
        while mods and (mods[0].lower() in _EN_MOD_STOP or mods[0].endswith("ed")):
            mods = mods[1:]  # "the transnational railway …": the article is no modifier
        start = text.rindex(mods[0], m.start("mods3"), m.start("head3")) if mods else m.start("head3")
        end = m.end("name3")
        name = " ".join(mods + [m.group("head3"), m.group("name3")])
        return start, end, name, " ".join(mods + [m.group("head3").lower()])
    if m.group("name2"):
        start, end = m.start("name2"), m.end("head2")
        name, description = f"{m.group('name2')} {m.group('head2')}", "hydropower plant"
        tokens = [m.group("name2")]
    else:
        tokens = m.group("name").split()
        offset = m.start("name")
        while tokens and tokens[0].lower() in _EN_SKIP:
            offset = text.index(tokens[0], offset) + len(tokens[0])
            tokens = tokens[1:]
        mods = m.group("mods").split()
        if not tokens or any(w.lower() in _EN_MOD_STOP or w.endswith("ed") for w in mods) \
                or any(re.search(r"['’]s$", t) for t in tokens):
            return None
        start = text.index(tokens[0], offset)
        end = m.end("head")
        head = re.sub(r"\s+", " ", m.group("head"))
        name = " ".join(t.strip("\"“”«»") for t in tokens + mods) + " " + head
        description = " ".join(mods + [head.lower()])
    # A country alone ("the Uzbek railway") names no project; "China–Kyrgyzstan–Uzbekistan" does.
    if len(tokens) == 1 and not re.search(r"[-–]\D", tokens[0]) and country_of(tokens[0]):
        return None
    return start, end, name, description


def read_asset_ru(text: str, m: re.Match) -> tuple[int, int, str, str | None] | None:
    """Start, end, name (in the nominative) and description of a facility the Russian pattern found."""
    from kenes.extraction.names import country_of

    if m.group("adj"):
        start, end = m.start("adj"), m.end("head")
        head = m.group("head")
        adjective = m.group("adj")
        if re.fullmatch(r"(?:ГЭС|ТЭС|ТЭЦ|АЭС|СЭС|ВЭС)(?:-\d+)?", head) or head.split()[-1][:3] in {"зон", "дор", "лин"}:
            adjective = re.sub(r"(?:ой|ую|ей)$", "ая", adjective)
        name = f"{adjective} {_ru_nominative(head)}"
        if country_of(m.group("adj")) and not re.search(r"инск|овск|евск", adjective):
            return None
    else:
        start, end = m.start("head2"), m.end("name")
        name = f"{_ru_nominative(m.group('head2'))} {m.group('name')}"
        if country_of(m.group("name")) and not re.search(r"[-–—]", m.group("name")):
            return None
    description = None
    return start, end, name, description


def _ru_nominative(phrase: str) -> str:
    words = phrase.split()
    if words and words[-1].lower() in _RU_NOMINATIVE:
        words = [re.sub(r"(?:ой|ую|ей)$", "ая", w) for w in words[:-1]] + [_RU_NOMINATIVE[words[-1].lower()]]
    elif words and (masculine := _RU_MASCULINE.fullmatch(words[-1].lower())):
        # «логистического центра» → «логистический центр»: the adjectives agree with the noun
        words = [_ru_masculine_adjective(w) for w in words[:-1]] + [words[-1][: len(masculine.group("stem"))]]
    return " ".join(words)


# Masculine facility nouns in an oblique case («центра», «комплексу», «коридором») and their stem.
_RU_MASCULINE = re.compile(r"(?P<stem>центр|комплекс|хаб|коридор|парк|терминал|завод|канал)(?:а|у|ом|е)")


def _ru_masculine_adjective(word: str) -> str:
    m = re.fullmatch(r"(?P<stem>[а-яё\-]+?)(?:ого|ому|ым|ом|его|ему|им|ем)", word)
    if m is None:
        return word
    stem = m.group("stem")
    # («логистического» → «логистический»: after г, к, х, ж, ш, ч, щ and in a soft stem the ending is «-ий»)
    return stem + ("ий" if re.search(r"[гкхжшчщ]$", stem) or word.endswith(("его", "ему", "им", "ем")) else "ый")
