"""Dates and periods: ISO partial values, periods, deadlines, four languages."""

from __future__ import annotations

import pytest

from kenes.extraction.dates import find_dates, guess_published
from kenes.extraction.pipeline import extract


def _all(text: str, lang: str = "en", published: str | None = None):
    return [(text[d.start:d.end], d.value, d.kind) for d in find_dates(text, lang, published)]


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("en", "The forum opened on 14 March 2023.", None, [("14 March 2023", "2023-03-14", "date")]),
        ("en", "It met on March 14, 2023 in Khiva.", None, [("March 14, 2023", "2023-03-14", "date")]),
        ("en", "They spoke on 3 June.", "2022-07-01", [("3 June", "2022-06-03", "date")]),
        ("en", "They spoke on Sept. 9.", "2021-10-10", [("Sept. 9", "2021-09-09", "date")]),
        ("en", "Trade grew in 2021.", None, [("2021", "2021", "year")]),
        ("en", "in February–October 2022", None,
         [("February–October 2022", "2022-02/2022-10", "period")]),
        ("en", "over 7 months of 2020", None, [("7 months of 2020", "2020-01/2020-07", "period")]),
        ("en", "in the first three months of 2018", None,
         [("three months of 2018", "2018-01/2018-03", "period")]),
        ("en", "in the first quarter of 2024", None,
         [("first quarter of 2024", "2024-01/2024-03", "period")]),
        ("en", "trade grew by 50 percent in 1Q2018", None, [("1Q2018", "2018-01/2018-03", "period")]),
        ("en", "in Q3 2024", None, [("Q3 2024", "2024-07/2024-09", "period")]),
        ("en", "to be finished by 2028", None, [("2028", "2028", "deadline")]),
        ("en", "by November 2026", None, [("November 2026", "2026-11", "deadline")]),
        ("en", "the Programme 2024–2034", None, [("2024–2034", "2024/2034", "period")]),
        ("en", "since the beginning of the year", "2023-06-15",
         [("since the beginning of the year", "2023-01/2023-06", "period")]),
        ("ru", "Встреча прошла 5 марта 2024 года.", None,
         [("5 марта 2024 года", "2024-03-05", "date")]),
        ("ru", "Визит состоялся в октябре.", "2023-12-01", [("октябре", "2023-10", "month")]),
        ("ru", "в 2019 году", None, [("2019 году", "2019", "year")]),
        ("ru", "к 2027 году", None, [("2027 году", "2027", "deadline")]),
        ("ru", "до 2035 года", None, [("2035 года", "2035", "deadline")]),
        ("ru", "за пять месяцев 2021 года", None,
         [("пять месяцев 2021 года", "2021-01/2021-05", "period")]),
        ("ru", "в январе-мае 2021 года", None,
         [("январе-мае 2021 года", "2021-01/2021-05", "period")]),
        ("ru", "с начала года", "2024-09-30", [("с начала года", "2024-01/2024-09", "period")]),
        ("ru", "подписан 07.11.2022", None, [("07.11.2022", "2022-11-07", "date")]),
        ("kk", "2023 жылғы 12 қыркүйек", None, [("2023 жылғы 12 қыркүйек", "2023-09-12", "date")]),
        ("kk", "5 тамызда", "2024-01-01", [("5 тамызда", "2024-08-05", "date")]),
        ("uz", "12 avgust 2023-yil", None, [("12 avgust 2023-yil", "2023-08-12", "date")]),
        ("uz", "2023-yil 12-avgust", None, [("2023-yil 12-avgust", "2023-08-12", "date")]),
        ("uz", "2030-yilgacha", None, [("2030-yilgacha", "2030", "deadline")]),
        ("uz", "5 сентябрда", "2022-01-01", [("5 сентябрда", "2022-09-05", "date")]),
        # Kazakh and Uzbek years counted from publication, and months of a year written year first
        ("kk", "Былтыр тауар айналымы өсті.", "2024-05-10", [("Былтыр", "2023", "year")]),
        ("kk", "биыл экспорт артты", "2024-05-10", [("биыл", "2024", "year")]),
        ("uz", "O‘tgan yili savdo o‘sdi.", "2024-05-10", [("O‘tgan yili", "2023", "year")]),
        ("uz", "joriy yilda eksport oshdi", "2024-05-10", [("joriy yilda", "2024", "year")]),
        ("kk", "ағымдағы жылдың 4 айында", "2024-05-10",
         [("ағымдағы жылдың 4 айында", "2024-01/2024-04", "period")]),
        ("kk", "2023 жылдың алғашқы 6 айында", None, [("2023 жылдың алғашқы 6 айында", "2023-01/2023-06", "period")]),
        ("uz", "2022 yilning 9 oyida", None, [("2022 yilning 9 oyida", "2022-01/2022-09", "period")]),
        ("uz", "o‘tgan yilning 3 oyida", "2024-05-10", [("o‘tgan yilning 3 oyida", "2023-01/2023-03", "period")]),
    ],
)
def test_it_reads_dates_and_periods(lang, text, published, expected):
    assert _all(text, lang, published) == expected


