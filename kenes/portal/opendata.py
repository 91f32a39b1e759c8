"""Bulk downloads of everything public, in open formats, rebuilt when the published data changes.

Files (under ``/portal/data/``):

* ``<kind>.csv`` and ``<kind>.xlsx`` per record kind, from the columns the app's own list declares
  (``kenes.web.lists.Column``: declared once for the page, its downloads and these files), plus an id,
  the record's address and its name or title in each language; ``data-dictionary.csv`` names every
  column's type and meaning;
* ``popolo.json``: the directory in Popolo (``kenes.portal.popolo``);
* ``measures.jsonl``: the measures with their status history, one JSON object a line;
* ``datapackage.json``: a Frictionless Data Package describing all of them.

Every file states its licence (empty: the owners choose it) and when it was generated: a first
``#`` comment line in CSV (declared as the comment character in the datapackage), an "about" sheet
in XLSX, fields of the JSON, a first metadata line in JSON Lines.

The files are built on demand as the anonymous public reads (``PUBLIC``), in English labels, and
kept under ``DATA_DIR/opendata/<data version>/``. The data version is a hash of the count and the
latest change of every exported model, so any edit, publication or withdrawal gives a new version
and the next request builds fresh files; ``kenes manage build_open_data`` builds them ahead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import tablib
from django.conf import settings
from django.db import connection
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.portal.registry import (
    PUBLIC,
    OpenDataFile,
    OpenDataTable,
    open_data_files,
    open_data_tables,
    register_file,
)
from kenes.web.lists import Column, safe_cell

# The owners of the data choose the licence; until they do every file says so with an empty field.
LICENSE = ""
DICTIONARY = "data-dictionary.csv"
# Raised when the files' layout changes in code (a new stamp, another encoding): all sets are rebuilt.
FORMAT = 1
# A build lock older than this was left by a process that died: the next reader builds again.
STALE_LOCK_SECONDS = 15 * 60
PACKAGE = "datapackage.json"
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
}
# Model field types as Table Schema types; anything else (choices, partial dates, names) is a string.
FIELD_TYPES = {
    "AutoField": "integer", "BigAutoField": "integer", "IntegerField": "integer", "BigIntegerField": "integer",
    "PositiveIntegerField": "integer", "PositiveSmallIntegerField": "integer", "SmallIntegerField": "integer",
    "BooleanField": "boolean", "DateTimeField": "datetime", "DateField": "date", "URLField": "string",
}


def root() -> Path:
    return Path(settings.DATA_DIR) / "opendata"


# --- the data version -----------------------------------------------------------------------

def exported_models() -> list:
    models = {table.model for table in open_data_tables() if table.model is not None}
    for data_file in open_data_files():
        models.update(data_file.models)
    return sorted(models, key=lambda model: model._meta.label)


def data_version() -> str:
    """A short hash that changes whenever a record of an exported model is added, changed or removed.

    One query: a count and the latest change (or the highest id, for rows without timestamps) per model.
    """
    parts = []
    for model in exported_models():
        table = connection.ops.quote_name(model._meta.db_table)
        latest = "updated_at" if any(f.name == "updated_at" for f in model._meta.fields) else model._meta.pk.column
        parts.append(f"(SELECT COUNT(*) FROM {table})")
        parts.append(f"(SELECT MAX({connection.ops.quote_name(latest)}) FROM {table})")
    if not parts:
        return "empty"
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    # The files' shape too: a new table, file or column (a deployment) gives fresh files without a data change.
    shape = [(table.name, [column.key for column in table.columns]) for table in open_data_tables()]
    shape += [data_file.name for data_file in open_data_files()]
    return hashlib.sha256(repr((row, shape, FORMAT)).encode()).hexdigest()[:16]


# --- tables -----------------------------------------------------------------------------------

def _absolute(path: str) -> str:
    base = getattr(settings, "KENES_BASE_URL", "").rstrip("/")
    return f"{base}{path}" if base else path


def table_columns(table: OpenDataTable) -> list[Column]:
    """The app's columns the public may see, with an id and address first and each language's name after."""
    columns = [Column("id", _("Identifier"), "pk"),
               Column("url", _("Address of its page"), lambda record, user: _absolute(record.get_absolute_url()))]
    columns += [column for column in table.columns if column.only_for is None or column.only_for(PUBLIC)]
    for name in table.languages_of:
        columns += [Column(f"{name}_{code}", f"{name} ({code})", f"{name}_{code}") for code in CONTENT_LANGUAGES]
    return columns


def column_schema(table: OpenDataTable, column: Column) -> dict:
    field_type, help_text = "string", ""
    if table.model is not None and isinstance(column.value, str) and "." not in column.value:
        name = "id" if column.value == "pk" else column.value
        try:
            field = table.model._meta.get_field(name)
        except Exception:  # a method or property (get_kind_display): its text is a string
            field = None
        if field is not None:
            field_type = FIELD_TYPES.get(field.get_internal_type(), "string")
            help_text = force_str(getattr(field, "help_text", "") or "")
    schema = {"name": column.key, "title": force_str(column.label), "type": field_type,
              "description": " ".join(part for part in (force_str(column.label) + ".", help_text) if part)}
    if field_type == "boolean":
        schema.update(trueValues=["yes"], falseValues=["no"])
    if field_type == "datetime":
        schema["format"] = "any"
    return schema


def table_rows(table: OpenDataTable, columns: list[Column]):
    for record in table.records().iterator(chunk_size=2000):
        yield [safe_cell(column.text(record, PUBLIC)) for column in columns]


def _stamp(generated: str) -> str:
    return f"# license: {LICENSE}; generated: {generated}; source: Kenes public portal"


def write_table(table: OpenDataTable, directory: Path, generated: str) -> list[dict]:
    columns = table_columns(table)
    header = [column.key for column in columns]
    data = tablib.Dataset(headers=header, title=table.name[:31])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The stamp line first (the BOM is put before it, so Excel reads the file as UTF-8), then the header.
    buffer.write(_stamp(generated) + "\n")
    writer.writerow(header)
    for row in table_rows(table, columns):
        writer.writerow(row)
        data.append(row)
    (directory / f"{table.name}.csv").write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
    about = tablib.Dataset(headers=["field", "value"], title="about")
    for key, value in (("title", force_str(table.title)), ("description", force_str(table.description)),
                       ("license", LICENSE), ("generated", generated), ("source", "Kenes public portal")):
        about.append([key, value])
    (directory / f"{table.name}.xlsx").write_bytes(tablib.Databook([data, about]).export("xlsx"))
    return [column_schema(table, column) for column in columns]


# --- the package ------------------------------------------------------------------------------

def _resource(name: str, path: str, file_format: str, title, description, schema=None, **extra) -> dict:
    resource = {"name": name, "path": path, "format": file_format, "mediatype": MEDIA_TYPES[file_format],
                "encoding": "utf-8", "title": force_str(title), "description": force_str(description),
                "licenses": [], **extra}
    if schema is not None:
        resource["profile"] = "tabular-data-resource"
        resource["schema"] = schema
    return resource


def build(directory: Path) -> Path:
    """Write every open-data file into ``directory`` (which must exist and be empty)."""
    generated = timezone.now().replace(microsecond=0).isoformat()
    resources, dictionary = [], []
    with translation.override("en"):
        for table in open_data_tables():
            fields = write_table(table, directory, generated)
            schema = {"fields": fields, "primaryKey": ["id"]}
            dialect = {"commentChar": "#", "header": True, "delimiter": ","}
            resources.append(_resource(f"{table.name}-csv", f"{table.name}.csv", "csv", table.title,
                                       table.description, schema, dialect=dialect))
            resources.append(_resource(f"{table.name}-xlsx", f"{table.name}.xlsx", "xlsx", table.title,
                                       table.description, schema, sheet=1))
            dictionary += [[f"{table.name}.csv", field["name"], field["type"], field["description"]] for field in fields]
        for data_file in open_data_files():
            data_file.write(directory / data_file.name, generated)
            resources.append(_resource(data_file.name.replace(".", "-"), data_file.name, data_file.format,
                                       data_file.title, data_file.description, data_file.schema))
        write_dictionary(directory / DICTIONARY, dictionary, generated)
        resources.append(_resource("data-dictionary", DICTIONARY, "csv", _("Data dictionary"),
                                   _("Every column of every CSV file: its type and what it holds."),
                                   {"fields": [{"name": name, "type": "string"} for name in
                                               ("file", "field", "type", "description")]},
                                   dialect={"commentChar": "#", "header": True}))
        package = {
            "profile": "data-package",
            "name": "kenes-open-data",
            "title": force_str(_("Kenes open data: what the council's secretariats publish")),
            "description": force_str(_("Every public record of the Kazakhstan–Uzbekistan Expert Council's platform. "
                                       "The licence is for the data's owners to set.")),
            "licenses": [],
            "license": LICENSE,
            "created": generated,
            "resources": resources,
        }
    (directory / PACKAGE).write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return directory


def write_dictionary(path: Path, rows: list[list[str]], generated: str) -> None:
    buffer = io.StringIO()
    buffer.write(_stamp(generated) + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "field", "type", "description"])
    writer.writerows(rows)
    path.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))


# --- the cache --------------------------------------------------------------------------------

def current(*, rebuild: bool = False) -> Path:
    """The folder of files for the data as it is now, built first when there is none (or when asked).

    One builder per version (an exclusive lock file): while another process builds, readers get the
    previous set rather than a second build of the same data; with no previous set they build too.
    """
    version = data_version()
    target = root() / version
    if (target / PACKAGE).exists() and not rebuild:
        return target
    root().mkdir(parents=True, exist_ok=True)
    lock = root() / f".lock-{version}"
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        fresh = time.time() - _mtime(lock) < STALE_LOCK_SECONDS
        if fresh and not rebuild and (previous := _latest_built()) is not None:
            return previous
        handle = None
    try:
        _build_into(target, rebuild)
    finally:
        if handle is not None:
            os.close(handle)
            lock.unlink(missing_ok=True)
    _forget_old(keep=target)
    return target


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _latest_built() -> Path | None:
    built = [folder for folder in root().iterdir() if folder.is_dir() and (folder / PACKAGE).exists()]
    return max(built, key=lambda folder: (folder / PACKAGE).stat().st_mtime, default=None)


def _build_into(target: Path, rebuild: bool) -> None:
    # Built aside and renamed into place: a reader never sees half a set, two builders never mix files.
    scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=root()))
    try:
        build(scratch)
        if rebuild and target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(scratch, target)
        except OSError:  # another process finished the same version first: its files are as good
            shutil.rmtree(scratch, ignore_errors=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _forget_old(keep: Path) -> None:
    for folder in root().iterdir():
        if folder != keep and folder.is_dir() and not folder.name.startswith("."):
            shutil.rmtree(folder, ignore_errors=True)


def files(directory: Path) -> list[dict]:
    """The files of a built set, as the data page lists them (the package's own order)."""
    package = json.loads((directory / PACKAGE).read_text(encoding="utf-8"))
    listed = [{"path": PACKAGE, "title": "Data Package", "format": "json", "size": (directory / PACKAGE).stat().st_size}]
    for resource in package["resources"]:
        listed.append({"path": resource["path"], "title": resource["title"], "format": resource["format"],
                       "description": resource.get("description", ""),
                       "size": (directory / resource["path"]).stat().st_size})
    return listed


def register_files() -> None:
    """The files in formats of their own (the directory as Popolo, measures as JSON Lines)."""
    from kenes.portal import popolo

    if popolo.directory_installed():
        register_file(OpenDataFile(
            "popolo.json", _("The directory in Popolo"),
            _("People, organisations, their memberships and posts, in the Popolo data specification."),
            "json", MEDIA_TYPES["json"], popolo.write_popolo, models=popolo.popolo_models()))
    if popolo.inventory_installed():
        register_file(OpenDataFile(
            "measures.jsonl", _("Measures and their status history"),
            _("One measure a line: its titles, status, topics, each side's status and every status change. "
              "The first line holds the licence and the generation time."),
            "jsonl", MEDIA_TYPES["jsonl"], popolo.write_measures_jsonl, models=popolo.measure_models()))
