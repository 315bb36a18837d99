"""Studio spaces, reviewer scopes, the scoped review task and promotions (推介)."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import AbstractGroupApprovalTask, Collection, Page, TaskState

from core.choices import ChoiceLabelsMixin, PromotionLevel, Province
from privacy.pages import PrivacyBlocked, privacy_blocking
from studios.models import studio_for_page

from .review import reviewed_url
from .scope import pages_in_scope_q, user_can_review_page

PROMOTABLE_PAGE_TYPES = ["studios.StudioPage", "cases.CasePage", "resources.ResourcePage"]


class ItemType(models.TextChoices):
    """What a promotion points at (for filters and statistics)."""

    STUDIO = "studio", _("工作室")
    CASE = "case", _("典型案例")
    RESOURCE = "resource", _("资源")


ITEM_TYPE_FOR_MODEL = {"studiopage": ItemType.STUDIO, "casepage": ItemType.CASE, "resourcepage": ItemType.RESOURCE}


class ReviewerRole(models.TextChoices):
    SCHOOL = "school", _("学校审核员")
    PROVINCE = "province", _("省级审核员")
    MINISTRY = "ministry", _("部级管理员")


# Promotion levels a reviewer role may award (部级 only by Ministry accounts).
LEVEL_FOR_ROLE = {
    ReviewerRole.SCHOOL: PromotionLevel.SCHOOL,
    ReviewerRole.PROVINCE: PromotionLevel.PROVINCE,
    ReviewerRole.MINISTRY: PromotionLevel.MINISTRY,
}
PROMOTION_LEVEL_CHOICES = [(v, label) for v, label in PromotionLevel.choices if v != PromotionLevel.NONE]


class StudioSpace(models.Model):
    """A studio's editors' group and media collection (created with the studio)."""

    studio = models.OneToOneField(
        "studios.StudioPage", verbose_name=_("工作室"), on_delete=models.CASCADE, related_name="space"
    )
    group = models.OneToOneField(Group, verbose_name=_("编辑组"), on_delete=models.PROTECT, related_name="studio_space")
    collection = models.OneToOneField(
        Collection, verbose_name=_("图片与文档集合"), on_delete=models.PROTECT, related_name="studio_space"
    )

    class Meta:
        verbose_name = _("工作室账号空间")
        verbose_name_plural = _("工作室账号空间")

    def __str__(self):
        return str(self.group)


class ReviewerProfile(models.Model):
    """Who reviews what: a school's reviewers, a province's, or the Ministry."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        help_text=_("审核人员的后台账号"),
    )
    role = models.CharField(_("角色"), max_length=20, choices=ReviewerRole.choices, help_text=_("审核与推介的层级"))
    school = models.CharField(
        _("学校"), max_length=100, blank=True, help_text=_("学校审核员所在学校的全称，须与工作室资料中的学校一致")
    )
    province = models.CharField(
        _("省份"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("学校审核员与省级审核员负责的省级行政区"),
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("school"), FieldPanel("province")]),
    ]

    class Meta:
        verbose_name = _("审核人员")
        verbose_name_plural = _("审核人员")

    def __str__(self):
        return f"{self.user.get_username()}（{self.scope_label}）"

    @property
    def scope_label(self):
        if self.role == ReviewerRole.SCHOOL:
            return f"{self.school}{self.get_role_display()}"
        if self.role == ReviewerRole.PROVINCE:
            return f"{self.get_province_display()}{self.get_role_display()}"
        return str(self.get_role_display())

    def clean(self):
        errors = {}
        if self.role == ReviewerRole.SCHOOL and not self.school.strip():
            errors["school"] = _("学校审核员必须填写学校。")
        if self.role in (ReviewerRole.SCHOOL, ReviewerRole.PROVINCE) and not self.province:
            errors["province"] = _("学校审核员与省级审核员必须选择省份。")
        if errors:
            raise ValidationError(errors)


class TaskScope(models.TextChoices):
    SCHOOL = "school", _("学校审核（本校工作室）")
    PROVINCE = "province", _("省级审核（本省工作室）")


