"""Redis down: every public page still renders (uncached), and /healthz says ``degraded``."""

import socket

import pytest
from django.core.cache import cache

from tests.cases.helpers import make_case
from tests.factories import make_studio, make_update

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {"BACKEND": "ops.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{closed_port()}/7"}
    }
    settings.OPS_PAGE_CACHE_ENABLED = True


@pytest.fixture
def pages(site_tree):
    studio = make_studio("晨曦班主任工作室")
    return {
        "studio": studio,
        "update": make_update(studio, "晨曦工作室主题班会"),
        "case": make_case(studio, "班级公约诞生记"),
        "other_case": make_case(studio, "宿舍矛盾化解记"),
    }


def test_every_public_page_renders_while_the_cache_is_unreachable(client, pages, redis_down):
    urls = ["/", "/studios/", "/cases/", "/cases/?category=class-culture", "/search/?q=班级", "/promoted/"]
    urls += [page.url for page in pages.values()]
    for url in urls:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Cache") in (None, "BYPASS"), url  # served, never kept
    assert "宿舍矛盾化解记" in client.get(pages["case"].url).content.decode()  # the related cases


def test_publishing_works_while_the_cache_is_unreachable(client, pages, redis_down):
    case = pages["case"]
    case.title = "班级公约诞生记（修订）"
    case.save_revision().publish()
    assert "班级公约诞生记（修订）" in client.get(case.url).content.decode()


def test_healthz_says_degraded_and_which_dependency_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["cache"]["ok"] is False
    assert body["cache"]["backend"] == "RedisCache"
    assert body["database"]["ok"] is True
    assert body["search"]["ok"] is True


def test_a_bump_lost_in_an_outage_is_made_once_the_cache_is_back(settings):
    from ops import pagecache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert pagecache.bump_generation() is None  # nothing could be stored
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.set(pagecache.GENERATION_KEY, 41, None)  # what the cache held before the outage
    assert pagecache.cached_generation(cache) != 41
