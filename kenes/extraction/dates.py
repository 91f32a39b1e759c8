"""Dates and periods in English, Russian, Kazakh and Uzbek text, with their spans.

Our own regular expressions rather than dateparser: its ``search_dates`` gives
no offsets and takes "$10" for a date. Every value is an ISO partial date
("2024", "2024-08", "2024-08-28") or a period ("2023-01/2023-11"); a date the
text gives without a year takes the year of the document's ``published`` date,
and is dropped when that is unknown (the contract has no "--MM-DD").

One compiled alternation scans the text once; each alternative is a shape of
date, longest shapes first, so "January–November 2023" is one period and not a
month plus a month-and-year.
"""

from __future__ import annotations

import calendar
import datetime
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from kenes.extraction.quick import lowered

KINDS = ("date", "month", "year", "period", "deadline")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str  # "2024", "2024-08", "2024-08-28" or a period "2023-01/2023-11"
    kind: str  # one of KINDS


# Month names by number. English and Uzbek Latin forms are whole words (Uzbek may glue a
# case ending: "avgustda"); Russian, Uzbek Cyrillic and Kazakh stems take any ending
# ("августа", "августе", "тамызда", "қыркүйектің").
_EN = [
    "january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul",
    "august|aug", "september|sept|sep", "october|oct", "november|nov", "december|dec",
]
_UZ_LATIN = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentyabr",
    "oktyabr", "noyabr", "dekabr",
]
_CYRILLIC_STEMS = [
    "январ", "феврал", "март", "апрел", "ма(?=[йяею])", "июн", "июл", "август", "сентябр",
    "октябр", "ноябр", "декабр",
]
_KAZAKH_STEMS = [
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
    "қазан", "қараша", "желтоқсан",
]
_UZ_SUFFIX = r"(?:da|dagi|ga|gacha|dan|ning|i)?"
# Russian case endings (января, январе, январём) and Uzbek Cyrillic suffixes (августда).
_CYRILLIC_ENDING = r"(?:ь|я|е|ю|ём|ем|а|у|ом)?(?:да|даги|дан|гача|га)?"


def _month_patterns() -> list[str]:
    patterns = []
    for index in range(12):
        # Only an abbreviation takes a dot: "Aug. 28", but the dot after "28 June." ends a sentence.
        full, *short = _EN[index].split("|")
        parts = [full, *(rf"{abbreviation}\.?" for abbreviation in short)]
        parts.append(rf"{_UZ_LATIN[index]}{_UZ_SUFFIX}")
        parts.append(rf"{_CYRILLIC_STEMS[index]}{_CYRILLIC_ENDING}")
        parts.append(rf"{_KAZAKH_STEMS[index]}[^\W\d_]*")
        patterns.append("|".join(parts))
    return patterns


_MONTHS = [re.compile(rf"(?:{p})\Z", re.IGNORECASE) for p in _month_patterns()]
_MONTH = r"(?<![^\W\d_])(?:" + "|".join(_month_patterns()) + r")(?![^\W\d_])"

_YEAR_DIGITS = r"(?:1[89]\d\d|20\d\d|2100)(?![\d]|[.,]\d)"
_YEAR = r"(?<![\d.,])" + _YEAR_DIGITS
# Words after a year: "2024 года", "2024 г.", "2024-yil", "2024 жылы", "2030-yilgacha".
_YEAR_WORD = (
    r"(?:\s*(?:года|году|год|годах|гг\.|г\.|г(?![^\W\d_])|"
    r"-?\s?yil[^\W\d_]*(?:\s+qadar)?|-?\s?йил[^\W\d_]*(?:\s+қадар)?|\s?жыл[^\W\d_]*(?:\s+(?:дейін|қарай))?))?"
)
_DAY = r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_ORDINAL = r"(?:st|nd|rd|th|-?го|-?е|-)?"

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# Russian number words by stem (any case: "четыре", "четырёх", "девяти").
_RU_NUMBER_STEMS = [
    ("одиннадцат", 11), ("двенадцат", 12), ("одн", 1), ("один", 1), ("дв", 2), ("тр", 3),
    ("четыр", 4), ("пят", 5), ("шест", 6), ("сем", 7), ("восем", 8), ("восьм", 8),
    ("девят", 9), ("десят", 10),
]
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
    r"одного|один|одним|двух|два|трех|трёх|три|четырех|четырёх|четыре|пяти|пять|шести|шесть|" \
    r"семи|семь|восьми|восемь|девяти|девять|десяти|десять|одиннадцати|одиннадцать)"
