"""Targets with deadlines and figures with periods, as exact decimals."""

import pytest

from kenes.extraction.pipeline import extract


def test_it_tells_a_target_from_a_figure():
    text = "Trade reached $2.1 billion in 2023. The sides aim to increase trade to $5 billion by 2030."
    result = extract(text, lang="en")
    assert [(f.value, f.unit, f.period) for f in result.figures] == [("2100000000", "USD", "2023")]
    assert [(t.value, t.deadline) for t in result.targets] == [("5000000000", "2030")]


def test_it_reads_russian_targets_and_periods():
    text = "За 2024 год товарооборот составил 185,1 млрд тенге. Стороны намерены увеличить его до 300 млрд тенге."
    result = extract(text, lang="ru")
    assert [(f.value, f.unit, f.period) for f in result.figures] == [("185100000000", "KZT", "2024")]
    assert [t.value for t in result.targets] == ["300000000000"]


def test_it_reads_targets_in_units_other_than_money():
    text = ("Plans are in place to plant orchards on 8,000 hectares in the valley by 2029. "
            "Министры ставят цель увеличить число паломников до 2 млн человек к 2027 году.")
    result = extract(text, lang="en")
    assert ("8000", "2029") in [(t.value, t.deadline) for t in result.targets]
    ru = extract(text.split(". ")[1], lang="ru")
    assert [(t.value, t.unit, t.deadline) for t in ru.targets] == [("2000000", "people", "2027")]


def test_it_gives_figures_the_period_of_a_month_range_or_the_current_year():
    text = "ALMATY, July 2, 2023 – Cargo reached 3.3 million tonnes between February and May 2023."
    result = extract(text, lang="en")
    assert [(f.value, f.period) for f in result.figures] == [("3300000", "2023-02/2023-05")]
    ru = extract("Москва, 5 ноября 2022 года. За десять месяцев текущего года страну посетили 1,1 млн граждан Киргизии.",
                 lang="ru")
    assert [(f.value, f.unit, f.period) for f in ru.figures] == [("1100000", "people", "2022-01/2022-10")]


def test_it_reads_the_cost_of_one_project_as_a_project_not_a_figure():
    text = ("The sides discussed the Kyzyl-Zhar highway bypass, estimated at USD 320 million. "
            "Стороны обсудили строительство Нарынской ГЭС стоимостью свыше 400 млн долларов.")
    result = extract(text.split(". ")[0] + ".", lang="en")
    assert result.figures == []
    assert [(p.name, p.value, p.status) for p in result.projects] == [
        ("Kyzyl-Zhar highway bypass", "320000000", "planned")]
    ru = extract(text.split(". ")[1], lang="ru")
    assert ru.figures == []
    assert [(p.name, p.value, p.qualifier) for p in ru.projects] == [("Нарынская ГЭС", "400000000", "more_than")]


def test_it_reads_future_and_expected_quantities_as_targets():
    text = ("The new cement plant will produce 15,000 tonnes a year from 2027 and employ 900 people. "
            "The fair is expected to gather 300 companies.")
    result = extract(text, lang="en")
    assert result.figures == []
    assert sorted((t.value, t.unit) for t in result.targets) == [
        ("15000", "tonnes"), ("300", "companies"), ("900", "people")]
    ru = extract("Ввод завода запланирован на конец 2027 года; будет создано около 700 рабочих мест. "
                 "Мы рассчитываем привлечь не менее 40 млрд тенге инвестиций.", lang="ru")
    assert ru.figures == []
    assert sorted((t.value, t.unit, t.deadline) for t in ru.targets) == [
        ("40000000000", "KZT", None), ("700", "jobs", "2027")]


def test_it_keeps_past_growth_to_a_number_a_figure():
    result = extract("С начала года число совместных предприятий увеличилось до 140.", lang="ru")
    assert [(f.value, f.unit) for f in result.figures] == [("140", "enterprises")]
    assert result.targets == []


def test_it_carries_the_period_of_a_figure_list_into_the_next_sentence():
    text = ("In January–June 2025, trade reached $800 million. Exports came to $500 million, "
            "imports to $300 million.")
    result = extract(text, lang="en")
    assert [(f.value, f.period) for f in result.figures] == [
        ("800000000", "2025-01/2025-06"), ("500000000", "2025-01/2025-06"), ("300000000", "2025-01/2025-06")]


def test_it_gives_each_amount_the_period_that_follows_it_not_a_compared_one():
    text = ("Trade reached USD 2.2 billion in 2023 and USD 610 million in the second quarter of 2024, "
            "up 9.5% on the same period of 2023.")
    result = extract(text, lang="en")
    assert [(f.value, f.period) for f in result.figures] == [
        ("2200000000", "2023"), ("610000000", "2024-04/2024-06"), ("9.5", "2024-04/2024-06")]


