"""Wagtail's own search (admin page search, choosers) with the project's Chinese analysis.

Wagtail 8 searches through ``modelsearch``'s database backend, which treats a run
of Chinese characters as one word: 心理 never finds 学生心理健康教育案例. This
module is that same backend (SQLite FTS5 or PostgreSQL, chosen by modelsearch
from the database) with two changes:

* **index side**: the plain-text fields of an object (``CharField``/``TextField``
  without their own ``get_searchable_content``, e.g. ``title``) are handed to
  modelsearch already segmented by ``search.analysis.index_text`` (words and
  their sub-words separated by spaces). Objects are copied, never modified.
* **query side**: the query string is cut by ``search.analysis.query_words`` and,
  unless the caller chose an operator, all words are required (``and``).

Configured in settings as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] =
"search.admin_backend"``. After switching an existing site to it, run
``python manage.py update_index`` once.
"""

from __future__ import annotations

import copy
import functools

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from modelsearch.backends.database import SearchBackend as vendor_backend
from modelsearch.index import SearchField

from .analysis import index_text, query_words


def _segmentable(model, field_name):
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, (models.CharField, models.TextField)) and not hasattr(field, "get_searchable_content")


def _segmented_copy(obj):
    clone = copy.copy(obj)
    for search_field in obj.get_search_fields():
        if isinstance(search_field, SearchField) and _segmentable(type(obj), search_field.field_name):
            value = getattr(obj, search_field.field_name, None)
            if isinstance(value, str) and value:
                setattr(clone, search_field.field_name, index_text(value))
    return clone


@functools.cache
def _segmenting_index(index_class):
    class SegmentingIndex(index_class):
        def add_items(self, model, objs):
            return super().add_items(model, [_segmented_copy(obj) for obj in objs])

    SegmentingIndex.__name__ = f"Segmenting{index_class.__name__}"
    return SegmentingIndex


@functools.cache
def _segmenting_backend(backend_class):
    class SegmentingBackend(backend_class):
        index_class = _segmenting_index(backend_class.index_class)

        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = " ".join(query_words(query))
                if kwargs.get("operator") is None:
                    kwargs["operator"] = "and"
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    SegmentingBackend.__name__ = f"Segmenting{backend_class.__name__}"
    return SegmentingBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = vendor_backend(params)
    return _segmenting_backend(type(backend))(params)
