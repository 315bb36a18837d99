"""``python manage.py rebuild_search_index``: recreate every search document and the index."""

import time

from django.core.management.base import BaseCommand

from search import es, sync
from search.documents import count_indexable
from search.engines import get_engine


class Command(BaseCommand):
    help = "重建全文检索索引（已发布且公开的工作室、动态、案例、手册及章节、资源）"

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=None, help="分词进程数（默认为 CPU 核数）")
        parser.add_argument(
            "--elasticsearch-only",
            action="store_true",
            help="只重建 Elasticsearch 索引（从现有检索文档建新索引后切换别名，例如映射变更后）",
        )

    def handle(self, *args, workers=None, elasticsearch_only=False, **options):
        if elasticsearch_only or es.enabled():  # search/engines/elasticsearch.py: alias swap
            from search.engines.elasticsearch import rebuild_index

            if elasticsearch_only:
                rebuild_index(self.stdout.write)
                return
        total = count_indexable()
        engine = get_engine()
        self.stdout.write(f"检索引擎：{engine.name}；待索引页面：{total}")
        start = time.perf_counter()
        last = [0.0]

        def progress(done):
            now = time.perf_counter()
            if done >= total or now - last[0] >= 1:
                last[0] = now
                self.stdout.write(f"已索引 {done}/{total}")

        done = sync.rebuild(progress=progress, workers=workers)
        elapsed = time.perf_counter() - start
        rate = done / elapsed if elapsed else 0
        self.stdout.write(self.style.SUCCESS(f"完成：{done} 篇文档，用时 {elapsed:.1f} 秒（{rate:.0f} 篇/秒）"))
        if es.enabled():
            rebuild_index(self.stdout.write)
