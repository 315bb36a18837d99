from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    label = "sitesearch"
    verbose_name = "全文检索"

    def ready(self):
        from . import signals

        signals.connect()
