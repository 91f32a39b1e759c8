"""Pages kept until the data changes (kenes.core.pagecache): a reload is answered from the copy made last
time, and nothing a reader should see differently ever comes from someone else's copy or an older state.

Most tests here hold the data's version still (``steady``), so what they check is which requests may
share a copy: on PostgreSQL the real version is the server's snapshot, which the other test process
moves all the time. The real versions are tested on their own below, on both databases."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection, transaction
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.core import pagecache

pytestmark = pytest.mark.django_db(transaction=True)
KEPT = pagecache.KEPT_HEADER


@pytest.fixture(autouse=True)
def _kept_answers_say_so(settings):
    settings.KENES_PAGE_CACHE_HEADER = True


@pytest.fixture
def steady():
    """The data's version held at a value the test moves itself."""
    state = {"version": "v1"}
    with mock.patch.object(pagecache, "data_version", lambda using="default": state["version"]):
        yield state


def _kept(response) -> bool:
    return response.get(KEPT) == "yes"


def _browser(client, user):
    """A signed-in browser that has its CSRF cookie, as after its first page."""
    client.force_login(user)
    client.get(reverse("web:dashboard"))
    assert "csrftoken" in client.cookies
    return client


def test_a_reload_is_answered_from_the_kept_copy_and_says_so(client, steady, alice, inventory):
    url = reverse("inventory:measure", args=[inventory["water"].pk])
    client.force_login(alice)
    first = client.get(url)  # a first visit has no CSRF cookie yet: nothing kept
    second = client.get(url)
    third = client.get(url)
    assert not _kept(first) and not _kept(second) and _kept(third)
    assert third.content == second.content
    assert third["Content-Type"] == second["Content-Type"]
    assert "Strengthen water and climate security cooperation" in third.content.decode()


