"""Lists of proposals below their cue, actions announced in one sentence and listed in the next, meetings
that are the occasion of what was said, and text hard-wrapped at a fixed width."""

import pytest

from kenes.extraction import lexicons
from kenes.extraction.pipeline import extract
from kenes.extraction.segment import sentences


@pytest.fixture
def split_fields(tmp_path, monkeypatch):
    """The split_fields convention turned on the way a user would: a conventions.tsv in a KENES_LEXICONS folder."""
    (tmp_path / "conventions.tsv").write_text("split_fields\tyes\n", encoding="utf-8")
    monkeypatch.setenv("KENES_LEXICONS", str(tmp_path))
    lexicons.convention.cache_clear()
    yield
    monkeypatch.delenv("KENES_LEXICONS", raising=False)
    lexicons.convention.cache_clear()


def _texts(records):
    return [r.text for r in records]


def test_uzbek_cyrillic_list_of_proposals_below_the_cue():
    text = ("Саммитда Президент Шавкат Мирзиёев қуйидаги йўналишларни таклиф этди:\n\n"
            "1️⃣ Натижалар – чегаралар очилди, савдо ҳажми 10,7 млрд долларга етди.\n"
            "2️⃣ Иқтисодиёт – ўзаро савдони 1,5 баробар ошириш, қўшма инвестиция фондини ташкил этиш.\n"
            "3️⃣ Транспорт – янги темир йўл қуриш.\n")
    measures = extract(text, lang="uz").measures
    # the heading before the dash is no action, nor is an item that reports what happened
    assert _texts(measures) == ["ўзаро савдони 1,5 баробар ошириш", "қўшма инвестиция фондини ташкил этиш",
                                "янги темир йўл қуриш"]
    assert {m.stance for m in measures} == {"proposed"}
    assert measures[0].proposers == ["Шавкат Мирзиёев"]


def test_a_decimal_comma_does_not_split_an_action():
    measures = extract("Tomonlar o'zaro savdoni 2,5 barobar oshirish va yangi zavod qurishni taklif qildi.",
                       lang="uz").measures
    assert "o'zaro savdoni 2,5 barobar oshirish" in _texts(measures)


def test_kazakh_decisions_announced_then_listed():
    text = ("Жоғары Мемлекетаралық кеңес аясында бірқатар шешімдер қабылданды. Соның ішінде Өңірлер басшылары "
            "кеңесін құру, бірлескен инвестициялық қорды қалыптастыру бар.")
    measures = extract(text, lang="kk").measures
    assert [m.stance for m in measures] == ["agreed", "agreed"]
    assert measures[0].text == "Өңірлер басшылары кеңесін құру"
    assert measures[1].text.startswith("бірлескен инвестициялық қорды қалыптастыру")


def test_a_sentence_that_starts_with_among_them_is_no_list_without_a_cue_before_it():
    text = "Делегация Ташкентке келді. Соның ішінде министрлер мен сарапшылар бар."
    assert extract(text, lang="kk").measures == []


def test_kazakh_work_under_way_is_implemented_but_being_planned_is_not():
    done = extract("Екі елде мәдениет күндері ұйымдастырылуда.", lang="kk").measures
    assert [m.stance for m in done] == ["implemented"] and "мәдениет күндері" in done[0].text
    planned = extract("Жаңа логистикалық орталық салу жоспарлануда.", lang="kk").measures
    assert [m.stance for m in planned] == ["planned"]


def test_uzbek_approval_and_an_action_done_by_way_of_another():
    measures = extract("Qo'shma biznes-forumlar o'tkazish tashabbusi ma'qullangan.", lang="uz").measures
    assert [m.stance for m in measures] == ["agreed"]
    both = extract("Tomonlar to'siqlarni bartaraf etish orqali savdo hajmini oshirishga kelishib olgan.",
                   lang="uz").measures
    assert _texts(both) == ["to'siqlarni bartaraf etish", "savdo hajmini oshirishga"]


