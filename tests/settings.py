"""Test settings: the suite's database comes from KENES_TEST_DATABASE_URL (SQLite in memory when absent)."""

import os
import tempfile

# Set before kenes.settings reads them: tests never touch a real data folder or database.
os.environ["KENES_DATA_DIR"] = tempfile.mkdtemp(prefix="kenes-test-")
os.environ["KENES_DATABASE_URL"] = os.environ.get("KENES_TEST_DATABASE_URL", "")
os.environ.setdefault("KENES_SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")

from kenes.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
