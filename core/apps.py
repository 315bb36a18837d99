from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """The base layer: vocabularies, blocks, listings, page bases and helpers every app builds on.

    It imports no project app but ``privacy`` (whose gate every page passes through)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "公共基础"

    def ready(self):
        from . import restrictions
        from .models import ensure_directions
        from .structure import ensure_page_root

        restrictions.connect()
        post_migrate.connect(ensure_directions, sender=self)
        post_migrate.connect(ensure_page_root, sender=self)
