"""Meetings: ordinal, body, date and format; repeated mentions are one meeting."""

from kenes.extraction.pipeline import extract


def test_it_reads_an_ordinal_meeting_of_a_body():
    text = ("The third meeting of the Kyrgyz-Tajik Business Council was held online on May 5, 2025. "
            "The meeting was chaired by both co-chairs.")
    meetings = extract(text, lang="en").meetings
    assert len(meetings) == 1
    m = meetings[0]
    assert (m.ordinal, m.date, m.format) == (3, "2025-05-05", "online")
    assert m.body == "Kyrgyz-Tajik Business Council"


def test_it_merges_later_mentions_of_a_russian_meeting_into_one_record():
    text = ("Бишкек, 3 марта 2023 года. В Бишкеке состоялось заседание межведомственной комиссии по водным ресурсам. "
            "Заседание провели заместители министров двух стран. По итогам заседания подписан протокол. "
            "В ходе переговоров с Исаевым стороны обсудили графики попусков.")
    result = extract(text, lang="ru")
    assert len(result.meetings) == 1
    # A dateline dates the report, not by itself the meeting (EXTRACTION.md); "today" does.
    assert result.meetings[0].date is None
    today = extract(text.replace("В Бишкеке состоялось", "Сегодня в Бишкеке состоялось"), lang="ru",
                    published="2023-03-03")
    assert [m.date for m in today.meetings] == ["2023-03-03"]


def test_it_prefers_the_date_in_the_text_to_the_dateline_and_finds_modified_meetings():
    text = ("OSH, May 20, 2023 – The fourth meeting of the Kyrgyz-Tajik Border Commission was held in Osh on May 18. "
            "Participants of a bilateral customs meeting held online on May 2 agreed on the agenda. "
            "The ministers held a meeting in Khujand in March 2022.")
    result = extract(text, lang="en")
    dates = sorted(m.date for m in result.meetings)
    assert "2023-05-18" in dates and "2023-05-20" not in dates
    assert any("customs meeting" in m.title and m.date == "2023-05-02" and m.format == "online"
               for m in result.meetings)


def test_it_reads_a_round_table_as_a_meeting_and_a_named_summit_as_an_event():
    text = ('On 4 April 2023, the institute hosted the round table "Water and Cities" in a hybrid format. '
            "Delegates will attend the Eurasian Green Finance Summit in Baku.")
    result = extract(text, lang="en")
    assert [(m.title, m.format) for m in result.meetings] == [('round table "Water and Cities"', "hybrid")]
    assert any("Green Finance Summit" in e.name for e in result.events)


def test_it_reads_a_phone_call_and_leaves_meetings_to_come_to_the_measures():
    text = ("Astana, 4 March 2025 – President Kassym-Jomart Tokayev held a telephone conversation with "
            "President of Mongolia Ukhnaagiin Khurelsukh. Tokayev proposed holding the fifth meeting of the "
            "intergovernmental commission in Ulaanbaatar. The next meeting of the business council will be "
            "held in Almaty in 2026.")
    result = extract(text, lang="en")
    assert [(m.title, m.format, m.date) for m in result.meetings] == [
        ("telephone conversation with President of Mongolia Ukhnaagiin Khurelsukh", "online", None)]
    assert "Kassym-Jomart Tokayev" in result.meetings[0].participants
    assert any(m.text.startswith("The next meeting of the business council") and m.stance == "planned"
               for m in result.measures)


def test_it_merges_a_bare_round_table_into_its_full_title_and_finds_its_organizers():
    text = ("Analysts gather at a roundtable in Almaty\n\nOn 12 May 2025 the Eurasian Research Institute hosted "
            "the roundtable \"Digital Trade in Central Asia\" with the support of the Caspian Policy Center.")
    result = extract(text, lang="en")
    assert len(result.meetings) == 1
    assert result.meetings[0].title == 'roundtable "Digital Trade in Central Asia"'
    assert "Caspian Policy Center" in result.meetings[0].organizers


def test_it_keeps_a_russian_visit_whole_and_not_a_video_link():
    text = ("Бишкек, 3 апреля 2025 года. Делегация Жогорку Кенеша находится с официальным визитом в Республике "
            "Узбекистан. Встреча прошла в гибридном формате: к переговорам по видеосвязи подключились эксперты.")
    titles = [m.title for m in extract(text, lang="ru").meetings]
    assert titles[0] == "официальным визитом в Республике Узбекистан"
    assert not any("видеосвяз" in t for t in titles)


