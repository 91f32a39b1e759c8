"""API tokens expire, have a scope, record their use at most once a minute, and die with the password or role."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from kenes.accounts import services
from kenes.accounts.models import ApiToken, SecurityEvent, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def call(client, key, method="get", path="/api/parties", **kwargs):
    return getattr(client, method)(path, headers={"Authorization": f"Bearer {key}"}, **kwargs)


def later(**delta):
    """Django's clock moved on, without sleeping."""
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(**delta))


def test_a_token_lasts_90_days_by_default_and_an_expired_one_says_so(client, alice):
    token, key = services.create_api_token(alice, "import")
    assert timedelta(days=89, hours=23) < token.expires_at - timezone.now() <= timedelta(days=90)
    with later(days=89):
        assert call(client, key).status_code == 200
    with later(days=91):
        response = call(client, key)
    assert response.status_code == 401
    assert response.json()["detail"] == (f"This API token expired on {token.expires_at:%Y-%m-%d}. "
                                         "Create a new one on your account page.")
    assert call(client, "kenes_not-a-real-key").json()["detail"] == "The API token is missing, wrong or revoked."


def test_a_read_token_reads_but_its_writes_are_refused_clearly(client, alice):
    _token, read_key = services.create_api_token(alice, "dashboard", scope=ApiToken.Scope.READ)
    _token, write_key = services.create_api_token(alice, "import", scope=ApiToken.Scope.WRITE)
    assert call(client, read_key).status_code == 200
    body = {"name_en": "Joint Fund", "kind": "intergovernmental", "status": "planned", "visibility": "internal"}
    refused = call(client, read_key, "post", "/api/organizations", data=body, content_type="application/json")
    assert refused.status_code == 403 and "may only read" in refused.json()["detail"]
    created = call(client, write_key, "post", "/api/organizations", data=body, content_type="application/json")
    assert created.status_code == 201


def test_the_last_use_is_written_at_most_once_a_minute(client, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token, key = services.create_api_token(alice, "busy script")
    call(client, key)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    with later(seconds=30), CaptureQueriesContext(connection) as queries:
        call(client, key)
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "apitoken" in q["sql"]]
    token.refresh_from_db()
    assert token.last_used_at == first
    with later(seconds=61):
        call(client, key)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_the_account_page_creates_tokens_with_a_scope_and_a_lifetime_and_refuses_bad_ones(client, mark, settings):
    settings.KENES_TOKEN_MAX_DAYS = 30
    client.force_login(mark)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="days" type="number" min="1" max="30" value="30"' in page
    for bad in ({"name": "x", "days": "31"}, {"name": "x", "days": "0"}, {"name": "x", "days": "soon"},
                {"name": "x", "scope": "admin"}):
        response = client.post(reverse("accounts:token_create"), {"scope": "read", "days": "7", **bad}, follow=True)
        assert "A token lasts from 1 to 30 days." in response.content.decode() or \
            "Choose whether the token may only read or also write." in response.content.decode()
    assert not mark.api_tokens.exists()
    client.post(reverse("accounts:token_create"), {"name": "stats", "scope": "write", "days": "7"})
    token = mark.api_tokens.get()
    assert token.scope == "write" and timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Read and write" in page and "Last used" in page


def test_the_command_takes_a_scope_and_days(alice):
    out = StringIO()
    call_command("create_api_token", "alice", "--scope", "write", "--days", "7", stdout=out, stderr=StringIO())
    token = ApiToken.objects.get(user=alice)
    assert out.getvalue().startswith("kenes_") and token.scope == "write"
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
    call_command("create_api_token", "alice", stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.filter(user=alice, scope="read").count() == 1  # read unless asked
    with pytest.raises(CommandError, match="from 1 to 365 days"):
        call_command("create_api_token", "alice", "--days", "9999", stdout=StringIO(), stderr=StringIO())


def _revocations(user):
    return list(SecurityEvent.objects.filter(kind=SecurityEvent.Kind.TOKEN_REVOKED, user=user)
                .values_list("detail", flat=True))


def test_a_password_change_on_the_page_revokes_every_token(client, mark):
    token, key = services.create_api_token(mark, "stats")
    client.force_login(mark)
    client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "a much newer passphrase",
                                             "new_password2": "a much newer passphrase"})
    assert not mark.api_tokens.exists()
    assert call(client, key).status_code == 401
    assert _revocations(mark) == [f"{token}: password changed"]


def test_a_password_set_anywhere_else_revokes_them_too(mark):
    # The admin's password form and `manage changepassword` both set_password() and save().
    services.create_api_token(mark, "one")
    services.create_api_token(mark, "two")
    user = User.objects.get(pk=mark.pk)
    user.set_password("another long passphrase")
    user.save()
    assert not ApiToken.objects.filter(user=mark).exists()
    assert len(_revocations(mark)) == 2


def test_a_lowered_role_revokes_the_tokens_and_a_raised_one_keeps_them(alice, rita):
    services.create_api_token(alice, "import")
    services.create_api_token(rita, "reading")
    alice.role = User.Role.MEMBER
    alice.save()
    rita.role = User.Role.MEMBER
    rita.save()
    assert not alice.api_tokens.exists() and rita.api_tokens.count() == 1
    assert _revocations(alice)[0].endswith(": role lowered") and _revocations(rita) == []


@pytest.mark.parametrize(("limit", "expected"), [(21, "от 1 до 21 дня"), (30, "от 1 до 30 дней"), (365, "от 1 до 365 дней")])
def test_the_token_length_message_agrees_with_its_number_in_russian(settings, limit, expected):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from kenes.accounts.services import _token_days

    settings.KENES_TOKEN_MAX_DAYS = limit
    with translation.override("ru"), pytest.raises(ValidationError) as refused:
        _token_days(limit + 1)
    assert expected in str(refused.value.message_dict["days"])