_RU_ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четв[её]рт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14,
    "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19,
    "двадцат": 20, "тридцат": 30,
}
_RU_ORDINALS = "|".join(sorted(_RU_ORDINAL_STEMS, key=len, reverse=True))
_QUARTER = {
    "first": 1, "1st": 1, "i": 1, "перв": 1, "second": 2, "2nd": 2, "ii": 2, "втор": 2,
    "third": 3, "3rd": 3, "iii": 3, "трет": 3, "fourth": 4, "4th": 4, "iv": 4, "четв": 4,
}

# "this year", "текущего года": the year of publication ("last year", "прошлого года": the one
# before). Each shape that takes it names its own groups: "{0}_cur", "{0}_last".
_CURRENT = (r"(?:(?P<{0}_cur>(?:the\s+)?(?:this|current)\s+year|the\s+year(?!\s+(?:before|after|of|\d))|(?:текущего|этого|нынешнего|сего)\s+года)|"
            r"(?P<{0}_last>(?:the\s+)?(?:last|previous|past)\s+year|(?:прошлого|предыдущего)\s+года))")

# Shapes of dates, most specific first. Group names are prefixed by the shape.
_SHAPES: list[tuple[str, str]] = [
    ("iso", rf"(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)(?![\d])"),
    ("num", rf"(?P<num_d>{_DAY})[./](?P<num_m>0?[1-9]|1[0-2])[./](?P<num_y>{_YEAR_DIGITS}){_YEAR_WORD}"),
    # "January–November 2023", "в январе-апреле 2019 года", "from January to November 2023",
    # "с января по ноябрь 2023 года"
    ("mrange", rf"(?P<mrange_a>{_MONTH})\s*(?:[-–—]|\s(?:to|through|till|until|по|-)\s)\s*"
               rf"(?P<mrange_b>{_MONTH})(?:,?\s+(?:of\s+)?(?P<mrange_y>{_YEAR}){_YEAR_WORD})?"),
    # "between April and September 2025", "между апрелем и сентябрём 2025 года"
    ("mbetween", rf"(?:between|между)\s+(?P<mbetween_a>{_MONTH})\s+(?:and|и)\s+(?P<mbetween_b>{_MONTH})"
                 rf"(?:,?\s+(?:of\s+)?(?:(?P<mbetween_y>{_YEAR}){_YEAR_WORD}|{_CURRENT.format('mbetween')}))?"),
    # "first four months of 2019", "over 9 months of 2019", "за четыре месяца 2019 года",
    # "за девять месяцев текущего года" (the year of publication)
    ("months", rf"(?P<months_n>{_COUNT})\s+(?:months?|месяц[а-я]*)\s+(?:of\s+)?"
               rf"(?:(?:the\s+year\s+)?(?P<months_y>{_YEAR}){_YEAR_WORD}|{_CURRENT.format('months')})"),
    # "2024 жылдың 4 айында", "ағымдағы жылдың алғашқы 4 айында", "joriy yilning 9 oyida": the year first.
    ("ymonths", rf"(?:(?P<ymonths_y>{_YEAR})\s*(?:жылдың|-?\s?yilning|-?\s?йилнинг)|"
                rf"(?P<ymonths_cur>(?:ағымдағы|биылғы|осы)\s+жылдың|(?:joriy|shu)\s+yilning|(?:жорий|шу)\s+йилнинг)|"
                rf"(?P<ymonths_last>өткен\s+жылдың|o['‘’ʻʼ`]tgan\s+yilning|ўтган\s+йилнинг))"
                rf"\s+(?:алғашқы\s+|dastlabki\s+|бірінші\s+)?(?P<ymonths_n>{_COUNT})\s+"
                rf"(?:ай(?:ында|ы|да)|oy(?:ida|i|da)|ой(?:ида|и|да))(?![^\W\d_])"),
    # "за девять месяцев", "in the first nine months": the year of publication when the
    # months are already behind it.
    ("monthsbare", rf"(?:за\s+(?:первые\s+)?|(?:in|for|over|during)\s+the\s+first\s+)"
                   rf"(?P<monthsbare_n>{_COUNT})\s+(?:months?|месяц[а-я]*)(?![^\W\d_])"
                   rf"(?!\s+(?:of\s+)?(?:the\s+year\s+)?(?:\d|текущ|этого|прошл|нынешн|сего|предыдущ|"
                   rf"this|current|last|previous|past))"),
    ("half", rf"(?:first|1st|перв[а-я]*)\s+(?:half|полугоди[а-я]*)\s+(?:of\s+)?"
             rf"(?:(?P<half_y>{_YEAR}){_YEAR_WORD}|{_CURRENT.format('half')})"),
    ("quarter", rf"(?P<quarter_q>first|1st|second|2nd|third|3rd|fourth|4th|IV|III|II|I|"
                rf"перв[а-я]*|втор[а-я]*|трет[а-я]*|четв[а-я]*)\s+(?:quarter|квартал[а-я]*)\s+"
                rf"(?:of\s+)?(?:(?P<quarter_y>{_YEAR}){_YEAR_WORD}|{_CURRENT.format('quarter')})"),
    ("qshort", rf"\b(?:(?:Q(?P<qshort_q>[1-4])|(?P<qshort_h>H1))\s+(?P<qshort_y>{_YEAR})|"
               # "1Q2018", "1Q 2018": the quarter's number first
               rf"(?P<qshort_n>[1-4])Q\s?(?P<qshort_y2>{_YEAR}))"),
    # "28 August 2024", "28 августа 2024 года", "28-avgust 2024-yil", "28th of August, 2024"
    ("dmy", rf"(?P<dmy_d>{_DAY}){_ORDINAL}\s*(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+"
            rf"(?P<dmy_y>{_YEAR}){_YEAR_WORD}"),
    # "2024 жылғы 28 тамыз", "2024-yil 28-avgust"
    ("ydm", rf"(?P<ydm_y>{_YEAR})(?:\s*жылғы|-?\s?yil(?:ning|da)?|-?\s?йил(?:нинг|да)?)\s+"
            rf"(?P<ydm_d>{_DAY})-?\s*(?P<ydm_m>{_MONTH})"),
    # "2022-yil dekabr oyida", "2022 жылғы желтоқсанда": a year, then its month (no day)
    ("ym", rf"(?P<ym_y>{_YEAR})(?:\s*жылғы|-?\s?yil(?:ning|da|gi)?|-?\s?йил(?:нинг|да|ги)?)\s+(?P<ym_m>{_MONTH})"),
    # "August 28, 2024", "Aug. 28 2024"
    ("mdy", rf"(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>{_YEAR})"),
    # "August 2024", "августе 2024 года", "avgust 2024-yil"
    ("my", rf"(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}){_YEAR_WORD}"),
    # "20-21 May 2025", "с 22 по 24 октября", "May 20-21, 2025": a span of days is its month.
    ("drange", rf"(?:(?:с|from)\s+)?(?P<drange_a>{_DAY})(?:st|nd|rd|th|-?го)?\s*(?:[-–—]|\s(?:по|to|until|till)\s)\s*"
               rf"(?P<drange_b>{_DAY}){_ORDINAL}\s*(?:of\s+)?(?P<drange_m>{_MONTH})"
               rf"(?:,?\s+(?P<drange_y>{_YEAR}){_YEAR_WORD})?"),
    ("mdrange", rf"(?P<mdrange_m>{_MONTH})\s+(?P<mdrange_a>{_DAY})(?:st|nd|rd|th)?(?:\s*[-–—]\s*|\s+(?:to|through|till|until)\s+)"
                rf"(?P<mdrange_b>{_DAY})(?:st|nd|rd|th)?(?:,?\s+(?P<mdrange_y>{_YEAR}))?(?![\d,.]\d)"),
    # "Второго апреля", "двадцать первого мая": a Russian ordinal in words.
    ("wdm", rf"(?=[а-яёА-ЯЁ])(?:(?P<wdm_t>двадцать|тридцать)\s+)?(?P<wdm_u>{_RU_ORDINALS})(?:ого|его|ое|ье|ьего|ый|ий|ой)\s+"
            rf"(?P<wdm_m>{_MONTH})(?:,?\s+(?P<wdm_y>{_YEAR}){_YEAR_WORD})?"),
    # "в прошлом году", "last year", "в этом году": a year counted from publication.
    ("rel", r"(?:(?:в|за)\s+(?P<rel_last>(?:прошлом|предыдущем|минувшем)\s+году|(?:прошлый|предыдущий|минувший)\s+год)|"
            r"(?:(?:in|during|over|for)\s+(?:the\s+)?)?(?P<rel_last2>(?:last|previous|past)\s+year)(?!\s+(?:'s|of\b))|"
            r"(?:в|за)\s+(?P<rel_cur>(?:этом|текущем|нынешнем|сем)\s+году)|"
            # Kazakh and Uzbek: "былтыр", "өткен жылы", "o'tgan yili" (last year); "биыл", "ағымдағы жылы",
            # "joriy yilda" (this year)
            r"(?P<rel_last3>былтыр(?:ғы)?|өткен\s+жылы|o['‘’ʻʼ`]tgan\s+yili|ўтган\s+йили)(?![^\W\d_])|"
            r"(?P<rel_cur2>биыл(?:ғы)?|ағымдағы\s+жылы|joriy\s+yil(?:da)?|жорий\s+йил(?:да)?)(?![^\W\d_]))"),
    # "28 August", "28 августа", "28-avgust"
    ("dm", rf"(?P<dm_d>{_DAY}){_ORDINAL}\s*(?:of\s+)?(?P<dm_m>{_MONTH})"),
    # "August 28", "Aug. 28"
    ("md", rf"(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})(?:st|nd|rd|th)?(?![\d,.]\d)"),
    # "2024–2034", "2024-2034 годы"
    ("yrange", rf"(?P<yrange_a>{_YEAR})\s?[-–—]\s?(?P<yrange_b>{_YEAR})"
               rf"(?:\s*(?:годы|годах|гг\.|yillar[^\W\d_]*|жылдар[^\W\d_]*))?"),
    # "с начала года", "since the beginning of the year", "yil boshidan", "жыл басынан"
    ("ytd", r"(?:с\s+начала\s+(?:(?:этого|текущего|нынешнего)\s+)?года|"
            r"(?:since|from)\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year|"
            r"year[-\s]to[-\s]date|so\s+far\s+this\s+year|yil\s+boshidan|йил\s+бошидан|жыл\s+басынан|"
            # "за прошедший период года", "yilning o'tgan davrida", "жылдың өткен кезеңінде": the part of the year gone by
            r"за\s+(?:прошедший|истекший)\s+период\s+(?:(?:этого|текущего|нынешнего)\s+)?года|"
            r"yilning\s+o['‘’ʻʼ`]tgan\s+davri|йилнинг\s+ўтган\s+даври|жылдың\s+өткен\s+кезең)"),
    # "in August", "в августе": a month alone needs a preposition, or "may" is a verb.
    ("month", rf"(?<![^\W\d_])(?:(?:in|since|until|till|by|during|from|early|late|"
              rf"в|во|с|до|к|по|на|начале|конце|середине)\s+|mid-)(?P<month_m>{_MONTH})"
              # a month followed by its year or by the end of a range is a longer shape
              rf"(?![\s,]*(?:of\s+)?\d|\s*(?:[-–—]|\s(?:to|through|till|until|по)\s))"
              # "в ноябре прошлого года", "in November last year": the year counted from publication
              rf"(?:\s+(?:of\s+)?{_CURRENT.format('month')})?"),
    ("year", rf"(?P<year_y>{_YEAR}){_YEAR_WORD}"),
]


