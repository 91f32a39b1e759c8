"""What accepting a mention does, per kind: create a record through its app's services, or link one.

Each module of this package registers the kinds it knows::

    register("person", model=Person, create=create_person, link=link_person, fields=person_fields)

- ``fields(mention) -> dict``: the editable values the review form starts from (from ``mention.values``);
- ``create(actor, mention, values) -> record``: a new record (and what it implies, e.g. roles);
- ``link(actor, mention, record, values) -> record``: the existing record, completed where it lacks something.

Both write only through the apps' services, so versions, history and search stay right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Applier:
    kind: str
    model: type
    create: Callable
    link: Callable
    fields: Callable


APPLIERS: dict[str, Applier] = {}


def register(kind: str, *, model, create: Callable, link: Callable, fields: Callable) -> None:
    APPLIERS[kind] = Applier(kind, model, create, link, fields)


def load_appliers() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
