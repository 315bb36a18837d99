"""通知公告 and 政策文件: notices and policy documents below the 通知公告 index at /notices/."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.choices import NoticeKind
from core.listing import Facet, FacetedListing, newest_first, parse_year
from core.models import DocumentAttachment, SitePage

NOTICES_PER_PAGE = 20
ORDER = ("-date", "-first_published_at", "-pk")


class NoticeIndexPage(SitePage):
    """The 通知公告 column at ``/notices/``: notices and policy documents, newest first."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("栏目顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.NoticePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("通知公告栏目")
        verbose_name_plural = _("通知公告栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = FacetedListing(
            request,
            NoticePage.objects.child_of(self).live().public(),
            [
                Facet("kind", _("类别"), "kind", choices=NoticeKind.choices),
                Facet("year", _("年度"), "date__year", parse=parse_year, descending=True, label_for=lambda y: f"{y}年"),
            ],
            per_page=NOTICES_PER_PAGE,
            sorts=[newest_first(*ORDER)],
        )
        context.update(listing.context())
        return context


class NoticePage(SitePage):
    """A notice (通知公告) or policy document (政策文件): date, issuing body, text and attachments."""

    kind = models.CharField(
        _("类别"),
        max_length=20,
        choices=NoticeKind.choices,
        default=NoticeKind.NOTICE,
        help_text=_("通知公告或政策文件"),
    )
    date = models.DateField(_("发布日期"), default=datetime.date.today, help_text=_("文件的发布（印发）日期"))
    issuer = models.CharField(_("发文单位"), max_length=100, help_text=_("如：教育部办公厅、某省教育厅"))
    document_number = models.CharField(
        _("文号"), max_length=60, blank=True, help_text=_("如：教职成厅函〔2022〕12号；没有可不填")
    )
    summary = models.CharField(_("摘要"), max_length=200, blank=True, help_text=_("列表和分享卡片中的一两句话"))
    body = RichTextField(_("正文"), help_text=_("通知或文件的正文"))

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = []
    page_description = _("一则通知公告或一份政策文件，可附文件下载")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("document_number")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件"), heading=_("附件")),
    ]

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")
        ordering = ["-date"]

    @classmethod
    def latest(cls, count):
        return list(cls.objects.live().public().order_by(*ORDER)[:count])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = list(self.attachments.select_related("document"))
        return context


class NoticeAttachment(DocumentAttachment):
    """A file attached to a notice (the document itself, forms to fill in…)."""

    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("通知公告"))
