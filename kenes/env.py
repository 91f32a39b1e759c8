"""Settings from the environment, failing loudly on a bad value.

Each helper raises :class:`ConfigError` with one line that names the variable
and says what is wrong; ``kenes`` prints that line and exits instead of a
traceback (the habit of healthchecks' ``hc/settings.py``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}

# Every setting Kenes reads from the environment, with what it means. The
# operator guide lists the same names; a test keeps the two in step.
DOCUMENTED = {
    "KENES_DATA_DIR": "folder for the SQLite database, the secret key and uploaded files",
    "KENES_DATABASE_URL": "sqlite:///path or postgres://user@host:port/name; SQLite in the data dir by default",
    "KENES_SECRET_KEY": "Django secret key; generated and kept in the data dir when absent",
    "KENES_SECRET_KEY_FILE": "a file holding the secret key (for container secrets)",
    "KENES_DEBUG": "on/off, off by default; never on in production",
    "KENES_ALLOWED_HOSTS": "comma-separated host names the server answers to",
    "KENES_CSRF_TRUSTED_ORIGINS": "comma-separated origins (https://kenes.example.org) when behind a proxy",
    "KENES_SECURE_COOKIES": "on by default: session and CSRF cookies only over HTTPS; the demo turns it off",
    "KENES_SECURE_PROXY": "on when a reverse proxy terminates TLS and sets X-Forwarded-Proto",
    "KENES_LOGIN_ATTEMPTS": "failed logins allowed before an account and address is locked (default 5)",
    "KENES_LOGIN_COOLOFF_MINUTES": "how long a lockout lasts (default 15)",
    "KENES_TEST_DATABASE_URL": "the database the test suite runs on (SQLite when absent)",
    "KENES_TEST_REDIS_URL": "redis://host:port/db the worker tests run RQ on (each test process takes the db below it)",
    "KENES_HOST": "address `kenes serve` listens on (default 127.0.0.1; --host overrides)",
    "KENES_PORT": "port `kenes serve` listens on (default 8000; --port overrides)",
    "KENES_REDIS_URL": "redis://host:port/db: background work on RQ (workers on many machines); the database queue when absent",
    "KENES_MAX_UPLOAD_MB": "largest document accepted for ingest, in megabytes (default 50)",
    "KENES_PAGE_CACHE_SECONDS": "longest a signed-in reader's reload is answered from the page kept for them "
                                "(default 60; 0: never); any change to the data ends it at once",
    "KENES_PAGE_CACHE_HEADER": "on: a kept page says so in X-Kenes-Kept (default off)",
    "KENES_SMTP_HOST": "mail server for the weekly work-plan digest (send_workplan_digest); no email is sent when absent",
    "KENES_SMTP_PORT": "its port (default 25)",
    "KENES_FROM_EMAIL": "the sender address of Kenes's email (default kenes@localhost)",
    "KENES_BASE_URL": "the address readers reach Kenes at (https://kenes.example.org), for links in email",
    "KENES_AUDIT_RETENTION_DAYS": "days security events (sign-ins, failures, token and role changes) are kept (default 365)",
    "KENES_REQUIRE_2FA": "on by default: secretariat accounts sign in with a second factor (authenticator app); the demo turns it off",
    "KENES_TOKEN_MAX_DAYS": "the longest an API token may last, in days (default 365; new tokens last 90 unless asked)",
    "KENES_HSTS_SECONDS": "with KENES_SECURE_PROXY: how long browsers keep to HTTPS (Strict-Transport-Security, default 31536000)",
    "KENES_HSTS_INCLUDE_SUBDOMAINS": "with KENES_SECURE_PROXY: HSTS for every subdomain too (default off)",
    "KENES_LOG_FORMAT": "text (default) or json: one JSON object per log line, with the request id",
    "KENES_API_ANON_RATE": "API calls allowed per client address without a token or session: N/second, N/minute, "
                           "N/hour or N/day (default 60/minute); off for no limit",
    "KENES_METRICS": "on/off (off by default): Prometheus metrics at /metrics, for this machine only unless a token is set",
    "KENES_METRICS_TOKEN": "with KENES_METRICS on: /metrics answers whoever sends Authorization: Bearer <this token>",
}


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message is one line for the operator."""


def envbool(name: str, default: str = "off") -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a boolean: use on/off, true/false, yes/no or 1/0")


