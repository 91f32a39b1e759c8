"""Meetings, events and agreements: noun-headed phrases with their date, place and status.

Heads ("meeting", "заседание", "Forum", "memorandum", "соглашение") are matched
with their ordinal and complement; the date is the nearest date in the sentence.
"""

from __future__ import annotations

import re

from kenes.extraction.indicators import find_dates
from kenes.extraction.names import country_of
from kenes.extraction.schema import Agreement, Event, Meeting
from kenes.extraction.translit import fold

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5,
             "шест": 6, "седьм": 7, "восьм": 8, "девят": 9, "десят": 10}
_ORD = r"(?i:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th|-?[а-я]{1,3}))\s+|" \
       r"(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят)\w*\s+)?"
_HEAD_AGREEMENT = re.compile(r"(?:agreements?|memorand|protocols?|road\s?maps?|joint\s+statement|joint\s+declaration|"
                             r"action\s+plan|program|treat|contracts|соглашени|меморандум|протокол|дорожн|"
                             r"совместн\w+\s+заявлени|заявлени|программ|план|договор)", re.I)
_COMPLEMENT_EN = r"(?:\s+(?:of|on|between|by|for|with|to|dedicated to|at)\s+(?:the\s+)?[\w\-’'“”\"]+(?:\s+(?:of|the|and|for|on|to|in)?\s*[\w\-’'“”\"]+){0,10}?)?"
_MEETING_EN = re.compile(
    r"\b" + _ORD + r"(?:(?:state|official|working|bilateral|joint|regular|extraordinary|[A-Z][\w\-]*)\s+){0,3}"
    r"(?i:meeting|session|talks|negotiations|visit|summit)\b"
    r"(?:\s+(?:of|between|by|with|to|at)\s+(?:the\s+)?(?:[A-Z][\w\-’']*|of|the|and|for|on|Minister|President|,)"
    r"(?:\s*(?:[A-Z][\w\-’']*|of|the|and|for|on|to|in|at|,(?=\s+[A-Z])))*)?")
_MEETING_RU = re.compile(r"\b" + _ORD + r"(?:\w+(?:ого|ой|ая|ое|ые|ых)\s+){0,2}(?:заседани\w+|встреч\w+|переговор\w+|визит\w*|саммит\w*)"
                         r"(?:\s+(?!в\b|на\b|и\b|по\s+итогам)[\w\-«»]+){0,8}", re.I)
_EVENT_EN = re.compile(
    r"\b" + _ORD + r"(?:[A-Z][\w\-]*\s+){0,5}(?:Forum|Conference|Exhibition|Summit|Festival|Expo|Fair|Week|Congress|"
    r"Symposium|Games|Olympiad)\b(?:\s+(?:of|on|for|between|dedicated to)\s+(?:the\s+)?[\w\-]+(?:\s+(?:of|the|and|for|on|to)?\s*[\w\-]+){0,8}?(?=[,.;:]|\s+(?:was|were|is|will|to be|in|at|and|which|that|with)\b))?"
    r"|\bYear of [A-Z][\w\- ]+")
_EVENT_RU = re.compile(r"\b(?:[А-Я][\w\-]*\s+|\w+(?:ый|ий|ой|ая|ое|ого|ом)\s+){0,3}(?:[Фф]орум\w*|[Кк]онференци\w+|[Вв]ыставк\w+|"
                       r"[Фф]естивал\w+|[Кк]онгресс\w*)(?:\s+(?!в\b|на\b)[\w\-«»]+){0,6}")
_AGREEMENT_EN = re.compile(
    r"\b(?:(?:[a-z\-]+|[A-Z][\w\-]*)\s+){0,5}?(?:agreements?|memorand(?:um|a)(?:\s+of\s+understanding)?|protocols?|"
    r"road\s?maps?|joint\s+statements?|joint\s+declarations?|action\s+plans?|program(?:me)?s?|treat(?:y|ies)|contracts)\b"
    r"(?:\s+(?:on|of|establishing|for|between|to)\s+[^,.;:()]{2,120}?(?=[,.;:()]|\s+(?:signed|was|were|is|are|will|which|that|at|in\s+[A-Z]|during|within|stemming|reached)\b|$))?")
_AGREEMENT_RU = re.compile(
    r"(?:(?:\w+(?:ое|ые|ых|ий|ая|ой|ую)\s+){0,3})(?:соглашени\w+|меморандум\w*|протокол\w*|дорожн\w+\s+карт\w+|"
    r"заявлени\w+|программ\w+|план\w*\s+действий|договор(?!енн)\w*)(?:\s+(?:о|об|по|между)\s+[^,.;:()]{2,100}?(?=[,.;:()]|\s+(?:на|в|были|было|будет)\b|$))?",
    re.I)
