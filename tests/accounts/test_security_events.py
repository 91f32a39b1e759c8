"""The security audit log: sign-ins, failures, lockouts, password, token and role changes, and its page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kenes.accounts import audit, services
from kenes.accounts.models import SecurityEvent, User
from tests.conftest import PASSWORD

Kind = SecurityEvent.Kind


def _kinds(user=None):
    events = SecurityEvent.objects.order_by("at", "pk")
    return [event.kind for event in (events.filter(user=user) if user else events)]


def test_a_sign_in_is_recorded_with_the_address_and_adds_no_history_row(rita):
    history_rows = rita.history.count()
    client = Client(HTTP_USER_AGENT="Firefox/140", HTTP_X_REQUEST_ID="login-1")
    response = client.post("/accounts/login/", {"username": "rita", "password": PASSWORD})
    assert response.status_code == 302
    event = SecurityEvent.objects.get(kind=Kind.SIGN_IN)
    assert (event.user, event.username, event.actor) == (rita, "rita", rita)
    assert (event.ip_address, event.user_agent, event.request_id) == ("127.0.0.1", "Firefox/140", "login-1")
    rita.refresh_from_db()
    assert rita.last_login is not None  # still kept on the account
    assert rita.history.count() == history_rows  # but no longer a change in its history
    client.post("/accounts/logout/")
    assert _kinds(rita) == [Kind.SIGN_IN, Kind.SIGN_OUT]


def test_failed_sign_ins_and_the_lockout_are_recorded(rita, settings):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "rita", "password": "wrong"})
    client.post("/accounts/login/", {"username": "nobody-such", "password": "guess"})
    failed = SecurityEvent.objects.filter(kind=Kind.SIGN_IN_FAILED)
    assert failed.filter(user=rita).count() == settings.AXES_FAILURE_LIMIT
    stranger = failed.get(username="nobody-such")
    assert stranger.user is None and stranger.ip_address == "127.0.0.1"
    locked = SecurityEvent.objects.filter(kind=Kind.LOCKED_OUT, user=rita)
    assert locked.exists() and "locked" in locked.first().detail


def test_a_password_change_is_recorded_and_its_hash_is_not(client, mark):
    client.force_login(mark)
    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": "a much longer new passphrase 2026",
        "new_password2": "a much longer new passphrase 2026"})
    assert response.status_code == 302
    event = SecurityEvent.objects.get(kind=Kind.PASSWORD_CHANGED)
    assert (event.user, event.actor, event.detail) == (mark, mark, "")


def test_token_creation_and_revocation_are_recorded(client, mark):
    client.force_login(mark)
    client.post("/accounts/tokens/", {"name": "statistics import"})
    token = mark.api_tokens.get()
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    created, revoked = (SecurityEvent.objects.get(kind=kind) for kind in (Kind.TOKEN_CREATED, Kind.TOKEN_REVOKED))
    assert revoked.detail == f"statistics import ({token.prefix}…)"
    assert created.detail == f"statistics import ({token.prefix}…): read, expires {token.expires_at:%Y-%m-%d}"
    assert created.actor == revoked.actor == mark
    assert not services.revoke_api_token(mark, token.pk)  # nothing left to revoke: nothing recorded
    assert SecurityEvent.objects.filter(kind=Kind.TOKEN_REVOKED).count() == 1


def test_a_role_change_in_the_admin_says_who_changed_what(client, alice, rita):
    alice.is_superuser = True
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    form = client.get(f"/admin/accounts/user/{rita.pk}/change/").context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None and key != "password"}
    data.update(role="secretariat", party=alice.party_id, groups=[], user_permissions=[],
                last_login_0="", last_login_1="", date_joined_0="2026-01-01", date_joined_1="00:00:00")
    response = client.post(f"/admin/accounts/user/{rita.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = SecurityEvent.objects.get(kind=Kind.ROLE_CHANGED, user=rita)
    assert event.detail == f"role: reader → secretariat; party: — → {alice.party_id}"
    assert event.actor == alice


def test_permission_changes_are_recorded_but_the_group_that_follows_the_role_is_not(alice, rita):
    from django.contrib.auth.models import Permission

    services.sync_admin_access(alice)  # adds alice to the Secretariat group
    assert not SecurityEvent.objects.filter(kind=Kind.PERMISSIONS_CHANGED).exists()
    permission = Permission.objects.get(codename="view_person")
    rita.user_permissions.add(permission)
    event = SecurityEvent.objects.get(kind=Kind.PERMISSIONS_CHANGED)
    assert event.user == rita and event.detail.startswith("permissions added: ") and "person" in event.detail


def test_old_events_are_purged_after_the_retention(rita, settings):
    settings.KENES_AUDIT_RETENTION_DAYS = 30
    old = audit.record(Kind.SIGN_IN, user=rita)
    SecurityEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    recent = audit.record(Kind.SIGN_OUT, user=rita)
    assert audit.purge() == 1
    assert list(SecurityEvent.objects.all()) == [recent]


@pytest.mark.parametrize("who, status", [("alice", 200), ("mark", 403), ("rita", 403), (None, 302)])
def test_only_the_secretariat_reads_the_log(client, alice, mark, rita, who, status):
    audit.record(Kind.SIGN_IN, user=rita)
    if who:
        client.force_login(User.objects.get(username=who))
    response = client.get("/accounts/security-events/")
    assert response.status_code == status
    if status == 200:
        assert "Signed in" in response.content.decode() and 'data-label="Account">rita' in response.content.decode()


def test_the_log_filters_and_downloads_exactly_the_filtered_events(client, alice, rita, mark):
    audit.record(Kind.SIGN_IN, user=rita)
    audit.record(Kind.SIGN_IN_FAILED, username="mallory")
    audit.record(Kind.SIGN_IN, user=mark)
    client.force_login(alice)
    page = client.get("/accounts/security-events/", {"kind": "sign_in", "q": "rit"}).content.decode()
    assert "1 event" in page and ">rita<" in page and "mallory" not in page
    download = client.get("/accounts/security-events/", {"kind": "sign_in_failed", "format": "csv"})
    rows = download.content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 2 and "mallory" in rows[1] and "Sign-in failed" in rows[1]
    junk = client.get("/accounts/security-events/", {"kind": "nonsense", "q": "\u0000" * 3})
    assert junk.status_code in (200, 400)


def test_a_download_holding_restricted_records_is_recorded(client, alice, mark, directory):
    client.force_login(alice)
    assert client.get("/directory/people/", {"format": "csv"}).status_code == 200
    event = SecurityEvent.objects.get(kind=Kind.RESTRICTED_EXPORT)
    assert event.user == alice and event.detail.startswith("people (csv): 3 rows, 1 restricted")
    client.force_login(mark)  # a member's download holds no restricted record: nothing to record
    assert client.get("/directory/people/", {"format": "csv"}).status_code == 200
    assert SecurityEvent.objects.filter(kind=Kind.RESTRICTED_EXPORT).count() == 1
