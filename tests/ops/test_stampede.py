"""No stampede after a publish: a burst of requests for a page that went stale renders it once.

Each thread stands for a server worker (its own test client, its own database connection),
all sharing the cache backend: the test settings' locmem cache and, when one answers on
127.0.0.1:6379, Redis as in production (under a key prefix of its own, never cleared whole).
"""

import threading
import time
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory

from home.models import HomePage
from ops import pagecache
from tests.factories import make_studio

# Threads need committed rows, so these tests commit and the database is flushed after each: like the
# backup tests, scripts/test.sh runs this file in a process of its own (a flush would take the data
# migrations' rows, such as the 建设标准, from the tests that follow on the same worker), and the
# migrated contents come back for each test (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BURST = 8
RENDER_SECONDS = 0.4  # long enough that every request of the burst arrives during the render


def _redis_available():
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.3):
            return True
    except OSError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    settings.OPS_PAGE_CACHE_ENABLED = True
    if request.param == "redis":
        if not _redis_available():
            pytest.skip("没有可用的 Redis（127.0.0.1:6379）")
        prefix = f"test-stampede-{uuid.uuid4().hex[:12]}"
        settings.CACHES = {
            "default": {"BACKEND": "ops.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0", "KEY_PREFIX": prefix}
        }
        yield caches["default"]
        client = caches["default"]._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


@pytest.fixture
def counted_home_renders(monkeypatch):
    """Count the home page's renders (every thread's), each made slow enough to overlap."""
    renders = []
    lock = threading.Lock()
    original = HomePage.serve

    def serve(self, request, *args, **kwargs):
        with lock:
            renders.append(time.monotonic())
        time.sleep(RENDER_SECONDS)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "serve", serve)
    return renders


