"""What the portal shows, as entries the apps fill: topic sections, published kinds (feeds, sitemap), open-data tables.

The portal owns no records; it asks the apps. Each installed app adds a ``portal.py``
module that calls the ``register_…`` functions below (found the first time the portal
needs them, like the dashboard's panels), so an app that arrives later — projects, the
fund — shows up on the topic pages, in the feeds, the sitemap and the open data without
the portal naming it. The apps already on main are registered from ``kenes/portal/builtin.py``
until they carry modules of their own.

Every function here receives no user: the portal reads as the anonymous public does
(``PUBLIC``), whoever is signed in, so a secretariat previewing it sees what the public sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules

# The reader the portal always reads as: visibility "public" only.
PUBLIC = AnonymousUser()


@dataclass(frozen=True)
class TopicSection:
    """One block of a topic page: the public records of one kind on that topic."""

    key: str
    title: Any
    records: Callable[[Any], Iterable]  # (topic) -> records, each with get_absolute_url and a str
    order: int = 100
    detail: Callable[[Any], str] | None = None  # a short line under each record (date, status)
    more_url: Callable[[Any], str] | None = None  # the full list elsewhere, filtered by the topic


@dataclass(frozen=True)
class PublishedKind:
    """Records the public can follow: in the feeds (all and per topic) and the sitemap."""

    key: str
    title: Any
    records: Callable[[Any], QuerySet]  # (topic or None) -> public records, newest first
    published: Callable[[Any], Any]  # record -> when it was published (a datetime)
    updated: Callable[[Any], Any]  # record -> its last change (a datetime)
    summary: Callable[[Any], str] = lambda record: ""
    link: Callable[[Any], str] = lambda record: record.get_absolute_url()
    in_feeds: bool = True
    in_sitemap: bool = True


@dataclass(frozen=True)
class OpenDataTable:
    """One record kind as CSV and XLSX: the app's own list columns, declared once."""

    name: str  # file stem: measures → measures.csv, measures.xlsx
    title: Any
    description: Any
    records: Callable[[], QuerySet]  # the public records, in a stable order
    columns: Sequence  # kenes.web.lists.Column
    model: Any = None  # for field types and help texts in the data dictionary
    languages_of: Sequence[str] = field(default_factory=tuple)  # translated fields given per language


@dataclass(frozen=True)
class OpenDataFile:
    """A file in a format of its own (Popolo JSON, JSON Lines): built by ``write(path)``."""

    name: str  # file name with its extension
    title: Any
    description: Any
    format: str
    mediatype: str
    write: Callable[[Any, str], None]  # (pathlib.Path, generated ISO time) -> None
    schema: dict | None = None  # Table Schema fields for the datapackage, when tabular
    profile: str = "data-resource"
    models: Sequence = field(default_factory=tuple)  # what it is built from: a change there rebuilds it


TOPIC_SECTIONS: list[TopicSection] = []
PUBLISHED_KINDS: list[PublishedKind] = []
OPEN_DATA_TABLES: list[OpenDataTable] = []
OPEN_DATA_FILES: list[OpenDataFile] = []
_discovered = False


def _add(registry: list, entry, key: str) -> None:
    # Registering twice (a module imported again in tests) replaces, never duplicates.
    registry[:] = [item for item in registry if getattr(item, key) != getattr(entry, key)]
    registry.append(entry)


def register_topic_section(section: TopicSection) -> None:
    _add(TOPIC_SECTIONS, section, "key")


def register_published_kind(kind: PublishedKind) -> None:
    _add(PUBLISHED_KINDS, kind, "key")


def register_table(table: OpenDataTable) -> None:
    _add(OPEN_DATA_TABLES, table, "name")


def register_file(data_file: OpenDataFile) -> None:
    _add(OPEN_DATA_FILES, data_file, "name")


def discover() -> None:
    """Load the built-in entries and every installed app's ``portal.py`` (once per process)."""
    global _discovered
    if _discovered:
        return
    from kenes.portal import builtin

    builtin.register()
    autodiscover_modules("portal")
    _discovered = True


def topic_sections() -> list[TopicSection]:
    discover()
    return sorted(TOPIC_SECTIONS, key=lambda section: section.order)


def published_kinds() -> list[PublishedKind]:
    discover()
    return list(PUBLISHED_KINDS)


def published_kind(key: str) -> PublishedKind | None:
    return next((kind for kind in published_kinds() if kind.key == key), None)


def open_data_tables() -> list[OpenDataTable]:
    discover()
    return list(OPEN_DATA_TABLES)


def open_data_files() -> list[OpenDataFile]:
    discover()
    return list(OPEN_DATA_FILES)
