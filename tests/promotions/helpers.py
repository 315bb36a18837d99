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
        "activities": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def make_case(studio, title, *, year=2025, category="class-culture", publish=True):
    from wagtail.rich_text import RichText

    from cases.models import CasePage
    from tests.factories import directions

    case = CasePage(
        title=title,
        slug=f"case-{studio.pk}-{CasePage.objects.count() + 1}",
        authors="王芳、李明",
        category=category,
        year=year,
        summary=f"{title}的做法与成效。",
        body=[("paragraph", RichText("<p>从班级公约入手，师生共同制定、共同遵守。</p>"))],
        live=publish,
    )
    case.directions = directions()
    studio.add_child(instance=case)
    if publish:
        case.save_revision().publish()
    return case


def case_form(case, **extra):
    """The case editor's form as a browser posts it (``extra`` adds or overrides fields)."""
    from wagtail.test.utils.form_data import rich_text

    data = nested_form_data(
        {
            "title": case.title,
            "slug": case.slug,
            "authors": case.authors,
            "category": case.category,
            "year": case.year,
            "keywords": "",
            "summary": case.summary,
            "body": streamfield([("paragraph", rich_text("<p>从班级公约入手，师生共同制定、共同遵守。</p>"))]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data["directions"] = [direction.pk for direction in case.directions.all()]
    data.update(extra)
    return data
