"""Full-page cache: anonymous visitors get cached pages, publishing shows the change at once."""

import copy

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from tests.factories import make_promotion, make_studio, make_update
from tests.factories import site_tree as build_site_tree
from tests.fixtures.shared import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_site_tree(django_db_setup, django_db_blocker):
    """The home page and the section index pages, built once for the module
    (tests/fixtures/shared.py) instead of once per test: about a third of a second each."""
    with built_once(django_db_blocker):
        yield build_site_tree()


@pytest.fixture
def site_tree(db, shared_site_tree):
    return copy.deepcopy(shared_site_tree)


def test_second_anonymous_request_is_a_hit(client, site_tree, page_cache):
    studio = make_studio("星火班主任工作室")
    first = client.get(studio.url)
    second = client.get(studio.url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "星火班主任工作室" in second.content.decode()


def test_cached_page_keeps_its_security_headers(client, site_tree, page_cache):
    studio = make_studio()
    client.get(studio.url)
    hit = client.get(studio.url)
    assert hit["X-Cache"] == "HIT"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


def test_head_request_is_answered_from_the_cache_without_a_body(client, site_tree, page_cache):
    studio = make_studio()
    client.get(studio.url)
    head = client.head(studio.url)
    assert head["X-Cache"] == "HIT"
    assert head.content == b""


def test_publishing_a_change_invalidates_every_cached_page(client, site_tree, page_cache):
    studio = make_studio("晨曦班主任工作室")
    client.get(studio.url)
    client.get("/studios/")
    assert client.get(studio.url)["X-Cache"] == "HIT"

    studio.title = "晨曦班主任名师工作室"
    studio.save_revision().publish()

    page = client.get(studio.url)
    assert page["X-Cache"] == "MISS"
    assert "晨曦班主任名师工作室" in page.content.decode()
    listing = client.get("/studios/")
    assert listing["X-Cache"] == "MISS"
    assert "晨曦班主任名师工作室" in listing.content.decode()


def test_a_saved_draft_keeps_the_cached_page(client, site_tree, page_cache):
    studio = make_studio("朝阳班主任工作室")
    client.get(studio.url)
    studio.title = "尚未发布的新名称"
    studio.save_revision()
    page = client.get(studio.url)
    assert page["X-Cache"] == "HIT"
    assert "尚未发布的新名称" not in page.content.decode()


def test_publishing_a_new_child_page_refreshes_its_parent(client, site_tree, page_cache):
    studio = make_studio()
    client.get(studio.url)
    make_update(studio, "开展主题班会观摩活动")
    page = client.get(studio.url)
    assert page["X-Cache"] == "MISS"
    assert "开展主题班会观摩活动" in page.content.decode()


def test_unpublishing_removes_the_page_at_once(client, site_tree, page_cache):
    studio = make_studio()
    update = make_update(studio, "即将撤回的动态")
    assert client.get(update.url).status_code == 200
    assert client.get(update.url)["X-Cache"] == "HIT"
    url = update.url
    update.unpublish()
    assert client.get(url).status_code == 404


def test_deleting_a_page_removes_it_at_once(client, site_tree, page_cache):
    studio = make_studio()
    update = make_update(studio, "将被删除的动态")
    url = update.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    update.delete()
    assert client.get(url).status_code == 404


def test_logged_in_users_never_get_cached_pages(client, site_tree, page_cache):
    studio = make_studio()
    client.get(studio.url)
    assert client.get(studio.url)["X-Cache"] == "HIT"
    user = get_user_model().objects.create_superuser("editor", "editor@example.cn", "pw-not-used")
    client.force_login(user)
    first = client.get(studio.url)
    second = client.get(studio.url)
    assert first["X-Cache"] == second["X-Cache"] == "BYPASS"


def test_the_cookie_of_a_logged_out_session_still_bypasses(client, site_tree, page_cache):
    studio = make_studio()
    client.cookies["sessionid"] = "something"
    assert client.get(studio.url)["X-Cache"] == "BYPASS"
    assert client.get(studio.url)["X-Cache"] == "BYPASS"


def test_private_pages_are_never_cached(client, site_tree, page_cache):
    studio = make_studio("内部交流工作室")
    PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.LOGIN)
    first = client.get(studio.url)
    assert first.status_code == 302
    assert "/login" in first["Location"] or "login" in first["Location"]
    user = get_user_model().objects.create_user("teacher", "t@example.cn", "pw-not-used")
    client.force_login(user)
    assert client.get(studio.url).status_code == 200
    client.logout()
    again = client.get(studio.url)
    assert again.status_code == 302
    assert "内部交流工作室" not in again.content.decode()


def test_password_protected_page_is_not_cached(client, site_tree, page_cache):
    studio = make_studio("口令工作室")
    PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.PASSWORD, password="abc123")
    first = client.get(studio.url)
    second = client.get(studio.url)
    assert second["X-Cache"] != "HIT"
    assert first.status_code == second.status_code == 200
    # the password form, never the studio's content
    assert "王老师" not in second.content.decode()
    assert 'name="password"' in second.content.decode()