def test_a_meeting_is_held_when_someone_proposed_at_it():
    uz = extract("Марказий Осиё давлатлари раҳбарларининг Маслаҳат учрашувида Президент Шавкат Мирзиёев янги "
                 "ташаббусни таклиф этди.", lang="uz").meetings
    assert [m.title for m in uz] == ["Марказий Осиё давлатлари раҳбарларининг Маслаҳат учрашуви"]
    kk = extract("Үкіметаралық комиссияның отырысында министр Серік Жұманғарин жаңа жобаларды ұсынды.",
                 lang="kk").meetings
    assert len(kk) == 1 and kk[0].title.endswith("отырысы")
    # a meeting only mentioned, not the place where anything was said, is no meeting held
    assert extract("Министр келесі отырыста ұсыныс жасайды.", lang="kk").meetings == []


def test_hard_wrapped_text_reads_as_whole_sentences():
    text = ("The transport ministers of the region's countries plan to\n"
            "present and approve the draft agreement on strengthening the\n"
            "interconnectedness of land transport in Central Asia.\n"
            "Following the meeting, the ministers will adopt a joint communiqué.")
    spans = sentences(text, "en")
    assert len(spans) == 2
    result = extract(text, lang="en")
    assert _texts(result.measures) == [
        "present and approve the draft agreement on strengthening the interconnectedness of land transport in "
        "Central Asia", "adopt a joint communiqué"]
    # the spans still index the text as given, line breaks and all
    a, b = result.measures[0].spans[0]
    assert text[a:b].replace("\n", " ") == result.measures[0].text


def test_headlines_list_items_and_paragraphs_still_end_at_the_line():
    text = ("Kazakhstan and Uzbekistan sign roadmap\n"
            "The ministers agreed:\n"
            "- to expand trade;\n"
            "- to build a logistics hub.\n\n"
            "the next paragraph starts in lower case.")
    assert len(sentences(text, "en")) == 5


def _roles(result, name):
    person = next(p for p in result.people if p.name == name)
    return [r.title for r in person.roles]


def test_a_plural_title_before_a_list_of_names_is_each_persons_in_the_singular():
    kk = extract("Мемлекет басшылары Қасым-Жомарт Тоқаев, Шавкат Мирзиёев және Садыр Жапаров Ташкентке барды.",
                 lang="kk")
    assert [_roles(kk, n) for n in ("Қасым-Жомарт Тоқаев", "Шавкат Мирзиёев", "Садыр Жапаров")] == [
        ["мемлекет басшысы"]] * 3
    uz = extract("Bosh vazirlarining o'rinbosarlari Serik Jumangarin va Jamshid Xo'jayev yo'l xaritasini muhokama "
                 "qildi.", lang="uz")
    assert _roles(uz, "Serik Jumangarin") == _roles(uz, "Jamshid Xo'jayev") == ["o'rinbosari"]
    en = extract("At the forum, the Vice Premiers of both countries, Serik Zhumangarin and Jamshid Khodjaev, agreed "
                 "on joint projects.", lang="en")
    assert _roles(en, "Serik Zhumangarin") == _roles(en, "Jamshid Khodjaev") == ["Vice Premier"]


def test_a_name_after_a_list_without_the_title_keeps_no_title():
    kk = extract("Мемлекет басшылары Қасым-Жомарт Тоқаев пен Шавкат Мирзиёев кездесті. Кездесуге Ержан Ашықбаев "
                 "қатысты.", lang="kk")
    assert _roles(kk, "Ержан Ашықбаев") == []


def test_two_titles_joined_by_a_dash_are_both_the_persons():
    en = extract("Deputy Prime Minister – Minister of Trade and Integration Serik Zhumangarin said it.", lang="en")
    assert _roles(en, "Serik Zhumangarin") == ["Deputy Prime Minister", "Minister of Trade and Integration"]
    ru = extract("Заместитель председателя кабинета министров — министр водных ресурсов Бакыт Торобаев провёл "
                 "встречу.", lang="ru")
    assert len(_roles(ru, "Бакыт Торобаев")) == 2
    uz = extract("O'zbekiston bosh vazirining o'rinbosari – investitsiyalar va tashqi savdo vaziri Sardor Umurzoqov "
                 "mehmonni qabul qildi.", lang="uz")
    assert len(_roles(uz, "Sardor Umurzoqov")) == 2


