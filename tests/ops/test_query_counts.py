"""The SQL query count of every public page type, fixed.

Each listing below shows several studios, updates, cases, handbooks and resources, so a
query per listed item (N+1) would change the count. The count is taken on the second
request (the first fills Wagtail's site-root cache, the renditions and a case page's cached
previous/next and related links, which tests/cases/test_library_links.py counts on their
own, and the studio page's sections, tests/ops/test_fragments.py), with the full-page cache off as it is for any visitor's first view of a page. When a
change to a page legitimately adds a query, update the number here in the same commit and
say why. Every page reads the 平台信息 site setting for its header and footer (one query);
the home page also lists the latest 通知公告 (one query).
"""

import pytest
from django.core.cache import cache
from wagtail.rich_text import RichText

from core.choices import CaseCategory, Direction, ResourceType
from tests.cases.helpers import make_case
from tests.factories import make_image, make_promotion, make_studio, make_update
from tests.resources.factories import heading, make_chapter, make_handbook, make_resource, paragraph

pytestmark = pytest.mark.django_db

STUDIOS = 3

EXPECTED = {
    "home": 16,  # … + the promoted results: promotions with their pages, then one query per page type (2)
    "studio_directory": 14,
    # This year's outputs, the reach charts, cases, handbooks and resources come from the studio's fragment
    # cache (ops.pagecache.fragment_version: one read of the versions, one of the fragment); 30 before.
    "studio": 15,
    "update": 13,
    "case_library": 17,
    "case": 12,
    "handbook_library": 14,
    "handbook": 10,
    "chapter": 12,
    "resource_library": 15,
    "resource": 13,
    "search": 5,  # the index generation (each word's ids are kept for it), rank features, the documents, the site
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
    for name, expected in EXPECTED.items():
        with subtests.test(page_type=name):
            url = _url(name, site)
            cache.clear()
            first = client.get(url)
            assert first.status_code == 200, f"{url} → {first.status_code}"
            with django_assert_num_queries(expected):
                response = client.get(url)
            assert response.status_code == 200
            if name == "home":  # the promoted results are on the page (not an empty section)
                assert "全国推广" in response.content.decode()
