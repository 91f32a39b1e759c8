"""API schemas made from the model, once: output, create and patch, and the input turned into records.

``RecordSchemas(Person, fields=PERSON_FIELDS, extra_in={...})`` gives ``.Out``,
``.In`` and ``.Patch`` pydantic schemas for django-ninja and
``.to_service(user, payload)``, which turns ids and codes into the records the
services take. Conventions, the same for every app:

- a link to another record is ``<field>_id`` and, on output, is null when the
  reader may not see that record (``kenes.core.visibility``: its name and id stay hidden);
- a link to reference data with a ``code`` (parties, topics) is that code;
- every record's output carries ``version``; a PATCH may send it (or ``If-Match``)
  and is refused with 409 when the record changed since.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    create_model,
    model_validator,
)

from kenes.core.api_types import BIGINT_MAX, Id
from kenes.core.visibility import visible_many, visible_related

Version = Annotated[int, Field(ge=0, le=BIGINT_MAX)]


class StrictIn(Schema):
    """The base of every request body: a misspelt field is an error, not silently ignored, and a value
    of the wrong JSON type is refused rather than converted (``false`` is not the id 0, ``0`` not
    ``false``, ``"5"`` not 5), as the OpenAPI document promises.
    """

    model_config = ConfigDict(extra="forbid", strict=True)


_StrictIn = StrictIn
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9:]+)?)?$")


def _iso_text(value):
    """A date or moment as ISO 8601 text; a number (a Unix time to pydantic) is refused."""
    if isinstance(value, datetime.date) or (isinstance(value, str) and ISO_DATE.match(value.strip())):
        return value
    raise ValueError("not an ISO 8601 date")


# Dates and moments come as text in JSON: strict mode would refuse that text, so they are read laxly,
# but only from ISO 8601 text ("2025-03-14", "2025-03-14T10:00:00+05:00").
IsoDate = Annotated[datetime.date, Strict(False), BeforeValidator(_iso_text)]
IsoDateTime = Annotated[datetime.datetime, Strict(False), BeforeValidator(_iso_text)]


class _RecordOut(Schema):
    """Built from a model instance by ``RecordSchemas.out`` for the user of the request."""

    @model_validator(mode="wrap")
    @classmethod
    def _from_record(cls, value, handler, info):
        if isinstance(value, models.Model):
            request = (info.context or {}).get("request")
            value = cls._schemas.out(value, getattr(request, "user", None))
        return handler(value)


def choice_filter(model, field_name: str):
    """A list filter over a field's choices: one of them, or empty for all; another value is a 422."""
    return Literal[("", *(str(value) for value, _label in model._meta.get_field(field_name).flatchoices))]


def _is_coded(model) -> bool:
    return any(field.name == "code" for field in model._meta.fields)


def _text_type(field):
    limit = getattr(field, "max_length", None) or 100_000
    pattern = getattr(field, "api_pattern", None)
    if pattern:
        # Partial dates and periods: the document shows their form, and a value of another form is a 422.
        return Annotated[str, StringConstraints(max_length=limit, pattern=pattern),
                         Field(description=field.api_description)]
    if field.choices:
        values = tuple(value for value, _label in field.flatchoices)
        return Literal[values if not field.blank or "" in values else ("", *values)]
    return Annotated[str, StringConstraints(max_length=limit)]


