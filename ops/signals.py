"""Bump the page-cache generation whenever something public pages show changes, and the
version of the fragment scopes the change affects (``ops.pagecache.fragment_version``)."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .pagecache import COMMON_SCOPE, bump_fragments, invalidate, invalidate_removal, type_scope

# Fields a draft save (save_revision, locking) writes on the page row: the live page is unchanged.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "live_revision",
}

DEFAULT_WATCHED_MODELS = [
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.Collection",
    "wagtailcore.Site",
    "wagtailredirects.Redirect",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "core.Direction",
    # Promotion badges (推介) on cases, studios, listings and the home page.
    "promotions.Promotion",
]

# Models whose rows belong to one studio (``studio_id``) and show on its page only.
STUDIO_MODELS = [
    "assessment.Activity",  # the 辐射带动 charts
    "assessment.AssessmentRound",  # the 验收通过 badge
]


def _watched_models():
    names = DEFAULT_WATCHED_MODELS + list(getattr(settings, "OPS_PAGE_CACHE_WATCHED_MODELS", []))
    models = set()
    for name in names:
        try:
            models.add(apps.get_model(name))
        except LookupError:
            continue
    # Site and generic settings (wagtail.contrib.settings) appear on every page.
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    for model in apps.get_models():
        if issubclass(model, (BaseGenericSetting, BaseSiteSetting)):
            models.add(model)
    return models


def _no_scope(page):
    return None


# How a page finds its fragment scope beyond ``common``: registered by the app that owns the
# scopes (studios.apps: ``studio:<pk>`` for the pages of a studio's space), since the page
# cache sits below the apps whose pages it caches.
_page_scope = _no_scope


def scope_pages_by(function):
    """Register ``function(page)``: the fragment scope ``page`` belongs to, or ``None``."""
    global _page_scope
    _page_scope = function
    return function


def page_scope(page):
    return f"page:{page.pk}"


# What a page shows of other pages it does not own: their title and address (breadcrumbs,
# links, cards). A change to these on a page outside any studio retires every fragment.
NAVIGATION_FIELDS = ("title", "url_path", "live")


def _remember_navigation(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a live page row is saved, note its title, address and state as stored."""
    if raw or instance.pk is None or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    from wagtail.models import Page

    instance._ops_navigation_before = Page.objects.filter(pk=instance.pk).values_list(*NAVIGATION_FIELDS).first()


def _navigation_changed(page):
    before = getattr(page, "_ops_navigation_before", None)
    return before is None or before != tuple(getattr(page, name) for name in NAVIGATION_FIELDS)


def page_scopes(page):
    """The fragment scopes a change to ``page`` affects.

    A page below a studio (or the studio itself): that studio's scope, and its type's. A page
    outside any studio (the home page, an index, a notice): its own scope and its type's when
    only its content changed; ``common`` when its title or address did (they may appear
    anywhere, e.g. in breadcrumbs and card links).
    """
    scopes = [type_scope((page.specific_class or type(page))._meta.label)] if page.path else []
    scope = _page_scope(page) if page.path else None
    if scope is not None:
        return [scope, *scopes]
    if not page.path or _navigation_changed(page):
        return [COMMON_SCOPE, *scopes]
    return [page_scope(page), *scopes]


def _page_published(sender, instance, **kwargs):
    invalidate()
    bump_fragments(*page_scopes(instance))


def _page_unpublished(sender, instance, **kwargs):
    invalidate_removal()
    bump_fragments(COMMON_SCOPE, *page_scopes(instance))


def _page_moved(sender, **kwargs):
    invalidate()
    bump_fragments(COMMON_SCOPE)


def _page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    invalidate()
    bump_fragments(*page_scopes(instance))


# Changes that take something away from the public: older entries are never served stale.
REMOVAL_MODELS = {"wagtailcore.PageViewRestriction", "wagtailcore.CollectionViewRestriction"}


def _page_deleted(sender, instance, **kwargs):
    invalidate_removal()
    bump_fragments(COMMON_SCOPE)


def _model_changed(sender, raw=False, **kwargs):
    if not raw:
        invalidate()
        bump_fragments(COMMON_SCOPE)


def _model_removed(sender, raw=False, **kwargs):
    if not raw:
        invalidate_removal()
        bump_fragments(COMMON_SCOPE)


def _studio_row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate()
        bump_fragments(f"studio:{instance.studio_id}")


def _page_relations_changed(sender, instance, raw=False, **kwargs):
    from wagtail.models import Page

    if raw:
        return
    invalidate()
    bump_fragments(*(page_scopes(instance) if isinstance(instance, Page) else [COMMON_SCOPE]))


def connect():
    from wagtail.models import Page

    page_published.connect(_page_published, dispatch_uid="ops_pagecache_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="ops_pagecache_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="ops_pagecache_moved")
    page_models = [m for m in apps.get_models() if issubclass(m, Page)]
    for model in page_models:
        pre_save.connect(_remember_navigation, sender=model, dispatch_uid=f"ops_pagecache_before_{model._meta.label}")
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"ops_pagecache_save_{model._meta.label}")
        post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"ops_pagecache_delete_{model._meta.label}")
    for model in _watched_models():
        uid = f"ops_pagecache_{model._meta.label}"
        removal = model._meta.label in REMOVAL_MODELS
        post_save.connect(_model_removed if removal else _model_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(_model_removed, sender=model, dispatch_uid=uid + "_delete")
    for name in STUDIO_MODELS:
        try:
            model = apps.get_model(name)
        except LookupError:
            continue
        uid = f"ops_pagecache_studio_{model._meta.label}"
        post_save.connect(_studio_row_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(_studio_row_changed, sender=model, dispatch_uid=uid + "_delete")
    # Page ↔ direction links shown on listings and cards.
    for model in page_models:
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _page_relations_changed, sender=through, dispatch_uid=f"ops_pagecache_m2m_{through._meta.label}"
            )


def _sanitise_page(sender, instance, raw=False, **kwargs):
    if not raw:
        from .sanitize import clean_instance

        clean_instance(instance)


def connect_sanitiser():
    from django.db.models.signals import pre_save
    from wagtail.models import Page

    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(_sanitise_page, sender=model, dispatch_uid=f"ops_sanitise_{model._meta.label}")
