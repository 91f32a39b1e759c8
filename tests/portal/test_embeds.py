"""A target's progress embedded in another site: a framable page and a standalone SVG, public targets only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.portal.conftest import HIDDEN

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def test_the_embed_page_shows_both_sides_and_may_be_framed_by_any_site(client, published):
    response = client.get(reverse("portal:embed_target", args=[published["target"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mutual trade turnover" in html and "Kazakhstan, 2023" in html and "Uzbekistan, 2023" in html
    assert '<svg class="chart"' in html  # the chart beside the bars
    assert 'class="main-nav"' not in html  # no navigation inside someone else's page
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert HIDDEN not in html and "7.78" not in html  # the restricted 2024 figure is not a side's latest


def test_every_other_page_still_refuses_to_be_framed(client, published):
    response = client.get(reverse("portal:landing"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_svg_stands_alone_with_a_bar_per_side(client, published):
    response = client.get(reverse("portal:embed_target_svg", args=[published["target"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "X-Frame-Options" not in response
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    texts = " ".join(text.text or "" for text in root.iter(f"{SVG}text"))
    assert "Mutual trade turnover" in texts and "Kazakhstan, 2023: 4.4 bn · 44.0 %" in texts
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill", "").startswith("#") and rect.get("rx")]
    assert len(bars) == 4  # a track and a fill for each side
    assert "<style" not in response.content.decode()  # an image has no stylesheet to rely on
    assert HIDDEN not in response.content.decode()


def test_the_svg_follows_the_readers_language(client, published):
    response = client.get(reverse("portal:embed_target_svg", args=[published["target"].pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Взаимный товарооборот" in response.content.decode()


@pytest.mark.parametrize("which", ["hidden_target", "target_of_hidden"])
def test_hidden_targets_and_targets_of_hidden_indicators_are_not_found(client, alice, published, which):
    client.force_login(alice)  # even the secretariat's session embeds only what the public may see
    pk = published[which].pk
    assert client.get(reverse("portal:embed_target", args=[pk])).status_code == 404
    assert client.get(reverse("portal:embed_target_svg", args=[pk])).status_code == 404
    assert client.get("/portal/embed/targets/999999/").status_code == 404
