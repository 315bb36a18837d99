from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "首页"

    def ready(self):
        from . import structure  # noqa: F401 - registers the site skeleton's builder with core
