"""Kazakh and Uzbek (Latin with every apostrophe, and Cyrillic): people, bodies, money, dates, measures and
meetings, from sentences written for these tests."""

import pytest

from kenes.extraction.pipeline import extract


def _people(text, lang):
    return {p.name: p for p in extract(text, lang=lang).people}


def test_it_reduces_a_kazakh_name_with_a_case_ending_to_the_nominative():
    text = ("Астанада Қазақстан энергетика министрі Бақытжан Сұлтанбековтың төрағалығымен кеңес өтті. "
            "Министр Тәжікстан елшісі Рустам Назаровпен кездесті.")
    people = _people(text, "kk")
    assert set(people) == {"Бақытжан Сұлтанбеков", "Рустам Назаров"}
    assert people["Бақытжан Сұлтанбеков"].roles[0].title == "энергетика министрі"
    assert people["Бақытжан Сұлтанбеков"].country == "KZ"
    # The evidence is the nominative as written inside the inflected word.
    start, end = people["Рустам Назаров"].spans[0]
    assert text[start:end] == "Рустам Назаров"


@pytest.mark.parametrize("apostrophe", ["\u02bb", "\u2018", "'", "`", "\u2019"])
def test_it_reads_uzbek_latin_names_and_titles_with_any_apostrophe(apostrophe):
    text = (f"O{apostrophe}zbekiston tashqi ishlar vaziri Jasurbek Normatovning taklifiga ko{apostrophe}ra "
            f"Qirg{apostrophe}iziston elchisi Nurbek Toktosunov bilan uchrashuv bo{apostrophe}lib o{apostrophe}tdi.")
    people = _people(text, "uz")
    assert set(people) == {"Jasurbek Normatov", "Nurbek Toktosunov"}
    assert people["Jasurbek Normatov"].roles[0].title == "tashqi ishlar vaziri"
    assert people["Jasurbek Normatov"].country == "UZ"


def test_it_reads_uzbek_cyrillic_names_with_a_genitive():
    text = "Ўзбекистон бош вазири Санжар Жўраевнинг Қозоғистонга ташрифи бўлиб ўтди."
    assert list(_people(text, "uz")) == ["Санжар Жўраев"]


def test_it_finds_bodies_by_their_head_noun_in_the_nominative():
    kk = extract("Бұл туралы Қазақстан Сыртқы істер министрлігінің баспасөз хатшысы хабарлады.", lang="kk")
    assert [o.name for o in kk.organizations] == ["Қазақстан Сыртқы істер министрлігі"]
    uz = extract("Bu haqda Energetika vazirligida bo‘lib o‘tgan majlisda ma’lum qilindi.", lang="uz")
    assert [o.name for o in uz.organizations] == ["Energetika vazirligi"]


def test_it_finds_a_lower_case_joint_body_with_its_remit():
    text = "Toshkentda transport bo‘yicha hukumatlararo komissiyaning navbatdagi yig‘ilishi o‘tkazildi."
    names = [o.name for o in extract(text, lang="uz").organizations]
    assert names == ["transport bo‘yicha hukumatlararo komissiya"]


def test_it_reads_money_with_a_case_ending_on_the_multiplier():
    uz = extract("2024 yilda ikki mamlakat o‘rtasidagi savdo hajmi $812,5 mlnga yetdi.", lang="uz")
    assert [(f.value, f.unit, f.period) for f in uz.figures] == [("812500000", "USD", "2024")]


def test_it_tells_a_kazakh_goal_from_a_reported_figure():
    text = ("Екі ел арасындағы тауар айналымы 2023 жылы 1,2 миллиард долларға жетті. "
            "Министрлер тауар айналымын 2 миллиард долларға дейін арттыру мақсатын қойды.")
    result = extract(text, lang="kk")
    assert [(f.value, f.period) for f in result.figures] == [("1200000000", "2023")]
    assert [t.value for t in result.targets] == ["2000000000"]


def test_it_dates_a_kazakh_meeting_held_on_a_day_of_the_reports_year():
    text = "Алматыда 12 наурызда Қазақстан мен Қырғызстан көлік министрлерінің кездесуі өтті."
    meetings = extract(text, lang="kk", published="2025-03-13").meetings
    assert [(m.title, m.date) for m in meetings] == [
        ("12 наурызда Қазақстан мен Қырғызстан көлік министрлерінің кездесуі", "2025-03-12")]


def test_it_reports_no_meeting_that_is_still_to_come():
    text = "Hukumatlararo komissiyaning navbatdagi yig‘ilishi may oyida Samarqandda o‘tkaziladi."
    assert extract(text, lang="uz").meetings == []


def test_it_splits_coordinated_kazakh_actions_before_the_cue():
    text = ("Кездесуде тараптар шекара бекеттерін жаңғыртуды және жүк тасымалын ұлғайтуды талқылады.")
    measures = extract(text, lang="kk").measures
    assert [(m.text, m.stance) for m in measures] == [
        ("шекара бекеттерін жаңғыртуды", "discussed"), ("жүк тасымалын ұлғайтуды", "discussed")]


