"""What the shared steps read for Russian: how it names meetings, events and agreements
(:mod:`kenes.extraction.occasions`) and how it lists measures (:mod:`kenes.extraction.measures`)."""

from __future__ import annotations

import re

from kenes.extraction import indicators, measures
from kenes.extraction.occasions import ORDINAL, Grammar

# (a noun's genitive plural in «-ений», «-аний» is no adjective: «решений второго заседания» names the meeting
# from «второго» on)
_MEETING_RU = re.compile(r"\b" + ORDINAL + r"(?:(?![\w\-]*(?<!н)(?:ений|аний|ятий|ствий)\s)"
                         r"[\w\-]+(?:ого|ой|ая|ое|ые|ых|ий|ый|яя|ым|ом|ую|ым|ими|ыми)\s+){0,2}"
                         r"(?:заседани\w+|встреч\w+|переговор\w+|визит\w*|саммит\w*|кругл\w+\s+стол\w*|"
                         r"телефонн\w+\s+разговор\w*|видеоконференци\w+)")
# Words after the Russian head that continue its name: genitive phrases, names, "по …", "между …".
_VERBISH = re.compile(r"(?:(?<!в)ли|ло|ла|лся|лась|лось|лись|ет|ёт|ут|ют|ит|ят|ся|сь|ано|ана|аны|ено|ена|ены|ён|ть|ал|ил|ел)$")
_LINK = {"по", "между", "с", "со", "при", "и", "на", "в"}
# Prepositions that start another phrase («встреча … для участия в …»): the name ends before them.
_BREAK = {"для", "без", "после", "до", "из", "от", "к", "ко", "за", "под", "над", "перед", "через", "у",
          "около", "против", "ради", "вместо", "кроме", "среди", "накануне"}
# («итоги прошедшего визита»: a participle saying the meeting took place)
_HELD_RU = re.compile(r"(?<![\w\-])(?:состоял\w*|прош(?:ло|ла|ли|ел|ёл)|провел\w*|провёл|проведен\w*|организова\w*|"
                      r"прошедш\w*|состоявш\w*)", re.I)

# Before the Russian head only agreeing adjectives ("Международной выставки"), never a city
# ("в Ташкенте Международной …"); after it a quoted or Latin name, or a short genitive phrase.
_EVENT_RU = re.compile(
    r"(?<![\w\-])(?P<left>(?:[\w\-]+(?:ый|ий|ой|ая|ое|ого|ом|ую|ей|ых|ые|ому|ым)\s+){0,3})"
    r"(?P<head>(?:[Бб]изнес-)?[Фф]орум\w*|[Кк]онференци\w+|[Вв]ыставк\w+(?:-[а-яё]+)?|[Фф]естивал\w+|[Кк]онгресс\w*|[Яя]рмарк\w+|"
    r"Год(?:ом|а|у)?(?=\s+[а-яё])|Дн(?:и|ей|ям|ями|ях)(?=\s+[а-яё]+(?:ы|и)\b)|"
    # A summit with a name («саммит «Центральная Азия – Россия»», «саммит ШОС») is an event as well as a meeting.
    r"[Сс]аммит\w*(?=\s+(?:[«\"“]|в\s+формате\s+[«\"“]|[A-ZА-ЯЁ]{2,6}\b|[A-Z])))"
    r"(?P<right>(?:\s+в\s+формате)?\s+[«\"“][^»\"”]{1,80}[»\"”]|\s+[А-ЯЁ]{2,6}\b|\s+[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|\d{4}))*|"
    r"(?:\s+(?!в\b|на\b|и\b|по\b|[а-яё\-]+(?:ся|сь|ть|ет|ит|ут|ят|ла|ло|ли)\b)(?:[а-яё\-]+(?:ого|его|ой|ей|ых|их|ов|ия|ии|ства|ции|а|я|ы|и)|"
    r"[А-ЯЁ][а-яё\-]+(?:ской|ского|ских|ной|ного))\b){1,4})?")
