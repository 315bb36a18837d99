"""Bulk loading: Wagtail's per-save bookkeeping done once per object at the end.

Every ``save()`` of a page, image or snippet makes Wagtail update its admin search index
(``modelsearch``) and its reference index, each through a task, one object at a time.
Loading hundreds of objects (``load_demo``) spent about half of its time there, most of it
on objects saved several times (a page: created, revised, published). Inside
``deferred_indexing()`` both are switched off; when the block ends without an error, each
object saved in it is indexed once, per model in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.db.models.signals import post_save
from modelsearch.backends import get_search_backends
from modelsearch.index import class_is_indexed
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred_indexing():
    """Collect the objects saved in the block; index them once when it ends without an error.

    For management commands (``load_demo``): it switches automatic updates off in the
    process-wide settings for the duration of the block, so it is not meant for requests.
    """
    saved = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved[sender].add(instance.pk)

    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    auto_update = {name: params.get("AUTO_UPDATE") for name, params in backends.items()}
    post_save.connect(collect, weak=False, dispatch_uid="core.bulkload.collect")
    try:
        for params in backends.values():
            params["AUTO_UPDATE"] = False
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="core.bulkload.collect")
        for name, value in auto_update.items():
            if value is None:
                backends[name].pop("AUTO_UPDATE", None)
            else:
                backends[name]["AUTO_UPDATE"] = value
    index_saved(saved)


def index_saved(saved):
    """Admin search and reference index for ``{model: {pk, …}}``, as the save signals would."""
    search_backends = list(get_search_backends(with_auto_update=True))
    for model, pks in saved.items():
        if search_backends and class_is_indexed(model):
            indexed = list(model.get_indexed_objects().filter(pk__in=pks))
            for backend in search_backends if indexed else ():
                backend.add_bulk(model, indexed)
        if ReferenceIndex.model_is_indexable(model):
            for obj in model._default_manager.filter(pk__in=pks):
                ReferenceIndex.create_or_update_for_object(obj)
