"""Every address of the site, asked by every role, on records of every visibility (issue 13).

The list of addresses comes from the URL resolver itself (pages, partials, exports, feeds, the REST
API's operations with their methods, the admin): an address with no entry in
tests/operations/permission_matrix.py fails, and so does an entry whose address is gone. Each entry
is then requested as the anonymous visitor, a reader, a council member and the secretariat, with the
record it names made public, internal and restricted in turn; every answer that differs from the
matrix is listed at once. Writes are sent empty and rolled back; a refused write must change nothing.
"""

from __future__ import annotations

import copy
import inspect
import json
import re

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from tests.operations import permission_matrix as matrix

NINJA_VIEW = "PathView.get_view"


# -- the addresses, from the resolver -------------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    """(route, namespace, pattern) for every pattern; a mount of the REST API comes whole, namespace None."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and _is_api_mount(pattern):
            yield prefix + str(pattern.pattern), None, pattern
        elif isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern


def _is_api_mount(resolver) -> bool:
    return any(isinstance(p, URLPattern) and getattr(p.callback, "__qualname__", "").startswith(NINJA_VIEW)
               for p in resolver.url_patterns)


def _api_key(method: str, route: str) -> str:
    return f"{method} " + (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route) or "/")


def site_addresses():
    """(pages, api, admin): page name → route; API key → [(mount, route)]; admin (name, route, rule)."""
    pages, api, admin_rows = {}, {}, []
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace is None:  # a mount of the API (/api/, /api/v1/, …): its operations relative to it
            for inner, _namespace, operation in _walk(pattern.url_patterns):
                for method in _methods(operation):
                    api.setdefault(_api_key(method, inner), []).append((route, inner))
        elif namespace.startswith("admin:"):
            admin_rows.append((pattern.name, route, _admin_rule(pattern.name, route)))
        else:
            pages[namespace + (pattern.name or f"<unnamed {route}>")] = route
    return pages, {key: list(dict.fromkeys(mounts)) for key, mounts in api.items()}, admin_rows


def _methods(pattern) -> list[str]:
    if not getattr(pattern.callback, "__qualname__", "").startswith(NINJA_VIEW):
        return ["GET"]  # the schema and the docs page
    path_view = inspect.getclosurevars(pattern.callback).nonlocals["self"]
    return [method for operation in path_view.operations for method in operation.methods]


ADMIN_MODEL_VIEWS = ("changelist", "add", "simple_history", "history", "delete", "password_change", "change")


def _admin_rule(name: str | None, route: str) -> str | None:
    if name in matrix.ADMIN_RULES:
        return name
    if name is None and route.endswith("(?P<url>.*)$"):
        return "catch_all"
    models = {f"{model._meta.app_label}_{model._meta.model_name}": model for model in admin.site._registry}
    for view in ADMIN_MODEL_VIEWS:
        if name and name.endswith(f"_{view}") and name[: -len(view) - 1] in models:
            return f"model:{view}"
    if name == "auth_user_password_change":  # UserAdmin names it so whatever the user model
        return "model:password_change"
    if name is None and route.endswith("<path:object_id>/"):
        return "model:object"
    return None


def test_every_address_has_an_entry_and_every_entry_an_address():
    pages, api, admin_rows = site_addresses()
    problems = [f"page {key} ({route}) has no entry" for key, route in pages.items() if key not in matrix.PAGES]
    problems += [f"entry {key} names no address" for key in matrix.PAGES if key not in pages]
    problems += [f"API operation {key} has no entry" for key in api if key not in matrix.API]
    problems += [f"API entry {key} names no operation" for key in matrix.API if key not in api]
    problems += [f"admin address {name} ({route}) matches no rule" for name, route, rule in admin_rows if rule is None]
    assert not problems, "\n".join(problems)
    # Guards the walk itself: a resolver read wrongly would make the checks above pass vacuously.
    assert len(pages) > 150 and len(api) > 100 and len(admin_rows) > 100


# -- the records ------------------------------------------------------------------------------------


def _first(model, **filters):
    found = model._base_manager.filter(**filters).order_by("pk").first()
    assert found is not None, f"the matrix needs a {model.__name__} {filters}"
    return found


