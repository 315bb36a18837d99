from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: full-page cache, security headers, health check, logs, backup and restore."""

    name = "ops"
    verbose_name = _("运维")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, media, signals  # noqa: F401

        media.install()
        signals.connect()
        signals.connect_sanitiser()
