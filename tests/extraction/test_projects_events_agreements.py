"""Projects (aggregate), events and agreements."""

import pytest

from kenes.extraction.pipeline import extract


def test_it_reads_an_aggregate_project_statement():
    text = "The partners have implemented 8 joint projects worth $90 million."
    project = extract(text, lang="en").projects[0]
    assert (project.count, project.value, project.unit, project.status) == (8, "90000000", "USD", "implemented")


def test_it_finds_a_planned_event():
    text = "The Central Asian Tourism Forum will be held in Samarkand in October."
    event = extract(text, lang="en").events[0]
    assert event.name == "Central Asian Tourism Forum"
    assert event.status == "planned"


def test_it_splits_agreements_on_two_subjects():
    text = "The ministers signed agreements on customs cooperation and veterinary control in Bishkek."
    titles = [a.title for a in extract(text, lang="en").agreements]
    assert titles == ["agreement on customs cooperation", "agreement on veterinary control"]


def test_it_finds_a_signed_russian_agreement():
    text = "Стороны подписали меморандум о сотрудничестве в сфере туризма."
    agreement = extract(text, lang="ru").agreements[0]
    assert agreement.status == "signed"
    assert agreement.title.startswith("меморандум о сотрудничестве")


def test_it_reads_an_event_status_from_its_own_clause_and_trims_russian_names():
    text = ("Участники обсудили подготовку к выставке «AgroWorld Qazaqstan 2027», которая пройдёт в Алматы. "
            "Делегация посетила в Астане Международную выставку «Стройка-2023». "
            "В рамках форума прошла встреча министров.")
    result = extract(text, lang="ru", published="2023-06-01")
    events = {e.name: e.status for e in result.events}
    assert events == {"AgroWorld Qazaqstan 2027": "planned", "Международную выставку «Стройка-2023»": "held"}


def test_it_keeps_agreements_still_to_be_signed_planned():
    text = ("The sides recalled the roadmap on energy signed in Bishkek in May 2022 and noted that a memorandum "
            "on hydropower research is to be signed at the next summit. The ministries plan to sign an "
            "intergovernmental agreement on labour migration. Кроме того, планируется подписание соглашения о "
            "взаимных поставках зерна.")
    result = extract(text.split(" Кроме")[0], lang="en")
    status = {a.title: (a.status, a.date, a.place) for a in result.agreements}
    assert status["roadmap on energy"] == ("signed", "2022-05", "Bishkek")
    assert status["memorandum on hydropower research"] == ("planned", None, None)
    assert status["intergovernmental agreement on labour migration"][0] == "planned"
    ru = extract("Кроме" + text.split(" Кроме")[1], lang="ru")
    assert [a.status for a in ru.agreements] == ["planned"]


def test_it_finds_protocols_splits_coordinated_documents_and_skips_false_heads():
    text = ("По итогам встречи подписан протокол заседания, а также соглашение о транзите грузов и меморандум о "
            "сотрудничестве в сфере туризма. Стороны договорились о создании совместного фонда и поручили "
            "подготовить совместную программу стажировок.")
    titles = [a.title for a in extract(text, lang="ru").agreements]
    assert titles == ["протокол заседания", "соглашение о транзите грузов", "меморандум о сотрудничестве в сфере туризма"]
    en = extract("The co-chairs signed a protocol. Ergashev proposed joint master's programmes in geology.", lang="en")
    assert [a.title for a in en.agreements] == ["protocol"]


def test_it_reads_capitalised_agreements_in_a_signed_list_and_in_force_treaties():
    text = ("Bishkek, 5 June 2025\n\nThe Treaty on Eternal Friendship, in force since March 2021, was recalled.\n"
            "The following documents were signed following the talks:\n"
            "1. Protocol of the 7th meeting of the Joint Commission;\n"
            "2. Memorandum of understanding between the Ministry of Health of the Kyrgyz Republic and the Ministry "
            "of Health and Social Protection of the Republic of Tajikistan on cooperation in telemedicine;\n"
            "3. Programme of cultural exchanges for 2025-2027.\n"
            "The sides agreed to finalise the Agreement on veterinary inspection for signing next year.")
    got = {a.title: a.status for a in extract(text, lang="en").agreements}
    assert got["Treaty on Eternal Friendship"] == "in_force"
    assert got["Protocol of the 7th meeting of the Joint Commission"] == "signed"
    assert any(t.startswith("Memorandum of understanding between") and t.endswith("telemedicine") and v == "signed"
               for t, v in got.items())
    assert got["Programme of cultural exchanges for 2025-2027"] == "signed"
    assert any(t.startswith("Agreement on veterinary inspection") and v == "planned" for t, v in got.items())


