from django.apps import apps
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from core.choices import Direction as DirectionChoice
from core.models import SitePage


class Direction(models.Model):
    """One row per 建设方向 in :class:`core.choices.Direction`, created after migrate.

    Studios, cases and resources refer to these rows so that filtering and
    per-value counts are plain SQL joins on every database.
    """

    code = models.CharField(_("代码"), max_length=40, unique=True, choices=DirectionChoice.choices)

    class Meta:
        verbose_name = _("建设方向")
        verbose_name_plural = _("建设方向")
        ordering = ["id"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return DirectionChoice(self.code).label


def ensure_directions(**kwargs):
    """Create the direction rows from the vocabulary, in vocabulary order."""
    for value in DirectionChoice.values:
        Direction.objects.get_or_create(code=value)


class HomePage(SitePage):
    """The site's root page at ``/``."""

    intro = models.CharField(
        _("导语"),
        max_length=300,
        blank=True,
        help_text=_("首页顶部的一句话介绍"),
    )
    about = RichTextField(
        _("平台介绍"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("说明平台是什么、为谁服务"),
    )
    featured_studios = ParentalManyToManyField(
        "studios.StudioPage",
        verbose_name=_("推荐工作室"),
        blank=True,
        related_name="+",
        help_text=_("首页“推荐工作室”栏目展示的工作室；不选则展示最新立项的工作室"),
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "studios.StudioIndexPage",
        "cases.CaseIndexPage",
        "resources.HandbookIndexPage",
        "resources.ResourceIndexPage",
        "notices.NoticeIndexPage",
        "home.InfoPage",
    ]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("about"),
        MultiFieldPanel([FieldPanel("featured_studios")], heading=_("推荐工作室")),
    ]

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")

    def route(self, request, path_components):
        """Wagtail's routing below the home page, with the pages on the path read in one query.

        ``Page.route()`` takes two queries per level (the child by slug, then its specific
        page): seven for a case at ``/studios/<studio>/<case>/``. Here every page on the path
        is read at once by its ``url_path`` (which Wagtail keeps equal to the parent's plus
        the slug), and only the page served is fetched as its specific type. A page type that
        routes its own way (``RoutablePageMixin``, a custom ``route()``) is handed the rest of
        the path exactly as ``Page.route()`` would hand it; a missing page is a 404 as there.
        """
        if not path_components:
            return super().route(request, path_components)
        url_paths = [self.url_path + "/".join(path_components[: n + 1]) + "/" for n in range(len(path_components))]
        found = {page.url_path: page for page in Page.objects.filter(url_path__in=url_paths).descendant_of(self)}
        parent = self
        for n, url_path in enumerate(url_paths):
            page = found.get(url_path)
            if page is None:
                raise Http404
            page._cached_parent_obj = parent  # as Page.route() does: get_parent() needs no query
            remaining = path_components[n + 1 :]
            if not remaining or (page.specific_class or Page).route is not Page.route:
                return page.specific.route(request, remaining)
            parent = page

    FEATURED_STUDIO_COUNT = 6
    LATEST_UPDATE_COUNT = 8
    PROMOTED_COUNT = 6

    LATEST_NOTICE_COUNT = 4

    def get_context(self, request, *args, **kwargs):
        """Site figures, featured studios, the latest notices and updates site-wide and promoted results.

        A fixed number of queries, however many studios and updates there are.
        """
        context = super().get_context(request, *args, **kwargs)
        StudioPage = apps.get_model("studios", "StudioPage")
        StudioUpdatePage = apps.get_model("studios", "StudioUpdatePage")

        featured_ids = [studio.pk for studio in self.featured_studios.all()]
        studios = StudioPage.card_queryset()
        if featured_ids:
            featured = studios.filter(pk__in=featured_ids).order_by("title")
        else:
            featured = studios.order_by("-cycle_start_year", "-first_published_at")
        latest_updates = StudioUpdatePage.objects.live().public().order_by("-date", "-first_published_at")
        latest_updates = StudioUpdatePage.with_studios(
            latest_updates.select_related("cover").prefetch_related("cover__renditions")[: self.LATEST_UPDATE_COUNT]
        )
        context.update(
            latest_notices=apps.get_model("notices", "NoticePage").latest(self.LATEST_NOTICE_COUNT),
            site_figures=self.site_figures(),
            featured_studios=list(featured[: self.FEATURED_STUDIO_COUNT]),
            featured_is_curated=bool(featured_ids),
            latest_updates=latest_updates,
            promoted_items=self.get_promoted_items(request),
        )
        return context

    def site_figures(self):
        """``[(label, number)]`` for the home page; cases and resources once they have live pages.

        Two queries: the live public pages counted per page type at once, and the provinces.
        """
        from django.contrib.contenttypes.models import ContentType

        from core.restrictions import site_pages

        StudioPage = apps.get_model("studios", "StudioPage")
        counted = [
            (_("工作室"), StudioPage, True),
            (_("工作动态"), apps.get_model("studios", "StudioUpdatePage"), True),
        ]
        counted += [
            (_("典型案例"), apps.get_model("cases", "CasePage"), False),
            (_("工作手册"), apps.get_model("resources", "HandbookPage"), False),
            (_("资源"), apps.get_model("resources", "ResourcePage"), False),
        ]
        content_types = ContentType.objects.get_for_models(*(model for _label, model, _always in counted))
        rows = (
            site_pages()
            .live()
            .public()
            .filter(content_type__in=content_types.values())
            .order_by()
            .values_list("content_type")
            .annotate(n=Count("pk"))
        )
        counts = dict(rows)
        provinces = StudioPage.objects.live().public().order_by().values("province").distinct().count()
        figures = []
        for label, model, always in counted:
            count = counts.get(content_types[model].pk, 0)
            if always or count:
                figures.append((label, count))
            if model is StudioPage:
                figures.append((_("覆盖省份"), provinces))
        return figures

    def get_promoted_items(self, request):
        """Ministry-level promoted results (推介成果) for the home page."""
        from promotions.queries import ministry_promotions

        return ministry_promotions(self.PROMOTED_COUNT)


@register_setting(icon="help")
class EditorGuidance(BaseSiteSetting):
    """Pages of the site that the admin points editors to while they write."""

    case_writing_guide = models.ForeignKey(
        Page,
        verbose_name=_("典型案例写作指南"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("编辑典型案例时，“案例类别”旁链接到这一页（如工作手册中讲案例写作的一章）"),
    )

    panels = [PageChooserPanel("case_writing_guide")]

    class Meta:
        verbose_name = _("编辑指引")
        verbose_name_plural = _("编辑指引")

    def case_writing_guide_url(self, request):
        page = self.case_writing_guide
        return page.get_url(request) if page is not None and page.live else None


DEFAULT_SITE_NAME = "班主任工作室成果平台"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Who runs the site and how to reach them: the header, the footer and every page title.

    What Chinese readers check at the foot of an official platform (主办/承办单位, ICP 备案号,
    公安备案号, 联系方式, 网站声明) is edited here by an administrator, never in templates.
    """

    name = models.CharField(
        _("平台名称"), max_length=60, default=DEFAULT_SITE_NAME, help_text=_("页眉、页面标题和分享卡片中的平台名称")
    )
    tagline = models.CharField(
        _("平台标语"),
        max_length=100,
        blank=True,
        default="汇聚培育建设成果，推介典型案例，面向全国推广应用",
        help_text=_("页脚中平台名称下的一句话"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("标志图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("页眉左侧的标志（正方形，至少 96×96 像素）；不填则使用平台默认标志"),
    )
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True, help_text=_("如：某省教育厅"))
    operator = models.CharField(_("承办单位"), max_length=100, blank=True, help_text=_("如：某职业技术学院"))
    icp_number = models.CharField(
        _("ICP 备案号"), max_length=50, blank=True, help_text=_("如：京ICP备12345678号-1；链接到工业和信息化部备案系统")
    )
    police_number = models.CharField(
        _("公安备案号"),
        max_length=50,
        blank=True,
        help_text=_("如：京公网安备11010802012345号；链接到全国公安机关备案网站"),
    )
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True, help_text=_("如：010-12345678"))
    contact_email = models.EmailField(_("联系邮箱"), blank=True, help_text=_("读者来信、内容纠错的邮箱"))
    contact_address = models.CharField(_("通讯地址"), max_length=200, blank=True, help_text=_("单位地址与邮编"))
    statement_page = models.ForeignKey(
        Page,
        verbose_name=_("网站声明"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("版权、免责与隐私说明所在的页面，页脚链接到这里"),
    )

    select_related = ["logo", "statement_page"]

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("tagline"), FieldPanel("logo")], heading=_("平台")),
        MultiFieldPanel(
            [FieldPanel("organizer"), FieldPanel("operator"), FieldPanel("icp_number"), FieldPanel("police_number")],
            heading=_("主办与备案"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
                PageChooserPanel("statement_page"),
            ],
            heading=_("联系与声明"),
        ),
    ]

    class Meta:
        verbose_name = _("平台信息")
        verbose_name_plural = _("平台信息")

    def __str__(self):
        return self.name

    @classmethod
    def name_for(cls, request=None):
        """The platform name of ``request``'s site (of the default site without a request)."""
        if request is not None:
            return cls.for_request(request).name
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site).name if site is not None else DEFAULT_SITE_NAME

    @property
    def police_code(self):
        """The digits of the 公安备案号, which its query link needs."""
        return "".join(ch for ch in self.police_number if ch.isdigit())

    @property
    def statement_url(self):
        page = self.statement_page
        return page.url if page is not None and page.live else ""


class InfoPage(SitePage):
    """A plain page of text below the home page: 网站声明, 关于我们, 联系我们."""

    body = RichTextField(_("正文"), help_text=_("页面正文"))

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("body")]

    page_description = _("网站声明、关于我们等说明性页面")

    class Meta:
        verbose_name = _("说明页面")
        verbose_name_plural = _("说明页面")


__all__ = [
    "DEFAULT_SITE_NAME",
    "Direction",
    "EditorGuidance",
    "HomePage",
    "InfoPage",
    "SiteIdentity",
    "ensure_directions",
]