def test_a_title_after_the_name_and_a_comma():
    kk = extract("Олжас Бектенов, ҚР Премьер-министрі:\nЕкі ел арасындағы сауда өсті.", lang="kk")
    assert _roles(kk, "Олжас Бектенов") == ["ҚР Премьер-министрі"]


def test_a_countrys_government_a_bare_head_and_relevant_ministries_are_no_organisations():
    uz = extract("Qozog'iston Respublikasi Hukumati va O'zbekiston Respublikasi Hukumati o'rtasidagi bitim "
                 "ratifikatsiya qilindi. Tojikistonning tegishli vazirlik va idoralari bilan O'zbekiston Tashqi "
                 "ishlar vazirligi hamkorlik qiladi.", lang="uz")
    assert [o.name for o in uz.organizations] == ["O'zbekiston Tashqi ishlar vazirligi"]
    en = extract("The Kazakh Government and the Ministry of Energy of Kazakhstan met the relevant ministries.",
                 lang="en")
    assert [o.name for o in en.organizations] == ["Ministry of Energy of Kazakhstan"]


def test_met_with_a_counterpart_whose_body_has_an_acronym_in_brackets():
    result = extract("On the sidelines of the forum, Director of the Institute for Central Asia (IICA) Javlon Vakhabov "
                     "met with the Director of the Institute for Strategic Studies (KazISS) Yerkin Tukumov, UzA "
                     "reports.\n\nAt the meeting, the parties discussed joint research.", lang="en")
    assert [m.title for m in result.meetings] == [
        "meeting with the Director of the Institute for Strategic Studies (KazISS) Yerkin Tukumov"]


def test_a_meeting_on_an_abbreviated_month_without_a_year_is_undated_and_through_a_year_is_a_deadline():
    result = extract("The countries signed protocols regulating the water balance through 2026, following a "
                     "trilateral meeting of the energy agencies on Sept. 7 in Cholpon-Ata.", lang="en")
    assert [(m.title, m.date) for m in result.meetings] == [("trilateral meeting of the energy agencies", None)]


def test_what_is_set_to_begin_is_the_action_and_a_speakers_title_is_not():
    result = extract("Construction of the logistics centre is set to begin in August, vice minister of trade Kairat "
                     "Torebayev said.\n\nBekmurod Akbarov, deputy head of the regional trade department, said that the "
                     "construction of the logistics centre is to be completed by 2027.", lang="en")
    # the second sentence says the same action again: one measure
    assert [m.text for m in result.measures] == ["Construction of the logistics centre"]


def test_russian_works_done_and_under_way_and_what_a_body_is_for():
    text = ("— По первому этапу проведены работы по зонированию территории. Ведутся работы по прокладке "
            "инженерных сетей, обеспечению подъездных путей, — сообщил министр Арман Шаккалиев.")
    measures = extract(text, lang="ru").measures
    assert [(m.text, m.stance) for m in measures] == [
        ("зонированию территории", "implemented"), ("прокладке инженерных сетей", "planned"),
        ("обеспечению подъездных путей", "planned")]
    tasks = extract("Основными задачами Центра являются создание условий для кооперации, повышение "
                    "конкурентоспособности предприятий, создаваемых на территории Центра, и др.", lang="ru").measures
    assert [m.text for m in tasks] == ["создание условий для кооперации", "повышение конкурентоспособности предприятий"]
    assert {m.stance for m in tasks} == {"planned"}


