"""Error pages say what happened in the reader's language and lead back."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path

from kenes import urls as kenes_urls

pytestmark = pytest.mark.django_db


def _needs_the_secretariat(request):
    raise PermissionDenied("Only the secretariat can change these records.")


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test/secretariat-only/", _needs_the_secretariat),
    path("test/forbidden/", _forbidden),
    path("test/broken/", _broken),
    *kenes_urls.urlpatterns,
]
handler404 = kenes_urls.handler404
handler403 = kenes_urls.handler403
handler500 = kenes_urls.handler500


def test_it_tells_an_anonymous_visitor_the_record_may_not_be_public_and_offers_sign_in(client):
    page = client.get("/directory/people/999999/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "may not be public" in text
    assert 'href="/accounts/login/?next=/directory/people/999999/"' in text
    assert "<html" in text and 'class="error-page"' in text


def test_it_does_not_offer_sign_in_to_someone_signed_in(client, mark):
    client.force_login(mark)
    text = client.get("/no-such-page/").content.decode()
    assert "Some records are shown only to the secretariat" in text
    assert "/accounts/login/?next" not in text


def test_it_answers_404_in_russian(client):
    text = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'lang="ru"' in text


@override_settings(ROOT_URLCONF=__name__)
def test_it_names_the_role_a_page_needs_when_permission_is_denied(client, mark):
    client.force_login(mark)
    page = client.get("/test/secretariat-only/")
    assert page.status_code == 403
    text = page.content.decode()
    assert "Only the secretariat can change these records." in text
    assert "Council member" in text


@override_settings(ROOT_URLCONF=__name__)
def test_it_explains_a_bare_permission_denied_with_a_sign_in_link(client):
    page = client.get("/test/forbidden/")
    assert page.status_code == 403
    assert "/accounts/login/?next=/test/forbidden/" in page.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_it_shows_a_standalone_page_for_a_server_error(client):
    client.raise_request_exception = False
    page = client.get("/test/broken/")
    assert page.status_code == 500
    text = page.content.decode()
    assert "Something went wrong on our side" in text
    assert "kenes.css" in text and "Traceback" not in text


def test_it_renders_the_500_page_without_a_request_or_database(django_assert_num_queries):
    from django.template import loader

    with django_assert_num_queries(0):
        assert "Error 500" in loader.get_template("500.html").render()


def test_it_explains_an_expired_form_and_says_to_reload(mark):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mark)
    page = client.post("/accounts/logout/")
    assert page.status_code == 403
    text = page.content.decode()
    assert "The form expired" in text and "reload the page" in text
