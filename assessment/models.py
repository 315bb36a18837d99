"""A studio's year against the 建设标准: the standard, plan and ledger, activities, member
archives, self-evaluation and assessment rounds (考核/验收)."""

import functools
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from core.choices import Province, SchoolType
from promotions.models import ReviewerRole

from .choices import (
    ActivityKind,
    EvaluationStatus,
    GrowthKind,
    Level,
    RoundKind,
    RoundStatus,
    TaskStatus,
    Tier,
)


def year_validators():
    return [MinValueValidator(2000), MaxValueValidator(2100)]


def studio_key(related_name):
    """The studio a record belongs to (every record here belongs to exactly one)."""
    return models.ForeignKey(
        "studios.StudioPage", verbose_name=_("工作室"), on_delete=models.CASCADE, related_name=related_name
    )


# The standard ---------------------------------------------------------------------------


class Standard(models.Model):
    """A construction standard (建设标准), loaded from a data file in ``assessment/data/standards/``."""

    code = models.SlugField(_("代码"), max_length=50, unique=True, help_text=_("数据文件名，如 moe-zz-2022"))
    name = models.CharField(_("名称"), max_length=100, help_text=_("标准的全称"))
    version = models.CharField(_("版本"), max_length=20, help_text=_("发布年份或版本号"))
    source = models.CharField(_("出处"), max_length=200, blank=True, help_text=_("发布文件与文号"))
    weights_note = models.TextField(_("权重说明"), blank=True, help_text=_("分值从何而来"))
    rating_scale = models.JSONField(_("自评等级"), default=list, help_text=_("[代码, 名称] 的列表"))
    verdicts = models.JSONField(_("结论规则"), default=dict, help_text=_("各类考核的分数线与结论"))

    class Meta:
        verbose_name = _("建设标准")
        verbose_name_plural = _("建设标准")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name}（{self.version}）"

    def rating_choices(self):
        return [(code, label) for code, label in self.rating_scale]

    def third_level(self):
        return self.indicators.filter(level=3).order_by("sort_order")

    def verdict_for(self, kind, total):
        """The verdict of an assessment of ``kind`` with weighted ``total`` (0-100)."""
        rules = self.verdicts["acceptance" if kind == RoundKind.ACCEPTANCE else "graded"]
        for threshold, verdict in rules:
            if total >= Decimal(str(threshold)):
                return verdict
        return rules[-1][1]