_AGREEMENT_LEFT_STOP = {"the", "a", "an", "of", "and", "have", "has", "had", "we", "they", "approved", "signed",
                        "adopted", "to", "on", "in", "with", "two", "both", "its", "their", "our", "implementation",
                        "within", "stages", "including", "following", "all", "new", "these", "those", "by"}


def _date_near(dates, start: int, end: int, s_start: int, s_end: int) -> str | None:
    found = [d for d in dates if s_start <= d.start < s_end and d.kind in {"date", "month", "year"}]
    if not found:
        return None
    return min(found, key=lambda d: min(abs(d.start - end), abs(d.end - start))).value


def _ordinal(phrase: str) -> int | None:
    m = re.match(r"(\d+)", phrase)
    if m:
        return int(m.group(1))
    low = phrase.lower()
    for word, n in _ORDINALS.items():
        if low.startswith(word):
            return n
    return None


def find(text: str, lang: str, sentences, published, orgs) -> dict:
    dates = find_dates(text, lang, published)
    return {"meetings": _meetings(text, lang, sentences, dates, orgs),
            "events": _events(text, lang, sentences, dates),
            "agreements": _agreements(text, lang, sentences, dates)}


def _meetings(text, lang, sentences, dates, orgs):
    pattern = _MEETING_EN if lang == "en" else _MEETING_RU
    records: list[dict] = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        for m in pattern.finditer(text, s_start, s_end):
            title = re.sub(r"[\s,]+$", "", m.group()).strip()
            start, end = m.start(), m.start() + len(title)
            generic = not re.search(r"\s(?:of|between|by|with|to|at)\s|\d|(?!The\b|This\b|That\b|Their\b|Our\b|During\b|At\b|After\b)[A-Z]\w+\s+(?:meeting|session|talks|visit)"
                                    r"|\b(?:first|second|third|fourth|fifth|state|official)\b", title) if lang == "en" \
                else not re.search(r"\d|^(?:перв|втор|трет|четв|пят)|(?:заседани|переговор|визит)\w*\s+(?:[А-Я]|президент|"
                                   r"министр|глав|совместн|межправ|Высш)", title, re.I)
            if generic:
                title_key = "generic"
            else:
                title_key = fold(title)
            body = next((o.name for o in orgs for a, b in o.spans if start <= a and b <= end + 5), None)
            date = None if title_key == "generic" else _date_near(dates, start, end, s_start, s_end)
            fmt = ("online" if re.search(r"\bonline|video\s?conferenc|онлайн|видеоконференц", sentence, re.I)
                   else "hybrid" if re.search(r"hybrid|гибридн", sentence, re.I)
                   else "in_person" if re.search(r"visit|talks|визит|переговор", title, re.I) else None)
            place = None
            pm = re.search(r"\b(?:in|at|в)\s+((?:the\s+)?[A-ZА-Я][\w\-]+(?:\s+residence)?)", text[end:min(s_end, end + 40)])
            if pm and not re.match(r"(?:the\s+)?(?:presence|context|field|framework|December|January|February|March|April|"
                                   r"May|June|July|August|September|October|November)", pm.group(1)):
                place = pm.group(1)
            ordinal = _ordinal(title)
            key = (fold(body), ordinal) if body else (None, date) if date else ("generic", None) \
                if title_key == "generic" or not records else (title_key, None)
            existing = next((r for r in records if r["key"] == key or (key[0] == "generic" and r is records[0])), None)
            if existing:
                existing["spans"].append((start, end))
                existing["date"] = existing["date"] or date
                continue
            records.append({"key": key, "title": title, "body": body, "ordinal": ordinal, "date": date,
                            "format": fmt, "place": place, "spans": [(start, end)]})
    return [Meeting(title=r["title"], body=r["body"], ordinal=r["ordinal"], date=r["date"], format=r["format"],
                    place=r["place"], spans=sorted(set(r["spans"]))) for r in records]


def _events(text, lang, sentences, dates):
    pattern = _EVENT_EN if lang == "en" else _EVENT_RU
    out, seen = [], set()
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        for m in pattern.finditer(text, s_start, s_end):
            name = re.sub(r"^(?:The|the|A|An)\s+", "", m.group().strip())
            if lang == "en" and not re.search(r"[A-Z]", name.split()[-1] + name):
                continue
            before = text[max(s_start, m.start() - 40) : m.start()]
            if re.search(r"(?:establish\w*|creat\w*|создани\w*)\s+(?:an?\s+|the\s+)?$", before, re.I):
                continue  # a body being set up, not an event
            key = fold(name)
            if key in seen:
                continue
            seen.add(key)
            planned = re.search(r"\bplann|upcoming|will be held|to be held|preparation|next year|будет|планиру|"
                                r"провести|пройдет|состоится", sentence, re.I)
            place = None
            pm = re.search(r"\b(?:held|пройдет|состоится)\s+(?:in|в)\s+([A-ZА-Я][\w\-]+)|\bв\s+([А-Я][\w\-]+е)\b", sentence)
            if pm:
                place = pm.group(1) or pm.group(2)
            out.append(Event(name=name, status="planned" if planned else "held",
                             date=_date_near(dates, m.start(), m.end(), s_start, s_end) if planned else None,
                             place=place or (country_name(sentence) if planned else None),
                             spans=[(m.start(), m.end())]))
    return out


