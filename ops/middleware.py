"""Request id, security headers and the anonymous full-page cache."""

import base64
import contextvars
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.http import HttpResponse

from . import pagecache

request_id_var = contextvars.ContextVar("request_id", default="-")
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (the proxy's ``X-Request-ID`` when sane) for the logs and the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


def _hash_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# The print buttons on case and handbook pages use onclick="window.print()": allow exactly that
# handler ('unsafe-hashes' with its hash) instead of any inline script.
ALLOWED_INLINE_HANDLERS = ["window.print()"]

EMBED_HOSTS = [
    "https://player.bilibili.com",
    "https://v.qq.com",
    "https://player.youku.com",
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]

PUBLIC_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-hashes'", *(_hash_source(h) for h in ALLOWED_INLINE_HANDLERS)],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    # Video embeds (StreamField embed block) from the hosts editors use; widen with OPS_CSP_EXTRA.
    "frame-src": ["'self'", *EMBED_HOSTS],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

# The Wagtail admin uses inline scripts and styles, previews pages in a same-origin iframe and
# shows avatars and embeds from elsewhere: a relaxed policy, only below the admin prefixes.
ADMIN_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def _render_policy(base, extra):
    policy = {name: list(sources) for name, sources in base.items()}
    for name, sources in (extra or {}).items():
        policy.setdefault(name, [])
        policy[name] += [s for s in sources if s not in policy[name]]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy, Referrer-Policy and X-Content-Type-Options.

    ``OPS_CSP_EXTRA`` (dict of directive → extra sources) widens the public policy, e.g. for
    a video host's embeds: ``{"frame-src": ["https://player.bilibili.com"]}``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        extra = getattr(settings, "OPS_CSP_EXTRA", None)
        self.public_policy = _render_policy(PUBLIC_CSP, extra)
        self.admin_policy = _render_policy(ADMIN_CSP, extra)

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(ADMIN_PREFIXES)
        response.headers.setdefault("Content-Security-Policy", self.admin_policy if admin else self.public_policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Referrer-Policy", getattr(settings, "SECURE_REFERRER_POLICY", None) or "strict-origin-when-cross-origin"
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


class LocalEntries:
    """A per-process LRU copy of recently served entries, checked against the shared generation.

    A hit then costs one small cache read (the generation) instead of fetching and unpickling
    the whole page from Redis; an entry whose generation is not the current one is never used.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] != generation:
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        if len(entry[2]) > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.size += len(entry[2])
            while self.size > self.max_bytes and self.entries:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        self.size -= len(self.entries.pop(key)[2])


DEFAULT_EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/api/",
    "/healthz",
    "/static/",
    "/media/",
    "/resources/download/",
)


class PageCacheMiddleware:
    """Serve anonymous visitors' GET/HEAD requests for public HTML pages from the cache.

    A request is eligible when it carries no session or messages cookie and no Authorization
    header, its path is not an admin, document, API or health path, and its query only uses
    parameters the listings recognise, each once and in canonical form (``pagecache.
    canonical_query``). The response is stored only when it is a 200 HTML page that sets no
    cookie (so no CSRF-bearing form, no message), is not marked private or no-cache, was
    rendered for an anonymous user, and either a listing recognised every parameter or the
    bounded number of search pages is not reached. ``X-Cache`` says HIT, MISS, BYPASS, or
    STALE: the previous generation's entry, served while another worker re-renders the page
    (``pagecache.RenderLock``; see the module docstring of ``ops.pagecache``).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = tuple(getattr(settings, "OPS_PAGE_CACHE_EXCLUDED_PATHS", DEFAULT_EXCLUDED_PREFIXES))
        self.blocking_cookies = {
            settings.SESSION_COOKIE_NAME,
            "messages",
            *getattr(settings, "OPS_PAGE_CACHE_BLOCKING_COOKIES", ()),
        }
        self.query_params = pagecache.allowed_query_params()
        self.local = LocalEntries(getattr(settings, "OPS_PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024))
        # key → (until, generation, entry): a stale entry this process served while another
        # worker re-renders the page, served again without asking the shared cache (the entry,
        # the lock, the floor: four round trips and the page unpickled) for ``stale_hold`` seconds.
        self.serving_stale = {}
        self.stale_hold = float(getattr(settings, "OPS_PAGE_CACHE_STALE_HOLD", 0.05))

    def eligible(self, request):
        if request.method not in ("GET", "HEAD") or not pagecache.enabled():
            return False
        if request.path.startswith(self.excluded):
            return False
        if self.blocking_cookies.intersection(request.COOKIES) or "Authorization" in request.headers:
            return False
        if len(request.META.get("QUERY_STRING", "")) > 512:
            return False
        return all(name in self.query_params for name in request.GET) and pagecache.canonical_query(request.GET)

    @staticmethod
    def within_budget(request, cache, generation):
        """A listing vouches for the parameters it recognised; any other query (a search) is
        kept only while the number of such pages in this generation is under its bound."""
        if not request.GET or getattr(request, "ops_query_canonical", False):
            return True
        return pagecache.take_search_slot(cache, generation)

    @staticmethod
    def storable(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        if getattr(request, "ops_no_cache", False) or getattr(response, "ops_no_cache", False):
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    def bypass(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response["X-Cache"] = "BYPASS"
        return response

    def __call__(self, request):
        if not self.eligible(request):
            return self.bypass(request)

        cache = pagecache.get_cache()
        key = pagecache.entry_key(request)
        generation = pagecache.cached_generation(cache)
        if generation is None:
            generation = pagecache.current_generation(cache)
        if generation is None:  # the cache is unavailable: render, keep nothing
            return self.bypass(request)
        request.content_generation = generation  # for fragment caches (pagecache.request_generation)
        held = self.serving_stale.get(key)
        if held is not None and held[1] == generation and time.monotonic() < held[0]:
            return self.cached_response(request, held[2], "STALE")
        entry = self.local.get(key, generation)
        stale = None
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry[0] == generation:
                self.local.put(key, entry)
            else:
                if entry is not None and entry[0] < generation:
                    stale = entry
                entry = None
        if entry is not None:
            return self.cached_response(request, entry, "HIT")

        # A miss: one worker renders the page for this generation, the others do not pile on.
        lock = pagecache.RenderLock(cache, key, generation)
        if not lock.acquire():
            if lock.not_kept():  # this page cannot be kept now: nothing to wait for, no stale copy
                return self.render(request, cache, key, generation)
            if stale is not None and stale[0] >= pagecache.stale_floor(cache):
                self.hold_stale(key, generation, stale)
                return self.cached_response(request, stale, "STALE")
            if lock.wait(pagecache.lock_wait()):
                entry = cache.get(key)
                if entry is not None and entry[0] >= generation:
                    return self.cached_response(request, entry, "HIT")
            # The holder kept nothing (the page is not cacheable) or is too slow: render here.
            return self.render(request, cache, key, generation)
        response = None
        try:
            response = self.render(request, cache, key, generation)
            return response
        finally:
            lock.release(kept=response is not None and response.get("X-Cache") == "MISS")

    STALE_HELD_KEYS = 1000

    def hold_stale(self, key, generation, entry):
        """Serve ``entry`` (stale) for the next ``stale_hold`` seconds of this generation without
        asking the shared cache: the render lock is taken and the floor allows it. A later bump
        (a new generation, a removal's floor with it) ends the hold at once; at most that long
        after the new page is stored, this process still serves the old one."""
        if self.stale_hold <= 0:
            return
        if len(self.serving_stale) >= self.STALE_HELD_KEYS:
            self.serving_stale.clear()
        self.serving_stale[key] = (time.monotonic() + self.stale_hold, generation, entry)

    @staticmethod
    def cached_response(request, entry, state):
        response = HttpResponse(b"" if request.method == "HEAD" else entry[2], status=200)
        for name, value in entry[1]:
            response.headers[name] = value
        response["X-Cache"] = state
        return response

    def render(self, request, cache, key, generation):
        response = self.get_response(request)
        if self.storable(request, response) and self.within_budget(request, cache, generation):
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-cache")]
            if request.method == "GET":
                entry = (generation, headers, response.content)
                cache.set(key, entry, pagecache.timeout())
                self.local.put(key, entry)
            response["X-Cache"] = "MISS"
        elif response.get("Content-Type", "").startswith("text/html"):
            response["X-Cache"] = "BYPASS"
        return response
