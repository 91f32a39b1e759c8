"""The suite runs on the database CI asks for (SQLite by default, PostgreSQL by KENES_TEST_DATABASE_URL)."""

import os

from django.db import connection


def test_it_runs_on_the_requested_database(db):
    wanted = os.environ.get("KENES_TEST_DATABASE_URL", "")
    expected = "postgresql" if wanted.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
