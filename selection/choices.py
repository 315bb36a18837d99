"""Vocabularies of a selection round (评选): title ranks, achievement kinds and levels, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleRank(models.IntegerChoices):
    """专业技术职称的层级：高校与中职的职称名称不同，层级相同。"""

    NONE = 0, _("未评职称")
    JUNIOR = 1, _("初级（助教、助理讲师）")
    INTERMEDIATE = 2, _("中级（讲师及相当职称）")
    ASSOCIATE = 3, _("副高级（副教授、高级讲师及相当职称）")
    SENIOR = 4, _("正高级（教授、正高级讲师及相当职称）")


class AchievementLevel(models.IntegerChoices):
    """业绩的级别。"""

    SCHOOL = 1, _("校级")
    CITY = 2, _("市（厅）级")
    PROVINCE = 3, _("省级")
    NATIONAL = 4, _("国家级")


class AchievementKind(models.TextChoices):
    """贵州省 2024 年通知列出的 6 项业绩条件（其他项目可以只取其中几项）。"""

    PERSONAL_HONOUR = "personal-honour", _("个人表彰奖励（优秀教师、先进个人等）")
    CLASS_HONOUR = "class-honour", _("所带班集体荣誉称号")
    RESEARCH = "research", _("教学成果奖、科研成果奖、课题或论文")
    STUDENT_CONTEST = "student-contest", _("指导学生学科竞赛获奖（排名前 2 位）")
    IDEOLOGY_CONTEST = "ideology-contest", _("大思政类比赛获奖")
    SKILLS_CONTEST = "skills-contest", _("实践技能或教育教学技能比赛获奖")


class Status(models.TextChoices):
    """申报书的状态：自主申报 → 学校推荐 → 省级评定 → 公示 → 立项。"""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交，待学校推荐")
    RETURNED = "returned", _("学校退回修改")
    RECOMMENDED = "recommended", _("学校已推荐")
    QUALIFIED = "qualified", _("资格审核通过")
    DISQUALIFIED = "disqualified", _("资格审核未通过")
    PROPOSED = "proposed", _("拟立项（公示）")
    NOT_SELECTED = "not-selected", _("未入选")
    APPROVED = "approved", _("已立项")


# Applications a province handles (after the school recommended them).
PROVINCIAL_STATUSES = [
    Status.RECOMMENDED,
    Status.QUALIFIED,
    Status.DISQUALIFIED,
    Status.PROPOSED,
    Status.NOT_SELECTED,
    Status.APPROVED,
]

# Applications experts may see: only those that passed the 资格审核 (experts are assigned after it).
EXPERT_STATUSES = [Status.QUALIFIED, Status.PROPOSED, Status.NOT_SELECTED, Status.APPROVED]
