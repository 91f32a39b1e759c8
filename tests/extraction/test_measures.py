"""Measures: triggers, coordination split, stance, proposers, topics."""

import re

import pytest

from kenes.extraction.pipeline import extract


def test_it_splits_coordinated_proposals_and_names_the_proposer():
    text = ("The Rector of the Eurasian University, Aliya Bekova, spoke. "
            "Aliya Bekova proposed opening joint master's programmes and establishing a student exchange fund.")
    measures = extract(text, lang="en").measures
    assert [m.text for m in measures] == ["opening joint master's programmes",
                                          "establishing a student exchange fund"]
    assert all(m.stance == "proposed" and m.proposers == ["Aliya Bekova"] for m in measures)
    assert "education" in measures[0].topics


def test_it_gives_a_passive_suggestion_to_the_last_speaker():
    text = "Director Timur Nazarov presented the report. It was suggested to hold an annual energy dialogue."
    measure = extract(text, lang="en").measures[0]
    assert measure.proposers == ["Timur Nazarov"]
    assert "energy" in measure.topics


def test_it_reads_russian_agreements_with_their_stance():
    text = "Стороны договорились открыть новые авиарейсы и провести форум регионов в 2026 году."
    measures = extract(text, lang="ru").measures
    assert [m.stance for m in measures] == ["agreed", "agreed"]
    assert measures[0].text.startswith("открыть новые авиарейсы")


def test_it_reads_passive_triggers_and_resolves_russian_surnames():
    text = ("A feasibility study for the Naryn cascade is to be drafted by May. "
            "The reconstruction of the Osh bypass was also discussed.")
    result = extract(text, lang="en")
    assert {(m.text, m.stance) for m in result.measures} >= {
        ("A feasibility study for the Naryn cascade", "planned"),
        ("The reconstruction of the Osh bypass", "discussed")}
    ru = extract("В заседании участвовал министр энергетики Бакыт Осмонов. Осмонов предложил создать общий "
                 "диспетчерский центр. Кроме того, обсуждено создание резерва мощностей.", lang="ru")
    by_text = {m.text: (m.stance, m.proposers) for m in ru.measures}
    assert by_text["создать общий диспетчерский центр"] == ("proposed", ["Бакыт Осмонов"])
    assert by_text["создание резерва мощностей"][0] == "discussed"


def test_it_keeps_noun_coordination_in_one_measure_and_drops_the_next_subject():
    text = ("Ibraimov, Minister of Energy, and Saidov, Minister of Trade, met in Osh. Ibraimov proposed harmonising "
            "fees for coal and cement shipments, and Saidov called for opening a joint trading house.")
    result = extract(text, lang="en")
    texts = [m.text for m in result.measures]
    assert "harmonising fees for coal and cement shipments" in texts
    assert "opening a joint trading house" in texts


def test_it_matches_topics_on_whole_words():
    from kenes.extraction.measures import _topics
    assert "energy" not in _topics("перейти на электронные накладные")
    assert "culture" not in _topics("поставки семян кормовых культур")
    assert "agriculture" not in _topics("building a wind farm near Issyk-Kul")
    assert "energy" in _topics("building a wind farm near Issyk-Kul")


def test_it_reads_future_modal_and_indirect_measures():
    text = ("Samruk Energy said it would supply up to 2 million kWh of electricity a month to the region. "
            "The ministers reaffirmed the goal of raising cargo traffic to 12 million tonnes by 2030. "
            "The ministers instructed the agencies concerned to speed up the reconstruction of the Kerki bridge "
            "and to launch a joint customs post before the end of the year. "
            "Special attention was paid to the training of railway engineers and to the digital tracking of "
            "container trains.")
    got = {m.text: m.stance for m in extract(text, lang="en").measures}
    assert got["supply up to 2 million kWh of electricity a month to the region"] == "planned"
    assert got["raising cargo traffic to 12 million tonnes by 2030"] == "agreed"
    assert got["speed up the reconstruction of the Kerki bridge"] == "agreed"
    assert got["launch a joint customs post before the end of the year"] == "agreed"
    assert got["training of railway engineers"] == "discussed"
    assert got["the digital tracking of container trains"] == "discussed"


