"""Whitelist sanitising of rich text (Wagtail's database HTML format), with nh3 (ammonia).

The admin's Draftail editor can only produce safe markup, but rich text also arrives from
imports, the API, scripts and data migrations. Every page is cleaned on save (``ops.signals``),
so whatever a public page renders from its rich text fields and rich text blocks contains
no script, no event handler, no style and no ``javascript:`` link.
"""

from collections.abc import Mapping, Sequence

import nh3
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "b", "i", "strong", "em",
    "u", "s", "sub", "sup", "code", "blockquote", "a", "embed",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"data-block-key"},
    "a": {"href", "linktype", "id", "title"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    """Keep only the markup Wagtail's rich text uses; drop scripts, handlers, styles and bad links."""
    if not html:
        return html
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


def _clean_value(value):
    """Clean every RichText inside a StreamField value in place; returns True when one changed."""
    changed = False
    if isinstance(value, RichText):
        cleaned = clean_html(value.source)
        if cleaned != value.source:
            value.source = cleaned
            changed = True
        return changed
    children = None
    if isinstance(value, Mapping):
        children = list(value.values())  # StructValue
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        children = list(value)  # StreamValue (of StreamChild), ListValue, lists
    for child in children or ():
        child = getattr(child, "value", child)  # StreamChild / ListChild
        changed = _clean_value(child) or changed
    return changed


def clean_instance(instance):
    """Sanitise every rich text field and every rich text block of a model instance."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            value = getattr(instance, field.attname)
            if value:
                setattr(instance, field.attname, clean_html(value))
        elif isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            if value is not None and _clean_value(value):
                setattr(instance, field.attname, value)