def test_it_reports_a_headline_number_once():
    text = "Торговля выросла на 5,5%\n\nАлматы, 2 марта 2025 года. В 2024 году торговля выросла на 5,5%."
    result = extract(text, lang="ru")
    assert [(f.value, f.period) for f in result.figures] == [("5.5", "2024")]


def test_it_counts_projects_written_as_a_number_word():
    result = extract("The fund will finance eight pilot projects on solar pumps worth EUR 3.1 million.", lang="en")
    assert [(p.count, p.value, p.unit, p.status) for p in result.projects] == [(8, "3100000", "EUR", "planned")]


def test_it_finds_named_facilities_that_are_built_or_launched():
    text = ("The ministers agreed to accelerate the construction of the Sarybulak hydropower plant and to launch "
            "the \"Ak-Tilek\" industrial and logistics zone in 2026. Water was released from the Toktogul reservoir.")
    result = extract(text, lang="en")
    assert [(p.name, p.status) for p in result.projects] == [
        ("Sarybulak hydropower plant", "in_progress"), ("Ak-Tilek industrial and logistics zone", "planned")]
    ru = extract("Стороны обсудили строительство Верхненарынской ГЭС и запуск индустриальной зоны «Кайнар».",
                 lang="ru")
    assert [(p.name, p.status) for p in ru.projects] == [
        ("Верхненарынская ГЭС", "planned"), ("индустриальная зона «Кайнар»", "planned")]


def test_it_values_a_named_plant_whose_cost_follows_it():
    result = extract("The sides backed the Zarafshan HPP-2, the cost of which is estimated at $1.2 billion.", lang="en")
    assert [(p.name, p.value) for p in result.projects] == [("Zarafshan HPP-2", "1200000000")]
    assert result.figures == []


def test_it_keeps_a_loan_for_a_known_project_inside_that_project():
    text = ("The sides discussed the construction of the Kulansai hydropower plant. "
            "The bank will provide a loan of USD 300 million for the project.")
    result = extract(text, lang="en")
    assert [p.name for p in result.projects] == ["Kulansai hydropower plant"]
    assert result.figures == [] and result.targets == []


def test_it_counts_places_of_a_quota():
    # The growth word is far from "до": still a target, not a bound.
    result = extract("Стороны обсудили увеличение квоты для киргизских студентов в узбекских технических вузах "
                     "до 300 мест к 2028 году.", lang="ru")
    assert [(t.value, t.unit, t.deadline) for t in result.targets] == [("300", "places", "2028")]


def test_it_gives_aggregate_projects_the_status_of_a_portfolio_or_of_financing():
    result = extract("The fund has already financed 9 projects worth about $20 million. "
                     "The portfolio currently comprises 31 projects worth USD 900 million.", lang="en")
    assert [(p.count, p.status) for p in result.projects] == [(9, "implemented"), (31, "pipeline")]


def test_it_gives_a_named_plant_the_cost_its_next_sentence_quotes():
    text = ("Началось строительство Сарыджазской ГЭС. Проект реализуется совместно, его стоимость оценивается "
            "в 1,1 млрд долларов. В прошлом году стороны запустили индустриальную зону «Ала-Тоо».")
    result = extract(text, lang="ru")
    assert [(p.name, p.value, p.status) for p in result.projects] == [
        ("Сарыджазская ГЭС", "1100000000", "in_progress"), ("индустриальная зона «Ала-Тоо»", None, "implemented")]


@pytest.mark.parametrize("text, lang", [
    ("Стороны обсудили строительство Вахшской ГЭС-2 на реке Вахш. Стоимость проекта оценивается в $2 млрд.", "ru"),
    ("The sides discussed the construction of the Vakhsh HPP-2. The cost of the project is estimated at $2 billion.",
     "en"),
])
def test_the_cost_of_the_project_is_the_value_of_the_plant_named_before(text, lang):
    result = extract(text, lang=lang)
    assert [(p.value, p.unit) for p in result.projects] == [("2000000000", "USD")]
    assert "ГЭС-2" in (result.projects[0].name or "") or "HPP-2" in (result.projects[0].name or "")


def test_it_pairs_a_project_count_with_its_value_across_a_long_description():
    result = extract("Инвесторы профинансировали восемь совместных проектов в сфере переработки сельскохозяйственной "
                     "продукции на общую сумму 64 млн долларов.", lang="ru")
    assert [(p.count, p.value, p.status) for p in result.projects] == [(8, "64000000", "implemented")]


def test_it_carries_a_period_into_the_next_paragraph_of_a_statistics_release():
    text = "In January–June 2025, trade reached $800 million.\n\nExports amounted to $500 million."
    result = extract(text, lang="en")
    assert [f.period for f in result.figures] == ["2025-01/2025-06", "2025-01/2025-06"]


