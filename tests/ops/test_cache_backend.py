"""The Redis cache backend (ops.cache): Django's, keeping one Redis client per connection pool."""

import shutil
import socket
import subprocess
import time

import pytest

from ops.cache import RedisCache


def test_every_operation_uses_the_same_client():
    # No server needed: redis-py connects on the first command, not when the client is made.
    cache = RedisCache("redis://127.0.0.1:1/0", {})
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client(write=True) is client


@pytest.fixture(scope="module")
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_it_behaves_as_djangos_redis_cache(redis_url):
    cache = RedisCache(redis_url, {"KEY_PREFIX": "t"})
    cache.set("page", ("generation", [("Content-Type", "text/html")], b"<p>x</p>"))
    assert cache.get("page") == ("generation", [("Content-Type", "text/html")], b"<p>x</p>")
    assert cache.add("counter", 5) and not cache.add("counter", 6)
    assert cache.incr("counter") == 6
    assert cache.get_many(["page", "counter", "missing"]) == {
        "page": ("generation", [("Content-Type", "text/html")], b"<p>x</p>"),
        "counter": 6,
    }
    cache.delete("page")
    assert cache.get("page") is None
