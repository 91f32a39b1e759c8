"""People with their titles, in English and Russian, from examples written for these tests."""

import pytest

from kenes.extraction.pipeline import extract


def _people(text, lang):
    return {p.name: p for p in extract(text, lang=lang).people}


def test_it_reads_title_and_organisation_from_an_apposition():
    text = ("The Director of the Institute for Regional Studies under the Government of Kyrgyzstan, "
            "Almaz Sultanov, opened the session. Sultanov thanked the guests.")
    people = _people(text, "en")
    assert list(people) == ["Almaz Sultanov"]
    role = people["Almaz Sultanov"].roles[0]
    assert role.title == "Director"
    assert role.organization.startswith("Institute for Regional Studies")
    assert len(people["Almaz Sultanov"].spans) == 2  # the surname alone is the same person


def test_it_keeps_a_portfolio_in_the_title_and_finds_the_country():
    text = "Uzbek Minister of Energy Jurabek Mirzamakhmudov met Minister Saidov in Tashkent."
    person = _people(text, "en")["Jurabek Mirzamakhmudov"]
    assert person.roles[0].title == "Minister of Energy"
    assert person.country == "UZ"


def test_it_gives_two_titles_to_one_person():
    text = "Kazakhstan’s Deputy Prime Minister and Minister of Finance, Serik Zhumangarin, spoke first."
    titles = [r.title for r in _people(text, "en")["Serik Zhumangarin"].roles]
    assert titles == ["Deputy Prime Minister", "Minister of Finance"]


def test_it_reduces_russian_names_to_the_nominative():
    text = "Состоялась встреча министра энергетики Казахстана Алмасадама Саткалиева и Шавката Мирзиёева."
    people = _people(text, "ru")
    assert "Шавкат Мирзиёев" in people
    assert any(name.endswith("Саткалиев") for name in people)


def test_it_gives_one_title_to_two_named_presidents():
    text = "Президенты Касым-Жомарт Токаев и Шавкат Мирзиёев подписали заявление."
    people = _people(text, "ru")
    assert {r.title for p in people.values() for r in p.roles} == {"президент"}
    assert set(people) == {"Касым-Жомарт Токаев", "Шавкат Мирзиёев"}


def test_it_finds_nobody_in_text_without_people():
    assert extract("Trade grew in the first quarter of the year.", lang="en").people == []


def _roles(person):
    return [(r.title.lower(), r.organization) for r in person.roles]


def test_it_reads_a_russian_region_title_and_its_country():
    text = "На встрече выступили аким Жамбылской области Ержан Кенжебаев и хоким Наманганской области Шавкат Абдуразаков."
    people = _people(text, "ru")
    assert _roles(people["Ержан Кенжебаев"]) == [("аким жамбылской области", None)]
    assert people["Ержан Кенжебаев"].country == "KZ"
    assert people["Шавкат Абдуразаков"].country == "UZ"


def test_it_reads_a_russian_portfolio_with_the_republic_and_an_enumeration():
    text = ("Делегацию возглавил заместитель министра энергетики Республики Таджикистан Далер Шарипов. "
            "Выступил вице-министр науки, культуры и информации Казахстана Ерлан Садыков.")
    people = _people(text, "ru")
    assert _roles(people["Далер Шарипов"]) == [("заместитель министра энергетики", None)]
    assert people["Далер Шарипов"].country == "TJ"
    assert _roles(people["Ерлан Садыков"]) == [("вице-министр науки, культуры и информации", None)]
    assert people["Ерлан Садыков"].country == "KZ"


def test_it_gives_a_russian_title_the_organisation_between_title_and_name():
    text = ("Директор Агентства по развитию экспорта при Министерстве торговли Республики Узбекистан "
            "Лола Хамидова сообщила о планах. Генеральный директор Tech Garden Kazakhstan Арман Бекетов выступил.")
    people = _people(text, "ru")
    assert _roles(people["Лола Хамидова"]) == [
        ("директор", "Агентство по развитию экспорта при Министерстве торговли Республики Узбекистан")]
    assert people["Лола Хамидова"].country == "UZ"
    assert _roles(people["Арман Бекетов"]) == [("генеральный директор", "Tech Garden Kazakhstan")]


def test_it_keeps_the_envoys_own_country_not_the_host():
    text = "Посол Казахстана в Кыргызстане Талгат Жумабаев вручил верительные грамоты."
    person = _people(text, "ru")["Талгат Жумабаев"]
    assert _roles(person) == [("посол", None)]
    assert person.country == "KZ"


