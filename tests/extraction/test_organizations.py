"""Organisations: generic name patterns, acronyms, stated status, Russian bodies."""

import re

import pytest

from kenes.extraction.pipeline import extract


def test_it_finds_an_institute_with_its_acronym():
    text = "Experts of the Center for Economic Research under the Ministry of Economy of Tajikistan (CER) met."
    orgs = extract(text, lang="en").organizations
    assert orgs[0].acronym == "CER"
    assert orgs[0].name.startswith("Center for Economic Research")


def test_it_reads_the_stated_status():
    text = "The ministers welcomed the establishment of the Joint Investment Council. Plans are underway for a Council of Transport Ministers."
    status = {o.name: o.status for o in extract(text, lang="en").organizations}
    assert status["Joint Investment Council"] == "established"
    assert status["Council of Transport Ministers"] == "planned"


def test_it_finds_a_russian_body_in_the_nominative():
    text = "Состоялось третье заседание совместной межправительственной комиссии по торговле."
    names = [o.name for o in extract(text, lang="ru").organizations]
    assert names == ["совместная межправительственная комиссия по торговле"]


def test_every_organisation_span_shows_its_name():
    text = "The Ministry of Agriculture of Kyrgyzstan and the National Bank of Tajikistan signed it."
    result = extract(text, lang="en")
    for org in result.organizations:
        assert any(org.name.split()[-1] in text[a:b] for a, b in org.spans)


def _orgs(text, lang):
    return [o.name for o in extract(text, lang=lang).organizations]


def test_it_keeps_russian_names_whole_across_po_pri_republic_and_commas():
    text = ("Заседание провело Министерство энергетики, водных ресурсов и экологии Республики Казахстан. "
            "Участвовал Комитет по делам молодёжи при Правительстве Республики Таджикистан.")
    names = _orgs(text, "ru")
    assert "Министерство энергетики, водных ресурсов и экологии Республики Казахстан" in names
    assert "Комитет по делам молодёжи при Правительстве Республики Таджикистан" in names
    # the government the committee is under stands for its country: no organisation of its own
    assert "Правительство Республики Таджикистан" not in names


def test_it_stops_a_russian_organisation_before_the_persons_name():
    text = "Выступил директор Департамента экономики Министерства финансов Казахстана Марат Оспанов."
    names = _orgs(text, "ru")
    assert "Департамент экономики Министерства финансов Казахстана" in names
    assert not any("Марат" in n for n in names)


def test_it_finds_russian_organisations_without_a_head_word():
    text = ("Договор подписали АО «Казахтелеком» и ГУП «Барки Точик». Председатель правления Tech Garden "
            "Kazakhstan Арман Бекетов выступил с докладом.")
    names = _orgs(text, "ru")
    assert "АО «Казахтелеком»" in names
    assert "ГУП «Барки Точик»" in names
    assert "Tech Garden Kazakhstan" in names


def test_it_does_not_emit_a_bare_working_group():
    text = ("Создана совместная рабочая группа по вопросам энергетики. Следующее заседание рабочей группы "
            "пройдёт в Бишкеке.")
    names = _orgs(text, "ru")
    assert "рабочая группа" not in names
    assert any(n.startswith("совместная рабочая группа по вопросам") for n in names)


def test_it_does_not_let_an_english_organisation_run_into_a_person():
    text = "Speakers included Ivan Petrov, professor at the University of Leeds, and Aliya Nurlanova, an analyst."
    names = _orgs(text, "en")
    assert "University of Leeds" in names
    assert not any("Aliya" in n for n in names)


def test_it_finds_english_organisations_without_a_head_word():
    text = ("Aidos Bekov, Chairman of the Management Board of Samruk-Energy, spoke. Kazakhstan Temir Zholy (KTZ) "
            "and Uzbekistan Airways JSC signed it, the national carrier Somon Air joined, as did the "
            "Erasmus+ National Office in Tajikistan, reported KunUz.")
    names = _orgs(text, "en")
    assert "Samruk-Energy" in names
    assert not any(n.startswith(("Board", "Management Board")) for n in names)
    assert "Kazakhstan Temir Zholy" in names
    assert "Uzbekistan Airways JSC" in names
    assert "Somon Air" in names
    assert "Erasmus+ National Office in Tajikistan" in names
    assert "KunUz" in names