def test_it_reads_russian_goals_plans_and_meetings_to_come():
    text = ("По словам акима, задача — увеличить число туристических рейсов до 40 в неделю. "
            "Открытие логистического центра в Хоргосе запланировано на весну 2027 года. "
            "Участники обсудят развитие агропромышленных кластеров. "
            "Следующее заседание совета состоится в Самарканде.")
    got = {m.text: m.stance for m in extract(text, lang="ru").measures}
    assert got["увеличить число туристических рейсов до 40 в неделю"] == "proposed"
    assert got["Открытие логистического центра в Хоргосе"] == "planned"
    assert got["развитие агропромышленных кластеров"] == "discussed"
    assert got["Следующее заседание совета"] == "planned"


def test_it_keeps_between_phrases_and_shared_objects_whole():
    text = ("Minister Daniyar Orazov proposed opening regular bus services between Almaty and Karakol. "
            "The sides agreed to build the grain and fruit terminal near the border.")
    en = [m.text for m in extract(text, lang="en").measures]
    assert "opening regular bus services between Almaty and Karakol" in en
    assert "build the grain and fruit terminal near the border" in en
    ru = [m.text for m in extract("Аким предложил организовать авиасообщение между Шымкентом и Ошем.",
                                  lang="ru").measures]
    assert ru == ["организовать авиасообщение между Шымкентом и Ошем"]


def test_it_drops_adjuncts_and_passive_agreements_as_measures():
    text = ("The sides agreed to hold a business council in Osh in May, on the sidelines of the Osh Trade Fair. "
            "The programme of the visit will be agreed through diplomatic channels.")
    got = [m.text for m in extract(text, lang="en").measures]
    assert got == ["hold a business council in Osh in May, on the sidelines of the Osh Trade Fair"]


def test_it_keeps_a_list_set_off_by_dashes_and_compound_dashes_inside_one_action():
    text = ("Beknazarov proposed moving two more border posts – Zhetysu, Aral and Tamdy – to a 24-hour regime. "
            "The ministers reviewed the Transport Roadmap for 2025–2027 and noted that cargo volumes had grown. "
            "The sides agreed to hold the next Kazakh–Turkmen business council in Ashgabat.")
    texts = [m.text for m in extract(text, lang="en").measures]
    assert texts[0] == "moving two more border posts – Zhetysu, Aral and Tamdy – to a 24-hour regime"
    assert texts[1].endswith("Transport Roadmap for 2025–2027")
    assert texts[2] == "hold the next Kazakh–Turkmen business council in Ashgabat"


def test_it_drops_costs_schedules_speech_tags_and_subjects_as_measures():
    text = ("Samruk Energy has completed the upgrade of the Ekibastuz depot, investing KZT 7.2 billion. "
            "The sides agreed to prepare the Caspian Transport Forum, scheduled to take place in Aktau in May. "
            "Mr. Wang proposed holding a Year of Science in 2027; the Kazakh side said it would consider the proposal. "
            "«Наша цель – удвоить число стажировок», – заявил проректор.")
    texts = [m.text for m in extract(text, lang="en").measures]
    assert not any(t.startswith(("investing", "scheduled", "the Kazakh side")) for t in texts)
    ru = [m.text for m in extract("«Наша цель – удвоить число стажировок», – заявил проректор.", lang="ru").measures]
    assert not any("заявил" in t for t in ru)


def test_it_reads_future_offers_and_russian_future_plans():
    en = extract("The Uzbek side will examine the draft roadmap. The bank was ready to open a branch office in "
                 "Almaty. The fund could allocate an additional $30 million to irrigation projects.", lang="en")
    assert [m.stance for m in en.measures] == ["planned", "proposed", "proposed"]
    ru = extract("Кроме того, стороны откроют совместный центр робототехники. "
                 "Профессор выступил за расширение академической мобильности.", lang="ru")
    assert [m.text for m in ru.measures] == ["откроют совместный центр робототехники",
                                             "расширение академической мобильности"]


