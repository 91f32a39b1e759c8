"""The shared reader of uploaded tables: every encoding and separator people send, one message per refusal."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kenes.core.tables import CSV, XLSX, column_name, read_table

TEXT = "Period;Value USD;Reporter;Note\n2023;4400000000;UZ;Статистика\n\n2024;4 300 000 000;KZ;«предварительно»\n"


def _rows(table):
    return [(number, [str(cell) for cell in cells]) for number, cells in table.rows]


def test_it_reads_utf8_with_a_semicolon_and_numbers_rows_as_a_spreadsheet_does():
    table = read_table(TEXT.encode("utf-8"))
    assert table.kind == CSV and table.header == ["period", "value usd", "reporter", "note"]
    assert table.labels == ["Period", "Value USD", "Reporter", "Note"]
    assert _rows(table) == [(2, ["2023", "4400000000", "UZ", "Статистика"]),
                            (4, ["2024", "4 300 000 000", "KZ", "«предварительно»"])]  # the blank row 3 is left out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1251"])
def test_it_reads_the_encodings_excel_and_windows_write(encoding):
    table = read_table(TEXT.encode(encoding))
    assert table.header[0] == "period" and _rows(table)[0][1][3] == "Статистика"


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_it_finds_the_separator_from_the_header(delimiter):
    text = delimiter.join(["period", "value", "note"]) + "\n" + delimiter.join(["2023", '"4,4"', "a; b"]) + "\n"
    table = read_table(text.encode())
    assert len(table.header) == 3 and table.rows[0][1][:2] == ["2023", "4,4"]


def test_it_reads_the_first_sheet_of_a_workbook_with_its_types():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Period", "Value", None])
    book.active.append([2023, 4400000000, None])
    book.active.append([None, None, None])
    book.active.append([datetime.date(2025, 7, 1), 1.5, "extra"])
    data = io.BytesIO()
    book.save(data)
    table = read_table(SimpleUploadedFile("t.xlsx", data.getvalue()))
    assert table.kind == XLSX and table.header == ["period", "value"]
    assert [number for number, _cells in table.rows] == [2, 4]
    assert table.rows[0][1][:2] == [2023, 4400000000]
    assert table.width_problem(table.rows[0][1]) == ""
    assert "3 cells but the header names 2" in table.width_problem(table.rows[1][1])


@pytest.mark.parametrize("content, message", [
    (b"", "The file is empty."),
    (b"\xef\xbb\xbf\r\n", "The file is empty."),
    (b"period,value\n", "The file has a header but no rows below it."),
    (bytes(range(256)) * 20, "This file is not a table"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 300, "This file is not a table"),
    (b"PK\x03\x04 not really a zip", "This is not an Excel workbook (.xlsx) that can be read."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file (.xls)"),
    ("source,value\nSociété Générale,1\nMüller,2\n".encode("latin-1"), "save it as “CSV UTF-8”"),
])
def test_it_refuses_what_is_not_a_readable_table_with_one_message(content, message):
    with pytest.raises(ValidationError) as refused:
        read_table(SimpleUploadedFile("t.csv", content))
    assert len(refused.value.messages) == 1 and message in refused.value.messages[0]


def test_it_refuses_a_huge_file_before_reading_it_and_too_many_rows():
    class Huge:
        size = 50 * 1024 * 1024

        def read(self, *args):  # pragma: no cover - never reached
            raise AssertionError("read")

    with pytest.raises(ValidationError, match="larger than 5 MB"):
        read_table(Huge())
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        read_table(b"period,value\n" + b"2023,1\n" * 200_000, max_bytes=1024 * 1024)
    with pytest.raises(ValidationError, match="more than 3 rows"):
        read_table(b"period,value\n" + b"2023,1\n" * 4, max_rows=3)
    assert len(read_table(b"period,value\n" + b"2023,1\n" * 3, max_rows=3).rows) == 3


def test_a_workbook_is_refused_where_only_csv_is_wanted_and_the_other_way_round():
    with pytest.raises(ValidationError, match="not an Excel workbook"):
        read_table(b"period,value\n2023,1\n", formats=(XLSX,))
    with pytest.raises(ValidationError, match="as a CSV file"):
        read_table(b"PK\x03\x04...", formats=(CSV,))


def test_column_names_ignore_case_spaces_underscores_and_the_byte_order_mark():
    assert column_name("\ufeff  Source_URL ") == "source url"
    assert column_name(None) == ""


def test_it_refuses_a_workbook_that_unpacks_to_far_more_than_it_weighs():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/sharedStrings.xml", b"0" * (201 * 1024 * 1024))
    assert len(data.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError, match="too large once unpacked"):
        read_table(data.getvalue())
