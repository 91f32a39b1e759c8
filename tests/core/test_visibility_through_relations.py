"""Visibility through relations: no page, list, download, search result or API answer names a hidden related record.

The test is generic, so the next apps are covered without editing it:

- the cases come from walking ``record_models()``: every foreign key, one-to-one and
  many-to-many between two Record models (not ``merged_into``, not history), once
  forward (a visible record pointing at a hidden one) and once reverse (a hidden record
  pointing at a visible one);
- the records are built from ``_meta`` (``Builder``) and saved through the write path,
  every text field of the hidden record holding one marker ("Hidden…") whose
  appearance anywhere is a leak;
- the surfaces are found, not listed: each record's page (``get_absolute_url``), the
  API read endpoints of the OpenAPI document (detail paths and list paths mapped to
  their model by what they answer), every list page that downloads as CSV, the
  dashboard, the search page and ``/api/search``.

A record is hidden from a role by its visibility (internal from visitors and readers,
restricted from members too) and from everyone, the secretariat included, by a soft
delete or a merge into another record: neither may be shown as a live record or link.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

import pytest
from django.db import models, transaction
from django.urls import URLResolver, get_resolver

from kenes.core import merging, services
from kenes.core.models import Mergeable, PartialDateField
from kenes.core.records import record_models
from kenes.core.visibility import visible_many, visible_related, visible_related_id
from kenes.council.models import LanguagesField
from kenes.directory import services as directory_services

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "rita", "mark", "alice")
# The most closed level each role may read: the visible records of a case are built at it,
# so a member's case also proves that internal records show nothing restricted.
VISIBLE_LEVEL = {"anonymous": "public", "rita": "public", "mark": "internal", "alice": "restricted"}
# Each way of hiding is tried on the roles whose code paths differ for it: visitors (the public pages)
# meet every way; a signed-in reader the level just above theirs, a member restricted records; a delete or
# a merge hides from everyone alike, so it is tried on the visitor and on the secretariat, who sees most.
HIDING = {
    "anonymous": ("internal", "restricted", "deleted", "merged"),
    "rita": ("internal",),
    "mark": ("restricted",),
    "alice": ("deleted", "merged"),
}
# A merged duplicate shares the kept record's names (that is why it was merged): they live on
# as the kept record's names, legitimately. Its other texts must disappear with it.
NAME_FIELD = re.compile(r"^(name(_[a-z]{2})?|acronym)$")
# Links whose target must share some fields with the record (an alternate sits on the same body
# for the same side): the case about the link copies them from the target.
AGREES_WITH_LINK = {("council.term", "alternate_for"): ("body", "party")}
# Fields that must differ between live records of one kind (one portfolio statement per status and
# date): each record built gets a year of its own there.
DISTINCT_PER_RECORD = {"projects.portfoliostatement": ("stated_on",)}
# Letters that neither folding across scripts nor Russian stemming changes, so a marker
# searched for is the marker indexed.
MARKER_LETTERS = "bcdfgjlmnprstvz"


# --- the cases: every relation between two Record models -------------------------------------

def _relations():
    records = set(record_models())
    for model in record_models():
        for field in model._meta.get_fields():
            if (field.is_relation and field.concrete and not field.auto_created
                    and field.name != "merged_into" and field.related_model in records):
                yield model, field


@dataclass(frozen=True)
class Case:
    model: type[models.Model]
    field: models.Field
    direction: str  # "forward": the record pointed at is hidden; "reverse": the one pointing is

    @property
    def hidden_model(self):
        return self.field.related_model if self.direction == "forward" else self.model

    def __str__(self) -> str:
        if self.direction == "forward":
            return f"{self.model._meta.label_lower}.{self.field.name}"
        accessor = self.field.remote_field.get_accessor_name() or self.field.name
        return f"{self.field.related_model._meta.label_lower}.{accessor}<-{self.field.name}"


def _cases():
    for model, field in _relations():
        for direction in ("forward", "reverse"):
            case = Case(model, field, direction)
            for role in ROLES:
                for mode in HIDING[role]:
                    if mode == "merged" and not issubclass(case.hidden_model, Mergeable):
                        continue
                    yield pytest.param(case, role, mode, id=f"{case}-{role}-{mode}")


# --- building records from _meta -------------------------------------------------------------

def _marker(prefix: str) -> str:
    letters = []
    while len(letters) < 12:
        letter = random.choice(MARKER_LETTERS)
        if not letters or letters[-1] != letter:  # folding would merge a doubled letter
            letters.append(letter)
    return prefix + "".join(letters)


def _value(field, marker: str):
    """A valid value for one field; text fields carry the marker."""
    if field.choices:
        return field.flatchoices[0][0]
    if field.name.endswith("currency"):
        # An ISO 4217 code is checked against the list (a marker is not a currency), and a conversion
        # rate's two currencies must differ.
        return "KZT" if field.name == "to_currency" else "USD"
    if isinstance(field, PartialDateField):
        return "2024"
    if isinstance(field, LanguagesField):
        return "en,ru"
    if isinstance(field, models.URLField):
        return f"https://{marker.lower()}.example.org/"
    if isinstance(field, models.EmailField):
        return f"{marker.lower()}@example.org"
    if isinstance(field, models.SlugField):
        return marker.lower()
    if isinstance(field, (models.CharField, models.TextField)):
        return marker[: field.max_length] if field.max_length else marker
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 1
    if isinstance(field, models.DateTimeField):
        from django.utils import timezone

        return timezone.now()
    if isinstance(field, models.DateField):
        import datetime

        return datetime.date(2024, 1, 1)
    if isinstance(field, models.JSONField):
        return {}
    return None


class Builder:
    """Records of any model, filled from ``_meta`` and saved through the write path as alice."""

    def __init__(self, actor, level: str):
        self.actor = actor
        self.level = level
        self.markers: dict[tuple[str, int], str] = {}
        self.visible: list[models.Model] = []

    def marker_of(self, record) -> str:
        return self.markers[(record._meta.label_lower, record.pk)]

    def build(self, model, *, hidden: bool = False, visibility: str | None = None, depth: int = 1,
              overrides: dict | None = None):
        """``depth=0``: optional links to other records are filled too (with visible records)."""
        overrides = dict(overrides or {})
        marker = _marker("Hidden" if hidden else "Shown")
        record = model()
        many = {}
        for field in model._meta.get_fields():
            if field.name in overrides or not getattr(field, "concrete", False) or field.auto_created:
                continue
            if field.many_to_many:
                if depth == 0 and field.related_model in record_models():
                    many[field.name] = [self.build(field.related_model)]
                continue
            if field.primary_key or field.name == "visibility":
                continue
            if not field.editable:
                # Computed by the write path (keys, states) unless unique: then each record needs its own.
                if field.unique and isinstance(field, models.CharField):
                    setattr(record, field.name, _marker("Key")[: field.max_length])
                continue
            if isinstance(field, models.FileField):
                continue
            if field.is_relation:
                target = field.related_model
                if target is model and field.null:
                    # An optional link to a record of the same kind (a term's alternate, a measure's parent)
                    # often has to agree with this record; only the case about that link fills it.
                    continue
                if target in record_models():
                    if not field.null or (depth == 0 and field.name != "merged_into"):
                        setattr(record, field.name, self.build(target))
                elif not field.null:
                    setattr(record, field.name, target._default_manager.first())
                continue
            setattr(record, field.name, _value(field, marker))
        for name, value in overrides.items():
            if model._meta.get_field(name).many_to_many:
                many[name] = value
            else:
                setattr(record, name, value)
                for shared in AGREES_WITH_LINK.get((model._meta.label_lower, name), ()):
                    setattr(record, shared, getattr(value, shared))
        for name in DISTINCT_PER_RECORD.get(model._meta.label_lower, ()):
            if name not in overrides:
                setattr(record, name, str(1900 + len(self.markers)))
        record.visibility = visibility or self.level
        services.save(record, self.actor, "test", many=many)
        self.markers[(record._meta.label_lower, record.pk)] = marker
        if not hidden:
            self.visible.append(record)
        return record

    def hidden(self, model, mode: str, *, depth: int = 1, overrides: dict | None = None):
        overrides = dict(overrides or {})
        if mode in ("internal", "restricted"):
            return self.build(model, hidden=True, visibility=mode, depth=depth, overrides=overrides)
        kept = None
        if mode == "merged":
            kept = self.build(model)
            overrides.update({f.name: getattr(kept, f.name) for f in model._meta.concrete_fields
                              if NAME_FIELD.match(f.name)})
        record = self.build(model, hidden=True, depth=depth, overrides=overrides)
        # Visible until the delete or the merge: only that may hide it.
        record.visibility = self.level
        services.save(record, self.actor, "test")
        if mode == "deleted":
            return services.delete(self.actor, record, reason="test")
        merging.merge(self.actor, kept, record, reason="test")
        return type(record)._base_manager.get(pk=record.pk)


# --- finding the surfaces ----------------------------------------------------------------------

@dataclass
class Surfaces:
    details: dict  # OpenAPI path with one parameter → model
    lists: dict  # OpenAPI path → (model or None, [query parameters naming a record model])
    list_pages: list  # pages answering ?format=csv with a CSV file
    # What each list (API path or page) was seen showing: the models whose sample's words it holds,
    # nested records included. A list that showed no sample at all is checked in every case.
    shows: dict = None

    def concerns(self, surface: str, models_involved: set) -> bool:
        """Whether a case about ``models_involved`` must look at ``surface``: a list that never shows
        any record of those kinds, nor anything linked to one, cannot show the hidden one."""
        shown = (self.shows or {}).get(surface)
        return not shown or bool(shown & models_involved)


_surfaces: Surfaces | None = None


def _plain_pages(resolver=None, prefix: str = ""):
    """Pages of the Kenes apps whose address takes no parameter."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if module.startswith("kenes.") and not module.startswith("kenes.accounts"):
                yield from _plain_pages(pattern, prefix + route)
        elif "<" not in route and not route.startswith("^"):
            yield "/" + prefix + route


