"""The briefing pack: what it holds for whom, the PDF and DOCX it becomes, the download and the command."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kenes.council import briefing, services
from kenes.directory import services as directory_services
from kenes.indicators import services as indicators
from kenes.inventory import services as inventory
from kenes.workplan import services as workplan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 1)
KAZAKH_NAME = "Әлихан Қасымұлы Нұрғалиев"
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ"
UZBEK_NAME = "Gʻayrat Oʻrinboyev"  # with the okina, U+02BB
AGENDA = {
    "en": ["Water diplomacy in Central Asia", "Transport corridors and logistics"],
    "ru": ["Водная дипломатия в Центральной Азии", "Транспортные коридоры и логистика"],
}


def _version(meeting):
    meeting.refresh_from_db()
    return meeting.version


@pytest.fixture
def council(alice, parties, directory):
    """A body with a plan, its first meeting (decisions, one followed up) and the upcoming second one."""
    body = directory_services.create_organization(alice, name_en="Kazakhstan-Uzbekistan Expert Council",
                                                  name_ru="Казахстанско-узбекский экспертный совет",
                                                  kind="council", visibility="public")
    workplan.create_plan(alice, title_en="Work plan 2024–2025", title_ru="План работы на 2024–2025 годы", body=body,
                         period_start="2024", period_end="2025", status="approved", visibility="public")
    kazakh = directory_services.create_person(
        alice, name_en="Alikhan Nurgaliyev", name_kk=KAZAKH_NAME, party=parties["KZ"], visibility="public",
        biography_en="Water economist; led the basin studies of the Syr Darya.",
        biography_ru="Экономист-водник, руководил бассейновыми исследованиями Сырдарьи.")
    # Nothing in English or Russian: the pack falls back to the Uzbek spelling and biography.
    uzbek = directory_services.create_person(alice, name_uz=UZBEK_NAME, party=parties["UZ"], visibility="public",
                                             biography_uz="Transport boʻyicha ekspert.")
    first = services.create_meeting(alice, title_en="First meeting of the Expert Council",
                                    title_ru="Первое заседание Экспертного совета", body=body, ordinal=1,
                                    date="2024-03-15", status="held", visibility="public")
    followed = services.add_decision(alice, first, version=_version(first), text_en="Prepare a joint study of water data",
                                     text_ru="Подготовить совместное исследование водных данных",
                                     owner_organization=directory["kaziss"], due=datetime.date(2024, 9, 1))
    item = services.make_work_item(alice, followed, version=_version(first))
    workplan.post_update(alice, item, text="Data exchange protocol drafted", percent=40)
    services.add_decision(alice, first, version=_version(first), text_en="Hold a youth forum on connectivity",
                          text_ru="Провести молодёжный форум о взаимосвязанности")
    second = services.create_meeting(
        alice, title_en="Second meeting of the Expert Council", title_ru="Второе заседание Экспертного совета",
        body=body, ordinal=2, starts_at=datetime.datetime(2025, 6, 10, 5, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 6, 10, 8, 0, tzinfo=datetime.UTC), time_zone="Asia/Almaty", place="Astana",
        format="hybrid", participants=[kazakh, uzbek], visibility="public")
    services.set_role(alice, second, kazakh, "chair", version=_version(second))
    return {"body": body, "first": first, "second": second, "kazakh": kazakh, "uzbek": uzbek, "item": item,
            **directory}


@pytest.fixture
def pack_data(alice, council):
    """The agenda, measures before and since the first meeting (one restricted), a target with figures."""
    new = inventory.create_measure(alice, title_en="Joint platform for transboundary water data",
                                   title_ru="Совместная платформа трансграничных водных данных",
                                   first_proposed_on="2024-11", occasion="Talks of the water ministers",
                                   visibility="public")
    restricted = inventory.create_measure(alice, title_en="Sensitive border delimitation talks",
                                          first_proposed_on="2025-01-20", visibility="restricted")
    inventory.create_measure(alice, title_en="Older proposal on rail tariffs", first_proposed_on="2023-05",
                             visibility="public")
    # Proposed in the month of the first meeting: perhaps at it, so not counted as new.
    inventory.create_measure(alice, title_en="Seed exchange between research stations", first_proposed_on="2024-03",
                             visibility="public")
    second = council["second"]
    for (english, russian), presenter, minutes, measures in (
            ((AGENDA["en"][0], AGENDA["ru"][0]), council["kazakh"], 40, [new]),
            ((AGENDA["en"][1], AGENDA["ru"][1]), council["uzbek"], 30, [restricted])):
        services.add_agenda_item(alice, second, version=_version(second), title_en=english, title_ru=russian,
                                 duration_minutes=minutes, presenters=[presenter], measures=measures)
    trade = indicators.create_indicator(alice, name_en="Mutual trade turnover", name_ru="Взаимный товарооборот",
                                        unit="USD", visibility="public")
    indicators.create_target(alice, indicator=trade, value=Decimal("10000000000"), deadline="2030",
                             visibility="public")
    for party, value in (("KZ", "4400000000"), ("UZ", "4180000000")):
        indicators.create_observation(alice, indicator=trade, period="2023", value=Decimal(value),
                                      reporting_party=council["kazakh"].party if party == "KZ"
                                      else council["uzbek"].party, visibility="public")
    return council


def _pdf_text(data: bytes) -> tuple[str, int]:
    """Every page rendered to an image (it must not fail) and the text read back, whitespace folded."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    texts = []
    for page in document:
        bitmap = page.render(scale=1)
        image = bitmap.to_pil()
        assert image.width > 500 and image.height > 700
        # A rendered page is not blank: some pixels are dark (text was drawn with a font that has the glyphs).
        assert image.convert("L").getextrema()[0] < 100
        texts.append(page.get_textpage().get_text_bounded())
    pages = len(document)
    document.close()
    return " ".join(" ".join(texts).split()), pages


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


