"""What every page reads before its own content, kept per process and content generation."""

import copy

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from core.models import SiteIdentity
from core.restrictions import load, prime

from . import pagecache


class SiteContextMiddleware:
    """What every page reads before its own content, kept per process and content generation
    (``pagecache.per_generation``) instead of read with a query per request: the Wagtail site of
    the request (``Site.find_for_request``, one query with a CASE per request, and the home
    page's specific instance below it), its 平台信息 setting and the pages carrying a view
    restriction (``core.restrictions``). Each request gets its own copy of the setting (Wagtail
    stores the request on it). Placed after the page cache: a cached page needs none of this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request._get_raw_host())[0]  # as Site.find_for_request reads it
        port = request.get_port()

        def find_site():
            try:
                return get_site_for_hostname(hostname, port)
            except Site.DoesNotExist:
                return None

        try:
            site = request._wagtail_site = pagecache.per_generation(request, f"site:{hostname}:{port}", find_site)
            if site is not None:
                identity = pagecache.per_generation(request, f"identity:{site.pk}", lambda: SiteIdentity.for_site(site))
                identity = copy.copy(identity)
                identity._request = request  # as BaseSiteSetting.for_request does
                setattr(request, SiteIdentity.get_cache_attr_name(), identity)
            prime(pagecache.per_generation(request, "restricted-sections", load))
        except DatabaseError:  # the database is down: the view says so (/healthz), or fails as it would have
            pass
        return self.get_response(request)