def test_it_reads_rounds_of_consultations_and_a_later_videoconference_the_same_day():
    text = ("Statement on political consultations\n\n"
            "On 14 May the third round of political consultations between the foreign ministries of Kazakhstan "
            "and Japan was held in Astana. Later that day Deputy Minister Aibek Nurlanov held a videoconference "
            "with the UN Special Envoy for Central Asia, Maria Holm.")
    meetings = extract(text, lang="en", published="2025-05-15").meetings
    assert len(meetings) == 2
    assert meetings[0].title.startswith("third round of political consultations") and meetings[0].ordinal == 3
    assert meetings[1].title.startswith("videoconference with") and meetings[1].date == meetings[0].date == "2025-05-14"


def test_it_does_not_count_the_mode_of_talks_as_another_meeting():
    text = ("On 2 June Minister Aidar Saparov held talks by videoconference with Deputy Minister of Water "
            "of Tajikistan Rustam Nazarov.")
    meetings = extract(text, lang="en", published="2025-06-03").meetings
    assert len(meetings) == 1 and meetings[0].format == "online"


def test_it_reads_a_signing_ceremony_as_a_meeting_on_the_day_of_the_signing():
    text = ("Ташкент, 5 мая 2025 г. Вчера ректоры Бахтиёр Каримов и Асель Нурланова подписали соглашение о "
            "совместной магистратуре. В церемонии приняли участие студенты.")
    meetings = extract(text, lang="ru", published="2025-05-05").meetings
    assert len(meetings) == 1
    assert meetings[0].title == "подписание соглашение о совместной магистратуре"
    assert meetings[0].date == "2025-05-04"
    en = extract("Astana, 5 May 2025. The parties signed a protocol on customs cooperation. The signing ceremony "
                 "took place at the ministry.", lang="en", published="2025-05-05").meetings
    assert [m.title for m in en] == ["signing of the protocol on customs cooperation"]


def test_it_reads_a_meeting_told_by_its_verb_but_not_one_to_come():
    en = ("Astana, 3 March 2025. On the sidelines of the Astana International Forum, Minister of Trade Nurlan "
          "Sadykov met with Minister of Economy of Uzbekistan Ilkhom Norkulov.")
    meetings = extract(en, lang="en").meetings
    # (the dateline dates the report, not the meeting it tells of: EXTRACTION.md)
    assert [(m.title, m.date) for m in meetings] == [
        ("meeting with Minister of Economy of Uzbekistan Ilkhom Norkulov", None)]
    ru = ("Астана, 3 марта 2025 года. Министр торговли Нурлан Садыков встретился с министром экономики "
          "Узбекистана Ильхомом Норкуловым.")
    assert extract(ru, lang="ru").meetings[0].title.startswith("встреча с министром экономики")
    assert not extract("Minister Nurlan Sadykov will meet with Ilkhom Norkulov next week.", lang="en").meetings
    assert not extract("Astana, 3 March 2025. The minister met with journalists.", lang="en").meetings


def test_it_reads_a_meeting_told_by_receiving_or_holding_talks():
    en = extract("On 3 April, Prime Minister Olzhas Bektenov received the Uzbek delegation headed by Deputy Prime "
                 "Minister Jamshid Khodjaev. President Tokayev held talks with President Shavkat Mirziyoyev on "
                 "10 May 2025. The minister received a letter from Shavkat Mirziyoyev.",
                 lang="en", published="2025-05-11")
    assert sorted((m.title.split(" with ")[0], m.date) for m in en.meetings) == [("meeting", "2025-04-03"),
                                                                                ("talks", "2025-05-10")]
    ru = extract("3 апреля премьер-министр Олжас Бектенов принял делегацию Узбекистана во главе с Джамшидом "
                 "Ходжаевым. Министр принял участие в форуме.", lang="ru", published="2025-05-11")
    assert [m.date for m in ru.meetings] == ["2025-04-03"]


def test_a_meeting_on_a_day_of_the_week_is_dated_by_the_report():
    """A report of Wednesday 14 May 2025: "on Tuesday" is 13 May, not the report's own date."""
    text = "Foreign Minister Murat Nurtleu met with Foreign Minister Bakhtiyor Saidov in Astana on Tuesday."
    assert [m.date for m in extract(text, lang="en", published="2025-05-14").meetings] == ["2025-05-13"]
    ru = "Министр иностранных дел Мурат Нуртлеу встретился с Бахтиёром Саидовым во вторник."
    assert [m.date for m in extract(ru, lang="ru", published="2025-05-14").meetings] == ["2025-05-13"]


def test_a_session_said_to_be_held_on_a_past_day_is_recorded_even_after_ahead_of():
    text = ("Ahead of the 5th meeting of the Intergovernmental Commission, held in Astana on 3 May 2023, the "
            "ministers toured the new border crossing.")
    meetings = extract(text, lang="en", published="2023-06-01").meetings
    assert [m.date for m in meetings] == ["2023-05-03"]