def test_it_keeps_titles_and_quoted_names_whole_and_skips_the_headline():
    en = ("The ministers discussed the work of the Kazakh-Georgian Commission on Economic, Trade, Scientific and "
          "Cultural Cooperation.")
    assert [m.text for m in extract(en, lang="en").measures] == [
        "the work of the Kazakh-Georgian Commission on Economic, Trade, Scientific and Cultural Cooperation"]
    ru = ("Эксперты обсудили энергетику и воду\n\nАстана, 3 марта 2025 года. Состоялось заседание совета. "
          "Эксперты обсудили работу группы дружбы «Казахстан – Туркменистан». Доклад представил Ерлан Карин.")
    texts = [m.text for m in extract(ru, lang="ru").measures]
    assert texts == ["работу группы дружбы «Казахстан – Туркменистан»"]


def test_it_reads_items_ending_in_semicolons_after_a_cue_with_a_colon():
    text = ("The transport commission met in Dushanbe. To speed up freight, the Tajik side proposed several steps:\n\n"
            "building a second lane at the Oybek crossing;\n\n"
            "introducing electronic queues for lorries;\n\n"
            "expanding cold storage, fruit depots and grain silos.\n\n"
            "Next, the ministers discussed tourism.")
    got = [m.text for m in extract(text, lang="en").measures if m.stance == "proposed"]
    assert got == ["building a second lane at the Oybek crossing", "introducing electronic queues for lorries",
                   "expanding cold storage, fruit depots and grain silos"]


def test_it_reads_what_a_treaty_binds_the_parties_to():
    en = extract("The Parties undertake to exchange hydrological data on transboundary rivers. "
                 "This Agreement provides for the creation of a joint monitoring network.", lang="en")
    assert [(m.text, m.stance) for m in en.measures] == [
        ("exchange hydrological data on transboundary rivers", "agreed"),
        ("the creation of a joint monitoring network", "agreed")]
    ru = extract("Стороны обязуются регулярно обмениваться гидрологическими данными. "
                 "Стороны развивают сотрудничество между научными институтами.", lang="ru")
    assert [(m.text, m.stance) for m in ru.measures] == [
        ("регулярно обмениваться гидрологическими данными", "agreed"),
        ("развивают сотрудничество между научными институтами", "agreed")]


def test_it_reads_a_list_announced_inline_and_keeps_a_prepositions_objects_together():
    en = extract("The ministers agreed on the following steps: launching a joint venture for car production; "
                 "creating a logistics hub in Termez. The parties also discussed cooperation in energy, "
                 "agriculture and tourism.", lang="en")
    assert [m.text for m in en.measures] == ["launching a joint venture for car production",
                                             "creating a logistics hub in Termez",
                                             "cooperation in energy, agriculture and tourism"]
    ru = extract("Министры согласовали следующие шаги: создание совместного предприятия по производству "
                 "автомобилей; открытие логистического хаба в Термезе.", lang="ru")
    assert [(m.text, m.stance) for m in ru.measures] == [
        ("создание совместного предприятия по производству автомобилей", "agreed"),
        ("открытие логистического хаба в Термезе", "agreed")]


# Cues a press release uses besides "proposed" and "agreed" (sentences written for the test).
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "The governor offered the Tajik partners projects for building a cold storage depot, a leather tannery "
           "and a brick works.",
     {"building a cold storage depot": "proposed", "a leather tannery": "proposed", "a brick works": "proposed"}),
    ("en", "We need to shorten the waiting time for trucks at the border, the minister said.",
     {"shorten the waiting time for trucks at the border": "proposed"}),
    ("en", "The delegations expressed interest in opening a joint veterinary laboratory.",
     {"opening a joint veterinary laboratory": "discussed"}),
    ("en", "Both sides welcomed the launch of a direct bus route between the two regions.",
     {"launch of a direct bus route between the two regions": "implemented"}),
    ("en", "The regions are going to hold a joint crafts fair in Turkestan next spring.",
     {"hold a joint crafts fair in Turkestan next spring": "planned"}),
    ("en", "He named two aims of the new council: to attract investors, and simplify the export of dried fruit.",
     {"attract investors": "planned", "simplify the export of dried fruit": "planned"}),
    ("ru", "На встрече была подтверждена готовность расширить прямые авиарейсы между областями.",
     {"расширить прямые авиарейсы между областями": "agreed"}),
    ("ru", "Министры достигли договоренности о совместном мониторинге качества воды.",
     {"совместном мониторинге качества воды": "agreed"}),
    ("ru", "В числе принятых решений – открытие торгового дома в Самарканде.",
     {"открытие торгового дома в Самарканде": "agreed"}),
    ("ru", "Также учрежден Деловой совет женщин-предпринимателей двух стран.",
     {"Деловой совет женщин-предпринимателей двух стран": "implemented"}),
])
def test_it_reads_offers_needs_interest_readiness_decisions_and_aims(lang, text, expected):
    assert {m.text: m.stance for m in extract(text, lang=lang).measures} == expected