def build_world():
    """The demo data, the three roles, and what the demo lacks (documents, tokens, a merge, comments, …).

    Returns the users and TARGETS: name → (records whose visibility is varied, positional URL args).
    """
    from kenes.accounts.models import User
    from kenes.accounts.services import create_api_token, sync_admin_access
    from kenes.core import merging
    from kenes.core.models import Topic
    from kenes.council import feeds
    from kenes.council.models import (
        AgendaItem,
        Decision,
        Event,
        ExpertProfile,
        Minutes,
        MinutesComment,
        Term,
    )
    from kenes.directory import services as directory
    from kenes.directory.models import Membership, Organization, Person
    from kenes.documents import services as documents
    from kenes.fund.models import (
        Application,
        Fund,
        Grant,
        ReviewAssignment,
        Selection,
        SelectionEntry,
    )
    from kenes.indicators import services as indicators
    from kenes.indicators.models import Indicator, Observation, Target
    from kenes.inventory.models import Agreement, Assessment, Measure
    from kenes.projects.models import PortfolioStatement, Project, ProjectOrganization
    from kenes.web.demo import load_demo
    from kenes.workplan.models import WorkItem, WorkPlan

    load_demo()
    users = {"reader": User.objects.get(username="reader"), "member": User.objects.get(username="member"),
             "secretariat": User.objects.get(username="kz-secretariat")}
    secretariat, member = users["secretariat"], users["member"]
    sync_admin_access(secretariat)
    tokens = {role: create_api_token(user, "matrix")[1] for role, user in users.items()}
    member_token = member.api_tokens.get()

    duplicate = directory.create_person(secretariat, name_en="Matrix Duplicate", visibility="public")
    kept = directory.create_person(secretariat, name_en="Matrix Kept", visibility="public")
    merge = merging.merge(secretariat, kept, duplicate)

    outcome = documents.ingest(secretariat, DOCUMENT.encode(), name="matrix.txt", visibility="internal")
    document = documents.claim(outcome.document.pk, "matrix")
    documents.run_extraction(document, "matrix")
    mention = document.mentions.order_by("pk").first()
    assert mention is not None

    meeting = Minutes.objects.select_related("meeting").order_by("pk").first().meeting
    minutes = meeting.minutes
    version = minutes.versions.order_by("-number").first()
    comment = MinutesComment.objects.create(minutes=minutes, version=version, author=member, text="A remark.")
    agenda_item = _first(AgendaItem, meeting=meeting)
    decision = _first(Decision, meeting=meeting)
    participant = meeting.participations.order_by("pk").first().person

    rate = indicators.create_rate(secretariat, from_currency="USD", to_currency="UZS", period="2024",
                                 rate="12650", source="Central bank", visibility="public")
    feed = feeds.feed_for(member)

    # The member applies to the fund and reviews an application: their own records.
    application = _first(Application, deleted_at__isnull=True)
    attachment = _attachment(secretariat, application)
    Application._base_manager.filter(pk=application.pk).update(applicant=member)
    assignment = _first(ReviewAssignment, deleted_at__isnull=True)
    ReviewAssignment._base_manager.filter(pk=assignment.pk).update(reviewer=member.person)
    grant = _first(Grant)
    call = application.call
    target = _first(Target)
    project = _first(Project)
    role = _first(ProjectOrganization, project=project)
    topic = _first(Topic)
    body = _first(Organization, terms__isnull=False)

    targets = {
        "measure": ([_first(Measure, deleted_at__isnull=True)], lambda r: [r[0].pk]),
        "measure_label": ([_first(Measure, deleted_at__isnull=True)], lambda r: ["inventory.measure", r[0].pk]),
        "organization": ([_first(Organization, deleted_at__isnull=True)], None),
        "person": ([_first(Person, deleted_at__isnull=True, merged_into__isnull=True)], None),
        "membership": ([_first(Membership)], None),
        "assessment": ([_first(Assessment)], None),
        "agreement": ([_first(Agreement)], None),
        "plan": ([_first(WorkPlan)], None),
        "item": ([_first(WorkItem)], None),
        "meeting": ([meeting], None),
        "minutes": ([meeting, minutes], lambda r: [meeting.pk]),
        "minutes_version": ([meeting, minutes], lambda r: [meeting.pk, version.number]),
        "minutes_action": ([meeting, minutes], lambda r: [meeting.pk, "circulate"]),
        "minutes_comment": ([meeting, minutes], lambda r: [meeting.pk, comment.pk]),
        "agenda_item": ([meeting], lambda r: [agenda_item.pk]),
        "decision": ([meeting], lambda r: [decision.pk]),
        "participant": ([meeting], lambda r: [meeting.pk, participant.pk]),
        "event": ([_first(Event)], None),
        "body": ([body], None),
        "term": ([_first(Term)], None),
        "expert": ([_first(ExpertProfile)], None),
        "feed": ([], lambda r: [feed.token]),
        "indicator": ([_first(Indicator)], None),
        "target": ([target], None),
        "observation": ([_first(Observation)], None),
        "rate": ([rate], None),
        "project": ([project], None),
        "project_role": ([project], lambda r: [project.pk, role.organization_id]),
        "statement": ([_first(PortfolioStatement)], None),
        "fund": ([_first(Fund)], None),
        "call": ([call], None),
        "application": ([application], None),
        "attachment": ([application, attachment], lambda r: [application.pk, attachment.pk]),
        "assignment": ([assignment], None),
        "selection": ([_first(Selection)], None),
        "selection_entry": ([_first(SelectionEntry)], None),
        "grant": ([grant], None),
        "grant_part": ([grant], lambda r: ["grant", grant.pk]),
        "document": ([document], None),
        "mention": ([document], lambda r: [document.pk, mention.pk]),
        "token": ([], lambda r: [member_token.pk]),
        "merge": ([], lambda r: [merge.pk]),
        "area": ([], lambda r: ["council"]),
        "sitemap_section": ([], lambda r: [_sitemap_section()]),
        "topic": ([], lambda r: [topic.code]),
        "feed_kind": ([], lambda r: ["measures", "atom"]),
        "topic_feed": ([], lambda r: [topic.code, "measures", "atom"]),
        "data_file": ([], lambda r: ["datapackage.json"]),
        "unknown": ([], lambda r: ["no/such/thing"]),
    }
    # The member's own application, its attachment and their review assignment: theirs at any visibility,
    # and so is the name of the call they applied to (their form and their list of assignments show it).
    own = {"member": {(type(record), record.pk) for record in (application, attachment, assignment, call)}}
    targets = {name: (records, args or (lambda r: [r[0].pk])) for name, (records, args) in targets.items()}
    return users, tokens, targets, own


