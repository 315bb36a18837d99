from django.apps import AppConfig


class StudiosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "studios"
    verbose_name = "工作室"

    def ready(self):
        from ops.signals import scope_pages_by

        from .models import studio_scope

        scope_pages_by(studio_scope)