def test_a_phrase_that_only_announces_a_list_is_no_measure():
    text = "The regions plan to organise the following joint events: a crafts fair and a youth camp."
    assert "organise the following joint events" not in [m.text for m in extract(text, lang="en").measures]


def test_the_reporting_clause_is_no_part_of_a_measure():
    ru = extract("Стороны обсудили развитие приграничной торговли, сообщает пресс-служба министерства.", lang="ru")
    assert [m.text for m in ru.measures] == ["развитие приграничной торговли"]
    en = extract("The ministers agreed to open a joint trade house in Osh, reported the ministry's press service.",
                 lang="en")
    assert [m.text for m in en.measures] == ["open a joint trade house in Osh"]


def test_a_signed_uzbek_document_is_an_agreement_not_a_measure():
    result = extract("Forum yakunida savdo-iqtisodiy hamkorlik to‘g‘risida bitim imzolandi.", lang="uz")
    assert result.measures == [] and len(result.agreements) == 1


def test_the_last_item_of_a_russian_list_after_and_is_an_item_of_its_own():
    found = [m.text for m in extract("Министры обсудили транзитные перевозки, цифровую торговлю и "
                                     "региональную безопасность.", lang="ru").measures]
    assert found == ["транзитные перевозки", "цифровую торговлю", "региональную безопасность"]
    # Objects of one preposition stay together.
    found = [m.text for m in extract("Министры обсудили транзитные перевозки, сотрудничество в энергетике и "
                                     "водном хозяйстве.", lang="ru").measures]
    assert found[-1] == "сотрудничество в энергетике и водном хозяйстве"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Kazakh delegation is going to Tashkent next week for talks."),
    ("en", "Shares in the new company were offered to foreign investors last year."),
    ("en", "The minister welcomed the opening remarks of the chairman."),
    ("en", "Both countries need to know the results of the census."),
    ("en", "The report was clear: to increase exports is hard without new roads."),
    ("ru", "Фонд был учрежден Указом Президента в 2019 году."),
])
def test_ordinary_sentences_give_no_measure(lang, text):
    """Cues that read like one ("going to", "offered to", "need to", a colon, «учрежден») but are not."""
    assert extract(text, lang=lang).measures == []


def test_a_list_item_named_reports_does_not_end_the_measure():
    found = [m.text for m in extract("The sides agreed to exchange statistical data, reports and methodological "
                                     "recommendations on water use.", lang="en").measures]
    assert any("recommendations on water use" in text for text in found)


def test_the_object_of_a_russian_action_word_is_not_split():
    found = [m.text for m in extract("Министры обсудили пограничный контроль, развитие транспорта и логистической "
                                     "инфраструктуры.", lang="ru").measures]
    assert "логистической инфраструктуры" not in found


@pytest.mark.parametrize("text, lang, action", [
    ("Astana, 3 May 2026. The ministers signed an Agreement between the two Governments on holding joint "
     "border exercises in 2027.", "en", "holding joint border exercises in 2027"),
    ("The sides signed a memorandum on the opening of trade houses in Samarkand and Shymkent, signed by the "
     "deputy ministers.", "en", "opening of trade houses in Samarkand and Shymkent"),
    # The agreement's title (and so its action) ends before «на …», as the agreements step reads it.
    ("Министры подписали соглашение о создании совместного логистического центра на границе.", "ru",
     "создании совместного логистического центра"),
])
def test_a_signed_agreement_about_an_action_is_that_action_agreed(text, lang, action):
    result = extract(text, lang=lang)
    found = [m for m in result.measures if m.text == action]
    assert found and found[0].stance == "agreed" and found[0].rule.endswith("measures.agreement_subject")
    start, end = found[0].spans[0]
    assert text[start:end] == action