def test_it_finds_a_working_group_named_by_its_remit():
    text = "The parties agreed to set up a working group on cross-border trade. It will meet in May."
    assert "working group on cross-border trade" in _orgs(text, "en")


def test_it_splits_two_russian_bodies_joined_by_i_and_closes_a_quoted_name():
    text = ("Форум организовали Торгово-промышленная палата Кыргызстана и Национальная палата "
            "предпринимателей Республики Казахстан «Атамекен». Директор Республиканского центра по борьбе "
            "с диабетом Айбек Мамытов выступил.")
    names = _orgs(text, "ru")
    assert "Торгово-промышленная палата Кыргызстана" in names
    assert "Национальная палата предпринимателей Республики Казахстан «Атамекен»" in names


def test_every_russian_organisation_name_is_vouched_for_by_its_evidence():
    text = "Стороны договорились создать совместную транспортную компанию и открыть торговый дом."
    result = extract(text, lang="ru")
    for org in result.organizations:
        seen = " ".join(text[a:b] for a, b in org.spans).lower()
        assert sum(w[:-2] in seen for w in org.name.lower().split()) * 2 >= len(org.name.split())


def test_it_splits_two_coordinated_bodies_and_reads_only_capital_acronyms():
    text = ("A memorandum between the Ministry of Energy of the Kyrgyz Republic and the Ministry of Energy of "
            "the Republic of Tajikistan was signed with support of the Aralsk Institute (Geneva) and the "
            "Ministries of Health and of Education.")
    orgs = {o.name: o for o in extract(text, lang="en").organizations}
    assert "Ministry of Energy of the Kyrgyz Republic" in orgs
    assert "Ministry of Energy of the Republic of Tajikistan" in orgs
    assert orgs["Aralsk Institute"].acronym is None
    assert "Ministry of Health" in orgs and "Ministry of Education" in orgs


def test_it_keeps_a_long_enumerated_remit_and_drops_a_based_prefix_and_a_city():
    text = ("The 9th meeting of the Kazakh-Turkmen Intergovernmental Commission on Trade, Economic, Scientific, "
            "Technical and Cultural Cooperation (IGC) will be held in Ashgabat in May. Almaty-based Steppe Mining "
            "Group LLP joined the Joint Business Council in Astana in June.")
    orgs = {o.name: o for o in extract(text, lang="en").organizations}
    igc = next(o for o in orgs.values() if o.acronym == "IGC")
    assert igc.name.endswith("Technical and Cultural Cooperation")
    assert "Steppe Mining Group LLP" in orgs
    assert "Joint Business Council" in orgs


def test_it_finds_lower_case_regional_bodies_with_their_country():
    text = ("Делегация акимата Жамбылской области посетила хокимият Сурхандарьинской области. "
            "Переговоры прошли в здании хокимията Сурхандарьинской области.")
    orgs = {o.name: o for o in extract(text, lang="ru").organizations}
    assert orgs["акимат Жамбылской области"].country == "KZ"
    assert orgs["хокимият Сурхандарьинской области"].country == "UZ"
    assert len(orgs["хокимият Сурхандарьинской области"].spans) == 2


def test_it_reads_a_native_parliament_name_after_an_oblique_title():
    text = ("Депутаты встретились с Председателем Маджлиси милли Маджлиси Оли Республики Таджикистан "
            "Рустамом Эмомали. Стороны создали межпарламентскую группу дружбы «Таджикистан – Узбекистан».")
    result = extract(text, lang="ru")
    person = result.people[0]
    assert person.roles[0].organization == "Маджлиси милли Маджлиси Оли Республики Таджикистан"
    assert person.country == "TJ"
    names = [o.name for o in result.organizations]
    assert any(n.startswith("межпарламентская группа дружбы") for n in names)


