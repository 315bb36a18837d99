"""RSS 2.0 feeds: site-wide updates, one studio's updates, new typical cases.

(The promotions feed lives in the promotions app.)
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from cases.models import CasePage
from core.models import SiteIdentity
from notices.models import NoticePage
from studios.models import StudioPage, StudioUpdatePage

from .sharing import plain_text, site_root_url

FEED_LENGTH = 30


class PageFeed(Feed):
    """Shared behaviour: absolute page links, plain-text descriptions, publication dates."""

    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        return plain_text(getattr(item, "summary", "")) or plain_text(str(getattr(item, "body", "")))[:200]

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def site_link(self, path="/"):
        return site_root_url(self.request) + path

    section = ""

    def title(self):
        return f"{SiteIdentity.name_for(self.request)} · {self.section}"


def _update_datetime(update):
    """An update's pubDate: its activity date, at midnight Beijing time."""
    return timezone.make_aware(datetime.datetime.combine(update.date, datetime.time()))


class UpdatesFeed(PageFeed):
    """All studios' updates (工作动态), newest activity first."""

    section = "工作动态"
    description = "各地班主任工作室的最新工作动态"

    def link(self):
        return self.site_link("/updates/")

    def items(self):
        return (
            StudioUpdatePage.objects.live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")
            .defer_streamfields()[:FEED_LENGTH]
        )

    def item_description(self, item):
        return plain_text(item.summary)

    def item_pubdate(self, item):
        return _update_datetime(item)

    def item_author_name(self, item):
        return item.get_parent().title

    def item_categories(self, item):
        return [item.get_activity_kind_display()]


class NoticesFeed(PageFeed):
    """通知公告 and 政策文件, newest first."""

    section = "通知公告"
    description = "班主任工作室建设的通知公告与政策文件"

    def link(self):
        return self.site_link("/notices/")

    def items(self):
        return NoticePage.objects.live().public().order_by("-date", "-first_published_at", "-pk")[:FEED_LENGTH]

    def item_description(self, item):
        return plain_text(item.summary) or plain_text(item.body)[:200]

    def item_pubdate(self, item):
        return _update_datetime(item)

    def item_author_name(self, item):
        return item.issuer

    def item_categories(self, item):
        return [item.get_kind_display()]


class StudioUpdatesFeed(UpdatesFeed):
    """One studio's updates, at ``/feeds/studios/<slug>/``."""

    def get_object(self, request, slug):
        studio = StudioPage.objects.live().public().filter(slug=slug).first()
        if studio is None:
            raise Http404("没有这个工作室")
        return studio

    def title(self, obj):
        return f"{obj.title} · 工作动态"

    def description(self, obj):
        return f"{obj.school}{obj.title}的最新工作动态"

    def link(self, obj):
        return obj.get_full_url(self.request)

    def items(self, obj):
        return (
            StudioUpdatePage.objects.child_of(obj)
            .live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")
            .defer_streamfields()[:FEED_LENGTH]
        )

    def item_author_name(self, item):
        return None


class CasesFeed(PageFeed):
    """Newly published typical cases (典型案例)."""

    section = "典型案例"
    description = "新发布的班主任工作典型案例"

    def link(self):
        return self.site_link("/cases/")

    def items(self):
        return (
            CasePage.objects.live().public().order_by("-first_published_at", "-pk").defer_streamfields()[:FEED_LENGTH]
        )

    def item_author_name(self, item):
        return getattr(item, "authors", "") or None

    def item_categories(self, item):
        display = getattr(item, "get_category_display", None)
        return [display()] if display and item.category else []
