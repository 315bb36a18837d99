"""Selection rounds (评选项目), applications (申报书), expert scoring and the 公示.

Applications are plain Django models, not pages: they are never public and never indexed
by search; the only public view of a round is its 公示 page.
"""

import statistics
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from core.choices import ConstructionModel, Direction, Province, SchoolType, StudioLevel

from .choices import AchievementKind, AchievementLevel, Status, TitleRank
from .rules import build_rules, evaluate, hard_failures
from .uploads import validate_evidence


def private_storage():
    """Evidence files live outside MEDIA_ROOT: only the views that check permissions serve them."""
    default = Path(settings.MEDIA_ROOT).parent / "private-media"
    return FileSystemStorage(location=getattr(settings, "SELECTION_PRIVATE_ROOT", default), base_url=None)


class Programme(models.Model):
    """评选项目：一轮评选的发文单位、日程、团队与方向要求、资格条件和评分指标。"""

    title = models.CharField(_("项目名称"), max_length=100, help_text=_("如：2024年贵州省高校班主任工作室评选"))
    slug = models.SlugField(_("网址名"), unique=True, help_text=_("公示页网址中的名字，如 guizhou-2024"))
    issuing_body = models.CharField(_("发文单位"), max_length=100, help_text=_("如：贵州省教育厅办公室"))
    document_number = models.CharField(_("文号"), max_length=50, blank=True, help_text=_("通知的文号，可不填"))
    province = models.CharField(
        _("组织省份"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("组织评审的省份；留空表示由部级管理员组织评审"),
    )
    school_type = models.CharField(_("学校类型"), max_length=20, choices=SchoolType.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    studio_level = models.CharField(
        _("立项级别"), max_length=20, choices=StudioLevel.choices, default=StudioLevel.PROVINCE
    )
    apply_deadline = models.DateField(_("申报截止"), help_text=_("教师提交申报书的最后一天"))
    school_deadline = models.DateField(_("学校推荐截止"), help_text=_("学校推荐或退回的最后一天"))
    review_deadline = models.DateField(_("专家评审截止"), help_text=_("专家提交评分的最后一天"))
    publicity_start = models.DateField(_("公示开始"))
    publicity_end = models.DateField(_("公示结束"), help_text=_("公示期最后一天；之后才能立项"))
    cycle_years = models.PositiveSmallIntegerField(_("建设周期（年）"), default=3, help_text=_("2-3 年"))
    cycle_start_year = models.PositiveSmallIntegerField(_("建设周期开始年份"))
    school_quota = models.PositiveSmallIntegerField(
        _("每校推荐名额"), null=True, blank=True, help_text=_("每所学校最多推荐几项；留空不限")
    )
    rules = models.JSONField(_("资格条件"), default=list, help_text=_("规则列表，见 docs/selection.md"))
    criteria = models.JSONField(
        _("评分指标"), default=list, help_text=_('如 [{"key": "basis", "name": "前期基础", "max": 30}]')
    )
    objection_contact = models.CharField(
        _("异议受理"), max_length=200, blank=True, help_text=_("公示期内受理异议的单位、电话和邮箱")
    )
    notice = models.TextField(_("通知要点"), blank=True, help_text=_("申报页顶部显示的说明"))
    established_at = models.DateTimeField(_("立项时间"), null=True, blank=True, editable=False)
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("立项操作人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    final_review_note = models.TextField(_("党组审议意见"), blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("document_number")]),
        FieldRowPanel([FieldPanel("province"), FieldPanel("school_type"), FieldPanel("studio_level")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("apply_deadline"), FieldPanel("school_deadline")]),
                FieldPanel("review_deadline"),
                FieldRowPanel([FieldPanel("publicity_start"), FieldPanel("publicity_end")]),
            ],
            heading=_("日程"),
        ),
        FieldRowPanel([FieldPanel("cycle_start_year"), FieldPanel("cycle_years"), FieldPanel("school_quota")]),
        FieldPanel("rules"),
        FieldPanel("criteria"),
        FieldPanel("objection_contact"),
        FieldPanel("notice"),
    ]

    class Meta:
        verbose_name = _("评选项目")
        verbose_name_plural = _("评选项目")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        try:
            build_rules(self.rules)
        except ValidationError as exc:
            errors["rules"] = exc.messages
        try:
            self.criteria_list()
        except ValidationError as exc:
            errors["criteria"] = exc.messages
        dates = [
            self.apply_deadline,
            self.school_deadline,
            self.review_deadline,
            self.publicity_start,
            self.publicity_end,
        ]
        if all(dates) and dates != sorted(dates):
            errors["publicity_end"] = _("日程应依次为：申报截止 ≤ 学校推荐截止 ≤ 专家评审截止 ≤ 公示开始 ≤ 公示结束。")
        if not 2 <= (self.cycle_years or 0) <= 3:
            errors["cycle_years"] = _("建设周期应为 2-3 年。")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def rule_objects(self):
        return build_rules(self.rules)

    def criteria_list(self):
        criteria = self.criteria or []
        if not isinstance(criteria, list) or not all(
            isinstance(c, dict) and c.get("key") and c.get("name") and isinstance(c.get("max"), int) and c["max"] > 0
            for c in criteria
        ):
            raise ValidationError(_("评分指标应为列表，每项包含 key、name 和正整数 max。"))
        return criteria

    @property
    def max_score(self):
        return sum(c["max"] for c in self.criteria_list())

    # --- the calendar (dates in the site's time zone) ---

    @staticmethod
    def today():
        return timezone.localdate()

    def accepting_applications(self):
        return self.today() <= self.apply_deadline

    def accepting_recommendations(self):
        return self.today() <= self.school_deadline

    def accepting_scores(self):
        return self.today() <= self.review_deadline

    def in_publicity(self):
        return self.publicity_start <= self.today() <= self.publicity_end

    def publicity_over(self):
        return self.today() > self.publicity_end

    @property
    def organiser_label(self):
        return self.get_province_display() if self.province else "教育部"


