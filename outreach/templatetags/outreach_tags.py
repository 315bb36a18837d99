"""Template tags for share metadata, feed links, canonical URLs and QR codes."""

import contextlib
import hashlib

from django import template
from django.urls import NoReverseMatch, reverse

from core.models import SiteIdentity
from ops import pagecache
from outreach import sharing
from outreach.qr import qr_png_data_uri
from studios.models import StudioPage

register = template.Library()


def _studio_for(page):
    """The studio a page belongs to (the studio itself, or the parent studio of an update/case/resource)."""
    if page is None:
        return None
    specific = getattr(page, "specific_deferred", page)
    if isinstance(specific, StudioPage):
        return specific
    studio = getattr(specific, "studio", None)
    return studio if isinstance(studio, StudioPage) else None


def feed_links_for(page):
    """``[(title, path)]`` of the RSS feeds relevant to a page (site-wide ones always)."""
    links = [
        ("全站工作动态", reverse("outreach:feed_updates")),
        ("新发布典型案例", reverse("outreach:feed_cases")),
        ("通知公告", reverse("outreach:feed_notices")),
    ]
    with contextlib.suppress(NoReverseMatch):  # the promotions feed is built by the promotions app
        links.append(("推介成果", reverse("promotions:feed")))
    studio = _studio_for(page)
    if studio is not None and studio.live:
        links.insert(0, (f"{studio.title}·工作动态", reverse("outreach:feed_studio", args=[studio.slug])))
    return links


HEAD_TIMEOUT = 86400


@register.inclusion_tag("outreach/includes/head_tags.html", takes_context=True)
def outreach_head(context):
    """OpenGraph + WeChat share metadata, canonical link and RSS links for the current page or view.

    For a page, kept in the shared cache under the content generation (which every change
    moves) and the absolute address asked for: its share image and its studio's feed link
    cost two queries on every view otherwise. A preview is never kept."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and not hasattr(page, "get_full_url"):
        page = None
    if request is None or page is None or not page.pk or getattr(request, "is_preview", False):
        return _head(context, request, page)
    generation = pagecache.request_generation(request)
    if generation is None:  # the cache is unavailable
        return _head(context, request, page)
    address = hashlib.md5(request.build_absolute_uri(request.path).encode(), usedforsecurity=False).hexdigest()
    key = f"outreach:head:{generation}:{page.pk}:{address}"
    cache = pagecache.get_cache()
    head = cache.get(key)
    if head is None:
        head = _head(context, request, page)
        cache.set(key, head, HEAD_TIMEOUT)
    return head


def _head(context, request, page):
    site_name = SiteIdentity.name_for(request)
    if page is not None and page.pk:
        url = sharing.page_url(page, request)
        if request is not None and request.path != page.get_url(request):
            # a sub-route of a routable page: its own address, without the query string
            url = sharing.absolute_url(request.path, request, page)
        title = page.seo_title or page.title
        description = sharing.share_description(page)
    else:
        url = sharing.absolute_url(request.path, request) if request is not None else ""
        title = context.get("share_title") or site_name
        description = context.get("share_description") or ""
    return {
        "share_url": url,
        "share_title": title,
        "share_description": description,
        "share_image": sharing.share_image_url(page, request),
        "site_name": site_name,
        "feed_links": feed_links_for(page) if request is not None else [],
        "is_page": page is not None,
    }


@register.simple_tag(takes_context=True)
def page_full_url(context, page):
    return sharing.page_url(page, context.get("request"))


@register.simple_tag
def qr_data_uri(text):
    return qr_png_data_uri(text)
