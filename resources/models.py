"""Handbooks (工作手册/指南, made of chapters) and the resource library (资源库).

Handbooks and resources live below their studio page in the tree; each keeps a
real ``studio`` foreign key in sync with its parent on save, so the site-wide
listings filter and count by studio in plain SQL.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Prefetch
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.routable_page.models import path as subpage_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.choices import Direction, HandbookTopic, ResourceType
from core.listing import Facet, FacetedListing, by_promotion, newest_first, parse_pk
from core.models import DocumentAttachment, SitePage
from privacy.panels import privacy_panel
from studios.models import StudioPage
from studios.rules import studio_rule_errors

from .files import format_label, human_size
from .forms import HandbookPageForm, ResourcePageForm
from .toc import build_toc, chapter_anchor

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link"]
HANDBOOKS_PER_PAGE = 12
RESOURCES_PER_PAGE = 12
MAX_PAGE_ID = 2**31 - 1


# Shared pieces ---------------------------------------------------------------
class StudioOwnedPage(SitePage):
    """A page below a studio page, with its studio kept as a real foreign key."""

    studio = models.ForeignKey(
        "studios.StudioPage",
        verbose_name=_("工作室"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("所属工作室（由页面位置自动确定）"),
    )

    parent_page_types = ["studios.StudioPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.studio_id = self._parent_studio_id()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "studio" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "studio"]
        return super().save(*args, **kwargs)

    def _parent_studio_id(self):
        if not self.path or self.depth is None or self.depth <= 1:
            return None
        parent_path = self.path[: -self.steplen]
        return StudioPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()


def studio_facet(queryset, label):
    """A facet on ``studio_id`` whose labels come from one query for every studio listed."""
    names = {}

    def label_for(pk):
        if not names:
            studio_ids = queryset.order_by().values_list("studio_id", flat=True).distinct()
            names.update(StudioPage.objects.filter(pk__in=studio_ids).values_list("pk", "title"))
        return names.get(pk, str(pk))

    return Facet("studio", label, "studio_id", parse=parse_page_id, label_for=label_for)


def parse_page_id(raw):
    """A page id from the query string; ``None`` when it cannot be one (too large for the database)."""
    pk = parse_pk(raw)
    return pk if pk is not None and pk <= MAX_PAGE_ID else None


# Handbooks -----------------------------------------------------------------
class Topic(models.Model):
    """One row per 手册主题 in :class:`core.choices.HandbookTopic`, created after migrate."""

    code = models.CharField(_("代码"), max_length=40, unique=True, choices=HandbookTopic.choices)

    class Meta:
        verbose_name = _("手册主题")
        verbose_name_plural = _("手册主题")
        ordering = ["id"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return HandbookTopic(self.code).label


def ensure_topics(**kwargs):
    """Create the topic rows from the vocabulary, in vocabulary order."""
    for value in HandbookTopic.values:
        Topic.objects.get_or_create(code=value)


class HandbookIndexPage(SitePage):
    """The handbook shelf at ``/handbooks/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("手册栏目顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("工作手册栏目")
        verbose_name_plural = _("工作手册栏目")

    def handbooks(self):
        return (
            HandbookPage.objects.live()
            .public()
            .select_related("studio", "cover")
            .prefetch_related("topics", "cover__renditions")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        queryset = self.handbooks()
        listing = FacetedListing(
            request,
            queryset,
            [
                Facet("topic", gettext("手册主题"), "topics__code", choices=HandbookTopic.choices),
                studio_facet(queryset, gettext("工作室")),
            ],
            per_page=HANDBOOKS_PER_PAGE,
            sorts=[newest_first(), by_promotion()],
            decorate=HandbookPage.attach_chapter_counts,
        )
        context.update(listing.context())
        return context


class ChapterStreamBlock(BaseStreamBlock):
    """A handbook chapter's body: the shared blocks; headings become the chapter's sections."""

    class Meta:
        label = _("章节正文")


class HandbookPage(RoutablePageMixin, StudioOwnedPage):
    """A head-teacher handbook (班主任工作手册/指南) made of chapters."""

    summary = models.CharField(_("摘要"), max_length=200, blank=True, help_text=_("列表中显示的一两句话，200 字以内"))
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("手册主题"), related_name="handbooks", help_text=_("至少选择一个主题")
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("列表与分享时显示的图片"),
    )
    intro = RichTextField(_("前言"), blank=True, features=RICH_FEATURES, help_text=_("手册的编写目的、使用说明"))

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.FilterField("studio"),
    ]

    page_description = _("分章节的工作手册或指南，适合系统整理的带班经验；章节在手册下面添加。")
    subpage_types = ["resources.HandbookChapterPage"]
    base_form_class = HandbookPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("cover"),
        FieldPanel("intro"),
        privacy_panel(),
    ]

    class Meta:
        verbose_name = _("工作手册")
        verbose_name_plural = _("工作手册")

    def clean(self):
        super().clean()
        counts = getattr(self, "_submitted_counts", {})
        topic_count = counts["topics"] if "topics" in counts else len(self.topics.all())
        if topic_count is not None and topic_count < 1:
            raise ValidationError({"topics": gettext("请至少选择一个手册主题。")})

    @cached_property
    def topic_labels(self):
        return [topic.label for topic in self.topics.all()]

    def chapters(self):
        """The live chapters, in tree order (the order editors set in the admin)."""
        return HandbookChapterPage.objects.child_of(self).live().order_by("path")

    @cached_property
    def toc(self):
        """``[(number, chapter, sections, body_items)]`` for every live chapter."""
        entries = []
        for number, chapter in enumerate(self.chapters(), start=1):
            sections, items = build_toc(chapter.body, number, shift=1)
            entries.append(
                {
                    "number": number,
                    "chapter": chapter,
                    "anchor": chapter_anchor(number),
                    "sections": sections,
                    "items": items,
                }
            )
        return entries

    @classmethod
    def attach_chapter_counts(cls, handbooks):
        """Set ``chapter_count`` on each handbook with one query for the whole list."""
        handbooks = list(handbooks)
        if not handbooks:
            return
        by_depth = {}
        for handbook in handbooks:
            by_depth.setdefault(handbook.depth, []).append(handbook)
        counts = {}
        for depth, group in by_depth.items():
            length = depth * cls.steplen
            rows = (
                HandbookChapterPage.objects.live()
                .filter(depth=depth + 1)
                .annotate(parent_path=Substr("path", 1, length))
                .filter(parent_path__in=[h.path for h in group])
                .order_by()
                .values("parent_path")
                .annotate(n=Count("pk"))
                .values_list("parent_path", "n")
            )
            counts.update(dict(rows))
        for handbook in handbooks:
            handbook.chapter_count = counts.get(handbook.path, 0)

    @property
    def full_url(self):
        """The whole-handbook page (all chapters in one document, for printing)."""
        return self.url + self.reverse_subpage("full")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["toc"] = self.toc
        return context

    @subpage_path("full/", name="full")
    def full(self, request):
        """The whole handbook in one document, for reading straight through and printing."""
        return self.render(request, template="resources/handbook_full.html")