def test_it_reads_an_uzbek_plan_and_an_agreement():
    text = ("Tomonlar Sirdaryo bo‘yida qo‘shma logistika markazini qurishni rejalashtirmoqda. "
            "Shuningdek, tomonlar chegara savdosini kengaytirishga kelishib oldilar.")
    measures = extract(text, lang="uz").measures
    assert [(m.text, m.stance) for m in measures] == [
        ("Sirdaryo bo‘yida qo‘shma logistika markazini qurishni", "planned"),
        ("chegara savdosini kengaytirishga", "agreed")]


def test_it_finds_kazakh_and_uzbek_agreements_with_their_status():
    kk = extract("Сенат Қазақстан мен Моңғолия арасындағы көлік қатынасы туралы келісімді ратификациялады. "
                 "Тараптар бірлескен іс-қимылға келісімге келді.", lang="kk")
    assert [(a.title, a.status) for a in kk.agreements] == [
        ("Сенат Қазақстан мен Моңғолия арасындағы көлік қатынасы туралы келісім", "in_force")]
    uz = extract("Vazirlar suv resurslaridan foydalanish bo‘yicha yo‘l xaritasini imzoladilar.", lang="uz")
    assert [(a.title, a.status) for a in uz.agreements] == [
        ("suv resurslaridan foydalanish bo‘yicha yo‘l xaritasi", "signed")]


def test_it_names_an_uzbek_project_after_its_proper_name_and_counts_it_in_words():
    text = ("Yashil-2 GES qurilishi loyihasi bo‘yicha hujjat imzolandi. "
            "Shuningdek, Chirchiq daryosida ikkita kichik GES qurish rejalashtirilgan.")
    projects = {p.name: p for p in extract(text, lang="uz").projects}
    assert "Yashil-2 GES" in projects
    assert projects["Chirchiq daryosida ikkita kichik GES"].count == 2


def test_it_finds_a_kazakh_event_held():
    text = "Астанада «Жасыл энергетика» халықаралық көрмесі өтті."
    events = extract(text, lang="kk").events
    assert [(e.name, e.status) for e in events] == [("«Жасыл энергетика» халықаралық көрмесі", "held")]


def test_it_splits_two_objects_each_marked_as_such_before_one_kazakh_verb():
    text = "Министрлер көлік келісімінің жобасын, кеден хаттамасының жобасын қол қоюға дайындады."
    measures = extract(text, lang="kk").measures
    assert [m.text for m in measures] == ["көлік келісімінің жобасын", "кеден хаттамасының жобасын қол қоюға"]


def test_it_reads_a_visit_to_come_as_no_measure_but_holding_a_meeting_as_one():
    text = ("Prezidentning Dushanbega tashrifi 12-13 may kunlariga rejalashtirilgan. "
            "Tomonlar qo‘shma komissiya yig‘ilishini o‘tkazishni rejalashtirmoqda.")
    assert [m.text for m in extract(text, lang="uz").measures] == [
        "qo‘shma komissiya yig‘ilishini o‘tkazishni"]


def test_it_names_a_lower_case_event_by_what_it_is_dedicated_to():
    text = "Samarqandda shahar tashkil topganining 2750 yilligiga bag‘ishlangan xalqaro konferensiya bo‘lib o‘tdi."
    events = extract(text, lang="uz").events
    assert [(e.name, e.status) for e in events] == [
        ("shahar tashkil topganining 2750 yilligiga bag‘ishlangan xalqaro konferensiya", "held")]


def test_quick_checks_read_letters_as_ignorecase_does_and_skip_back_references():
    """The quick checks search the lower-cased text: a dotless ı or a long ſ still counts as i or s
    (as IGNORECASE has it), so no cue is lost; patterns with back-references are not joined."""
    from kenes.extraction.quick import AnyOf

    check = AnyOf(["discuss(?:ed)?", "kelishib oldi"])
    # A dotted İ makes the lower case longer: then the text is searched as it is, ignoring case.
    assert check.search("The ministers dıscussed water.") and check.search("KELİSHİB OLDİ")
    assert check.search("they kelıshıb oldılar") and not check.search("nothing here")
    assert AnyOf.of(["(a)b", r"(c)\1"]) is None and AnyOf.of(["(?P<x>a)", "(?P<x>b)"]) is None
    uz = "Tomonlar suv resurslaridan birgalikda foydalanishni kengaytirishga kelıshıb oldılar."
    assert [m.stance for m in extract(uz, lang="uz").measures] == [m.stance for m in extract(
        uz.replace("ı", "i"), lang="uz").measures] != []


def test_it_reads_what_uzbek_parties_take_on():
    result = extract("Tomonlar chegaradosh daryolar bo‘yicha gidrologik ma’lumotlar almashish majburiyatini oladi.",
                     lang="uz")
    assert [(m.text, m.stance) for m in result.measures] == [
        ("chegaradosh daryolar bo‘yicha gidrologik ma’lumotlar almashish", "agreed")]


def test_a_title_after_a_body_is_that_bodys():
    kk = extract("Қазақстан стратегиялық зерттеулер институтының директоры Ерік Тоқтаров баяндама жасады.", lang="kk")
    assert [(r.title, r.organization) for p in kk.people for r in p.roles] == [
        ("директоры", "Қазақстан стратегиялық зерттеулер институты")]
    uz = extract("Strategik va mintaqalararo tadqiqotlar instituti direktori Eldor Aripov ma’ruza qildi.", lang="uz")
    assert [(r.title, r.organization) for p in uz.people for r in p.roles] == [
        ("direktori", "Strategik va mintaqalararo tadqiqotlar instituti")]


