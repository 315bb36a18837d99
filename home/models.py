from django.apps import apps
from django.db import models
from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.listing import Lazy
from core.models import SitePage
from core.restrictions import site_pages
from promotions.queries import ministry_promotions


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

        A fixed number of queries, however many studios and updates there are; none when the
        template's fragment of these sections is kept (each value is read when first shown).
        """
        context = super().get_context(request, *args, **kwargs)
        featured_ids = Lazy(lambda: [studio.pk for studio in self.featured_studios.all()])
        context.update(
            latest_notices=Lazy(lambda: apps.get_model("notices", "NoticePage").latest(self.LATEST_NOTICE_COUNT)),
            site_figures=Lazy(self.site_figures),
            featured_studios=Lazy(lambda: self.featured(featured_ids)),
            featured_is_curated=Lazy(lambda: bool(featured_ids)),
            latest_updates=Lazy(self.latest_updates),
            promoted_items=Lazy(lambda: self.get_promoted_items(request)),
        )
        return context

    def featured(self, featured_ids):
        """The curated studios by title, else the newest ones, with what a card shows."""
        studios = apps.get_model("studios", "StudioPage").card_queryset()
        if featured_ids:
            featured = studios.filter(pk__in=list(featured_ids)).order_by("title")
        else:
            featured = studios.order_by("-cycle_start_year", "-first_published_at")
        return list(featured[: self.FEATURED_STUDIO_COUNT])

    def latest_updates(self):
        StudioUpdatePage = apps.get_model("studios", "StudioUpdatePage")
        updates = StudioUpdatePage.objects.live().public().order_by("-date", "-first_published_at")
        return StudioUpdatePage.with_studios(
            updates.select_related("cover").prefetch_related("cover__renditions")[: self.LATEST_UPDATE_COUNT]
        )

    def site_figures(self):
        """``[(label, number)]`` for the home page; cases and resources once they have live pages.

        Two queries: the live public pages counted per page type at once, and the provinces.
        """
        from django.contrib.contenttypes.models import ContentType

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
        return ministry_promotions(self.PROMOTED_COUNT)


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


__all__ = ["HomePage", "InfoPage"]
