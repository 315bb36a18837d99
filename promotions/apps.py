from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PromotionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "promotions"
    verbose_name = "审核与推介"

    def ready(self):
        from cases.importer import record_promotions_with

        from . import signals  # noqa: F401
        from .notifications import connect_scoped_submission_notifier
        from .records import ImportedPromotions

        connect_scoped_submission_notifier()
        record_promotions_with(ImportedPromotions)

        post_migrate.connect(signals.after_migrate, sender=self)
