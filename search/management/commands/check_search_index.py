"""``python manage.py check_search_index``: compare the Elasticsearch index with the database.

The ``SearchDocument`` rows are the truth. Reports pages missing from the index,
extra documents (no row), and stale ones (content hash differs); ``--fix``
re-indexes / deletes them. Exit status 1 when drift is found without ``--fix``.
Outbox rows not yet applied are listed too: they explain drift that the worker
is about to repair.
"""

from django.core.management.base import BaseCommand, CommandError

from search import es, outbox
from search.engines.elasticsearch import ElasticsearchEngine, compare, repair

SAMPLE = 20


class Command(BaseCommand):
    help = "比对数据库中的检索文档与 Elasticsearch 索引，报告缺失、多余和过期的文档；--fix 修复"

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="修复发现的偏差")

    def handle(self, *args, fix=False, **options):
        if not es.enabled():
            raise CommandError("未配置 ELASTICSEARCH_URL，没有需要比对的外部索引。")
        engine = ElasticsearchEngine()
        if not engine.alias_indices():
            raise CommandError(f"索引别名 {engine.alias} 不存在，请先运行 rebuild_search_index。")
        engine.refresh()
        missing, extra, stale, n_db, n_index = compare(engine)
        self.stdout.write(f"数据库文档 {n_db} 篇，索引文档 {n_index} 篇（{', '.join(engine.alias_indices())}）")
        pending = outbox.pending_count()
        if pending:
            self.stdout.write(f"待同步操作 {pending} 条（search_worker 尚未处理）")
        drift = len(missing) + len(extra) + len(stale)
        for label, ids in (("索引中缺失", missing), ("索引中多余", extra), ("内容过期", stale)):
            if ids:
                sample = "、".join(str(i) for i in ids[:SAMPLE]) + ("……" if len(ids) > SAMPLE else "")
                self.stdout.write(f"{label}：{len(ids)} 篇（页面 ID：{sample}）")
        if not drift:
            self.stdout.write(self.style.SUCCESS("索引与数据库一致。"))
            return
        if not fix:
            raise CommandError(f"发现 {drift} 处偏差，运行 check_search_index --fix 修复。", returncode=1)
        repair(engine, missing, extra, stale)
        missing, extra, stale, *_ = compare(engine)
        left = len(missing) + len(extra) + len(stale)
        if left:
            raise CommandError(f"修复后仍有 {left} 处偏差。", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"已修复 {drift} 处偏差，索引与数据库一致。"))
