"""The vocabularies of running and assessing a studio (建设与考核)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """活动类型: the work carriers the Ministry notice names (二、4)."""

    COMMUNICATION = "communication", _("沟通交流")
    POLICY = "policy", _("政策传导")
    THEORY = "theory", _("理论学习")
    RESEARCH = "research", _("课题研究")
    SEMINAR = "seminar", _("专题研讨")
    SHADOWING = "shadowing", _("跟班见习")
    CLASS_PRACTICE = "class-practice", _("带班实践")
    TRAINING = "training", _("专项培训")
    SHOWCASE = "showcase", _("观摩展示")
    PEER_REVIEW = "peer-review", _("互评互鉴")
    STRESS_RELIEF = "stress-relief", _("压力疏导")
    COMPETITION = "competition", _("班主任能力比赛")


class Level(models.TextChoices):
    """级别 of an award, a competition or an event."""

    SCHOOL = "school", _("校级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("国家级")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    DONE = "done", _("已销账")
    DROPPED = "dropped", _("已取消")


class GrowthKind(models.TextChoices):
    TRAINING = "training", _("培训学习")
    PUBLIC_LESSON = "public-lesson", _("公开课、示范课")
    AWARD = "award", _("表彰获奖")
    COMPETITION = "competition", _("能力比赛")
    PUBLICATION = "publication", _("论文著作")
    MENTORING = "mentoring", _("带教指导")
    RESEARCH = "research", _("课题研究")


class Tier(models.TextChoices):
    """The notice's three tiers of head teachers (标准 四、(二) 2)."""

    QUALIFIED = "qualified", _("合格班主任")
    EXCELLENT = "excellent", _("优秀班主任")
    EXPERT = "expert", _("专家班主任")


class RoundKind(models.TextChoices):
    MIDTERM = "midterm", _("中期检查")
    ANNUAL = "annual", _("年度考核")
    ACCEPTANCE = "acceptance", _("验收")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("评分中")
    FINISHED = "finished", _("已完成")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("填写中")
    SUBMITTED = "submitted", _("已提交")
