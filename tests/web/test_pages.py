import pytest
from django.urls import reverse
from django.utils.html import escape

from kenes.web.areas import AREAS

pytestmark = pytest.mark.django_db


def test_it_counts_only_what_the_visitor_may_see_on_the_dashboard(client, mark, directory):
    anonymous = client.get(reverse("web:dashboard"))
    assert anonymous.context["person_count"] == 1 and anonymous.context["organization_count"] == 1
    client.force_login(mark)
    member = client.get(reverse("web:dashboard"))
    assert member.context["person_count"] == 2 and member.context["organization_count"] == 2


def test_it_explains_every_area_that_is_not_built_yet(client, db):
    for area in AREAS:
        if area.url_name:
            continue
        page = client.get(reverse("web:area", args=[area.slug]))
        assert page.status_code == 200
        assert escape(str(area.summary)) in page.content.decode()
    assert client.get(reverse("web:area", args=["nothing-here"])).status_code == 404


def test_it_links_every_area_from_the_navigation(client, db):
    page = client.get(reverse("web:dashboard")).content.decode()
    for area in AREAS:
        assert str(area.title) in page


def test_it_answers_an_empty_search_with_guidance(client, db):
    page = client.get(reverse("web:search"), {"q": "   "}).content.decode()
    assert "Токаев finds Tokayev" in page


def test_it_shows_a_member_the_roles_of_the_person_their_account_is_linked_to(client, mark, alice, directory):
    person = directory["tokayev"]
    mark.person = person
    mark.save()
    client.force_login(mark)
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Honorary Chair" in page
    assert "Observer" not in page  # his restricted role stays hidden from a member
