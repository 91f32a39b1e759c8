"""Lists: sorted by column, paged, and downloaded as CSV / XLSX exactly as filtered (kenes.web.lists)."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from kenes.directory import services

pytestmark = pytest.mark.django_db

ORGS = reverse("directory:organizations")
PEOPLE = reverse("directory:people")


@pytest.fixture
def more(alice, directory, parties):
    """Two more organisations and a person, so every column has something to sort."""
    ministry = services.create_organization(
        alice, name_en="Ministry of Water Resources", kind="ministry", party=parties["UZ"],
        status="operational", visibility="public",
    )
    daryo = services.create_organization(
        alice, name_en="Daryo", kind="media", party=parties["UZ"], status="established", visibility="public",
    )
    aziz = services.create_person(alice, name_en="Aziz Abdukhakimov", name_ru="Азиз Абдухакимов",
                                  party=parties["UZ"], visibility="public")
    services.update_person(alice, directory["insider"], name_ru="Иван Внутренний")
    return {"ministry": ministry, "daryo": daryo, "aziz": aziz}


def _names(response) -> list[str]:
    """The names in the list's rows, in the order shown."""
    return re.findall(r'<td data-label="[^"]*"><a href="/directory/[^"]+">([^<(]+?)(?: \([^<]*\))?</a>',
                      response.content.decode())


def _csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(response) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]


KAZISS, WG, FUND = "Kazakhstan Institute for Strategic Studies", "Internal Working Group on Water", "Restricted Fund Committee"
MINISTRY, DARYO = "Ministry of Water Resources", "Daryo"
TOKAYEV, IVAN, SABINA, AZIZ = "Kassym-Jomart Tokayev", "Ivan Internal", "Sabina Secret", "Aziz Abdukhakimov"


@pytest.mark.parametrize(("url", "key", "ascending", "descending"), [
    (ORGS, "name", [DARYO, WG, KAZISS, MINISTRY, FUND], [FUND, MINISTRY, KAZISS, WG, DARYO]),
    # By the label the reader sees (Commission, Ministry…, News media, Think tank…, Working group),
    # not by the stored code (media sorts before ministry).
    (ORGS, "kind", [FUND, MINISTRY, DARYO, KAZISS, WG], [WG, KAZISS, DARYO, MINISTRY, FUND]),
    # Records without a party or status come last both ways.
    (ORGS, "party", [KAZISS, MINISTRY, DARYO, WG, FUND], [DARYO, MINISTRY, KAZISS, FUND, WG]),
    (ORGS, "status", [DARYO, MINISTRY, KAZISS, WG, FUND], [MINISTRY, DARYO, FUND, WG, KAZISS]),
    (ORGS, "visibility", [KAZISS, MINISTRY, DARYO, WG, FUND], [FUND, WG, DARYO, MINISTRY, KAZISS]),
    (PEOPLE, "name", [AZIZ, IVAN, TOKAYEV, SABINA], [SABINA, TOKAYEV, IVAN, AZIZ]),
    (PEOPLE, "party", [TOKAYEV, IVAN, SABINA, AZIZ], [AZIZ, SABINA, IVAN, TOKAYEV]),
    (PEOPLE, "visibility", [TOKAYEV, AZIZ, IVAN, SABINA], [SABINA, IVAN, AZIZ, TOKAYEV]),
])
def test_it_sorts_by_each_sortable_column_both_ways(client, alice, more, url, key, ascending, descending):
    client.force_login(alice)
    up = client.get(url, {"sort": key})
    assert _names(up) == ascending
    assert re.search(rf'<th scope="col" aria-sort="ascending"><a href="[^"]*sort=-{key}"', up.content.decode())
    down = client.get(url, {"sort": f"-{key}"})
    assert _names(down) == descending
    assert 'aria-sort="descending"' in down.content.decode() and "▼" in down.content.decode()
    # The download is sorted the same way.
    assert [row[0] for row in _csv(client.get(url, {"sort": f"-{key}", "format": "csv"}))[1:]] == descending


def test_it_sorts_names_in_the_readers_language(client, alice, more):
    client.force_login(alice)
    client.cookies["django_language"] = "ru"
    response = client.get(PEOPLE, {"sort": "name"})
    # Latin-only names first, then the Russian spellings in Russian order.
    assert _names(response) == [SABINA, "Азиз Абдухакимов", "Иван Внутренний", "Касым-Жомарт Токаев"]


@pytest.mark.parametrize("sort", ["password", "-pk", "name;DROP TABLE x", "party__code", "__class__", "--name", ""])
def test_it_ignores_unknown_sort_keys(client, alice, more, sort):
    client.force_login(alice)
    response = client.get(PEOPLE, {"sort": sort})
    assert response.status_code == 200
    assert _names(response) == [AZIZ, IVAN, TOKAYEV, SABINA]
    assert 'name="sort"' not in response.content.decode()


def test_it_ignores_sorting_by_a_column_the_reader_does_not_have(client, more):
    response = client.get(PEOPLE, {"sort": "-visibility"})
    assert _names(response) == [AZIZ, TOKAYEV]
    assert "Visibility" not in response.content.decode()


