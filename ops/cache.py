"""Django's Redis cache backend, with one Redis client per connection pool instead of one per call.

``django.core.cache.backends.redis.RedisCacheClient.get_client()`` builds a new
``redis.Redis`` for every cache operation, and ``redis.Redis()`` fills a case-insensitive
table of some 170 response callbacks each time: about half of the CPU a ``cache.get()``
costs, on every page-cache lookup, rendition lookup and site-root lookup. A ``redis.Redis``
is thread-safe (it takes a connection from its pool per command), so one per pool is kept.
Everything else (serialisation, key format, options) is Django's.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.utils.functional import cached_property


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


class RedisCache(DjangoRedisCache):
    @cached_property
    def _cache(self):
        return RedisCacheClient(self._servers, **self._options)
