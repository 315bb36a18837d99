"""分享本页: every reading page has one share sheet (link, WeChat hint, one labelled QR code) opened
by 分享, and a WeChat card (og:title, og:description, og:image) naming the page."""

import re

import pytest

from tests.factories import make_studio, make_update
from tests.search.builders import make_case


def meta(html, name):
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def pages(db):
    studio = make_studio("春晖班主任工作室", introduction="<p>以生涯教育为主线的中职班主任工作室。</p>")
    update = make_update(studio, "春晖工作室走进企业开展职业体验", summary="二十名学生走进汽修车间。")
    case = make_case(studio, "一次没有说教的班会", summary="班会从一张请假条说起。")
    return {"studio": studio, "update": update, "case": case}


@pytest.mark.parametrize(
    "name, summary",
    [
        ("studio", "以生涯教育为主线的中职班主任工作室。"),
        ("update", "二十名学生走进汽修车间。"),
        ("case", "班会从一张请假条说起。"),
    ],
)
def test_page_has_one_share_sheet_and_a_wechat_card(client, pages, name, summary):
    page = pages[name]
    html = client.get(page.url).content.decode()
    url = page.get_full_url()
    assert html.count('id="share"') == 1
    sheet = re.search(r'<section class="share-sheet.*?</section>', html, re.S).group(0)
    assert 'href="#share"' in html  # 分享 opens it
    assert "点击右上角“…”" in sheet
    assert f'value="{url}" readonly' in sheet
    assert html.count('class="share-qr"') == 1 and f'alt="本页二维码：{url}"' in sheet
    assert meta(html, "og:title") == page.title
    assert meta(html, "og:description") == summary
    assert meta(html, "og:image").startswith("http")
    assert meta(html, "og:url") == url
