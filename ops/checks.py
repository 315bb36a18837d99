"""Deployment checks for the page cache."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from . import pagecache


@register(Tags.caches, deploy=True)
def page_cache_backend(app_configs, **kwargs):
    """A per-process cache cannot share the content generation between server workers."""
    if not pagecache.enabled():
        return []
    alias = getattr(settings, "OPS_PAGE_CACHE_ALIAS", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "整页缓存使用的是进程内缓存：多个服务器进程之间不会同步失效，发布后访客可能看到旧页面。",
                hint="生产环境请设置 REDIS_URL（或把 OPS_PAGE_CACHE_ENABLED 设为 False）。",
                id="ops.W001",
            )
        ]
    return []
