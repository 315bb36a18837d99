"""Short, stable links: pinyin slugs for Chinese titles, and old Chinese addresses redirected."""

from io import StringIO
from urllib.parse import quote

from django.core.management import call_command
from wagtail.models import Page

from cases.models import CasePage
from home.slugs import pinyin_slug
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
