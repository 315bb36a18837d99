"""Signal receivers: every page change that can alter search results calls ``sync.enqueue``."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import sync
from .models import SearchDocument, SearchDocumentDirection


def _urls_changed_below(page) -> bool:
    """Whether documents below a (non-indexed) page carry an outdated URL."""
    url = page.get_url()
    below = SearchDocument.objects.filter(page__path__startswith=page.path).exclude(page_id=page.pk)
    return below.exclude(url__startswith=url or "/").exists() if url else below.exists()


def _containers(page_ids):
    """A chapter changed: its handbook's document holds it."""
    from .documents import containers

    found = containers(page_ids)
    if found:
        sync.enqueue(found)


def on_published(sender, instance, **kwargs):
    from .documents import ADAPTERS

    # An indexed page: itself and its children (whose studio name or URL it may have
    # changed). A container page (home, section index): its subtree only when its slug
    # changed the URLs below it.
    if instance._meta.label_lower in ADAPTERS or _urls_changed_below(instance):
        sync.enqueue([instance.pk], subtree=True)
    _containers([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    if not instance.live and Page.objects.filter(pk=instance.pk, live=True).exists():
        # Wagtail's pre_delete handler unpublishes with commit=False: the page (and its
        # subtree) is about to be deleted. Re-deriving the subtree now would re-save the
        # documents and their direction rows *after* Django's delete collector listed them,
        # leaving direction rows behind (an IntegrityError at commit). Drop the page's
        # document instead; post_delete handles the rest of the subtree.
        sync.enqueue([instance.pk], deleted=True)
        return
    sync.enqueue([instance.pk], subtree=True)
    _containers([instance.pk])


def on_moved(sender, instance, **kwargs):
    sync.enqueue([instance.pk], subtree=True)
    _containers([instance.pk])
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None and parent_before.specific_class is not None:
        from .documents import ADAPTERS

        if parent_before.specific_class._meta.label_lower in ADAPTERS:
            sync.enqueue([parent_before.pk])  # the chapter left this handbook


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        sync.enqueue([instance.pk], deleted=True)
        from .documents import FOLDED_INTO_PARENT

        if instance.specific_class is not None and instance.specific_class._meta.label_lower in FOLDED_INTO_PARENT:
            # A chapter: its handbook's document held it (unless the handbook goes too).
            parent = Page.objects.filter(path=instance.path[: -Page.steplen]).values_list("pk", flat=True).first()
            if parent is not None:
                sync.enqueue([parent])


def on_document_deleted(sender, instance, **kwargs):
    """Catch-all: direction rows written after the delete collector listed them go too."""
    SearchDocumentDirection.objects.filter(document_id=instance.pk).delete()


def on_restriction_changed(sender, instance, **kwargs):
    if instance.page_id:
        sync.enqueue([instance.page_id], subtree=True)
        _containers([instance.page_id])


def connect():
    page_published.connect(on_published, dispatch_uid="sitesearch_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sitesearch_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="sitesearch_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="sitesearch_page_deleted")
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="sitesearch_document_deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="sitesearch_restriction_saved")
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="sitesearch_restriction_deleted"
    )