def test_it_reads_an_agreement_reached_after_the_action():
    uz = extract("Chegaradosh hududlarda qo‘shma sanoat zonasini tashkil etish bo‘yicha kelishuvga erishildi. "
                 "Tomonlar tovar aylanmasini oshirish bo‘yicha ishlarni davom ettirishga kelishdi.", lang="uz")
    assert [m.stance for m in uz.measures] == ["agreed", "agreed"]
    assert uz.measures[0].text.startswith("Chegaradosh hududlarda qo‘shma sanoat zonasini tashkil etish")
    kk = extract("Тараптар шекарада бірлескен сауда орталығын салу туралы келісімге қол жеткізілді.", lang="kk")
    # ("туралы", "about", says what the agreement is on: the action ends before it)
    assert [(m.text, m.stance) for m in kk.measures] == [("шекарада бірлескен сауда орталығын салу", "agreed")]


def test_an_ambassador_is_of_the_country_in_the_genitive_not_the_one_he_is_posted_in():
    kk = extract("Өзбекстанның Қазақстандағы елшісі Сайдикрам Ниязхожаев сөз сөйледі.", lang="kk")
    uz = extract("O‘zbekistonning Qozog‘istondagi elchisi Saidikram Niyazxo‘jayev so‘zga chiqdi. "
                 "Bosh vazir Abdulla Aripov delegatsiyani qabul qildi.", lang="uz")
    assert [(p.country, [r.title for r in p.roles]) for p in kk.people] == [("UZ", ["елшісі"])]
    assert [(p.country, [r.title for r in p.roles]) for p in uz.people] == [("UZ", ["elchisi"]), (None, ["Bosh vazir"])]


def test_a_kazakh_or_uzbek_goal_has_its_indicator_and_deadline():
    kk = extract("Тараптар тауар айналымын 2030 жылға қарай 10 миллиард долларға жеткізуді көздейді.", lang="kk")
    uz = extract("Tomonlar 2030-yilga qadar tovar aylanmasini 10 milliard dollarga yetkazishga kelishdi.", lang="uz")
    assert [(t.indicator, t.value, t.deadline) for t in kk.targets] == [("тауар айналымын", "10000000000", "2030")]
    assert [(t.indicator, t.value, t.deadline) for t in uz.targets] == [("tovar aylanmasini", "10000000000", "2030")]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("kk", "Тараптар жылыжай кешенін салуды көздеп отыр.", {"жылыжай кешенін салуды": "planned"}),
    ("kk", "Облыста жаңа көпір салу жоспарда.", {"жаңа көпір салу": "planned"}),
    ("kk", "Министрлер келесі айда екі зауытты іске қосады.", {"келесі айда екі зауытты": "planned"}),
    ("kk", "Тараптар көлік дәліздерін дамыту мәселелерін талқылайды.",
     {"көлік дәліздерін дамыту мәселелерін": "discussed"}),
    ("kk", "Тараптар шекарадағы өткізу пункттерін жаңартуға дайындығын растады.",
     {"шекарадағы өткізу пункттерін жаңартуға": "agreed"}),
    ("uz", "Hokimlar qo‘shma logistika markazini qurish yuzasidan aniq takliflar berdi.",
     {"qo‘shma logistika markazini qurish": "proposed"}),
    ("uz", "Madaniy almashinuvni kengaytirish muhimligi ta’kidlandi.", {"Madaniy almashinuvni kengaytirish": "proposed"}),
    # "… ishga tushirilishi hamda … imzolanishi kutilmoqda": two actions, each a verbal noun in the possessive.
    ("uz", "Forum doirasida yangi zavodlar ishga tushirilishi hamda savdo shartnomalari imzolanishi kutilmoqda.",
     {"yangi zavodlar ishga tushirilishi": "planned", "savdo shartnomalari imzolanishi": "planned"}),
    # Importance or need said of the action before it; a title opening the clause is who speaks.
    ("kk", "Министр теміржол тасымалын ұлғайту маңызды екенін атап өтті.", {"теміржол тасымалын ұлғайту": "proposed"}),
    ("kk", "Мемлекет басшысы су ресурстарын бірлесіп басқарудың мәні зор екенін айтты.",
     {"су ресурстарын бірлесіп басқарудың": "proposed"}),
    ("kk", "Шекарадағы өткізу бекеттерін жаңғырту қажет.", {"Шекарадағы өткізу бекеттерін жаңғырту": "proposed"}),
    ("uz", "Vazir temir yo‘l tashuvlarini ko‘paytirish muhim ekanligini ta’kidladi.",
     {"temir yo‘l tashuvlarini ko‘paytirish": "proposed"}),
    ("uz", "Chegara postlarini modernizatsiya qilish zarur.", {"Chegara postlarini modernizatsiya qilish": "proposed"}),
    # Readiness or intention said at the end of the clause.
    ("kk", "Тараптар жолаушылар автобустарын жеткізуге дайын.", {"жолаушылар автобустарын жеткізуге": "agreed"}),
    ("uz", "Tomonlar yo‘lovchi avtobuslarini yetkazib berishga tayyor.",
     {"yo‘lovchi avtobuslarini yetkazib berishga": "agreed"}),
    ("uz", "Tomonlar viloyatda sement zavodi qurish niyatida.", {"viloyatda sement zavodi qurish": "planned"}),
    # What must or can be done.
    ("kk", "Бұл қауіптерді бірлесіп қана еңсеруге болады.", {"қауіптерді бірлесіп қана еңсеруге": "proposed"}),
    ("kk", "Жұмыс өңір деңгейінде жүргізілуге тиіс.", {"Жұмыс өңір деңгейінде жүргізілуге": "proposed"}),
    ("uz", "Chegara postlarini birgalikda modernizatsiya qilish mumkin.",
     {"Chegara postlarini birgalikda modernizatsiya qilish": "proposed"}),
])
def test_it_reads_kazakh_and_uzbek_aims_plans_launches_readiness_and_proposals(lang, text, expected):
    assert {m.text: m.stance for m in extract(text, lang=lang).measures} == expected


