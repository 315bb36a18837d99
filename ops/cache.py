"""Django's Redis cache backend, made an optimisation the site can lose, with one client per pool.

- A Redis error is a cache miss, never a failed request: reads return their default, writes
  are dropped, ``incr`` reports a missing key. After a connection error Redis is left alone
  for ``RETRY_AFTER`` seconds (every call is then an immediate miss instead of a wait on a
  dead address); the outage is logged at most once a minute per process and ``/healthz``
  reports it.
- ``django.core.cache.backends.redis.RedisCacheClient.get_client()`` builds a new
  ``redis.Redis`` for every cache operation, and ``redis.Redis()`` fills a case-insensitive
  table of some 170 response callbacks each time: about half of the CPU a ``cache.get()``
  costs, on every page-cache lookup, rendition lookup and site-root lookup. A ``redis.Redis``
  is thread-safe (it takes a connection from its pool per command), so one per pool is kept.

Everything else (serialisation, key format, options) is Django's.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.utils.functional import cached_property
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
REPORT_EVERY = 60.0


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class _Miss(Exception):
    """Redis is unavailable: answer as if the key were not there."""


class RedisCache(DjangoRedisCache):
    _down_until = 0.0
    _reported_at = None

    @cached_property
    def _cache(self):
        return RedisCacheClient(self._servers, **self._options)

    def _call(self, operation, *args, **kwargs):
        if time.monotonic() < self._down_until:
            raise _Miss
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except RedisError as exc:
            now = time.monotonic()
            if isinstance(exc, (RedisConnectionError, RedisTimeoutError)):
                self._down_until = now + RETRY_AFTER
            if self._reported_at is None or now - self._reported_at >= REPORT_EVERY:
                self._reported_at = now
                logger.warning("缓存（Redis）出错，按未命中处理：%s", exc)
            raise _Miss from exc

    def get(self, key, default=None, version=None):
        try:
            return self._call("get", key, default, version)
        except _Miss:
            return default

    def get_many(self, *args, **kwargs):
        return self._call_or("get_many", {}, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call_or("has_key", False, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call_or("add", False, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call_or("set", None, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call_or("set_many", [], *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call_or("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call_or("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call_or("delete_many", None, *args, **kwargs)

    def clear(self):
        return self._call_or("clear", False)

    def incr(self, key, delta=1, version=None):
        try:
            return self._call("incr", key, delta, version)
        except _Miss:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).") from None

    def _call_or(self, operation, miss, *args, **kwargs):
        try:
            return self._call(operation, *args, **kwargs)
        except _Miss:
            return miss