def test_it_leaves_nominative_female_and_indeclinable_names_as_written():
    text = "Выступили Зарина Рахматова и Нилуфар Давлатзода. Рахматова поддержала инициативу."
    people = _people(text, "ru")
    assert {"Зарина Рахматова", "Нилуфар Давлатзода"} <= set(people)


def test_it_still_reduces_an_inflected_hyphenated_given_name():
    text = "Встреча Касым-Жомарта Токаева с делегацией прошла в Астане."
    assert "Касым-Жомарт Токаев" in _people(text, "ru")


def test_it_ends_an_english_apposition_before_the_next_person():
    text = ("The talks were led by Arman Dzhaksybekov, Vice Minister of Energy of Kazakhstan, and Otabek "
            "Nazarov, First Deputy Minister of Energy of Uzbekistan.")
    people = _people(text, "en")
    assert _roles(people["Arman Dzhaksybekov"]) == [("vice minister of energy", None)]
    assert people["Arman Dzhaksybekov"].country == "KZ"
    assert _roles(people["Otabek Nazarov"]) == [("first deputy minister of energy", None)]
    assert people["Otabek Nazarov"].country == "UZ"


def test_it_reads_portfolio_unit_and_board_after_an_english_title():
    text = ("Zarina Ismoilova, Vice-Rector for Research at Tajik Technical University, spoke. "
            "Bolat Serikov, head of the legal department of the Ministry of Finance of Kazakhstan, agreed. "
            "Daniyar Kuanyshev, Chairman of the Board of Kazakhtelecom, also attended. "
            "Ravshan Umarov, head of the World Bank country office in Tashkent, said the bank would help.")
    people = _people(text, "en")
    assert _roles(people["Zarina Ismoilova"]) == [("vice-rector for research", "Tajik Technical University")]
    assert _roles(people["Bolat Serikov"]) == [("head of the legal department", "Ministry of Finance of Kazakhstan")]
    assert people["Bolat Serikov"].country == "KZ"
    assert _roles(people["Daniyar Kuanyshev"]) == [("chairman of the board", "Kazakhtelecom")]
    assert _roles(people["Ravshan Umarov"]) == [("head of the country office", "World Bank")]


def test_it_resolves_its_to_the_organisation_named_before():
    text = "Tajik Aluminium Company was represented by its deputy director, Sanjar Rakhimov."
    person = _people(text, "en")["Sanjar Rakhimov"]
    assert person.roles[0].organization == "Tajik Aluminium Company"
    assert person.country == "TJ"


def test_it_names_the_organisation_after_a_descriptor():
    text = "Murat Bekov, Deputy Chairman of the Kyrgyz state power company Electroseti, met the delegation."
    person = _people(text, "en")["Murat Bekov"]
    assert _roles(person) == [("deputy chairman", "Electroseti")]
    assert person.country == "KG"


def test_it_reads_a_city_after_a_region_title_and_a_country_adjective_republic():
    text = ("Выступил заместитель акима города Шымкент Бауыржан Есенов. "
            "Nurbek Toktosunov, Minister of Economy of the Kyrgyz Republic, agreed.")
    ru = _people(text.split(". ")[0], "ru")
    assert _roles(ru["Бауыржан Есенов"]) == [("заместитель акима города шымкент", None)]
    assert ru["Бауыржан Есенов"].country == "KZ"
    en = _people(text.split(". ")[1], "en")
    assert _roles(en["Nurbek Toktosunov"]) == [("minister of economy", None)]
    assert en["Nurbek Toktosunov"].country == "KG"


def test_it_finds_a_name_outside_the_given_name_list_before_a_comma_and_title():
    text = ("The minister spoke by phone with Ilham Gasimli, Deputy Foreign Minister of the Republic of "
            "Azerbaijan, on Monday. Later, Greta Sundqvist, programme director at the Baltic Water Institute, "
            "joined the call.")
    people = _people(text, "en")
    assert people["Ilham Gasimli"].country == "AZ"
    assert people["Ilham Gasimli"].roles[0].organization is None
    assert people["Greta Sundqvist"].roles[0].organization == "Baltic Water Institute"