def _own_fields(item: dict) -> str:
    """An answer's own fields, without the records nested in it: a call's answer lists its criteria, and a
    criterion whose id happens to equal the call's would otherwise be taken for what the path answers."""
    return json.dumps({key: value for key, value in item.items()
                       if not (isinstance(value, list) and any(isinstance(v, dict) for v in value))})


def _surfaces_for(admin_client, builder: Builder) -> Surfaces:
    """Which API paths answer for which model, and which pages download: found once, then kept."""
    global _surfaces
    if _surfaces is not None:
        return _surfaces
    # Optional links filled too (depth 0), so a list that shows a linked record's words is known to.
    samples = [builder.build(model, depth=0) for model in record_models()]
    model_names = {model._meta.model_name: model for model in record_models()}
    paths = admin_client.get("/api/openapi.json").json()["paths"]
    details, lists, shows = {}, {}, {}
    for path, operations in paths.items():
        if "get" not in operations or path.endswith("/search"):
            continue
        parameters = operations["get"].get("parameters", [])
        in_path = [p["name"] for p in parameters if p["in"] == "path"]
        if len(in_path) == 1:
            for record in samples:
                response = admin_client.get(path.replace("{" + in_path[0] + "}", str(record.pk)))
                # A path with one id that answers a list (a document's mentions) is not a record's detail.
                if (response.status_code == 200 and isinstance(response.json(), dict)
                        and response.json().get("id") == record.pk
                        and builder.marker_of(record) in _own_fields(response.json())):
                    details[path] = type(record)
        elif not in_path:
            filters = [p["name"] for p in parameters if p["in"] == "query" and p["name"] in model_names]
            items = _items(admin_client.get(path).json())
            model = None
            shown = json.dumps(items)
            shows[path] = {type(record) for record in builder.visible if builder.marker_of(record) in shown}
            for record in samples:
                if any(isinstance(item, dict) and item.get("id") == record.pk
                       and builder.marker_of(record) in _own_fields(item) for item in items):
                    model = type(record)
            lists[path] = (model, filters)
    list_pages = []
    for page in _plain_pages():
        response = admin_client.get(page, {"format": "csv"})
        if response.status_code == 200 and response["Content-Type"].startswith("text/csv"):
            list_pages.append(page)
            shown = response.content.decode("utf-8", "replace") + admin_client.get(page).content.decode()
            shows[page] = {type(record) for record in builder.visible if builder.marker_of(record) in shown}
    _surfaces = Surfaces(details, lists, list_pages, shows)
    return _surfaces