def test_russian_approval_of_a_ratification_is_agreed():
    measures = extract("Сенат одобрил ратификацию Соглашения о создании совместного фонда.", lang="ru").measures
    assert [(m.text, m.stance) for m in measures] == [("ратификацию Соглашения о создании совместного фонда",
                                                        "agreed")]


def test_kazakh_agenda_a_task_after_a_dash_and_a_converb_closing_a_clause():
    agenda = extract("Кездесу өңірдің қауіпсіздік мәселелерін, су-энергетикалық ресурстар саласындағы өңірлік "
                     "ынтымақтастығын талқылауға арналды.", lang="kk").measures
    assert [m.stance for m in agenda] == ["discussed", "discussed"]
    assert agenda[0].text.startswith("өңірдің қауіпсіздік")
    task = extract("Тікелей көлік дәлізін құру - негізгі міндет.", lang="kk").measures
    assert [(m.text, m.stance) for m in task] == [("Тікелей көлік дәлізін құру", "planned")]
    converb = extract("Министрлер Ташкентте бас қосып, энергетика саласында күш біріктіруге келісті.",
                      lang="kk").measures
    assert [m.text for m in converb] == ["энергетика саласында күш біріктіруге"]


def test_uzbek_what_a_step_makes_possible_after_an_opening_phrase():
    measures = extract("Qayd etilishicha, markaz omborlardan iborat bo'ladi, bu esa yuk tashishni tezlashtirish, "
                       "logistika xarajatlarini kamaytirish imkonini beradi.", lang="uz").measures
    assert [(m.text, m.stance) for m in measures] == [("yuk tashishni tezlashtirish", "planned"),
                                                       ("logistika xarajatlarini kamaytirish", "planned")]


def test_a_meeting_held_by_a_participle_before_its_noun_in_a_sentence_about_plans():
    meetings = extract("Ishtirokchilar ikki davlat prezidentlarining 2022-yil dekabr oyida bo'lib o'tgan muzokaralari "
                       "yakunlari bo'yicha rejalashtirilgan loyihalarni ko'rib chiqdi.", lang="uz").meetings
    assert [(m.title.endswith("bo'lib o'tgan muzokaralari"), m.date) for m in meetings] == [(True, "2022-12")]


def test_one_official_receiving_another_is_their_meeting():
    uz = extract("Investitsiyalar vaziri Sardor Umurzoqov Tojikiston savdo vaziri Zavqi Aminni qabul qildi.",
                 lang="uz").meetings
    assert [m.title for m in uz] == ["Sardor Umurzoqov va Zavqi Amin uchrashuvi"]
    # a body adopting a decision is no meeting
    assert extract("Үкімет жаңа бағдарламаны қабылдады.", lang="kk").meetings == []


def test_an_event_with_a_quoted_name_keeps_the_punctuation_inside_the_quotes():
    uz = extract("Toshkentda «Hamkorlik: yangi bosqich» ko'rgazmasi ochildi.", lang="uz").events
    assert [e.name for e in uz] == ["«Hamkorlik: yangi bosqich» ko'rgazmasi"]
    en = extract('At the "Kazakhstan-Uzbekistan" business forum, the ministers met.', lang="en").events
    assert [e.name for e in en] == ['"Kazakhstan-Uzbekistan" business forum']
    # a quotation that is no name before the head is no event
    assert extract('He said "we agree" and left the forum.', lang="en").events == []


def test_agreements_a_capitalised_plan_a_communique_and_a_long_russian_between_complement():
    en = extract("The sides signed a Cooperation Plan for 2020 – 2021. Following the meeting, the ministers will "
                 "adopt a joint communiqué. The purpose of signing this agreement is clear.", lang="en").agreements
    assert [a.title for a in en] == ["Cooperation Plan for 2020 – 2021", "joint communiqué"]
    ru = extract("Сенат одобрил ратификацию Соглашения между правительством Республики Казахстан и правительством "
                 "Республики Узбекистан о регулировании деятельности Международного центра промышленной кооперации "
                 "«Центральная Азия», передает агентство.", lang="ru").agreements
    assert len(ru) == 1 and ru[0].title.endswith("«Центральная Азия»")
    uz = extract("Tomonlar qo'shma yo'l xaritalari imzolandi.", lang="uz").agreements
    assert [a.title for a in uz] == ["qo'shma yo'l xaritalari"]


