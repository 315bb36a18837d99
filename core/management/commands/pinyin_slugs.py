"""Give every page with a Chinese slug its pinyin slug; the old addresses redirect to the new.

New pages get pinyin slugs when saved (SitePage.full_clean); this converts the pages saved
before. Wagtail's redirects app records a permanent redirect from the old address of each
page, and of every page below it, when a slug changes (``page_slug_changed``).
"""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from core.slugs import change_slug, needs_pinyin, pinyin_slug


class Command(BaseCommand):
    help = "把中文地址（slug）改为拼音，旧地址自动永久重定向到新地址。"

    def handle(self, *args, **options):
        changed = 0
        # Parents first: a child's new address is built on its parent's.
        for page in Page.objects.filter(depth__gt=1).order_by("depth", "path").specific(defer=True):
            if not needs_pinyin(page.slug):
                continue
            old, page = change_slug(page, pinyin_slug(page.slug) or "page")
            changed += 1
            self.stdout.write(f"{old} → {page.url_path}")
        self.stdout.write(self.style.SUCCESS(f"共改为拼音地址 {changed} 个页面；旧地址已设为永久重定向。"))