def direction_label(code):
    return str(dict(Direction.choices).get(code, code))


class Application(models.Model):
    """申报书：主持人信息与业绩、团队成员、建设方向与模式、建设计划、学校支持。

    Fields may be blank while it is a draft; submitting checks completeness and the programme's rules.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("评选项目"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申报账号"), on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    studio_name = models.CharField(_("工作室名称"), max_length=100, blank=True, help_text=_("如：黔灵班主任工作室"))
    school = models.CharField(_("学校"), max_length=100, blank=True, help_text=_("学校全称，与学校审核员的学校一致"))
    school_type = models.CharField(_("学校类型"), max_length=20, choices=SchoolType.choices, blank=True)
    province = models.CharField(_("省份"), max_length=20, choices=Province.choices, blank=True)
    city = models.CharField(_("城市"), max_length=50, blank=True)

    host_name = models.CharField(_("主持人姓名"), max_length=50, blank=True)
    host_title = models.CharField(_("职称"), max_length=50, blank=True, help_text=_("证书上的职称名称，如：讲师"))
    host_title_rank = models.PositiveSmallIntegerField(
        _("职称层级"), choices=TitleRank.choices, null=True, blank=True, help_text=_("按职称证书选择")
    )
    host_in_post = models.BooleanField(_("在职在岗"), default=False, help_text=_("主持人目前为在职在岗教师"))
    host_years = models.PositiveSmallIntegerField(
        _("连续担任班主任年数"), null=True, blank=True, help_text=_("截至申报截止日连续担任班主任的整年数")
    )
    host_position = models.CharField(_("职务"), max_length=100, blank=True)
    host_phone = models.CharField(_("联系电话"), max_length=30, blank=True, help_text=_("仅学校和省级审核人员可见"))
    host_email = models.EmailField(_("电子邮箱"), blank=True, help_text=_("仅学校和省级审核人员可见"))

    directions = models.JSONField(_("建设方向"), default=list, blank=True, help_text=_("选择 1-3 个"))
    construction_model = models.CharField(_("建设模式"), max_length=30, choices=ConstructionModel.choices, blank=True)
    goals = models.TextField(_("建设目标"), blank=True)
    tasks = models.TextField(_("主要任务"), blank=True)
    outcomes = models.TextField(_("预期成果"), blank=True)
    safeguards = models.TextField(_("保障措施"), blank=True)
    school_support = models.TextField(_("学校支持"), blank=True, help_text=_("配套经费、独立办公场地等"))

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    # 学校推荐（谁推荐、谁负责）
    school_rank = models.PositiveSmallIntegerField(_("校内排序"), null=True, blank=True)
    school_comment = models.TextField(_("学校意见"), blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("推荐人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recommended_at = models.DateTimeField(_("推荐时间"), null=True, blank=True)
    responsibility_confirmed = models.BooleanField(_("已确认“谁推荐、谁负责”"), default=False)

    # 省级评定
    qualification_note = models.TextField(_("资格审核意见"), blank=True)
    qualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    site_visit_notes = models.TextField(_("实地考察记录"), blank=True)
    decision_note = models.TextField(_("评定意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("评定时间"), null=True, blank=True)
    objection = models.TextField(_("公示异议"), blank=True, help_text=_("公示期内收到的异议及处理情况"))
    objection_upheld = models.BooleanField(_("异议成立"), default=False, help_text=_("异议成立的不予立项"))
    studio = models.OneToOneField(
        "studios.StudioPage",
        verbose_name=_("立项的工作室"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        verbose_name = _("申报书")
        verbose_name_plural = _("申报书")
        ordering = ["programme", "school", "school_rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "applicant"], name="selection_one_application_per_applicant")
        ]

    def __str__(self):
        return self.studio_name or f"申报书 {self.pk}"

    # The eligibility panel checks what is on the form before it is saved: the form view sets these.
    unsaved_achievements = None
    unsaved_members = None

    def achievement_list(self):
        if self.unsaved_achievements is not None:
            return self.unsaved_achievements
        return list(self.achievements.all()) if self.pk else []

    def member_list(self):
        if self.unsaved_members is not None:
            return self.unsaved_members
        return list(self.members.all()) if self.pk else []

    @property
    def direction_labels(self):
        return [direction_label(code) for code in self.directions or []]

    def eligibility(self):
        return evaluate(self, self.programme.rule_objects)

    REQUIRED_FOR_SUBMISSION = [
        "studio_name",
        "school",
        "school_type",
        "province",
        "host_name",
        "host_title",
        "construction_model",
        "goals",
        "tasks",
        "outcomes",
        "safeguards",
        "school_support",
    ]

    def submission_problems(self):
        """What stops submitting: empty required fields and failed hard rules, in Chinese."""
        problems = [
            f"请填写“{self._meta.get_field(name).verbose_name}”。"
            for name in self.REQUIRED_FOR_SUBMISSION
            if not getattr(self, name)
        ]
        problems += [f"{result.name}：{result.reason}" for result in hard_failures(self.eligibility())]
        return problems

    @property
    def editable_by_applicant(self):
        if self.status == Status.DRAFT:
            return self.programme.accepting_applications()
        if self.status == Status.RETURNED:
            return self.programme.accepting_recommendations()
        return False

    def submitted_assignments(self):
        return [a for a in self.assignments.all() if a.submitted_at is not None]

    def score(self):
        return aggregate_scores([a.total for a in self.submitted_assignments()])


def aggregate_scores(totals):
    """Mean of the experts' totals; with 5 or more, the highest and lowest are dropped first."""
    totals = sorted(totals)
    if not totals:
        return None
    if len(totals) >= 5:
        totals = totals[1:-1]
    return round(statistics.fmean(totals), 2)