def _items(data):
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return data["items"]
    return data if isinstance(data, list) else []


def _detail_path(surfaces: Surfaces, model):
    return next((path for path, found in surfaces.details.items() if found is model), None)


# --- the checks -------------------------------------------------------------------------------

class Exposure:
    """Everything a role reads, checked for one hidden record."""

    def __init__(self, client, where: str, hidden, marker: str):
        self.client = client
        self.where = where
        self.hidden = hidden
        self.model = type(hidden)
        self.marker = marker.lower()
        self.url = hidden.get_absolute_url() if hasattr(hidden, "get_absolute_url") else None
        self.checked = 0

    def get(self, url, params=None, *, expect_ok: bool = True):
        response = self.client.get(url, params or {})
        label = f"{self.where}: GET {url} {params or ''}"
        if expect_ok:
            assert response.status_code == 200, f"{label} answered {response.status_code}"
        body = response.content.decode("utf-8", "replace").lower()
        assert self.marker not in body, f"{label} shows the hidden {self.model._meta.label_lower}"
        if self.url:
            assert f'href="{self.url}"' not in body, f"{label} links to the hidden record"
        self.checked += 1
        return response

    def json_of(self, response, model, url):
        """API answers of ``model``: never the hidden record, never its id in a link field."""
        data = response.json()
        items = _items(data) if isinstance(data, dict) and "items" in data else [data]
        for item in items:
            if model is None or not isinstance(item, dict):
                continue
            label = f"{self.where}: GET {url} item {item.get('id')}"
            if model is self.model:
                assert item.get("id") != self.hidden.pk, f"{label} is the hidden record"
            for field in model._meta.get_fields():
                if not (field.is_relation and field.concrete) or field.related_model is not self.model:
                    continue
                if field.many_to_many:
                    assert self.hidden.pk not in (item.get(field.name) or []), f"{label}: {field.name}"
                else:
                    assert item.get(f"{field.name}_id") != self.hidden.pk, f"{label}: {field.name}_id"
        return items


