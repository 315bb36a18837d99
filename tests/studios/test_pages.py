"""Studio and update pages: where they may live, and what a visitor sees on them."""

import copy
import datetime
from unittest import mock

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.choices import Direction, StudioLevel, WorkCarrier
from home.models import HomePage
from studios.models import StudioIndexPage, StudioPage, StudioUpdateGalleryImage, StudioUpdatePage
from tests import factories
from tests.factories import make_image, make_studio, make_update
from tests.fixtures.shared import built_once


class PageTreeRulesTests(WagtailPageTestCase):
    def test_directory_lives_once_below_the_home_page(self):
        self.assertAllowedParentPageTypes(StudioIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StudioIndexPage, {StudioPage})
        self.assertEqual(StudioIndexPage.max_count, 1)

    def test_studios_live_in_the_directory(self):
        self.assertAllowedParentPageTypes(StudioPage, {StudioIndexPage})
        self.assertCanCreateAt(StudioIndexPage, StudioPage)
        self.assertCanNotCreateAt(HomePage, StudioPage)
        self.assertCanNotCreateAt(StudioPage, StudioPage)

    def test_a_studio_holds_its_updates_cases_resources_and_handbooks(self):
        self.assertCanCreateAt(StudioPage, StudioUpdatePage)
        allowed = {model._meta.label for model in StudioPage.allowed_subpage_models()}
        assert allowed == {
            "studios.StudioUpdatePage",
            "cases.CasePage",
            "resources.ResourcePage",
            "resources.HandbookPage",
        }

    def test_updates_are_leaves_below_a_studio(self):
        self.assertAllowedParentPageTypes(StudioUpdatePage, {StudioPage})
        self.assertAllowedSubpageTypes(StudioUpdatePage, set())
        self.assertCanNotCreateAt(StudioIndexPage, StudioUpdatePage)
        self.assertCanNotCreateAt(Page, StudioUpdatePage)


@pytest.fixture(scope="module")
def shared_studio(django_db_setup, django_db_blocker):
    """The studio with its whole profile, built once for the module (tests/fixtures/shared.py):
    the tests read it and add their updates and images inside their own savepoint."""
    with built_once(django_db_blocker):
        yield build_studio()


@pytest.fixture
def studio(db, shared_studio):
    return copy.deepcopy(shared_studio)


def build_studio():
    factories.site_tree()
    host_photo = make_image("主持人照片", size=(120, 160))
    qr = make_image("公众号二维码", size=(100, 100), color=(0, 0, 0))
    studio = make_studio(
        "明德班主任工作室",
        school="遵义市职业技术学校",
        level=StudioLevel.PROVINCE,
        city="遵义市",
        direction_codes=(Direction.IDEOLOGY, Direction.FAMILY_SCHOOL),
        member_count=6,
        host_name="陈明德",
        host_title="高级讲师",
        host_years=15,
        host_honours="贵州省优秀班主任\n全国职业院校班主任能力比赛一等奖",
        host_photo=host_photo,
        introduction="<p>工作室立足中职学生成长需要，开展班级建设研究。</p>",
        philosophy="<p>明理厚德，知行合一。</p>",
        work_carriers=[WorkCarrier.CLASS_MEETING, WorkCarrier.EMOTION_SALON],
        carriers_note="每月一次“明德讲堂”。",
        wechat_account="明德班主任",
        wechat_qr=qr,
        video_account="明德育人",
        website="https://example.org/mingde",
        cycle_start_year=2024,
        cycle_years=3,
    )
    return studio


def test_studio_page_shows_its_whole_profile(client, studio):
    response = client.get("/studios/" + studio.slug + "/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "明德班主任工作室",
        "遵义市职业技术学校",
        "中职",
        "贵州省",
        "遵义市",
        "省级",
        "已立项（建设中）",
        "2024—2027",
        "名师工作室",
        "思想引领",
        "家校协同",
        "陈明德",
        "高级讲师",
        "担任班主任 15 年",
        "贵州省优秀班主任",
        "全国职业院校班主任能力比赛一等奖",
        "工作室立足中职学生成长需要",
        "明理厚德，知行合一。",
        "主题班会",
        "情感沙龙",
        "明德讲堂",
        "明德班主任",
        "明德育人",
        "https://example.org/mingde",
        "团队成员（6 人）",
        'alt="微信公众号二维码"',
        'alt="陈明德"',
    ]:
        assert text in html, text
    for member in studio.members.all():
        assert f'<th scope="row">{member.name}</th>' in html