_AGREEMENT_RU = re.compile(
    # At a word's start only: tried inside words too, the adjectives' "\w+" made this scan four times
    # slower (and a head inside a longer word is no agreement anyway).
    r"(?<!\w)(?:(?:\w+(?:ое|ые|ых|ий|ая|ой|ую)\s+){0,3})(?:соглашени\w+|меморандум\w*|"
    r"протокол\w*(?:\s+(?:\d+-?\w*\s+|\w+(?:ого|его)\s+)?заседани\w+(?:\s+[А-ЯA-Z][\w\-]*)?)?|дорожн\w+\s+карт\w+|"
    r"заявлени\w+|деклараци\w+|программ\w+|план\w*\s+(?:[а-яё]+(?:ых|их)\s+)?(?:действий|мероприятий|работы(?:\s+[а-яё]+(?:ии|ов|ей|а))?)|"
    # «Астанинское коммюнике»: a communiqué by the adjective of its city (the noun does not decline)
    r"(?<=ое\s)коммюнике|"
    r"договор(?:а|ом|у|е|ы|ов|ами|ах)?\b)"
    # «соглашения в таможенной сфере»: the field alone names it
    r"(?:\s+в\s+[а-яё]+(?:ой|ых)\s+(?:области|сфере)(?=[,.;:()]|\s|$)|"
    r"\s+(?:о|об|по|между|в\s+(?:области|сфере))\s+[^,.;:()]{2,260}?(?=[,.;:()]|\s+(?:на|в(?!\s+(?:сфере|области))|были|было|будет)\b|"
    # «Договор о союзничестве отвечает …»: a verb in the present ends the title
    r"(?-i:\s+[а-яё]+(?:ает|яет|ует|ется|ются|ают|яют|уют))\b|"
    r"\s+и\s+(?:\w+\s+){0,2}(?:соглашени|меморандум|протокол|дорожн|программ|план|договор)|$)|"
    # «Программы торгово-экономического сотрудничества»: a genitive phrase names the programme
    r"(?<=[Пп]рограмм[аыеуой])(?:\s+(?:[а-яё]+-)?[а-яё]+(?:ого|его|ой|ей|ых|их|ства|ия|ии|ов)\b){1,4}"
    r"(?:\s+между\s+[А-ЯЁ][\w\-]+\s+и\s+[А-ЯЁ][\w\-]+)?)?"
    r"(?:\s+на\s+\d{4}\s*[–—-]\s*\d{4}\s+годы)?",
    re.I)


def _meeting_end(text: str, m: re.Match, s_end: int) -> int:
    return _title_end(text, m.end(), s_end, m.start())


def _title_end(text: str, pos: int, s_end: int, head_start: int | None = None) -> int:
    """The end of a Russian meeting's name: genitive words, names and "по …"/"между …"/"с …" phrases."""
    end, link, previous = pos, None, ""
    head_start = pos if head_start is None else head_start
    for tok in re.finditer(r"[«\"“][^»\"”]{1,120}[»\"”]|[\w\-]+|[^\w\s]", text[pos:s_end]):
        w = tok.group()
        low = w.lower()
        if w == "." and len(previous) == 1 and previous.isupper():
            end, previous = pos + tok.end(), w  # an initial ("встреча Б. Фамилиева"): the name goes on
            continue
        previous = w
        if not (w[0].isalnum() or w[0] in "«\"“"):
            break
        if re.fullmatch(r"котор\w*|его|её|ее|их|этого|этой|данного|данной|своего|своей", low):
            break  # «заседании которого», «встречи его …»: a relative or a pronoun, not the name
        if low in _BREAK:
            break
        if low in _LINK:
            destination = low == "в" and re.match(r"\s+[А-ЯЁ]", text[pos + tok.end():]) and re.match(
                r"\w*визит", text[head_start:pos].split()[-1] if text[head_start:pos].split() else "", re.I)
            if link is not None or low in {"в", "на"} and not destination and not re.match(
                    r"\s+(?:сфере|области|уровне)\b", text[pos + tok.end():]):
                break
            link = low
            continue
        if w[0] not in "«\"“" and not w[0].isupper():
            if _VERBISH.search(low):
                break
            endings = r"(?:ым|им|ой|ей|ем|ом|ами|ями)$" if link in {"с", "со"} else \
                r"(?:ого|его|ой|ей|ых|их|ов|ев|ий|ии|ия|ы|и|а|я|у|ю|е|ом|ем|ам|ям|ами|ями|ым|им)$"
            if not re.search(endings, low):
                break
        end = pos + tok.end()
        link = None
    return end



def _event_name(text: str, m: re.Match) -> tuple[str, int] | None:
    """The event's name and where it starts: agreeing adjectives, the head and a quoted, Latin or
    genitive name after it; None for a common noun alone («форума» is a reference back)."""
    start, end = m.start(), m.end()
    left, right = m.group("left"), (m.group("right") or "").strip()
    if not left and not right:
        return None  # «форума» alone: a reference back to an event named elsewhere
    if m.group("head").lower().startswith("саммит"):
        # «в первом саммите в формате «…»»: the summit by its name, in the nominative.
        return ("саммит " + right, m.start("head")) if right else None
    if right and right[0] in "«\"“" or right[:1].isascii() and right[:1].isupper():
        if not left:
            # «форуму Digital X 2030», «выставки «XyzExpo-2030»»: the name is the name.
            start = m.start("right") + (len(m.group("right")) - len(m.group("right").lstrip()))
    name = text[start:end].strip()
    if re.fullmatch(r"[«\"“][^»\"”]+[»\"”]", name):
        name = name[1:-1]
    # A compound head («выставка-ярмарка …») or «Дни культуры …» names a kind of event by itself.
    named_kind = re.match(r"Год|Дн|\w+-\w+", m.group("head"))
    if not left and not re.match(r"[«\"“A-Z]", right) and not named_kind:
        return None  # «форума подписан…»: a common noun with whatever follows it
    if not left and not right[:1].isupper() and not right.startswith("«"):
        name = text[m.start():end].strip()
    if left and not right and re.search(r"ую\s+\w+[ую]$", name):
        # «провести межрегиональную ярмарку»: the name in the nominative, as a list would give it.
        name = re.sub(r"ую(?=\s)", "ая", name)
        name = name[:-1] + ("а" if name.endswith("у") else "я")
    return name, start


