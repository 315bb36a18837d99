from django.apps import AppConfig


class OutreachConfig(AppConfig):
    """Results travel: reporting spreadsheets, feeds, API, sharing and SEO."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"
    verbose_name = "成果传播"
