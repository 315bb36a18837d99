"""Short, stable links: pinyin slugs for Chinese titles, and old Chinese addresses redirected."""

from io import StringIO
from urllib.parse import quote

from django.core.management import call_command
from wagtail.models import Page

from cases.models import CasePage
from core.slugs import pinyin_slug
from tests.cases.helpers import make_case
from tests.factories import make_studio


def test_a_chinese_title_becomes_a_short_pinyin_slug():
    assert pinyin_slug("一段厨房里的视频") == "yi-duan-chu-fang-li-de-shi-pin"
    assert pinyin_slug("ABC班会2026") == "abc-ban-hui-2026"
    long_slug = pinyin_slug("2026年家长学校第一讲：青春期的孩子在想什么")
    assert long_slug.startswith("2026-nian-jia-zhang") and len(long_slug) <= 40 and not long_slug.endswith("-")


def test_a_page_saved_with_a_chinese_or_no_slug_gets_a_unique_pinyin_one(site_tree):
    studio = make_studio("启明班主任工作室", slug="qiming")
    first = make_case(studio, "班级公约诞生记", slug="班级公约诞生记")
    second = make_case(studio, "班级公约诞生记（续）", slug="班级公约诞生记")
    assert first.slug == "ban-ji-gong-yue-dan-sheng-ji"
    assert second.slug == "ban-ji-gong-yue-dan-sheng-ji-2"  # siblings never share an address
    assert first.url == "/studios/qiming/ban-ji-gong-yue-dan-sheng-ji/"
    assert make_case(studio, "英文地址保留", slug="kept-as-is").slug == "kept-as-is"


def test_the_command_converts_old_chinese_addresses_and_redirects_them(
    client, site_tree, django_capture_on_commit_callbacks
):
    studio = make_studio("启明班主任工作室", slug="qiming")
    case = make_case(studio, "深夜十点的家长群")
    # A case saved before pinyin slugs existed.
    old_path = "/studios/qiming/深夜十点的家长群/"
    Page.objects.filter(pk=case.pk).update(slug="深夜十点的家长群", url_path=f"/home{old_path}")
    assert client.get(quote(old_path)).status_code == 200

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records the redirect on commit
        call_command("pinyin_slugs", stdout=out)
    case = CasePage.objects.get(pk=case.pk)
    assert case.slug == "shen-ye-shi-dian-de-jia-zhang-qun"
    assert "共改为拼音地址 1 个页面" in out.getvalue()
    response = client.get(quote(old_path))
    assert response.status_code == 301
    assert response["Location"].endswith("/studios/qiming/shen-ye-shi-dian-de-jia-zhang-qun/")
    assert client.get(case.url).status_code == 200
    # The next publication keeps the new address.
    case.save_revision().publish()
    assert CasePage.objects.get(pk=case.pk).slug == "shen-ye-shi-dian-de-jia-zhang-qun"


def test_a_studio_without_a_slug_is_named_by_what_tells_it_apart(site_tree):
    from studios.models import StudioIndexPage, StudioPage

    studio = make_studio("杏林守望班主任工作室", slug="")
    assert studio.slug == "xing-lin-shou-wang"
    assert StudioPage.objects.get(pk=studio.pk).url == "/studios/xing-lin-shou-wang/"
    assert StudioIndexPage.objects.get().slug == "studios"


def test_demo_pages_loaded_with_english_addresses_move_to_pinyin_and_the_old_ones_redirect(
    client, site_tree, django_capture_on_commit_callbacks
):
    """A site that loaded the demo before pinyin addresses: loading it again moves the updates,
    resources and chapters to their pinyin addresses; the old addresses redirect."""
    from wagtail.contrib.redirects.models import Redirect

    from resources.demo import load_handbook
    from resources.demo_content import SHORT_HANDBOOK
    from resources.models import HandbookChapterPage
    from studios import demo as studio_demo
    from studios.models import StudioUpdatePage
    from tests.factories import make_update

    studio = make_studio("黔行班主任工作室", slug="qianxing")
    _studios, updates, _featured, _members = studio_demo.demo_data()
    data = updates["qianxing"][0]
    old = make_update(studio, data["title"], slug=data["was"])
    assert old.slug.isascii() and not old.slug.startswith(data["slug"][:8])

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records the redirect on commit
        assert studio_demo.ensure_update(studio, data, None) is False  # found, not created again
    moved = StudioUpdatePage.objects.get(pk=old.pk)
    assert moved.slug == data["slug"] == pinyin_slug(data["title"])
    assert StudioUpdatePage.objects.child_of(studio).count() == 1
    response = client.get(f"/studios/qianxing/{data['was']}/")
    assert response.status_code == 301 and response["Location"].endswith(f"/studios/qianxing/{moved.slug}/")

    load_handbook(SHORT_HANDBOOK, studio, StringIO())
    handbook = HandbookChapterPage.objects.first().get_parent()
    first = HandbookChapterPage.objects.child_of(handbook).first()
    assert first.slug == "di-1-zhang"
    change_back = HandbookChapterPage.objects.get(pk=first.pk)
    change_back.slug = "chapter-1"
    change_back.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert load_handbook(SHORT_HANDBOOK, studio, StringIO()) == 0
    assert HandbookChapterPage.objects.get(pk=first.pk).slug == "di-1-zhang"
    assert Redirect.objects.filter(old_path__endswith="/chapter-1").exists()
