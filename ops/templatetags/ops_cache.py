"""``{% fragment_version studio=page.pk types="cases.CasePage" as version %}``: the version of the
fragment scopes a section shows, for Django's ``{% cache %}`` tag (``ops.pagecache.fragment_version``)."""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from .. import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_version(context, types="", **scopes):
    """The current version of ``common``, of each ``name=pk`` scope (``studio=3``, ``page=7``) and
    of each page type named in ``types`` (``"app_label.Model …"``: every live page of that type,
    ``ops.pagecache.type_scope``). A preview, or an object not saved yet, gets a version nothing was
    kept under: it is rendered, never served kept."""
    request = context.get("request")
    if getattr(request, "is_preview", False) or any(pk is None for pk in scopes.values()):
        return f"uncached-{pagecache._fresh_generation()}"
    names = [f"{name}:{pk}" for name, pk in sorted(scopes.items())]
    names += [pagecache.type_scope(label) for label in str(types).split()]
    return pagecache.fragment_version(*names)


LISTING_FRAGMENT_TIMEOUT = 86400


class ListingFragmentNode(template.Node):
    def __init__(self, nodelist, listing):
        self.nodelist = nodelist
        self.listing = listing

    def render(self, context):
        listing = self.listing.resolve(context, ignore_failures=True)
        request = context.get("request")
        if listing is None or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        version = pagecache.fragment_version(*map(pagecache.type_scope, listing.types))
        digest = hashlib.md5(f"{version}|{listing.fragment_key()}".encode(), usedforsecurity=False).hexdigest()
        key = f"{pagecache.FRAGMENT_PREFIX}listing:{digest}"
        cache = pagecache.get_cache()
        kept = cache.get(key)
        if kept is not None:
            html, canonical = kept
            if canonical:  # as the listing told the page cache when it rendered (vouch_for_query)
                request.ops_query_canonical = True
            return mark_safe(html)  # rendered below, from our templates
        html = self.nodelist.render(context)
        if not getattr(request, "ops_no_cache", False):  # a query the listing does not vouch for is not kept
            cache.set(key, (str(html), getattr(request, "ops_query_canonical", False)), LISTING_FRAGMENT_TIMEOUT)
        return html


@register.tag
def listing_fragment(parser, token):
    """``{% listing_fragment listing %}…{% endlisting_fragment %}``: the results, filters and pages
    of a ``FacetedListing``, kept per address and query until a page of one of the listing's
    ``types`` (or something every page shows) changes. The listing's results are read only
    when the fragment is rendered; what the listing told the page cache about its query
    (``vouch_for_query``) is kept with it. A query the listing does not recognise is rendered,
    never kept (one entry per junk query would fill the cache)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% listing_fragment listing %} takes one argument")
    nodelist = parser.parse(("endlisting_fragment",))
    parser.delete_first_token()
    return ListingFragmentNode(nodelist, parser.compile_filter(bits[1]))