def test_it_keeps_acronyms_as_written_so_the_evidence_shows_them():
    text = ("Представители Евразийской экономической комиссии (ЕЭК) напомнили о правилах ЕАЭС. "
            "Позже ЕАЭС и ЕЭК провели консультации.")
    orgs = extract(text, lang="ru").organizations
    acronyms = {o.acronym for o in orgs}
    assert {"ЕЭК", "ЕАЭС"} <= acronyms
    for o in orgs:
        shown = " ".join(text[a:b] for a, b in o.spans)
        assert o.acronym in shown or o.name.split()[0][:5] in shown


def test_it_reads_status_stated_before_or_after_a_body():
    text = ("The ministers agreed to establish a Joint Council on Digital Trade. The Aral Research Center, "
            "which was established in 2021, presented a report. The Eurasian Water Institute is already "
            "operational in Almaty.")
    status = {o.name: o.status for o in extract(text, lang="en").organizations}
    assert status["Joint Council on Digital Trade"] == "planned"
    assert status["Aral Research Center"] == "established"
    assert status["Eurasian Water Institute"] == "operational"
    ru = "Стороны договорились создать совместную рабочую группу по цифровизации таможни."
    assert extract(ru, lang="ru").organizations[0].status == "planned"


def test_it_reads_a_body_under_discussion_as_planned():
    text = ("Участники обсудили также идею создания Центральноазиатского водного консорциума. "
            "The sides discussed the possible creation of the Regional Logistics Council.")
    for lang, body in (("ru", "консорциум"), ("en", "Council")):
        orgs = [o for o in extract(text, lang=lang).organizations if body in o.name]
        assert orgs and orgs[0].status == "planned", (lang, orgs)


def test_it_stops_a_russian_body_at_a_preposition():
    text = "Заседание комиссии по экономическому сотрудничеству под председательством министра прошло в Бишкеке."
    names = [o.name for o in extract(text, lang="ru").organizations]
    assert not any("под" in n.split() for n in names), names


def test_it_finds_companies_by_their_legal_shape():
    text = ('The deals include a loan between "Qizilqum Cement" JSC and Hebei Longteng Machinery Co., Ltd. '
            'and a contract under which the agroholding "Andijan Mevalari" will ship apricots.')
    names = [o.name for o in extract(text, lang="en").organizations]
    assert '"Qizilqum Cement" JSC' in names
    assert "Hebei Longteng Machinery Co., Ltd." in names
    assert "Andijan Mevalari" in names


def test_it_reads_a_un_body_a_regional_khokimiyat_and_a_status_stated_by_the_head_noun():
    text = ("Experts of UN Women visited the Khokimiyat of Namangan Region. The United Nations welcomed the visit.")
    names = [o.name for o in extract(text, lang="en").organizations]
    assert "UN Women" in names and "Khokimiyat of Namangan Region" in names
    un = next(o for o in extract(text, lang="en").organizations if o.name == "United Nations")
    assert all(text[a:b] != "UN" for a, b in un.spans)
    ru = ("Состоялось заседание Казахстанско-таджикского делового совета. Напомним, что совет был учреждён в 2023 году.")
    council = next(o for o in extract(ru, lang="ru").organizations if "совет" in o.name)
    assert council.status == "established"


def test_it_ends_a_russian_body_before_a_person_with_an_unknown_given_name():
    text = "Выступил директор Агентства водных ресурсов Таджикистана Сухроб Назаров."
    person = _people_ru(text)["Сухроб Назаров"]
    assert person.roles[0].organization == "Агентство водных ресурсов Таджикистана"


def _people_ru(text):
    return {p.name: p for p in extract(text, lang="ru").people}