def test_a_kazakh_or_uzbek_telephone_conversation_is_a_meeting_held_online():
    kk = extract("Сыртқы істер министрі Ерлан Сапаров әріптесі Анвар Каримовпен телефон арқылы сөйлесті.",
                 lang="kk").meetings
    assert [(m.format, sorted(m.participants)) for m in kk] == [("online", ["Анвар Каримов", "Ерлан Сапаров"])]
    uz = extract("Vazir Anvar Karimov hamkasbi Erlan Saparov bilan telefon orqali suhbatlashdi.", lang="uz").meetings
    assert [m.format for m in uz] == ["online"]
    assert extract("Vazirlar Toshkentda uchrashdi.", lang="uz").meetings[0].format is None


def test_two_uzbek_names_side_by_side_are_two_people():
    names = _people("Prezident Sanjar Rahimov Anvar Karimovning taklifi bilan Xivaga keldi.", "uz")
    assert {"Sanjar Rahimov", "Anvar Karimov"} <= set(names)


def test_a_kazakh_body_of_a_body_is_one_name_and_a_word_in_the_dative_is_no_part_of_it():
    names = [o.name for o in extract("Жиынға ҚР Парламенті Сенатының депутаттары қатысты.", lang="kk").organizations]
    assert names == ["ҚР Парламенті Сенаты"]


def test_kazakh_and_uzbek_meetings_held_today_recalled_or_named_after_their_participle():
    kk = extract("Тараптар жобаларды бүгін Шымкентте өткен аймақаралық форумның екінші отырысында талқылады.",
                 lang="kk", published="2024-07-12").meetings
    assert [(m.title, m.date) for m in kk] == [("аймақаралық форумның екінші отырысы", "2024-07-12")]
    # A second meeting with no date is a meeting of its own, unless it only names the first one again.
    uz = extract("Vazirlar Toshkentda uchrashuv o‘tkazib, hamkorlikni muhokama qildi. "
                 "Samarqandda bo‘lib o‘tgan ekspertlar yig‘ilishidagi takliflar ham ko‘rib chiqildi. "
                 "Tashrif doirasida ko‘rgazma bo‘lib o‘tdi. Bir qator uchrashuvlar bo‘lib o‘tdi.", lang="uz").meetings
    assert len(uz) == 2 and uz[1].title == "ekspertlar yig‘ilishi"  # the noun in the nominative


def test_a_session_the_talks_were_held_ahead_of_is_still_to_come():
    meetings = extract("Minister Nurlan Bekov met with his Kyrgyz counterpart Azamat Osmonov ahead of the "
                       "9th session of the Joint Commission in Osh.", lang="en").meetings
    assert [m.title for m in meetings] == ["meeting with his Kyrgyz counterpart Azamat Osmonov"]


def test_a_case_ending_after_a_hyphen_on_the_multiplier_keeps_the_amount():
    kk = extract("Тауар айналымы $1,2 млрд-тан асты.", lang="kk")
    uz = extract("Savdo hajmi 3 mlrd dollar-dan oshdi.", lang="uz")
    assert [f.value for f in kk.figures] == ["1200000000"]
    assert [f.value for f in uz.figures] == ["3000000000"]


def test_kazakh_bodies_named_by_a_bare_council_or_an_assembly_and_no_web_address():
    names = [o.name for o in extract("Ташкентте Жоғары мемлекетаралық кеңестің отырысы өтті. Облыстық Қазақстан "
                                     "халқы Ассамблеясының өкілдері қатысты, деп хабарлайды NEWS.KZ министрліктің "
                                     "баспасөз қызметіне сілтеме жасап.", lang="kk").organizations]
    assert names == ["Жоғары мемлекетаралық кеңес", "Облыстық Қазақстан халқы Ассамблеясы"]


@pytest.mark.parametrize(("lang", "text", "absent"), [
    ("kk", "Министр Ерлан Сапаров кәсіпкерлерге кеңес берді.", "кеңес"),
    ("kk", "Бұл ғимарат Кеңес дәуірінде салынған.", "Кеңес"),
    ("kk", "Қазақстан қоғамы бұл бастаманы қолдады.", "қоғамы"),
])
def test_a_common_noun_that_can_head_a_name_is_no_body_by_itself(lang, text, absent):
    assert not any(absent in o.name for o in extract(text, lang=lang).organizations)


