from django.apps import AppConfig


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = "典型案例"

    def ready(self):
        from wagtail.signals import post_page_move

        from .models import sync_moved_case

        post_page_move.connect(sync_moved_case, dispatch_uid="cases.sync_moved_case")
