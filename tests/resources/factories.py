"""Builders for handbooks and resources (kept beside their tests; studios come from tests.factories)."""

import itertools

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from core.choices import Direction, HandbookTopic, ResourceType
from resources.models import HandbookChapterPage, HandbookPage, ResourceFile, ResourcePage, Topic
from tests.factories import directions

_counter = itertools.count(1)


def make_document(title="测试文件", filename=None, content=b"%PDF-1.4\n% test\n", collection=None):
    n = next(_counter)
    document = Document(title=title, file=ContentFile(content, name=filename or f"test-{n}.pdf"))
    if collection is not None:
        document.collection = collection
    document._set_document_file_metadata()
    document.save()
    return document


def _publish(page, publish):
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def make_resource(
    studio,
    title=None,
    *,
    resource_type=ResourceType.CLASS_PLAN,
    direction_codes=(Direction.CLASS_MANAGEMENT,),
    documents=None,
    video_url="",
    publish=True,
    **fields,
):
    """A resource below ``studio`` with one PDF unless ``documents`` or ``video_url`` say otherwise."""
    n = next(_counter)
    if documents is None:
        documents = [] if video_url else [make_document(f"附件{n}")]
    resource = ResourcePage(
        title=title or f"测试资源{n}",
        slug=fields.pop("slug", f"resource-{n}"),
        resource_type=resource_type,
        description=fields.pop("description", "用于测试的资源简介。"),
        video_url=video_url,
        live=publish,
        **fields,
    )
    resource.directions = directions(*direction_codes)
    resource.files = [ResourceFile(document=document) for document in documents]
    studio.add_child(instance=resource)
    return _publish(resource, publish)


def heading(text, size="h2"):
    return ("heading", {"text": text, "size": size})


def paragraph(html):
    return ("paragraph", html)


def make_handbook(studio, title=None, *, topics=(HandbookTopic.CLASS_MANAGEMENT,), chapters=(), publish=True, **fields):
    """A handbook below ``studio``; ``chapters`` is a list of ``(title, body blocks)``."""
    n = next(_counter)
    handbook = HandbookPage(
        title=title or f"测试手册{n}",
        slug=fields.pop("slug", f"handbook-{n}"),
        summary=fields.pop("summary", "用于测试的手册。"),
        live=publish,
        **fields,
    )
    handbook.topics = list(Topic.objects.filter(code__in=topics))
    studio.add_child(instance=handbook)
    _publish(handbook, publish)
    for chapter_title, body in chapters:
        make_chapter(handbook, chapter_title, body)
    return handbook


def make_chapter(handbook, title, body, *, publish=True):
    n = next(_counter)
    chapter = HandbookChapterPage(title=title, slug=f"chapter-{n}", body=list(body), live=publish)
    handbook.add_child(instance=chapter)
    return _publish(chapter, publish)