def test_place_names_that_end_like_a_case_stay_in_a_bodys_name():
    uz = [o.name for o in extract("Bugun Olmaota Menejment Universiteti talabalari keldi.", lang="uz").organizations]
    assert uz == ["Olmaota Menejment Universiteti"]
    text = "ҚР Парламенті Сенатының депутаттары келді."
    assert [o.name for o in extract(text, lang="kk").organizations] == ["ҚР Парламенті Сенаты"]


def test_interviews_mobile_phones_and_meetings_with_several_agreements():
    uz = extract("Vazir O‘zA muxbiriga bergan suhbatida mobil telefonlar ishlab chiqarish haqida gapirdi.",
                 lang="uz").meetings
    assert uz == []
    kk = extract("Бірқатар келісімдерге қол қойылған кездесу Астанада өтті.", lang="kk").meetings
    assert len(kk) == 1 and kk[0].format is None


def test_today_dates_only_the_meeting_it_is_said_of():
    text = ("Vazirlik bugun ma’lum qilishicha, ekspertlar yig‘ilishi o‘tgan hafta Samarqandda bo‘lib o‘tdi.")
    meetings = extract(text, lang="uz", published="2024-05-10").meetings
    assert [m.date for m in meetings] == [None]


def test_an_ordinary_uzbek_word_ending_like_a_verbal_noun_is_no_action():
    found = [m.text for m in extract("Hokimlar maktab qurish, 5 ming kishi uchun uy-joy barpo etishni taklif "
                                     "qildi.", lang="uz").measures]
    assert "5 ming kishi" not in found


def test_a_known_body_named_by_its_acronym_takes_its_name_in_the_texts_script_and_language():
    # Only the acronym is written: Uzbek Latin text gets the Uzbek Latin name, not the Russian alias
    # (the reader of an Uzbek text does not expect Russian); a full name in the text is kept as written.
    latin = extract("Toshkentda MDH davlatlari rahbarlari norasmiy uchrashuvi bo‘lib o‘tdi.", lang="uz").organizations
    assert [(o.name, o.acronym) for o in latin] == [("Mustaqil Davlatlar Hamdo‘stligi", "MDH")]
    kazakh = extract("Астанада Шанхай ынтымақтастық ұйымы (ШЫҰ) сарапшылары бас қосты.", lang="kk").organizations
    assert [o.name for o in kazakh] == ["Шанхай ынтымақтастық ұйымы"]


@pytest.mark.parametrize("text, expected", [
    # A meeting's noun before a frame's postposition is the frame, not an action before it.
    ("Кездесу барысында ынтымақтастықтың басым бағыттары талқыланды.",
     ("ынтымақтастықтың басым бағыттары", "discussed")),
    ("Ауыл шаруашылығы саласындағы байланыстарды нығайту басым міндет ретінде белгіленді.",
     ("Ауыл шаруашылығы саласындағы байланыстарды нығайту", "agreed")),
    ("Тараптар саяси диалогты одан әрі нығайтуға бейілді екенін растады.",
     ("саяси диалогты одан әрі нығайтуға", "agreed")),
])
def test_kazakh_frames_and_cues_of_agreed_aims(text, expected):
    assert [(m.text, m.stance) for m in extract(text, lang="kk").measures] == [expected]


@pytest.mark.parametrize("text, lang, titles", [
    # the visit is the frame of the signing: it took place
    ("Қырғыз Республикасы Президенті Садыр Жапаровтың Қазақстан Республикасына ресми сапары барысында екі "
     "меморандумға қол қойылды.", "kk",
     ["Қырғыз Республикасы Президенті Садыр Жапаровтың Қазақстан Республикасына ресми сапары"]),
    # a decision of a meeting: the meeting was held
    ("Үкіметаралық комиссияның үшінші отырысының шешіміне сәйкес сарапшылар тобы құрылды.", "kk",
     ["Үкіметаралық комиссияның үшінші отырысы"]),
    ("Tojikiston Prezidenti Emomali Rahmonning O‘zbekistonga rasmiy tashrifi doirasida o‘nta hujjat imzolandi.",
     "uz", ["Tojikiston Prezidenti Emomali Rahmonning O‘zbekistonga rasmiy tashrifi"]),
    # still to come: no meeting
    ("Kelgusi yil davlat tashrifi doirasida hujjatlar imzolanishi rejalashtirilgan.", "uz", []),
])
def test_a_meeting_framing_what_the_sentence_reports_was_held(text, lang, titles):
    assert [m.title for m in extract(text, lang=lang).meetings] == titles


@pytest.mark.parametrize("text, lang, expected", [
    # the people who act open the clause; a place in the attributive locative belongs to what follows
    ("Karimov va Sultanov savdo va transport masalalarini muhokama qildi.", "uz", ["savdo va transport masalalarini"]),
    ("Shuningdek, Afg‘onistondagi vaziyat yuzasidan fikr almashildi.", "uz", ["Afg‘onistondagi vaziyat"]),
])
def test_a_measure_starts_after_who_acts_and_ends_before_what_it_is_about(text, lang, expected):
    assert [m.text for m in extract(text, lang=lang).measures] == expected