def test_it_drops_a_date_without_a_year_when_the_publication_date_is_unknown():
    # The contract has no "--MM-DD": without a year the date cannot be written down.
    assert _all("They spoke on 3 June.") == []
    assert _all("в октябре", "ru") == []


@pytest.mark.parametrize(
    "text",
    ["31 February 2024", "30.02.2023", "32.01.2020", "$10 billion", "2000 tonnes of wheat",
     "it may 5 times", "на маяке", "Su-2024"],
)
def test_it_refuses_impossible_dates_and_non_dates(text):
    assert find_dates(text, "ru" if any("а" <= c <= "я" for c in text) else "en") == []


def test_it_guesses_the_publication_date_from_the_top_of_the_document():
    text = "Tashkent, 3 April 2022\n\nThe ministers met. In 2019 trade was lower."
    assert guess_published(text) == "2022-04-03"
    assert guess_published("No date here at all.") is None
    assert guess_published("x " * 400 + "on 3 April 2022") is None


def test_it_returns_sorted_spans_inside_the_text():
    text = "On 1 May 2020 and by 2030, over 9 months of 2019, in 2024–2026."
    found = find_dates(text)
    assert [d.kind for d in found] == ["date", "deadline", "period", "period"]
    assert all(0 <= a.start < a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Exports grew between March and August 2023, officials said.", None, ["2023-03/2023-08"]),
        ("За восемь месяцев текущего года объём вырос.", "2023-09-30", ["2023-01/2023-08"]),
        ("Over the first quarter of this year trade rose.", "2022-05-02", ["2022-01/2022-03"]),
        ("В первом полугодии прошлого года поставки упали.", "2021-07-01", ["2020-01/2020-06"]),
    ],
)
def test_it_reads_ranges_between_months_and_periods_of_the_current_year(text, published, expected):
    assert [d.value for d in find_dates(text, "en", published)] == expected


def test_it_counts_last_year_and_months_of_last_year_from_publication():
    from kenes.extraction.dates import find_dates

    ru = find_dates("В прошлом году завод выпустил продукцию, а в марте прошлого года начал экспорт.", "ru", "2026-02-10")
    assert [(d.value, d.kind) for d in ru] == [("2025", "year"), ("2025-03", "month")]
    en = find_dates("Output doubled last year and again in June last year.", "en", "2026-02-10")
    assert [d.value for d in en] == ["2025", "2025-06"]
    assert find_dates("В прошлом году.", "ru", None) == []


def test_it_reads_ordinal_day_words_and_day_spans():
    from kenes.extraction.dates import find_dates

    assert [d.value for d in find_dates("Третьего июня прошли переговоры.", "ru", "2025-06-05")] == ["2025-06-03"]
    assert [d.value for d in find_dates("двадцать пятого августа", "ru", "2025-09-01")] == ["2025-08-25"]
    # A meeting over several days is dated by its month.
    assert [d.value for d in find_dates("held on 14-16 March 2025", "en")] == ["2025-03"]
    assert [d.value for d in find_dates("С 3 по 5 июля в Бишкеке", "ru", "2025-06-01")] == ["2025-07"]
    assert [d.value for d in find_dates("on April 8-9, 2025", "en")] == ["2025-04"]
    assert find_dates("С 3 по 5 июля", "ru", None) == []


def test_it_dates_months_so_far_by_the_year_of_publication():
    from kenes.extraction.dates import find_dates

    assert [d.value for d in find_dates("за восемь месяцев экспорт вырос", "ru", "2025-09-12")] == ["2025-01/2025-08"]
    assert [d.value for d in find_dates("in the first six months", "en", "2025-08-01")] == ["2025-01/2025-06"]


