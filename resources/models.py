from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HandbookIndexPage(Page):
    """The handbook shelf at ``/handbooks/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("手册栏目顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("工作手册栏目")
        verbose_name_plural = _("工作手册栏目")


class ResourceIndexPage(Page):
    """The resource library at ``/resources/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("资源库顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("资源库")
        verbose_name_plural = _("资源库")


class HandbookPage(Page):
    """A head-teacher handbook (班主任工作手册/指南) made of chapters."""

    parent_page_types = ["studios.StudioPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("工作手册")
        verbose_name_plural = _("工作手册")


class ResourcePage(Page):
    """A resource (方案、制度、课件、视频……) of a studio."""

    parent_page_types = ["studios.StudioPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("资源")
        verbose_name_plural = _("资源")