def test_a_russian_meeting_name_ends_before_a_preposition_of_another_phrase():
    text = "Президент Казахстана Касым-Жомарт Токаев прибыл в Ташкент на встречу с президентом Узбекистана " \
           "Шавкатом Мирзиёевым для участия в заседании совета."
    titles = [m.title for m in extract(text, lang="ru", published="2026-05-03").meetings]
    assert not any("для" in t for t in titles), titles


def test_a_kazakh_or_uzbek_meeting_named_again_by_a_pointing_word_is_not_another_meeting():
    kk = ("Астана, 3 мамыр 2026 жыл. Бүгін Астанада Қазақстан мен Өзбекстан сыртқы істер министрлерінің "
          "кездесуі өтті. Аталған кездесу екі сағатқа созылды.")
    uz = ("Toshkent, 3-may 2026-yil. Bugun Toshkentda Oʻzbekiston va Qozogʻiston tashqi ishlar vazirlarining "
          "uchrashuvi boʻlib oʻtdi. Mazkur uchrashuv ikki soat davom etdi.")
    for text, lang in ((kk, "kk"), (uz, "uz")):
        meetings = extract(text, lang=lang).meetings
        assert len(meetings) == 1, [m.title for m in meetings]


def test_a_meeting_named_by_its_noun_alone_takes_the_names_of_who_met():
    en = extract("President Emomali Rahmon and President Sadyr Japarov held negotiations in Dushanbe.", lang="en")
    assert [m.title for m in en.meetings] == ["negotiations of Emomali Rahmon and Sadyr Japarov"]
    # «и.о.» (acting) does not end the sentence, so the minister's name stays with the talks.
    ru = extract("В Душанбе состоялись переговоры и.о. министра иностранных дел Узбекистана Владимира Норова с "
                 "министром иностранных дел Таджикистана Сирожиддином Мухриддином.", lang="ru")
    assert len(ru.meetings) == 1 and "Норов" in ru.meetings[0].title


def test_a_spelled_ordinal_and_the_present_tense_date_a_meeting_named_in_the_headline():
    text = ("Прошло 14-е заседание межправкомиссии\n\nДушанбе, 14 ноября 2025 г. Сегодня в Душанбе состоялось "
            "четырнадцатое заседание Межправительственной комиссии по экономическому сотрудничеству.")
    meetings = extract(text, lang="ru", published="2025-11-14").meetings
    assert [(m.ordinal, m.date) for m in meetings] == [(14, "2025-11-14")]
    present = extract("В Астане проходит встреча президентов Казахстана и Туркменистана.", lang="ru",
                      published="2022-10-15").meetings
    assert [m.date for m in present] == ["2022-10-15"]


def test_a_recalled_visit_and_a_meeting_whose_decisions_are_cited_are_meetings_of_their_own():
    text = ("Состоялась встреча Посла Кыргызстана Алмаза Исаева с Министром транспорта Узбекистана Ильхомом "
            "Каримовым.\n\nСтороны отметили итоги прошедшего официального визита Президента Кыргызстана в "
            "Узбекистан.\n\nПосол подчеркнул важность решений третьего заседания Межправительственной комиссии "
            "об открытии нового пункта пропуска.")
    titles = [m.title for m in extract(text, lang="ru").meetings]
    assert len(titles) == 3 and titles[0].startswith("встреча Посла Кыргызстана")
    assert titles[1].startswith("официального визита Президента Кыргызстана")
    assert titles[2].startswith("третьего заседания Межправительственной комиссии")  # not «решений …»


def test_a_meeting_told_by_its_verb_inside_another_meeting_is_a_meeting_of_its_own():
    meetings = extract("Minister Aibek Nurov, as part of his participation in the regular meeting of the Council of "
                       "Foreign Ministers in Baku, met with the Minister of Trade of Georgia Levan Beridze.").meetings
    assert len(meetings) == 2
    assert any("Levan Beridze" in m.title for m in meetings)


def test_kazakh_talks_conducted_are_a_meeting_dated_by_no_date_after_it():
    kk = extract("Премьер-министр Асқар Жұмабеков бейнеконференция режимінде Ербол Сәтбаевпен келіссөз жүргізді. "
                 "Келіссөз барысында 2021 жылдың қорытындысы бойынша сауда 33%-ға өскені атап өтілді.", lang="kk").meetings
    assert [(m.date, m.format) for m in kk] == [(None, "online")]
    assert sorted(kk[0].participants) == ["Асқар Жұмабеков", "Ербол Сәтбаев"]


def test_a_russian_meeting_the_subject_will_hold_is_no_meeting_held():
    ru = extract("В декабре рабочие группы двух стран проведут встречу в Алматы.", lang="ru").meetings
    assert ru == []