class HandbookChapterPage(SitePage):
    """One chapter of a handbook; its headings make its table of contents."""

    body = StreamField(
        ChapterStreamBlock(), verbose_name=_("正文"), default=list, help_text=_("用“小标题”分节，目录自动生成")
    )

    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["resources.HandbookPage"]
    page_description = _("工作手册的一章：用小标题分节，手册目录自动生成。")
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("body"), privacy_panel()]

    class Meta:
        verbose_name = _("手册章节")
        verbose_name_plural = _("手册章节")

    @cached_property
    def handbook(self):
        return HandbookPage.objects.filter(path=self.path[: -self.steplen]).first()

    @cached_property
    def siblings(self):
        return list(self.handbook.chapters().defer_streamfields()) if self.handbook else []

    @cached_property
    def number(self):
        """The chapter's number: its position among the handbook's live chapters."""
        return 1 + sum(1 for chapter in self.siblings if chapter.path < self.path)

    @cached_property
    def previous_chapter(self):
        before = [chapter for chapter in self.siblings if chapter.path < self.path]
        return before[-1] if before else None

    @cached_property
    def next_chapter(self):
        after = [chapter for chapter in self.siblings if chapter.path > self.path]
        return after[0] if after else None

    @cached_property
    def _toc(self):
        return build_toc(self.body, self.number)

    @property
    def sections(self):
        return self._toc[0]

    @property
    def body_items(self):
        return self._toc[1]

    @property
    def studio(self):
        return self.handbook.studio if self.handbook else None