def test_the_forms_of_a_kept_page_still_post(client, steady, alice, inventory):
    """The kept page's CSRF tokens are of this browser's cookie: its forms work as the fresh page's."""
    from kenes.inventory.models import MeasureStatus

    client = _browser(client, alice)
    client.enforce_csrf_checks = True
    url = reverse("inventory:measure", args=[inventory["water"].pk])
    client.get(url)
    kept = client.get(url)
    assert _kept(kept)
    token = kept.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    adopted = MeasureStatus.objects.get(code="adopted")
    response = client.post(reverse("inventory:measure_transition", args=[inventory["water"].pk]),
                           {"status": adopted.pk, "reason": "Adopted", "version": inventory["water"].version,
                            "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    inventory["water"].refresh_from_db()
    assert inventory["water"].status.code == "adopted"


def test_each_reader_has_their_own_copy(client, steady, alice, rita, inventory):
    url = reverse("inventory:measures")
    _browser(client, alice)
    client.get(url)
    assert "Internal note on transboundary water data" in client.get(url).content.decode()
    _browser(client, rita)
    client.get(url)
    page = client.get(url)
    assert _kept(page)  # rita's own copy …
    assert "Internal note on transboundary water data" not in page.content.decode()  # … made for her


def test_another_language_or_a_partial_is_not_the_same_page(client, steady, alice, inventory):
    url = reverse("inventory:measures")
    _browser(client, alice)
    client.get(url)
    assert _kept(client.get(url))
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert not _kept(russian) and "Меры" in russian.content.decode()
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert not _kept(partial)


def test_a_waiting_message_is_shown_not_a_kept_copy(client, steady, alice, inventory):
    measure = inventory["water"]
    url = reverse("inventory:measure", args=[measure.pk])
    _browser(client, alice)
    client.get(url)
    assert _kept(client.get(url))
    # A refused form changes nothing (the version stays) and leaves a message for the next page.
    client.post(reverse("inventory:measure_transition", args=[measure.pk]), {"reason": "no status"})
    shown = client.get(url)
    assert not _kept(shown) and 'class="messages' in shown.content.decode()
    assert 'class="messages' not in client.get(url).content.decode()  # shown once


def test_a_change_is_seen_at_once(client, alice, inventory):
    """With the real version, on either database: an edit, then the page, which shows it."""
    from kenes.inventory import services

    measure = inventory["water"]
    url = reverse("inventory:measure", args=[measure.pk])
    _browser(client, alice)
    client.get(url)
    again = client.get(url)
    if connection.vendor == "sqlite":  # PostgreSQL's snapshot also moves with the other test process's work
        assert _kept(again)
    services.update_measure(alice, measure, version=measure.version, title_en="Water security, renamed")
    page = client.get(url)
    assert not _kept(page) and "Water security, renamed" in page.content.decode()


def test_a_bulk_update_and_another_connections_commit_are_seen(client, alice, inventory):
    from kenes.inventory.models import Measure

    measure = inventory["water"]
    url = reverse("inventory:measure", args=[measure.pk])
    _browser(client, alice)
    client.get(url)
    Measure.objects.filter(pk=measure.pk).update(title_en="Renamed by a bulk update")
    assert "Renamed by a bulk update" in client.get(url).content.decode()

    def elsewhere():  # a worker's own connection
        try:
            Measure.objects.filter(pk=measure.pk).update(title_en="Renamed on another connection")
        finally:
            connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert "Renamed on another connection" in client.get(url).content.decode()


def test_downloads_are_never_kept_and_each_is_recorded(client, steady, alice, directory):
    from kenes.accounts.models import SecurityEvent

    _browser(client, alice)
    url = reverse("directory:people") + "?format=csv"
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200 and not _kept(response)
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.RESTRICTED_EXPORT).count() == 3


def test_anonymous_visitors_and_first_visits_are_not_kept(client, steady, inventory):
    url = reverse("inventory:measures")
    assert not any(_kept(client.get(url)) for _ in range(3))


def test_nothing_is_kept_when_turned_off(client, steady, settings, alice, inventory):
    settings.KENES_PAGE_CACHE_SECONDS = 0
    _browser(client, alice)
    url = reverse("inventory:measures")
    assert not any(_kept(client.get(url)) for _ in range(3))


def test_an_api_list_is_kept_per_user_and_the_token_is_checked_each_time(client, steady, alice, rita, inventory):
    url = reverse("api:list_measures")
    alice_key, rita_key = create_api_token(alice, "kept")[1], create_api_token(rita, "kept")[1]
    as_alice = {"HTTP_AUTHORIZATION": f"Bearer {alice_key}"}
    as_rita = {"HTTP_AUTHORIZATION": f"Bearer {rita_key}"}
    client.get(url, **as_alice)
    kept = client.get(url, **as_alice)
    assert _kept(kept) and "Internal note on transboundary water data" in kept.content.decode()
    rita_page = client.get(url, **as_rita)
    assert not _kept(rita_page) and "Internal note on transboundary water data" not in rita_page.content.decode()
    with mock.patch("kenes.accounts.models.ApiToken.is_expired", return_value=True):
        expired = client.get(url, **as_alice)
    assert expired.status_code == 401 and not _kept(expired)
    assert client.get(url, HTTP_AUTHORIZATION="Bearer kenes_not-a-token").status_code == 401


# --- the data's version ------------------------------------------------------------------------------


def test_the_version_moves_with_every_commit_and_not_inside_a_transaction(alice, parties):
    from kenes.directory.models import Party

    before = pagecache.data_version()
    assert before is not None
    Party.objects.filter(code="KZ").update(name_en="Kazakhstan (renamed)")
    after = pagecache.data_version()
    assert after != before
    if connection.vendor == "sqlite":  # on PostgreSQL the other test process moves the server's snapshot
        assert pagecache.data_version() == after
    with transaction.atomic():
        # A transaction's own writes do not move PostgreSQL's snapshot: nothing is kept inside one.
        assert pagecache.data_version() is None


def test_the_version_moves_with_another_connections_commit(alice, parties):
    from kenes.directory.models import Party

    before = pagecache.data_version()

    def elsewhere():
        try:
            Party.objects.filter(code="UZ").update(name_en="Uzbekistan (renamed)")
        finally:
            connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert pagecache.data_version() != before


def test_a_kept_answer_does_not_say_so_unless_asked(client, steady, settings, alice, inventory):
    """The header would tell any reader that nothing at all was written since: off by default."""
    settings.KENES_PAGE_CACHE_HEADER = False
    _browser(client, alice)
    url = reverse("inventory:measures")
    client.get(url)
    with mock.patch.object(pagecache, "_store", wraps=pagecache._store) as store:
        response = client.get(url)
    assert store.call_count == 0  # answered from the kept copy …
    assert KEPT not in response  # … without saying so


def test_an_api_operation_with_checks_of_its_own_is_never_kept(rf, alice):
    from ninja.security import HttpBearer

    class OtherAuth(HttpBearer):
        def authenticate(self, request, token):
            return alice

    from kenes.api import TokenOrSession

    class Operation:
        throttle_objects = []

        def __init__(self, auth):
            self.auth_callbacks = [auth]

        def run(self, request):
            return None

    key = create_api_token(alice, "kept")[1]
    request = rf.get("/api/v1/anything", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert pagecache._api_reader(Operation(TokenOrSession()).run)(request) == alice  # the API's own checks
    assert pagecache._api_reader(Operation(OtherAuth()).run)(request) is None