# The letters (any case) and digits each shape can start with. A shape is tried at every word start;
# checking the first character before its body rejects most words at once, where the body (a month's
# dozens of spellings, a lookbehind) fails only after many comparisons: the scan takes a third less
# time. Each class must hold every first character the shape can match (tests/extraction/test_dates.py
# compares the scan with and without them).
_FIRST = {
    "iso": "12", "num": r"\d", "mbetween": "bм", "months": r"\dotfsenдтчпшсво", "ymonths": "12абоөjsшжoў", "monthsbare": "зifod",
    "half": "f1п", "quarter": "fst1234iпвтч", "qshort": "qh1234", "dmy": r"\d", "ydm": "12", "ym": "12",
    "drange": r"\dсf", "wdm": "дтпвчшсо", "rel": "взidoflpбөўаjж", "dm": r"\d", "yrange": "12",
    "ytd": "сsfyжйз", "month": "isutbdfelmвсдкпн", "year": "12",
    # Shapes that open with a month: the first letters of every month's spellings.
    **dict.fromkeys(("mrange", "mdy", "my", "mdrange", "md"), "jfmasondyiяфмаисондқштж"),
}


def _shapes_pattern(first_characters: bool = True) -> str:
    return "|".join(f"(?P<{name}>{'(?=[' + _FIRST[name] + '])' if first_characters else ''}{body})"
                    for name, body in _SHAPES)


