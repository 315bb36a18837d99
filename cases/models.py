import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Subquery, prefetch_related_objects
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.choices import CaseCategory, Direction, PromotionLevel, Province, SchoolType, split_list
from core.listing import Facet, FacetedListing, Lazy, by_promotion, newest_first, parse_year
from core.models import DocumentAttachment, SitePage
from privacy.panels import privacy_panel
from studios.models import StudioPage

from .forms import CasePageForm
from .panels import CaseWritingGuidePanel
from .rules import (
    MAX_BODY_CHARACTERS,
    MAX_SUMMARY_CHARACTERS,
    WARN_BODY_CHARACTERS,
    count_characters,
    direction_count_error,
    plain_text,
    reading_minutes,
    summary_length_error,
    validate_case_body,
)


def current_year():
    return datetime.date.today().year


class CaseBodyBlock(BaseStreamBlock):
    """The case body: the shared block library (3000 non-whitespace characters at most)."""

    class Meta:
        label = _("正文")


class CaseIndexPage(SitePage):
    """The case library at ``/cases/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("案例库顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    per_page = 12

    class Meta:
        verbose_name = _("案例库")
        verbose_name_plural = _("案例库")

    def cases(self):
        """Every published case, with what a library card shows."""
        return (
            CasePage.objects.live()
            .public()
            .select_related("studio", "cover")
            .prefetch_related("directions", "cover__renditions")
        )

    def facets(self):
        return [
            Facet("category", _("案例类别"), "category", choices=CaseCategory.choices),
            Facet("direction", _("建设方向"), "directions__code", choices=Direction.choices),
            Facet("province", _("省份"), "studio__province", choices=Province.choices),
            Facet("school_type", _("学校类型"), "studio__school_type", choices=SchoolType.choices),
            Facet("year", _("年度"), "year", parse=parse_year, descending=True),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = FacetedListing(
            request=request,
            queryset=self.cases(),
            facets=self.facets(),
            per_page=self.per_page,
            sorts=[
                newest_first(*CasePage.LIBRARY_ORDER),
                by_promotion(*CasePage.LIBRARY_ORDER, field_name="promotion_level", aggregate=False),
            ],
        )
        context.update(listing.context())
        return context


class CasePage(SitePage):
    """A typical case (典型案例), below the studio that owns it.

    ``studio`` is a real foreign key to the parent studio, kept in step on every
    save and move, so that the case library filters by province and school type
    with plain joins.
    """

    studio = models.ForeignKey(
        "studios.StudioPage",
        verbose_name=_("工作室"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text=_("案例所属的工作室（即上级页面）"),
    )
    authors = models.CharField(_("作者"), max_length=200, help_text=_("作者姓名，多人用“、”分隔，如：王芳、李明"))
    category = models.CharField(
        _("案例类别"), max_length=30, choices=CaseCategory.choices, db_index=True, help_text=_("案例库类别")
    )
    directions = ParentalManyToManyField(
        "core.Direction", verbose_name=_("建设方向"), related_name="cases", help_text=_("选择 1-3 个建设方向")
    )
    year = models.PositiveSmallIntegerField(
        _("年度"),
        default=current_year,
        db_index=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("案例所属年度"),
    )
    summary = models.TextField(
        _("摘要"),
        max_length=MAX_SUMMARY_CHARACTERS,
        help_text=_("案例的简要介绍，%(max)d 字以内") % {"max": MAX_SUMMARY_CHARACTERS},
    )
    body = StreamField(
        CaseBodyBlock(),
        verbose_name=_("正文"),
        help_text=_("背景、过程、措施、成效与反思；不超过 %(max)d 字（不含空白字符）") % {"max": MAX_BODY_CHARACTERS},
    )
    keywords = models.CharField(_("关键词"), max_length=200, blank=True, help_text=_("多个关键词用“、”分隔"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("列表与分享时显示的图片（可选）"),
    )
    promotion_level = models.CharField(
        _("推介级别"),
        max_length=20,
        choices=PromotionLevel.choices,
        default=PromotionLevel.NONE,
        db_index=True,
        editable=False,
        help_text=_("案例获得的最高推介级别，由推介记录自动得出"),
    )

    LIBRARY_ORDER = ("-first_published_at", "-pk")
    RELATED_LIMIT = 4

    search_fields = Page.search_fields + [
        index.SearchField("authors"),
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("year"),
        index.FilterField("promotion_level"),
        index.RelatedFields("directions", [index.FilterField("code")]),
    ]

    page_description = _("五类之一的典型案例，正文 3000 字以内；经学校、省级审核后进入案例库。")
    parent_page_types = ["studios.StudioPage"]
    subpage_types = []
    base_form_class = CasePageForm
    # Follows the case's promotions (promotions.records), never its content: a copy starts unpromoted.
    exclude_fields_in_copy = ["promotion_level"]
    privacy_images_need_consent = True

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("category", widget=forms.RadioSelect),
                CaseWritingGuidePanel(),
                FieldPanel("year"),
                FieldPanel("directions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("keywords"),
            ],
            heading=_("案例信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("cover"),
        # The live counter; its script moves it into the editor's sticky footer.
        HelpPanel(
            content=(
                f'<p class="case-body-counter" data-case-body-counter data-limit="{MAX_BODY_CHARACTERS}" '
                f'data-warn="{WARN_BODY_CHARACTERS}" aria-live="polite">正文 '
                f'<span class="case-body-counter__count" data-case-body-count>0</span> / {MAX_BODY_CHARACTERS} 字'
                f'<span class="case-body-counter__note" data-case-body-note></span></p>'
            ),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件"), heading=_("附件")),
        privacy_panel(),
    ]

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")

    # Rules -------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        try:
            validate_case_body(self.body)
        except ValidationError as error:
            errors["body"] = error.messages
        summary_error = summary_length_error(self.summary)
        if summary_error:
            errors["summary"] = summary_error
        # The admin form hands over what the editor submitted (see CasePageForm);
        # elsewhere (imports, API, code) the in-memory relation is counted.
        submitted = getattr(self, "_submitted_direction_count", "unset")
        direction_count = len(self.directions.all()) if submitted == "unset" else submitted
        if direction_count is not None:
            message = direction_count_error(direction_count)
            if message:
                errors["directions"] = message
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.sync_studio()
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision carries the level it was saved with; publishing it must not bring that back.
        page = super().with_content_json(content)
        page.promotion_level = self.promotion_level
        return page

    def sync_studio(self):
        """Point ``studio`` at the parent studio page (the tree is the source of truth)."""
        if not self.path or self.depth is None or self.depth <= 1:
            return
        parent_path = self.path[: -self.steplen]
        studio_id = StudioPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
        if studio_id is not None:
            self.studio_id = studio_id

    # Display -----------------------------------------------------------------
    @cached_property
    def body_text(self):
        return plain_text(self.body)

    @cached_property
    def character_count(self):
        return count_characters(self.body_text)

    @property
    def reading_minutes(self):
        return reading_minutes(self.character_count)

    @cached_property
    def direction_labels(self):
        return [d.label for d in self.directions.all()]

    @property
    def author_list(self):
        return split_list(self.authors)

    @property
    def keyword_list(self):
        return split_list(self.keywords)

    @property
    def is_promoted(self):
        return self.promotion_level and self.promotion_level != PromotionLevel.NONE

    # Neighbours ----------------------------------------------------------------
    def library_cases(self):
        return CasePage.objects.live().public()

    def related_cases(self):
        """At most four cases of the same category or sharing a direction, ready for case cards."""
        direction_ids = [d.pk for d in self.directions.all()]
        sharing_a_direction = CasePage.directions.through.objects.filter(direction_id__in=direction_ids)
        return list(
            self.library_cases()
            .filter(Q(category=self.category) | Q(pk__in=sharing_a_direction.values("casepage_id")))
            .exclude(pk=self.pk)
            .defer_streamfields()
            .select_related("studio", "cover")
            .prefetch_related("directions", "cover__renditions")
            .order_by(*self.LIBRARY_ORDER)[: self.RELATED_LIMIT]
        )

    def neighbours(self):
        """``(previous, next)``: the cases listed just before (newer) and after (older) this one
        in the library, newest first; fetched together in one query."""
        if not self.first_published_at:
            return None, None
        cases = self.library_cases().exclude(pk=self.pk)
        at, pk = self.first_published_at, self.pk
        newer = cases.filter(Q(first_published_at__gt=at) | Q(first_published_at=at, pk__gt=pk))
        older = cases.filter(Q(first_published_at__lt=at) | Q(first_published_at=at, pk__lt=pk))
        newer_pk = newer.order_by("first_published_at", "pk").values("pk")[:1]
        older_pk = older.order_by(*self.LIBRARY_ORDER).values("pk")[:1]
        found = CasePage.objects.filter(Q(pk=Subquery(newer_pk)) | Q(pk=Subquery(older_pk))).defer_streamfields()
        previous = following = None
        for case in found:
            if (case.first_published_at, case.pk) > (at, pk):
                previous = case
            else:
                following = case
        return previous, following

    def get_context(self, request, *args, **kwargs):
        """The case with its attachments, the previous/next cases of the library and the related
        cases. The template keeps all of it in a fragment (until a page of this studio or any
        case changes), so each value is read only when the fragment is rendered."""
        context = super().get_context(request, *args, **kwargs)
        neighbours = Lazy(self.neighbours)

        def with_directions(read):
            def wrapped():
                if self.pk:  # the details and the related cases both read the directions: load them once
                    prefetch_related_objects([self], "directions")
                return read()

            return Lazy(wrapped)

        context.update(
            directions=with_directions(lambda: list(self.directions.all())),
            related_cases=with_directions(self.related_cases),
            previous_case=Lazy(lambda: neighbours[0]),
            next_case=Lazy(lambda: neighbours[1]),
            attachments=Lazy(lambda: list(self.attachments.select_related("document"))),
        )
        return context


class CaseAttachment(DocumentAttachment):
    """A document attached to a case (PDF, Word, Excel, PowerPoint…)."""

    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("典型案例"))

    @property
    def extension(self):
        return self.document.file_extension.upper() if self.document_id else ""

    @property
    def size(self):
        try:
            return self.document.get_file_size()
        except (OSError, ValueError):
            return None


def sync_moved_case(sender, instance, **kwargs):
    """Keep ``CasePage.studio`` in step when a case is moved to another studio."""
    if isinstance(instance, CasePage) or getattr(instance, "specific_class", None) is CasePage:
        case = CasePage.objects.get(pk=instance.pk)
        case.sync_studio()
        CasePage.objects.filter(pk=case.pk).update(studio_id=case.studio_id)
