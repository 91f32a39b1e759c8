"""Named users, as in healthchecks' hc/test.py: one per role, so tests read like stories.

alice: secretariat on the Kazakhstan side; bob: secretariat on the Uzbekistan side;
mark: council member; rita: reader (no council role); anonymous visitors have no user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kenes.accounts.models import User
from kenes.directory import services
from kenes.directory.models import Party

PASSWORD = "correct horse battery staple"


@pytest.fixture
def parties(db):
    return {
        "KZ": Party.objects.create(code="KZ", name_en="Kazakhstan", name_ru="Казахстан"),
        "UZ": Party.objects.create(code="UZ", name_en="Uzbekistan", name_ru="Узбекистан"),
    }


def _user(username, role, party=None):
    user = User(username=username, role=role, party=party, first_name=username.title())
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def alice(parties):
    return _user("alice", User.Role.SECRETARIAT, parties["KZ"])


@pytest.fixture
def bob(parties):
    return _user("bob", User.Role.SECRETARIAT, parties["UZ"])


@pytest.fixture
def mark(parties):
    return _user("mark", User.Role.MEMBER, parties["KZ"])


@pytest.fixture
def rita(db):
    return _user("rita", User.Role.READER)


@pytest.fixture
def directory(alice, parties):
    """One public, one internal and one restricted record of each kind."""
    kaziss = services.create_organization(
        alice, name_en="Kazakhstan Institute for Strategic Studies", name_ru="Казахстанский институт стратегических исследований",
        acronym="KazISS", kind="think_tank", party=parties["KZ"], visibility="public",
    )
    working_group = services.create_organization(
        alice, name_en="Internal Working Group on Water", kind="working_group", parent=kaziss, visibility="internal",
    )
    secret_fund = services.create_organization(
        alice, name_en="Restricted Fund Committee", kind="commission", visibility="restricted",
    )
    tokayev = services.create_person(
        alice, name_en="Kassym-Jomart Tokayev", name_ru="Касым-Жомарт Токаев", party=parties["KZ"],
        aliases=["Toqaev"], visibility="public",
    )
    insider = services.create_person(alice, name_en="Ivan Internal", party=parties["KZ"], visibility="internal")
    secret = services.create_person(alice, name_en="Sabina Secret", party=parties["UZ"], visibility="restricted")
    services.add_membership(alice, tokayev, title_en="Honorary Chair", organization=kaziss, start_date="2024",
                            visibility="public")
    services.add_membership(alice, tokayev, title_en="Observer", organization=secret_fund, visibility="restricted")
    return {
        "kaziss": kaziss, "working_group": working_group, "secret_fund": secret_fund,
        "tokayev": tokayev, "insider": insider, "secret": secret,
    }


def pytest_sessionstart(session):
    """In CI the PostgreSQL run must really be on PostgreSQL, not a silent fallback to SQLite."""
    import os

    if os.environ.get("KENES_REQUIRE_POSTGRES") == "1":
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            pytest.exit(f"KENES_REQUIRE_POSTGRES=1 but the test database engine is {engine}", returncode=3)


def pytest_sessionfinish(session, exitstatus):
    """With KENES_NO_SKIPS=1 (CI), a skipped test fails the run: nothing may silently not run."""
    import os

    if os.environ.get("KENES_NO_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        for report in skipped:
            reporter.write_line(f"SKIPPED (not allowed in CI): {report.nodeid}")
        session.exitstatus = 1


@pytest.fixture
def inventory(alice, directory, parties):
    """An inventory to work on: topics, measures from the council's second meeting, an agreement."""
    from kenes.core.models import Topic
    from kenes.inventory import services

    water = Topic.objects.get(code="water")
    trade = Topic.objects.get(code="trade")
    programme = services.create_agreement(
        alice, title_en="Strategic Partnership and Alliance Programme 2024–2034", kind="programme",
        status="signed", signed_on="2024-08", parties=list(parties.values()), visibility="public")
    water_measure = services.create_measure(
        alice, title_en="Strengthen water and climate security cooperation", level="expert_council",
        topics=[water], proposed_by_people=[directory["tokayev"]], proposed_by_parties=[parties["KZ"]],
        first_proposed_on="2024-08-28", occasion="Second meeting of the Expert Council", visibility="public")
    trade_measure = services.create_measure(
        alice, title_en="Develop mechanisms to reach $10 billion mutual trade", level="heads_of_state",
        topics=[trade], agreement=programme, provision="2.1", first_proposed_on="2024-08", visibility="public")
    internal = services.create_measure(alice, title_en="Internal note on transboundary water data",
                                       topics=[water], visibility="internal")
    return {"programme": programme, "water": water_measure, "trade": trade_measure, "internal": internal,
            "topics": {"water": water, "trade": trade}, **directory}


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A test that activates a language (a request in Russian does) must not leave it to the next one."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- a migrated data folder for the tests that start Kenes in a subprocess -------------------------