def burst(url, count=BURST):
    """``count`` concurrent anonymous GETs of ``url``; their (X-Cache, body) in arrival order."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(n):
        try:
            barrier.wait()
            response = Client().get(url)
            results[n] = (response.status_code, response.get("X-Cache"), response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(result is not None for result in results), "a request of the burst did not finish"
    return results


def publish_intro(text):
    home = HomePage.objects.get()
    home.intro = text
    home.save_revision().publish()


def test_a_burst_after_a_publish_renders_the_home_page_once(site_tree, shared_cache, counted_home_renders):
    publish_intro("旧导语：汇聚班主任工作室的实践成果")
    first = Client().get("/")
    assert first["X-Cache"] == "MISS"
    assert Client().get("/")["X-Cache"] == "HIT"
    counted_home_renders.clear()

    publish_intro("新导语：部级推介案例今日发布")
    results = burst("/")

    assert len(counted_home_renders) == 1  # before: one render per request of the burst
    assert all(status == 200 for status, _, _ in results)
    states = sorted(state for _, state, _ in results)
    assert states.count("MISS") == 1
    assert set(states) <= {"MISS", "STALE", "HIT"}
    for _, state, body in results:
        if state == "STALE":  # the previous page, served only while the new one was rendered
            assert "旧导语" in body
        else:
            assert "新导语" in body
    # The refresh is done: every later request sees the published change, from the cache.
    after = [Client().get("/") for _ in range(3)]
    assert [r["X-Cache"] for r in after] == ["HIT"] * 3
    assert all("新导语：部级推介案例今日发布" in r.content.decode() for r in after)
    assert len(counted_home_renders) == 1


def test_a_burst_on_an_empty_cache_waits_for_one_render(site_tree, shared_cache, counted_home_renders):
    publish_intro("首次访问：汇聚班主任工作室的实践成果")
    results = burst("/", count=6)
    assert len(counted_home_renders) == 1
    assert sorted(state for _, state, _ in results) == ["HIT"] * 5 + ["MISS"]
    assert all(status == 200 and "首次访问" in body for status, _, body in results)


def _hold_render_lock(cache, url):
    """Stand for another worker that is re-rendering ``url`` for the current generation."""
    request = RequestFactory().get(url)  # the same scheme and host as the test client's
    lock = pagecache.RenderLock(cache, pagecache.entry_key(request), pagecache.current_generation(cache))
    assert lock.acquire()
    return lock


def test_while_another_worker_renders_the_previous_page_is_served_stale(site_tree, shared_cache, settings):
    settings.OPS_PAGE_CACHE_STALE_HOLD = 0  # the stale copy is not held past the render (see the next test)
    studio = make_studio("春晖班主任工作室")
    client = Client()
    client.get(studio.url)
    assert client.get(studio.url)["X-Cache"] == "HIT"
    studio.title = "春晖班主任名师工作室"
    studio.save_revision().publish()

    lock = _hold_render_lock(shared_cache, studio.url)
    stale = client.get(studio.url)
    assert stale["X-Cache"] == "STALE"
    assert "春晖班主任工作室" in stale.content.decode()
    lock.release()

    fresh = client.get(studio.url)
    assert fresh["X-Cache"] == "MISS"
    assert "春晖班主任名师工作室" in fresh.content.decode()


def test_while_the_render_lasts_a_worker_serves_its_stale_copy_without_asking_the_cache(
    site_tree, shared_cache, settings, monkeypatch
):
    settings.OPS_PAGE_CACHE_STALE_HOLD = 60  # longer than the test
    studio = make_studio("春晖班主任工作室")
    client = Client()
    client.get(studio.url)
    studio.title = "春晖班主任名师工作室"
    studio.save_revision().publish()
    lock = _hold_render_lock(shared_cache, studio.url)
    try:
        assert client.get(studio.url)["X-Cache"] == "STALE"  # the entry, the lock and the floor read once
        calls = []
        for name in ("get", "get_many", "add", "set", "incr"):
            original = getattr(shared_cache, name)
            monkeypatch.setattr(
                shared_cache, name, lambda *a, _f=original, _n=name, **k: calls.append((_n, a[:1])) or _f(*a, **k)
            )
        again = client.get(studio.url)
        made = list(calls)
    finally:
        lock.release()
    assert again["X-Cache"] == "STALE" and "春晖班主任工作室" in again.content.decode()
    assert made == [("get", (pagecache.GENERATION_KEY,))]  # the generation only
    other_worker = Client()  # holds nothing: renders the new page
    assert "春晖班主任名师工作室" in other_worker.get(studio.url).content.decode()


def test_an_unpublished_page_is_never_served_stale(site_tree, shared_cache, settings):
    settings.OPS_PAGE_CACHE_LOCK_WAIT = 0.1
    studio = make_studio("即将撤下的工作室")
    client = Client()
    url = studio.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    studio.unpublish()

    lock = _hold_render_lock(shared_cache, url)
    try:
        response = client.get(url)
    finally:
        lock.release()
    assert response.status_code == 404
    assert "即将撤下的工作室" not in response.content.decode()


def test_a_new_view_restriction_is_never_served_stale(site_tree, shared_cache, settings):
    from wagtail.models import PageViewRestriction

    settings.OPS_PAGE_CACHE_LOCK_WAIT = 0.1
    studio = make_studio("仅限登录查看的工作室")
    client = Client()
    client.get(studio.url)
    assert client.get(studio.url)["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.LOGIN)

    lock = _hold_render_lock(shared_cache, studio.url)
    try:
        response = client.get(studio.url)
    finally:
        lock.release()
    assert response.status_code == 302


def test_a_page_that_cannot_be_kept_is_neither_waited_for_nor_served_stale(site_tree, shared_cache, monkeypatch):
    """A password-protected page is rendered for each request: after one render found it cannot
    be kept, the next requests render at once rather than wait for an entry that will not come."""
    from wagtail.models import PageViewRestriction

    studio = make_studio("口令保护的工作室")
    PageViewRestriction.objects.create(page=studio, restriction_type=PageViewRestriction.PASSWORD, password="abc123")
    assert Client().get(studio.url)["X-Cache"] == "BYPASS"  # rendered, not kept

    request = RequestFactory().get(studio.url)
    lock = pagecache.RenderLock(shared_cache, pagecache.entry_key(request), pagecache.current_generation(shared_cache))
    assert not lock.acquire()  # what the first render left: "not kept"
    polls = []
    monkeypatch.setattr(pagecache.time, "sleep", polls.append)
    response = Client().get(studio.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert polls == []  # no waiting for another worker