def _check_everything(client, builder: Builder, surfaces: Surfaces, hidden, where: str) -> int:
    seen = Exposure(client, where, hidden, builder.marker_of(hidden))
    # The hidden record itself: no page (a merged one leads to the record kept) and no API answer.
    if seen.url:
        response = seen.get(seen.url, expect_ok=False)
        assert response.status_code in (302, 404), f"{where}: the hidden record's page answered"
        assert response.get("Location") != seen.url
    if (path := _detail_path(surfaces, seen.model)) is not None:
        parameter = re.search(r"\{[^}]+\}", path).group(0)
        response = seen.get(path.replace(parameter, str(hidden.pk)), expect_ok=False)
        assert response.status_code == 404, f"{where}: {path} answered for the hidden record"

    seen.get("/")
    for record in builder.visible:
        if hasattr(record, "get_absolute_url"):
            seen.get(record.get_absolute_url())
        if (path := _detail_path(surfaces, type(record))) is not None:
            parameter = re.search(r"\{[^}]+\}", path).group(0)
            url = path.replace(parameter, str(record.pk))
            seen.json_of(seen.get(url), type(record), url)
        # Searching for what the visible record says finds it, and whatever entry mentions it.
        query = {"q": builder.marker_of(record)}
        seen.get("/search/", query)
        found = seen.get("/api/search", query).json()
        for group in found["groups"]:
            for result in group["results"]:
                assert result["url"] != seen.url, f"{where}: /api/search leads to the hidden record"
    # (The answer repeats the query, so only its count can be checked.)
    assert client.get("/api/search", {"q": seen.marker}).json()["count"] == 0, (
        f"{where}: searching for the hidden record's words finds something")

    involved = {type(record) for record in builder.visible} | {seen.model}
    for path, (model, filters) in surfaces.lists.items():
        if not surfaces.concerns(path, involved):
            continue
        seen.json_of(seen.get(path), model, path)
        for name in filters:
            for record in [*builder.visible, hidden]:
                if record._meta.model_name != name:
                    continue
                items = seen.json_of(seen.get(path, {name: record.pk}), model, path)
                if record is hidden:
                    # Filtering by a hidden record must not tell what belongs to it.
                    assert items == [], f"{where}: {path}?{name}= lists what belongs to the hidden record"
    for page in surfaces.list_pages:
        if not surfaces.concerns(page, involved):
            continue
        seen.get(page)
        seen.get(page, {"format": "csv"})
    return seen.checked