# The scanner checks each shape's first character before its body (dates._FIRST): the check must let
# through every character a shape can start with, or the scan would miss dates.
def _first_characters(items) -> tuple[set, bool]:
    """(characters a parsed regular expression can start with, whether it can match the empty string);
    "\\d" stands for any digit, "ANY" for any character. Lookarounds and anchors take no character."""
    from re import _constants as c

    found: set = set()
    for op, arg in items:
        if op is c.LITERAL:
            return found | {chr(arg)}, False
        if op is c.IN:
            for kind, value in arg:
                if kind is c.LITERAL:
                    found.add(chr(value))
                elif kind is c.RANGE:
                    found |= {chr(x) for x in range(value[0], value[1] + 1)}
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    found.add("\\d")
                else:
                    found.add("ANY")
            return found, False
        if op is c.SUBPATTERN:
            inner, empty = _first_characters(arg[-1])
        elif op is c.BRANCH:
            parts = [_first_characters(branch) for branch in arg[1]]
            inner, empty = set().union(*(x for x, _ in parts)), any(e for _, e in parts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            inner, empty = _first_characters(arg[2])
            empty = empty or arg[0] == 0
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            inner, empty = set(), True
        else:
            inner, empty = {"ANY"}, False
        found |= inner
        if not empty:
            return found, False
    return found, True


def test_each_shapes_first_character_check_lets_through_all_it_can_start_with():
    import re
    from re import _parser

    from kenes.extraction import dates

    for name, body in dates._SHAPES:
        first, empty = _first_characters(_parser.parse(body, re.IGNORECASE))
        assert not empty and "ANY" not in first, name
        allowed = re.compile(f"[{dates._FIRST[name]}]", re.IGNORECASE)
        for character in first:
            if character == "\\d":
                assert "\\d" in dates._FIRST[name], name
            else:
                assert allowed.fullmatch(character), (name, character)


def _scan(pattern, text):
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


def test_the_first_character_checks_change_no_match_in_the_sample_texts():
    import re
    from pathlib import Path

    from kenes.extraction import dates

    plain = re.compile(rf"\b(?:{dates._shapes_pattern(first_characters=False)})", re.IGNORECASE)
    for path in sorted(Path(__file__).parent.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _scan(dates._scanner(), text) == _scan(plain, text), path.name


def test_trying_the_scanner_only_near_anchors_finds_what_a_full_scan_finds():
    """dates._matches tries the scanner only at words near a digit, a month's name or a word such as
    "year": over the sample texts, the dev corpus and a mash of every shape, it finds the same matches."""
    import random
    from pathlib import Path

    from kenes.extraction import dates

    pieces = ["since the beginning of the year", "с начала нынешнего года", "in the first eleven months", "за первые "
              "девять месяцев", "during the previous year", "в прошлом году", "двадцать первого мая 2025 года",
              "between April and September 2025", "mid-August", "в середине октября", "Q1 2024", "H1 2025",
              "from 20-21 May 2025", "с 22 по 24 октября", "first half of the current year", "IV квартал 2023 года",
              "2024 жылғы 28 тамыз", "28-avgust 2024-yil", "yil boshidan", "жыл басынан", "year-to-date",
              "January–November 2023", "Aug. 28, 2024", "2024–2034", "28.08.2024", "2024-08-28", "the",
              "ministers", "and", "of", "in", "year", "May", "may", "7", "tonnes", ",", ".", "\n", "  ", "SINCE THE START OF THIS YEAR",
              "В ПРОШЛОМ ГОДУ", "in ıyun 2025", "ſeptember 2024", "ᲃ 22 по 24 октября"]  # letters IGNORECASE folds
    rng = random.Random(5)
    texts = [" ".join(rng.choice(pieces) for _ in range(400)) for _ in range(20)]
    texts.append("İstanbul, " + texts[0])  # lower case one letter longer: read ignoring case instead
    root = Path(__file__).resolve().parents[2]
    texts += [path.read_text(encoding="utf-8") for path in sorted(Path(__file__).parent.rglob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((root.parent / "shared/corpus/dev").glob("*.txt"))]
    assert len(texts) > 40
    for text in texts:
        dates._matches.cache_clear()
        found = [(m.span(), m.lastgroup, m.groupdict()) for m in dates._matches(text)]
        assert found == _scan(dates._scanner(), text), text[:80]


@pytest.mark.parametrize("text, lang", [
    ("Йилнинг ўтган даври мобайнида товар айирбошлаш 4 миллиард долларни ташкил этди.", "uz"),
    ("Yilning o'tgan davrida tovar ayirboshlash 4 milliard dollarni tashkil etdi.", "uz"),
    ("За прошедший период текущего года товарооборот составил 4 млрд долларов.", "ru"),
    ("Trade has reached $4 billion so far this year.", "en"),
])
def test_the_part_of_the_year_gone_by_is_the_period_of_a_figure(text, lang):
    figures = extract(text, lang=lang, published="2025-11-15").figures
    assert [(f.value, f.period) for f in figures] == [("4000000000", "2025-01/2025-11")]


def test_a_day_range_written_with_to_keeps_its_month_and_year():
    found = find_dates("The commission meets in Astana from March 10 to 13, 2019.", "en", None)
    assert [d.value for d in found] == ["2019-03"]