def test_it_values_a_facility_worth_an_amount_and_counts_trucks():
    text = ("The company will build a cement plant worth $300 million. "
            "In the first half of 2025 the border post processed 45,200 trucks.")
    out = extract(text)
    assert any(p.value == "300000000" for p in out.projects)
    assert any(f.value == "45200" and f.unit == "trucks" for f in out.figures)


def test_an_amount_reached_in_a_year_before_publication_is_a_figure_not_a_target():
    text = ("Turnover between the two countries went on to reach 3.2 billion dollars in 2021. "
            "The ministers agreed to bring it to 6 billion dollars by 2030.")
    result = extract(text, lang="en", published="2022-02-01")
    assert [(f.value, f.period) for f in result.figures] == [("3200000000", "2021")]
    assert [(t.value, t.deadline) for t in result.targets] == [("6000000000", "2030")]
    # Without a publication date nothing says 2021 is past: read as written.
    assert [t.value for t in extract(text, lang="en").targets] == ["3200000000", "6000000000"]


def test_a_goal_set_for_a_past_year_stays_a_goal():
    text = "In 2021 the presidents set the goal to bring trade to 10 billion dollars in 2022."
    result = extract(text, lang="en", published="2023-03-01")
    assert [t.value for t in result.targets] == ["10000000000"] and result.figures == []


def test_what_growth_came_to_is_a_figure_and_an_aim_to_reach_stays_a_target():
    result = extract("Last year, trade turnover between the two countries increased by 26% compared to the previous "
                     "year, reaching $1.6 billion. The sides aim at reaching $5 billion.", lang="en")
    assert [t.value for t in result.targets] == ["5000000000"]
    assert "1600000000" in [f.value for f in result.figures]


def test_a_goal_said_again_is_one_target_and_the_one_with_its_deadline_wins():
    text = ("Kyrgyzstan and Kazakhstan plan to raise mutual trade to $3 billion.\n\n"
            "The prime ministers agreed to raise mutual trade to $3 billion by 2030. "
            "The ministers said new routes are needed to raise trade turnover to $3 billion.")
    targets = extract(text, lang="en").targets
    assert [(t.value, t.unit, t.deadline) for t in targets] == [("3000000000", "USD", "2030")]


def test_a_figure_reported_by_the_end_of_a_year_is_for_that_year():
    text = "By the end of 2024, cargo carried by road between the two states totaled 12.6 million tons."
    [figure] = extract(text, lang="en").figures
    assert (figure.value, figure.unit, figure.period) == ("12600000", "tonnes", "2024")


@pytest.mark.parametrize("text, lang, names", [
    ("Several large road projects are planned. Among them are the Shymkent ring road, a bridge over the Syr Darya "
     "and the upgrade of Saryagash station.", "en",
     ["Shymkent ring road", "bridge over the Syr Darya", "upgrade of Saryagash station"]),
    ("Стороны реализуют ряд совместных проектов. Среди них – логистический центр в Термезе и модернизация "
     "погранперехода «Атамекен».", "ru", ["логистический центр в Термезе", "модернизация погранперехода «Атамекен»"]),
])
def test_a_list_after_among_them_names_the_projects_of_the_sentence_before(text, lang, names):
    assert [p.name for p in extract(text, lang=lang).projects] == names


def test_a_list_after_among_them_is_no_project_when_the_sentence_before_speaks_of_none():
    text = "The delegation met several ministers. Among them are the ministers of energy and of transport."
    assert extract(text, lang="en").projects == []


def test_an_amount_reached_in_the_first_months_of_the_year_is_a_figure():
    result = extract("The sides noted a positive dynamic, with trade reaching $2.5 billion in the first eight months "
                     "of the year.", lang="en")
    assert [(f.value, f.unit) for f in result.figures] == [("2500000000", "USD")]
    assert result.targets == []


def test_a_count_of_projects_takes_the_total_amount_given_after_it():
    result = extract("Nine joint projects are being implemented for a total amount of about $1.8 billion.", lang="en")
    assert [(p.count, p.value, p.qualifier) for p in result.projects] == [(9, "1800000000", "approximately")]
    assert result.measures == []


def test_a_milestone_set_is_a_target_and_one_surpassed_is_a_figure():
    result = extract("Рубеж в 10 млрд долларов поставлен главами государств. В прошлом году товарооборот преодолел "
                     "рубеж в 4 млрд долларов.", lang="ru")
    assert [t.value for t in result.targets] == ["10000000000"]
    assert [f.value for f in result.figures] == ["4000000000"]


def test_an_amount_that_is_due_is_a_target():
    result = extract("К маю 2026 года Таджикистан должен получить 2 миллиарда кубометров воды.", lang="ru")
    assert [(t.value, t.unit, t.deadline) for t in result.targets] == [("2000000000", "cubic metres", "2026-05")]
    assert result.figures == []