def test_it_keeps_filters_in_sort_links_and_sort_in_the_filter_form(client, alice, more):
    client.force_login(alice)
    body = client.get(PEOPLE, {"party": "UZ", "sort": "-name", "page": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body
    party_link = re.search(r'<a href="([^"]*sort=party[^"]*)" hx-get="([^"]*)" hx-target="#results" hx-push-url="true">',
                           body.replace("&amp;", "&"))
    assert party_link and "party=UZ" in party_link.group(1) and party_link.group(1) == party_link.group(2)
    assert "page=" not in party_link.group(1)
    # Outside the form in the page, but part of it: the next filter change keeps the sort.
    assert '<input type="hidden" name="sort" value="-name" form="list-filters">' in body
    assert 'id="list-filters"' in client.get(PEOPLE).content.decode()


def test_it_pages_and_the_pages_keep_filters_and_sort(client, alice, parties):
    for number in range(30):
        services.create_person(alice, name_en=f"Expert {number:02d}", party=parties["UZ"], visibility="public")
    services.create_person(alice, name_en="Kazakh Expert", party=parties["KZ"], visibility="public")
    first = client.get(PEOPLE, {"party": "UZ", "sort": "-name"})
    names = _names(first)
    assert len(names) == 25 and names[0] == "Expert 29"
    next_url = re.search(r'<a href="([^"]+)" rel="next"', first.content.decode()).group(1).replace("&amp;", "&")
    assert "party=UZ" in next_url and "sort=-name" in next_url and "page=2" in next_url
    second = client.get(next_url)
    assert _names(second) == [f"Expert {n:02d}" for n in range(4, -1, -1)]
    previous_url = re.search(r'<a href="([^"]+)" rel="prev"', second.content.decode()).group(1).replace("&amp;", "&")
    assert "party=UZ" in previous_url and "sort=-name" in previous_url
    # The download is the whole filtered list, not the page.
    rows = _csv(client.get(next_url + "&format=csv"))
    assert len(rows) == 31 and "Kazakh Expert" not in {row[0] for row in rows}


def test_it_downloads_exactly_the_filtered_rows_as_csv(client, alice, more):
    client.force_login(alice)
    response = client.get(PEOPLE, {"party": "UZ", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="people-{today}.csv"'
    rows = _csv(response)
    assert rows[0] == ["Name", "Party", "Expertise", "Visibility"]
    assert rows[1:] == [[AZIZ, "UZ", "", "Public"], [SABINA, "UZ", "", "Restricted (secretariat)"]]


def test_it_downloads_exactly_the_filtered_rows_as_xlsx(client, alice, more):
    from kenes.core.models import Topic

    client.force_login(alice)
    services.update_person(alice, more["aziz"], expertise=Topic.objects.filter(code__in=["water", "trade"]))
    response = client.get(ORGS, {"party": "UZ", "format": "xlsx", "sort": "name"})
    assert response["Content-Disposition"].endswith(f'organisations-{timezone.localdate().isoformat()}.xlsx"')
    rows = _xlsx(response)
    assert rows[0] == ["Name", "Acronym", "Parent organisation", "Kind", "Party", "Status", "Founded", "Website",
                       "Visibility"]
    assert rows[1:] == [
        [DARYO, "", "", "News media", "UZ", "Established", "", "", "Public"],
        [MINISTRY, "", "", "Ministry or government agency", "UZ", "Operational", "", "", "Public"],
    ]
    people = _xlsx(client.get(PEOPLE, {"q": "aziz", "format": "xlsx"}))
    assert people[1][:3] == [AZIZ, "UZ", "; ".join(t.name for t in more["aziz"].expertise.all())]
    assert people[1][2]


def test_it_writes_partial_dates_as_iso_and_a_visible_parent_by_name(client, alice, directory):
    client.force_login(alice)
    services.update_organization(alice, directory["working_group"], founded="2024-08")
    rows = _csv(client.get(ORGS, {"q": "working group", "format": "csv"}))
    assert rows[1][:3] == [WG, "", KAZISS] and rows[1][6] == "2024-08"


@pytest.mark.parametrize("how", ["accept-language", "cookie"])
def test_it_writes_headers_and_labels_in_the_readers_language(client, alice, more, how):
    client.force_login(alice)
    if how == "cookie":
        client.cookies["django_language"] = "ru"
        headers = {}
    else:
        headers = {"HTTP_ACCEPT_LANGUAGE": "ru"}
    rows = _csv(client.get(PEOPLE, {"party": "UZ", "format": "csv"}, **headers))
    assert rows[0] == ["Имя", "Сторона", "Области экспертизы", "Доступ"]
    # Names in the reader's language and order; choices by their translated label.
    assert [row[0] for row in rows[1:]] == [SABINA, "Азиз Абдухакимов"]
    assert rows[1][3] != "Restricted (secretariat)" and rows[2][3] != "Public"
    sheet = _xlsx(client.get(ORGS, {"format": "xlsx"}, **headers))
    assert sheet[0][0] == "Имя" and sheet[0][3] == "Тип"
    assert openpyxl.load_workbook(io.BytesIO(client.get(ORGS, {"format": "xlsx"}, **headers).content)).active.title \
        == "Организации"


def test_it_never_exports_hidden_records_or_a_hidden_parent_to_anonymous_visitors(client, alice, mark, directory):
    services.create_organization(alice, name_en="Public Water Programme", kind="other",
                                 parent=directory["working_group"], visibility="public")
    services.create_organization(alice, name_en="Fund Outreach Office", kind="other",
                                 parent=directory["secret_fund"], visibility="public")
    for file_format, read in (("csv", _csv), ("xlsx", _xlsx)):
        orgs = read(client.get(ORGS, {"format": file_format}))
        text = repr(orgs)
        assert "Internal Working Group" not in text and "Restricted Fund" not in text
        assert "Visibility" not in orgs[0]
        assert {row[0] for row in orgs[1:]} == {KAZISS, "Public Water Programme", "Fund Outreach Office"}
        assert all(row[2] == "" for row in orgs[1:])
        people = repr(read(client.get(PEOPLE, {"format": file_format})))
        assert TOKAYEV in people and IVAN not in people and SABINA not in people
    # A member sees the internal parent, not the restricted one.
    client.force_login(mark)
    rows = {row[0]: row[2] for row in _csv(client.get(ORGS, {"format": "csv"}))[1:]}
    assert rows["Public Water Programme"] == WG and rows["Fund Outreach Office"] == ""
    assert FUND not in rows


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_it_neutralises_formulas_in_downloads(client, alice, parties, name):
    services.create_person(alice, name_en=name, party=parties["KZ"], visibility="public")
    assert _csv(client.get(PEOPLE, {"format": "csv"}))[1][0] == "'" + name
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(PEOPLE, {"format": "xlsx"}).content)).active
    assert sheet["A2"].value == "'" + name and sheet["A2"].data_type == "s"


def test_it_refuses_a_download_larger_than_the_cap_with_a_clear_message(client, directory, monkeypatch):
    monkeypatch.setattr("kenes.web.lists.EXPORT_MAX_ROWS", 0)
    response = client.get(PEOPLE, {"party": "KZ", "format": "csv"})
    assert response.status_code == 302 and response["Location"] == f"{PEOPLE}?party=KZ"
    page = client.get(response["Location"]).content.decode()
    assert "a download holds at most 0" in page


def test_it_offers_downloads_that_keep_filters_and_sort(client, directory):
    body = client.get(PEOPLE, {"q": "", "party": "KZ", "sort": "-name", "page": "1"}).content.decode()
    body = body.replace("&amp;", "&")
    csv_link = re.search(r'<a href="([^"]+format=csv[^"]*)" download>', body).group(1)
    xlsx_link = re.search(r'<a href="([^"]+format=xlsx[^"]*)" download>', body).group(1)
    for link in (csv_link, xlsx_link):
        assert "party=KZ" in link and "sort=-name" in link and "page=" not in link and "q=" not in link
    assert 'data-label="Party"' in body


def _count_queries(captured) -> int:
    return sum(1 for query in captured.captured_queries if "COUNT(" in query["sql"].upper())


def test_a_first_page_that_is_not_full_is_counted_from_its_rows(client, alice, parties):
    """A narrow list costs one query, not a count and a read; a full first page and later pages still count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(27):
        services.create_person(alice, name_en=f"Expert {number:02d}", party=parties["UZ"], visibility="public")
    services.create_person(alice, name_en="Kazakh Expert", party=parties["KZ"], visibility="public")
    client.force_login(alice)
    with CaptureQueriesContext(connection) as narrow:
        response = client.get(PEOPLE, {"party": "KZ"})
    assert "1 person" in response.content.decode() and _names(response) == ["Kazakh Expert"]
    assert _count_queries(narrow) == 0
    with CaptureQueriesContext(connection) as none:
        response = client.get(PEOPLE, {"party": "KZ", "q": "nobody-has-this-name"})
    assert _names(response) == [] and _count_queries(none) == 0
    with CaptureQueriesContext(connection) as full:
        response = client.get(PEOPLE, {"party": "UZ"})
    assert len(_names(response)) == 25 and _count_queries(full) == 1
    uzbek = len(_csv(client.get(PEOPLE, {"party": "UZ", "format": "csv"}))) - 1  # the fixture's too
    assert uzbek >= 27 and f"{uzbek} people" in response.content.decode()
    second = client.get(PEOPLE, {"party": "UZ", "page": "2"})
    assert len(_names(second)) == uzbek - 25 and f"{uzbek} people" in second.content.decode()
    for page in ("1", "", "x", "99"):
        assert client.get(PEOPLE, {"party": "KZ", "page": page}).status_code == 200


@pytest.mark.parametrize("language", ["en", "ru"])
def test_paths_made_once_for_many_records_equal_reversed_ones(client, language):
    from django.urls import reverse as django_reverse
    from django.utils import translation

    from kenes.core.links import path_for

    with translation.override(language):
        for viewname in ("inventory:measure", "documents:document", "directory:person"):
            make = path_for(viewname)
            for pk in (1, 7, 918273645, 10**12):
                assert make(pk) == django_reverse(viewname, args=[pk])