def test_uzbek_aggregate_projects_with_their_count_value_and_portfolio():
    projects = extract("Hozirgi kunda investitsiya hajmi $1,2 milliarddan ortiq bo‘lgan 40 ta qo‘shma loyiha amalga "
                       "oshirilmoqda. Qo‘shma loyihalar portfeli 700 million dollarga yetdi.", lang="uz").projects
    assert [(p.count, p.value, p.unit) for p in projects] == [(40, "1200000000", "USD"), (None, "700000000", "USD")]


@pytest.mark.parametrize("text, lang, name", [
    # a ministry's two remits joined inside its name
    ("Меморандумға Қазақстан Республикасы Сауда және интеграция министрлігі қол қойды.", "kk",
     "Қазақстан Республикасы Сауда және интеграция министрлігі"),
    # a quoted name, its legal form in Kazakh words (with і and ң), and the legal form's head
    ("Бұл туралы «Алтынсүт» акционерлік қоғамы хабарлады.", "kk", "«Алтынсүт» акционерлік қоғамы"),
    ("Mehmonlar «Buxoro gilamlari» gilam fabrikasiga tashrif buyurdi.", "uz", "«Buxoro gilamlari» gilam fabrikasi"),
])
def test_kazakh_and_uzbek_bodies_with_joined_remits_and_legal_forms(text, lang, name):
    assert name in [o.name for o in extract(text, lang=lang).organizations]


def test_two_countries_joined_are_not_one_body():
    assert not any("және" in o.name for o in extract("Қазақстан және Қырғызстан министрлігі келісті.", lang="kk").organizations)


def test_countries_and_their_leaders_in_the_possessive_are_who_acts_not_the_action():
    measures = extract("Қырғызстан мен Өзбекстан президенттері бірқатар бірлескен жобаларды іске қосады.", lang="kk").measures
    assert [m.text for m in measures] == ["бірқатар бірлескен жобаларды"]


def test_a_kazakh_or_uzbek_list_under_a_heading_of_issues_discussed_is_one_measure_a_line():
    kk = extract("Кездесу өтті.\nНегізгі талқыланған мәселелер:\n- Көлік дәліздерін дамыту.\n"
                 "- Су ресурстарын бірлесіп басқару.", lang="kk")
    assert {m.text: m.stance for m in kk.measures} == {"Көлік дәліздерін дамыту": "discussed",
                                                        "Су ресурстарын бірлесіп басқару": "discussed"}
    uz = extract("Uchrashuv bo‘lib o‘tdi.\nMuhokama qilingan asosiy masalalar:\n- Transport yo‘laklarini rivojlantirish.\n"
                 "- Suv resurslarini birgalikda boshqarish.", lang="uz")
    assert {m.text: m.stance for m in uz.measures} == {"Transport yo‘laklarini rivojlantirish": "discussed",
                                                        "Suv resurslarini birgalikda boshqarish": "discussed"}


def test_a_kazakh_or_uzbek_programme_title_keeps_the_years_it_opens_with_and_adoption_to_come_is_not_signing():
    uz = extract("Prezident 2024–2034 yillarga mo‘ljallangan hamkorlik dasturi qabul qilinishini qo‘llab-quvvatladi.",
                 lang="uz").agreements
    assert [(a.title, a.status) for a in uz] == [("2024–2034 yillarga mo‘ljallangan hamkorlik dasturi", "planned")]
    kk = extract("Үкімет 2030 жылға дейінгі ынтымақтастық бағдарламасын бекітті.", lang="kk").agreements
    assert [(a.title, a.status) for a in kk] == [("2030 жылға дейінгі ынтымақтастық бағдарламасы", "signed")]


def test_kazakh_items_after_a_noun_list_and_after_also_are_actions_of_their_own():
    kk = extract("Үкімет басшылары көлік байланыстарын одан әрі дамыту, өнеркәсіп, энергетика және туризм салаларындағы "
                 "бірлескен жобаларды іске асыру барысы, сондай-ақ су шаруашылығы саласындағы өзара іс-қимыл "
                 "мәселелерін талқылады.", lang="kk")
    assert [m.text for m in kk.measures] == [
        "көлік байланыстарын одан әрі дамыту",
        "өнеркәсіп, энергетика және туризм салаларындағы бірлескен жобаларды іске асыру барысы",
        "су шаруашылығы саласындағы өзара іс-қимыл мәселелерін"]


def test_a_kazakh_or_uzbek_goal_before_a_dash_announces_the_actions_after_it():
    kk = extract("– Біздің негізгі мақсатымыз – сауда көлемін екі есеге арттыру және жаңа логистика орталықтарын ашу, "
                 "– деді министр.", lang="kk")
    assert {m.text: m.stance for m in kk.measures} == {"сауда көлемін екі есеге арттыру": "proposed",
                                                       "жаңа логистика орталықтарын ашу": "proposed"}
    uz = extract("Asosiy maqsadimiz – savdo hajmini ikki baravar oshirish va yangi logistika markazlarini ochish, – dedi vazir.",
                 lang="uz")
    assert {m.text for m in uz.measures} == {"savdo hajmini ikki baravar oshirish", "yangi logistika markazlarini ochish"}


