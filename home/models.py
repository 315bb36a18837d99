from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .choices import Direction as DirectionChoice


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


class HomePage(Page):
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


__all__ = ["Direction", "HomePage", "ensure_directions"]
