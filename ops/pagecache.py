"""Full-page cache for anonymous visitors, invalidated by a site-wide content generation.

Every cached page is stored under a key made of the absolute URL; the entry also carries the
content *generation* that was current when it was rendered. Publishing, unpublishing, moving
or deleting a page, changing a view restriction, a document, an image, a collection or a site
bumps the generation (one ``incr`` in the cache), so every older entry stops matching at once:
invalidation is exact and O(1), and a lookup is a single ``get_many`` round trip.

It works with any Django cache backend (locmem in development and tests, Redis in production).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "ops:pagecache:generation"
ENTRY_PREFIX = "ops:pagecache:page:"

# Query parameters the public listings and the search page recognise; any other parameter
# makes the request bypass the cache (it is still served, just not cached).
DEFAULT_QUERY_PARAMS = {
    "page",
    "q",
    "direction",
    "category",
    "year",
    "province",
    "level",
    "status",
    "school_type",
    "construction_model",
    "resource_type",
    "type",
    "topic",
    "promotion",
    "promotion_level",
    "sort",
    "order",
}


def get_cache():
    return caches[getattr(settings, "OPS_PAGE_CACHE_ALIAS", "default")]


def enabled():
    return getattr(settings, "OPS_PAGE_CACHE_ENABLED", True)


def timeout():
    return getattr(settings, "OPS_PAGE_CACHE_TIMEOUT", 600)


def allowed_query_params():
    return set(getattr(settings, "OPS_PAGE_CACHE_QUERY_PARAMS", DEFAULT_QUERY_PARAMS))


def _fresh_generation():
    # A new starting point that no entry written before can carry (the key may be evicted).
    return time.time_ns()


def current_generation(cache=None):
    cache = cache or get_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_generation(**_kwargs):
    """Invalidate every cached page (call after any change that public pages show)."""
    cache = get_cache()
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        generation = _fresh_generation()
        cache.set(GENERATION_KEY, generation, timeout=None)
        return generation


def entry_key(request):
    query = sorted(request.GET.lists())
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()
