from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "首页与公共"

    def ready(self):
        from . import restrictions
        from .models import ensure_directions
        from .structure import ensure_page_root

        restrictions.connect()

        post_migrate.connect(ensure_directions, sender=self)
        post_migrate.connect(ensure_page_root, sender=self)