def test_it_reads_the_title_after_an_honorific_or_a_leading_title():
    text = ("Dr. Bakhyt Omarova, Senior Research Fellow at the Institute of Economics, spoke first. "
            "Professor Rustam Khodjaev, Director of the Institute of Geology of the Academy of Sciences of "
            "Uzbekistan, replied.")
    people = _people(text, "en")
    assert people["Bakhyt Omarova"].roles[0].organization == "Institute of Economics"
    roles = people["Rustam Khodjaev"].roles
    assert any(r.title == "Director" and r.organization.startswith("Institute of Geology") for r in roles)
    assert people["Rustam Khodjaev"].country == "UZ"


def test_it_keeps_a_place_and_a_country_out_of_titles():
    text = ("The moderator, Aibek Tursunov, founder of the Osh-based research platform Steppe Analytics, "
            "thanked Deputy Prime Minister of the Republic of Tajikistan Farrukh Sharifzoda.")
    people = _people(text, "en")
    assert people["Aibek Tursunov"].roles[0].organization == "Steppe Analytics"
    role = people["Farrukh Sharifzoda"].roles[0]
    assert role.title == "Deputy Prime Minister" and people["Farrukh Sharifzoda"].country == "TJ"


def test_it_ends_a_role_organisation_at_a_new_clause():
    text = ("The Kazakh side was led by Askar Zhumabekov, Deputy Chairman of the Cabinet of Ministers of the "
            "Kyrgyz Republic, and the Tajik side by Minister Davlat Rahimov.")
    role = _people(text, "en")["Askar Zhumabekov"].roles[0]
    assert role.organization == "Cabinet of Ministers of the Kyrgyz Republic"


def test_it_reduces_oblique_names_the_dictionary_does_not_know():
    text = ("Состоялась встреча вице-министра энергетики Казахстана Жанар Тулегеновой с министром "
            "промышленности Кыргызстана Азаматом Кулбаевым. Кулбаев поблагодарил Тулегенову.")
    people = _people(text, "ru")
    assert "Жанар Тулегенова" in people
    assert "Азамат Кулбаев" in people
    assert "Кулбаев" in people["Азамат Кулбаев"].aliases
    assert len(people["Жанар Тулегенова"].spans) == 2


def test_it_puts_a_committee_with_an_enumerated_remit_in_the_title():
    text = ("Делегацию возглавил председатель Комитета по аграрным вопросам, природопользованию и развитию "
            "села Марат Жумабеков.")
    role = _people(text, "ru")["Марат Жумабеков"].roles[0]
    assert role.title == "председатель Комитета по аграрным вопросам, природопользованию и развитию села"


def test_it_reads_russian_titles_with_portfolio_acronym_and_deputy_of_any_title():
    text = ("Вчера ректор Самаркандского университета экономики и сервиса (СамУЭС) Тимур Рашидович Алимов и "
            "проректор по научной работе Бишкекского университета транспорта (БУТ) Айжан Маматова подписали "
            "соглашение. Первый заместитель директора Агентства развития Нурбек Исаков и заместитель "
            "генерального директора АО «Казахтелеком» Асель Жанатова выступили с докладами.")
    people = _people(text, "ru")
    assert people["Тимур Рашидович Алимов"].roles[0].title == "ректор"
    assert people["Тимур Рашидович Алимов"].roles[0].organization.startswith("Самаркандский университет")
    assert people["Айжан Маматова"].roles[0].title == "проректор по научной работе"
    assert people["Нурбек Исаков"].roles[0].title == "первый заместитель директора"
    assert people["Асель Жанатова"].roles[0].title == "заместитель генерального директора"


def test_it_reads_a_consul_posted_to_a_city_and_a_head_of_a_department():
    text = ("На встрече присутствовал Генеральный консул Республики Казахстан в Самарканде Ержан Досанов. "
            "Заведующая кафедрой международного права Кыргызско-Турецкого университета «Манас» Гульнара "
            "Осмонова выступила с докладом.")
    people = _people(text, "ru")
    assert people["Ержан Досанов"].roles[0].title.lower().startswith("генеральный консул")
    role = people["Гульнара Осмонова"].roles[0]
    assert role.title.startswith("заведующ") and "кафедрой" in role.title
    assert "Кыргызско-Турецкий" in (role.organization or "")


def test_it_takes_an_acronym_before_a_title_as_the_organisation():
    text = ("The Agency for Export Promotion (AEP) hosted the fair. AEP Deputy Chairman Li Wenbo "
            "presented the programme.")
    role = _people(text, "en")["Li Wenbo"].roles[0]
    assert role.title == "Deputy Chairman"
    assert role.organization == "Agency for Export Promotion"