def test_adding_a_view_restriction_invalidates(client, site_tree, page_cache):
    studio = make_studio()
    client.get(studio.url)
    assert client.get(studio.url)["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(studio.url).status_code == 302


def test_unknown_query_parameters_bypass_the_cache(client, site_tree, page_cache):
    client.get("/studios/?utm_source=wechat")
    assert client.get("/studios/?utm_source=wechat")["X-Cache"] == "BYPASS"
    client.get("/studios/?page=1")
    assert client.get("/studios/?page=1")["X-Cache"] == "HIT"


def test_admin_is_never_cached(client, site_tree, page_cache):
    client.get("/admin/login/")
    assert client.get("/admin/login/").get("X-Cache") != "HIT"


def test_cache_can_be_turned_off(client, site_tree, settings):
    settings.OPS_PAGE_CACHE_ENABLED = False
    studio = make_studio()
    client.get(studio.url)
    assert client.get(studio.url)["X-Cache"] == "BYPASS"


def test_each_server_process_sees_the_shared_cache_and_its_invalidation(site_tree, page_cache):
    """Two clients stand for two server processes, each with its own middleware and local copy."""
    from django.test import Client

    first_process, second_process = Client(), Client()
    studio = make_studio("共享缓存工作室")
    assert first_process.get(studio.url)["X-Cache"] == "MISS"
    assert second_process.get(studio.url)["X-Cache"] == "HIT"
    assert first_process.get(studio.url)["X-Cache"] == "HIT"

    studio.title = "共享缓存工作室（新）"
    studio.save_revision().publish()

    for process in (second_process, first_process):
        page = process.get(studio.url)
        assert "共享缓存工作室（新）" in page.content.decode()
    assert second_process.get(studio.url)["X-Cache"] == "HIT"


def test_local_copies_are_bounded_in_size():
    from ops.middleware import LocalEntries

    local = LocalEntries(max_bytes=1000)
    for n in range(10):
        local.put(f"page-{n}", (1, [], b"x" * 200))
    assert local.size <= 1000
    assert local.get("page-0", 1) is None
    assert local.get("page-9", 1) is not None
    assert local.get("page-9", 2) is None  # another generation: never served


def test_with_a_generation_ttl_the_publishing_process_still_sees_its_change_at_once(
    client, site_tree, page_cache, settings
):
    settings.OPS_PAGE_CACHE_GENERATION_TTL = 30
    studio = make_studio("缓存代数工作室")
    client.get(studio.url)
    assert client.get(studio.url)["X-Cache"] == "HIT"
    studio.title = "缓存代数工作室（改）"
    studio.save_revision().publish()
    page = client.get(studio.url)
    assert page["X-Cache"] == "MISS"
    assert "缓存代数工作室（改）" in page.content.decode()


def test_a_new_promotion_shows_its_badge_on_the_cached_page_at_once(client, site_tree, page_cache):
    from tests.cases.helpers import make_case

    case = make_case(make_studio(), "班级公约诞生记")
    client.get(case.url)
    assert "部级推介" not in client.get(case.url).content.decode()
    make_promotion(case, "ministry", 2025)
    page = client.get(case.url)
    assert page["X-Cache"] == "MISS"
    assert "部级推介" in page.content.decode()


def test_a_change_in_a_transaction_bumps_the_generation_again_when_it_commits(
    site_tree, page_cache, django_capture_on_commit_callbacks
):
    """A process reading the new generation before the commit would cache the old page under it."""
    from ops.pagecache import current_generation

    studio = make_studio("晨光班主任工作室")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_promotion(studio, "province", 2025)
    during = current_generation()
    for callback in callbacks:
        callback()
    assert current_generation() > during


# --- what a client can make the cache keep ------------------------------------------------------


def cached(client, url):
    """Whether ``url`` is kept: asked twice, the second answer comes from the cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    return client.get(url)["X-Cache"] == "HIT"


def test_only_canonical_parameter_values_are_kept(client, site_tree, page_cache):
    for url in ("/cases/?category=class-culture", "/cases/?page=1", "/cases/?year=2025", "/search/?q=班主任"):
        assert cached(client, url), url
    for url in (
        "/cases/?category=nonsense",  # no such category: the unfiltered library
        "/cases/?category=class-culture&category=emergency",
        "/cases/?page=01",
        "/cases/?page=7",  # past the last page: the last page
        "/cases/?year=02025",
        "/cases/?year=1800",
        "/search/?q=班主任%20",
        "/search/?q=%20班主任",
        "/search/?q=ＡＢＣ",  # full-width: the engines read it as abc
        "/search/?q=" + "班" * 51,
    ):
        assert not cached(client, url), url


def test_the_number_of_search_pages_kept_is_bounded(client, site_tree, page_cache, settings):
    settings.OPS_PAGE_CACHE_MAX_SEARCH_ENTRIES = 3
    kept = [cached(client, f"/search/?q=班主任{n}") for n in range(6)]
    assert kept == [True, True, True, False, False, False]
    assert cached(client, "/cases/?category=class-culture")  # listings are not counted
    make_studio("新的工作室")  # a new generation starts afresh
    assert cached(client, "/search/?q=班主任5")