DOCUMENT = (
    "Astana, 12 March 2025 — Press release\n\n"
    "Talgat Zhaksybekov, Director of the Steppe Institute for Regional Economics, opened the third meeting "
    "of the Kazakhstan-Uzbekistan Expert Council on 11 March 2025 in Tashkent.\n"
)


def _attachment(actor, application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kenes.core import services as core
    from kenes.fund import services
    from kenes.fund.models import ApplicationAttachment

    # Straight through the write path: the demo's calls are past their deadline for new attachments.
    upload = SimpleUploadedFile("budget.txt", b"Budget: 100 000 USD.", content_type="text/plain")
    return core.create(actor, ApplicationAttachment,
                       {"application": application, "file": upload, "title": "Budget", "visibility": "restricted"},
                       allowed=["application", "file", "title", "visibility"], reason="Matrix",
                       role_check=services.require_signed_in)


def _sitemap_section() -> str:
    from kenes.portal.sitemaps import LazySitemaps

    return next(iter(LazySitemaps()))


# -- asking ---------------------------------------------------------------------------------------


class World:
    def __init__(self, users, tokens, targets, own):
        self.users, self.tokens, self.targets, self.own = users, tokens, targets, own
        self.requests, self.round = 0, "public"
        records = {(type(record), record.pk): record for records, _args in targets.values() for record in records}
        self.markers = [marked for number, record in enumerate(records.values()) if (marked := _mark(record, number))]

    def varies(self, target: str | None) -> bool:
        return bool(target and self.targets[target][0])

    def args(self, target: str | None) -> list:
        if target is None:
            return []
        records, args = self.targets[target]
        return args(records)

    def hidden(self, role: str) -> list[str]:
        """The names of the records ``role`` may not see in the current round (less its own)."""
        if self.round in LEVELS[role]:
            return []
        own = self.own.get(role, set())
        return [name for record, name in self.markers if (type(record), record.pk) not in own]

    def set_visibility(self, visibility: str) -> None:
        """Every record an entry names at ``visibility``, at once: one round of the matrix."""
        by_model: dict = {}
        for records, _args in self.targets.values():
            for record in records:
                by_model.setdefault(type(record), set()).add(record.pk)
        for model, pks in by_model.items():
            model._base_manager.filter(pk__in=pks).update(visibility=visibility)
        self.round = visibility
        cache.clear()

    def client(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(self.users[role])
        return client

    def api_headers(self, role: str) -> dict:
        return {} if role == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[role]}"}


NAME_FIELDS = ("title_en", "name_en", "title", "name")


def _mark(record, number: int):
    """Give the record a name found nowhere else, so a page showing it is caught: (record, name) or None.

    A record named by another field, or by nothing the pages show, is left out.
    """
    model = type(record)
    names = {field.name for field in model._meta.concrete_fields}
    for field in NAME_FIELDS:
        if field in names:
            marker = f"Matrixmarker{number:03d}x"
            model._base_manager.filter(pk=record.pk).update(**{field: marker})
            record.refresh_from_db()
            return (record, marker) if marker in str(record) else None
    return None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache.clear()
            yield World(*build_world())
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


LEVELS = {"anonymous": {"public"}, "reader": {"public"}, "member": {"public", "internal"},
          "secretariat": {"public", "internal", "restricted"}}
NOT_REFUSED = {"ok", "redirect", "400", "409", "422", "428"}
REFUSED = {"login", "401", "403", "404", "405"}


def expected_outcome(token: str, role: str, visibility: str | None) -> str:
    if token == "seen":
        return "ok" if visibility is None or visibility in LEVELS[role] else "404"
    if "|" in token:
        return token.split("|")[matrix.VISIBILITIES.index(visibility or "public")]
    if token == "seen-done":
        return "done" if visibility is None or visibility in LEVELS[role] else "404"
    if token == "refused":
        return "403" if visibility is None or visibility in LEVELS[role] else "404"
    if token == "public":
        return "ok" if visibility in (None, "public") else "404"
    return token


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        return "login" if "/login/" in response["Location"] else "redirect"
    if response.status_code in (200, 201, 204):
        return "ok"
    return str(response.status_code)


def matches(expected: str, got: str) -> bool:
    return got in NOT_REFUSED if expected == "done" else got == expected


def _fingerprint_query() -> str:
    """One statement counting the rows of every table but sessions and sign-in bookkeeping."""
    from django.apps import apps

    skipped = ("django_session", "axes_", "accounts_securityevent", "accounts_apitoken")
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)
                     if model._meta.managed and not model._meta.proxy
                     and not model._meta.db_table.startswith(skipped)})
    quote = connection.ops.quote_name
    return "SELECT " + " + ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)