@pytest.mark.parametrize("text, lang", [
    ("The ministers signed an Agreement on cooperation in the field of tourism.", "en"),
    ("Стороны подписали соглашение о сотрудничестве в области энергетики.", "ru"),
    ("The ministers discussed an agreement on holding joint exercises.", "en"),  # not signed: no action agreed
])
def test_cooperation_in_a_field_or_an_unsigned_agreement_adds_no_action(text, lang):
    result = extract(text, lang=lang)
    assert not [m for m in result.measures if m.rule.endswith("agreement_subject")]


@pytest.mark.parametrize("text, lang, wanted, unwanted", [
    # Two gerunds of one preposition share their object: one action.
    ("Astana, 3 May 2026. The ministers agreed to exchange experience in introducing and using water-saving "
     "technologies.", "en", "exchange experience in introducing and using water-saving technologies",
     "exchange experience in introducing"),
    # What is said of the item before ("calling it …", "established after …") is no action of its own.
    ("The parties stressed the importance of signing the agreement on water, calling it a key step toward "
     "deepening cooperation.", "en", "signing the agreement on water", "calling it a key step toward deepening cooperation"),
    ("The ministers underlined the need for the prompt launch of the working group, established after the "
     "second meeting of the council.", "en", "the prompt launch of the working group",
     "established after the second meeting of the council"),
    # «намечен запуск …»: the action follows the participle.
    ("В рамках визита намечен запуск новых проектов в химической промышленности.", "ru",
     "запуск новых проектов в химической промышленности", "В рамках визита"),
    # A reporting phrase after the quote is not an action.
    ("«Поставлена задача увеличить товарооборот до $5 млрд», - подчеркивается в сообщении.", "ru",
     "увеличить товарооборот до $5 млрд", "подчеркивается в сообщении"),
])
def test_what_qualifies_an_action_is_not_another_action(text, lang, wanted, unwanted):
    texts = [m.text for m in extract(text, lang=lang).measures]
    assert wanted in texts and unwanted not in texts, texts


def test_lists_of_fields_stay_one_measure_and_held_occasions_are_none():
    en = extract("The two countries discussed the prospects for relations in the political, trade-economic, and "
                 "cultural-humanitarian areas.", lang="en").measures
    assert len(en) == 1 and en[0].text.endswith("cultural-humanitarian areas")
    ru = extract("Стороны обсудили взаимодействие в области торговли, промышленной кооперации, инвестиций, энергетики, "
                 "водной сферы, транспорта и логистики.", lang="ru").measures
    assert len(ru) == 1
    # «двустороннего взаимодействия» after «а также» is an item of its own, not a participle clause.
    two = extract("Министры обсудили вопросы предстоящего визита Президента в Ташкент, а также двустороннего "
                  "взаимодействия в политической и культурно-гуманитарной сферах.", lang="ru").measures
    assert len(two) == 2
    held = extract("It was noted that in preparation for the summit, a business forum and a number of cultural events "
                   "were successfully held. Speaking of the agro-industrial sector, Tokayev praised the farmers.",
                   lang="en").measures
    assert held == []


def test_coordinated_actions_with_an_adjective_are_split_and_a_noun_with_its_complement_is_an_item():
    text = ("The parties agreed on joint breeding of cattle and sheep and deep processing of wool and leather in "
            "the region. The ministers also discussed the hydropower potential of the basin, partnership towards "
            "water security, and student exchange.")
    assert [m.text for m in extract(text, lang="en").measures] == [
        "joint breeding of cattle and sheep", "deep processing of wool and leather in the region",
        "the hydropower potential of the basin", "partnership towards water security", "student exchange"]


