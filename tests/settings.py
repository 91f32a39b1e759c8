"""Test settings: the suite's database comes from KENES_TEST_DATABASE_URL (SQLite in memory when absent)."""

import atexit
import os
import shutil
import tempfile

# Set before kenes.settings reads them: tests never touch a real data folder or database.
_DATA_DIR = tempfile.mkdtemp(prefix="kenes-test-")
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
os.environ["KENES_DATA_DIR"] = _DATA_DIR
os.environ["KENES_DATABASE_URL"] = os.environ.get("KENES_TEST_DATABASE_URL", "")
os.environ.setdefault("KENES_SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")
# Every test client calls from 127.0.0.1: the suite is not throttled; the limiter's tests set their own rate.
os.environ["KENES_API_ANON_RATE"] = "1000000/minute"

from kenes.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only

# Background work runs at once in the tests that do not start workers; the worker tests
# switch to the database queue or RQ themselves (tests/documents/test_workers.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The two-factor tests (tests/accounts/test_two_factor.py) turn it on; the rest of the suite signs in with a password.
KENES_REQUIRE_2FA = False