def _input_type(field):
    """(schema name, python type) of one model field as the API takes it."""
    if field.many_to_many:
        # Reference data by code (["KZ", "UZ"]), records by id ([12, 40]).
        if _is_coded(field.related_model):
            return field.name, list[Annotated[str, StringConstraints(max_length=100), _code_of(field)]]
        return field.name, list[Id]
    if field.is_relation:
        if _is_coded(field.related_model):
            return field.name, Annotated[str, StringConstraints(max_length=20), _code_of(field)] | None
        return f"{field.name}_id", Id | None
    if isinstance(field, models.BooleanField):
        return field.name, bool
    if isinstance(field, models.DateTimeField):
        # An ISO 8601 moment with its offset ("2025-03-14T10:00:00+05:00"); answers give it in UTC.
        return field.name, IsoDateTime | None
    if isinstance(field, models.DateField):
        # A full calendar date ("2025-12-31"); partial dates are text fields of their own.
        return field.name, (IsoDate | None) if field.null else IsoDate
    if isinstance(field, models.DecimalField):
        # A decimal string ("2.5"): JSON numbers are floats in most clients, and weights and money are not.
        return field.name, Annotated[str, StringConstraints(max_length=40)]
    if isinstance(field, (models.IntegerField, models.BigIntegerField)):
        if field.choices:  # a compliance score: −1, 0 or 1
            return field.name, Literal[tuple(value for value, _label in field.flatchoices)]
        return field.name, Annotated[int, Field(ge=-BIGINT_MAX, le=BIGINT_MAX)]
    return field.name, _text_type(field)


# Codes of reference data are data, not a fixed list: the document describes them with an example.
CODE_EXAMPLES = {"party": ("KZ", "a party's code as GET /parties lists them: KZ, UZ"),
                 "topic": ("water", "a topic's code, such as water, trade, transport or energy")}


def _code_of(field):
    example, description = CODE_EXAMPLES.get(field.related_model._meta.model_name,
                                             ("", f"the code of a {field.related_model._meta.model_name}"))
    return Field(description=description[0].upper() + description[1:] + ".",
                 examples=[example] if example else None)


def _default(field):
    if field.many_to_many:
        return []
    if field.is_relation:
        return None
    if field.has_default():
        default = field.get_default()
        return str(default) if isinstance(field, models.DecimalField) and default is not None else default
    return "" if isinstance(field, (models.CharField, models.TextField)) else None


class RecordSchemas:
    def __init__(self, model, *, fields: list[str], extra_in: dict[str, tuple] | None = None,
                 extra_out: dict[str, tuple] | None = None, required: tuple[str, ...] = ()):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.extra_in = extra_in or {}
        name = model.__name__
        create_fields: dict[str, Any] = {}
        patch_fields: dict[str, Any] = {"version": (Version | None, None)}
        out_fields: dict[str, Any] = {"id": (int, ...)}
        if hasattr(model, "version"):
            out_fields["version"] = (int, ...)
        self._names: dict[str, models.Field] = {}
        for field in self.fields:
            api_name, kind = _input_type(field)
            self._names[api_name] = field
            default = ... if field.name in required else _default(field)
            create_fields[api_name] = (kind, default)
            patch_fields[api_name] = (kind | None, None)
            out_fields[api_name] = (_output_type(field, kind), None)
        for api_name, (kind, default) in self.extra_in.items():
            create_fields[api_name] = (kind, default)
            patch_fields[api_name] = (kind | None, None)
        # extra_out: {"aliases": (list[str], lambda record, user: [...])}
        self.extra_out_resolvers = dict(extra_out or {})
        for api_name, (kind, _resolver) in self.extra_out_resolvers.items():
            out_fields[api_name] = (kind, None)
        self.In = create_model(f"{name}In", __base__=_StrictIn, **create_fields)
        self.Patch = create_model(f"{name}Patch", __base__=_StrictIn, **patch_fields)
        self.Out = create_model(f"{name}Out", __base__=_RecordOut, **out_fields)
        self.Out._schemas = self
        self._resolvers = {api_name: field for api_name, field in self._names.items()}

    def out(self, record, user) -> dict:
        """The output of one record for ``user``: hidden related records are null, never named."""
        data: dict[str, Any] = {"id": record.pk}
        if hasattr(record, "version"):
            data["version"] = record.version
        for api_name, field in self._names.items():
            if field.many_to_many:
                # Only the linked records the reader may see: a hidden participant is not even an id.
                linked = visible_many(getattr(record, field.name).all(), user)
                data[api_name] = [_code_or_pk(item) for item in linked]
            elif field.is_relation:
                related = visible_related(getattr(record, field.name), user)
                data[api_name] = None if related is None else (
                    related.code if _is_coded(field.related_model) else related.pk)
            else:
                value = getattr(record, field.attname)
                if isinstance(field, models.DecimalField) and value is not None:
                    value = f"{value.normalize():f}"
                data[api_name] = value.name if hasattr(value, "url") and hasattr(value, "name") else value
        for api_name, (_kind, resolver) in self.extra_out_resolvers.items():
            data[api_name] = resolver(record, user)
        return data

    def to_service(self, user, payload: dict) -> dict:
        """API names and codes to what the services take: ``party: "KZ"`` → the Party, ``parent_id`` → the record."""
        data = {}
        for api_name, value in payload.items():
            field = self._names.get(api_name)
            if api_name == "version" or field is None:
                continue
            if value is None and field.many_to_many:
                continue  # a PATCH's null list leaves the links as they are
            data[field.name] = _resolve(field, value, user, api_name)
        return data


