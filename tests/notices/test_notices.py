"""通知公告 and 政策文件: the column at /notices/, a notice's page, the home strip, the feed and search."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from core.choices import NoticeKind
from notices.models import NoticeIndexPage, NoticePage
from search import sync
from search.service import search


def make_notice(title, *, kind=NoticeKind.NOTICE, date=datetime.date(2026, 9, 1), publish=True, **fields):
    index = NoticeIndexPage.objects.get()
    notice = NoticePage(
        title=title,
        slug=fields.pop("slug", f"notice-{NoticePage.objects.count() + 1}"),
        kind=kind,
        date=date,
        issuer=fields.pop("issuer", "某省教育厅"),
        body=fields.pop("body", "<p>各有关学校：现将有关事项通知如下。</p>"),
        live=publish,
        **fields,
    )
    index.add_child(instance=notice)
    if publish:
        notice.save_revision().publish()
    else:
        notice.save_revision()
    return notice


@pytest.fixture
def notices(site_tree):
    return [
        make_notice(
            "关于征集班主任工作典型案例的通知", date=datetime.date(2026, 9, 1), document_number="某教函〔2026〕8号"
        ),
        make_notice("班主任工作室建设基本要求", kind=NoticeKind.POLICY, date=datetime.date(2025, 3, 10)),
        make_notice("关于公布省级推介名单的公告", date=datetime.date(2026, 7, 15)),
        make_notice("尚未发布的通知", publish=False),
    ]


def titles(response):
    return [notice.title for notice in response.context["page_obj"].object_list]


def test_the_column_lists_published_notices_newest_first_with_filters(client, notices):
    response = client.get("/notices/")
    assert response.status_code == 200
    assert titles(response) == [
        "关于征集班主任工作典型案例的通知",
        "关于公布省级推介名单的公告",
        "班主任工作室建设基本要求",
    ]
    assert "尚未发布的通知" not in response.content.decode()
    assert titles(client.get("/notices/", {"kind": NoticeKind.POLICY})) == ["班主任工作室建设基本要求"]
    assert titles(client.get("/notices/", {"year": "2026"}))[-1] == "关于公布省级推介名单的公告"
    assert len(titles(client.get("/notices/", {"kind": "nonsense"}))) == 3


def test_a_notice_shows_its_date_issuer_and_number_before_the_text(client, notices):
    html = client.get(notices[0].url).content.decode()
    header = html[html.index('id="notice-title"') : html.index("data-reading-body")]
    assert "某省教育厅" in header and "某教函〔2026〕8号" in header and "2026年9月1日" in header
    assert "现将有关事项通知如下" in html
    assert client.get(notices[3].url or "/notices/nonexistent/").status_code == 404


def test_the_home_page_shows_the_latest_notices(client, notices):
    html = client.get("/").content.decode()
    strip = html[html.index('id="notices-title"') :]
    assert strip.index("关于征集班主任工作典型案例的通知") < strip.index("关于公布省级推介名单的公告")
    assert "尚未发布的通知" not in html


def test_the_home_page_has_no_empty_notice_strip(client, site_tree):
    assert 'id="notices-title"' not in client.get("/").content.decode()


def test_the_feed_lists_the_notices(client, notices):
    response = client.get("/feeds/notices/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title").endswith("· 通知公告")
    items = [item.findtext("title") for item in channel.findall("item")]
    assert items == ["关于征集班主任工作典型案例的通知", "关于公布省级推介名单的公告", "班主任工作室建设基本要求"]


def test_notices_are_found_by_site_search_as_their_own_type(notices):
    sync.rebuild()
    response = search("典型案例征集", {}, 1, 10)
    notice_results = [r for r in response.results if r.document.type == "notice"]
    assert [r.document.title for r in notice_results][:1] == ["关于征集班主任工作典型案例的通知"]
    assert notice_results[0].type_label == "通知公告"
    only_notices = search("通知", {"type": "notice"}, 1, 10)
    # Every published notice says 通知 in its text; the draft is not indexed.
    assert {r.document.title for r in only_notices.results} == {n.title for n in notices[:3]}