OCCASIONS = Grammar(
    lang="ru", meeting=_MEETING_RU, held=_HELD_RU, meeting_end=_meeting_end, trim_meeting=lambda title: title,
    not_a_meeting=None,
    # Whatever continues the head's name (genitive words, «по …», «с …») names who met.
    names_who_met=lambda rest: bool(rest.strip()),
    met_noun="встреча", met_with="с", signing_of="подписание ",
    event=_EVENT_RU, event_name=_event_name, quoted_name_signal=True,
    agreement=_AGREEMENT_RU, counted_agreements=False, bare_agreement_needs_complement=False,
    singular_heads=(("меморандумы", "меморандум"), ("соглашения", "соглашение"), ("протоколы", "протокол"),
                    ("договоры", "договор"), ("меморандумов", "меморандум"), ("соглашений", "соглашение")),
    agreement_head="соглашение",
    agreement_noun=re.compile(r"(?:соглашени|меморандум|протокол|дорожн|совместн\w+\s+заявлени|заявлени|программ|план|"
                              r"договор|деклараци)", re.I),
    agreement_word=re.compile(r"(?<![\w’'])(?:соглашени\w+|меморандум\w*|протокол\w*|дорожн\w+\s+карт\w+)\b", re.I),
    event_hint=re.compile(r"[Фф]орум|[Кк]онференци|[Вв]ыставк|[Фф]естивал|[Кк]онгресс|[Яя]рмарк|Год|Дн[иеяю]|[Сс]аммит"),
    event_head=re.compile(r"(?<![\w\-])(?:(?:[Бб]изнес-)?[Фф]орум|[Кк]онференци|[Вв]ыставк|[Фф]естивал|[Кк]онгресс|[Яя]рмарк|Год|"
                          r"Дн[иея]|[Сс]аммит)\w*"),
    meeting_head=re.compile(r"(?:заседани|встреч|переговор|визит|саммит|кругл\w*\s+стол|разговор)", re.I),
    format_words=re.compile(r"\s*(?:по\s+видеосвяз\w+|в\s+(?:режиме|формате)\s+[\w\-]+|онлайн)", re.I),
    ceremony=re.compile(r"(?<![\w\-])церемони\w+", re.I),
    relative_day=re.compile(r"(?<![\w\-])(?:(?P<today>сегодня)|(?P<yesterday>вчера))(?![\w\-])", re.I),
    # «проходит встреча»: the present tense, said of the meeting itself, reports the report's day.
    present_held=re.compile(r"(?<![\w\-])(?:проход(?:ит|ят)|провод(?:ится|ятся))(?![\w\-])", re.I),
    generic_plural=re.compile(r"(?:соглашени[йя]|меморандумов|протоколов|договоров|документов)$", re.I),
    titled_by_people=lambda head, names: f"{head} {' и '.join(names)}",
)

MEASURES = measures.Grammar(
    lang="ru", split=measures.SPLIT_RU, last_item_without_comma=True,
    agreement_subject=re.compile(
        r"(?<![\w\-])(?:о|об|по)\s+(?P<x>(?:[\w\-]+(?:ом|ем|ой|ей)\s+)*"
        # Cooperation in a field is the agreement's domain, not an action of its own.
        r"(?!(?:сотрудничеств|партн[её]рств|взаимодействи)\w*)[\w\-]+(?:нии|тии|ции|нию|тию|цию|стве|ству|овке|отке|ржке)\b"
        r"[^;]*)", re.I),
    subject_end=re.compile(r"\s+(?:между|на\s+(?:19|20)\d\d|подпис\w*|в\s+ходе)\b|,"),
)
INDICATORS = indicators.Grammar(
    lang="ru", of_amount_is_no_goal=False, phrase_stop=frozenset(indicators.PHRASE_STOP_RU), verb_ending=re.compile(r"(?:ли|ла|ло|лись|ется|ются|ит|ят)$"),
    plant_names_decline=True, asset=indicators.ASSET_RU, read_asset=indicators.read_asset_ru,
)