def country_name(sentence: str) -> str | None:
    m = re.search(r"\bheld in ([A-Z][\w\-]+)", sentence)
    return m.group(1) if m else None


def _agreements(text, lang, sentences, dates):
    pattern = _AGREEMENT_EN if lang == "en" else _AGREEMENT_RU
    out, seen = [], set()
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        for m in pattern.finditer(text, s_start, s_end):
            start, phrase = m.start(), m.group()
            words = phrase.split()
            head_at = next((k for k, w in enumerate(words) if _HEAD_AGREEMENT.match(w)), 0)
            cut_at = max((k + 1 for k in range(head_at) if words[k].lower() in _AGREEMENT_LEFT_STOP
                          or words[k].lower() in {"signed", "approved", "adopted", "ministers", "parties", "sides"}),
                         default=0)
            if cut_at:
                drop = len(" ".join(words[:cut_at])) + 1
                lead = len(phrase) - len(phrase.lstrip())
                start += lead + drop
                phrase = phrase.lstrip()[drop:]
                words = phrase.split()
            # Trim the left context to the agreement's own modifiers ("24 joint investment agreements").
            while len(words) > 1 and (words[0].lower() in _AGREEMENT_LEFT_STOP or words[0][:1].isdigit()):
                start += len(words[0]) + (len(phrase) - len(phrase.lstrip()))
                phrase = text[start : m.end()].lstrip()
                start = m.end() - len(phrase)
                words = phrase.split()
            phrase = phrase.rstrip()
            after = text[m.end() : min(s_end, m.end() + 30)]
            has_complement = re.search(r"\s(?:on|of|establishing|for|between|to|о|об|по|между)\s", phrase)
            bare = len(words) == 1
            if bare and not re.match(r"\s+(?:signed|подписан)", after) and not re.match(r"[Сс]овместн", phrase):
                continue
            head = _HEAD_AGREEMENT.search(phrase)
            if head and re.search(r"\s(?:of|the|certain|its|our|main|этих|ряд)\s+(?:the\s+)?(?:\w+\s+)?$", " " + phrase[: head.start()]):
                # "significance of agreements on …": the agreement starts after "of".
                cut = max(phrase.rfind(" of ", 0, head.start()), phrase.rfind(" the ", 0, head.start()),
                          phrase.rfind(" certain ", 0, head.start()))
                if cut >= 0:
                    drop = len(phrase[: cut].rstrip()) + len(re.match(r"\s*\w+\s+", phrase[cut:]).group())
                    start += drop
                    phrase = phrase[drop:]
                    words = phrase.split()
            bare = len(words) == 1
            if lang == "en" and not has_complement and bare and not re.match(r"\s+signed", after):
                continue
            if words and words[0].lower() in {"main", "goal", "achieved", "certain", "signing", "review"}:
                continue
            if re.fullmatch(r"(?:the\s+)?agreements?\s+reached", phrase, re.I):
                continue
            phrase = re.sub(r"\s+(?:in|at|в)\s+[A-ZА-Я][\w\-]+$", "", phrase)
            titles = [phrase]
            # "agreements on allied relations and border demarcation": one agreement each.
            sm = re.match(r"(agreements|соглашения|соглашений)\s+(on|о|об|по)\s+(.+?)\s+(?:and|и)\s+(.+)$", phrase)
            if sm and len(sm.group(3).split()) <= 4:
                head = "agreement" if lang == "en" else "соглашение"
                titles = [f"{head} {sm.group(2)} {sm.group(3)}", f"{head} {sm.group(2)} {sm.group(4)}"]
            status = ("signed" if re.search(r"\bsign|approv|adopt|conclud|подписа|принял|утверд|принят", sentence, re.I)
                      else "in_force" if re.search(r"being implemented|in force|implementation of|реализу", sentence, re.I)
                      else "planned" if re.search(r"will sign|to sign|draft|prepar|подготов|подпишут", sentence, re.I)
                      else None)
            place = None
            pm = re.search(r"\b(?:signed|подписа\w*)\b[^.]{0,40}?\b(?:in|в)\s+([A-ZА-Я][\w\-]+)", sentence)
            if pm:
                place = pm.group(1)
            parties = sorted({c for w in re.findall(r"[A-ZА-Я][\w\-]+", sentence) if (c := country_of(w))})
            for title in titles:
                key = fold(title)
                if key in seen:
                    continue
                seen.add(key)
                out.append(Agreement(title=title, status=status, date=_date_near(dates, start, m.end(), s_start, s_end),
                                     place=place, parties=parties, spans=[(start, start + len(phrase))]))
    return out