def clean_environment() -> dict:
    """The environment of a Kenes subprocess: none of the test run's own KENES_/DJANGO_ settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory, worker_id) -> Path:
    """One SQLite database migrated by `kenes manage migrate`, made once for all parallel test processes.

    Migrating from nothing takes 40 s or more on a shared machine; the tests that start the product in a
    subprocess (serving, health, backup, the demo's worker) copy this file into their data folder instead,
    and one test (tests/test_serve.py) still migrates from an empty folder."""
    from filelock import FileLock

    shared = _shared_folder(tmp_path_factory, worker_id)
    folder = shared / "migrated"
    database = folder / "kenes.sqlite3"
    with FileLock(str(shared / "migrated.lock")):
        if not database.exists():
            env = clean_environment()
            env["KENES_DATA_DIR"] = str(folder)
            subprocess.run([sys.executable, "-m", "kenes", "manage", "migrate", "-v0"], env=env, check=True,
                           timeout=600)
    return database


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings,
                    tmp_path_factory, worker_id):
    """pytest-django's test database, made from one migrated database instead of migrating in each process.

    Each parallel process used to migrate its own test database from nothing (30–50 s each). SQLite's
    in-memory test database is now filled from ``migrated_sqlite``; PostgreSQL's is created from a template
    database migrated once per set of migration files. Django's migrate still runs over the copy (keepdb),
    so a migration the copy lacked would be applied: the suite still tests the migrations as they are."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    settings_dict = connections["default"].settings_dict
    kept_open = []
    if connections["default"].vendor == "sqlite" and not settings_dict["TEST"].get("NAME"):
        import sqlite3

        # A shared-cache memory database lives while one connection to it is open: this one, until the end.
        memory = sqlite3.connect("file:memorydb_default?mode=memory&cache=shared", uri=True)
        source = sqlite3.connect(request.getfixturevalue("migrated_sqlite"))
        try:
            source.backup(memory)
        finally:
            source.close()
        kept_open.append(memory)
    elif connections["default"].vendor == "postgresql":
        _copy_postgres_template(settings_dict, tmp_path_factory, worker_id)
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock():
        config = setup_databases(verbosity=request.config.option.verbose, interactive=False, keepdb=True,
                                 aliases=aliases, serialized_aliases=serialized_aliases)
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=request.config.option.verbose)  # drops PostgreSQL's copy
    for connection in kept_open:
        connection.close()


def _shared_folder(tmp_path_factory, worker_id) -> Path:
    """A folder every parallel test process of this run sees (pytest's base temporary folder's parent)."""
    return tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent


def postgres_url(database: str) -> str:
    """The suite's PostgreSQL server (KENES_TEST_DATABASE_URL) with another database on it."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(os.environ["KENES_TEST_DATABASE_URL"])._replace(path=f"/{database}"))


def postgres_admin():
    """An autocommit connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    import psycopg

    return psycopg.connect(postgres_url("postgres"), autocommit=True)


def _ensure_postgres_template(shared: Path) -> str:
    """The name of a PostgreSQL database migrated by `kenes manage migrate`, made if missing; one per set
    of migration files, so a changed migration gets a fresh one. The caller holds the template lock."""
    import hashlib

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for migration in sorted(root.glob("kenes/*/migrations/*.py")):
        digest.update(migration.name.encode() + migration.read_bytes())
    template = f"kenes_test_template_{digest.hexdigest()[:12]}"
    with postgres_admin() as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone() is not None:
            return template
        # Templates of older migrations are of no use any more: the server keeps one.
        for (old,) in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'kenes_test_template_%'"):
            admin.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{template}"')
        env = clean_environment()
        env["KENES_DATA_DIR"] = str(shared / "postgres-template-data")
        env["KENES_DATABASE_URL"] = postgres_url(template)
        try:
            subprocess.run([sys.executable, "-m", "kenes", "manage", "migrate", "-v0"], env=env, check=True,
                           timeout=600)
        except BaseException:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}"')
            raise
    return template


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory, worker_id) -> str:
    """The migrated PostgreSQL template's name, for tests that make databases of their own from it."""
    from filelock import FileLock

    shared = _shared_folder(tmp_path_factory, worker_id)
    with FileLock(str(shared / "postgres-template.lock")):
        return _ensure_postgres_template(shared)


def _copy_postgres_template(settings_dict, tmp_path_factory, worker_id) -> None:
    """Create this process's test database as a copy of the migrated template (under the template lock)."""
    from filelock import FileLock

    test_name = settings_dict["TEST"].get("NAME") or f"test_{settings_dict['NAME']}"
    shared = _shared_folder(tmp_path_factory, worker_id)
    with FileLock(str(shared / "postgres-template.lock")):
        template = _ensure_postgres_template(shared)
        with postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')


def install_migrated(database: Path, folder: Path) -> Path:
    """Puts a copy of the migrated ``database`` into the data ``folder``, as `kenes manage migrate` would
    leave it (the folder's own secret key is made on first use)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(database, folder / "kenes.sqlite3")
    return folder


@pytest.fixture
def migrated_data_dir(migrated_sqlite, tmp_path) -> Path:
    return install_migrated(migrated_sqlite, tmp_path / "data")
