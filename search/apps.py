import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


def rebuild_when_analysis_changed(sender, using, verbosity=1, **kwargs):
    """After ``migrate``: rebuild the documents and the index when they were built with
    another analysis (a migration changed what is indexed, or the dictionary or thesaurus
    changed), so an upgrade needs no extra step. Nothing to do on a new, empty database
    beyond recording the current analysis."""
    from django.core.management import call_command
    from django.db import connections

    from . import sync

    if connections[using].vendor not in ("sqlite", "postgresql") or using != "default":
        return
    if sync.index_is_current():
        return
    if verbosity:
        logger.warning("检索索引的分词数据已变化，正在重建索引 …")
    call_command("rebuild_search_index", verbosity=verbosity, stdout=None if verbosity else _Silent())


class _Silent:
    def write(self, *_args, **_kwargs):
        return None

    def flush(self):
        return None


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "sitesearch"
    verbose_name = "全文检索"

    def ready(self):
        from ops.views import reports_status

        from . import es, signals

        signals.connect()
        reports_status("search", es.health)
        post_migrate.connect(
            rebuild_when_analysis_changed, sender=self, dispatch_uid="sitesearch_rebuild_after_migrate"
        )