class ApplicationMember(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("姓名"), max_length=50)
    role = models.CharField(_("分工"), max_length=50, blank=True, default="成员", help_text=_("如：副主持人、成员"))
    title = models.CharField(_("职称"), max_length=50, blank=True)
    years = models.PositiveSmallIntegerField(_("班主任年限"), null=True, blank=True)
    unit = models.CharField(_("单位"), max_length=100, blank=True, help_text=_("校外成员填写所在单位"))
    phone = models.CharField(_("联系电话"), max_length=30, blank=True, help_text=_("仅学校和省级审核人员可见"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("团队成员")
        verbose_name_plural = _("团队成员")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


class Achievement(models.Model):
    """主持人的一项业绩及其证明材料。"""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="achievements")
    kind = models.CharField(_("业绩类型"), max_length=30, choices=AchievementKind.choices)
    level = models.PositiveSmallIntegerField(_("级别"), choices=AchievementLevel.choices)
    title = models.CharField(_("名称"), max_length=200, help_text=_("如：2022年贵州省优秀教师"))
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    issuer = models.CharField(_("颁发单位"), max_length=100, blank=True)
    evidence = models.FileField(
        _("证明材料"),
        storage=private_storage,
        upload_to="selection/evidence/%Y/",
        blank=True,
        validators=[validate_evidence],
        help_text=_("PDF、JPG 或 PNG，不超过 5 MB"),
    )
    paper_evidence = models.BooleanField(
        _("纸质证明材料已核验"), default=False, help_text=_("纸质申报导入时，学校已核验证书原件")
    )

    class Meta:
        verbose_name = _("业绩")
        verbose_name_plural = _("业绩")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    @property
    def evidence_filename(self):
        return self.evidence.name.rsplit("/", 1)[-1] if self.evidence else ""


class Expert(models.Model):
    """评审专家：所在学校用于回避（专家不评审本校的申报）。"""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="selection_expert"
    )
    name = models.CharField(_("姓名"), max_length=50)
    school = models.CharField(_("所在单位"), max_length=100, help_text=_("与申报学校相同时自动回避"))
    province = models.CharField(_("省份"), max_length=20, choices=Province.choices, blank=True)
    speciality = models.CharField(_("研究方向"), max_length=100, blank=True)

    panels = [
        FieldPanel("user"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("school")]),
        FieldRowPanel([FieldPanel("province"), FieldPanel("speciality")]),
    ]

    class Meta:
        verbose_name = _("评审专家")
        verbose_name_plural = _("评审专家")

    def __str__(self):
        return f"{self.name}（{self.school}）"

    def conflicts_with(self, application):
        return bool(self.school) and self.school.strip() == (application.school or "").strip()


class Assignment(models.Model):
    """一位专家对一份申报书的评审任务与评分。"""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    scores = models.JSONField(_("分项得分"), default=dict, blank=True)
    comment = models.TextField(_("评审意见"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评审任务")
        verbose_name_plural = _("评审任务")
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="selection_one_assignment")]

    def __str__(self):
        return f"{self.expert.name}评审{self.application}"

    @property
    def total(self):
        return sum(int(v) for v in (self.scores or {}).values())