@lru_cache(maxsize=1)
def _scanner() -> re.Pattern:
    # Every shape starts at the start of a word: the leading \b rejects the other positions
    # at once, which makes the scan several times faster.
    return re.compile(rf"\b(?:{_shapes_pattern()})", re.IGNORECASE)


_DEADLINE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:by|until|till|through|no\s+later\s+than|not\s+later\s+than|"
    r"by\s+the\s+end\s+of|by\s+end\s+of|к|до|не\s+позднее|к\s+концу|до\s+конца)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
# "2030-yilgacha", "2030-yilga qadar", "2030 жылға дейін", "2030 жылға қарай": by that year.
_DEADLINE_AFTER = re.compile(r"(?:gacha|гача|qadar|қадар|дейін|қарай)", re.IGNORECASE)
# A bare year is a year only with a word that says so; "2000 tonnes" is a quantity.
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:in|of|for|since|by|until|till|to|from|during|through|before|after|"
    r"early|late|mid|end|beginning|the|year|fiscal|than|and|or|в|во|к|до|с|по|за|на|от|и|"
    r"итогам|конца|начала|концу|середины|году|года)[\s-]+\Z",
    re.IGNORECASE,
)
_YEAR_WORD_AFTER = re.compile(r"\s*(?:год|г\.|гг|г(?![^\W\d_])|-?\s?yil|-?\s?йил|\s?жыл)", re.IGNORECASE)
_NOT_A_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per cent|тонн|tonnes|tons|млн|млрд|mln|bln|billion|million|"
    r"thousand|тыс|долл|dollar|\$)",
    re.IGNORECASE,
)


