import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.choices import (
    ConstructionModel,
    Direction,
    Province,
    SchoolType,
    StudioLevel,
    StudioStatus,
    WorkCarrier,
)
from core.listing import Facet, FacetedListing, Lazy, by_promotion, newest_first
from core.models import SitePage
from core.slugs import short_studio_name
from privacy.panels import privacy_panel

from .forms import StudioPageForm
from .rules import studio_rule_errors

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link"]


def current_year():
    return datetime.date.today().year


class StudioIndexPage(SitePage):
    """The studio directory at ``/studios/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("目录页顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["studios.StudioPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("工作室目录")
        verbose_name_plural = _("工作室目录")

    PER_PAGE = 12

    def facets(self):
        return [
            Facet("province", _("省份"), "province", choices=Province.choices),
            Facet("school_type", _("学校类型"), "school_type", choices=SchoolType.choices),
            Facet("direction", _("建设方向"), "directions__code", choices=Direction.choices),
            Facet("level", _("工作室级别"), "level", choices=StudioLevel.choices),
        ]

    def get_context(self, request, *args, **kwargs):
        """Studio cards filtered by province, school type, direction and level (see core.listing)."""
        context = super().get_context(request, *args, **kwargs)
        listing = FacetedListing(
            request,
            StudioPage.card_queryset().child_of(self),
            self.facets(),
            per_page=self.PER_PAGE,
            sorts=[newest_first("-cycle_start_year", "title"), by_promotion("-cycle_start_year", "title")],
        )
        context.update(listing.context())
        return context


class StudioPage(SitePage):
    """A head-teacher studio's profile (工作室), at ``/studios/<slug>/``."""

    school = models.CharField(_("学校"), max_length=100, help_text=_("工作室所在学校的全称"))
    school_type = models.CharField(_("学校类型"), max_length=20, choices=SchoolType.choices, help_text=_("中职或高校"))
    province = models.CharField(
        _("省份"), max_length=20, choices=Province.choices, db_index=True, help_text=_("学校所在省级行政区")
    )
    city = models.CharField(_("城市"), max_length=50, blank=True, help_text=_("学校所在地市"))
    level = models.CharField(
        _("工作室级别"), max_length=20, choices=StudioLevel.choices, default=StudioLevel.SCHOOL, help_text=_("立项级别")
    )
    status = models.CharField(
        _("建设状态"),
        max_length=20,
        choices=StudioStatus.choices,
        default=StudioStatus.BUILDING,
        help_text=_("申报中 → 学校推荐 → 已立项（建设中） → 已验收"),
    )
    cycle_start_year = models.PositiveSmallIntegerField(
        _("立项年份"),
        default=current_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("建设周期开始的年份"),
    )
    cycle_years = models.PositiveSmallIntegerField(_("建设周期（年）"), default=3, help_text=_("建设周期为 2-3 年"))
    construction_model = models.CharField(
        _("建设模式"), max_length=30, choices=ConstructionModel.choices, help_text=_("工作室采用的建设模式")
    )
    directions = ParentalManyToManyField(
        "core.Direction", verbose_name=_("建设方向"), related_name="studios", help_text=_("选择 1-3 个建设方向")
    )

    host_name = models.CharField(_("主持人"), max_length=50, help_text=_("主持人姓名"))
    host_title = models.CharField(_("主持人职称"), max_length=50, blank=True, help_text=_("如：讲师、高级讲师、副教授"))
    host_years = models.PositiveSmallIntegerField(
        _("主持人班主任年限"), null=True, blank=True, help_text=_("连续担任班主任的年数")
    )
    host_honours = models.TextField(_("主持人荣誉"), blank=True, help_text=_("每行一项荣誉或业绩"))
    host_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("主持人照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("建议使用正面半身照"),
    )

    introduction = RichTextField(
        _("简介"), blank=True, features=RICH_FEATURES, help_text=_("工作室的基本情况与建设目标")
    )
    philosophy = RichTextField(
        _("理念与文化"), blank=True, features=RICH_FEATURES, help_text=_("育人理念、工作室文化与品牌")
    )
    work_carriers = models.JSONField(_("工作载体"), default=list, blank=True, help_text=_("工作室常用的工作载体"))
    carriers_note = models.TextField(_("工作载体说明"), blank=True, help_text=_("对工作载体和特色品牌活动的补充说明"))

    wechat_account = models.CharField(_("微信公众号"), max_length=100, blank=True, help_text=_("公众号名称"))
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("公众号二维码"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("公众号二维码图片"),
    )
    video_account = models.CharField(_("短视频号"), max_length=100, blank=True, help_text=_("视频号、抖音号等名称"))
    website = models.URLField(_("网站"), blank=True, help_text=_("工作室网站或专栏地址"))

    search_fields = Page.search_fields + [
        index.SearchField("school"),
        index.SearchField("host_name"),
        index.SearchField("introduction"),
        index.SearchField("philosophy"),
        index.FilterField("province"),
        index.FilterField("school_type"),
        index.FilterField("level"),
    ]

    page_description = _("一个班主任工作室的资料：学校、主持人与成员、建设方向和工作载体。")
    parent_page_types = ["studios.StudioIndexPage"]
    subpage_types = ["studios.StudioUpdatePage", "cases.CasePage", "resources.ResourcePage", "resources.HandbookPage"]
    base_form_class = StudioPageForm
    privacy_work_contacts_allowed = True  # the studio's own office contact is public, not a student's data

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("school"), FieldPanel("school_type")]),
                FieldRowPanel([FieldPanel("province"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("level"), FieldPanel("status")]),
            ],
            heading=_("学校与级别"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cycle_start_year"), FieldPanel("cycle_years")]),
                FieldPanel("construction_model"),
                FieldPanel("directions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("建设情况"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("host_name"), FieldPanel("host_title"), FieldPanel("host_years")]),
                FieldPanel("host_honours"),
                FieldPanel("host_photo"),
            ],
            heading=_("主持人"),
        ),
        InlinePanel("members", label=_("团队成员"), heading=_("团队成员（5-10 人）")),
        FieldPanel("introduction"),
        FieldPanel("philosophy"),
        MultiFieldPanel([FieldPanel("work_carriers"), FieldPanel("carriers_note")], heading=_("工作载体")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("wechat_account"), FieldPanel("wechat_qr")]),
                FieldRowPanel([FieldPanel("video_account"), FieldPanel("website")]),
            ],
            heading=_("宣传平台"),
        ),
        privacy_panel(),
    ]

    class Meta:
        verbose_name = _("工作室")
        verbose_name_plural = _("工作室")

    def slug_text(self):
        return short_studio_name(self.title)  # /studios/jia-xiao-qiao/, not …-ban-zhu-ren-gong-zuo

    def clean(self):
        super().clean()
        # The admin form hands over what the editor submitted (see StudioPageForm);
        # elsewhere (imports, API, code) the in-memory relations are counted.
        counts = dict(getattr(self, "_submitted_rule_counts", {}))
        counts.setdefault("member_count", len(self.members.all()))
        counts.setdefault("direction_count", len(self.directions.all()))
        errors = studio_rule_errors(cycle_years=self.cycle_years, **counts)
        if "members" in errors:
            errors[NON_FIELD_ERRORS] = errors.pop("members")
        if errors:
            raise ValidationError(errors)

    @property
    def name(self):
        return self.title

    UPDATES_PER_PAGE = 10

    @classmethod
    def card_queryset(cls):
        """Live public studios with what a studio card shows, in a fixed number of queries.

        ``member_count`` is a subquery (not a JOIN) so facet counts and filters stay exact.
        """
        member_count = (
            StudioMember.objects.filter(studio=OuterRef("pk"))
            .order_by()
            .values("studio")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            cls.objects.live()
            .public()
            .annotate(member_count=Coalesce(Subquery(member_count, output_field=IntegerField()), 0))
            .prefetch_related("directions")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        updates = (
            StudioUpdatePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("cover")
            .prefetch_related("cover__renditions")
            .order_by("-date", "-first_published_at")
        )
        # One count query: the page number shown keys the page's fragment (the updates are read
        # only when it is rendered, as are the members and the directions).
        page_obj = Paginator(updates, self.UPDATES_PER_PAGE).get_page(request.GET.get("page"))

        def members():
            if self.pk:  # the header and the facts panel both list the directions: load them once
                prefetch_related_objects([self], "directions")
            return list(self.members.all())

        context.update(updates_page=page_obj, page_obj=page_obj, query_params="", members=Lazy(members))
        return context

    @property
    def host_honour_list(self):
        return [line.strip() for line in (self.host_honours or "").splitlines() if line.strip()]

    @property
    def cycle_end_year(self):
        return self.cycle_start_year + self.cycle_years

    @cached_property
    def direction_labels(self):
        return [d.label for d in self.directions.all()]

    @property
    def work_carrier_labels(self):
        labels = dict(WorkCarrier.choices)
        return [str(labels.get(value, value)) for value in self.work_carriers or []]


def studio_for_page(page):
    """The StudioPage that owns ``page`` (the page itself if it is a studio), or ``None``."""
    if page is None:
        return None
    if isinstance(page, StudioPage):
        return page
    steplen = page.steplen
    ancestor_paths = [page.path[:n] for n in range(steplen, len(page.path) + 1, steplen)]
    return StudioPage.objects.filter(path__in=ancestor_paths).first()


def studio_scope(page):
    """The page cache's fragment scope (``ops.pagecache``) of a page in a studio's space, or ``None``."""
    studio = studio_for_page(page)
    return f"studio:{studio.pk}" if studio is not None else None


class StudioMember(Orderable):
    """A member of a studio's team (5-10 per studio)."""

    studio = ParentalKey(StudioPage, on_delete=models.CASCADE, related_name="members", verbose_name=_("工作室"))
    name = models.CharField(_("姓名"), max_length=50, help_text=_("成员姓名"))
    role = models.CharField(
        _("角色"), max_length=50, blank=True, default="成员", help_text=_("如：副主持人、核心成员、成员、校外专家")
    )
    title = models.CharField(_("职称"), max_length=50, blank=True, help_text=_("专业技术职称"))
    subject = models.CharField(_("任教学科/专业"), max_length=50, blank=True, help_text=_("任教课程或专业"))
    years = models.PositiveSmallIntegerField(_("班主任年限"), null=True, blank=True, help_text=_("担任班主任的年数"))

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("subject"), FieldPanel("years")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("团队成员")
        verbose_name_plural = _("团队成员")

    def __str__(self):
        return self.name


class StudioUpdatePage(SitePage):
    """A studio's activity update (工作动态), below its studio page."""

    date = models.DateField(_("活动日期"), default=datetime.date.today, help_text=_("活动举办的日期"))
    activity_kind = models.CharField(
        _("活动类型"),
        max_length=30,
        choices=WorkCarrier.choices,
        default=WorkCarrier.SEMINAR,
        help_text=_("主题班会、专题研讨、学术沙龙等"),
    )
    summary = models.CharField(_("摘要"), max_length=200, blank=True, help_text=_("列表中显示的一两句话，200 字以内"))
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("列表与分享时显示的图片"),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("正文"), blank=True, help_text=_("活动的经过、成效与反思"))

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("activity_kind"),
    ]

    page_description = _("工作室的一次活动：日期、经过和照片，发布后出现在工作室主页的“工作动态”里。")
    parent_page_types = ["studios.StudioPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("activity_kind")]),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("图片"), heading=_("活动图集")),
        # The activity records (type, place, participants, schools and provinces reached) that the
        # 建设台账 and /stats/ count: the update owns them, so they publish and unpublish with it.
        InlinePanel(
            "activities",
            label=_("活动"),
            heading=_("活动与辐射带动"),
            help_text=_("登记这篇动态报道的活动：参与人数、覆盖学校和省份计入工作室的辐射带动统计，发布后生效"),
        ),
        privacy_panel(),
    ]

    class Meta:
        verbose_name = _("工作动态")
        verbose_name_plural = _("工作动态")
        ordering = ["-date"]

    @cached_property
    def studio(self):
        return self.get_parent().specific

    MORE_UPDATES_COUNT = 5

    @classmethod
    def site_wide(cls):
        """Every published update, with its studio's province as ``studio_province`` (the studio
        is the parent page, found by path) for the site-wide 工作动态 listing's facets."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - cls.steplen)
        province = StudioPage.objects.filter(path=parent_path).values("province")[:1]
        return (
            cls.objects.live()
            .public()
            .defer_streamfields()
            .select_related("cover")
            .prefetch_related("cover__renditions")
            .annotate(studio_province=Subquery(province))
        )

    @classmethod
    def with_studios(cls, updates):
        """Evaluate ``updates`` and attach each one's studio with one query (for site-wide lists)."""
        updates = list(updates)
        parent_paths = {update.path[: -cls.steplen] for update in updates}
        studios = {studio.path: studio for studio in StudioPage.objects.filter(path__in=parent_paths)}
        for update in updates:
            studio = studios.get(update.path[: -cls.steplen])
            if studio is not None:
                update.__dict__["studio"] = studio
        return updates

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = StudioUpdatePage.objects.sibling_of(self, inclusive=False).live().public()
        older, newer = Q(date__lt=self.date), Q(date__gt=self.date)
        if self.pk is not None:  # a preview of a new update has no pk yet
            older |= Q(date=self.date, pk__lt=self.pk)
            newer |= Q(date=self.date, pk__gt=self.pk)
        context.update(
            studio=self.studio,
            gallery=self.gallery_images.select_related("image").prefetch_related("image__renditions"),
            previous_update=siblings.filter(older).order_by("-date", "-pk").first(),
            next_update=siblings.filter(newer).order_by("date", "pk").first(),
            more_updates=siblings.order_by("-date", "-first_published_at")[: self.MORE_UPDATES_COUNT],
        )
        return context


class StudioUpdateGalleryImage(Orderable):
    page = ParentalKey(
        StudioUpdatePage, on_delete=models.CASCADE, related_name="gallery_images", verbose_name=_("工作动态")
    )
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("图集图片")
        verbose_name_plural = _("图集图片")
