"""Money and quantities: exact values, ISO currencies, qualifiers, and what is not a quantity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kenes.extraction.money import find_quantities, format_decimal


def _one(text: str, lang: str = "en"):
    found = find_quantities(text, lang)
    assert len(found) == 1, found
    q = found[0]
    return text[q.start:q.end], format_decimal(q.value), q.unit, q.qualifier


@pytest.mark.parametrize(
    ("lang", "text", "evidence", "value", "unit", "qualifier"),
    [
        ("en", "Exports hit $12 billion last year.", "$12 billion", "12000000000", "USD", None),
        ("en", "a deal of USD 2.7 bln was signed", "USD 2.7 bln", "2700000000", "USD", None),
        ("en", "loans of US$ 3.25 million", "US$ 3.25 million", "3250000", "USD", None),
        ("en", "a $2.5bn plant", "$2.5bn", "2500000000", "USD", None),
        ("en", "investment of $7m", "$7m", "7000000", "USD", None),
        ("en", "more than 6 billion dollars", "more than 6 billion dollars", "6000000000", "USD", "more_than"),
        ("en", "approximately $3 billion", "approximately $3 billion", "3000000000", "USD", "approximately"),
        ("en", "about 40 million euros", "about 40 million euros", "40000000", "EUR", "approximately"),
        ("en", "nearly $900 million", "nearly $900 million", "900000000", "USD", "approximately"),
        ("en", "orders worth over $12.5 million", "over $12.5 million", "12500000", "USD", "more_than"),
        ("en", "at least 15 joint ventures", "at least 15 joint ventures", "15", "joint ventures", "at_least"),
        ("en", "grants of up to $50,000 each", "up to $50,000", "50000", "USD", "up_to"),
        ("en", "2 trillion soums", "2 trillion soums", "2000000000000", "UZS", None),
        ("en", "1,250,000 tonnes of grain", "1,250,000 tonnes", "1250000", "tonnes", None),
        ("en", "exports rose 12.4% in value", "12.4%", "12.4", "percent", None),
        ("en", "grew almost 3 times", "almost 3 times", "3", "times", "approximately"),
        ("en", "more than 35 enterprises opened", "more than 35 enterprises", "35", "enterprises", "more_than"),
        ("en", "signed 18 joint investment agreements", "18 joint investment agreements", "18", "agreements", None),
        ("ru", "достиг 7 млрд долларов", "7 млрд долларов", "7000000000", "USD", None),
        ("ru", "выделено 250,5 млрд тенге", "250,5 млрд тенге", "250500000000", "KZT", None),
        ("ru", "составил 3,2 млрд долл. США.", "3,2 млрд долл. США", "3200000000", "USD", None),
        ("ru", "свыше 2,5 млрд долларов", "свыше 2,5 млрд долларов", "2500000000", "USD", "more_than"),
        ("ru", "более 300 предприятий", "более 300 предприятий", "300", "enterprises", "more_than"),
        ("ru", "около 45 млн долларов", "около 45 млн долларов", "45000000", "USD", "approximately"),
        ("ru", "порядка 2 млрд долларов", "порядка 2 млрд долларов", "2000000000", "USD", "approximately"),
        ("ru", "не менее 10 процентов", "не менее 10 процентов", "10", "percent", "at_least"),
        ("ru", "вырос на 14,6 процента", "14,6 процента", "14.6", "percent", None),
        ("ru", "увеличился почти в 1,5 раза", "почти в 1,5 раза", "1.5", "times", "approximately"),
        ("ru", "в 3,5 раза больше", "3,5 раза", "3.5", "times", None),
        ("ru", "1 200 000 тонн зерна", "1 200 000 тонн", "1200000", "tonnes", None),
        ("ru", "2 000 млн долларов", "2 000 млн долларов", "2000000000", "USD", None),
        ("ru", "на 800 млн сумов", "800 млн сумов", "800000000", "UZS", None),
        ("kk", "5 млрд теңге бөлінді", "5 млрд теңге", "5000000000", "KZT", None),
        ("kk", "200-ден астам кәсіпорын", "200-ден астам кәсіпорын", "200", "enterprises", "more_than"),
        ("uz", "savdo 3 mlrd dollarga yetdi", "3 mlrd dollarga", "3000000000", "USD", None),
        ("uz", "150 dan ortiq korxona", "150 dan ortiq korxona", "150", "enterprises", "more_than"),
    ],
)
def test_it_reads_an_amount_as_an_exact_value_with_unit_and_qualifier(
    lang, text, evidence, value, unit, qualifier
):
    assert _one(text, lang) == (evidence, value, unit, qualifier)


def test_it_does_not_take_up_to_after_a_word_of_growth_for_a_bound():
    # "raise trade up to $8 billion" names a target; "до" after "довести" too.
    assert _one("to raise trade up to $8 billion")[3] is None
    assert _one("довести товарооборот до $8 млрд", "ru")[3] is None
    assert _one("costs may grow by up to 4%")[3] == "up_to"


def test_it_shares_one_currency_across_a_range():
    found = find_quantities("to lift trade up to 7 billion and then 12 billion US dollars")
    assert [(format_decimal(q.value), q.unit) for q in found] == [
        ("7000000000", "USD"), ("12000000000", "USD"),
    ]
    found = find_quantities("an estimated 2–4 billion dollars")
    assert [format_decimal(q.value) for q in found] == ["2000000000", "4000000000"]


def test_it_carries_a_count_into_an_of_which_phrase():
    text = "в регионе работают более 900 предприятий, из них свыше 250 совместных."
    found = find_quantities(text, "ru")
    assert [(format_decimal(q.value), q.unit, q.qualifier) for q in found] == [
        ("900", "enterprises", "more_than"), ("250", "enterprises", "more_than"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "in 2023 trade grew",
        "the programme for 2024–2034",
        "signed on 12.05.2023",
        "the 3rd meeting and the 18th session",
        "COVID-19 and Su-35",
        "в 2022 году",
        "Article 5 of the treaty",
        "at 10:30 the talks began",
        "in 2021 projects were few",
    ],
)
def test_it_does_not_mistake_years_dates_and_ordinals_for_quantities(text):
    assert find_quantities(text) == []


def test_it_reads_english_thousands_and_russian_decimal_commas():
    assert _one("1,300 enterprises")[1] == "1300"
    assert _one("1,3 млн долларов", "ru")[1] == "1300000"
    assert _one("1.300.000 tonnes", "ru")[1] == "1300000"


def test_it_keeps_the_number_span_apart_from_the_qualifier():
    text = "worth more than $3 billion in total"
    (q,) = find_quantities(text)
    assert text[q.start:q.end] == "more than $3 billion"
    assert text[q.number_start:q.number_end] == "$3 billion"
    assert q.is_money


def test_it_returns_sorted_non_overlapping_quantities():
    text = "12 joint projects worth $156 million and 21 projects worth about $1 billion"
    found = find_quantities(text)
    assert [q.unit for q in found] == ["projects", "USD", "projects", "USD"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1E+10"), "10000000000"),
        (Decimal("17.80"), "17.8"),
        (Decimal("1500000000.0"), "1500000000"),
        (Decimal("0"), "0"),
        (Decimal("0.05"), "0.05"),
    ],
)
def test_it_formats_decimals_as_the_contract_says(value, expected):
    assert format_decimal(value) == expected


@pytest.mark.parametrize(
    ("text", "lang", "value", "unit"),
    [
        ("orchards on 12,500 hectares were replanted", "en", "12500", "hectares"),
        ("generation reached 2.4 billion kWh", "en", "2400000000", "kwh"),
        ("в программе участвуют 18 казахских ИТ-компаний", "ru", "18", "companies"),
        ("клиники приняли 1,7 тыс. пациентов и 4,2 млн граждан", "ru", "4200000", "people"),
        ("to bring the number of visiting scholars at the academy to 700", "en", "700", "scholars"),
    ],
)
def test_it_reads_units_counted_nouns_and_numbers_of_things(text, lang, value, unit):
    found = [(format_decimal(q.value), q.unit) for q in find_quantities(text, lang)]
    assert (value, unit) in found


def test_it_does_not_read_a_year_as_the_first_number_of_a_range():
    from kenes.extraction.money import find_quantities

    found = find_quantities("Exports reached $2.5 billion in 2023 and $700 million in the first half of 2024.")
    assert [(str(q.value), q.unit) for q in found] == [("2500000000.0", "USD"), ("700000000", "USD")]
    found = find_quantities("Exports grew by 12 percent in 2022 to 2.4 billion kWh.")
    assert [q.unit for q in found] == ["percent", "kwh"]


def test_it_counts_with_number_words_in_any_case():
    from kenes.extraction.money import find_quantities

    found = find_quantities("The bank will finance seven joint projects.")
    assert [(str(q.value), q.unit) for q in found] == [("7", "projects")]
    found = find_quantities("при участии пятнадцати предприятий и двух компаний", "ru")
    assert [(str(q.value), q.unit) for q in found] == [("15", "enterprises"), ("2", "companies")]
    assert find_quantities("one of the projects; five percent") == []


@pytest.mark.parametrize(
    ("lang", "text", "evidence", "value"),
    [
        ("en", "trade reached two billion dollars last year", "two billion dollars", "2000000000"),
        ("en", "a fund of about five hundred million", None, None),  # no currency: no amount
        ("ru", "достиг пяти миллиардов долларов", "пяти миллиардов долларов", "5000000000"),
        ("kk", "тауар айналымы бес миллиард долларға жетті", "бес миллиард долларға", "5000000000"),
        ("uz", "savdo hajmi o‘n milliard dollarga yetdi", "o‘n milliard dollarga", "10000000000"),
        ("uz", "савдо ҳажми беш миллиард долларга етди", "беш миллиард долларга", "5000000000"),
    ],
)
def test_it_reads_an_amount_written_in_words(lang, text, evidence, value):
    found = [(text[q.start:q.end], format_decimal(q.value)) for q in find_quantities(text, lang) if q.unit == "USD"]
    assert found == ([(evidence, value)] if evidence else [])


def test_one_in_words_counts_nothing_in_kazakh_and_uzbek():
    """"бір жоба", "bir loyiha" is "a project": no count of one."""
    assert find_quantities("Тараптар бір жоба туралы келісті.", "kk") == []
    assert find_quantities("Tomonlar bir loyiha haqida kelishib oldi.", "uz") == []


def test_an_amount_with_two_multipliers_is_their_sum():
    from kenes.extraction.money import find_quantities

    [q] = find_quantities("Товарооборот составил 1 млрд 200 млн долларов.", "ru")
    assert (str(q.value), q.unit) == ("1200000000", "USD")
    # Two amounts side by side with a word between them stay two.
    assert len(find_quantities("from $1 billion to $200 million", "en")) == 2


@pytest.mark.parametrize("text, lang, expected", [
    ("zarur sarmoyalar taxminan 12 milliard tengeni tashkil etadi", "uz", ("12000000000", "KZT")),
    ("loyiha qiymati 300 milliard so‘mga yetdi", "uz", ("300000000000", "UZS")),
    ("жобаға 4 млрд теңгеге дейін бөлінеді", "kk", ("4000000000", "KZT")),
    ("hududning maydoni 40 gektarni tashkil etadi", "uz", ("40", "hectares")),
])
def test_kazakh_and_uzbek_currencies_and_areas_are_read_in_any_case(text, lang, expected):
    assert [(format_decimal(q.value), q.unit) for q in find_quantities(text, lang)] == [expected]
