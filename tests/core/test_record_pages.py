"""Record pages: the delete page links back only where it may, old links of merged records lead on."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_does_not_put_a_javascript_address_in_the_cancel_link_of_the_delete_page(client, alice, directory):
    client.force_login(alice)
    person = directory["tokayev"]
    url = reverse("core:delete", args=["directory.person", person.pk]) + "?next=javascript:alert(document.cookie)"
    response = client.get(url)
    assert response.status_code == 200
    assert 'href="javascript:' not in response.content.decode()


def test_it_answers_the_new_organisation_form_when_the_acronym_has_no_letters(client, alice, parties):
    client.force_login(alice)
    response = client.post(reverse("directory:organization_create"),
                           {"name_en": "Joint Commission", "acronym": "&", "kind": "commission", "visibility": "public"})
    assert response.status_code in (200, 302)