# --- what the pack holds --------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_renders_every_pdf_page_and_the_text_has_the_agenda_and_both_scripts_names(alice, pack_data, language):
    pack = briefing.build(pack_data["second"], alice, language, today=TODAY)
    text, pages = _pdf_text(briefing.render(pack, "pdf"))
    assert pages >= 2
    for title in AGENDA[language]:
        assert title in text
    assert KAZAKH_NAME in text and all(letter in text.upper() for letter in "ӘҚҰҒ")
    assert UZBEK_NAME in text and "\u02bb" in text
    # Every page says which it is of how many ("Page 2 of 3"), whatever the words around the numbers.
    for page in range(1, pages + 1):
        assert re.search(rf"\b{page}\D{{1,12}}{pages}\b", text)


def test_the_docx_holds_the_same_agenda_and_names(alice, pack_data):
    for language in ("en", "ru"):
        pack = briefing.build(pack_data["second"], alice, language, today=TODAY)
        text = _docx_text(briefing.render(pack, "docx"))
        assert all(title in text for title in AGENDA[language])
        assert KAZAKH_NAME in text and UZBEK_NAME in text


def test_it_lists_measures_proposed_since_the_last_meeting_only_to_those_who_may_see_them(alice, mark, pack_data):
    for_secretariat = briefing.build(pack_data["second"], alice, "en", today=TODAY)
    titles = [entry.title for entry in for_secretariat.new_measures]
    assert titles == ["Joint platform for transboundary water data", "Sensitive border delimitation talks"]
    assert for_secretariat.agenda[1].measures == ["Sensitive border delimitation talks"]
    for_member = briefing.build(pack_data["second"], mark, "en", today=TODAY)
    assert [entry.title for entry in for_member.new_measures] == ["Joint platform for transboundary water data"]
    assert for_member.agenda[1].measures == []
    for file_format, read in (("pdf", lambda data: _pdf_text(data)[0]), ("docx", _docx_text)):
        text = read(briefing.render(for_member, file_format))
        assert "Joint platform for transboundary water data" in text
        assert "Sensitive border" not in text and "rail tariffs" not in text


def test_an_undated_measure_counts_by_when_it_was_recorded_and_comes_last(alice, pack_data):
    later = services.create_meeting(alice, title_en="Third meeting", body=pack_data["body"], date="2099-01-01",
                                    visibility="public")
    inventory.create_measure(alice, title_en="Undated idea recorded after the second meeting", visibility="public")
    inventory.create_measure(alice, title_en="Dated proposal", first_proposed_on="2030-02", visibility="public")
    pack = briefing.build(later, alice, "en", today=TODAY)
    assert pack.previous == "Second meeting of the Expert Council (2025-06-10)"
    assert [(entry.proposed_on, entry.title) for entry in pack.new_measures] == [
        ("2030-02", "Dated proposal"), ("not dated", "Undated idea recorded after the second meeting")]
    # The second meeting's own pack does not count it: it was recorded after that meeting's day.
    assert "Undated idea recorded after the second meeting" not in [
        entry.title for entry in briefing.build(pack_data["second"], alice, "en", today=TODAY).new_measures]