def test_a_quoted_body_with_several_common_words_before_its_head_and_built_is_a_project():
    result = extract('Senat "Markaziy Osiyo" xalqaro sanoat kooperatsiyasi markazini qurish to\'g\'risidagi qonunni '
                     "ma'qulladi.", lang="uz")
    assert [o.name for o in result.organizations] == ['"Markaziy Osiyo" xalqaro sanoat kooperatsiyasi markazi']
    assert [p.name for p in result.projects] == ['"Markaziy Osiyo" xalqaro sanoat kooperatsiyasi markazi']


def test_a_kazakh_or_uzbek_comparison_period_is_not_the_figures_period():
    figures = extract("2018 yilning 11 oyi davomida o'zaro savdo hajmi 2017 yilning ushbu davriga nisbatan 55 foizga "
                      "oshib, 363 million dollarni tashkil etdi.", lang="uz").figures
    assert {(f.value, f.period) for f in figures if f.unit == "USD"} == {("363000000", "2018-01/2018-11")}


def test_organisations_in_the_possessive_and_in_the_accusative():
    en = extract("The figures were reported by the Kazakh Energy Ministry’s press service. The People’s Bank of "
                 "China agreed.", lang="en").organizations
    assert [o.name for o in en] == ["Kazakh Energy Ministry", "People’s Bank of China"]
    kk = extract("Соның ішінде Өңірлер басшылары кеңесін құру бар.", lang="kk").organizations
    assert [o.name for o in kk] == ["Өңірлер басшылары кеңесі"]


def test_what_a_plan_includes_and_two_names_joined_by_a_dash():
    measures = extract("The institutes signed a Joint Action Plan. The plan includes mutual expert visits, joint "
                       "article publication and holding consultations.", lang="en").measures
    assert [m.text for m in measures][:2] == ["mutual expert visits", "joint article publication"]
    dashed = extract("The parties proposed stepping up interaction on the Uzbekistan – Kazakhstan agenda and to "
                     "identify new areas of cooperation.", lang="en").measures
    assert [m.text for m in dashed] == ["stepping up interaction on the Uzbekistan – Kazakhstan agenda",
                                        "identify new areas of cooperation"]


def test_kazakh_and_uzbek_qualifiers_listed_before_one_noun_are_one_measure_each(split_fields):
    kk = extract("Кездесу барысында су-энергетикалық, транзиттік-көлік және мәдени-гуманитарлық ынтымақтастықтың "
                 "басым бағыттары талқыланды.", lang="kk").measures
    assert [m.text for m in kk] == ["су-энергетикалық ынтымақтастық басым бағыттары",
                                    "транзиттік-көлік ынтымақтастық басым бағыттары",
                                    "мәдени-гуманитарлық ынтымақтастық басым бағыттары"]
    uz = extract("Tomonlar savdo, investitsiya va transport sohalarida hamkorlikni kengaytirishni muhokama qildi.",
                 lang="uz").measures
    assert len(uz) == 3 and uz[0].text.startswith("savdo sohalari")


def test_turkic_weekday_dates_a_meeting_and_a_title_before_an_event_is_no_part_of_it():
    meetings = extract("Seshanba kuni Toshkentda «O'zbekiston-Qozog'iston» ishbilarmonlik kengashining birinchi "
                       "yig'ilishi bo'lib o'tdi.", lang="uz", published="2018-05-24").meetings
    assert [(m.title.startswith("Seshanba"), m.date) for m in meetings] == [(False, "2018-05-22")]
    events = extract("O'zbekiston Respublikasi Prezidenti Shavkat Mirziyoyev IHT sammitida ishtirok etdi. O'tgan yili "
                     "savdo o'sdi.", lang="uz").events
    assert [e.name for e in events] == ["IHT sammiti"]


