import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_signs_in_and_out(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert "alice" in client.get(reverse("accounts:profile")).content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_it_locks_out_after_repeated_failures_even_with_the_right_password(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_it_sends_a_content_security_policy_and_no_framing(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_it_marks_cookies_secure_outside_debug(settings):
    from kenes import settings as kenes_settings

    assert kenes_settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE is True and settings.CSRF_COOKIE_SECURE is True


@override_settings(CSRF_COOKIE_SECURE=False)
def test_it_rejects_a_sign_in_without_the_csrf_token(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 403


def test_it_changes_the_password(client, alice):
    client.force_login(alice)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "a much newer passphrase", "new_password2": "a much newer passphrase",
    })
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a much newer passphrase")


def test_it_creates_and_revokes_api_tokens_from_the_account_page(client, alice):
    client.force_login(alice)
    page = client.post(reverse("accounts:token_create"), {"name": "stats import"}, follow=True).content.decode()
    assert "kenes_" in page
    # Shown once: a reload neither shows the key again nor makes another token.
    assert "kenes_" not in client.get(reverse("accounts:profile")).content.decode()
    token = alice.api_tokens.get()
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert not alice.api_tokens.exists()


def test_a_signed_in_users_party_comes_with_the_user(client, alice):
    """The header names the user's party on every page: read with the user, not in a query of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("inventory:measures"))
    assert "Kazakhstan" in page.content.decode()
    party_reads = [q["sql"] for q in captured.captured_queries
                   if 'FROM "directory_party" WHERE "directory_party"."id" =' in q["sql"]]
    assert party_reads == []
    alice.is_active = False
    alice.save()
    assert client.get(reverse("inventory:measures")).wsgi_request.user.is_anonymous  # still Django's rules