def test_it_says_what_became_of_the_last_meetings_decisions(alice, pack_data):
    pack = briefing.build(pack_data["second"], alice, "en", today=TODAY)
    followed, forgotten = pack.decisions
    assert followed.followed_up and "in progress, 40 % done" in followed.outcome.replace("\xa0", " ") and "overdue" in followed.outcome
    assert "Data exchange protocol drafted" in followed.outcome
    assert not forgotten.followed_up and forgotten.outcome == "No follow-up recorded."
    russian = briefing.build(pack_data["second"], alice, "ru", today=TODAY)
    assert russian.decisions[0].text == "Подготовить совместное исследование водных данных"


def test_it_lists_overdue_work_with_who_answers_for_it(alice, pack_data):
    status = briefing.build(pack_data["second"], alice, "en", today=TODAY).work_plan
    assert status.total == 1 and status.by_status == [("In progress", 1)]
    (overdue,) = status.overdue
    assert overdue.title == "Prepare a joint study of water data"
    assert overdue.due == datetime.date(2024, 9, 1) and overdue.days_overdue == 273
    assert overdue.responsible == ["KZ: Kazakhstan Institute for Strategic Studies"]
    early = briefing.build(pack_data["second"], alice, "en", today=datetime.date(2024, 8, 1)).work_plan
    assert early.overdue == []


def test_it_shows_each_sides_latest_figure_against_the_target_with_a_chart(alice, pack_data):
    (target,) = briefing.build(pack_data["second"], alice, "en", today=TODAY).targets
    assert target.target == "10,000,000,000 USD" and target.deadline == "2030"
    # 4.18 billion of 10 is 41.8 %: rounded, not cut.
    assert [(f.party, f.period, f.share) for f in target.figures] == [("Kazakhstan", "2023", 44),
                                                                      ("Uzbekistan", "2023", 42)]
    from kenes.council.briefing_chart import chart_png

    png = chart_png(target)
    assert png.startswith(b"\x89PNG")
    russian = briefing.build(pack_data["second"], alice, "ru", today=TODAY).targets[0]
    assert russian.target.replace("\xa0", " ") == "10 000 000 000 USD"


def test_it_gives_the_time_in_the_meetings_zone_and_participants_with_roles(alice, pack_data):
    pack = briefing.build(pack_data["second"], alice, "en", today=TODAY)
    when = dict(pack.details)["Date and time"]
    assert "10:00–13:00" in when and "UTC+05:00" in when
    chair = pack.participants[0]
    assert chair.name == "Alikhan Nurgaliyev" and chair.other_names == [KAZAKH_NAME] and chair.role == "Chair"
    assert "Syr Darya" in chair.biography
    uzbek = pack.participants[1]
    assert uzbek.name == UZBEK_NAME and uzbek.biography == "Transport boʻyicha ekspert. [Uzbek]"


def test_a_meeting_with_nothing_yet_says_so_in_each_section(alice):
    meeting = services.create_meeting(alice, title_en="Founding meeting", date="2025-09-01", visibility="public")
    pack = briefing.build(meeting, alice, "en", today=TODAY)
    text, _pages = _pdf_text(briefing.render(pack, "pdf"))
    for words in ("The agenda has not been set yet.", "there is no last meeting to count from",
                  "The work plan has no items yet.", "No target is recorded yet.", "No participants are recorded yet."):
        assert words in text


def test_the_embedded_font_has_the_kazakh_letters_and_the_uzbek_okina():
    from reportlab.pdfbase.ttfonts import TTFont

    from kenes.council.briefing_chart import FONTS

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        glyphs = TTFont("check", str(FONTS / name)).face.charToGlyph
        needed = KAZAKH_LETTERS + KAZAKH_LETTERS.lower() + "ʻ«»№–"
        assert [letter for letter in needed if ord(letter) not in glyphs] == []
    assert (FONTS / "LICENSE").exists()


