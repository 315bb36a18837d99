import copy
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from core.choices import HandbookTopic
from resources.models import HandbookPage
from tests.factories import make_studio, site_tree
from tests.fixtures.shared import built_once

from .factories import heading, make_chapter, make_handbook, paragraph

pytestmark = pytest.mark.django_db


class Anchors(HTMLParser):
    """Collects element ids, heading ids and link targets of a page."""

    def __init__(self):
        super().__init__()
        self.ids = []
        self.headings = []  # (tag, id)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag in {"h2", "h3", "h4", "h5"} and "block-heading" in (attrs.get("class") or ""):
            self.headings.append((tag, attrs.get("id")))
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def parse(response):
    assert response.status_code == 200
    parser = Anchors()
    parser.feed(response.content.decode())
    return parser


CHAPTER_ONE = [
    heading("一、班级基本情况"),
    paragraph("<p>全班四十二人，其中住校生三十人。</p>"),
    heading("学生来源", "h3"),
    paragraph("<p>来自六个县区。</p>"),
    heading("学习基础", "h3"),
    heading("二、问题与对策"),
    heading("学习基础", "h3"),  # the same text twice must still get two anchors
    heading("个别谈话记录", "h4"),
]
CHAPTER_TWO = [
    heading("一、班级基本情况"),
    paragraph("<p>与第一章同名的小标题。</p>"),
    heading("制度清单", "h3"),
    ("table", {"first_row_is_table_header": True, "data": [["项目", "责任人"], ["教室卫生", "值日小组"]]}),
]
CHAPTER_THREE = [paragraph("<p>没有小标题的一章。</p>")]


@pytest.fixture(scope="class")
def shared_handbook(django_db_setup, django_db_blocker):
    """The handbook built once for ``TestOneHandbook`` (tests/fixtures/shared.py); class-scoped, so
    it is gone again for the index test after it, which counts every handbook."""
    with built_once(django_db_blocker):
        yield build_handbook()


@pytest.fixture
def handbook(db, shared_handbook):
    return copy.deepcopy(shared_handbook)


def build_handbook():
    site_tree()
    studio = make_studio("明德班主任工作室")
    return make_handbook(
        studio,
        "新班主任工作手册",
        topics=[HandbookTopic.CLASS_ANALYSIS, HandbookTopic.CLASS_MANAGEMENT],
        chapters=[("班情分析", CHAPTER_ONE), ("班级管理", CHAPTER_TWO), ("家校共育", CHAPTER_THREE)],
    )


def chapters_of(handbook):
    return list(handbook.chapters())


