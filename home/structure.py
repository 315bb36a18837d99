"""The page tree's stable skeleton: ``/``, ``/studios/``, ``/cases/``, ``/handbooks/``, ``/resources/``."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site


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


@transaction.atomic
def ensure_site_structure():
    """Create the home page and the section index pages where missing; return the home page.

    Idempotent. Replaces Wagtail's default welcome page with a :class:`HomePage`
    and points the default site at it.
    """
    from cases.models import CaseIndexPage
    from resources.models import HandbookIndexPage, ResourceIndexPage
    from studios.models import StudioIndexPage

    from .models import HomePage

    home = HomePage.objects.first()
    if home is None:
        ensure_page_root()
        root = Page.get_first_root_node()
        welcome = Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").first()
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save(update_fields=["slug"])
        home = root.add_child(
            instance=HomePage(
                title="班主任工作室成果平台",
                slug="home",
                intro="汇聚全国班主任工作室的建设成果、典型案例、工作手册与育人资源。",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="班主任工作室成果平台"
            )
        else:
            site.root_page = home
            site.site_name = "班主任工作室成果平台"
            site.save()
        if welcome is not None:
            welcome.delete()

    sections = [
        (StudioIndexPage, "studios", "工作室", "各地班主任工作室的建设情况、团队与工作动态。"),
        (
            CaseIndexPage,
            "cases",
            "典型案例",
            "班级文化建设、重点学生帮扶、典型学生教育、家校沟通协调、突发事件处置五类典型案例。",
        ),
        (
            HandbookIndexPage,
            "handbooks",
            "工作手册",
            "班主任工作手册与指南：班情分析、班风学风建设、班级管理、师生互动、学生评价、家校企社多元共育。",
        ),
        (
            ResourceIndexPage,
            "resources",
            "资源库",
            "班级建设方案、班级制度、班级活动、专题教育、课件、视频与研究成果。",
        ),
    ]
    for model, slug, title, intro in sections:
        if not model.objects.child_of(home).exists():
            home.add_child(instance=model(title=title, slug=slug, intro=intro))
    return home