def test_it_splits_a_title_from_a_company_the_text_names_with_its_legal_form():
    text = ("The line was built by Nordglas GmbH. Anna Berger, Managing Director of Nordglas, said exports "
            "would start in May.")
    role = _people(text, "en")["Anna Berger"].roles[0]
    assert role.title == "Managing Director"
    assert role.organization == "Nordglas GmbH"


def test_namesakes_stay_two_people_however_often_each_is_named():
    text = ("Minister Aidar Bekov met Deputy Minister Nurlan Bekov in Astana. Aidar Bekov proposed a joint fund. "
            "Nurlan Bekov agreed, and Aidar Bekov thanked Nurlan Bekov.\n") * 3
    people = extract(text).people
    assert sorted(p.name for p in people) == ["Aidar Bekov", "Nurlan Bekov"]


def test_a_plural_title_before_two_names_is_each_ones():
    text = "Presidents Shavkat Mirziyoyev and Kassym-Jomart Tokayev held talks in Tashkent."
    people = {p.name: [r.title for r in p.roles] for p in extract(text, lang="en").people}
    assert people == {"Shavkat Mirziyoyev": ["President"], "Kassym-Jomart Tokayev": ["President"]}


def test_an_envoy_posted_to_a_country_is_found_with_the_title():
    for text in ("Ambassador of Uzbekistan to Kazakhstan Saidikram Niyazkhodzhayev also spoke.",
                 "The Ambassador of Uzbekistan to the Republic of Kazakhstan Saidikram Niyazkhodzhayev spoke."):
        people = extract(text, lang="en").people
        assert [(p.name, [r.title for r in p.roles], p.country) for p in people] == [
            ("Saidikram Niyazkhodzhayev", ["Ambassador"], "UZ")]


def test_a_premier_is_a_title():
    people = extract("Talks were held with First Deputy Premier of Kyrgyzstan Daniyar Amangeldiev in Osh.",
                     lang="en").people
    assert [(p.name, p.roles[0].title) for p in people] == [("Daniyar Amangeldiev", "First Deputy Premier")]


@pytest.mark.parametrize("text, lang, expected", [
    ("На саммит прибыли Президент Кыргызстана С.Жапаров и Президент Таджикистана Э. Рахмон.", "ru",
     {("С. Жапаров", "президент"), ("Э. Рахмон", "президент")}),
    ("Palata raisi B.Karimov, Qozog‘istonning elchisi Ye.Sultanov va boshqalar ta’kidladi.", "uz",
     {("B. Karimov", "raisi"), ("Ye. Sultanov", "elchisi")}),
])
def test_a_person_named_by_an_initial_and_a_surname_is_a_person(text, lang, expected):
    """The CIS press names people "С.Жапаров" after the first mention, or only so."""
    people = extract(text, lang=lang).people
    assert {(p.name, p.roles[0].title if p.roles else None) for p in people} == expected


@pytest.mark.parametrize("text, lang", [
    ("Президент С.Жапаров прибыл в Ташкент. Садыр Жапаров отметил рост товарооборота.", "ru"),
    ("Мемлекет басшысы Қ.Тоқаев сөз сөйледі. Қасым-Жомарт Тоқаев атап өтті.", "kk"),
])
def test_the_initialled_form_joins_the_full_name_it_shortens(text, lang):
    [person] = extract(text, lang=lang).people
    assert " " in person.name and "." not in person.name and any("." in a for a in person.aliases)


def test_an_initial_before_a_word_that_is_no_surname_names_nobody():
    assert extract("В г. Ташкенте прошла встреча. Пункт А. Переговоры продолжатся.", lang="ru").people == []


def test_a_capitalised_adjective_after_a_name_is_not_a_third_name():
    people = extract("Принято решение о награждении Президента Кыргызстана Садыра Жапарова Почетным Знаком.",
                     lang="ru").people
    assert [p.name for p in people] == ["Садыр Жапаров"]


def test_a_surname_with_yo_written_as_ye_is_one_person():
    text = ("Қасым-Жомарт Тоқаев Шавкат Мирзиёевке алғыс айтты. "
            "Тоқаев Өзбекстан президенті Шавкат Мирзиеевтің шақыруымен Ташкентке барды.")
    people = extract(text, lang="kk").people
    assert [p.name for p in people if "Мирзи" in p.name] == ["Шавкат Мирзиёев"]
    assert len(people) == 2