class Indicator(models.Model):
    """One indicator of a standard: first level (一级), second (二级) or third (三级, scored)."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("建设标准"), on_delete=models.CASCADE, related_name="indicators"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级指标"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("编号"), max_length=20, help_text=_("如 3.3.1"))
    level = models.PositiveSmallIntegerField(_("层级"), help_text=_("1、2 或 3"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("一、二级指标的名称"))
    text = models.TextField(_("指标内容"), blank=True, help_text=_("三级指标的原文"))
    weight = models.DecimalField(_("分值"), max_digits=5, decimal_places=2, default=0, help_text=_("三级指标的满分"))
    evidence_rules = models.JSONField(_("证据来源"), default=dict, blank=True, help_text=_("自动推荐证据的规则"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["standard", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["standard", "code"], name="assessment_indicator_code_unique")]

    def __str__(self):
        if self.level == 3:
            short = self.text if len(self.text) <= 24 else self.text[:24] + "…"
            return f"{self.code} {short}"
        return f"{self.code} {self.name}"

    @property
    def path_label(self):
        """“建设实践 › 组织实施 › 3.3.1” for a third-level indicator."""
        names = []
        node = self.parent
        while node is not None:
            if node.name:
                names.append(node.name)
            node = node.parent
        return " › ".join([*reversed(names), self.code])


class StandardAssignment(models.Model):
    """Which standard applies to which studios: by school type, optionally one province."""

    standard = models.ForeignKey(
        Standard, verbose_name=_("建设标准"), on_delete=models.CASCADE, related_name="assignments"
    )
    school_type = models.CharField(_("学校类型"), max_length=20, choices=SchoolType.choices)
    province = models.CharField(
        _("省份"), max_length=20, choices=Province.choices, blank=True, help_text=_("留空表示全国")
    )

    class Meta:
        verbose_name = _("标准适用范围")
        verbose_name_plural = _("标准适用范围")
        constraints = [models.UniqueConstraint(fields=["school_type", "province"], name="assessment_assignment_unique")]

    def __str__(self):
        where = self.get_province_display() if self.province else "全国"
        return f"{where}{self.get_school_type_display()}：{self.standard}"


def standard_for(studio):
    """The standard that applies to ``studio`` (its province's own first), or ``None``."""
    assignments = StandardAssignment.objects.filter(school_type=studio.school_type).select_related("standard")
    by_province = {a.province: a.standard for a in assignments}
    return by_province.get(studio.province) or by_province.get("")


# Evidence: the studio's own pages or documents -------------------------------------------


class EvidenceFields(models.Model):
    """A link to the studio's own published page or uploaded document, with a note."""

    evidence_page = models.ForeignKey(
        Page,
        verbose_name=_("证据：本工作室的页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("本工作室已发布的工作动态、典型案例、资源或工作手册"),
    )
    evidence_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("证据：上传的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("本工作室文档集合中的文件"),
    )
    evidence_note = models.CharField(_("证据说明"), max_length=200, blank=True, help_text=_("一句话说明证据是什么"))

    class Meta:
        abstract = True

    def has_evidence(self):
        return bool(self.evidence_page_id or self.evidence_document_id)

    parent_key = None  # the ParentalKey whose record names the studio

    def studio_errors(self, studio):
        return self.evidence_errors(studio)

    def parent_studio_errors(self):
        """``studio_errors`` against the parent record's studio (once the row has a parent)."""
        parent = getattr(self, self.parent_key, None) if self.parent_key else None
        if parent is None or not parent.studio_id:
            return {}
        return self.studio_errors(parent.studio)

    def evidence_errors(self, studio):
        """Evidence must be the studio's own: a page below its studio page, a document in its collection."""
        from .evidence import document_belongs, page_belongs

        errors = {}
        if self.evidence_page_id and not page_belongs(self.evidence_page, studio):
            errors["evidence_page"] = _("证据页面必须是本工作室已发布的页面。")
        if self.evidence_document_id and not document_belongs(self.evidence_document, studio):
            errors["evidence_document"] = _("证据文件必须是本工作室文档集合中的文件。")
        return errors


# Plan and ledger -------------------------------------------------------------------------


class AnnualPlan(ClusterableModel):
    """年度工作计划与任务台账 of a studio, with the year-end summary (年终总结)."""

    studio = studio_key("annual_plans")
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators(), help_text=_("计划所属年度"))
    goals = models.TextField(_("年度目标"), help_text=_("本年度的建设目标，每行一条"))
    summary = models.TextField(_("年终总结"), blank=True, help_text=_("可先点“根据台账生成总结草稿”，再修改补充"))

    panels = [
        FieldRowPanel([FieldPanel("studio"), FieldPanel("year")]),
        FieldPanel("goals"),
        InlinePanel("tasks", label=_("任务"), heading=_("任务台账")),
        FieldPanel("summary"),
    ]

    class Meta:
        verbose_name = _("年度计划与台账")
        verbose_name_plural = _("年度计划与台账")
        ordering = ["-year", "studio__title"]
        constraints = [models.UniqueConstraint(fields=["studio", "year"], name="assessment_plan_unique")]

    def __str__(self):
        return f"{self.studio.title} {self.year} 年度计划"

    def clean(self):
        if self.studio_id and self.year:
            clash = AnnualPlan.objects.filter(studio_id=self.studio_id, year=self.year).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"year": _("该工作室这一年度已有计划，请在原计划中修改。")})


