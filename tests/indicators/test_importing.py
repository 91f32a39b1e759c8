"""Importing reported figures from CSV and XLSX: every row checked with its row number, nothing half-written."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kenes.indicators import importing, services
from kenes.indicators.models import Observation

SERIES = Path(__file__).resolve().parents[3] / "shared" / "data" / "kz-uz-trade-turnover.tsv"


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # previews keep their file in the project's storage


@pytest.fixture
def trade(alice):
    return services.create_indicator(alice, name_en="Mutual trade turnover", name_ru="Взаимный товарооборот",
                                     unit="USD", visibility="public")


def _csv(text: str, name="figures.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def _xlsx(rows, name="figures.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile(name, data.getvalue())


def _series() -> SimpleUploadedFile:
    return SimpleUploadedFile(SERIES.name, SERIES.read_bytes())


def _figures(indicator):
    return sorted((o.period, o.reporting_party.code if o.reporting_party else "", o.value, o.is_revised)
                  for o in Observation.objects.live().filter(indicator=indicator))


def test_it_imports_the_published_trade_series_as_it_is(alice, trade):
    checked = importing.check(_series(), indicator=trade)
    assert not checked.problem and not checked.bad, [row.describe() for row in checked.bad]
    assert checked.counts() == {"rows": 18, "new": 17, "revisions": 1, "recorded": 0, "errors": 0}
    # Kazakhstan's 2023 figure was given as 4.5 bn, then as 4.4 bn by another source: a revision within the file.
    revision = checked.revisions[0]
    assert (revision.number, revision.data["period"], revision.revises_row.number) == (15, "2023", 14)
    assert revision.describe() == "revises row 14: 4.5 bn → 4.4 bn"
    result = importing.apply(alice, checked, visibility="public")
    assert (result.created, result.revisions) == (18, 1)
    figures = _figures(trade)
    assert ("2016-01/2016-09", "KZ", Decimal("1548000000"), False) in figures
    assert ("2018", "KZ", Decimal("3000000000"), False) in figures and ("2018", "UZ", Decimal("3000000000"),
                                                                          False) in figures
    assert ("2023", "KZ", Decimal("4500000000"), True) in figures
    assert ("2023", "KZ", Decimal("4400000000"), False) in figures
    later = Observation.objects.get(indicator=trade, period="2023", reporting_party__code="KZ", value=4400000000)
    assert later.revises.value == Decimal("4500000000") and later.visibility == "public"
    assert later.source_url.startswith("https://en.inform.kz/") and "President" in later.evidence
    assert later.unit == "USD" and later.history.first().history_user == alice


def test_it_changes_nothing_when_the_same_file_is_imported_again(alice, trade):
    importing.apply(alice, importing.check(_series(), indicator=trade))
    before = _figures(trade)
    again = importing.check(_series(), indicator=trade)
    assert again.counts() == {"rows": 18, "new": 0, "revisions": 0, "recorded": 18, "errors": 0}
    assert all(row.describe() == "already recorded (skipped)" for row in again.rows)
    assert importing.apply(alice, again).created == 0
    assert _figures(trade) == before


def test_a_different_figure_for_a_recorded_period_revises_it_and_both_are_kept(alice, trade, parties):
    earlier = services.create_observation(alice, indicator=trade, period="2021", value=Decimal("4300000000"),
                                          reporting_party=parties["KZ"], visibility="internal")
    checked = importing.check(_csv("period,value,party,source\n2021,\"4,400,000,000\",KZ,Statistics Bureau\n"
                                   "2021,3900000000,UZ,\n"), indicator=trade)
    assert [row.outcome for row in checked.rows] == ["revision", "new"]
    assert checked.rows[0].describe() == "revises 4.3 bn → 4.4 bn"
    importing.apply(alice, checked)
    earlier.refresh_from_db()
    assert earlier.is_revised and earlier.deleted_at is None
    later = Observation.objects.get(revises=earlier)
    assert later.value == Decimal("4400000000") and later.source == "Statistics Bureau"


def test_an_identical_figure_on_record_is_skipped_and_said_so(alice, trade, parties):
    services.create_observation(alice, indicator=trade, period="2022", value=Decimal("4600000000"),
                                reporting_party=parties["UZ"], visibility="internal")
    checked = importing.check(_csv("indicator;period;value;reporter\nMutual trade turnover;2022;4 600 000 000;UZ\n"))
    assert not checked.problem and checked.rows[0].outcome == "recorded"
    assert importing.apply(alice, checked).created == 0
    assert Observation.objects.filter(indicator=trade).count() == 1


BAD_FILE = [
    ["indicator", "period", "value", "currency", "reporter", "source"],
    ["Mutual trade turnover", "2019", "4100000000", "USD", "KZ", "Prime Minister"],  # 2: fine
    ["Mutual trade turnover", "2020", "3.0 bn", "USD", "UZ", ""],  # 3: malformed number
    ["Mutual trade turnover", "2019", "4200000000", "USD", "KZ", "Prime Minister"],  # 4: duplicate of row 2
    ["Mutual trade turnover", "2021", "4300000000", "XYZ", "KZ", ""],  # 5: unknown currency
    ["Mutual trade turnover", "2025-09/2025-01", "3500000000", "USD", "UZ", ""],  # 6: backwards
    ["Mutual trade turnover", "2022", "4600000000", "KZT", "UZ", ""],  # 7: wrong unit
    ["Mutual trade turnover", "2022", "17.9", "percent", "UZ", ""],  # 8: wrong unit (a noun)
    ["Turnover of nothing", "2022", "1", "USD", "Kyrgyzstan", ""],  # 9: unknown indicator and party
    ["Mutual trade turnover", "2024", "4300000000", "USD", "UZ", ""],  # 10: fine
]


def _assert_each_problem_reported(checked):
    reasons = {row.number: row.describe() for row in checked.rows}
    assert reasons[2] == "new" and reasons[10] == "new"
    assert "“3.0 bn” is not a number" in reasons[3]
    assert "Row 2 already gives 2019 (KZ) from the same source" in reasons[4]
    assert "Unknown currency “XYZ”" in reasons[5]
    assert "2025-09/2025-01 ends before it starts" in reasons[6]
    assert "The value is in KZT, but “Mutual trade turnover” is counted in USD" in reasons[7]
    assert "The value is in percent, but “Mutual trade turnover” is counted in USD" in reasons[8]
    assert "No indicator “Turnover of nothing”" in reasons[9] and "Unknown party “Kyrgyzstan”" in reasons[9]
    assert len(checked.bad) == 7


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_each_bad_row_is_reported_and_nothing_is_imported_unless_only_valid_rows_are_asked_for(alice, trade, kind):
    def upload():
        if kind == "xlsx":
            return _xlsx(BAD_FILE)
        return _csv("\n".join(",".join(cells) for cell_row in [BAD_FILE] for cells in cell_row) + "\n")

    checked = importing.check(upload())
    _assert_each_problem_reported(checked)
    with pytest.raises(ValidationError, match="7 rows have problems: nothing was imported"):
        importing.apply(alice, checked)
    assert not Observation.objects.exists()
    assert importing.apply(alice, importing.check(upload()), only_valid=True).created == 2
    assert _figures(trade) == [("2019", "KZ", Decimal("4100000000"), False), ("2024", "UZ", Decimal("4300000000"),
                                                                              False)]


def test_a_row_with_a_separator_too_many_or_too_few_is_malformed(alice, trade):
    checked = importing.check(_csv("period,value,reporter\n2019,4100000000,KZ\n2020,3,000,000,000,UZ\n2021,4\n"),
                              indicator=trade)
    reasons = {row.number: row.describe() for row in checked.rows}
    assert reasons[2] == "new"
    assert reasons[3] == "This row has 6 cells but the header names 3 columns."
    assert "This row has 2 cells but the header names 3 columns" in reasons[4]


def test_the_same_figure_twice_in_a_file_is_a_duplicate_even_from_two_sources(alice, trade):
    checked = importing.check(_csv("period\tvalue\treporter\tsource\n2023\t4500000000\tKZ\tA\n"
                                   "2023\t4500000000\tKZ\tB\n2023\t4500000000\tUZ\tA\n"), indicator=trade)
    assert [row.outcome for row in checked.rows] == ["new", "error", "new"]
    assert "Row 2 already gives this figure for 2023 (KZ)" in checked.rows[1].describe()


@pytest.mark.parametrize("text, value", [
    ("4400000000", "4400000000"), ("4 400 000 000", "4400000000"), ("4\u00a0400\u00a0000\u00a0000", "4400000000"),
    ("4,400,000,000", "4400000000"), ("4.400.000.000", "4400000000"), ("4.4", "4.4"), ("4,4", "4.4"),
    ("-1.5", "-1.5"), ("1,234.5", "1234.5"), ("1.234,5", "1234.5"), ("0,125", "0.125"), ("−17,9", "-17.9"),
])
def test_it_reads_numbers_as_people_write_them_exactly(text, value):
    assert importing.parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text, reason", [
    ("4.4E+09", "scientific notation"), ("4,400", "could be read two ways"), ("4.4 bn", "not a number"),
    ("$4400", "not a number"), ("1,2,3", "not a number"),
])
def test_it_refuses_numbers_that_could_be_misread(text, reason):
    with pytest.raises(ValueError, match=reason):
        importing.parse_number(text)


def test_a_workbook_with_numbers_and_month_dates_imports_exactly(alice, trade):
    import datetime

    checked = importing.check(_xlsx([
        ["Period", "Value USD", "Reporter", "Qualifier", "Comment"],
        [2024, 4000000000, "Kazakhstan", "more than", "x"],
        [datetime.datetime(2025, 7, 1), 350000000.5, "UZ", "", ""],
        [datetime.datetime(2025, 7, 15), 1, "UZ", "", ""],
    ]), indicator=trade)
    assert checked.ignored == ["Comment"]
    assert [row.outcome for row in checked.rows] == ["new", "new", "error"]
    assert "2025-07-15 is a day, not a period" in checked.rows[2].describe()
    importing.apply(alice, checked, only_valid=True)
    july = Observation.objects.get(period="2025-07")
    assert july.value == Decimal("350000000.5") and july.unit == "USD"
    assert Observation.objects.get(period="2024").qualifier == "more_than"


def test_a_file_without_the_needed_columns_is_refused_as_a_whole(trade):
    assert "missing: indicator" in importing.check(_csv("period,value\n2020,1\n")).problem
    assert "missing: value" in importing.check(_csv("period,amount?\n2020,1\n"), indicator=trade).problem
    assert "Two columns give the value" in importing.check(_csv("period,value,value usd\n2020,1,1\n"),
                                                           indicator=trade).problem


def test_a_row_for_another_indicator_is_refused_when_importing_into_one(alice, trade):
    other = services.create_indicator(alice, name_en="Joint projects", unit="projects", visibility="public")
    checked = importing.check(_csv(f"indicator,period,value\n{other.pk},2020,12\nMutual trade turnover,2020,1\n"),
                              indicator=trade)
    assert "This row is for “Joint projects”" in checked.rows[0].describe()
    assert checked.rows[1].outcome == "new"


# The page: upload, preview, import exactly what was previewed.

def _upload_page(client, url, upload, **fields):
    return client.post(url, {"file": upload, "visibility": "internal", **fields})


def test_the_secretariat_previews_then_imports_from_the_indicator_page(client, alice, trade, settings):
    client.force_login(alice)
    page = client.get(trade.get_absolute_url())
    assert f"/indicators/{trade.pk}/import/" in page.content.decode()
    url = f"/indicators/{trade.pk}/import/"
    preview = _upload_page(client, url, _series(), visibility="public")
    text = preview.content.decode()
    assert preview.status_code == 200 and not Observation.objects.exists()
    assert "18 rows checked: new 17, revisions 1, already recorded 0, with problems 0." in text
    assert "revises row 14: 4.5 bn → 4.4 bn" in text and "Import 18 rows" in text
    token = preview.context["token"]
    assert [path.name for path in (settings.MEDIA_ROOT / "imports").iterdir()] == [f"{token}.upload"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302 and done.url == trade.get_absolute_url()
    assert Observation.objects.filter(indicator=trade, visibility="public").count() == 18
    shown = client.get(done.url).content.decode()
    assert "18 figures imported (1 revisions)." in shown
    assert not list((settings.MEDIA_ROOT / "imports").iterdir())  # the waiting file is gone
    # The same confirmation again (a second click, a reload) imports nothing more.
    again = client.post(url, {"token": token})
    assert again.status_code == 400 and "This preview is no longer available" in again.content.decode()
    assert Observation.objects.count() == 18


def test_the_page_shows_the_problems_and_imports_nothing_until_only_valid_rows_are_asked_for(client, alice, trade):
    client.force_login(alice)
    body = "\n".join(",".join(cells) for cells in BAD_FILE) + "\n"
    preview = _upload_page(client, "/indicators/import/", _csv(body))
    text = preview.content.decode()
    assert "Unknown currency “XYZ”" in text and "ends before it starts" in text
    assert "Nothing is imported while any row has a problem" in text and 'name="token"' not in text
    preview = _upload_page(client, "/indicators/import/", _csv(body), only_valid="on")
    assert "Import 2 rows" in preview.content.decode()
    done = client.post("/indicators/import/", {"token": preview.context["token"]})
    assert done.url == trade.get_absolute_url() and Observation.objects.count() == 2


def test_a_forged_token_or_a_changed_database_never_imports_something_else(client, alice, trade, parties):
    client.force_login(alice)
    forged = client.post("/indicators/import/", {"token": "A" * 32})
    assert forged.status_code == 400 and "no longer available" in forged.content.decode()
    traversal = client.post("/indicators/import/", {"token": "../../secret_key"})
    assert traversal.status_code == 400
    preview = _upload_page(client, "/indicators/import/", _csv("indicator,period,value,party\n"
                                                                f"{trade.pk},2021,4300000000,KZ\n"))
    assert "new" in preview.context["checked"].rows[0].describe()
    # Someone records the same figure before the confirmation: the new preview says so, nothing is written twice.
    services.create_observation(alice, indicator=trade, period="2021", value=Decimal("4300000000"),
                                reporting_party=parties["KZ"], visibility="internal")
    changed = client.post("/indicators/import/", {"token": preview.context["token"]})
    assert changed.status_code == 409 and "changed since the preview" in changed.content.decode()
    assert Observation.objects.count() == 1


def test_a_token_from_another_session_is_refused(client, alice, bob, trade):
    client.force_login(alice)
    preview = _upload_page(client, "/indicators/import/", _csv(f"indicator,period,value\n{trade.pk},2021,1\n"))
    from django.test import Client

    other = Client()
    other.force_login(bob)
    refused = other.post("/indicators/import/", {"token": preview.context["token"]})
    assert refused.status_code == 400 and not Observation.objects.exists()


def test_members_and_visitors_cannot_import(client, mark, trade):
    assert client.get("/indicators/import/").status_code == 302  # to the sign-in page
    client.force_login(mark)
    assert client.get(f"/indicators/{trade.pk}/import/").status_code == 403
    assert _upload_page(client, "/indicators/import/", _series()).status_code == 403
    assert "/import/" not in client.get(trade.get_absolute_url()).content.decode()
    assert not Observation.objects.exists()


def test_the_page_refuses_an_unreadable_file_with_one_message(client, alice, trade):
    client.force_login(alice)
    page = _upload_page(client, "/indicators/import/", SimpleUploadedFile("x.csv", b"\x00\x01\x02\x03" * 100))
    assert "This file is not a table" in page.content.decode() and not Observation.objects.exists()


# The API.

def _token(user) -> dict:
    from kenes.accounts.services import create_api_token

    _token, key = create_api_token(user, "import")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_previews_by_default_and_writes_nothing(client, alice, trade):
    answer = client.post("/api/indicators/import", {"file": _series(), "indicator": trade.pk}, **_token(alice))
    assert answer.status_code == 200, answer.content
    report = answer.json()
    assert report["dry_run"] is True and report["imported"] == 0
    assert report["counts"] == {"rows": 18, "new": 17, "revisions": 1, "recorded": 0, "errors": 0}
    row = next(row for row in report["rows"] if row["row"] == 15)
    assert (row["outcome"], row["value"], row["party"], row["revises_row"]) == ("revision", "4400000000", "KZ", 14)
    assert not Observation.objects.exists()


def test_the_api_imports_when_asked_and_reports_the_bad_rows_otherwise(client, alice, trade):
    body = "\n".join(",".join(cells) for cells in BAD_FILE) + "\n"
    refused = client.post("/api/indicators/import", {"file": _csv(body), "dry_run": "false"}, **_token(alice))
    assert refused.status_code == 422 and "7 rows have problems" in refused.json()["detail"]
    assert {row["row"] for row in refused.json()["rows"] if row["outcome"] == "error"} == {3, 4, 5, 6, 7, 8, 9}
    assert not Observation.objects.exists()
    done = client.post("/api/indicators/import", {"file": _csv(body), "dry_run": "false", "only_valid": "true",
                                                  "visibility": "public"}, **_token(alice))
    assert done.status_code == 201 and done.json()["imported"] == 2
    ids = [row["observation_id"] for row in done.json()["rows"] if row["observation_id"]]
    assert set(Observation.objects.filter(visibility="public").values_list("pk", flat=True)) == set(ids)


def test_the_api_refuses_an_unreadable_file_and_anyone_but_the_secretariat(client, alice, mark, trade):
    empty = client.post("/api/indicators/import", {"file": _csv("")}, **_token(alice))
    assert empty.status_code == 422 and empty.json()["detail"] == "The file is empty."
    member = client.post("/api/indicators/import", {"file": _series()}, **_token(mark))
    assert member.status_code == 403
    client.force_login(alice)  # a browser session does not write through the API, even a dry run
    assert client.post("/api/indicators/import", {"file": _series()}).status_code == 403
    assert not Observation.objects.exists()


# The command line.

def _command(*args):
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_observations", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_the_command_previews_then_imports(alice, trade):
    code, out, _err = _command(str(SERIES), "--indicator", str(trade.pk))
    assert code == 0 and not Observation.objects.exists()
    assert "18 rows checked: new 17, revisions 1, already recorded 0, with problems 0." in out
    assert "2016-01/2016-09" in out and "revises row 14: 4.5 bn → 4.4 bn" in out
    code, out, _err = _command(str(SERIES), "--indicator", str(trade.pk), "--apply", "--as", "alice",
                               "--visibility", "public")
    assert code == 0 and "18 figures imported (1 revisions)." in out
    assert Observation.objects.filter(visibility="public").count() == 18
    code, out, _err = _command(str(SERIES), "--indicator", str(trade.pk), "--apply", "--as", "alice")
    assert code == 0 and "already recorded 18" in out and Observation.objects.count() == 18


def test_the_command_exits_non_zero_when_rows_are_bad_and_nothing_was_written(alice, trade, tmp_path):
    from django.core.management.base import CommandError

    table = tmp_path / "bad.csv"
    table.write_text("\n".join(",".join(cells) for cells in BAD_FILE) + "\n", encoding="utf-8")
    code, out, err = _command(str(table), "--apply", "--as", "alice")
    assert code == 1 and "ERROR: Unknown currency “XYZ”" in out and "nothing was imported" in err
    assert not Observation.objects.exists()
    code, out, _err = _command(str(table), "--apply", "--only-valid", "--as", "alice")
    assert code == 0 and Observation.objects.count() == 2
    with pytest.raises(CommandError, match="--apply needs --as"):
        _command(str(table), "--apply")
    with pytest.raises(CommandError, match="not an active secretariat account"):
        _command(str(table), "--apply", "--as", "nobody")
    with pytest.raises(CommandError, match="The file is empty"):
        (tmp_path / "empty.csv").write_bytes(b"")
        _command(str(tmp_path / "empty.csv"))


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251", "utf-8-sig"])
def test_a_table_saved_by_excel_or_windows_in_russian_imports(alice, trade, encoding):
    text = "indicator;period;value;currency;reporter\nВзаимный товарооборот;2022;4,6;USD;Узбекистан\n"
    checked = importing.check(SimpleUploadedFile("t.csv", text.encode(encoding)))
    assert not checked.problem and checked.rows[0].outcome == "new", checked.rows[0].describe()
    assert checked.rows[0].data["value"] == Decimal("4.6") and checked.rows[0].party.code == "UZ"
    assert checked.rows[0].data["indicator"] == trade


@pytest.mark.parametrize("content, message", [
    (b"", "The file is empty."),
    (b"\x00\x01\x02\xff" * 1000, "This file is not a table"),
    (b"period,value\n" + b"2023,1\n" * 6000, "more than 5000 rows"),
    (b"period,value\n" + b"2023,1\n" * 800_000, "larger than 5 MB"),
    ("period,value,reporter\n2023,1,Kazakhstan\nMüller,1,\n".encode("latin-1"), "save it as “CSV UTF-8”"),
])
def test_an_unreadable_file_gets_one_message_and_changes_nothing(alice, trade, content, message):
    checked = importing.check(SimpleUploadedFile("t.csv", content), indicator=trade)
    assert message in checked.problem and not checked.rows
    with pytest.raises(ValidationError):
        importing.apply(alice, checked, only_valid=True)
    assert not Observation.objects.exists()
