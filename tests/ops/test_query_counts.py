"""The SQL query count of every public page type, fixed, with the full-page cache off as it is
for any visitor's first view of a page.

Each listing below shows several studios, updates, cases, handbooks and resources, so a
query per listed item (N+1) would change the count. Two counts per page: *rendered*, the
request after a change (every fragment rendered afresh: the N+1 guard), and *kept*, the
next one (the fragments kept, ops.pagecache.fragment_version). Both are taken after a first
request, which fills Wagtail's site-root cache and the renditions. When a change to a page
legitimately adds a query, update the number here in the same commit and say why. Every page
reads the 平台信息 site setting for its header and footer (one query); the home page also
lists the latest 通知公告 (one query).
"""

import pytest
from django.core.cache import cache
from wagtail.rich_text import RichText

from core.choices import CaseCategory, Direction, ResourceType
from tests.cases.helpers import make_case
from tests.factories import make_image, make_promotion, make_studio, make_update, render_afresh
from tests.resources.factories import heading, make_chapter, make_handbook, make_resource, paragraph

pytestmark = pytest.mark.django_db

STUDIOS = 3

EXPECTED = {  # page type: (rendered, kept): queries of the full render after a change, then of the next view
    # Every page: the site, its home page, the view restrictions and the 平台信息 setting are read once per
    # change and process (ops.sitecontext.SiteContextMiddleware), then kept. The home page's sections
    # (… the promoted results: promotions with their pages, then one query per page type) are kept whole.
    "home": (16, 0),
    # Listings: the results, their count and the facet counts are kept in the listing's fragment; left
    # are the page's route (the pages on its path, its specific row).
    "studio_directory": (14, 3),
    # The whole profile is kept (ops.pagecache.fragment_version) per page of updates: their count.
    "studio": (31, 3),
    "update": (13, 9),
    "case_library": (17, 3),
    # The case, its attachments, previous/next and related cases are kept in the case's fragment, the
    # share metadata (its image, the studio's feed link) per generation (outreach_tags.outreach_head).
    "case": (17, 2),
    "handbook_library": (14, 3),
    "handbook": (10, 6),
    "chapter": (12, 8),
    "resource_library": (15, 3),
    "resource": (13, 9),
    "search": (6, 3),  # the index generation (each word's ids are kept for it), rank features, the documents
}


@pytest.fixture
def site(site_tree):
    """Three studios, each with updates (with images), cases, a handbook and resources."""
    pages = {}
    for n in range(STUDIOS):
        studio = make_studio(
            f"第{n + 1}班主任工作室",
            direction_codes=(Direction.CLASS_MANAGEMENT, Direction.MENTAL_HEALTH),
            host_photo=make_image(f"主持人照片{n}"),
        )
        for k in range(2):
            pages["update"] = make_update(
                studio,
                f"班主任工作动态{n}-{k}",
                cover=make_image(f"动态封面{n}-{k}"),
                body=[("paragraph", RichText("<p>开展班级文化建设研讨活动。</p>"))],
            )
            pages["case"] = make_case(
                studio,
                f"班主任典型案例{n}-{k}",
                category=CaseCategory.CLASS_CULTURE,
                direction_codes=(Direction.CLASS_MANAGEMENT, Direction.MENTAL_HEALTH),
                cover=make_image(f"案例封面{n}-{k}"),
            )
            pages["resource"] = make_resource(
                studio,
                f"班主任工作资源{n}-{k}",
                resource_type=ResourceType.CLASS_PLAN,
                direction_codes=(Direction.CLASS_MANAGEMENT, Direction.MENTAL_HEALTH),
            )
        handbook = make_handbook(studio, f"班主任工作手册{n}")
        for k in range(3):
            pages["chapter"] = make_chapter(
                handbook, f"第{k + 1}章", [heading(f"小节{k}"), paragraph(RichText("<p>班主任工作要点。</p>"))]
            )
        pages["handbook"] = handbook
        pages["studio"] = studio
    # Ministry-level promotions of two page types: the home page's promoted results.
    make_promotion(pages["case"], "ministry", 2025, note="全国推广")
    make_promotion(pages["studio"], "ministry", 2024)
    return pages


def _url(name, site):
    fixed = {
        "home": "/",
        "studio_directory": "/studios/",
        "case_library": "/cases/",
        "handbook_library": "/handbooks/",
        "resource_library": "/resources/",
        "search": "/search/?q=班主任",
    }
    return fixed.get(name) or site[name].url


def test_query_count_of_each_public_page_type(site, client, django_assert_num_queries, subtests):
    # One site for every page type (building it is most of the cost); one subtest each.
    for name, (rendered, kept) in EXPECTED.items():
        with subtests.test(page_type=name):
            url = _url(name, site)
            cache.clear()
            first = client.get(url)
            assert first.status_code == 200, f"{url} → {first.status_code}"
            render_afresh()  # as after a change: the whole page is rendered
            with django_assert_num_queries(rendered):
                response = client.get(url)
            assert response.status_code == 200
            if name == "home":  # the promoted results are on the page (not an empty section)
                assert "全国推广" in response.content.decode()
            with django_assert_num_queries(kept):
                again = client.get(url)
            assert again.content == response.content
