from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class CaseIndexPage(Page):
    """The case library at ``/cases/``."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("案例库顶部的简短介绍"))

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("案例库")
        verbose_name_plural = _("案例库")


class CasePage(Page):
    """A typical case (典型案例), below the studio that owns it."""

    parent_page_types = ["studios.StudioPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