class ScopedGroupApprovalTask(AbstractGroupApprovalTask):
    """Group approval limited to the reviewer's school or province (Ministry accounts: everywhere)."""

    scope = models.CharField(
        _("审核范围"),
        max_length=20,
        choices=TaskScope.choices,
        default=TaskScope.SCHOOL,
        help_text=_("审核人员只能处理本校或本省工作室提交的内容"),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["scope"]

    class Meta:
        verbose_name = _("分级审核任务")
        verbose_name_plural = _("分级审核任务")

    @classmethod
    def get_description(cls):
        return _("所选用户组中、负责该工作室所在学校或省份的审核人员可以审核本步骤")

    def _may_act(self, obj, user):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        return self._user_in_groups(user) and user_can_review_page(user, obj, self.scope)

    def user_can_access_editor(self, obj, user):
        return self._may_act(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_act(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_act(obj, user) and not user.is_superuser

    #: ``(action, label, asks for a comment)``: approving is the first (the editor footer's main button).
    ACTIONS = [
        ("approve", _("审核通过"), False),
        ("approve", _("审核通过并留言"), True),
        ("reject", _("退回修改"), True),
    ]

    def get_actions(self, obj, user):
        if not self._may_act(obj, user):
            return []
        if privacy_blocking(obj):  # only 退回修改: content with students' personal data is never approved
            return [action for action in self.ACTIONS if action[0] != "approve"]
        return list(self.ACTIONS)

    def on_action(self, task_state, user, action_name, **kwargs):
        """Approve or send back, then land the reviewer on 待我审核 with what happened
        (the page's editor, where Wagtail would send them, is closed to them once they have acted)."""
        if action_name == "approve":
            content = task_state.workflow_state.content_object
            blocking = privacy_blocking(content)
            if blocking:
                raise PrivacyBlocked(content, blocking)
        super().on_action(task_state, user, action_name, **kwargs)
        return reviewed_url(task_state)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not self._user_in_groups(user):
            return TaskState.objects.none()
        q = pages_in_scope_q(user, self.scope)
        if q is None:
            return states
        page_ids = Page.objects.filter(q).values_list("pk", flat=True)
        return states.filter(workflow_state__object_id__in=[str(pk) for pk in page_ids])


def current_year():
    return datetime.date.today().year


class Promotion(ChoiceLabelsMixin, models.Model):
    """A published studio, case or resource promoted (推介) at one level in one year."""

    page = models.ForeignKey(
        Page,
        verbose_name=_("推介内容"),
        on_delete=models.CASCADE,
        related_name="promotions",
        help_text=_("已发布的工作室、典型案例或资源"),
    )
    level = models.CharField(
        _("推介级别"),
        max_length=20,
        choices=PROMOTION_LEVEL_CHOICES,
        db_index=True,
        help_text=_("校级由学校审核员推介，省级由省级审核员推介，部级仅限部级管理员"),
    )
    year = models.PositiveSmallIntegerField(
        _("推介年度"),
        default=current_year,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        db_index=True,
        help_text=_("如：2026"),
    )
    batch = models.CharField(_("批次"), max_length=50, blank=True, help_text=_("如：第一批；可不填"))
    note = models.TextField(_("推荐意见"), blank=True, help_text=_("推荐理由与亮点，会在推介页面展示"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("推介人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("做出推介的审核人员，或执行导入的站点管理员"),
    )
    created_at = models.DateTimeField(_("推介时间"), auto_now_add=True, db_index=True)

    # Copied from the page on save, so the hub filters and statistics are plain columns.
    studio = models.ForeignKey(
        "studios.StudioPage",
        verbose_name=_("所属工作室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    item_type = models.CharField(_("内容类型"), max_length=20, choices=ItemType.choices, editable=False)
    province = models.CharField(_("省份"), max_length=20, choices=Province.choices, blank=True, editable=False)
    school = models.CharField(_("学校"), max_length=100, blank=True, editable=False)

    panels = [
        PageChooserPanel("page", page_type=PROMOTABLE_PAGE_TYPES),
        FieldRowPanel([FieldPanel("level"), FieldPanel("year"), FieldPanel("batch")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("推介")
        verbose_name_plural = _("推介")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "level", "year"], name="promotion_unique_page_level_year"),
        ]

    def __str__(self):
        return f"{self.get_level_display()}推介：{self.page.title}（{self.year}）"

    def fill_from_page(self):
        page = self.page.specific
        self.item_type = ITEM_TYPE_FOR_MODEL.get(page._meta.model_name, "")
        studio = studio_for_page(page)
        self.studio = studio
        self.province = studio.province if studio else ""
        self.school = studio.school if studio else ""

    def clean(self):
        super().clean()
        if not self.page_id:
            return
        page = self.page.specific
        if page._meta.model_name not in ITEM_TYPE_FOR_MODEL:
            raise ValidationError({"page": _("只能推介工作室、典型案例或资源。")})
        if not page.live:
            raise ValidationError({"page": _("只能推介已发布的内容。")})

    def save(self, *args, **kwargs):
        if self._state.adding and self.created_by_id is None:
            # Every promotion says who made it: a reviewer, or the administrator who ran an import.
            raise ValueError("推介必须记录推介人（created_by）。")
        self.fill_from_page()
        super().save(*args, **kwargs)
