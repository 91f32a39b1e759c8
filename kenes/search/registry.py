"""What each app makes searchable: ``register(Model, kind=…, title=…, body=…)`` in ``<app>/search.py``.

``title`` gives the record's names (every language, aliases, acronym); ``body`` its descriptive
text. Both return strings or iterables of strings; each string becomes one line of the entry.
``language``, ``date`` and ``parties`` (optional) give the values the search filters read: a
language code, a partial ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and party codes.
``register_related`` names the records whose entries depend on another model (a person's
entry holds the titles of their roles), so that saving a role refreshes the person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from kenes.core.models import Visibility

Texts = Callable[[models.Model], "str | Iterable[str]"]
Value = Callable[[models.Model], "str | None"]
Codes = Callable[[models.Model], "Iterable[str]"]

# From most open to most closed: a reader of one level can read every level before it.
_LEVELS = [Visibility.PUBLIC, Visibility.INTERNAL, Visibility.RESTRICTED]


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    code: str
    kind: str
    title: Texts
    body: Texts | None
    url: Callable[[models.Model], str] | None
    queryset: Callable[[], models.QuerySet] | None
    language: Value | None = None
    date: Value | None = None
    parties: Codes | None = None

    def url_for(self, instance) -> str:
        return self.url(instance) if self.url else instance.get_absolute_url()

    def all_records(self) -> models.QuerySet:
        # The base manager: a manager hiding soft-deleted records must not hide them from the
        # rebuild, which needs to see them to leave them out.
        return self.queryset() if self.queryset else self.model._base_manager.all()


_searchables: dict[type[models.Model], Searchable] = {}
_related: dict[type[models.Model], list[Callable[[models.Model], Iterable[models.Model]]]] = {}


def register(model, *, kind, title: Texts, body: Texts | None = None, url=None, code: str | None = None,
             queryset=None, language: Value | None = None, date: Value | None = None,
             parties: Codes | None = None) -> Searchable:
    """Make ``model`` searchable; ``kind`` is the translated group label ("People").

    ``language``, ``date`` and ``parties`` map a record to what the search filters read.
    """
    model = model._meta.concrete_model
    code = code or model._meta.model_name
    if model in _searchables:
        raise ImproperlyConfigured(f"{model._meta.label} is registered for search twice.")
    if any(s.code == code for s in _searchables.values()):
        raise ImproperlyConfigured(f"Two searchable models share the kind code {code!r}; pass code=….")
    searchable = Searchable(model=model, code=code, kind=kind, title=title, body=body, url=url, queryset=queryset,
                            language=language, date=date, parties=parties)
    _searchables[model] = searchable
    return searchable


def register_related(model, *, affects: Callable[[models.Model], Iterable[models.Model]]) -> None:
    """When a ``model`` record changes, refresh the entries of the records ``affects(record)`` gives."""
    _related.setdefault(model._meta.concrete_model, []).append(affects)


def get(model) -> Searchable | None:
    return _searchables.get(model._meta.concrete_model)


def by_code(code: str) -> Searchable | None:
    return next((s for s in _searchables.values() if s.code == code), None)


def searchables() -> list[Searchable]:
    """In registration order, which is also the order of groups that rank alike."""
    return list(_searchables.values())


def dependents(instance) -> list[models.Model]:
    records: list[models.Model] = []
    for affects in _related.get(instance._meta.concrete_model, []):
        records.extend(affects(instance))
    return records


def levels_readable_with(visibility: str) -> list[str]:
    """The levels every reader of a record at ``visibility`` may also read.

    What goes into a record's entry from related records must be readable by whoever can find
    the record: a public person's entry holds only public roles in public organisations.
    """
    if visibility not in _LEVELS:
        return [Visibility.PUBLIC]
    return [str(level) for level in _LEVELS[: _LEVELS.index(visibility) + 1]]


def translations(instance, field: str) -> list[str]:
    """A text field in every working language, whichever way the app stores languages."""
    values = [getattr(instance, name, "") for name in (field, *(f"{field}_{code}" for code in ("en", "ru", "kk", "uz")))]
    return list(dict.fromkeys(str(v).strip() for v in values if v and str(v).strip()))