def test_bilateral_counts_nothing_and_a_meeting_title_takes_the_script_of_the_names():
    uz = extract("Tashrif doirasida ikki tomonlama loyihalarning ishga tushirilish marosimi bo‘lib o‘tdi.", lang="uz")
    assert all(p.count != 2 for p in uz.projects)
    cyr = extract("Бош вазир Абдулла Арипов Қирғизистон Бош вазири ўринбосари Акрам Мадумаровни қабул қилди.",
                  lang="uz").meetings
    assert [m.title for m in cyr] == ["Абдулла Арипов ва Акрам Мадумаров учрашуви"]


def test_a_document_noun_inside_a_body_s_name_is_no_document():
    kk = extract("Президенттер Ұжымдық қауіпсіздік шарты ұйымының саммитіне қатысты.", lang="kk")
    assert kk.agreements == []


def test_a_kazakh_surname_before_another_in_the_accusative_is_two_people():
    kk = extract("Президент Нұрлан Сапаров Ерлан Бекмұратовты құттықтады. Сапаров Бекмұратовты сайлануымен құттықтады.",
                 lang="kk")
    assert {p.name for p in kk.people} == {"Нұрлан Сапаров", "Ерлан Бекмұратов"}


@pytest.mark.parametrize("text", [
    "Ikki davlat o'rtasida yangi avtomobil yo'lini qurish mo'ljallanmoqda. "
    "Tomonlar savdo hajmini 10 milliard dollarga yetkazish bo'yicha fikr almashdilar.",
    "Икки давлат ўртасида янги автомобил йўлини қуриш мўлжалланмоқда. "
    "Томонлар савдо ҳажмини 10 миллиард долларга етказиш бўйича фикр алмашдилар.",
])
def test_an_uzbek_measure_cue_is_found_in_either_alphabet(text):
    # The lexicon writes these cues in Latin only; the Cyrillic text is matched by their spelled twins.
    measures = extract(text, lang="uz").measures
    assert [m.stance for m in measures] == ["planned", "discussed"]
    assert measures[0].text.endswith(("qurish", "қуриш"))


@pytest.mark.parametrize("text, expected", [
    ("O'zbekiston tomoni chegara postini sutkalik rejimga o'tkazish taklifini bildirmoqda.",
     [("chegara postini sutkalik rejimga o'tkazish", "proposed")]),
    ("Chegara postlari orqali yuk mashinalari o'tkazuvchanligini sutkasiga 700 tagacha kengaytirish taklifi berildi.",
     [("Chegara postlari orqali yuk mashinalari o'tkazuvchanligini sutkasiga 700 tagacha kengaytirish", "proposed")]),
    # "it is noted that a draft was prepared": a report, not a plan
    ("Kelishuvlarga o'zgartirishlar kiritish loyihasi ishlab chiqilgani qayd etiladi.", []),
])
def test_uzbek_proposals_put_now_or_before_and_a_noted_report(text, expected):
    assert [(m.text, m.stance) for m in extract(text, lang="uz").measures] == expected


def test_a_kazakh_passive_future_of_a_stem_in_l_is_a_plan():
    # сал- + -ын- + -ады: "will be built"; (the passive of a stem ending in л takes -ын-, not -ыл-)
    measures = extract("Жаңа логистикалық орталық шекара маңындағы 400 гектар жерге салынады.", lang="kk").measures
    assert [(m.text, m.stance) for m in measures] == [("Жаңа логистикалық орталық шекара маңындағы 400 гектар жерге",
                                                       "planned")]


@pytest.mark.parametrize("text, expected", [
    ("Birinchi bosqichda zona tashkil etish ishlari yakunlandi. Sakkizta sanoat binosi qurildi.",
     [("Birinchi bosqichda zona tashkil etish ishlari", "implemented"), ("Sakkizta sanoat binosi", "implemented")]),
    ("Ички йўлларни такомиллаштириш, коммунал тармоқларни ўрнатиш ишлари олиб борилмоқда.",
     [("Ички йўлларни такомиллаштириш", "implemented"), ("коммунал тармоқларни ўрнатиш", "implemented")]),
    ("Barcha ishlar yil oxiriga qadar yakunlanadi.", [("Barcha ishlar yil oxiriga qadar", "planned")]),
])
def test_uzbek_work_done_under_way_or_to_be_finished(text, expected):
    assert [(m.text, m.stance) for m in extract(text, lang="uz").measures] == expected


def test_goods_shown_to_the_public_are_no_proposal():
    text = "Көрмеде облыстың кәсіпорындары өз өнімдерін жұртшылық назарына ұсынды."
    assert extract(text, lang="kk").measures == []



@pytest.mark.parametrize("text, lang, title", [
    ("Моңғолия Президентінің Қазақстанға мемлекеттік сапары аясында тараптар жаңа межеге уағдаласты.", "kk",
     "Моңғолия Президентінің Қазақстанға мемлекеттік сапары"),
    ("Mo'g'uliston Prezidentining O'zbekistonga davlat tashrifi doirasida tomonlar kelishib oldi.", "uz",
     "Mo'g'uliston Prezidentining O'zbekistonga davlat tashrifi"),
])
def test_whose_visit_it_is_in_the_genitive_is_part_of_its_title(text, lang, title):
    result = extract(text, lang=lang)
    assert [m.title for m in result.meetings] == [title]
    # the visit frames the sentence: what was agreed is not the visit
    assert all("сапар" not in m.text and "tashrif" not in m.text for m in result.measures)


