import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def image_in(collection, title):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "PNG")
    return Image.objects.create(title=title, collection=collection, file=ImageFile(buffer, name="photo.png"))


def document_in(collection, title):
    return Document.objects.create(
        title=title, collection=collection, file=ContentFile("工作室资料".encode(), name="notes.txt")
    )


def update_form(title, slug, **extra):
    data = {
        "title": title,
        "slug": slug,
        "date": "2026-10-15",
        "activity_kind": "seminar",
        "summary": "围绕班级公约开展的专题研讨。",
        "body": streamfield([]),
        "gallery_images": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)
