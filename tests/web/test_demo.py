import pytest
from django.test import Client

from kenes.accounts.models import User
from kenes.directory.models import Membership, Organization, Person
from kenes.web.demo import load_demo

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_once_even_when_started_again():
    first = load_demo()
    counts = (Organization.objects.count(), Person.objects.count(), Membership.objects.count())
    second = load_demo()
    assert (Organization.objects.count(), Person.objects.count(), Membership.objects.count()) == counts
    assert counts[0] >= 15 and counts[1] >= 10
    assert [a.username for a in first] == [a.username for a in second]
    assert first[0].password != second[0].password


def test_it_gives_one_working_account_per_role():
    accounts = {a.username: a for a in load_demo()}
    roles = {u.username: u.role for u in User.objects.filter(username__in=accounts)}
    assert roles == {"kz-secretariat": "secretariat", "uz-secretariat": "secretariat",
                     "member": "member", "reader": "reader"}
    assert User.objects.get(username="kz-secretariat").party.code == "KZ"
    for username, account in accounts.items():
        response = Client().post("/accounts/login/", {"username": username, "password": account.password})
        assert response.status_code == 302, username


def test_it_fills_the_council_directory_with_the_seed_facts():
    load_demo()
    council = Organization.objects.get(name_en="Kazakhstan-Uzbekistan Expert Council")
    assert council.status == "established" and council.visibility == "public"
    kaziss = Organization.objects.get(acronym="KazISS")
    director = Membership.objects.get(organization=kaziss, title_en="Director").person
    assert director.name_en == "Yerkin Tukumov" and director.name_ru == "Еркин Тукумов"
    assert Person.objects.get(name_en="Kassym-Jomart Tokayev").aliases.filter(name="Toqaev").exists()
    # The history says the demo loader wrote them.
    assert kaziss.history.first().history_user.username == "demo-loader"


def test_it_lets_the_demo_secretariat_into_the_admin_but_not_the_others():
    accounts = {a.username: a for a in load_demo()}
    for username, allowed in (("kz-secretariat", True), ("member", False)):
        client = Client()
        client.post("/accounts/login/", {"username": username, "password": accounts[username].password})
        response = client.get("/admin/directory/person/")
        assert (response.status_code == 200) is allowed, username
