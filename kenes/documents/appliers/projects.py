"""Accepting a project mention: a named project becomes a ``Project``; a count of projects a ``PortfolioStatement``.

The engine reports both in one kind (the extraction contract's ``projects``): a named project,
or an aggregate ("12 joint projects worth $156 million") with a ``count`` and no name. The review
form starts from the engine's reading of which it is (``record_kind``: ``project`` or
``statement``) and the reviewer may change it. A statement is dated by the document's
publication date and is refused, with the reason, when one already exists for that status and
date. Linking always links to a known project: statements are compared on the portfolio page.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.documents.appliers import register
from kenes.documents.appliers._amounts import decimal_value, qualifier
from kenes.documents.appliers._directory import language_of
from kenes.indicators.units import is_currency
from kenes.projects import services
from kenes.projects.models import Project, ProjectStatus

PROJECT, STATEMENT = "project", "statement"
# An unnamed mention whose description speaks of projects in the plural is about the portfolio,
# not one project ("совместные проекты", "portfolio of industrial cooperation").
PLURAL = re.compile(r"\b(projects|portfolio|проекты|проектов|портфел\w*|loyihalar\w*|жобалар\w*)\b", re.IGNORECASE)
FIELDS = ("record_kind", "name", "description", "count", "value", "unit", "qualifier", "status")


def _guess_kind(values: dict) -> str:
    if values.get("name"):
        return PROJECT
    if values.get("count") not in (None, "") or PLURAL.search(str(values.get("description") or "")):
        return STATEMENT
    return PROJECT


def project_fields(mention) -> dict:
    values = mention.values or {}
    fields = {name: "" if values.get(name) is None else str(values.get(name)) for name in FIELDS[1:]}
    return {"record_kind": _guess_kind(values), **fields}


def _text(values: dict, name: str) -> str:
    return str(values.get(name) or "").strip()


def _money(values: dict) -> dict:
    """Value and currency when the mention gives money; a value in another unit is not a project's value."""
    unit = _text(values, "unit").upper()
    if not _text(values, "value") or not is_currency(unit):
        return {}
    return {"value": decimal_value(values.get("value")), "currency": unit}


def _status(values: dict) -> str:
    status = _text(values, "status")
    return status if status in ProjectStatus.values else ""


def _count(values: dict) -> int | None:
    text = _text(values, "count")
    if not text:
        return None
    if not text.isdigit() or len(text) > 9:
        raise ValidationError({"count": _("The number of projects must be a whole number, e.g. 12.")})
    return int(text)


def create_project(actor, mention, values: dict):
    kind = _text(values, "record_kind") or _guess_kind(values)
    if kind not in (PROJECT, STATEMENT):
        raise ValidationError({"record_kind": _("Choose project or statement.")})
    document = mention.document
    language = language_of(mention)
    reason = _("Accepted from %(document)s") % {"document": document}
    common = {"source_url": document.source_url, "evidence": mention.quote, "visibility": document.visibility}
    if kind == STATEMENT:
        money = _money(values)
        return services.create_statement(
            actor, stated_on=document.published, status=_status(values), project_count=_count(values),
            total_value=money.get("value"), currency=money.get("currency", ""),
            qualifier=qualifier(values.get("qualifier")) if money else "",
            source=str(document)[:1000], reason=reason,
            **{f"scope_{language}": _text(values, "description")[:500]}, **common)
    name = _text(values, "name") or _text(values, "description")
    if not name:
        raise ValidationError({"name": _("Give the project's name.")})
    description = _text(values, "description") if _text(values, "name") else ""
    return services.create_project(
        actor, status=_status(values) or ProjectStatus.PLANNED, parties=list(document.parties.all()),
        reason=reason, **_money(values), **{f"name_{language}": name[:500], f"description_{language}": description},
        **common)


def link_project(actor, mention, project: Project, values: dict) -> Project:
    """The known project keeps what it has; a value, source or evidence it lacks is filled in."""
    data = {}
    if project.value is None:
        data.update(_money(values))
    if not project.source_url and mention.document.source_url:
        data["source_url"] = mention.document.source_url
    if not project.evidence and mention.quote:
        data["evidence"] = mention.quote
    if not data:
        return project
    return services.update_project(actor, project, reason=_("Linked from %(document)s") % {
        "document": mention.document}, **data)


register("project", model=Project, create=create_project, link=link_project, fields=project_fields)
