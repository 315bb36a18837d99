from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyConfirmation(models.Model):
    """An editor's confirmation, on one revision, that the warnings listed use pseudonyms or have
    written consent (“已使用化名或取得书面同意”)."""

    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("版本"),
        on_delete=models.CASCADE,
        related_name="privacy_confirmations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("确认人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now_add=True)
    warnings = models.JSONField(_("确认的提示"), default=list, help_text=_("确认时列出的每一处提示（已遮蔽）"))

    class Meta:
        verbose_name = _("隐私确认")
        verbose_name_plural = _("隐私确认")
        ordering = ["-confirmed_at", "-pk"]

    def __str__(self):
        return f"{self.user}：已使用化名或取得书面同意（{len(self.warnings)} 处）"


class PrivacyCheck(models.Model):
    """What the privacy check found in one revision, stored when the revision is saved, so that
    lists of submissions (待我审核) show it without checking every page again."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", verbose_name=_("版本"), on_delete=models.CASCADE, related_name="privacy_check"
    )
    blocking = models.JSONField(_("须删除"), default=list, help_text=_("每一处须删除的信息（已遮蔽）"))
    warnings = models.JSONField(_("须确认"), default=list, help_text=_("每一处须确认的提示（已遮蔽）"))
    checked_at = models.DateTimeField(_("检查时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("隐私检查结果")
        verbose_name_plural = _("隐私检查结果")

    def __str__(self):
        return f"须删除 {len(self.blocking)} 处，须确认 {len(self.warnings)} 处"