def _client_for(request, client, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


# --- the tests --------------------------------------------------------------------------------

CASES = list(_cases())


def test_it_finds_relations_to_check():
    # The directory alone has four: a parent organisation, a role's person and organisation.
    assert {str(Case(m, f, "forward")) for m, f in _relations()} >= {
        "directory.organization.parent", "directory.membership.person", "directory.membership.organization"}


def test_it_finds_a_page_or_an_api_for_every_record_model(alice, client):
    # A model nothing shows cannot leak; but a new app's model that this test cannot reach
    # would be checked by nothing: add its page (get_absolute_url) or its API.
    client.force_login(alice)
    surfaces = _surfaces_for(client, Builder(alice, "public"))
    assert surfaces.list_pages, "no list page downloads as CSV"
    listed = {model for model, _filters in surfaces.lists.values()}
    for model in record_models():
        assert (hasattr(model, "get_absolute_url") or model in surfaces.details.values()
                or model in listed), f"{model._meta.label}: no page and no API found"


@pytest.mark.parametrize(("case", "role", "mode"), CASES)
def test_it_never_shows_a_hidden_related_record(request, client, alice, parties, case, role, mode):
    client = _client_for(request, client, role)
    admin = type(client)()
    admin.force_login(alice)
    builder = Builder(alice, VISIBLE_LEVEL[role])
    surfaces = _surfaces_for(admin, Builder(alice, "public"))
    field = case.field
    with transaction.atomic():
        if case.direction == "forward":
            hidden = builder.hidden(field.related_model, mode)
            value = [hidden] if field.many_to_many else hidden
            builder.build(case.model, depth=0, overrides={field.name: value})
        else:
            target = builder.build(field.related_model, depth=0)
            value = [target] if field.many_to_many else target
            hidden = builder.hidden(case.model, mode, depth=0, overrides={field.name: value})
        checked = _check_everything(client, builder, surfaces, hidden, f"{case} as {role}, {mode}")
        transaction.set_rollback(True)
    assert checked > 10


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_pages_and_schemas_no_hidden_record_through_the_helper(request, alice, parties, role):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    builder = Builder(alice, VISIBLE_LEVEL[role])
    for model in record_models():
        shown = builder.build(model)
        assert visible_related(shown, user) == shown and visible_related_id(shown, user) == shown.pk
        for mode in HIDING[role]:
            if mode == "merged" and not issubclass(model, Mergeable):
                continue
            hidden = builder.hidden(model, mode)
            where = f"{model._meta.label_lower} {mode} for {role}"
            assert visible_related(hidden, user) is None, where
            assert visible_related_id(hidden, user) is None, where
            many = visible_many(model._base_manager.filter(pk__in=[hidden.pk, shown.pk]), user)
            assert set(many.values_list("pk", flat=True)) == {shown.pk}, where


# --- the membership chain, step by step --------------------------------------------------------

@pytest.mark.parametrize("role", ["anonymous", "rita", "mark"])
def test_it_keeps_a_restricted_organisation_out_of_a_public_persons_public_role(request, client, directory,
                                                                                alice, role):
    tokayev, secret_fund = directory["tokayev"], directory["secret_fund"]
    directory_services.add_membership(alice, tokayev, title_en="Board Adviser", organization=secret_fund,
                                      visibility="public")
    client = _client_for(request, client, role)
    name, link = "Restricted Fund Committee", secret_fund.get_absolute_url()

    def shows_nothing(response):
        assert response.status_code == 200
        body = response.content.decode()
        assert name not in body and link not in body
        return response

    shows_nothing(client.get(tokayev.get_absolute_url()))
    shows_nothing(client.get(f"/api/people/{tokayev.pk}"))
    roles = shows_nothing(client.get("/api/memberships", {"person": tokayev.pk})).json()["items"]
    assert [r["title_en"] for r in roles] == ["Honorary Chair"]
    assert all(r["organization_id"] != secret_fund.pk for r in roles)
    assert shows_nothing(client.get("/api/people", {"organization": secret_fund.pk})).json()["items"] == []
    assert shows_nothing(client.get("/api/memberships", {"organization": secret_fund.pk})).json()["items"] == []
    csv = shows_nothing(client.get("/directory/people/", {"format": "csv"}))
    assert "Kassym-Jomart Tokayev" in csv.content.decode()
    shows_nothing(client.get("/directory/organisations/", {"format": "csv"}))
    for query in ("Tokayev", "Board Adviser", "Restricted Fund"):
        shows_nothing(client.get("/search/", {"q": query}))
        found = shows_nothing(client.get("/api/search", {"q": query})).json()
        assert all(r["url"] != link for g in found["groups"] for r in g["results"])