def _rows(query: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0]


def ask(world, client, method: str, url: str, expected: str, headers=None, api=False, hidden=()):
    """One request, rolled back; a refused write must leave every table as it was. Returns what went wrong.

    ``hidden``: names of records the role may not see at this round: no answer may show one.
    """
    write = method != "GET"
    # A request may sign the client out (logout, a password change): each starts from the same session.
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        before = _rows(world.fingerprint) if write and expected in REFUSED else None
        if api:
            response = client.generic(method, url, "{}" if write else "", content_type="application/json",
                                      **(headers or {}))
        else:
            response = client.post(url, {}) if write else client.get(url)
        changed = before is not None and _rows(world.fingerprint) != before
        transaction.set_rollback(True)
    client.cookies = cookies
    world.requests += 1
    got = outcome(response)
    problems = []
    if not matches(expected, got):
        problems.append(f"expected {expected}, got {got}")
    if changed:
        problems.append("a refused write changed the database")
    if got == "ok" and hidden and not response.streaming:
        body = response.content.decode("utf-8", errors="replace")
        problems += [f"shows {name!r}, which this role may not see" for name in hidden
                     if any(form in body for form in (name, escape(name), json.dumps(name)[1:-1]))]
    return problems


def _rounds(world, entries: dict):
    """(visibility, key, entry) for every entry: those naming a record at each visibility; the rest (lists,
    exports, feeds, search) once, when every record the matrix names is restricted, so that none may show."""
    for visibility in matrix.VISIBILITIES:
        world.set_visibility(visibility)
        for key, entry in entries.items():
            if world.varies(entry.on):
                yield visibility, key, entry
            elif visibility == "restricted":
                yield None, key, entry
    world.set_visibility("public")