def test_studio_page_lists_its_updates_newest_first_with_pages(client, studio):
    other = make_studio("别的工作室")
    make_update(other, "别家的动态", date=datetime.date(2026, 1, 1))
    start = datetime.date(2025, 1, 1)
    for n in range(StudioPage.UPDATES_PER_PAGE + 2):
        make_update(studio, f"第{n + 1:02d}次活动", date=start + datetime.timedelta(days=7 * n))
    make_update(studio, "未发布的动态", date=datetime.date(2026, 6, 1), publish=False)

    first = client.get(studio.url)
    shown = [update.title for update in first.context["updates_page"].object_list]
    assert shown[0] == "第12次活动"
    assert shown == sorted(shown, reverse=True)
    assert len(shown) == StudioPage.UPDATES_PER_PAGE
    html = first.content.decode()
    assert "别家的动态" not in html
    assert "未发布的动态" not in html
    assert 'href="?page=2#updates"' in html  # lands at the updates, not the top

    second = client.get(studio.url, {"page": 2})
    assert [u.title for u in second.context["updates_page"].object_list] == ["第02次活动", "第01次活动"]
    assert client.get(studio.url, {"page": "x"}).status_code == 200


def test_studio_page_without_updates_says_so(client, studio):
    html = client.get(studio.url).content.decode()
    assert "工作室还没有发布工作动态" in html
    # No empty sections for cases, handbooks or resources.
    assert "典型案例</h2>" not in html
    assert "资源</h2>" not in html


def test_update_page_shows_body_gallery_and_neighbours(client, studio):
    older = make_update(studio, "开学第一课", date=datetime.date(2025, 9, 1))
    update = make_update(
        studio,
        "家校共育专题研讨",
        date=datetime.date(2025, 10, 12),
        activity_kind=WorkCarrier.SEMINAR,
        summary="二十位家长走进校园，与班主任共商沟通办法。",
        cover=make_image("研讨现场"),
        body=[
            ("heading", {"text": "活动经过", "size": "h2"}),
            ("paragraph", "<p>研讨分为案例分享和分组讨论两个环节。</p>"),
        ],
    )
    StudioUpdateGalleryImage.objects.create(page=update, image=make_image("分组讨论"), caption="家长分组讨论")
    newer = make_update(studio, "读书交流会", date=datetime.date(2025, 11, 20))

    response = client.get(update.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "家校共育专题研讨",
        "2025年10月12日",
        "专题研讨",
        "二十位家长走进校园",
        "活动经过",
        "研讨分为案例分享和分组讨论两个环节。",
        "家长分组讨论",
        f'href="{studio.url}"',
        'aria-label="当前位置"',
    ]:
        assert text in html, text
    assert response.context["previous_update"].pk == older.pk
    assert response.context["next_update"].pk == newer.pk
    assert "开学第一课" in html
    assert "读书交流会" in html
    # The sidebar lists the studio's other updates, newest first, without this one.
    assert [u.title for u in response.context["more_updates"]] == ["读书交流会", "开学第一课"]


def test_every_studio_page_type_renders(client, studio):
    update = make_update(studio, "主题班会：青春与责任")
    for url in ["/studios/", studio.url, update.url]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<main" in response.content.decode()


def test_a_draft_studio_is_not_public(client, site_tree):
    draft = make_studio("尚未发布的工作室", publish=False)
    assert client.get(f"/studios/{draft.slug}/").status_code == 404


# Wagtail's helpers log in with the first authentication backend; django-axes' backend
# comes first (login throttling) but cannot load users, so they use Django's own here.
@mock.patch("wagtail.test.utils.page_tests.AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")
class EditorViewsTests(WagtailPageTestCase):
    """Editors can open and preview every page type (previews run get_context on unsaved data)."""

    @classmethod
    def setUpTestData(cls):
        factories.site_tree()
        cls.studio = make_studio("预览班主任工作室")
        cls.update = make_update(cls.studio, "预览用的工作动态")

    def test_pages_are_routable_renderable_editable_and_previewable(self):
        for page in [StudioIndexPage.objects.get(), self.studio]:
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertPageIsEditable(page)
            self.assertPageIsPreviewable(page)

    def test_updates_are_routable_renderable_editable_and_previewable(self):
        # The StreamField editor is drawn by JavaScript, so the form data is spelled out.
        data = nested_form_data(
            {
                "title": "预览用的工作动态（修改）",
                "slug": self.update.slug,
                "date": "2025-03-01",
                "activity_kind": WorkCarrier.READING,
                "summary": "读书交流会的摘要",
                "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
                "gallery_images": inline_formset([]),
                "activities": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        self.assertPageIsRoutable(self.update)
        self.assertPageIsRenderable(self.update)
        self.assertPageIsEditable(self.update, post_data=data)
        self.assertPageIsPreviewable(self.update, post_data=data)