def _output_type(field, input_kind):
    if field.many_to_many:
        return list[Annotated[str, _code_of(field)]] if _is_coded(field.related_model) else list[int]
    if field.is_relation:
        return (Annotated[str, _code_of(field)] | None) if _is_coded(field.related_model) else (int | None)
    if isinstance(field, models.FileField):
        return str | None
    return input_kind | None


def _code_or_pk(item):
    return getattr(item, "code", None) or item.pk


def _resolve(field, value, user, api_name):
    related = field.related_model
    if field.many_to_many:
        if _is_coded(related):
            found = list(related.objects.filter(code__in=value))
            missing = set(value) - {item.code for item in found}
            if missing:
                raise ValidationError({api_name: _("Unknown codes: %(codes)s") % {"codes": ", ".join(sorted(missing))}})
            return found
        return list(related.objects.visible_to(user).filter(pk__in=value))
    if not field.is_relation:
        return value
    if value in (None, "", 0):
        return None
    if _is_coded(related):
        found = related.objects.filter(code=str(value).upper()).first()
        if found is None:
            raise ValidationError({api_name: _("No %(kind)s with the code %(code)s.")
                                   % {"kind": related._meta.verbose_name, "code": value}})
        return found
    queryset = related.objects.visible_to(user) if hasattr(related.objects, "visible_to") else related.objects
    found = queryset.filter(pk=value).first()
    if found is None:
        raise ValidationError({api_name: _("No %(kind)s with the id %(id)s.")
                               % {"kind": related._meta.verbose_name, "id": value}})
    return found


def expected_version(request, payload: dict, *, required: bool = True) -> int | None:
    """The version a change started from: the body's ``version`` or an ``If-Match: "3"`` header.

    The header may also be the record's ETag as a GET gave it, ``"3-1f3a…"`` (kenes.core.api_http):
    the version is the part before the dash.

    A PATCH must name it (428 otherwise): a change that does not say which version
    it was made from is exactly the lost update this guards against. A DELETE may
    omit it, since a deleted record can be restored.
    """
    if payload.get("version") is not None:
        return payload["version"]
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"').split("-", 1)[0]
    if header.isdigit() and len(header) < 19:
        return int(header)
    if required:
        raise HttpError(428, _('Send the version you started from: "version" in the body or an If-Match header '
                               "(read the record first; its version is in the answer)."))
    return None


def linked_records(user, data: dict, linked: dict) -> dict:
    """Lists of ids in a payload (``{"participants": [3, 5]}``) as the records the services take.

    ``linked`` maps each field to its model. Only records ``user`` may see are found; an id that names
    nothing (or something hidden) is an error naming it, never silently dropped.
    """
    found_all = {}
    for name, model in linked.items():
        if data.get(name) is None:
            continue
        wanted = set(data[name])
        found = list(model.objects.visible_to(user).filter(pk__in=wanted))
        missing = wanted - {record.pk for record in found}
        if missing:
            raise ValidationError({name: _("No %(kind)s with the id %(id)s.") % {
                "kind": model._meta.verbose_name, "id": ", ".join(str(pk) for pk in sorted(missing))}})
        found_all[name] = found
    return found_all
