import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_renders_grouped_results_with_counts_and_marks(client, experts):
    page = client.get(reverse("web:search"), {"q": "вода"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "People" in html and "<mark>Водные</mark>" in html and "Dilnoza Karimova" in html
    # The person named "Water" has no Russian name: «вода» finds only the two water experts.
    assert page.context["results"].groups[0].count == 2


def test_it_guides_an_empty_search_and_says_when_nothing_matched(client, indexed):
    assert "Токаев finds Tokayev" in client.get(reverse("web:search")).content.decode()
    page = client.get(reverse("web:search"), {"q": "zzzqqq"}).content.decode()
    assert "No results for" in page and "zzzqqq" in page


def test_it_filters_the_page_by_kind_and_ignores_an_unknown_kind(client, indexed):
    page = client.get(reverse("web:search"), {"q": "Kaz", "kind": "organization"})
    assert [g.kind for g in page.context["results"].groups] == ["organization"]
    page = client.get(reverse("web:search"), {"q": "Kaz", "kind": "<nonsense>"})
    assert page.status_code == 200 and page.context["kind"] == ""


def test_it_keeps_hidden_records_off_the_page(client, mark, indexed):
    link = f'href="{indexed["insider"].get_absolute_url()}"'
    assert link not in client.get(reverse("web:search"), {"q": "Ivan"}).content.decode()
    client.force_login(mark)
    assert link in client.get(reverse("web:search"), {"q": "Ivan"}).content.decode()


def _api_get(client, user=None, **params):
    if user is not None:
        client.force_login(user)
    response = client.get("/api/search", params)
    return response.status_code, response.json()


def test_it_answers_the_api_with_groups_snippets_and_visibility(client, mark, indexed):
    status, body = _api_get(client, q="Токаев")
    assert status == 200
    assert body["count"] == 1
    group = body["groups"][0]
    assert group["kind"] == "person" and group["count"] == 1
    result = group["results"][0]
    assert result["title"] == "Kassym-Jomart Tokayev" and "<mark>Токаев</mark>" in result["snippet"]
    assert result["url"] == indexed["tokayev"].get_absolute_url()
    assert _api_get(client, q="Ivan")[1]["count"] == 0
    assert _api_get(client, mark, q="Ivan")[1]["count"] == 1


def test_it_refuses_an_unknown_kind_and_an_overlong_query_in_the_api(client, indexed):
    status, body = _api_get(client, q="x", kind="spaceship")
    assert status == 422 and "person" in body["detail"]
    assert _api_get(client, q="x" * 201)[0] == 422
    status, body = _api_get(client, q="Kaz", kind="organization")
    assert status == 200 and [g["kind"] for g in body["groups"]] == ["organization"]


def test_it_answers_hostile_queries_without_a_server_error(client, indexed):
    # A lone surrogate, as broken UTF-8 in the address (the test client cannot encode it as text).
    for path in ("/api/search?q=%ED%A0%80", reverse("web:search") + "?q=%ED%A0%80&kind=%00"):
        assert client.get(path).status_code < 500, path
    for q in ["\x00", "Tok\x00ayev", "9" * 200, "' OR 1=1 --", '"tok"* NEAR(', "tok:* & !", "%_"]:
        response = client.get("/api/search", {"q": q})
        assert response.status_code < 500, q
        assert client.get(reverse("web:search"), {"q": q}).status_code < 500, q
