"""Two-factor sign-in: enrolment, codes after the password, recovery codes, the middleware's wall, resets."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kenes.accounts import services, two_factor
from kenes.accounts.models import SecurityEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind
TWO_FACTOR = "/accounts/two-factor/"
ENROL = "/accounts/two-factor/set-up/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.KENES_REQUIRE_2FA = True


def app_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    # What the phone shows now (or a step later: a code already used is refused, so a second sign-in takes the next).
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device, two_factor.replace_recovery_codes(user)


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind))


def test_a_secretariat_account_sets_up_an_app_at_its_first_sign_in_and_sees_its_recovery_codes_once(client, alice):
    sign_in(client, alice)
    response = client.get("/directory/people/")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    page = client.get(response["Location"]).content.decode()
    assert "<svg" in page and 'data-testid="totp-secret"' in page
    device = TOTPDevice.objects.get(user=alice, confirmed=False)

    refused = client.post(ENROL, {"code": "000000" if app_code(device) != "000000" else "111111"})
    assert "That code is not right" in refused.content.decode()
    assert [event.detail for event in events(Kind.TWO_FACTOR_FAILED)] == ["setting up: wrong code"]
    assert client.get("/").status_code == 302  # still nothing but the setup

    device.throttle_reset()  # the wrong code's one-second wait, passed without sleeping
    response = client.post(ENROL, {"code": app_code(device), "next": "/directory/people/"})
    assert response["Location"] == reverse("accounts:recovery_codes")
    page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10 and set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert 'href="/directory/people/"' in page
    assert client.get(reverse("accounts:recovery_codes")).status_code == 302  # not shown again
    assert client.get("/directory/people/").status_code == 200
    assert len(events(Kind.TWO_FACTOR_ENROLLED)) == 1


@pytest.mark.parametrize("url", ["/", "/directory/people/", "/accounts/", "/accounts/security-events/",
                                 "/accounts/password/", "/admin/", "/admin/accounts/user/"])
def test_until_the_code_is_typed_a_signed_in_secretariat_reaches_nothing(client, alice, url):
    enrolled(alice)
    sign_in(client, alice)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{TWO_FACTOR}?next={url.replace('/', '%2F')}"


def test_the_wall_also_holds_for_htmx_posts_and_the_api_on_the_session(client, alice):
    enrolled(alice)
    sign_in(client, alice)
    partial = client.get("/directory/people/", headers={"HX-Request": "true"})
    assert partial["HX-Redirect"] == TWO_FACTOR
    post = client.post(reverse("accounts:token_create"), {"name": "sneaky"})
    assert post["Location"] == TWO_FACTOR and not alice.api_tokens.exists()
    api = client.get("/api/parties")
    assert api.status_code == 401 and "two-factor" in api.json()["detail"]
    # Signing out stays possible.
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_recorded_and_throttled_then_the_right_one_leads_on(client, alice):
    device, _codes = enrolled(alice)
    sign_in(client, alice)
    wrong = "123456" if app_code(device) != "123456" else "654321"
    page = client.post(TWO_FACTOR, {"code": wrong, "next": "/directory/people/"}).content.decode()
    assert "That code is not right" in page
    # Straight away even the right code waits: django-otp doubles the wait after each failure.
    page = client.post(TWO_FACTOR, {"code": app_code(device), "next": "/directory/people/"}).content.decode()
    assert "Too many wrong codes: wait" in page
    assert [e.detail for e in events(Kind.TWO_FACTOR_FAILED)] == [
        "signing in: too many wrong codes, waiting", "signing in: wrong code"]
    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=device.throttling_failure_timestamp - timedelta(seconds=5))
    response = client.post(TWO_FACTOR, {"code": app_code(device), "next": "/directory/people/"})
    assert response.status_code == 302 and response["Location"] == "/directory/people/"
    assert client.get("/accounts/").status_code == 200


def test_a_recovery_code_works_once(client, alice):
    _device, codes = enrolled(alice)
    sign_in(client, alice)
    response = client.post(TWO_FACTOR, {"code": codes[0].upper()[:4] + "-" + codes[0][4:]})
    assert response.status_code == 302
    assert [e.detail for e in events(Kind.RECOVERY_CODE_USED)] == ["9 recovery codes left"]
    assert "9 are left" in client.get("/").content.decode()
    # New codes on the account page: shown once, and the old ones stop working.
    response = client.post(reverse("accounts:recovery_codes"))
    fresh = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(response["Location"]).content.decode())
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(fresh)
    client.post(reverse("logout"))
    sign_in(client, alice)
    page = client.post(TWO_FACTOR, {"code": codes[0]}).content.decode()
    assert "That code is not right" in page
    assert client.get("/").status_code == 302


def test_an_api_token_is_not_asked_for_a_code(client, alice):
    enrolled(alice)
    _token, key = services.create_api_token(alice, "import script")
    response = client.get("/api/parties", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200


def test_members_may_choose_it_and_are_then_asked_too(client, mark):
    sign_in(client, mark)
    assert client.get("/").status_code == 200  # not required of a council member
    assert "Set up two-factor sign-in" in client.get("/accounts/").content.decode()
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=mark)
    assert client.post(ENROL, {"code": app_code(device)}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, mark)
    assert client.get("/").status_code == 302
    assert client.post(TWO_FACTOR, {"code": app_code(device, steps_ahead=1)}).status_code == 302
    assert "recovery codes are left" in client.get("/accounts/").content.decode()
    # Turning it off takes a current code, and is recorded.
    client.post(reverse("accounts:two_factor_turn_off"), {"code": "bad"})
    assert TOTPDevice.objects.filter(user=mark).exists()
    StaticDevice.objects.filter(user=mark).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    code = StaticToken.objects.filter(device__user=mark).first().token
    client.post(reverse("accounts:two_factor_turn_off"), {"code": code})
    assert not TOTPDevice.objects.filter(user=mark).exists()
    assert events(Kind.TWO_FACTOR_REMOVED)[0].actor == mark


def test_without_the_requirement_a_secretariat_account_signs_in_with_its_password(client, alice, settings):
    settings.KENES_REQUIRE_2FA = False
    sign_in(client, alice)
    assert client.get("/accounts/").status_code == 200


def test_the_secretariat_resets_a_colleagues_two_factor_in_the_admin_and_it_is_recorded(client, alice, bob, rita,
                                                                                      settings):
    settings.KENES_REQUIRE_2FA = False  # alice has no app here; bob's reset is the point
    services.sync_admin_access(alice)
    enrolled(bob)
    enrolled(rita)
    rita.is_superuser = True
    rita.save()
    client.force_login(alice)
    response = client.post("/admin/accounts/user/", {"action": "reset_two_factor",
                                                     "_selected_action": [bob.pk, rita.pk]})
    assert response.status_code == 302
    assert not two_factor.has_device(bob)
    assert two_factor.has_device(rita)  # a superuser's is reset by a superuser only
    event = events(Kind.TWO_FACTOR_REMOVED)[0]
    assert (event.user, event.actor) == (bob, alice)


def test_an_operator_resets_it_from_the_command_line(alice):
    enrolled(alice)
    call_command("reset_two_factor", "alice")
    assert not two_factor.has_device(alice)
    assert events(Kind.TWO_FACTOR_REMOVED)[0].detail == "reset from the command line"