# Resources -----------------------------------------------------------------
class ResourceIndexPage(SitePage):
    """The resource library at ``/resources/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("资源库顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("资源库")
        verbose_name_plural = _("资源库")

    def resources(self):
        return _with_listing_relations(ResourcePage.objects.live().public())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        queryset = self.resources()
        listing = FacetedListing(
            request,
            queryset,
            [
                Facet("type", gettext("资源类型"), "resource_type", choices=ResourceType.choices),
                Facet("direction", gettext("建设方向"), "directions__code", choices=Direction.choices),
                studio_facet(queryset, gettext("工作室")),
            ],
            per_page=RESOURCES_PER_PAGE,
            sorts=[newest_first(), by_promotion()],
        )
        context.update(listing.context())
        return context


class ResourcePage(StudioOwnedPage):
    """A resource (方案、制度、课件、视频……) of a studio."""

    resource_type = models.CharField(
        _("资源类型"),
        max_length=30,
        choices=ResourceType.choices,
        default=ResourceType.CLASS_PLAN,
        db_index=True,
        help_text=_("资源所属的类型"),
    )
    description = models.TextField(_("简介"), default="", help_text=_("资源的内容、适用对象与使用建议"))
    directions = ParentalManyToManyField(
        "core.Direction", verbose_name=_("建设方向"), related_name="resources", help_text=_("选择 1-3 个建设方向")
    )
    video_url = models.URLField(_("视频链接"), blank=True, help_text=_("视频资源的播放地址；与附件至少提供一项"))

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("resource_type"),
        index.FilterField("studio"),
    ]

    page_description = _("供下载的资源：班级建设方案、制度、课件、视频或研究成果，进入资源库。")
    base_form_class = ResourcePageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("resource_type")]),
        FieldPanel("description"),
        FieldPanel("directions", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [InlinePanel("files", label=_("附件")), FieldPanel("video_url")],
            heading=_("附件与视频（至少一项）"),
        ),
        privacy_panel(),
    ]

    class Meta:
        verbose_name = _("资源")
        verbose_name_plural = _("资源")

    def clean(self):
        super().clean()
        counts = getattr(self, "_submitted_counts", {})
        direction_count = counts["directions"] if "directions" in counts else len(self.directions.all())
        file_count = counts["files"] if "files" in counts else len(self.files.all())
        errors = studio_rule_errors(direction_count=direction_count)
        if not file_count and not self.video_url:
            errors[NON_FIELD_ERRORS] = gettext("请至少上传一个附件或填写视频链接。")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def direction_labels(self):
        return [direction.label for direction in self.directions.all()]

    @property
    def type_label(self):
        return ResourceType(self.resource_type).label if self.resource_type in ResourceType.values else ""

    @cached_property
    def file_list(self):
        """The files with their format, size and download count (uses prefetched rows when present)."""
        return [item for item in self.files.all() if item.document_id]

    @property
    def formats(self):
        seen = []
        for item in self.file_list:
            if item.format not in seen:
                seen.append(item.format)
        return seen

    @property
    def download_total(self):
        return sum(item.download_count for item in self.file_list)


def _with_listing_relations(queryset):
    return queryset.select_related("studio").prefetch_related(
        "directions",
        Prefetch("files", queryset=ResourceFile.objects.select_related("document", "document__download_stat")),
    )


class ResourceFile(DocumentAttachment):
    """A downloadable file of a resource (a Wagtail document)."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files", verbose_name=_("资源"))

    @property
    def format(self):
        return format_label(self.document.filename)

    @property
    def size(self):
        return human_size(self.document.file_size)

    @property
    def download_count(self):
        try:
            return self.document.download_stat.count
        except DocumentDownload.DoesNotExist:
            return 0

    @property
    def download_url(self):
        from django.urls import reverse

        return reverse("resources:download", args=[self.document_id])


class DocumentDownload(models.Model):
    """How many times a document was downloaded from the resource library (server-side)."""

    document = models.OneToOneField(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="download_stat"
    )
    count = models.PositiveIntegerField(_("下载次数"), default=0)

    class Meta:
        verbose_name = _("下载统计")
        verbose_name_plural = _("下载统计")

    def __str__(self):
        return f"{self.document} · {self.count}"

    @classmethod
    def record(cls, document, client):
        """Count a download of ``document`` by ``client`` (resources.views.client_key), once per client and day.

        Returns whether it was counted. Yesterday's record of who downloaded what is dropped
        as soon as today's first download is recorded.
        """
        today = timezone.localdate()
        with transaction.atomic():
            _visit, first_today = DocumentDownloadVisit.objects.get_or_create(
                document=document, day=today, client=client
            )
            if not first_today:
                return False
            stat, _created = cls.objects.get_or_create(document=document)
            cls.objects.filter(pk=stat.pk).update(count=F("count") + 1)
            DocumentDownloadVisit.objects.filter(day__lt=today).delete()
        return True


class DocumentDownloadVisit(models.Model):
    """A client that downloaded a document today: repeated requests count once a day."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("日期"), db_index=True)
    client = models.CharField(_("访客"), max_length=64, help_text=_("访客地址的密钥散列（不保存地址本身）"))

    class Meta:
        verbose_name = _("当日下载访客")
        verbose_name_plural = _("当日下载访客")
        constraints = [
            models.UniqueConstraint(fields=["document", "day", "client"], name="download_once_per_client_per_day"),
        ]

    def __str__(self):
        return f"{self.document_id} · {self.day}"