def test_it_dates_events_to_come_and_finds_russian_fairs_and_days():
    en = extract("Dushanbe, 10 March 2025 – The minister invited the delegation to take part in Tashkent Energy "
                 "Week in June.", lang="en")
    assert [(e.name, e.status) for e in en.events] == [("Tashkent Energy Week", "planned")]
    ru = extract("Ош, 3 сентября 2025 года. В Оше прошла выставка-ярмарка продукции фермеров Ошской области. "
                 "С 22 по 24 октября в Бишкеке пройдут Дни культуры Ошской области.", lang="ru")
    got = {e.name: (e.status, e.date) for e in ru.events}
    assert got["выставка-ярмарка продукции фермеров Ошской области"][0] == "held"
    assert got["Дни культуры Ошской области"] == ("planned", "2025-10-22")


def test_it_reads_dashed_event_names_venues_and_years_of_with_their_status():
    text = ("Tashkent, 5 June 2025. The Kazakhstan–Korea Investment Forum was held yesterday at the Almaty "
            "Congress Hall. Ms. Lee proposed holding a Korean-Kazakh Year of Science and Innovation in 2027. "
            "The sides agreed to jointly prepare the EU–Central Asia Transport Forum, scheduled to take place "
            "in Astana in spring 2026. Days of Korean Culture and the Steppe Ethnofestival were held in May.")
    events = {e.name: e.status for e in extract(text, lang="en", published="2025-06-05").events}
    assert events["Kazakhstan–Korea Investment Forum"] == "held"
    assert not any(n.startswith("Almaty Congress") for n in events)
    assert events["Korean-Kazakh Year of Science and Innovation"] == "planned"
    assert events["EU–Central Asia Transport Forum"] == "planned"
    assert "Days of Korean Culture" in events and "Steppe Ethnofestival" in events


def test_it_keeps_an_event_of_last_autumn_held():
    text = ("Алматы, 29 января 2025 г. Напомним, что в октябре прошлого года в Бухаре прошёл первый "
            "Центральноазиатский форум деканов.")
    events = extract(text, lang="ru", published="2025-01-29").events
    assert [e.status for e in events] == ["held"]


def test_it_reads_counted_agreements_contracts_in_a_signed_list_and_entry_into_force():
    text = ("In total, 12 agreements worth $1.4 billion were signed at the forum, including:\n"
            "– an EPC contract between Kazakh Invest and Sinopec Engineering for a polymer plant;\n"
            "– a supply contract under which the Aral Fish company will export 2,000 tonnes of fish.\n"
            "The ministers reviewed the Programme of Strategic Partnership for 2024–2028 and noted progress.")
    agreements = {a.title: a.status for a in extract(text, lang="en").agreements}
    assert agreements["12 agreements worth $1.4 billion"] == "signed"
    assert any(t.startswith("EPC contract") and s == "signed" for t, s in agreements.items())
    assert agreements.get("supply contract") == "signed"
    assert "Programme of Strategic Partnership for 2024–2028" in agreements
    ru = extract("Стороны констатировали вступление в силу Договора о государственной границе. Министры утвердили "
                 "Программу экономического сотрудничества между Кыргызстаном и Таджикистаном на 2026-2030 годы.",
                 lang="ru").agreements
    assert ru[0].status == "in_force"
    assert ru[1].title.endswith("на 2026-2030 годы") and ru[1].status == "signed"


def test_an_event_named_by_capitalised_words_before_a_lower_case_head():
    events = extract("The two regions agreed to hold the Second Ferghana Valley Youth forum in Osh.", lang="en").events
    assert [e.name for e in events] == ["Second Ferghana Valley Youth forum"]
    assert extract("A business forum was held in Osh.", lang="en").events == []


def test_a_declaration_is_an_agreement_and_a_russian_title_ends_at_its_verb():
    en = extract("The presidents signed the Declaration on Eternal Friendship in Bishkek.", lang="en").agreements
    assert [a.title for a in en] == ["Declaration on Eternal Friendship"]
    ru = extract("Договор о дружбе отвечает интересам обоих народов.", lang="ru").agreements
    assert [a.title for a in ru] == ["Договор о дружбе"]


@pytest.mark.parametrize("text", [
    "Kazakhstan supports the World Trade Organization fair trade principles.",
    "The talks took place in the Hilton Hotel conference hall.",
])
def test_a_lower_case_head_that_is_no_event(text):
    assert extract(text, lang="en").events == []


def test_a_declaration_of_goods_is_no_agreement():
    assert extract("Declaration of goods at the border will be electronic from May.", lang="en").agreements == []