def _month_number(word: str) -> int | None:
    word = word.strip()
    for index, pattern in enumerate(_MONTHS):
        if pattern.match(word):
            return index + 1
    return None


def _count(word: str) -> int | None:
    word = word.casefold()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    for stem, value in _RU_NUMBER_STEMS:
        if word.startswith(stem):
            return value
    return None


def _valid(year: int, month: int, day: int | None = None) -> bool:
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _ymd(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _published_parts(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    found = re.match(r"(\d{4})(?:-(\d{2}))?", published)
    if not found:
        return None, None
    return int(found.group(1)), int(found.group(2)) if found.group(2) else None


def _year_of(match: re.Match, shape: str, pub_year: int | None) -> int | None:
    """The shape's year: written out, or "this"/"last" year counted from publication."""
    groups = match.groupdict()
    if groups.get(f"{shape}_y") or groups.get(f"{shape}_y2"):
        return int(groups.get(f"{shape}_y") or groups[f"{shape}_y2"])
    if pub_year is None:
        return None
    if groups.get(f"{shape}_cur"):
        return pub_year
    if groups.get(f"{shape}_last"):
        return pub_year - 1
    return pub_year if shape in {"mrange", "mbetween"} else None


def _interpret(match: re.Match, shape: str, pub_year: int | None, pub_month: int | None):
    """(value, kind) for one match, or None when it is not a valid date: each shape's own reading."""
    read = _READINGS.get(shape)
    return read(match, shape, pub_year, pub_month) if read is not None else None


def _full_date(match, shape, pub_year, pub_month):
    g = match.group
    year, day, raw_month = int(g(f"{shape}_y")), int(g(f"{shape}_d")), g(f"{shape}_m")
    month = int(raw_month) if raw_month.isdigit() else _month_number(raw_month)
    if month is None or not _valid(year, month, day):
        return None
    return _ymd(year, month, day), "date"


def _day_range(match, shape, pub_year, pub_month):
    g = match.group
    month = _month_number(g(f"{shape}_m"))
    year = int(g(f"{shape}_y")) if g(f"{shape}_y") else pub_year
    first, last = int(g(f"{shape}_a")), int(g(f"{shape}_b"))
    if year is None or month is None or first >= last or not _valid(year, month, last):
        return None
    return _ymd(year, month), "month"


def _day_in_words(match, shape, pub_year, pub_month):
    g = match.group
    month = _month_number(g("wdm_m"))
    year = int(g("wdm_y")) if g("wdm_y") else pub_year
    unit = next(v for stem, v in _RU_ORDINAL_STEMS.items() if re.fullmatch(stem, g("wdm_u").casefold()))
    day = unit + ({"двадцать": 20, "тридцать": 30}[g("wdm_t").casefold()] if g("wdm_t") else 0)
    if year is None or month is None or not _valid(year, month, day):
        return None
    return _ymd(year, month, day), "date"


def _relative_year(match, shape, pub_year, pub_month):
    if pub_year is None:
        return None
    return _ymd(pub_year if match.group("rel_cur") or match.group("rel_cur2") else pub_year - 1), "year"


def _months_this_year(match, shape, pub_year, pub_month):
    count = _count(match.group("monthsbare_n"))
    if pub_year is None or count is None or not 1 <= count <= 12 or (pub_month and count >= pub_month):
        return None
    return (f"{_ymd(pub_year, 1)}/{_ymd(pub_year, count)}" if count > 1 else _ymd(pub_year, 1)), "period"


def _day_month(match, shape, pub_year, pub_month):
    day, month = int(match.group(f"{shape}_d")), _month_number(match.group(f"{shape}_m"))
    if pub_year is None or month is None or not _valid(pub_year, month, day):
        return None
    return _ymd(pub_year, month, day), "date"


def _month_year(match, shape, pub_year, pub_month):
    month = _month_number(match.group("my_m"))
    return (_ymd(int(match.group("my_y")), month), "month") if month else None


def _year_month(match, shape, pub_year, pub_month):
    month = _month_number(match.group("ym_m"))
    return (_ymd(int(match.group("ym_y")), month), "month") if month else None


def _month(match, shape, pub_year, pub_month):
    month = _month_number(match.group("month_m"))
    year = _year_of(match, shape, pub_year) or pub_year
    if year is None or month is None:
        return None
    return _ymd(year, month), "month"


def _month_range(match, shape, pub_year, pub_month):
    g = match.group
    first, last = _month_number(g(f"{shape}_a")), _month_number(g(f"{shape}_b"))
    year = int(g(f"{shape}_y")) if g(f"{shape}_y") else _year_of(match, shape, pub_year)
    if year is None or first is None or last is None or first > last:
        return None
    return f"{_ymd(year, first)}/{_ymd(year, last)}", "period"


def _first_months(match, shape, pub_year, pub_month):
    count, year = _count(match.group(f"{shape}_n")), _year_of(match, shape, pub_year)
    if year is None or count is None or not 1 <= count <= 12:
        return None
    return (f"{_ymd(year, 1)}/{_ymd(year, count)}" if count > 1 else _ymd(year, 1)), "period"


def _half(match, shape, pub_year, pub_month):
    year = _year_of(match, shape, pub_year)
    return None if year is None else (f"{_ymd(year, 1)}/{_ymd(year, 6)}", "period")


def _quarter(match, shape, pub_year, pub_month):
    g = match.group
    year = _year_of(match, shape, pub_year)
    if year is None:
        return None
    if shape == "qshort":
        quarter = int(g("qshort_q") or g("qshort_n")) if g("qshort_q") or g("qshort_n") else None
        if quarter is None:  # H1
            return f"{_ymd(year, 1)}/{_ymd(year, 6)}", "period"
    else:
        word = g("quarter_q").casefold()
        quarter = _QUARTER.get(word) or _QUARTER.get(word[:4])
        if quarter is None:
            return None
    return f"{_ymd(year, quarter * 3 - 2)}/{_ymd(year, quarter * 3)}", "period"


def _year_range(match, shape, pub_year, pub_month):
    first, last = int(match.group("yrange_a")), int(match.group("yrange_b"))
    return None if first >= last else (f"{first}/{last}", "period")


def _year_to_date(match, shape, pub_year, pub_month):
    if pub_year is None:
        return None
    if pub_month is None or pub_month == 1:
        return _ymd(pub_year), "period"
    return f"{_ymd(pub_year, 1)}/{_ymd(pub_year, pub_month)}", "period"


def _year(match, shape, pub_year, pub_month):
    return match.group("year_y"), "year"


# How each shape of _SHAPES is read: (match, shape, year and month of publication) → (value, kind) or None.
_READINGS = {
    "iso": _full_date, "num": _full_date, "dmy": _full_date, "ydm": _full_date, "mdy": _full_date,
    "drange": _day_range, "mdrange": _day_range, "wdm": _day_in_words, "rel": _relative_year,
    "monthsbare": _months_this_year, "dm": _day_month, "md": _day_month, "my": _month_year, "ym": _year_month, "month": _month,
    "mrange": _month_range, "mbetween": _month_range, "months": _first_months, "ymonths": _first_months,
    "half": _half, "quarter": _quarter, "qshort": _quarter, "yrange": _year_range, "ytd": _year_to_date,
    "year": _year,
}


def find_dates(text: str, lang: str = "en", published: str | None = None) -> list[DateMention]:
    """Every date, month, year and period in ``text``, sorted and not overlapping."""
    # Several record rules ask for the dates of the same document: scan it once.
    return list(_find_dates(text, lang, published))


# Two entries: the document being extracted (and one more), never a pile of old texts.
@lru_cache(maxsize=2)
def _find_dates(text: str, lang: str, published: str | None) -> tuple[DateMention, ...]:
    return tuple(_mentions(text, published))


# The scan is the costly part, and the same whatever the publication date: one per text, read again
# for the publication date it guessed (two entries: this document and one more, as for the dates).
@lru_cache(maxsize=2)
def _matches(text: str) -> tuple[re.Match, ...]:
    """What ``_scanner().finditer(text)`` finds, tried only at the words that may start a date.

    Every date holds an anchor: a digit, a month's name, or one of a few words (month, half, quarter,
    year and their Russian, Kazakh and Uzbek forms), and starts at most ``_ANCHOR_REACH`` words before it
    ("since the beginning of the year": five). Trying the scanner at those words only, in order and
    never inside the last match, finds the same matches as trying it at every word (the scanner reads
    the whole text, so what comes before or after a word counts as before), in a fraction of the time:
    most words of a press release are far from any anchor."""
    scanner, words = _scanner(), [m.start() for m in _WORD_START.finditer(text)]
    starts: set[int] = set()
    for anchor in _anchors(text):
        at = bisect_right(words, anchor.start()) - 1  # the word the anchor is in (or the one before)
        starts.update(words[max(0, at - _ANCHOR_REACH[anchor.lastgroup]) : at + 1])
    found, done = [], 0
    for start in sorted(starts):
        if start >= done and (match := scanner.match(text, start)):
            found.append(match)
            done = match.end()
    return tuple(found)


_WORD_START = re.compile(r"\b\w")


def _month_anchor() -> str:
    """Where a month's name may begin, as the scanner's month pattern reads it: an English or Uzbek
    Latin spelling as a whole word (Uzbek may add a case ending), a Russian, Uzbek Cyrillic or Kazakh
    stem with any ending."""
    whole = "|".join(spelling for spellings in _EN for spelling in spellings.split("|"))
    return (rf"(?:{whole})(?![^\W\d_])|(?:{'|'.join(_UZ_LATIN)}){_UZ_SUFFIX}(?![^\W\d_])|"
            rf"{'|'.join(_CYRILLIC_STEMS + _KAZAKH_STEMS)}")


# Anchors by how many words before them a date may start: "from 20", "first half", "IV quarter"
# (one); "двадцать первого мая" (two); "in the first nine months" (four); "since the beginning of
# the year", "с начала текущего года" (five). The digits of a year, a day or "Q1" are anchors of the
# first kind. The words stand at a word's start in every shape (after a space, a hyphen, or first),
# and a month glued to a day ("28August") is in the day's word.
_ANCHOR_REACH = {"digits": 1, "near": 1, "month_name": 2, "months": 4, "year": 5}
_ANCHOR_PATTERN = (
    r"(?P<digits>\d+)"
    r"|\b(?:(?P<near>half|полугод|quarter|квартал)"
    rf"|(?P<month_name>{_month_anchor()})"
    r"|(?P<months>month|месяц)"
    r"|(?P<year>year|год|yil|йил|жыл|былтыр|биыл))"
)
# Matched in the lower-cased text (kenes.extraction.quick.lowered): without IGNORECASE the scan skips an
# alternative at its first letter, three times faster. A text whose lower case is longer (a dotted İ) is
# read as it is, ignoring case.
_ANCHORS_LOWER = re.compile(_ANCHOR_PATTERN)
_ANCHORS = re.compile(_ANCHOR_PATTERN, re.IGNORECASE)


def _anchors(text: str) -> Iterator[re.Match]:
    lower = lowered(text)  # as IGNORECASE reads it ("ſeptember"), or None when offsets would move
    return _ANCHORS_LOWER.finditer(lower) if lower is not None else _ANCHORS.finditer(text)


def _mentions(text: str, published: str | None) -> Iterator[DateMention]:
    """The dates of ``text`` one by one, in order, read for ``published``."""
    pub_year, pub_month = _published_parts(published)
    for match in _matches(text):
        shape = match.lastgroup
        # ``lastgroup`` names the last group closed: the shape's own wrapper group.
        if shape is None or shape not in dict(_SHAPES):
            shape = next(name for name, _ in _SHAPES if match.group(name) is not None)
        start, end = match.span()
        if shape == "year":
            before = text[max(0, start - 30):start]
            after = text[end:end + 12]
            has_word = match.end("year_y") != end or _YEAR_WORD_AFTER.match(after)
            if not has_word and (
                _NOT_A_YEAR_AFTER.match(after) or not _YEAR_CONTEXT_BEFORE.search(before)
            ):
                continue
        interpreted = _interpret(match, shape, pub_year, pub_month)
        if interpreted is None:
            continue
        value, kind = interpreted
        if shape == "month":
            # The preposition is not part of the date; "by"/"до" make it a deadline below.
            start = match.start("month_m")
        if kind in {"date", "month", "year"}:
            before = text[max(0, start - 30):start]
            if _DEADLINE_BEFORE.search(before) or _DEADLINE_AFTER.search(match.group()):
                kind = "deadline"
        yield DateMention(start, end, value, kind)


def guess_published(text: str, lang: str = "en") -> str | None:
    """The document's own date: the first full date near the top (a dateline), else None."""
    # The dates of the first 600 characters, read from the scan of the whole text, which the
    # other steps read again.
    for mention in _mentions(text, None):
        if mention.start >= 600:
            break
        if mention.kind == "date" and len(mention.value) == 10:
            try:
                datetime.date.fromisoformat(mention.value)
            except ValueError:
                continue
            return mention.value
    return None