def envint(name: str, default: str, minimum: int = 0) -> int:
    raw = os.environ.get(name, default).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def envchoice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower() or default
    if value not in choices:
        raise ConfigError(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


RATE_PERIODS = {"s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600, "hour": 3600,
                "d": 86400, "day": 86400}


def envrate(name: str, default: str) -> tuple[int, int] | None:
    """``"60/minute"`` as (60, 60): calls and the seconds they are counted over; None for ``off``."""
    raw = os.environ.get(name, default).strip().lower()
    if raw in FALSE:
        return None
    count, _sep, unit = raw.partition("/")
    if not count.strip().isdigit() or int(count) < 1 or unit.strip() not in RATE_PERIODS:
        raise ConfigError(f"{name}={raw!r} is not a rate: use e.g. 60/minute (per second, minute, hour or day) or off")
    return int(count), RATE_PERIODS[unit.strip()]


def envlist(name: str, default: str = "", *, required: bool = False) -> list[str]:
    items = [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
    if required and not items:
        raise ConfigError(f"{name} is empty: give at least one value (comma-separated)")
    return items


def data_dir() -> Path:
    """The data folder, created if needed; it must be writable."""
    raw = os.environ.get("KENES_DATA_DIR", "").strip()
    path = Path(raw).expanduser() if raw else Path.cwd() / "var"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"KENES_DATA_DIR={str(path)!r} cannot be created: {exc.strerror}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"KENES_DATA_DIR={str(path)!r} is not writable by this user")
    return path.resolve()


def secret_key(folder: Path) -> str:
    """From KENES_SECRET_KEY, KENES_SECRET_KEY_FILE, or a key generated once and kept in the data dir."""
    if value := os.environ.get("KENES_SECRET_KEY", "").strip():
        if len(value) < 32:
            raise ConfigError("KENES_SECRET_KEY is too short: use at least 32 random characters")
        return value
    if filename := os.environ.get("KENES_SECRET_KEY_FILE", "").strip():
        try:
            value = Path(filename).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"KENES_SECRET_KEY_FILE={filename!r} cannot be read: {exc.strerror}") from None
        if len(value) < 32:
            raise ConfigError(f"KENES_SECRET_KEY_FILE={filename!r} holds a key shorter than 32 characters")
        return value
    keyfile = folder / "secret_key"
    if keyfile.exists():
        try:
            value = keyfile.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not text"
            raise ConfigError(f"the secret key file {str(keyfile)!r} cannot be read: {reason}") from None
        if len(value) < 32:
            raise ConfigError(f"the secret key file {str(keyfile)!r} holds no usable key: "
                              "delete it to have a new one generated")
        return value
    value = secrets.token_urlsafe(50)
    # Written to a temporary file and renamed, so a crash never leaves an empty key behind;
    # readable by the owner only: the key signs sessions and password resets.
    temporary = folder / f".secret_key.{os.getpid()}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, keyfile)
    return value


def database(url: str | None, folder: Path) -> dict:
    """A Django DATABASES entry from a URL; SQLite in the data dir when no URL is given."""
    url = (url or "").strip()
    if not url:
        return _sqlite(folder / "kenes.sqlite3")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path, as dj-database-url reads them.
        path = url.split("://", 1)[1][1:] if "://" in url else ""
        if not path:
            raise ConfigError(f"KENES_DATABASE_URL={url!r} names no file: use sqlite:///path/to/kenes.sqlite3")
        return _sqlite(Path(path))
    if scheme in {"postgres", "postgresql", "pgsql"}:
        import dj_database_url

        if not parts.path.strip("/"):
            raise ConfigError(f"KENES_DATABASE_URL={url!r} names no database: add /name at the end")
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as exc:
            raise ConfigError(f"KENES_DATABASE_URL is malformed: {exc}") from None
        return config
    raise ConfigError(
        f"KENES_DATABASE_URL={url!r} is not understood: use sqlite:///path or postgres://user@host:port/name"
    )


def _sqlite(path: Path) -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Kept open between requests, as PostgreSQL's: opening one runs the PRAGMAs below and registers
        # Django's SQL functions, a third of a small page's time under load (measured, issue 13).
        "CONN_MAX_AGE": 60,
        # WAL lets readers go on while one writer writes; IMMEDIATE avoids
        # "database is locked" when a read transaction is upgraded to a write.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
