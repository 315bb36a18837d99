from django.apps import apps
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction

from privacy.pages import PrivacyCheckedPage

from .choices import ChoiceLabelsMixin
from .choices import Direction as DirectionChoice
from .forms import SitePageForm
from .restrictions import SitePageManager, restricted_sections


class Direction(models.Model):
    """One row per 建设方向 in :class:`home.choices.Direction`, created after migrate.

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


class SitePage(PrivacyCheckedPage, ChoiceLabelsMixin, Page):
    """The base of the site's page types.

    - ``objects.public()`` reads the view restrictions once per request (home.restrictions);
    - serving a page checks its view restrictions without a query when no page of the site
      has one (Wagtail reads the page's ancestors and their restrictions on every view);
    - ``get_<field>_display()`` translates only the label it returns (ChoiceLabelsMixin);
    - no revision with students' personal information is published, by any path (PrivacyCheckedPage).
    """

    objects = SitePageManager()
    base_form_class = SitePageForm

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


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

    def get_context(self, request, *args, **kwargs):
        """Site figures, featured studios, the latest updates site-wide and promoted results.

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

        from .restrictions import site_pages

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


__all__ = ["Direction", "EditorGuidance", "HomePage", "SitePage", "ensure_directions"]


class DocumentAttachment(Orderable):
    """A Wagtail document attached to a page, in the editor's order: a case's attachments
    (``cases.CaseAttachment``) and a resource's files (``resources.ResourceFile``), each
    with the page's ``ParentalKey`` of its own."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("文件"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("上传或选择一个文件：PDF、Word、Excel、PowerPoint 等"),
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True, help_text=_("留空时使用文件标题"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or (self.document.title if self.document_id else "")