class TestOneHandbook:
    """The tests of the three-chapter ``handbook``, built once for the class; what a test edits
    (a chapter republished or unpublished, a draft added) is undone by its own savepoint."""

    def test_every_heading_of_a_chapter_gets_a_unique_anchor_in_the_html(self, client, handbook):
        chapter = chapters_of(handbook)[0]
        page = parse(client.get(chapter.url))

        heading_count = sum(1 for block in chapter.body if block.block_type == "heading")
        assert len(page.headings) == heading_count
        anchors = [anchor for _tag, anchor in page.headings]
        assert all(anchors), page.headings
        assert len(set(anchors)) == len(anchors)
        assert len(set(page.ids)) == len(page.ids), "ids must be unique on the page"
        for anchor in anchors:
            assert re.fullmatch(r"sec-1(-\d+)+", anchor)
        # The chapter's own table of contents links to every heading.
        in_page = [href[1:] for href in page.hrefs if href.startswith("#sec-")]
        assert sorted(in_page) == sorted(anchors)

    def test_anchor_levels_follow_the_heading_levels(self, client, handbook):
        page = parse(client.get(chapters_of(handbook)[0].url))
        assert page.headings == [
            ("h2", "sec-1-1"),
            ("h3", "sec-1-1-1"),
            ("h3", "sec-1-1-2"),
            ("h2", "sec-1-2"),
            ("h3", "sec-1-2-1"),
            ("h4", "sec-1-2-1-1"),
        ]

    def test_anchors_are_stable_across_renders_and_edits_after_them(self, client, handbook):
        chapter = chapters_of(handbook)[0]
        first = parse(client.get(chapter.url)).headings
        chapter.body.append(("paragraph", "<p>新增一段结尾。</p>"))
        chapter.body.append(("heading", {"text": "三、补充说明", "size": "h2"}))
        chapter.save_revision().publish()
        second = parse(client.get(chapter.url)).headings
        assert second[: len(first)] == first
        assert second[-1] == ("h2", "sec-1-3")

    def test_handbook_toc_links_to_chapter_sections_that_exist(self, client, handbook):
        page = parse(client.get(handbook.url))
        chapters = chapters_of(handbook)
        for number, chapter in enumerate(chapters, start=1):
            assert chapter.url in page.hrefs
            chapter_page = parse(client.get(chapter.url))
            chapter_anchors = {anchor for _tag, anchor in chapter_page.headings}
            toc_links = {href.split("#", 1)[1] for href in page.hrefs if href.startswith(chapter.url + "#")}
            assert toc_links == chapter_anchors
            if chapter_anchors:
                assert all(anchor.startswith(f"sec-{number}-") for anchor in chapter_anchors)

    def test_whole_handbook_page_has_every_chapter_with_unique_anchors(self, client, handbook):
        response = client.get(handbook.full_url)
        page = parse(response)
        html = response.content.decode()
        for chapter in chapters_of(handbook):
            assert chapter.title in html
        assert "与第一章同名的小标题" in html
        assert len(set(page.ids)) == len(page.ids)
        # Same heading text in chapters 1 and 2, different anchors.
        assert "sec-1-1" in page.ids and "sec-2-1" in page.ids
        in_page = [href[1:] for href in page.hrefs if href.startswith("#") and len(href) > 1]
        assert in_page and set(in_page) <= set(page.ids)
        assert {"ch-1", "ch-2", "ch-3"} <= set(page.ids)
        assert "window.print()" in html
        assert "resources/handbook.css" in html

    def test_chapter_navigation_previous_next_and_back(self, client, handbook):
        first, second, third = chapters_of(handbook)
        page = parse(client.get(second.url))
        html = client.get(second.url).content.decode()
        assert first.url in page.hrefs and third.url in page.hrefs and handbook.url in page.hrefs
        assert 'rel="prev"' in html and 'rel="next"' in html
        assert "第2章 班级管理" in html

        first_html = client.get(first.url).content.decode()
        assert 'rel="prev"' not in first_html and 'rel="next"' in first_html
        last_html = client.get(third.url).content.decode()
        assert 'rel="next"' not in last_html and 'rel="prev"' in last_html

    def test_unpublished_chapter_is_left_out_of_numbering_and_navigation(self, client, handbook):
        first, second, third = chapters_of(handbook)
        draft = make_chapter(handbook, "草稿章节", [heading("未完成")], publish=False)
        second.unpublish()
        html = client.get(third.url).content.decode()
        assert "第2章 家校共育" in html
        assert f'href="{first.url}" rel="prev"' in html
        assert "草稿章节" not in html
        toc_html = client.get(handbook.url).content.decode()
        assert f'href="{second.url}"' not in toc_html and draft.title not in toc_html
        assert f'href="{third.url}">第2章 家校共育' in toc_html

    def test_index_shows_chapter_counts(self, client, handbook):
        make_chapter(handbook, "草稿", [], publish=False)
        html = client.get("/handbooks/").content.decode()
        assert "共 3 章" in html

    def test_studio_handbooks_include_lists_the_studio_handbooks(self, handbook, site_tree):
        other = make_studio("另一个工作室")
        make_handbook(other, "别人的手册")
        template = Template('{% include "resources/includes/studio_handbooks.html" %}')
        html = template.render(Context({"studio": handbook.studio}))
        assert handbook.title in html and "别人的手册" not in html

    def test_chapter_tables_show_their_cells(self, client, handbook):
        html = client.get(chapters_of(handbook)[1].url).content.decode()
        assert '<th scope="col">责任人</th>' in html and "<td>值日小组</td>" in html


def test_print_stylesheet_hides_navigation():
    from django.contrib.staticfiles import finders

    with open(finders.find("resources/handbook.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    print_rules = css[css.index("@media print") :]
    for selector in (".site-header", ".breadcrumbs", 'nav[aria-label="章节导航"]'):
        assert selector in print_rules


def test_handbook_needs_a_topic():
    handbook = HandbookPage(title="无主题手册", slug="no-topic")
    with pytest.raises(ValidationError) as error:
        handbook.full_clean()
    assert "请至少选择一个手册主题。" in str(error.value)


def test_index_topic_counts_equal_database_counts(client, site_tree):
    studio = make_studio()
    make_handbook(studio, "手册甲", topics=[HandbookTopic.CLASS_ANALYSIS, HandbookTopic.EVALUATION])
    make_handbook(studio, "手册乙", topics=[HandbookTopic.EVALUATION])
    make_handbook(studio, "草稿手册", topics=[HandbookTopic.EVALUATION], publish=False)
    response = client.get("/handbooks/")
    assert response.status_code == 200
    topic_group = next(group for group in response.context["facets"] if group.name == "topic")
    for option in topic_group.options:
        expected = HandbookPage.objects.live().filter(topics__code=option.value).count()
        assert option.count == expected, option.label
    assert response.context["result_count"] == 2

    filtered = client.get("/handbooks/", {"topic": HandbookTopic.CLASS_ANALYSIS})
    assert [h.title for h in filtered.context["page_obj"].object_list] == ["手册甲"]
    for bad in ("不存在", "'; drop table", ""):
        response = client.get("/handbooks/", {"topic": bad, "studio": "abc", "page": "x"})
        assert response.status_code == 200
        assert response.context["result_count"] == 2
