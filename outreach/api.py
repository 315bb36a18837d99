"""Wagtail API v2 at ``/api/v2/``: public pages, images and documents.

The fields each page type exposes are configured here (``PAGE_API_FIELDS``)
rather than on the models, so the API is one readable table. Public content only:
the pages endpoint serves live pages without view restrictions (Wagtail's
``get_public_pages_queryset``); the images and documents endpoints serve only
files that a live, public page uses (Wagtail's reference index) and that are
not in a restricted collection – an image uploaded for a draft stays private.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from .sharing import plain_text


class LabelField(serializers.Field):
    """The Chinese label of a choice field (``province_label``: 贵州省)."""

    def __init__(self, choice_field, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        self.choice_field = choice_field
        super().__init__(**kwargs)

    def to_representation(self, instance):
        value = getattr(instance, self.choice_field, "")
        if not value:
            return ""
        return str(dict(instance._meta.get_field(self.choice_field).choices).get(value, value))


class DirectionsField(serializers.Field):
    """建设方向 as ``[{"code": "family-school", "label": "家校协同"}]``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [{"code": d.code, "label": str(d.label)} for d in manager.all()]


class MembersField(serializers.Field):
    """A studio's team: ``[{"name", "role", "title", "subject", "years"}]``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [
            {"name": m.name, "role": m.role, "title": m.title, "subject": m.subject, "years": m.years}
            for m in manager.all()
        ]


class WorkCarriersField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance):
        return instance.work_carrier_labels


class StudioSummaryField(serializers.Field):
    """The studio a case/update/resource/handbook belongs to: ``{"id", "title", "school", "province"}``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, page):
        studio = getattr(page, "studio", None)
        if studio is None:
            return None
        return {
            "id": studio.pk,
            "title": studio.title,
            "school": studio.school,
            "province": studio.province,
            "province_label": str(studio.get_province_display()),
            "html_url": studio.get_full_url(self.context.get("request")),
        }


class PlainTextField(serializers.Field):
    """A rich text or StreamField value as plain text (for reposting on new-media platforms)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return plain_text(str(value))


class DocumentsListField(serializers.Field):
    """Inline attachments/files: ``[{"id", "title", "download_url"}]`` (whatever the inline model calls its FK)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        request = self.context.get("request")
        items = []
        for row in manager.all():
            document = getattr(row, "document", None) or getattr(row, "file", None)
            if document is None:
                continue
            items.append(
                {
                    "id": document.pk,
                    "title": getattr(row, "title", "") or document.title,
                    "download_url": request.build_absolute_uri(document.url) if request else document.url,
                }
            )
        return items


def _labelled(*names):
    fields = []
    for name in names:
        fields += [APIField(name), APIField(f"{name}_label", serializer=LabelField(name))]
    return fields


def _image(name):
    return [APIField(name), APIField(f"{name}_thumbnail", serializer=ImageRenditionField("fill-400x300", source=name))]


# The documented fields of each public page type (see outreach/openapi.py).
PAGE_API_FIELDS = {
    "studios.StudioPage": [
        APIField("school"),
        *_labelled("school_type", "province"),
        APIField("city"),
        *_labelled("level", "status", "construction_model"),
        APIField("cycle_start_year"),
        APIField("cycle_years"),
        APIField("directions", serializer=DirectionsField()),
        APIField("host_name"),
        APIField("host_title"),
        APIField("host_years"),
        APIField("host_honours"),
        *_image("host_photo"),
        APIField("members", serializer=MembersField()),
        APIField("introduction"),
        APIField("philosophy"),
        APIField("work_carriers", serializer=WorkCarriersField(source="*")),
        APIField("carriers_note"),
        APIField("wechat_account"),
        APIField("video_account"),
        APIField("website"),
    ],
    "studios.StudioUpdatePage": [
        APIField("studio", serializer=StudioSummaryField()),
        APIField("date"),
        *_labelled("activity_kind"),
        APIField("summary"),
        *_image("cover"),
        APIField("body"),
        APIField("body_text", serializer=PlainTextField(source="body")),
    ],
    "cases.CasePage": [
        APIField("studio", serializer=StudioSummaryField()),
        APIField("authors"),
        *_labelled("category"),
        APIField("directions", serializer=DirectionsField()),
        APIField("year"),
        APIField("summary"),
        APIField("keywords"),
        *_labelled("promotion_level"),
        *_image("cover"),
        APIField("body"),
        APIField("body_text", serializer=PlainTextField(source="body")),
        APIField("attachments", serializer=DocumentsListField()),
    ],
    "resources.ResourcePage": [
        APIField("studio", serializer=StudioSummaryField()),
        *_labelled("resource_type"),
        APIField("description"),
        APIField("directions", serializer=DirectionsField()),
        APIField("video_url"),
        APIField("files", serializer=DocumentsListField()),
    ],
    "resources.HandbookPage": [
        APIField("studio", serializer=StudioSummaryField()),
        APIField("summary"),
        APIField("topics"),
    ],
    "resources.HandbookChapterPage": [
        APIField("body"),
        APIField("body_text", serializer=PlainTextField(source="body")),
    ],
    "cases.CaseIndexPage": [APIField("intro")],
    "studios.StudioIndexPage": [APIField("intro")],
    "resources.HandbookIndexPage": [APIField("intro")],
    "resources.ResourceIndexPage": [APIField("intro")],
}


def _required_attr(field):
    serializer = field.serializer
    if isinstance(serializer, LabelField):
        return serializer.choice_field
    if serializer is not None and serializer.source not in (None, "*"):
        return serializer.source
    return field.name


def page_api_fields(model):
    """The configured fields for ``model`` that it has (fields of models still being built are skipped)."""
    return [field for field in PAGE_API_FIELDS.get(model._meta.label, []) if hasattr(model, _required_attr(field))]


class BoundedPagination(WagtailPagination):
    """An offset no listing can reach is a 400, not a number the database cannot hold (a 500)."""

    MAX_OFFSET = 1_000_000_000

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > self.MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {self.MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Live, public pages with the fields of ``PAGE_API_FIELDS``."""

    pagination_class = BoundedPagination

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(
            cls.body_fields + list(getattr(model, "api_fields", ())) + page_api_fields(model)
        )


def used_by_public_pages(model):
    """Pks of ``model`` objects referenced by a live, public page."""
    public_page_ids = Page.objects.live().public().annotate(str_id=Cast("pk", output_field=CharField()))
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
        object_id__in=public_page_ids.values("str_id"),
    ).values_list("to_object_id", flat=True)


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination

    def get_queryset(self):
        model = get_image_model()
        ids = [int(pk) for pk in used_by_public_pages(model) if str(pk).isdigit()]
        return super().get_queryset().filter(pk__in=ids)


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination

    def get_queryset(self):
        model = get_document_model()
        ids = [int(pk) for pk in used_by_public_pages(model) if str(pk).isdigit()]
        return super().get_queryset().filter(pk__in=ids)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

__all__ = ["PAGE_API_FIELDS", "api_router"]