def test_it_reads_a_university_named_after_a_person_and_skips_a_plural_heading():
    text = ("Вузы Казахстана и Узбекистана расширяют обмены\n\nРектор Таджикского государственного "
            "педагогического университета имени Садриддина Айни Фарход Рахимзода и проректор по учебной работе "
            "Каракалпакского государственного университета Азиз Турдыбаев подписали меморандум.")
    names = [o.name for o in extract(text, lang="ru").organizations]
    assert not any(n.startswith("Вузы") for n in names), names
    people = _people_ru(text)
    assert people["Фарход Рахимзода"].roles[0].organization.endswith("имени Садриддина Айни")
    role = people["Азиз Турдыбаев"].roles[0]
    assert role.title == "проректор по учебной работе"
    org = next(o for o in extract(text, lang="ru").organizations if o.name.startswith("Каракалпак"))
    assert org.status is None


def test_it_reads_a_company_by_its_legal_suffix_and_merges_the_short_form():
    text = ("The plant is owned by Austria's Solartech GmbH and Almaty-based Kaspi Glass LLP. "
            "A spokesman of Kaspi Glass said the line opens in May.")
    orgs = extract(text, lang="en").organizations
    names = [o.name for o in orgs]
    assert "Solartech GmbH" in names and "Kaspi Glass LLP" in names
    assert "Kaspi Glass" not in names


def test_it_keeps_a_commission_between_two_republics_whole():
    text = ("Состоялось заседание Межправительственной комиссии по торгово-экономическому сотрудничеству "
            "между Республикой Казахстан и Республикой Кыргызстан.")
    names = [o.name for o in extract(text, lang="ru").organizations]
    assert any(n.endswith("между Республикой Казахстан и Республикой Кыргызстан") for n in names), names


def test_it_reads_an_agreed_or_future_body_as_planned():
    ru = "Стороны договорились о создании совместного логистического центра. Вузы откроют совместный центр водных исследований."
    orgs = extract(ru, lang="ru").organizations
    assert orgs and all(o.status == "planned" for o in orgs), orgs
    en = ("The rector proposed launching joint degrees in hydrology and establishing a Consortium of Mountain "
          "Universities.")
    org = next(o for o in extract(en, lang="en").organizations if "Consortium" in o.name)
    assert org.status == "planned"


def test_it_reads_a_three_word_head():
    text = "The plan was approved by the Cabinet of Ministers of the Republic of Tajikistan last week."
    names = [o.name for o in extract(text, lang="en").organizations]
    assert "Cabinet of Ministers of the Republic of Tajikistan" in names, names


