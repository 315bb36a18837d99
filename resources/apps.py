from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resources"
    verbose_name = "手册与资源"

    def ready(self):
        from . import signals  # noqa: F401
        from .models import ensure_topics

        post_migrate.connect(ensure_topics, sender=self)
