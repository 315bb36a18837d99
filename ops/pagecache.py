"""Full-page cache for anonymous visitors, invalidated by a site-wide content generation.

Every cached page is stored under a key made of the absolute URL; the entry also carries the
content *generation* that was current when it was rendered. Publishing, unpublishing, moving
or deleting a page, changing a view restriction, a document, an image, a collection or a site
bumps the generation (one ``incr`` in the cache), so every older entry stops matching at once:
invalidation is exact and O(1), and a lookup is a single ``get_many`` round trip.

It works with any Django cache backend (locmem in development and tests, Redis in production).
The cache is an optimisation: when it cannot be reached (``ops.cache`` turns Redis errors into
misses) there is no generation, and pages are rendered and served without being kept.
"""

import hashlib
import re
import time
import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction

GENERATION_KEY = "ops:pagecache:generation"
ENTRY_PREFIX = "ops:pagecache:page:"
SEARCH_COUNT_PREFIX = "ops:pagecache:searches:"

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


def max_search_entries():
    return int(getattr(settings, "OPS_PAGE_CACHE_MAX_SEARCH_ENTRIES", 500))


# The values a cached page may be asked for with. Anything else is served but not kept: a
# client inventing values must not fill the cache with copies of the same page.
PAGE_VALUE = re.compile(r"[1-9][0-9]{0,4}\Z")
FILTER_VALUE = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}\Z")
MAX_CACHED_QUERY_LENGTH = 50


def canonical_search_text(text):
    """A search text as the engines see it: NFKC, lower case, single spaces, nothing around."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def canonical_query(query):
    """Whether every parameter of ``query`` (a QueryDict) appears once, in its canonical form."""
    for name, values in query.lists():
        if len(values) != 1:
            return False
        value = values[0]
        if name == "q":
            if not value or len(value) > MAX_CACHED_QUERY_LENGTH or value != canonical_search_text(value):
                return False
        elif not (PAGE_VALUE if name == "page" else FILTER_VALUE).match(value):
            return False
    return True


def take_search_slot(cache, generation):
    """Whether one more page whose parameters no listing vouched for (a search) may be kept.

    At most ``OPS_PAGE_CACHE_MAX_SEARCH_ENTRIES`` per content generation: the space that
    endless distinct searches can take stays bounded, and a new generation starts afresh.
    """
    key = f"{SEARCH_COUNT_PREFIX}{generation}"
    cache.add(key, 0, timeout())
    try:
        return cache.incr(key) <= max_search_entries()
    except ValueError:  # the counter is gone (evicted, or the cache is down)
        return False


def _fresh_generation():
    # A new starting point that no entry written before can carry (the key may be evicted).
    return time.time_ns()


def generation_ttl():
    return float(getattr(settings, "OPS_PAGE_CACHE_GENERATION_TTL", 0) or 0)


# Per-process memo of the generation, used only when OPS_PAGE_CACHE_GENERATION_TTL > 0.
_memo = {"value": None, "until": 0.0}


def cached_generation(cache):
    """The generation for a lookup: read from the shared cache on every request (exact, the
    default), or at most every ``OPS_PAGE_CACHE_GENERATION_TTL`` seconds per process, which
    saves a cache round trip per hit at the price of other processes showing a publication
    up to that many seconds later (the publishing process sees it at once)."""
    if _pending["bump"]:
        bump_generation()
    ttl = generation_ttl()
    if ttl <= 0:
        return cache.get(GENERATION_KEY)
    now = time.monotonic()
    if _memo["value"] is not None and now < _memo["until"]:
        return _memo["value"]
    value = cache.get(GENERATION_KEY)
    _memo.update(value=value, until=now + ttl)
    return value


def current_generation(cache=None):
    cache = cache or get_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def request_generation(request):
    """The content generation a request renders against: the one the page cache read for it,
    else the shared one (read once per request). Fragment caches put it in their keys."""
    generation = getattr(request, "content_generation", None)
    if generation is None:
        generation = request.content_generation = current_generation()
    return generation


# Set when a bump could not be stored (the cache was unavailable): retried on the next lookup,
# so that pages cached before an outage are not served once the cache is back.
_pending = {"bump": False}


def bump_generation(**_kwargs):
    """Invalidate every cached page (call after any change that public pages show)."""
    cache = get_cache()
    _memo.update(value=None, until=0.0)
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        generation = _fresh_generation()
        cache.set(GENERATION_KEY, generation, timeout=None)
        if cache.get(GENERATION_KEY) != generation:
            _pending["bump"] = True
            return None
    _pending["bump"] = False
    return generation


def invalidate(**_kwargs):
    """Bump the generation now and, inside a transaction, once more when it commits.

    Signals such as ``page_published`` fire inside the publishing transaction: a request in
    another process that reads the new generation before the commit still reads the old rows
    from the database, and would store the old page under the new generation. The second
    bump, after the commit, retires anything rendered in that window.
    """
    bump_generation()
    if connection.in_atomic_block:
        transaction.on_commit(bump_generation)


def entry_key(request):
    query = sorted(request.GET.lists())
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()
