"""What a shared page looks like on a phone: absolute URLs, description, image.

One place for the values the OpenGraph/WeChat metadata, the canonical link
and the QR code use, so the three always agree on a page's address.
"""

import logging

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Site

logger = logging.getLogger(__name__)

DESCRIPTION_LENGTH = 120
SHARE_IMAGE_SPEC = "max-1200x1200"
DEFAULT_SHARE_IMAGE = "outreach/share-default.png"

# Attributes, in order of preference, that hold a page's short description …
DESCRIPTION_ATTRS = ("search_description", "summary", "intro", "description", "introduction")
# … and its representative image.
IMAGE_ATTRS = ("cover", "host_photo")


def plain_text(value):
    """Text of a rich text value or HTML string, tags removed, whitespace collapsed."""
    text = strip_tags(str(value or ""))
    for entity, char in (("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"')):
        text = text.replace(entity, char)
    return " ".join(text.split())


def site_root_url(request=None, page=None):
    """``https://host[:port]`` of the site serving ``page`` (or the request)."""
    if page is not None:
        parts = page.get_url_parts(request)
        if parts and parts[1]:
            return parts[1]
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def absolute_url(path, request=None, page=None):
    if path.startswith(("http://", "https://")):
        return path
    return site_root_url(request, page) + path


def page_url(page, request=None):
    """The page's absolute URL: canonical link, og:url and the QR code all use it."""
    return page.get_full_url(request)


def share_description(page):
    specific = getattr(page, "specific_deferred", page)
    for attr in DESCRIPTION_ATTRS:
        text = plain_text(getattr(specific, attr, ""))
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    body = getattr(specific, "body", None)
    if body:
        return Truncator(plain_text(str(body))).chars(DESCRIPTION_LENGTH)
    return ""


def share_image(page):
    """The Wagtail image that represents a page, or None."""
    specific = getattr(page, "specific_deferred", page)
    for attr in IMAGE_ATTRS:
        image = getattr(specific, attr, None)
        if image is not None:
            return image
    return None


def share_image_url(page, request=None):
    image = share_image(page) if page is not None else None
    if image is not None:
        try:
            return absolute_url(image.get_rendition(SHARE_IMAGE_SPEC).url, request, page)
        except Exception:  # noqa: BLE001 - a missing file must not break the page
            logger.warning("share image %s has no rendition", image.pk, exc_info=True)
    return absolute_url(static(DEFAULT_SHARE_IMAGE), request, page)