@pytest.mark.parametrize("text, lang, expected", [
    ("At the talks the ministers addressed the construction of a second bridge over the river.", "en",
     [("the construction of a second bridge over the river", "discussed")]),
    ("Work is under way to open a joint veterinary laboratory in the border district.", "en",
     [("open a joint veterinary laboratory in the border district", "planned")]),
    ("Был также поднят вопрос о строительстве моста через реку.", "ru",
     [("строительстве моста через реку", "discussed")]),
    ("Посол отметил значение решений третьего заседания комиссии об учреждении делового совета и "
     "создании рабочей группы по туризму.", "ru",
     [("учреждении делового совета", "agreed"), ("создании рабочей группы по туризму", "agreed")]),
    # goals, support for someone's initiative, completion, approval without an agent
    ("The roadmap will become a basis for expanding cargo transit through the port.", "en",
     [("expanding cargo transit through the port", "planned")]),
    ("The minister supported the initiative of the Kyrgyz side to hold a forum of rectors in Osh.", "en",
     [("hold a forum of rectors in Osh", "agreed")]),
    ("Both parliaments have completed the procedures for ratifying the treaty on the border.", "en",
     [("ratifying the treaty on the border", "implemented")]),
    ("Одобрено создание совместного венчурного фонда.", "ru", [("создание совместного венчурного фонда", "agreed")]),
    ("Проект направлен на развитие приграничной торговли.", "ru", [("развитие приграничной торговли", "planned")]),
])
def test_more_cues_of_discussion_plans_decisions_support_and_completion(text, lang, expected):
    assert [(m.text, m.stance) for m in extract(text, lang=lang).measures] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Создание центра станет важным механизмом поддержки совместных научных исследований.",
     "поддержки совместных научных исследований"),
    ("Эксперты сконцентрируются на продвижении совместных транспортных проектов.",
     "продвижении совместных транспортных проектов"),
    ("The working group will focus on harmonising customs procedures at the border.",
     "harmonising customs procedures at the border"),
])
def test_what_a_step_will_be_the_means_of_or_what_a_body_will_attend_to_is_planned(text, expected):
    lang = "ru" if re.search("[а-я]", text) else "en"
    assert [(m.text, m.stance) for m in extract(text, lang=lang).measures] == [(expected, "planned")]


def test_a_meeting_named_after_a_cue_is_no_measure_but_holding_one_or_one_to_come_is():
    en = extract("«On March 3 we held detailed negotiations on the whole range of bilateral relations, and on May 5-6, "
                 "the state visit of President Aibek Nurov to Uzbekistan, as well as the 2nd meeting of the Joint "
                 "Council, was successfully held,» he said.")
    assert len(en.measures) == 1 and en.measures[0].text.startswith("the whole range of bilateral relations")
    ru = extract("Стороны договорились о скорейшем проведении очередного заседания Межправительственной комиссии.",
                 lang="ru")
    assert [m.text for m in ru.measures] == ["скорейшем проведении очередного заседания Межправительственной комиссии"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister said the parties should make maximum efforts to complete the new border crossing on time.",
     ("complete the new border crossing on time", "proposed")),
    ("He expressed the readiness of the Government of Mongolia to make every effort to expand rail freight.",
     ("expand rail freight", "proposed")),
    ("We will step up work to reach the goal set by the leaders — to raise mutual trade to $5 billion.",
     ("raise mutual trade to $5 billion", "planned")),
])
def test_effort_urged_or_offered_and_a_goal_after_a_dash_name_the_action(text, expected):
    assert expected in [(m.text, m.stance) for m in extract(text).measures]


def test_one_russian_party_ready_or_intending_to_act_or_expressing_readiness():
    ru = extract("Казахстан готов поставлять пассажирские автобусы. Министр выразил готовность к расширению авиасообщения.",
                 lang="ru")
    assert {(m.text, m.stance) for m in ru.measures} == {("поставлять пассажирские автобусы", "agreed"),
                                                         ("расширению авиасообщения", "proposed")}