def test_a_visit_that_begins_today_is_a_meeting_of_the_day_of_the_report():
    text = "Мемлекет басшысының шақыруымен бүгін елімізге Моңғолия Президенті Ухнаагийн Хурэлсух ресми сапармен келеді."
    meetings = extract(text, lang="kk", published="2024-03-14").meetings
    assert [m.date for m in meetings] == ["2024-03-14"]
    # who invited frames the clause; the visitor is in the title
    assert "Хурэлсух" in meetings[0].title and "шақыруымен" not in meetings[0].title


def test_a_visit_said_to_come_on_another_day_is_not_held_yet():
    text = "Келесі аптада елімізге Моңғолия Президенті Ухнаагийн Хурэлсух ресми сапармен келеді."
    assert extract(text, lang="kk", published="2024-03-14").meetings == []


@pytest.mark.parametrize("text, lang, stance, words", [
    # a two-letter stem in the passive future ("аш-ылады"): what will be done
    ("Шекарада 16 өткізу пункті ашылады.", "kk", "planned", "өткізу пункті"),
    # the reciprocal of agreeing ("kelish-ish-di"), after the action in the dative
    ("Tomonlar logistika markazi qurilishi imkoniyatlarini ko'rib chiqishga kelishishdi.", "uz", "agreed",
     "logistika markazi"),
    ("Тараптар өңіраралық байланыстарды кеңейтпек.", "kk", "planned", "өңіраралық байланыстарды"),
    ("Енді көлік дәліздерін дамыту маңызды.", "kk", "proposed", "көлік дәліздерін дамыту"),
    ("Екі ел арасындағы білім беру саласындағы ынтымақтастық жалғасуда.", "kk", "implemented", "ынтымақтастық"),
    ("Tadbirkorlar darajasida faol almashinuvlar davom etmoqda.", "uz", "implemented", "faol almashinuvlar"),
    ("Ikki davlat o'rtasidagi aviaqatnovlar qayta tiklandi.", "uz", "implemented", "aviaqatnovlar"),
])
def test_a_turkic_verb_form_gives_the_measure_its_stance(text, lang, stance, words):
    measures = extract(text, lang=lang).measures
    assert [m.stance for m in measures] == [stance]
    assert words in measures[0].text


def test_things_listed_before_one_verbal_noun_are_one_action_each():
    text = ("Шунингдек, Самарқандда “Навбаҳор” логистика маркази, Бухорода янги тўқимачилик фабрикаси ҳамда "
            "пойтахтларда “Сирдарё” ва “Амударё” савдо уйлари қурилиши бошланди.")
    measures = extract(text, lang="uz").measures
    assert [m.text for m in measures] == [
        "“Навбаҳор” логистика маркази қурилиши", "Бухорода янги тўқимачилик фабрикаси қурилиши",
        "пойтахтларда “Сирдарё” ва “Амударё” савдо уйлари қурилиши"]
    assert {m.stance for m in measures} == {"implemented"}


def test_things_a_verbal_noun_acts_on_stay_one_action():
    text = "Tomonlar siyosat, savdo va iqtisodiyot sohalarida hamkorlikni saqlashga kelishib oldi."
    assert len(extract(text, lang="uz").measures) == 1


def test_a_regional_administration_after_a_framing_word_is_a_body():
    text = "Өз кезегінде Түркістан облысының әкімдігі Самарқанд вилоятының хокиматымен меморандумға қол қойды."
    names = [o.name for o in extract(text, lang="kk").organizations]
    assert names == ["Түркістан облысының әкімдігі", "Самарқанд вилоятының хокиматы"]


def test_a_bare_meeting_noun_is_named_by_the_two_people_of_the_sentence_before():
    text = ("Шавкат Мирзиёев Қасым-Жомарт Тоқаевқа қонақжайлық танытқаны үшін алғыс білдірді. "
            "Кездесу барысында мемлекет басшылары ынтымақтастықты дамыту перспективасын талқылады.")
    meetings = extract(text, lang="kk").meetings
    assert [(m.title, m.participants) for m in meetings] == [
        ("Шавкат Мирзиёев мен Қасым-Жомарт Тоқаев кездесу", ["Шавкат Мирзиёев", "Қасым-Жомарт Тоқаев"])]


def test_an_undated_headline_meeting_takes_the_date_of_the_same_peoples_visit_in_the_body():
    text = ("Abdulla Aripov Xo'jand shahrida Qohir Rasulzoda bilan muzokaralar o'tkazdi.\n"
            "O'zbekiston bosh vaziri Abdulla Aripov 24-aprel kuni Tojikistonga tashrif buyurdi.")
    meetings = extract(text, lang="uz", published="2021-04-26").meetings
    assert [m.date for m in meetings] == ["2021-04-24"]
    assert "Rasulzoda" in meetings[0].title