class PlanTask(EvidenceFields, Orderable):
    """A task of the ledger: who, by when, for which indicator; closed (销账) with evidence."""

    parent_key = "plan"
    plan = ParentalKey(AnnualPlan, verbose_name=_("年度计划"), on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("任务"), max_length=200, help_text=_("做什么，如“编写班级公约案例集”"))
    owner = models.CharField(_("负责人"), max_length=50, help_text=_("负责的成员姓名"))
    due_date = models.DateField(_("完成期限"))
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("对应指标"),
        on_delete=models.PROTECT,
        related_name="tasks",
        limit_choices_to={"level": 3},
        help_text=_("这项任务落实的三级指标"),
    )
    status = models.CharField(_("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    closed_on = models.DateField(_("销账日期"), null=True, blank=True, help_text=_("任务完成或取消的日期"))

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("owner"), FieldPanel("due_date")]),
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("closed_on")]),
        FieldRowPanel([FieldPanel("evidence_page"), FieldPanel("evidence_document")]),
        FieldPanel("evidence_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("任务")
        verbose_name_plural = _("任务")

    def __str__(self):
        return self.title

    def studio_errors(self, studio):
        errors = self.evidence_errors(studio)
        if self.indicator_id and studio.pk:
            standard = standard_for(studio)
            if standard is not None and self.indicator.standard_id != standard.pk:
                errors["indicator"] = _("请选择适用于本工作室的建设标准中的指标。")
        return errors

    @property
    def is_late(self):
        if self.status == TaskStatus.DONE:
            return bool(self.closed_on and self.closed_on > self.due_date)
        return False

    def clean(self):
        errors = {}
        if self.status == TaskStatus.DONE:
            if not self.has_evidence():
                errors["evidence_page"] = _("销账须附证据：选择本工作室的页面或上传的文件。")
            if not self.closed_on:
                errors["closed_on"] = _("销账须填写销账日期。")
        if self.status == TaskStatus.DROPPED and not self.evidence_note.strip():
            errors["evidence_note"] = _("取消任务须在“证据说明”中写明原因。")
        errors.update(self.parent_studio_errors())
        if errors:
            raise ValidationError(errors)


# Activities and reach --------------------------------------------------------------------


class ActivityQuerySet(models.QuerySet):
    def counted(self):
        """Activities whose reach counts: those recorded on a published 工作动态, and those the
        studio registered on their own (an update's activities stop counting while it is a draft)."""
        return self.filter(models.Q(update_page__isnull=True) | models.Q(update_page__live=True))


@functools.cache
def province_label_map():
    """Every spelling of a province an editor may type (贵州、贵州省) → its full name."""
    names = {}
    for _value, label in Province.choices:
        label = str(label)
        names[label] = label
        short = label
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"):
            if label.endswith(suffix):
                short = label[: -len(suffix)]
                break
        names[short] = label
    return names


def typed_provinces(text):
    """The province names typed in a 覆盖省份 field (顿号, commas or spaces between them)."""
    text = text.replace(",", "、").replace("，", "、").replace(" ", "、")
    return [name.strip() for name in text.split("、") if name.strip()]


@functools.lru_cache(maxsize=1024)
def provinces_reached(text):
    """The full names of the provinces typed (贵州 → 贵州省), as a tuple; unknown names kept as typed."""
    names = province_label_map()
    return tuple(names.get(name, name) for name in typed_provinces(text))


class Activity(models.Model):
    """An activity and its reach (辐射带动). Recorded on the 工作动态 that reports it (the update
    owns it: edited, published and deleted with the page) or registered on its own in the ledger."""

    studio = studio_key("activities")
    title = models.CharField(
        _("活动名称"), max_length=200, blank=True, help_text=_("在工作动态中登记时可留空，使用动态的标题")
    )
    kind = models.CharField(
        _("活动类型"), max_length=30, choices=ActivityKind.choices, help_text=_("通知所列的工作载体")
    )
    date = models.DateField(_("日期"), help_text=_("活动举办的日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True, help_text=_("如：学校德育楼三楼会议室"))
    participants = models.PositiveIntegerField(_("参与人数"), default=0, help_text=_("参加活动的总人数"))
    schools_reached = models.PositiveIntegerField(
        _("覆盖学校数"), default=0, help_text=_("参加者来自多少所学校（含本校）")
    )
    provinces = models.CharField(
        _("覆盖省份"), max_length=200, blank=True, help_text=_("参加者来自的省份，用顿号分隔；只有本省可留空")
    )
    is_public = models.BooleanField(_("面向公众或校外"), default=False, help_text=_("公开课、开放展示、校外培训等"))
    competition_level = models.CharField(
        _("比赛级别"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("活动类型为“班主任能力比赛”时必填"),
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("对应指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        limit_choices_to={"level": 3},
        help_text=_("这次活动落实的三级指标（可不选）"),
    )
    update_page = ParentalKey(
        "studios.StudioUpdatePage",
        verbose_name=_("对应工作动态"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
        help_text=_("报道这次活动的本工作室工作动态"),
    )

    objects = ActivityQuerySet.as_manager()

    # What the 工作动态 editor shows for each activity it records (the studio and the update are
    # the page's own); the ledger's own screen adds the studio and the title.
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("place")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participants"), FieldPanel("schools_reached")]),
                FieldPanel("provinces"),
                FieldRowPanel([FieldPanel("is_public"), FieldPanel("competition_level")]),
            ],
            heading=_("辐射带动"),
        ),
        FieldPanel("indicator"),
    ]

    class Meta:
        verbose_name = _("活动与辐射")
        verbose_name_plural = _("活动与辐射")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} {self.title}"

    def province_list(self):
        """The provinces typed, in their full names where recognised (贵州 → 贵州省)."""
        return list(provinces_reached(self.provinces))

    def clean(self):
        errors = {}
        if not self.title.strip() and self.update_page_id is None and self.studio_id:
            errors["title"] = _("请填写活动名称。")
        if self.schools_reached and self.participants and self.schools_reached > self.participants:
            errors["schools_reached"] = _("覆盖学校数不能多于参与人数。")
        if self.participants and not self.schools_reached:
            errors["schools_reached"] = _("有人参加的活动至少覆盖 1 所学校（本校）。")
        if self.kind == ActivityKind.COMPETITION and not self.competition_level:
            errors["competition_level"] = _("班主任能力比赛须选择比赛级别。")
        if self.competition_level and self.kind != ActivityKind.COMPETITION:
            errors["competition_level"] = _("只有“班主任能力比赛”类活动填写比赛级别。")
        unknown = [name for name in typed_provinces(self.provinces) if name not in province_label_map()]
        if unknown:
            errors["provinces"] = _("不是省级行政区的名称：%(names)s。请用顿号分隔，如“贵州、四川”。") % {
                "names": "、".join(unknown)
            }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # An activity recorded on an update belongs to that update's studio and, untitled, takes its title.
        if self.update_page is not None:
            self.studio = self.update_page.studio
            if not self.title.strip():
                self.title = self.update_page.title
        super().save(*args, **kwargs)


# Member growth archive ------------------------------------------------------------------


class MemberArchive(ClusterableModel):
    """成员成长档案 (标准 三、(三) 2): five aspects, growth records and tier changes. Private."""

    studio = studio_key("member_archives")
    member_name = models.CharField(_("成员姓名"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("成员账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_archives",
        help_text=_("成员本人的后台账号；填写后成员本人可查看、填写自己的档案"),
    )
    knowledge = models.TextField(_("知识储备"), blank=True, help_text=_("学历、专业、相关理论学习"))
    practice = models.TextField(_("实践基础"), blank=True, help_text=_("带班年限、所带班级与主要做法"))
    personality = models.TextField(_("个性特点"), blank=True, help_text=_("性格、擅长与需要补强之处"))
    philosophy = models.TextField(_("工作理念"), blank=True, help_text=_("本人的带班育人理念"))
    wishes = models.TextField(_("发展诉求"), blank=True, help_text=_("未来一至三年的成长目标"))

    panels = [
        FieldRowPanel([FieldPanel("studio"), FieldPanel("member_name"), FieldPanel("user")]),
        MultiFieldPanel(
            [
                FieldPanel("knowledge"),
                FieldPanel("practice"),
                FieldPanel("personality"),
                FieldPanel("philosophy"),
                FieldPanel("wishes"),
            ],
            heading=_("基本情况（五个方面）"),
        ),
        InlinePanel("records", label=_("成长记录"), heading=_("成长记录")),
        InlinePanel("tier_changes", label=_("层级变化"), heading=_("层级变化（合格 / 优秀 / 专家班主任）")),
    ]

    class Meta:
        verbose_name = _("成员成长档案")
        verbose_name_plural = _("成员成长档案")
        ordering = ["studio__title", "member_name"]
        constraints = [models.UniqueConstraint(fields=["studio", "member_name"], name="assessment_archive_unique")]

    def __str__(self):
        return f"{self.member_name}（{self.studio.title}）"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.user_id:
            from .access import ensure_member_access

            ensure_member_access(self.user)

    @property
    def current_tier(self):
        change = self.tier_changes.order_by("-date", "-pk").first()
        return change.get_tier_display() if change else "—"


class GrowthRecord(EvidenceFields, Orderable):
    parent_key = "archive"
    archive = ParentalKey(MemberArchive, verbose_name=_("成长档案"), on_delete=models.CASCADE, related_name="records")
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类别"), max_length=20, choices=GrowthKind.choices)
    level = models.CharField(_("级别"), max_length=20, choices=Level.choices, blank=True)
    title = models.CharField(_("内容"), max_length=200, help_text=_("如：获省级班主任能力比赛二等奖"))

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("level")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("evidence_page"), FieldPanel("evidence_document")]),
        FieldPanel("evidence_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("成长记录")
        verbose_name_plural = _("成长记录")

    def __str__(self):
        return f"{self.date} {self.title}"

    def clean(self):
        errors = self.parent_studio_errors()
        if errors:
            raise ValidationError(errors)


class TierChange(EvidenceFields, Orderable):
    parent_key = "archive"
    archive = ParentalKey(
        MemberArchive, verbose_name=_("成长档案"), on_delete=models.CASCADE, related_name="tier_changes"
    )
    date = models.DateField(_("认定日期"))
    tier = models.CharField(_("层级"), max_length=20, choices=Tier.choices)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("tier")]),
        FieldRowPanel([FieldPanel("evidence_page"), FieldPanel("evidence_document")]),
        FieldPanel("evidence_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("层级变化")
        verbose_name_plural = _("层级变化")

    def __str__(self):
        return f"{self.date} {self.get_tier_display()}"

    def clean(self):
        errors = {}
        if not self.has_evidence() and not self.evidence_note.strip():
            errors["evidence_note"] = _("层级变化须附依据：选择证据或写明认定文件。")
        errors.update(self.parent_studio_errors())
        if errors:
            raise ValidationError(errors)


# Self-evaluation -------------------------------------------------------------------------


class SelfEvaluation(models.Model):
    """A studio's self-evaluation (自评) of a year against its standard."""

    studio = studio_key("self_evaluations")
    standard = models.ForeignKey(Standard, verbose_name=_("建设标准"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators())
    status = models.CharField(
        _("状态"), max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("自评")
        verbose_name_plural = _("自评")
        constraints = [models.UniqueConstraint(fields=["studio", "year"], name="assessment_selfeval_unique")]

    def __str__(self):
        return f"{self.studio.title} {self.year} 年度自评"

    def withdrawal_problem(self):
        """Why this self-evaluation cannot go back to the studio (``None`` if it can): only a
        submitted one, and only until a reviewer has entered a score or a comment for the year."""
        if self.status != EvaluationStatus.SUBMITTED:
            return _("这份自评尚未提交，无需撤回。")
        rounds = AssessmentRound.objects.filter(studio_id=self.studio_id, year=self.year)
        started = rounds.filter(
            models.Q(status=RoundStatus.FINISHED)
            | models.Q(scores__score__isnull=False)
            | (models.Q(scores__comment__gt=""))
        )
        if started.exists():
            return _("审核人员已开始评分，自评不能再撤回；如需更正，请联系发起考核的审核人员。")
        return None


class IndicatorRating(EvidenceFields):
    evaluation = models.ForeignKey(
        SelfEvaluation, verbose_name=_("自评"), on_delete=models.CASCADE, related_name="ratings"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(_("自评等级"), max_length=20, blank=True)
    narrative = models.TextField(_("自评说明"), max_length=500, blank=True, help_text=_("500 字以内"))

    class Meta:
        verbose_name = _("指标自评")
        verbose_name_plural = _("指标自评")
        constraints = [models.UniqueConstraint(fields=["evaluation", "indicator"], name="assessment_rating_unique")]

    def __str__(self):
        return f"{self.indicator.code} {self.rating}"


# Assessment rounds (考核 / 验收) ------------------------------------------------------------


class AssessmentRound(models.Model):
    """One 中期检查, 年度考核 or 验收 of a studio, opened by a school, province or the Ministry."""

    studio = studio_key("assessment_rounds")
    standard = models.ForeignKey(Standard, verbose_name=_("建设标准"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=year_validators())
    kind = models.CharField(_("类别"), max_length=20, choices=RoundKind.choices)
    level = models.CharField(_("组织层级"), max_length=20, help_text=_("school、province 或 ministry"))
    status = models.CharField(_("状态"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    total = models.DecimalField(_("加权总分"), max_digits=6, decimal_places=2, null=True, blank=True)
    verdict = models.CharField(_("结论"), max_length=20, blank=True)
    comment = models.TextField(_("总体意见"), blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("评定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("考核与验收")
        verbose_name_plural = _("考核与验收")
        ordering = ["-year", "-opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["studio", "year", "kind", "level"], name="assessment_round_unique")
        ]

    def __str__(self):
        return f"{self.studio.title} {self.year} {self.get_kind_display()}"

    @property
    def level_label(self):
        return {ReviewerRole.SCHOOL: "学校", ReviewerRole.PROVINCE: "省级", ReviewerRole.MINISTRY: "教育部"}.get(
            self.level, self.level
        )

    @property
    def passed_acceptance(self):
        return self.kind == RoundKind.ACCEPTANCE and self.status == RoundStatus.FINISHED and self.verdict == "通过"


class IndicatorScore(models.Model):
    round = models.ForeignKey(AssessmentRound, verbose_name=_("考核"), on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("得分率"), null=True, blank=True, validators=[MaxValueValidator(100)], help_text=_("0-100，按该指标满分折算")
    )
    comment = models.TextField(_("评审意见"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("指标评分")
        verbose_name_plural = _("指标评分")
        constraints = [models.UniqueConstraint(fields=["round", "indicator"], name="assessment_score_unique")]

    def __str__(self):
        return f"{self.indicator.code} {self.score}"

    @property
    def points(self):
        if self.score is None:
            return None
        return (self.indicator.weight * self.score / Decimal(100)).quantize(Decimal("0.01"))
