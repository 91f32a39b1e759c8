"""Behind an HTTPS proxy (KENES_SECURE_PROXY=on): HSTS, the redirect to HTTPS, secure cookies; probes stay on HTTP."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.test import override_settings

import kenes

SETTINGS_FILE = Path(kenes.__file__).parent / "settings.py"


def settings_with(monkeypatch, **environment) -> dict:
    """kenes/settings.py read afresh under these variables (the running settings are left alone)."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_behind_an_https_proxy_the_settings_turn_on_hsts_the_redirect_and_secure_cookies(monkeypatch):
    values = settings_with(monkeypatch, KENES_SECURE_PROXY="on", KENES_SECURE_COOKIES="off")
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True
    values = settings_with(monkeypatch, KENES_HSTS_SECONDS="600", KENES_HSTS_INCLUDE_SUBDOMAINS="on")
    assert (values["SECURE_HSTS_SECONDS"], values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]) == (600, True)


def test_without_the_proxy_there_is_no_hsts_nor_redirect(monkeypatch):
    values = settings_with(monkeypatch, KENES_SECURE_PROXY="off")
    assert "SECURE_HSTS_SECONDS" not in values and not values.get("SECURE_SSL_REDIRECT")


@pytest.mark.django_db
@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), SECURE_HSTS_SECONDS=31536000,
                   SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^healthz$", r"^readyz$"])
def test_the_responses_carry_hsts_over_https_and_plain_http_is_sent_there(client):
    secure = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get("/directory/people/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/directory/people/"
    # A load balancer probes over plain HTTP on the private side.
    assert client.get("/healthz").status_code == 200
