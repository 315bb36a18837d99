"""Bump the page-cache generation whenever something public pages show changes."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .pagecache import invalidate, invalidate_removal

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
    "home.Direction",
    # Promotion badges (推介) on cases, studios, listings and the home page.
    "promotions.Promotion",
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


def _page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    invalidate()


# Changes that take something away from the public: older entries are never served stale.
REMOVAL_MODELS = {"wagtailcore.PageViewRestriction", "wagtailcore.CollectionViewRestriction"}


def _page_deleted(sender, instance, **kwargs):
    invalidate_removal()


def _model_changed(sender, raw=False, **kwargs):
    if not raw:
        invalidate()


def _model_removed(sender, raw=False, **kwargs):
    if not raw:
        invalidate_removal()


def connect():
    from wagtail.models import Page

    page_published.connect(invalidate, dispatch_uid="ops_pagecache_published")
    page_unpublished.connect(invalidate_removal, dispatch_uid="ops_pagecache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="ops_pagecache_moved")
    page_models = [m for m in apps.get_models() if issubclass(m, Page)]
    for model in page_models:
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"ops_pagecache_save_{model._meta.label}")
        post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"ops_pagecache_delete_{model._meta.label}")
    for model in _watched_models():
        uid = f"ops_pagecache_{model._meta.label}"
        removal = model._meta.label in REMOVAL_MODELS
        post_save.connect(_model_removed if removal else _model_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(_model_removed, sender=model, dispatch_uid=uid + "_delete")
    # Page ↔ direction links shown on listings and cards.
    for model in page_models:
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_model_changed, sender=through, dispatch_uid=f"ops_pagecache_m2m_{through._meta.label}")


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
