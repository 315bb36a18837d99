"""Share metadata, canonical links, feed links, robots.txt and sitemap.xml."""

import re
import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

from tests.factories import make_image, make_studio

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def meta(html, attr, name):
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_studio_page_has_open_graph_wechat_and_canonical(client, site_tree):
    photo = make_image("主持人照片", size=(400, 500))
    studio = make_studio("星火班主任工作室", host_photo=photo, slug="xinghuo")
    html = client.get("/studios/xinghuo/").content.decode()
    url = studio.get_full_url()
    assert url.startswith("http")
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "property", "og:url") == url
    assert meta(html, "property", "og:title") == "星火班主任工作室"
    assert meta(html, "itemprop", "name") == "星火班主任工作室"
    image = meta(html, "property", "og:image")
    assert image.startswith("http") and "/media/images/" in image
    assert meta(html, "itemprop", "image") == image


def test_description_falls_back_to_introduction_and_image_to_default(client, site_tree):
    make_studio(slug="s1", introduction="<p>工作室以<b>主题班会</b>为载体，</p><p>探索家校协同育人。</p>")
    html = client.get("/studios/s1/").content.decode()
    assert meta(html, "property", "og:description") == "工作室以主题班会为载体，探索家校协同育人。"
    image = meta(html, "property", "og:image")
    assert image.startswith("http") and image.endswith("outreach/share-default.png")
    assert client.get("/static/outreach/share-default.png").status_code == 200


def test_search_description_is_not_duplicated(client, site_tree):
    make_studio(slug="s2", search_description="一个用于测试的搜索描述")
    html = client.get("/studios/s2/").content.decode()
    assert html.count('name="description"') == 1
    assert meta(html, "property", "og:description") == "一个用于测试的搜索描述"


def test_studio_page_links_its_feed_and_site_feeds(client, site_tree):
    make_studio(slug="feedy")
    html = client.get("/studios/feedy/").content.decode()
    alternates = re.findall(r'<link rel="alternate" type="application/rss\+xml" title="[^"]*" href="([^"]+)">', html)
    assert "/feeds/studios/feedy/" in alternates
    assert "/feeds/updates/" in alternates
    assert "/feeds/cases/" in alternates
    home_html = client.get("/").content.decode()
    assert "/feeds/updates/" in home_html and "/feeds/studios/" not in home_html


def test_robots_txt_points_to_sitemap_and_hides_admin(client, site_tree):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    sitemap_line = [line for line in text.splitlines() if line.startswith("Sitemap: ")][0]
    assert sitemap_line.endswith("/sitemap.xml") and sitemap_line.split(" ", 1)[1].startswith("http")


def test_sitemap_lists_public_pages_only(client, site_tree):
    public = make_studio("公开工作室", slug="open")
    draft = make_studio("草稿工作室", slug="draft", publish=False)
    private = make_studio("内部工作室", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locs = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP_NS}loc")]
    assert public.get_full_url() in locs
    assert any(loc.endswith("/studios/") for loc in locs)
    assert not any("/draft/" in loc or "/private/" in loc for loc in locs)
    assert draft.pk and private.pk
