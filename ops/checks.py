"""System checks: the page cache and the site's address in deployment, the compiled
translations everywhere."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

from core.structure import is_local_hostname

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


@register(Tags.sites, deploy=True)
def site_address(app_configs, **kwargs):
    """Absolute links (QR codes, share tags, the PDF source line, report links, emails) start with
    the default Site's address: a local one makes them all dead links."""
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet: nothing to check
        return []
    if site is None or not is_local_hostname(site.hostname):
        return []
    return [
        Error(
            f"默认站点的主机名是 {site.hostname}：二维码、分享链接、PDF 来源、报表链接和通知邮件中的完整地址都会指向本机。",
            hint="后台 设置 → 站点：把主机名改为正式域名（如 bzr.example.cn），端口改为 443（见 docs/deployment.md）。",
            id="ops.E001",
        )
    ]


def stale_translations(locale_paths):
    """The ``.po`` files under ``locale_paths`` whose ``.mo`` is missing or older."""
    stale = []
    for locale_path in locale_paths:
        for po in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                stale.append(po)
    return stale


@register(Tags.translation)
def compiled_translations(app_configs, **kwargs):
    """The admin's Chinese lives in locale/*.po; only the compiled .mo files are read."""
    stale = stale_translations(settings.LOCALE_PATHS)
    if not stale:
        return []
    return [
        Warning(
            "后台译文尚未编译或已过期：" + "、".join(str(po) for po in stale) + "。后台会有部分文字显示为英文。",
            hint="运行 bash scripts/compile_messages.sh（即 python manage.py compilemessages）。",
            id="ops.W002",
        )
    ]
