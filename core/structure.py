"""The page tree's roots, which every app needs, and the hook to its skeleton.

The skeleton (the home page and the section index pages below it) is made of page types of the
apps above this layer: ``home.structure`` builds it and registers itself here, so that an importer
or a demo loader of a lower app can ask for it without importing the home page.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page


def ensure_page_root(**kwargs):
    """Give the page and collection trees their root nodes (and the default locale).

    Wagtail's migrations create them once; a database flush (``manage.py flush``, or a
    transactional test) empties the tables but only re-runs the ``post_migrate``
    handlers, which is where this one is connected.
    """
    if Page.objects.filter(depth=1).exists() and Collection.objects.filter(depth=1).exists():
        return
    # After a flush the content-type rows are gone but their in-process cache is not
    # (this handler may run before the contenttypes app's own post_migrate).
    ContentType.objects.clear_cache()
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    if not Page.objects.filter(depth=1).exists():
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        Page.add_root(instance=Page(title="Root", slug="root", live=True))


LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind


def is_local_hostname(hostname):
    """A Site hostname that only works on the server itself (absolute links with it are dead)."""
    hostname = (hostname or "").lower()
    return hostname in LOCAL_HOSTNAMES or hostname.endswith(".localhost") or hostname.startswith("127.")


_site_structure_builder = None


def builds_site_structure(function):
    """Register ``function`` (no arguments; returns the home page) as the skeleton's builder."""
    global _site_structure_builder
    _site_structure_builder = function
    return function


def ensure_site_structure():
    """Create the home page and the section index pages where missing; return the home page."""
    return _site_structure_builder()
