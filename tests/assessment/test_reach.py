"""Reach (辐射带动) on /stats/ for the whole platform, and the public summary of a studio's
ledger outputs on its page: published, unrestricted content only; nothing private."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from assessment.models import Activity, AnnualPlan, MemberArchive
from tests.factories import make_studio, make_update
from tests.promotions.helpers import make_case

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def activity(studio, date, people, schools, provinces="", *, kind="training", public=False, update=None, **fields):
    return Activity.objects.create(
        studio=studio,
        title=f"{studio.title}的活动",
        kind=kind,
        date=date,
        participants=people,
        schools_reached=schools,
        provinces=provinces,
        is_public=public,
        update_page=update,
        **fields,
    )


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def year_row(html, year):
    """The cells of ``year``'s row in /stats/'s reach table, as text."""
    table = html[html.index('class="data-table data-table--stack reach__years"') :]
    table = table[: table.index("</table>")]
    row = re.search(rf"<tr>\s*<th scope=\"row\">{year} 年</th>(.*?)</tr>", table, re.S)
    return text(row.group(1)).split() if row else None


def test_stats_shows_the_platforms_reach_by_year_from_published_studios_and_updates(client, world):
    assert 'id="site-reach"' not in client.get("/stats/").content.decode()
    activity(world.studio_a, datetime.date(2025, 4, 1), 80, 12, "贵州、云南", public=True)
    activity(world.studio_c, datetime.date(2025, 9, 9), 40, 6)  # no provinces typed: the studio's own (四川)
    activity(world.studio_b, datetime.date(2026, 5, 9), 15, 2, kind="competition", competition_level="city")
    hidden = make_studio("未发布的工作室", publish=False)
    activity(hidden, datetime.date(2025, 5, 1), 999, 99)
    draft = make_update(world.studio_a, "尚未发布的动态", publish=False)
    activity(world.studio_a, datetime.date(2025, 6, 1), 500, 50, update=draft)
    report = make_update(world.studio_b, "已发布的动态")
    activity(world.studio_b, datetime.date(2026, 6, 1), 30, 3, "贵州省、重庆", update=report, public=True)

    html = client.get("/stats/").content.decode()
    assert 'id="site-reach"' in html
    # 年度 | 活动 | 参与人次 | 覆盖学校 | 覆盖省份 | 面向公众: neither the unpublished studio nor the draft counts.
    assert year_row(html, 2025) == ["2", "次", "120", "人次", "18", "校次", "3", "个", "1", "次"]
    assert year_row(html, 2026) == ["2", "次", "45", "人次", "5", "校次", "2", "个", "1", "次"]
    assert year_row(html, 2024) is None
    page = text(html)
    assert "参与人次 165" in page and "覆盖省份 4" in page
    assert "其中班主任能力比赛 1 项" in page
    assert "2025 年：120；2026 年：45；" in page  # the participants chart and its table
    assert "专项培训：3；班主任能力比赛：1；" in page
    assert "贵州省：3；" in page and "四川省：1；" in page and "重庆市：1；" in page
    assert "999" not in page and "未发布的工作室" not in page


def test_the_reach_table_reads_as_cards_and_the_charts_as_tables_on_a_phone(client, world):
    activity(world.studio_a, datetime.date(2025, 4, 1), 80, 12)
    html = client.get("/stats/").content.decode()
    section = html[html.index('id="site-reach"') :]
    # Every cell names its column (data-label), so the stacked cards read without the header …
    assert '<td data-label="参与">80 人次</td>' in section
    # … and each chart carries its data table, shown in its place below 600 px.
    assert section.count('<table class="stats-table">') == 3
    css = client.get("/static/css/site.css")
    body = b"".join(css.streaming_content) if css.streaming else css.content
    assert b".data-table--stack td[data-label]::before" in body


def test_a_studio_page_sums_up_this_years_published_outputs_by_kind(client, world):
    page = client.get(world.studio_a.url).content.decode()
    assert 'id="outputs"' not in page
    make_update(world.studio_a, "春晖工作室新学期教研会", date=datetime.date(YEAR, 3, 1))
    make_update(world.studio_a, "春晖工作室主题班会示范课", date=datetime.date(YEAR, 4, 1))
    make_update(world.studio_a, "尚未发布的动态", publish=False)
    restricted = make_update(world.studio_a, "只给登录用户看的动态")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    make_case(world.studio_a, "班级公约的三次修订")
    make_update(world.studio_b, "明德工作室的动态")
    AnnualPlan.objects.create(studio=world.studio_a, year=YEAR, goals="只写给工作室和审核人员的年度目标")
    MemberArchive.objects.create(studio=world.studio_a, member_name="成员1", wishes="只给本人看的发展诉求")

    page = text(client.get(world.studio_a.url).content.decode())
    assert f"{YEAR} 年建设成果" in page
    assert "工作动态 2" in page and "典型案例 1" in page
    assert "工作动态 3" not in page  # neither the draft nor the restricted update
    assert "只写给工作室和审核人员的年度目标" not in page and "只给本人看的发展诉求" not in page
