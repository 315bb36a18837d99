"""Full-page cache for anonymous visitors, invalidated by a site-wide content generation.

Every cached page is stored under a key made of the absolute URL; the entry also carries the
content *generation* that was current when it was rendered. Publishing, unpublishing, moving
or deleting a page, changing a view restriction, a document, an image, a collection or a site
bumps the generation (one ``incr`` in the cache), so every older entry stops matching at once:
invalidation is exact and O(1), and a lookup is a single ``get_many`` round trip.

No stampede after a change: a bump makes every entry *stale*, not absent. The first request
for a stale page takes a short lock for that page and generation (``cache.add``) and renders
it; while it does, other requests for the page are served the stale entry (``X-Cache:
STALE``), so a burst after a publish renders the page once instead of once per request. With
no entry at all (a page never kept, or evicted) the others wait up to
``OPS_PAGE_CACHE_LOCK_WAIT`` seconds for the lock holder's entry, then render themselves.
Removals are never served stale: unpublishing or deleting a page and changing a view
restriction raise a *floor* generation, and an entry older than the floor is only a miss.

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
LOCK_PREFIX = "ops:pagecache:lock:"
# Entries rendered before this generation must not be served even stale (content was removed).
FLOOR_KEY = "ops:pagecache:floor"

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


def lock_timeout():
    """Seconds a re-render lock lives if its holder dies before releasing it."""
    return float(getattr(settings, "OPS_PAGE_CACHE_LOCK_TIMEOUT", 10))


def lock_wait():
    """Seconds a request with no stale entry waits for another worker's render of its page."""
    return float(getattr(settings, "OPS_PAGE_CACHE_LOCK_WAIT", 3))


LOCK_POLL_INTERVAL = 0.02


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


def bump_and_raise_floor(**_kwargs):
    """Bump the generation and forbid serving anything older, even stale (content was removed)."""
    generation = bump_generation()
    if generation is not None:
        get_cache().set(FLOOR_KEY, generation, timeout=None)
    return generation


def stale_floor(cache):
    return cache.get(FLOOR_KEY) or 0


def now_and_at_commit(bump):
    """Run ``bump`` now and, inside a transaction, once more when it commits.

    Signals such as ``page_published`` fire inside the publishing transaction: a request in
    another process that reads the new generation before the commit still reads the old rows
    from the database, and would store the old page under the new generation. The second
    bump, after the commit, retires anything rendered in that window.
    """
    bump()
    if connection.in_atomic_block:
        transaction.on_commit(bump)


def invalidate(**_kwargs):
    """Bump the generation now and at the commit (``now_and_at_commit``)."""
    now_and_at_commit(bump_generation)


def invalidate_removal(**_kwargs):
    """As ``invalidate``, for a change that takes something away from the public (unpublishing,
    deleting, a view restriction): older entries are not served even while a page re-renders."""
    now_and_at_commit(bump_and_raise_floor)


# --- fragment caches keyed by what they show ---------------------------------------------------
#
# A fragment (a section of a page, cached with Django's ``{% cache %}`` tag) is keyed by the
# versions of the *scopes* it shows rather than by the site-wide generation, so a change
# elsewhere on the site leaves it valid: re-rendering a page after an unrelated publication
# then costs only what changed. ``studio:<pk>`` moves when a page below that studio (an
# update, a case, a handbook, a resource, the studio itself) or one of its activities
# changes; ``common`` when anything that any fragment may show changes (images, documents,
# directions, promotions, settings, view restrictions, page moves and deletions).

FRAGMENT_PREFIX = "ops:pagecache:fragments:"
COMMON_SCOPE = "common"


def type_scope(label):
    """The scope of every live page of one type, ``label`` its ``"app_label.Model"``
    (``type:cases.casepage``): what a listing, a count or a "latest" section of that type shows."""
    return f"type:{label.lower()}"


def fragment_version(*scopes):
    """One string naming the current version of ``common`` and each of ``scopes``."""
    cache = get_cache()
    keys = [FRAGMENT_PREFIX + scope for scope in (COMMON_SCOPE, *scopes)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:  # new or evicted: a starting point no fragment written before can carry
        for key in missing:
            cache.add(key, _fresh_generation(), timeout=None)
        found = cache.get_many(keys)
        if any(key not in found for key in keys):  # the cache is unavailable: match nothing kept
            return f"unversioned-{_fresh_generation()}"
    return ".".join(str(found[key]) for key in keys)


def _bump_fragment_scopes(scopes):
    cache = get_cache()
    for scope in scopes:
        key = FRAGMENT_PREFIX + scope
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, _fresh_generation(), timeout=None)


def bump_fragments(*scopes):
    """Retire the fragments showing ``scopes``, now and (in a transaction) again at the commit,
    for the same reason as ``invalidate``."""
    scopes = list(dict.fromkeys(scopes))
    if scopes:
        now_and_at_commit(lambda: _bump_fragment_scopes(scopes))


class RenderLock:
    """A lock per page and generation in the shared cache, so that one worker renders a page
    that went stale while the others serve the stale entry or wait (``cache.add`` is atomic
    in Redis and in locmem). It expires after ``OPS_PAGE_CACHE_LOCK_TIMEOUT`` seconds if its
    holder dies; a holder only deletes it when it still holds its own token.

    When the holder's page could not be kept (a 404, a password form, a search over its
    bound), it leaves ``NOT_KEPT`` in the lock for as long: requests for that page then
    render at once instead of queueing behind each other for an entry that will not come.
    """

    NOT_KEPT = "not-kept"

    def __init__(self, cache, key, generation):
        self.cache = cache
        self.key = f"{LOCK_PREFIX}{generation}:{key}"
        self.token = None

    def acquire(self):
        token = time.time_ns()
        if self.cache.add(self.key, token, lock_timeout()):
            self.token = token
            return True
        return False

    def release(self, kept=True):
        if self.token is not None and self.cache.get(self.key) == self.token:
            if kept:
                self.cache.delete(self.key)
            else:
                self.cache.set(self.key, self.NOT_KEPT, lock_timeout())
        self.token = None

    def not_kept(self):
        return self.cache.get(self.key) == self.NOT_KEPT

    def wait(self, timeout):
        """Wait until the holder is done or ``timeout`` seconds have passed; whether an entry
        may now be in the cache (False: render without waiting any longer)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.cache.get(self.key)
            if value is None:
                return True
            if value == self.NOT_KEPT or time.monotonic() >= deadline:
                return False
            time.sleep(LOCK_POLL_INTERVAL)


def entry_key(request):
    query = sorted(request.GET.lists())
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query!r}"
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


# --- what every page reads, kept per process and generation -------------------------------------

_per_generation = {}
PER_GENERATION_LIMIT = 64


def per_generation(request, name, build):
    """``build()``, kept in this process while the content generation stays the one ``request``
    renders against (``request_generation``): what every page reads and only a change moves (the
    site, its settings, the view restrictions). Every change bumps the generation (now and at
    the commit), so a value is never older than the pages it is rendered into. Without a
    generation (the cache is unavailable) nothing is kept. The value is shared by the
    process's threads: callers keep it read-only or hand each request a copy."""
    generation = request_generation(request)
    if generation is None:
        return build()
    kept = _per_generation.get(name)
    if kept is not None and kept[0] == generation:
        return kept[1]
    value = build()
    if len(_per_generation) >= PER_GENERATION_LIMIT:  # e.g. one entry per unknown Host header
        _per_generation.clear()
    _per_generation[name] = (generation, value)
    return value
