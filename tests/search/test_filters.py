"""Search filters (language, party, dates) narrow the text search, for any kind that fills them; here documents."""

import pytest
from django.urls import reverse

from kenes.documents.services import ingest
from kenes.search import index, registry
from kenes.search.models import SearchEntry

from .conftest import titles

pytestmark = pytest.mark.django_db

RIVER_EN = "Syr Darya river commission\n\nThe commission agreed the summer water releases from the reservoir to the Aral."
RIVER_RU = "Комиссия по реке Сырдарья\n\nКомиссия согласовала летние попуски воды из водохранилища в Арал."
RIVER_UZ = "Sirdaryo river water\n\nThe joint water schedule for the river was signed in Tashkent for the Aral."
RIVER_YEAR = "Annual river water report\n\nA year of river water data, released without a day or month, Aral included."
HIDDEN = "Restricted river water memo\n\nThe internal negotiating line on the river water quotas for the Aral."


@pytest.fixture
def documents(alice, parties):
    def add(text, name, **kwargs):
        outcome = ingest(alice, text.encode(), name=name, enqueue=False, **kwargs)
        assert outcome.status == "new", outcome.reason
        return outcome.document

    made = {
        "en": add(RIVER_EN, "en.txt", language="en", published="2024-03-12", parties=[parties["KZ"]],
                  visibility="public"),
        "ru": add(RIVER_RU, "ru.txt", language="ru", published="2023-11-02", parties=[parties["KZ"], parties["UZ"]],
                  visibility="public"),
        "uz": add(RIVER_UZ, "uz.txt", language="en", published="2024-06", parties=[parties["UZ"]],
                  visibility="public"),
        "year": add(RIVER_YEAR, "year.txt", language="en", published="2024", visibility="public"),
        "hidden": add(HIDDEN, "hidden.txt", language="en", published="2024-03-20", parties=[parties["KZ"]],
                      visibility="restricted"),
    }
    index.rebuild()
    return made


def found(user, text="aral", **filters):
    return set(titles(user, text, "document", **filters))


def test_it_writes_the_filter_columns_any_kind_may_fill(documents):
    entry = SearchEntry.objects.get(kind="document", object_id=documents["ru"].pk)
    assert (entry.language, entry.date, entry.parties) == ("ru", "2023-11-02", " KZ UZ ")
    entry = SearchEntry.objects.get(kind="document", object_id=documents["year"].pk)
    assert (entry.language, entry.date, entry.parties) == ("en", "2024", "")
    # A kind that registers no filters leaves the columns blank.
    assert registry.by_code("person").language is None


def test_without_filters_every_visible_document_is_found(documents, alice):
    assert found(None) == {"Syr Darya river commission", "Комиссия по реке Сырдарья", "Sirdaryo river water",
                           "Annual river water report"}
    assert "Restricted river water memo" in found(alice)


def test_language_narrows(documents, alice):
    assert found(alice, "вод", language="ru") == {"Комиссия по реке Сырдарья"}
    assert "Комиссия по реке Сырдарья" not in found(alice, "вод", language="en")
    assert found(None, language="en") == {"Syr Darya river commission", "Sirdaryo river water",
                                          "Annual river water report"}
    assert found(None, language="kk") == set()


def test_party_narrows_to_documents_concerning_it(documents):
    assert found(None, parties=["KZ"]) == {"Syr Darya river commission", "Комиссия по реке Сырдарья"}
    assert found(None, parties=["uz"]) == {"Комиссия по реке Сырдарья", "Sirdaryo river water"}
    # Any of several; a code is matched whole, never as part of another.
    assert len(found(None, parties=["KZ", "UZ"])) == 3
    assert found(None, parties=["K"]) == found(None, parties=["KZ UZ"]) == set()


def test_dates_narrow_and_a_partial_date_counts_where_it_overlaps(documents):
    assert found(None, date_from="2024-01-01") == {"Syr Darya river commission", "Sirdaryo river water",
                                                   "Annual river water report"}
    assert found(None, date_to="2023-12") == {"Комиссия по реке Сырдарья"}
    # 2024-06 (a month) is inside June; 2024 (a year) overlaps every range in 2024.
    assert found(None, date_from="2024-06-15", date_to="2024-06-20") == {"Sirdaryo river water",
                                                                         "Annual river water report"}
    assert found(None, date_from="2024-03", date_to="2024-03") == {"Syr Darya river commission",
                                                                  "Annual river water report"}
    assert found(None, date_from="2025") == set()
    assert found(None, date_from="2023-11-02", date_to="2023-11-02") == {"Комиссия по реке Сырдарья"}


def test_filters_combine_with_the_text_and_with_each_other(documents):
    assert found(None, "commission", parties=["KZ"], language="en") == {"Syr Darya river commission"}
    assert found(None, "commission", parties=["UZ"], language="en") == set()
    assert found(None, "Tashkent", date_from="2024", parties=["UZ"]) == {"Sirdaryo river water"}
    # A fragment inside a word ("ashken") takes the other path; the filters still apply.
    assert found(None, "ashken", parties=["UZ"]) == {"Sirdaryo river water"}
    assert found(None, "ashken", parties=["KZ"]) == set()


def test_visibility_still_applies_under_filters(documents, alice, mark, rita):
    memo = "Restricted river water memo"
    assert memo in found(alice, parties=["KZ"], date_from="2024-03-20", language="en")
    for reader in (None, rita, mark):
        assert memo not in found(reader, parties=["KZ"], date_from="2024-03-20", language="en")


def test_the_page_offers_the_filters_keeps_them_and_applies_them(client, documents):
    page = client.get(reverse("web:search"), {"q": "river", "party": "UZ", "date_from": "2024"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="language"' in html and 'name="party"' in html and 'name="date_to"' in html
    assert 'value="2024"' in html and '<option value="UZ" selected>' in html
    assert {r.title for g in page.context["results"].groups for r in g.results} == {"Sirdaryo river water"}


def test_the_page_hides_filters_no_searched_kind_fills(client, documents):
    html = client.get(reverse("web:search"), {"q": "river", "kind": "person"}).content.decode()
    assert 'id="id_language"' not in html and 'name="date_from"' not in html


@pytest.mark.parametrize("params", [{"date_from": "2024-13"}, {"date_to": "yesterday"}, {"date_from": "2024-02-30"},
                                    {"date_from": "2024", "date_to": "2023"}, {"party": "XX"}, {"language": "zz"}])
def test_the_page_answers_a_bad_filter_with_a_form_error(client, documents, params):
    page = client.get(reverse("web:search"), {"q": "river", **params})
    assert page.status_code == 200
    assert page.context["form"].errors and page.context["results"] is None
    assert "Correct the filters" in page.content.decode()


def test_the_api_takes_the_same_filters(client, documents):
    response = client.get("/api/search", {"q": "aral", "party": ["KZ", "UZ"], "language": "en",
                                          "date_from": "2024-01", "date_to": "2024-12-31"})
    assert response.status_code == 200
    titles_found = {r["title"] for g in response.json()["groups"] for r in g["results"]}
    assert titles_found == {"Syr Darya river commission", "Sirdaryo river water"}
    bad = client.get("/api/search", {"q": "water", "date_from": "2024-13"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422 and "month" in bad.json()["detail"]
