"""The portal's pages: what the public sees, in its language, whoever reads."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.portal.conftest import HIDDEN

pytestmark = pytest.mark.django_db


def _page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_it_shows_the_partnership_at_a_glance(client, published):
    html = _page(client, reverse("portal:landing"))
    assert "Mutual trade turnover" in html  # the $10 billion target's progress
    assert "Kazakhstan" in html and "Uzbekistan" in html  # each side's figures
    assert "44.0 %" in html and "41.8 %" in html
    assert "Adopted" in html  # measures by status
    assert reverse("portal:topic", args=["water"]) in html  # by topic, linked
    assert "Third meeting of the Expert Council" in html  # the next meeting
    assert "Second meeting of the Expert Council" in html  # the last one
    assert "Regional Conference on Water Diplomacy" in html  # upcoming events
    assert "Expert Council meets in Tashkent" in html  # latest documents
    assert HIDDEN not in html
    assert reverse("portal:embed_target_svg", args=[published["target"].pk]) in html


def test_a_signed_in_secretariat_sees_exactly_what_the_public_sees(client, alice, published):
    public = _page(Client(), reverse("portal:topic", args=["water"]))
    client.force_login(alice)
    previewed = _page(client, reverse("portal:topic", args=["water"]))
    assert HIDDEN not in previewed
    strip = re.compile(r'<header class="top">.*?</header>|<input[^>]*csrfmiddlewaretoken[^>]*>', re.S)
    assert strip.sub("", public) == strip.sub("", previewed)


def test_it_speaks_the_readers_language(client, published):
    html = _page(client, reverse("portal:landing"), HTTP_ACCEPT_LANGUAGE="ru")
    assert '<html lang="ru">' in html
    assert "Третье заседание Экспертного совета" in html
    assert "Региональная конференция по водной дипломатии" in html


def test_a_topic_page_gathers_measures_meetings_events_and_documents(client, published):
    html = _page(client, reverse("portal:topic", args=["water"]))
    for text in ("Strengthen water and climate security cooperation", "Second meeting of the Expert Council",
                 "Regional Conference on Water Diplomacy", "Expert Council meets in Tashkent"):
        assert text in html
    assert HIDDEN not in html
    assert "Develop mechanisms to reach $10 billion mutual trade" not in html  # another topic


def test_an_unknown_topic_is_not_found(client, published):
    assert client.get("/portal/topics/no-such-topic/").status_code == 404


def test_the_pages_carry_open_graph_and_schema_org_metadata(client, published):
    for url in (reverse("portal:landing"), reverse("portal:topic", args=["water"]), reverse("portal:data")):
        html = _page(client, url)
        assert '<meta property="og:title"' in html and '<link rel="canonical"' in html
        (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        assert HIDDEN not in block


def test_the_landing_page_asks_few_queries(client, published, django_assert_max_num_queries):
    client.get(reverse("portal:landing"))  # the tallies' cache filled
    with django_assert_max_num_queries(25):
        client.get(reverse("portal:landing"))


def test_the_topics_list_counts_public_measures(client, published):
    html = _page(client, reverse("portal:topics"))
    assert reverse("portal:topic", args=["water"]) in html


def test_the_sitemap_lists_public_pages_only(client, published):
    index = _page(client, "/sitemap.xml")
    sections = re.findall(r"<loc>([^<]+)</loc>", index)
    assert sections
    pages = []
    for section in sections:
        pages += re.findall(r"<loc>([^<]+)</loc>", _page(client, section.replace("http://testserver", "")))
    assert any(url.endswith(published["water"].get_absolute_url()) for url in pages)
    assert any(url.endswith(published["last"].get_absolute_url()) for url in pages)
    assert any(url.endswith("/portal/topics/water/") for url in pages)
    for hidden in (published["internal"], published["hidden_meeting"], published["secret_doc"],
                   published["hidden_target"], published["insider"], published["secret_fund"]):
        assert not any(url.endswith(hidden.get_absolute_url()) for url in pages), hidden


def test_robots_txt_points_to_the_sitemap(client, db):
    text = _page(client, "/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_every_page_links_to_the_portal_and_the_dashboard_invites_the_public(client, alice, db):
    html = _page(client, reverse("web:dashboard"))
    assert "Open the public portal" in html
    client.force_login(alice)
    html = _page(client, reverse("web:dashboard"))
    assert "Open the public portal" not in html
    assert f'<a href="{reverse("portal:landing")}">Public portal</a>' in html  # the footer, for everyone


def test_an_app_registers_its_own_section_and_table(client, published):
    """How projects or the fund will join: a ``portal.py`` registering into the portal, which names no app."""
    from kenes.inventory.lists import AGREEMENT_COLUMNS
    from kenes.inventory.models import Agreement
    from kenes.portal import registry

    registry.discover()
    before = (list(registry.TOPIC_SECTIONS), list(registry.OPEN_DATA_TABLES))
    try:
        registry.register_topic_section(registry.TopicSection(
            "projects", "Projects", lambda topic: Agreement.objects.visible_to(registry.PUBLIC), order=25))
        registry.register_table(registry.OpenDataTable(
            "projects", "Projects", "Every public project.",
            lambda: Agreement.objects.visible_to(registry.PUBLIC).order_by("pk"), AGREEMENT_COLUMNS, model=Agreement))
        html = _page(client, reverse("portal:topic", args=["water"]))
        assert 'id="section-projects"' in html and "Strategic Partnership and Alliance Programme" in html
        package = json.loads(b"".join(client.get("/portal/data/datapackage.json").streaming_content))
        assert "projects.csv" in [resource["path"] for resource in package["resources"]]
    finally:
        registry.TOPIC_SECTIONS[:], registry.OPEN_DATA_TABLES[:] = before