@pytest.mark.parametrize("text, lang, title", [
    # A verb of the sentence ends an English title; the day it was signed is not part of it.
    ("Tashkent, 5 May 2026. The agreement on demarcating the state border testifies to the strength of our "
     "relations.", "en", "agreement on demarcating the state border"),
    ("The presidents signed the agreement on demarcating the common border on November 21.", "en",
     "agreement on demarcating the common border"),
    ("The sides signed an Agreement in the field of civil aviation.", "en", "Agreement in the field of civil aviation"),
    # A Russian declaration is an agreement; a field alone («в таможенной сфере») names one.
    ("Президенты подписали Декларацию о союзнических отношениях.", "ru", "Декларацию о союзнических отношениях"),
    ("Были подписаны соглашения в таможенной сфере, а также программа сотрудничества на 2026–2027 годы.", "ru",
     "соглашения в таможенной сфере"),
])
def test_agreement_titles_end_where_the_sentence_goes_on(text, lang, title):
    titles = [a.title for a in extract(text, lang=lang).agreements]
    assert title in titles, titles


@pytest.mark.parametrize("text, lang", [
    ("The forum was held in Shymkent, where agreements worth $1.2 billion were signed.", "en"),
    ("Стороны подписали ряд ключевых соглашений.", "ru"),
])
def test_agreements_in_general_are_no_agreement(text, lang):
    assert extract(text, lang=lang).agreements == []


def test_an_uzbek_agreement_title_does_not_start_at_the_frame_before_it():
    text = ("Toshkent, 5-may 2026-yil. Uchrashuv yakunida savdo hamkorligini rivojlantirish bo‘yicha yo‘l xaritasi "
            "imzolandi.")
    titles = [a.title for a in extract(text, lang="uz").agreements]
    assert titles and all(not t.lower().startswith("uchrashuv") for t in titles), titles


def test_status_cues_are_each_language_s_own_table():
    # A Kazakh count of projects takes its status from lexicons/kk/status_cues.tsv.
    text = "Астана, 5 мамыр 2026 жыл. Қазіргі уақытта екі ел арасында 12 бірлескен жоба жүзеге асырылуда."
    [project] = extract(text, lang="kk").projects
    assert (project.count, project.status) == (12, "in_progress")
    # English agreements read English cues only: a Russian word in an English text says nothing.
    english = "The ministers discussed the memorandum on transit, подписан earlier."
    assert [a.status for a in extract(english, lang="en").agreements] == [None]


def test_a_user_s_status_cue_changes_what_the_engine_reads(tmp_path, monkeypatch):
    from kenes.extraction import lexicons

    text = "The sides inked the memorandum on transit cooperation."
    assert [a.status for a in extract(text, lang="en").agreements] == [None]
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "status_cues.tsv").write_text("agreement\tsigned\t\\binked\\b\n", encoding="utf-8")
    monkeypatch.setenv("KENES_LEXICONS", str(tmp_path))
    lexicons.status_cue.cache_clear()
    try:
        assert [a.status for a in extract(text, lang="en").agreements] == ["signed"]
    finally:
        monkeypatch.delenv("KENES_LEXICONS")
        lexicons.status_cue.cache_clear()


def test_business_forums_and_named_summits_are_events_in_every_language():
    en = extract("On April 17, a Kazakh-Kyrgyz business forum was held in Astana. The President attended the "
                 "SCO summit in Tianjin.", lang="en")
    assert {(e.name, e.status) for e in en.events} == {("Kazakh-Kyrgyz business forum", "held"), ("SCO summit", "held")}
    ru = extract("Президенты приняли участие в первом саммите в формате «Центральная Азия – Европейский Союз». "
                 "Ранее лидеры участвовали в саммите «Центральная Азия – Россия».", lang="ru")
    assert [e.name for e in ru.events] == ["саммит в формате «Центральная Азия – Европейский Союз»",
                                          "саммит «Центральная Азия – Россия»"]
    # A bare «саммит» names no event of its own; the two peoples' names in lower case name a forum.
    assert extract("Саммит прошёл в Астане.", lang="ru").events == []
    uz = extract("Chimkentda qozoq-o‘zbek biznes-forumi bo‘lib o‘tdi. Prezident ShHT sammitida ishtirok etdi.",
                 lang="uz")
    assert {(e.name, e.status) for e in uz.events} == {("qozoq-o‘zbek biznes-forumi", "held"), ("ShHT sammiti", "held")}


def test_a_value_written_before_the_count_of_projects_is_theirs_and_exports_worth_are_no_project():
    kk = extract("Жалпы құны 3 млрд 100 млн доллар болатын 69 жоба қарастырылуда.", lang="kk")
    assert [(p.count, p.value, p.unit) for p in kk.projects] == [(69, "3100000000", "USD")]
    assert kk.figures == []
    en = extract("Tokayev expressed readiness to boost exports to the Kyrgyz Republic across 195 commodities worth "
                 "$260 million.", lang="en")
    assert en.projects == []


