"""The public portal as an anonymous visitor reading Russian finds it: the landing page, a topic, a measure,
and the open data (the CSV of measures and the directory as Popolo JSON), which open and hold only public
records. Screenshots of the landing page at laptop and phone widths, in English and Russian, with no
sideways scrolling and nothing in the console."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from tests.browser.conftest import watch_console
from tests.portal.conftest import HIDDEN, build_published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("KENES_SCREENSHOTS", "/tmp/kenes-screenshots"))


@pytest.fixture
def published(alice, inventory, parties, settings, tmp_path):
    return build_published(alice, inventory, parties, settings, tmp_path)


def _context(browser, locale, width, height=900):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def test_an_anonymous_visitor_in_russian_follows_a_topic_to_a_measure_and_downloads_the_data(
        browser, live_server, published):
    context, page = _context(browser, "ru-RU", 1366)
    problems = watch_console(page)
    try:
        page.goto(f"{live_server.url}/portal/")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.get_by_text("Взаимный товарооборот").first.is_visible()
        assert page.get_by_role("link", name="Третье заседание Экспертного совета").is_visible()

        page.locator("#by-topic").locator("..").locator("a[href='/portal/topics/water/']").click()
        page.wait_for_url("**/portal/topics/water/")
        assert page.get_by_role("link", name="Региональная конференция по водной дипломатии").is_visible()
        assert HIDDEN not in page.content()

        page.get_by_role("link", name="Strengthen water and climate security cooperation").click()
        page.wait_for_url(f"**{published['water'].get_absolute_url()}")
        assert page.get_by_role("heading", name="Strengthen water and climate security cooperation").is_visible()

        page.goto(f"{live_server.url}/portal/data/")
        measures = _download(page, page.get_by_role("link", name="measures.csv", exact=True))
        rows = list(csv.DictReader(line for line in io.StringIO(measures.decode("utf-8-sig"))
                                   if not line.startswith("#")))
        assert {row["title_en"] for row in rows} == {"Strengthen water and climate security cooperation",
                                                     "Develop mechanisms to reach $10 billion mutual trade"}
        assert HIDDEN not in measures.decode("utf-8-sig")

        popolo = json.loads(_download(page, page.get_by_role("link", name="popolo.json", exact=True)))
        assert [person["name"] for person in popolo["persons"]] == ["Kassym-Jomart Tokayev"]
        assert HIDDEN not in json.dumps(popolo, ensure_ascii=False)
        assert problems == []
    finally:
        context.close()


@pytest.mark.parametrize("locale", ["en-GB", "ru-RU"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_landing_page_fits_and_reads_cleanly(browser, live_server, published, locale, width):
    context, page = _context(browser, locale, width, 844 if width == 390 else 900)
    problems = watch_console(page)
    try:
        page.goto(f"{live_server.url}/portal/")
        scroll_width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"portal-landing-{locale[:2]}-{width}.png"), full_page=True)
        for path in ("/portal/topics/", "/portal/topics/water/", "/portal/data/",
                     f"/portal/embed/targets/{published['target'].pk}/"):
            page.goto(live_server.url + path)
            scroll_width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert scroll_width <= inner, path
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=str(SHOTS / f"{name}-{locale[:2]}-{width}.png"), full_page=True)
        assert problems == []
    finally:
        context.close()


def test_the_portal_passes_axe(browser, live_server, published):
    from tests.browser.test_accessibility import _serious_violations

    context, page = _context(browser, "en-GB", 1366)
    try:
        for path in ("/portal/", "/portal/topics/", "/portal/topics/water/", "/portal/data/",
                     f"/portal/embed/targets/{published['target'].pk}/"):
            page.goto(live_server.url + path)
            assert _serious_violations(page) == [], path
    finally:
        context.close()


def test_the_landing_page_prints_without_the_sites_navigation(browser, live_server, published):
    context, page = _context(browser, "en-GB", 1366)
    try:
        page.goto(f"{live_server.url}/portal/")
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        assert not page.locator(".portal-nav").is_visible()
        assert page.get_by_role("heading", name="The partnership at a glance").is_visible()
        assert page.locator(".target-bars progress").first.is_visible()
        page.pdf(path=str(SHOTS / "portal-landing-print.pdf"))
    finally:
        context.close()
