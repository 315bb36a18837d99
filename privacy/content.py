"""What a page says, field by field, and what the detector finds in it.

:func:`page_report` reads every text field of a page (text, rich text, StreamField blocks,
inline items such as members or gallery captions) and the documents it links (attachments,
resource files), and returns each finding with where it is (``正文``, ``附件《…》``).
It is used by the editor's form, the publish guard, the importers and ``privacy_audit``.
"""

import html
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import StreamField

from . import attachments, detector

# Fields that are not reading text, or repeat another field.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "path", "translation_key", "latest_revision_created_at"}
NAME_SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class Located:
    where: str
    finding: detector.Finding

    @property
    def blocking(self):
        return self.finding.blocking

    def describe(self):
        return f"{self.where}：{self.finding.label} {self.finding.masked}"

    def as_dict(self):
        return {
            "where": self.where,
            "kind": self.finding.kind,
            "label": self.finding.label,
            "masked": self.finding.masked,
        }


@dataclass
class Report:
    items: list = field(default_factory=list)

    @property
    def blocking(self):
        return [item for item in self.items if item.blocking]

    @property
    def warnings(self):
        return [item for item in self.items if not item.blocking]

    def __bool__(self):
        return bool(self.items)


def html_to_text(markup):
    return html.unescape(strip_tags(re.sub(r"<", " <", markup or "")))


def _stream_texts(data, images):
    """Strings in a StreamField's raw data (HTML stripped); counts image blocks in ``images``."""
    if isinstance(data, dict):
        block_type = data.get("type")
        if isinstance(block_type, str) and "image" in block_type:
            images.append(block_type)
        for key, value in data.items():
            if key in ("type", "id"):
                continue
            yield from _stream_texts(value, images)
    elif isinstance(data, list):
        for value in data:
            yield from _stream_texts(value, images)
    elif isinstance(data, str) and data.strip():
        yield html_to_text(data) if "<" in data else data


def stream_text(value, images=None):
    images = [] if images is None else images
    raw = getattr(value, "raw_data", value)
    return "\n".join(_stream_texts(list(raw or []), images))


def _is_text_field(model_field):
    if isinstance(model_field, StreamField):
        return True
    if not isinstance(model_field, (models.CharField, models.TextField)):
        return False
    if isinstance(model_field, (models.URLField, models.SlugField)) or model_field.choices:
        return False
    return model_field.name not in SKIPPED_FIELDS


def text_field_names(model):
    return [model_field.name for model_field in model._meta.concrete_fields if _is_text_field(model_field)]


def text_fields(obj, images=None):
    """``[(label, text)]`` for every text field of ``obj`` (a model instance)."""
    texts = []
    for model_field in obj._meta.concrete_fields:
        if not _is_text_field(model_field):
            continue
        value = getattr(obj, model_field.attname, None)
        if isinstance(model_field, StreamField):
            text = stream_text(value, images)
        else:
            text = html_to_text(value) if value and "<" in str(value) else (value or "")
        if text:
            texts.append((str(model_field.verbose_name), str(text)))
    return texts


def split_names(value):
    return [name for name in NAME_SEPARATORS.split(value or "") if len(name) >= 2]


def public_names(page, parent=None):
    """Names that are public on the studio: its host, its members, the page's authors.

    ``parent``: the page a new page is being created under (it has no place in the tree yet).
    """
    names = set(split_names(getattr(page, "authors", "")))
    if hasattr(page, "host_name"):
        studio = page
    elif page.path:
        studio = getattr(page, "studio", None)
    else:
        studio = getattr(parent, "specific", parent)
    if studio is not None and not hasattr(studio, "host_name"):  # a chapter's parent is its handbook
        studio = getattr(studio, "studio", None)
    if studio is not None:
        names.update(split_names(studio.host_name))
        names.update(member.name for member in studio.members.all() if member.name)
    return names


def child_relations(page):
    """``{accessor: (label, [child objects])}`` for the page's inline items (members, attachments …)."""
    from modelcluster.models import get_all_child_relations

    relations = {}
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        if name == "comments" or name.startswith("wagtail_"):
            continue
        relations[name] = (str(relation.related_model._meta.verbose_name), list(getattr(page, name).all()))
    return relations


def document_text(document):
    """The text of a Wagtail document, read once per file version; ``None`` when not scanned."""
    extension = (document.file_extension or "").lower()
    if extension not in attachments.SCANNED_EXTENSIONS:
        return None
    key = (document.pk, document.file.name, getattr(document, "file_hash", ""))
    return _cached_text(key, document)


_TEXT_CACHE = {}
_TEXT_CACHE_SIZE = 256


def _cached_text(key, document):
    if key in _TEXT_CACHE:
        return _TEXT_CACHE[key]
    try:
        with document.file.open("rb") as handle:
            data = handle.read(attachments.MAX_FILE_BYTES + 1)
        result = attachments.extract_text(data, document.file_extension)
    except attachments.Unreadable as error:
        result = error
    except OSError:
        result = attachments.Unreadable("文件不存在或无法打开")
    if len(_TEXT_CACHE) >= _TEXT_CACHE_SIZE:
        _TEXT_CACHE.pop(next(iter(_TEXT_CACHE)))
    _TEXT_CACHE[key] = result
    return result


def document_items(document, where, names=()):
    text = document_text(document)
    if text is None:
        return []
    if isinstance(text, attachments.Unreadable):
        return [Located(where, detector.Finding("unreadable", detector.WARNING, 0, 0, f"{text}，请人工核实"))]
    return [Located(where, finding) for finding in detector.scan(text, names)]


def _children_of(page, children):
    if children is not None:
        return children
    return child_relations(page)


def page_report(page, children=None, parent=None):
    """Every finding on ``page`` (its fields, inline items and linked documents), with where it is.

    ``children`` replaces the page's inline items (``{accessor: (label, [objects or dicts])}``):
    the admin form passes what the editor submitted, which is not on the page yet.
    """
    report = Report()
    relations = _children_of(page, children)
    names = public_names(page, parent)
    if "members" in relations:
        names.update(_value(item, "name") for item in relations["members"][1] if _value(item, "name"))
    work_contacts = getattr(page, "privacy_work_contacts_allowed", False)
    images = []
    for label, text in text_fields(page, images):
        for finding in detector.scan(text, names, work_contacts_allowed=work_contacts):
            report.items.append(Located(label, finding))
    if getattr(page, "privacy_images_need_consent", False):
        for number, _block in enumerate(images, start=1):
            finding = detector.Finding("image", detector.WARNING, 0, 0, f"第{number}张")
            report.items.append(Located("正文", finding))
    for label, items in relations.values():
        for number, item in enumerate(items, start=1):
            where = f"{label}第{number}项"
            document = _value(item, "document")
            if document is not None:
                title = _value(item, "title") or document.title
                report.items.extend(document_items(document, f"附件《{title}》", names))
            for field_name, text in _item_texts(item):
                for finding in detector.scan(text, names, work_contacts_allowed=work_contacts):
                    report.items.append(Located(f"{where}（{field_name}）", finding))
    return report


def _value(item, name):
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def _item_texts(item):
    if isinstance(item, dict):
        return [(key, value) for key, value in item.items() if isinstance(value, str) and value and key != "DELETE"]
    return text_fields(item)
