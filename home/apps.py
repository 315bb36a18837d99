from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "首页与公共"

    def ready(self):
        from . import structure  # noqa: F401 - registers the site skeleton's builder with core
        from .models import ensure_directions

        post_migrate.connect(ensure_directions, sender=self)