def _report(role: str, failures: list[str]) -> None:
    assert not failures, f"{len(failures)} answers differ from the matrix for {role}:\n" + "\n".join(failures)


@pytest.mark.parametrize("role", matrix.ROLES)
def test_every_page_answers_each_role_as_the_matrix_says(world, role, db):
    world.fingerprint = _fingerprint_query()
    client, index, failures = world.client(role), matrix.ROLES.index(role), []
    for visibility, key, entry in _rounds(world, matrix.PAGES):
        url = reverse(key, args=world.args(entry.on))
        for method, row in (("GET", entry.get), ("POST", entry.post)):
            if row is None:
                continue
            expected = expected_outcome(row[index], role, visibility)
            for problem in ask(world, client, method, url, expected, hidden=world.hidden(role)):
                failures.append(f"{method} {url} [{key}, {visibility or '-'}]: {problem}")
    _report(role, failures)


def _api_url(mount: str, route: str, args: list) -> str:
    values = iter(args)
    return "/" + mount + re.sub(r"<(?:\w+:)?\w+>", lambda _match: str(next(values)), route)


@pytest.mark.parametrize("role", matrix.ROLES)
def test_every_api_operation_answers_each_role_as_the_matrix_says(world, role, db):
    world.fingerprint = _fingerprint_query()
    _pages, operations, _admin = site_addresses()
    client, index, failures = Client(), matrix.ROLES.index(role), []
    for visibility, key, entry in _rounds(world, matrix.API):
        method = key.split(" ", 1)[0]
        row = entry.get if method == "GET" else entry.post
        expected = expected_outcome(row[index], role, visibility)
        for mount, route in operations.get(key, []):
            url = _api_url(mount, route, world.args(entry.on))
            for problem in ask(world, client, method, url, expected, world.api_headers(role), api=True,
                               hidden=world.hidden(role)):
                failures.append(f"{method} {url} [{key}, {visibility or '-'}]: {problem}")
    _report(role, failures)


def admin_samples(world) -> list[tuple[str, str]]:
    """(rule, url): every rule at least once, every model's list and one record's pages."""
    from django.contrib.contenttypes.models import ContentType

    from kenes.core.records import kenes_app_configs
    from kenes.directory.models import Person

    person = Person.objects.order_by("pk").first()
    samples = [(name, reverse(f"admin:{name}")) for name in
               ("index", "login", "logout", "password_change", "password_change_done", "autocomplete", "jsi18n")]
    samples += [("view_on_site", reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Person).pk,
                                                                     person.pk])),
                ("app_list", reverse("admin:app_list", args=["directory"])),
                ("catch_all", "/admin/no-such-page/"),
                ("model:object", reverse("admin:directory_person_changelist") + f"{person.pk}/")]
    samples += [(f"model:{view}", reverse(f"admin:directory_person_{view}", args=[person.pk]))
                for view in ("history", "delete", "change")]
    samples += [("model:simple_history", reverse("admin:directory_person_simple_history",
                                                 args=[person.pk, person.history.first().history_id])),
                ("model:password_change", reverse("admin:auth_user_password_change", args=[world.users["reader"].pk]))]
    samples += [("model:add", reverse("admin:directory_person_add"))]
    kenes = {config.label for config in kenes_app_configs()}
    samples += [("model:changelist" if model._meta.app_label in kenes else "model:changelist outside Kenes",
                 reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
                for model in admin.site._registry]
    return samples


@pytest.mark.parametrize("role", matrix.ROLES)
def test_the_admin_answers_each_role_as_the_matrix_says(world, role, db):
    client, index, failures = world.client(role), matrix.ROLES.index(role), []
    for rule, url in admin_samples(world):
        for problem in ask(world, client, "GET", url, matrix.ADMIN_RULES[rule][index]):
            failures.append(f"GET {url} [admin {rule}]: {problem}")
    _report(role, failures)
