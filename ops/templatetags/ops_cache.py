"""``{% fragment_version studio=page.pk as version %}``: the version of the fragment scopes a
section shows, for Django's ``{% cache %}`` tag (``ops.pagecache.fragment_version``)."""

from django import template

from .. import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_version(context, **scopes):
    """The current version of ``common`` and of each ``name=pk`` scope. A preview, or an object
    not saved yet, gets a version nothing was kept under: it is rendered, never served kept."""
    request = context.get("request")
    if getattr(request, "is_preview", False) or any(pk is None for pk in scopes.values()):
        return f"uncached-{pagecache._fresh_generation()}"
    return pagecache.fragment_version(*(f"{name}:{pk}" for name, pk in sorted(scopes.items())))