def test_markup_in_content_is_printed_as_text_not_obeyed(alice):
    meeting = services.create_meeting(alice, title_en="Budget <b>& tariffs</b> <para>", visibility="public")
    text, _pages = _pdf_text(briefing.render(briefing.build(meeting, alice, "en", today=TODAY), "pdf"))
    assert "Budget <b>& tariffs</b> <para>" in text


# --- the download ---------------------------------------------------------------------------------

def _url(meeting, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("council:briefing", args=[meeting.pk]) + (f"?{query}" if query else "")


def test_members_download_the_pack_with_a_proper_file_name(client, mark, pack_data):
    client.force_login(mark)
    response = client.get(_url(pack_data["second"], lang="ru", format="pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="briefing-meeting-{pack_data["second"].pk}-2025-06-10-ru.pdf"')
    assert "no-store" in response["Cache-Control"]
    text, _pages = _pdf_text(response.content)
    assert AGENDA["ru"][0] in text and "Sensitive border" not in text
    docx = client.get(_url(pack_data["second"], lang="en", format="docx"))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('-en.docx"')
    assert AGENDA["en"][1] in _docx_text(docx.content)


def test_readers_visitors_and_bad_parameters_get_no_pack(client, alice, rita, mark, pack_data):
    meeting = pack_data["second"]
    assert client.get(_url(meeting)).status_code == 302  # to the sign-in page
    client.force_login(rita)
    assert client.get(_url(meeting)).status_code == 403
    client.force_login(mark)
    bad = client.get(_url(meeting, lang="de", format="pdf"))
    assert bad.status_code == 400 and "Choose the language (en, ru)" in bad.content.decode()
    assert client.get(_url(meeting, format="odt")).status_code == 400
    secret = services.create_meeting(alice, title_en="Closed session", visibility="restricted")
    assert client.get(_url(secret)).status_code == 404
    assert client.get(reverse("council:briefing", args=[999999])).status_code == 404


# --- the command ----------------------------------------------------------------------------------

def _run(argv):
    from kenes.council.briefing_cli import main

    out, err = io.StringIO(), io.StringIO()
    return main(argv, stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_the_command_writes_the_pack(tmp_path, pack_data):
    target = tmp_path / "pack.docx"
    status, out, err = _run([str(pack_data["second"].pk), "--lang", "ru", "--format", "docx", "-o", str(target)])
    assert status == 0 and err == "" and str(target) in out
    # The secretariat's view: the restricted measure is in it.
    assert "Sensitive border delimitation talks" in _docx_text(target.read_bytes())
    english = tmp_path / "pack.pdf"
    assert _run([str(pack_data["second"].pk), "-o", str(english)])[0] == 0
    assert "for the secretariat" in _pdf_text(english.read_bytes())[0]


@pytest.mark.parametrize("argv, message", [
    (["999999"], "There is no meeting 999999"),
    (["twelve"], "There is no meeting twelve"),
    (["{meeting}", "--lang", "de"], "invalid choice: 'de'"),
    (["{meeting}", "--format", "odt"], "invalid choice: 'odt'"),
    (["{meeting}", "-o", "/nonexistent-folder/pack.pdf"], "/nonexistent-folder/pack.pdf cannot be written"),
    (["{meeting}", "--as", "nobody"], "There is no active account nobody"),
    (["{meeting}", "--as", "rita"], "rita is neither a council member nor the secretariat"),
])
def test_the_command_reports_errors_in_one_line(pack_data, rita, argv, message):
    argv = [arg.replace("{meeting}", str(pack_data["second"].pk)) for arg in argv]
    status, out, err = _run(argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("kenes briefing: ") and message in err
    assert "Traceback" not in err


def test_the_command_is_listed_and_a_member_sees_no_restricted_measure(tmp_path, mark, pack_data):
    from kenes.cli import COMMANDS

    assert "briefing" in COMMANDS
    target = tmp_path / "pack.pdf"
    status, _out, _err = _run([str(pack_data["second"].pk), "--as", "mark", "-o", str(target)])
    text, _pages = _pdf_text(target.read_bytes())
    assert status == 0 and "Joint platform for transboundary water data" in text
    assert not re.search("Sensitive border", text)
