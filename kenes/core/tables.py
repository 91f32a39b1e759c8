"""Tabular uploads (CSV and XLSX) read one way for every import: a header and numbered rows.

Spreadsheets reach the secretariats from statistical offices and colleagues' desktops: CSV
in UTF-8 (with or without the byte-order mark Excel writes), UTF-16 (Excel's "Unicode
text"), or the Windows Cyrillic code page; separated by commas, semicolons (Excel in
Russian) or tabs; or a workbook. Whatever cannot be read is refused with one sentence
saying what to do, and nothing else is attempted: the importers only ever see rows.

Row numbers are the ones a spreadsheet program shows for the same file (the header is row
1), so a message "row 7" points at the row the user sees.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED = 200 * 1024 * 1024

XLSX, CSV = "xlsx", "csv"
DELIMITERS = ("\t", ";", ",")  # in this order when a header line has as many of two
_ZIP = b"PK\x03\x04"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # .xls and other OLE documents
_CYRILLIC_1251 = set(range(0xC0, 0x100)) | {0xA8, 0xB8, 0xB9, 0xAB, 0xBB, 0x96, 0x97, 0xA0, 0xB2, 0xB3, 0xAA, 0xBA,
                                            0xAF, 0xBF, 0xA1, 0xA2, 0x93, 0x94, 0x84, 0x85, 0x91, 0x92}


def column_name(value) -> str:
    """A header cell as the importers compare it: lower case, ``_`` as a space, single spaces."""
    return " ".join(str(value or "").replace("\ufeff", "").strip().lower().replace("_", " ").split())


@dataclass
class Table:
    kind: str  # XLSX or CSV
    header: list[str]  # column names through column_name()
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, cells), blank rows left out
    labels: list[str] = field(default_factory=list)  # the header as written, for messages

    def width_problem(self, cells: list) -> str:
        """Why a row does not fit the header, or "".

        A CSV row with a different number of cells has lost or gained a separator, so its
        values sit under the wrong columns. A workbook row may end early (empty cells are
        not stored); only values beyond the named columns are a problem there.
        """
        width = len(self.header)
        extra = [cell for cell in cells[width:] if cell not in (None, "")]
        if extra or (self.kind == CSV and len(cells) != width):
            return _("This row has %(cells)s cells but the header names %(columns)s columns.") % {
                "cells": len(cells), "columns": width}
        return ""


def read_table(upload, *, formats=(XLSX, CSV), max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> Table:
    """The header and the non-blank rows of a CSV or XLSX upload, or a ValidationError with one message.

    ``upload`` is a Django upload, an open binary file or bytes.
    """
    content = _content(upload, max_bytes)
    if not content.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ValidationError(_("The file is empty."), code="empty")
    if content.startswith(_ZIP):
        if XLSX not in formats:
            raise ValidationError(_("Give the table as a CSV file."), code="format")
        table = _read_xlsx(content, max_rows)
    elif XLSX in formats and CSV not in formats:
        raise ValidationError(_("This is not an Excel workbook (.xlsx) that can be read."), code="format")
    elif content.startswith(_OLD_EXCEL):
        raise ValidationError(_("This is an old Excel file (.xls): save it as .xlsx or as CSV (UTF-8) and try again."),
                              code="format")
    else:
        table = _read_csv(_text(content), max_rows)
    if not any(table.header):
        raise ValidationError(_("The first row must name the columns."), code="no_header")
    if not table.rows:
        raise ValidationError(_("The file has a header but no rows below it."), code="no_rows")
    return table


def _content(upload, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > max_bytes:  # refused before it is read into memory
        raise ValidationError(_too_large(max_bytes), code="too_large")
    if isinstance(upload, (bytes, bytearray)):
        content = bytes(upload)
    else:
        if hasattr(upload, "seek"):
            upload.seek(0)  # a preview read it once already
        content = upload.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise ValidationError(_too_large(max_bytes), code="too_large")
    return content


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(size)s MB; split it into several files.") % {
        "size": f"{max_bytes / (1024 * 1024):.3g}"}


def _too_many(max_rows: int) -> ValidationError:
    return ValidationError(_("The file has more than %(count)s rows; split it into several files.")
                           % {"count": max_rows}, code="too_many_rows")


def _not_a_table() -> ValidationError:
    return ValidationError(_("This file is not a table: give a CSV file or an Excel workbook (.xlsx)."),
                           code="not_a_table")


def _text(content: bytes) -> str:
    """The CSV's text: UTF-8 (BOM or not), UTF-16 by its BOM or its zero bytes, or Windows Cyrillic."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(content, "utf-16")
    if b"\x00" in content:
        sample = content[:4000]
        # UTF-16 without a BOM has a zero in every other byte of Latin text and digits.
        if sample[1::2].count(0) > len(sample) // 4:
            return _decode(content, "utf-16-le")
        if sample[0::2].count(0) > len(sample) // 4:
            return _decode(content, "utf-16-be")
        raise _not_a_table()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _windows_cyrillic(content)
    if _looks_binary(text):
        raise _not_a_table()
    return text


