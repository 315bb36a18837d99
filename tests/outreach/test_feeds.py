"""RSS 2.0 feeds parse and list the expected items (public content only)."""

import datetime
import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

from tests.factories import make_studio, make_update


def parse_rss(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") and channel.findtext("link").startswith("http")
    items = [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "pubDate": item.findtext("pubDate"),
            "categories": [c.text for c in item.findall("category")],
        }
        for item in channel.findall("item")
    ]
    return channel, items


def test_site_updates_feed_lists_public_updates_newest_first(client, site_tree):
    studio = make_studio("启航班主任工作室", slug="qihang")
    older = make_update(
        studio, "专题研讨：如何开好第一次班会", date=datetime.date(2025, 3, 1), summary="讨论开学第一课"
    )
    newer = make_update(studio, "读书交流：带班育人方略", date=datetime.date(2025, 5, 8))
    make_update(studio, "未发布的草稿动态", publish=False)
    hidden = make_update(studio, "仅成员可见的动态")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    channel, items = parse_rss(client.get("/feeds/updates/"))
    assert [item["title"] for item in items] == ["读书交流：带班育人方略", "专题研讨：如何开好第一次班会"]
    assert items[0]["link"] == newer.get_full_url()
    assert items[1]["link"] == older.get_full_url() and items[1]["link"].startswith("http")
    assert items[1]["description"] == "讨论开学第一课"
    assert "专题研讨" in items[1]["categories"]
    assert "2025" in items[0]["pubDate"] and "May" in items[0]["pubDate"]
    assert channel.findtext("language") == "zh-cn"


def test_studio_feed_has_only_that_studios_updates(client, site_tree):
    one = make_studio("星火工作室", slug="xinghuo")
    two = make_studio("明灯工作室", slug="mingdeng")
    make_update(one, "星火：主题班会")
    make_update(two, "明灯：学术沙龙")
    channel, items = parse_rss(client.get("/feeds/studios/xinghuo/"))
    assert [item["title"] for item in items] == ["星火：主题班会"]
    assert "星火工作室" in channel.findtext("title")
    assert channel.findtext("link") == one.get_full_url()


def test_feed_of_unknown_or_draft_studio_is_404(client, site_tree):
    make_studio(slug="draft-studio", publish=False)
    assert client.get("/feeds/studios/draft-studio/").status_code == 404
    assert client.get("/feeds/studios/no-such-studio/").status_code == 404