def test_fields_after_a_reporting_tail_adjectives_sharing_a_noun_and_named_priorities(split_fields):
    en = extract("The sides discussed issues, including joint steps in trade, energy, logistics, cultural ties etc, "
                 "primeminister.kz said.", lang="en").measures
    assert {"joint steps in trade", "joint steps in energy", "joint steps in logistics"} <= {m.text for m in en}
    assert not any("said" in m.text for m in en)
    ru = extract("Стороны обсудили перспективы сотрудничества в транзитной и аграрной сферах, а также в "
                 "геологоразведке.", lang="ru").measures
    assert [m.text for m in ru] == ["перспективы сотрудничества в транзитной сферах",
                                    "перспективы сотрудничества в аграрной сферах",
                                    "перспективы сотрудничества в геологоразведке"]
    named = extract("He identified key priorities such as mutual trade expansion, investment cooperation, and "
                    "humanitarian exchanges.", lang="en").measures
    assert [m.text for m in named] == ["mutual trade expansion", "investment cooperation", "humanitarian exchanges"]


def test_objects_listed_before_one_verb_are_not_qualifiers_of_a_noun():
    uz = extract("Форумлар, семинарлар ва давра суҳбатлари ташкил этиш ҳамкорликнинг асосий йўналишларидир.",
                 lang="uz").measures
    assert len(uz) == 1 and "семинарлар ва давра суҳбатлари ташкил этиш" in uz[0].text


def test_fields_of_one_action_are_one_measure_unless_the_convention_splits_them(split_fields, monkeypatch):
    text = "The parties discussed cooperation in trade, energy and transport."
    assert [m.text for m in extract(text, lang="en").measures] == [
        "cooperation in trade", "cooperation in energy", "cooperation in transport"]
    ru = extract("Стороны обсудили взаимодействие в области торговли, инвестиций, энергетики.", lang="ru").measures
    assert [m.text for m in ru] == ["взаимодействие в области торговли", "взаимодействие в области инвестиций",
                                    "взаимодействие в области энергетики"]
    assert all(len(m.spans) == 2 for m in ru)
    monkeypatch.delenv("KENES_LEXICONS")
    lexicons.convention.cache_clear()
    assert [m.text for m in extract(text, lang="en").measures] == ["cooperation in trade, energy and transport"]


@pytest.mark.parametrize("text, lang, actions", [
    ("The sides discussed economic cooperation, in particular: increasing trade turnover, creating joint "
     "ventures and developing transport corridors.", "en",
     ["increasing trade turnover", "creating joint ventures", "developing transport corridors"]),
    ("На встрече были обсуждены вопросы экономического сотрудничества, в частности: увеличение товарооборота, "
     "создание совместных предприятий и развитие транспортных коридоров.", "ru",
     ["увеличение товарооборота", "создание совместных предприятий", "развитие транспортных коридоров"]),
    ("Кездесуде экономикалық ынтымақтастықты дамыту мәселелері талқыланды, атап айтқанда: тауар айналымын "
     "арттыру, бірлескен кәсіпорындар құру және көлік дәліздерін дамыту.", "kk",
     ["тауар айналымын арттыру", "бірлескен кәсіпорындар құру", "көлік дәліздерін дамыту"]),
    ("Muzokaralarda iqtisodiy hamkorlikni kengaytirish masalalari ko'rib chiqildi, xususan: savdo hajmini "
     "oshirish, qo'shma korxonalar tashkil etish va transport yo'laklarini rivojlantirish.", "uz",
     ["savdo hajmini oshirish", "qo'shma korxonalar tashkil etish", "transport yo'laklarini rivojlantirish"]),
])
def test_the_items_after_in_particular_and_a_colon_are_the_actions(text, lang, actions):
    measures = extract(text, lang=lang).measures
    assert [m.text for m in measures] == actions
    assert {m.stance for m in measures} == {"discussed"}