def _decode(content: bytes, encoding: str) -> str:
    try:
        text = content.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise _not_a_table() from None
    if _looks_binary(text):
        raise _not_a_table()
    return text


def _windows_cyrillic(content: bytes) -> str:
    """Text in code page 1251 when its other-than-ASCII bytes read as Cyrillic words.

    Any byte string decodes in cp1251, so the result must look like Russian or Kazakh: its
    bytes above ASCII Cyrillic letters and punctuation, and no word mixing Latin and Cyrillic
    letters (Latin-1 "Müller" would read "Mьller"). Anything else is asked to be saved as
    UTF-8 rather than guessed.
    """
    high = [byte for byte in content if byte >= 0x80]
    if high and sum(byte in _CYRILLIC_1251 for byte in high) >= 0.95 * len(high):
        try:
            text = content.decode("cp1251")
        except UnicodeDecodeError:
            text = ""
        words = re.findall(r"[^\W\d_]+", text)
        if text and not any(re.search(r"[A-Za-z]", word) and re.search(r"[\u0400-\u04ff]", word)
                            for word in words):
            return text
    raise ValidationError(_("The file's characters could not be read: save it as “CSV UTF-8” and try again."),
                          code="encoding")


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)


def _read_csv(text: str, max_rows: int) -> Table:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    delimiter = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = iter(reader)
        labels = [str(cell).strip() for cell in next(records, [])]
        table = Table(CSV, [column_name(label) for label in labels], labels=labels)
        for number, cells in enumerate(records, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(table.rows) >= max_rows:
                raise _too_many(max_rows)
            table.rows.append((number, cells))
    except csv.Error:
        raise _not_a_table() from None
    return table


def _read_xlsx(content: bytes, max_rows: int) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # A workbook is a zip: a few megabytes may unpack to gigabytes that openpyxl would hold in memory.
        if sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(content)).infolist()) > MAX_UNPACKED:
            raise ValidationError(_("The workbook is too large once unpacked; split it into several files."),
                                  code="too_large")
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError, EOFError):
        raise ValidationError(_("This is not an Excel workbook (.xlsx) that can be read."), code="format") from None
    try:
        if not book.worksheets:
            raise ValidationError(_("The workbook has no sheet."), code="no_sheet")
        rows = book.worksheets[0].iter_rows(values_only=True)
        labels = ["" if value is None else str(value).strip() for value in next(rows, ())]
        while labels and not labels[-1]:
            labels.pop()  # a sheet's used range often runs past the last named column
        table = Table(XLSX, [column_name(label) for label in labels], labels=labels)
        for number, values in enumerate(rows, start=2):
            if not any(value not in (None, "") for value in values):
                continue
            if len(table.rows) >= max_rows:
                raise _too_many(max_rows)
            table.rows.append((number, list(values)))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, EOFError):
        raise ValidationError(_("This is not an Excel workbook (.xlsx) that can be read."), code="format") from None
    finally:
        book.close()
    return table