@pytest.mark.parametrize("text, lang, expected", [
    # interest, need and weight said of an action
    ("We are interested in the development of the North-South corridor.", "en",
     [("the development of the North-South corridor", "proposed")]),
    ("Further growth of trade requires modernization of the border crossings.", "en",
     [("modernization of the border crossings", "proposed")]),
    ("The construction of the new logistics hub in Shymkent is of great importance.", "en",
     [("The construction of the new logistics hub in Shymkent", "proposed")]),
    ("It is also extremely important to develop cooperation in ecology, as these issues affect farmers.", "en",
     [("develop cooperation in ecology", "proposed")]),
    ("There are significant prospects for deepening cooperation in agriculture, including the increase in "
     "mutual trade in grain.", "en",
     [("deepening cooperation in agriculture", "discussed"), ("the increase in mutual trade in grain", "discussed")]),
    ("Подчеркнута востребованность развития молодёжных обменов между вузами и формирования общего "
     "информационного поля.", "ru",
     [("развития молодёжных обменов между вузами", "proposed"), ("формирования общего информационного поля", "proposed")]),
    ("Достигнута договорённость подготовить программу сотрудничества в сфере туризма.", "ru",
     [("подготовить программу сотрудничества в сфере туризма", "agreed")]),
    ("Поддержано учреждение совместного фонда развития регионов.", "ru",
     [("учреждение совместного фонда развития регионов", "agreed")]),
    ("Еще одной темой обсуждения стала автоматизация учета воды на трансграничных реках.", "ru",
     [("автоматизация учета воды на трансграничных реках", "discussed")]),
    ("Стороны согласовали обеспечение подачи воды в поливной сезон и совместный ремонт межгосударственных каналов.",
     "ru", [("обеспечение подачи воды в поливной сезон", "agreed"), ("совместный ремонт межгосударственных каналов", "agreed")]),
])
def test_it_reads_the_wording_of_interest_need_and_weight(text, lang, expected):
    assert [(m.text, m.stance) for m in extract(text, lang=lang).measures] == expected


def test_two_genitives_after_another_noun_are_its_objects_not_two_actions():
    text = ("Стороны обсудили перспективы реализации программы торгового сотрудничества и развития "
            "промышленной кооперации на 2025-2027 годы.")
    assert [m.text for m in extract(text, lang="ru").measures] == [
        "перспективы реализации программы торгового сотрудничества и развития промышленной кооперации на 2025-2027 годы"]


@pytest.mark.parametrize("text, lang, action", [
    ("Министрдің мәлімдеуінше, екі ел арасындағы сауда айналымын 10 миллиард долларға жеткізу көзделіп отыр.", "kk",
     "екі ел арасындағы сауда айналымын 10 миллиард долларға жеткізу"),
    ("Vazir ta'kidlaganidek, chegara punktlarini sutkalik rejimga o'tkazish rejalashtirilmoqda.", "uz",
     "chegara punktlarini sutkalik rejimga o'tkazish"),
])
def test_whose_words_these_are_is_not_part_of_the_action(text, lang, action):
    assert [m.text for m in extract(text, lang=lang).measures] == [action]


@pytest.mark.parametrize("text, lang, expected", [
    ("To achieve the goal of increasing bilateral trade to $10 billion, a Plan of Practical Actions was adopted.",
     "en", ["increasing bilateral trade to $10 billion"]),
    ("The Kazakh side is preparing a draft of the relevant Roadmap.", "en", ["a draft of the relevant Roadmap"]),
    ("The parties stressed the need to remove barriers to mutual trade and prevent the emergence of new ones.", "en",
     ["remove barriers to mutual trade", "prevent the emergence of new ones"]),
    ("Подписана дорожная карта, в которой предусмотрена реализация 32 мер в различных отраслях экономики.", "ru",
     ["реализация 32 мер в различных отраслях экономики"]),
])
def test_a_goal_served_work_under_way_and_what_a_document_provides_for(text, lang, expected):
    assert [m.text for m in extract(text, lang=lang).measures] == expected


def test_a_goal_that_qualifies_the_action_before_it_is_not_an_action_of_its_own():
    text = ("The participants discussed mechanisms to increase mutual trade volumes, with the goal of reaching "
            "$10 billion in trade turnover.")
    assert all("reaching" not in m.text[:9] for m in extract(text, lang="en").measures)


def test_a_task_faced_is_a_planned_action_without_the_clause_said_of_it_or_who_said_it():
    text = ("Currently, we face a large-scale task of expanding cargo transit through Aktau, with the ports "
            "playing a special role in this, noted the Minister.")
    measures = extract(text, lang="en").measures
    assert [(m.text, m.stance) for m in measures] == [("expanding cargo transit through Aktau", "planned")]


def test_someones_initiatives_are_proposals_and_any_ideas_are_not():
    text = ("The Minister emphasized the President's initiatives to establish a Regional Water Council and to "
            "develop a Convention on Water Use, underscoring their importance.")
    assert [(m.text, m.stance) for m in extract(text, lang="en").measures] == [
        ("establish a Regional Water Council", "proposed"), ("develop a Convention on Water Use", "proposed")]
    assert extract("The forum generated ideas to find new mechanisms of growth.", lang="en").measures == []