def test_a_facility_named_by_a_hyphenated_adjective_or_a_project_by_name_is_a_project_in_the_nominative():
    ru = extract("Созданы рабочие группы по строительству Верхне-Нарынской ГЭС-2. "
                 "Стороны будут реализовывать проект автодороги Бишкек-Нарын-Торугарт.", lang="ru").projects
    assert [p.name for p in ru] == ["Верхне-Нарынская ГЭС-2", "автодорога Бишкек-Нарын-Торугарт"]


def test_a_kazakh_or_uzbek_road_named_in_straight_quotes_keeps_every_quoted_word():
    kk = extract('Жоспарда "Шымкент шекарасы – Арыс – Түркістан" жаңа автожолының құрылысы бар.', lang="kk").projects
    assert [p.name for p in kk] == ['"Шымкент шекарасы – Арыс – Түркістан" жаңа автожолы']
    uz = extract("Termiz–Mozori Sharif–Peshovar temiryo‘li qurilishi rejalashtirilgan.", lang="uz").projects
    assert [p.name for p in uz] == ["Termiz–Mozori Sharif–Peshovar temiryo‘li"]


def test_a_plural_document_head_with_repeated_complements_is_one_document_each():
    en = extract("The sides signed memoranda on cooperation in tourism, on the exchange of students and on joint "
                 "seismic monitoring. Also signed were agreements on rail freight and on air services.").agreements
    assert [a.title for a in en] == ["memorandum on cooperation in tourism", "memorandum on the exchange of students",
                                     "memorandum on joint seismic monitoring", "agreement on rail freight",
                                     "agreement on air services"]
    assert {a.status for a in en} == {"signed"}
    ru = extract("Подписаны меморандумы о сотрудничестве в сфере туризма, об обмене студентами и о совместном "
                 "сейсмическом мониторинге.", lang="ru").agreements
    assert len(ru) == 3 and ru[2].title == "меморандум о совместном сейсмическом мониторинге"


def test_facilities_listed_after_one_built_an_oil_field_and_work_under_way_are_projects_in_the_nominative():
    en = extract("The parties discussed the construction of the Kokand–Namangan railway and the Naryn HPP-2. "
                 "Work continues on the Aktau–Beineu highway. Investors will develop the Kashagan oil field.").projects
    assert [p.name for p in en] == ["Kokand–Namangan railway", "Naryn HPP-2", "Aktau–Beineu highway",
                                    "Kashagan oil field"]
    ru = extract("Стороны обсудили создание логистического центра «Янтарь».", lang="ru").projects
    assert [p.name for p in ru] == ["логистический центр «Янтарь»"]


def test_a_list_of_agreements_goes_on_with_a_field_left_out_and_another_preposition():
    text = ("Подписаны соглашения в сфере туризма, в области охраны окружающей среды, подготовки кадров, "
            "о создании совместного логистического центра.")
    assert [a.title for a in extract(text, lang="ru").agreements] == [
        "соглашение в сфере туризма", "соглашение в области охраны окружающей среды",
        "соглашение в области подготовки кадров", "соглашение о создании совместного логистического центра"]


def test_a_list_of_agreements_stops_at_a_participle():
    text = "Подписаны соглашения в области энергетики, подписанные ранее министрами."
    assert [a.title for a in extract(text, lang="ru").agreements] == ["соглашения в области энергетики"]


def test_a_russian_business_forum_is_an_event():
    text = "Казахстанско-киргизский бизнес-форум прошел сегодня в Бишкеке."
    assert [e.name for e in extract(text, lang="ru").events] == ["Казахстанско-киргизский бизнес-форум"]


@pytest.mark.parametrize("text, name", [
    ("In 2015, the project for the construction of the transnational railway Tajikistan-Afghanistan-Turkmenistan "
     "was completed.", "transnational railway Tajikistan-Afghanistan-Turkmenistan"),
    ("In 2018, Kyrgyzstan joined the project of the Caspian-Black Sea transport corridor.",
     "Caspian-Black Sea transport corridor"),
    ("The two countries are involved in a major project to supply Kyrgyz electricity to Pakistan.",
     "project to supply Kyrgyz electricity to Pakistan"),
])
def test_an_english_project_named_by_its_route_or_its_purpose(text, name):
    assert [p.name for p in extract(text, lang="en").projects] == [name]
    assert extract(text, lang="en").organizations == []


def test_a_communique_named_by_its_city_is_an_agreement():
    text = "По итогам встречи министры подписали Бишкекское коммюнике о транспортном сотрудничестве."
    assert [a.title for a in extract(text, lang="ru").agreements] == ["Бишкекское коммюнике о транспортном сотрудничестве"]
