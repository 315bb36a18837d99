"""RSS of new promotions at /promoted/feed/."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from core.models import SiteIdentity

from .queries import LEVEL_LABELS, public_promotions

FEED_SIZE = 30


class PromotionFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{SiteIdentity.name_for(self.request)} · 推介成果"

    link = "/promoted/"
    description = "校级、省级、部级推介的工作室、典型案例与资源，按推介时间由新到旧排列。"
    language = "zh-cn"

    def items(self):
        return public_promotions().order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"【{LEVEL_LABELS[item.level]}推介】{item.page.title}"

    def item_description(self, item):
        parts = [f"{item.year}年{item.batch}" if item.batch else f"{item.year}年"]
        if item.studio and item.studio.pk != item.page_id:
            parts.append(item.studio.title)
        if item.note:
            parts.append(item.note)
        return " · ".join(parts)

    def item_link(self, item):
        return item.page.url or "/"

    def item_guid(self, item):
        return f"promotion-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at