def test_it_reads_a_later_head_phrase_as_the_body_named_in_full_before():
    text = ("The Kazakh-Kyrgyz Water Council met in Taraz. The experts of the Water Council agreed on a new "
            "forecast model.")
    names = [o.name for o in extract(text, lang="en").organizations]
    assert names == ["Kazakh-Kyrgyz Water Council"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_quick_status_check_never_skips_a_window_a_status_pattern_reads(lang):
    """A language's "organization hint" lets ``_status_before`` skip windows at once: each window before a
    word of the dev corpus, the regression samples and the examples below that any of the language's
    organization_before cues reads holds a hint word (lexicons/<lang>/status_cues.tsv)."""
    import glob
    from pathlib import Path

    from kenes.extraction import lexicons
    from kenes.extraction.pipeline import status_hint

    examples = [
        "The ministers proposed launching an industrial zone and establishing a ", "agreed to set up the ",
        "договорились о создании ", "решили учредить совместный ", "откроют новый ", "will launch a ",
        "discussed the possible creation of the ", "обсуждалась идея создания ", "plans are underway for the ",
        "будет провести ", "already operating ", "действующий ", "newly established ", "недавно созданный ",
        "operationalisation of the ", "функционирование ", "establishment of the ", "создание ",
        "FORMATION OF A ", "Учреждение ",
    ]
    patterns = [pattern for _, pattern in lexicons.status_rows(lang, "organization_before")]
    hint = status_hint(lang)
    assert patterns and hint is not None
    root = Path(__file__).resolve().parents[2]
    texts = examples + [Path(p).read_text(encoding="utf-8") for p in
                        glob.glob(str(root / "tests/extraction/**/*.txt"), recursive=True)
                        + glob.glob(str(root.parent / "shared/corpus/dev/*.txt"))]
    read = 0
    for text in texts:
        for end in [len(text)] + [m.start() for m in re.finditer(r"\b\w", text)]:
            window = text[max(0, end - 160) : end]
            if any(pattern.search(window) for pattern in patterns):
                read += 1
                assert hint.search(window), window
    assert read >= len(examples) // 2


def test_a_body_at_work_is_said_in_whole_words_not_inside_cooperation_or_development():
    def status(text):
        return [o.status for o in extract(text).organizations]

    assert status("The ministers praised the operation of the Joint Investment Council.") == ["operational"]
    assert status("The ministers praised the cooperation of the Joint Investment Council.") == [None]
    assert status("Министры отметили работу Совместного инвестиционного совета.") == ["operational"]
    assert status("Министры обсудили вопросы разработки Совместного инвестиционного совета.") == [None]


def test_a_body_named_again_by_its_head_noun_takes_the_status_the_sentence_states():
    text = ("The ministers met the members of the Joint Investment Council and the Aral Research Center. "
            "The council was established in June 2024 by the two governments.")
    status = {o.name: o.status for o in extract(text, lang="en").organizations}
    assert status == {"Joint Investment Council": "established", "Aral Research Center": None}
    ru = ("Министры встретились с членами Совместного инвестиционного совета. "
          "Этот совет был создан в июне 2024 года.")
    assert [o.status for o in extract(ru, lang="ru").organizations] == ["established"]
    # Two bodies with the same head noun: "the council" names neither.
    both = ("The ministers met the Joint Investment Council and the Business Council. "
            "The council was established in June 2024.")
    assert all(o.status is None for o in extract(both, lang="en").organizations)


def test_it_finds_a_ministry_written_in_lower_case_by_its_remit():
    text = ("Officials of the ministry of foreign affairs of Uzbekistan and the ministry of investment, industry "
            "and trade took part. The ministry said more later.")
    names = sorted(o.name for o in extract(text, lang="en").organizations)
    assert names == ["ministry of foreign affairs of Uzbekistan", "ministry of investment, industry and trade"]


def test_and_the_before_another_capitalised_body_starts_a_second_body():
    text = ("Memoranda were signed between the Committee on Television and Radio Broadcasting of Tajikistan and the "
            "National Television and Radio Company of Uzbekistan, and between the Federation of Trade Unions of "
            "Tajikistan and the Khukumat of the Samarkand Region. The Russian Federation welcomed it.")
    names = {o.name for o in extract(text, lang="en").organizations}
    assert {"Committee on Television and Radio Broadcasting of Tajikistan",
            "National Television and Radio Company of Uzbekistan", "Federation of Trade Unions of Tajikistan",
            "Khukumat of the Samarkand Region"} <= names
    assert "Russian Federation" not in names  # a country, though its name ends on a head noun


def test_a_person_and_title_before_an_uzbek_body_are_not_part_of_its_name():
    text = ("Ўзбекистон Республикаси Президенти Шавкат Мирзиёев Иқтисодий ҳамкорлик ташкилоти саммитида иштирок этди. "
            "Forumda «O‘zbekiston-Qozog‘iston» ishbilarmonlik kengashi a’zolari qatnashdi.")
    names = {o.name for o in extract(text, lang="uz").organizations}
    assert "Иқтисодий ҳамкорлик ташкилоти" in names
    assert "«O‘zbekiston-Qozog‘iston» ishbilarmonlik kengashi" in names


@pytest.mark.parametrize("text, names", [
    ("The minister visited the joint venture Steppe Auto Works, which opened in May.", {"Steppe Auto Works"}),
    ("Sewing began at the garment factory Silk Road Apparel last year.", {"Silk Road Apparel"}),
    ("Contracts were signed with TraktorHoldingKZ and UZTrans on the supply of tractors.",
     {"TraktorHoldingKZ", "UZTrans"}),
])
def test_a_company_named_after_its_kind_or_by_its_brand_shape_is_a_body(text, names):
    assert names <= {o.name for o in extract(text, lang="en").organizations}


def test_known_intergovernmental_bodies_their_acronyms_with_a_case_ending_and_no_traveller_before_a_name():
    kk = extract("Мемлекет басшылары Беларуске Ұжымдық қауіпсіздік шарты ұйымының саммитіне барды. "
                 "Жүктерді ЕАЭО-дан үш маман тексереді.", lang="kk").organizations
    assert {o.name for o in kk} >= {"Ұжымдық қауіпсіздік шарты ұйымы"}
    assert any(o.acronym == "ЕАЭО" for o in kk)
    assert not any("Беларуске" in o.name or "Мемлекет" in o.name for o in kk)
    uz = extract("Loyihani Yevropa tiklanish va taraqqiyot banki moliyalashtiradi.", lang="uz").organizations
    assert [o.name for o in uz] == ["Yevropa tiklanish va taraqqiyot banki"]


@pytest.mark.parametrize("text, lang, names", [
    ("Көрмеде «Абзал и К» ТС, «Аралтұз» АҚ және «Смарт Раббер» ЖШС өз өнімдерін көрсетті.", "kk",
     {"Абзал и К", "Аралтұз", "Смарт Раббер"}),
    ("Ko'rgazmada \"Navbahor textile\" MChJ va \"Qizilqum sement\" AJ mahsulotlari namoyish etildi.", "uz",
     {"Navbahor textile", "Qizilqum sement"}),
    ("Меморандум подписали ТОО «Казахстанская логистика» и ООО «Ташкентский терминал».", "ru",
     {"Казахстанская логистика", "Ташкентский терминал"}),
])
def test_a_quoted_name_with_a_legal_form_is_a_company(text, lang, names):
    found = {o.name for o in extract(text, lang=lang).organizations}
    # (the Russian finder names a company with its form, «ТОО «X»», as Russian texts and readers do)
    assert all(any(name == o or lang == "ru" and name in o for o in found) for name in names), found
    # the legal form is not a name of its own, and the word "ақ" (white) is not a legal form
    assert not any(o in found for o in ("ТС", "АҚ", "ЖШС", "MChJ", "AJ", "ТОО", "ООО"))


def test_the_word_ak_in_lower_case_is_not_a_legal_form():
    text = "Олар «Жібек жолы» бойымен ақ түсті көліктермен жүрді."
    assert [o.name for o in extract(text, lang="kk").organizations] == []


@pytest.mark.parametrize("apostrophe", ["'", "\u02bb", "\u2018", "`"])
def test_a_known_uzbek_body_is_found_whatever_apostrophe_the_text_writes(apostrophe):
    name = f"O{apostrophe}zbekiston temir yo{apostrophe}llari"
    text = f"{name} AJ vakillari Toshkentda uchrashdi."
    found = {o.name: o.country for o in extract(text, lang="uz").organizations}
    # the text's own spelling, not the gazetteer's
    assert found == {name: "UZ"}


def test_a_demonstrative_and_a_kind_of_body_opening_a_sentence_is_no_name():
    text = "Банк открыл филиал в Ташкенте. Данная компания также планирует расширение."
    assert _orgs(text, "ru") == []


def test_a_country_possessive_after_and_starts_another_body_without_its_country():
    text = ("The fund was set up with the participation of the National Centre for Export Promotion and "
            "Tajikistan's Orion Bank, Tajikistan Stock Exchange, and Union of Insurers.")
    assert _orgs(text, "en") == ["National Centre for Export Promotion", "Orion Bank", "Tajikistan Stock Exchange",
                                 "Union of Insurers"]


def test_a_ministry_by_its_short_name_and_country_is_a_body():
    text = "Глава МИД Таджикистана провел переговоры. Минтранс Казахстана подписал меморандум с Минэнерго Узбекистана."
    assert [(o.name, o.country) for o in extract(text, lang="ru").organizations] == [
        ("МИД Таджикистана", "TJ"), ("Минтранс Казахстана", "KZ"), ("Минэнерго Узбекистана", "UZ")]
