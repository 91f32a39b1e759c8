"""Atom and RSS feeds of what is newly published: valid, in the reader's language, public records only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from tests.portal.conftest import HIDDEN

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def _all_feed_urls(topics=("water", "trade")):
    from kenes.portal.registry import published_kinds

    kinds = ["all"] + [kind.key for kind in published_kinds() if kind.in_feeds]
    urls = [reverse("portal:feed", args=[kind, fmt]) for kind in kinds for fmt in ("atom", "rss")]
    urls += [reverse("portal:topic_feed", args=[code, kind, fmt]) for code in topics for kind in kinds
             for fmt in ("atom", "rss")]
    return urls


def test_the_atom_feed_has_the_required_elements_and_parses(client, published):
    response = _feed(client, reverse("portal:feed", args=["all", "atom"]))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        assert entry.find(f"{ATOM}link").get("href")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = [entry.title for entry in parsed.entries]
    assert "Measures: Strengthen water and climate security cooperation" in titles
    assert "Decisions: Prepare a joint study of water data" in titles
    assert "Meetings: Second meeting of the Expert Council" in titles
    assert "Documents: Expert Council meets in Tashkent" in titles


def test_the_rss_feed_parses(client, published):
    parsed = feedparser.parse(_feed(client, reverse("portal:feed", args=["measures", "rss"])).content)
    assert not parsed.bozo and parsed.version.startswith("rss")
    assert {entry.title for entry in parsed.entries} == {
        "Measures: Strengthen water and climate security cooperation",
        "Measures: Develop mechanisms to reach $10 billion mutual trade"}


def test_a_topic_feed_holds_that_topic_only(client, published):
    parsed = feedparser.parse(_feed(client, reverse("portal:topic_feed", args=["trade", "all", "atom"])).content)
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Measures: Develop mechanisms to reach $10 billion mutual trade"]


def test_feeds_follow_the_readers_language(client, published):
    response = client.get(reverse("portal:feed", args=["decisions", "atom"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Подготовить совместное исследование водных данных" in response.content.decode()


def test_no_feed_shows_a_hidden_record(client, alice, published):
    client.force_login(alice)  # the secretariat's session changes nothing: feeds are the public's
    for url in _all_feed_urls():
        body = _feed(client, url).content.decode()
        assert HIDDEN not in body, url
        feedparser_result = feedparser.parse(body)
        assert not feedparser_result.bozo, url


def test_unknown_feeds_are_not_found(client, published):
    for url in ("/portal/feeds/nothing.atom", "/portal/feeds/all.pdf", "/portal/feeds/events.atom",
                "/portal/topics/nowhere/feeds/all.atom"):
        assert client.get(url).status_code == 404, url


def test_the_portal_links_the_feeds_and_the_councils_calendar(client, published):
    html = client.get(reverse("portal:landing")).content.decode()
    assert reverse("portal:feed", args=["all", "atom"]) in html
    assert reverse("portal:feed", args=["all", "rss"]) in html
    assert reverse("council:feed_public") in html
    topic = client.get(reverse("portal:topic", args=["water"])).content.decode()
    assert reverse("portal:topic_feed", args=["water", "all", "atom"]) in topic
