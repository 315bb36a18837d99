"""``python manage.py search_worker``: drain the Elasticsearch outbox (``search/outbox.py``).

Runs until stopped (SIGTERM/SIGINT finish the current batch, then exit), polling
every ``--interval`` seconds when idle; ``--once`` drains what is due and exits
(for cron or tests). Exit status 1 when ``--once`` leaves rows behind because the
cluster failed.
"""

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from search import es, outbox


class Command(BaseCommand):
    help = "把检索索引待办操作（outbox）同步到 Elasticsearch：按顺序处理、失败重试并指数退避"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理完当前到期的操作后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="空闲时的轮询间隔（秒，默认 1）")
        parser.add_argument("--batch", type=int, default=500, help="每批处理的操作数（默认 500）")
        parser.add_argument(
            "--retry-now", action="store_true", help="忽略退避时间，立即重试所有待办操作（集群恢复后使用）"
        )

    def handle(self, *args, once=False, interval=1.0, batch=500, retry_now=False, **options):
        if not es.enabled():
            raise CommandError("未配置 ELASTICSEARCH_URL，无需运行检索同步进程。")
        from search.engines.elasticsearch import ElasticsearchEngine

        engine = ElasticsearchEngine()
        if once:
            result = outbox.drain(engine, batch=batch, retry_now=retry_now)
            self._report(result)
            if result.error:
                raise CommandError(f"Elasticsearch 不可用，{outbox.pending_count()} 条操作留待重试：{result.error}")
            return
        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stopping.append(True))
        self.stdout.write(f"检索同步进程已启动：{es.get_config().alias}，待办 {outbox.pending_count()} 条")
        while not stopping:
            result = outbox.drain(engine, batch=batch, retry_now=retry_now)
            retry_now = False
            if result:
                self._report(result)
            if not result or result.error:
                time.sleep(interval)
        self.stdout.write("检索同步进程已停止。")

    def _report(self, result):
        line = f"已同步 {result.applied} 个页面，移除待办 {result.rows} 条，推迟 {result.failed} 个页面；剩余待办 {outbox.pending_count()} 条"
        if result.error:
            line += f"（集群不可用：{result.error[:200]}）"
        self.stdout.write(line)
